package builder

import (
	"strconv"

	"github.com/piao-pa/piao/builder/plan"
)

// searchFileNames is the search index of site as piao check needs it: the
// names of its files, which the rules of output names judge, and its
// folder, which the search page links; not a word is indexed and the files
// are empty. Every name of the index is there but the term shards' (tN):
// their number is known only once every term is, and a name of that shape,
// beside the documents' chunks (dN) in a folder of the index's own, breaks
// no rule of names that those do not. The folder is named after the names,
// not the content.
func searchFileNames(site *plan.Site) *searchOutput {
	facets := map[string]bool{facetRevised: true}
	docs := 0
	add := func(kind int, keys []string) {
		docs++
		facets[kindFacet(kind)] = true
		for _, k := range keys {
			facets[k] = true
		}
	}
	for _, p := range site.Plans {
		for _, k := range declaredFacets(p) {
			facets[k] = true
		}
		sheets := p.Sheets()
		keys := make([][][]string, len(sheets)) // each sheet's documents' facets
		parallelFor(len(sheets), func(i int) {
			s := sheets[i]
			keys[i] = append(keys[i], sheetDocFacets(s))
			for _, ind := range s.Indicators() {
				keys[i] = append(keys[i], indicatorDocFacets(s, ind))
			}
		})
		for i, s := range sheets {
			kind := docStrategic
			if s.Kind == plan.Operational {
				kind = docOperational
			}
			add(kind, keys[i][0])
			for _, k := range keys[i][1:] {
				add(docIndicator, k)
			}
		}
		for range p.Revisioni {
			add(docRevision, []string{planFacet(p)})
		}
		for range p.Sezioni {
			add(docSection, []string{planFacet(p)})
		}
	}
	files := map[string][]byte{"indice": nil}
	for i := 0; i*docsPerChunk < docs; i++ {
		files["d"+strconv.Itoa(i)] = nil
	}
	for k := range facets {
		files["f_"+k] = nil
	}
	out := placeSearchFiles(files, nil)
	out.Facets = facets
	return out
}
