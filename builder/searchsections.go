package builder

import (
	"github.com/piao-pa/piao/builder/plan"
)

// This file indexes the narrative sections for search, each a document of
// its own kind (a "lavoro agile" or a "parità di genere" that only the
// prose of the plan names is found there), and gives every document the
// facet of its kind, so that the search page filters by kind: sheets,
// indicators, revisions or sections.

// prepareSection makes the document of a narrative section: its title,
// its text, the passages revisions replaced or removed (as history), and
// the acts and words of what revisions did to it.
func prepareSection(w *words, pi int, s *plan.Section) preparedDoc {
	p := s.Plan
	d := &docTerms{weight: map[string]int{}, words: w, plan: p}
	d.add(weightTitle, s.Titolo.S)
	d.show(weightField, "", w.doc.Text(s.Body, nil))
	var ids []string
	for _, a := range s.Modifiche {
		if a.Precedente.S != "" {
			d.show(weightHistory, w.T("search.previousText"), a.Precedente.S)
		}
		ids = append(ids, a.Revisione.S)
	}
	d.addRevisions(p, append([]string{s.Inserita.S, s.Stralcio.S}, ids...), len(s.Modifiche) > 0, s.Removed(), s.Added(), nil)
	doc := searchDoc{URL: narrativePath(s), Title: s.Titolo.S, Kind: docSection, Plan: pi}
	switch {
	case s.Removed():
		doc.Status = docRemoved
	case s.Added():
		doc.Status = docAdded
	case len(s.Modifiche) > 0:
		doc.Status = docRevised
	}
	return preparedDoc{doc: doc, terms: d, facets: []string{planFacet(p)}}
}

// kindFacet is the facet of the documents of a kind: "k_0" … "k_4", the
// numbers of the documents' kinds (search.js names them with its words).
func kindFacet(kind int) string {
	if kind >= 0 && kind < len(kindFacets) {
		return kindFacets[kind] // made once: every document of the index asks
	}
	return "k_" + string(rune('0'+kind))
}

// kindFacets are the facets of the kinds 0 to 9.
var kindFacets = func() (f [10]string) {
	for k := range f {
		f[k] = "k_" + string(rune('0'+k))
	}
	return f
}()

// searchKinds lists the kinds of document the index holds, for the search
// page's filter: only those some plan has.
func searchKinds(site *plan.Site) []int {
	has := map[int]bool{}
	for _, p := range site.Plans {
		has[docStrategic] = has[docStrategic] || len(p.Strategic) > 0
		has[docOperational] = has[docOperational] || len(p.Operational) > 0
		has[docRevision] = has[docRevision] || len(p.Revisioni) > 0
		has[docSection] = has[docSection] || len(p.Sezioni) > 0
		for _, s := range p.Sheets() {
			has[docIndicator] = has[docIndicator] || len(s.Indicatori) > 0
		}
	}
	var out []int
	for k := docStrategic; k <= docSection; k++ {
		if has[k] {
			out = append(out, k)
		}
	}
	return out
}

// kindOptions are the options of the search page's filter by kind, named
// as the plans name their levels.
func kindOptions(site *plan.Site, w *words) []option {
	var p *plan.Plan
	if len(site.Plans) > 0 {
		p = site.Plans[0]
	}
	var out []option
	for _, k := range searchKinds(site) {
		label := kindLabel(w, k)
		switch l := w.Level(p, "obiettivo_strategico"); {
		case k == docStrategic && l.Renamed && p.HasObjectives():
			label = l.Many
		case k == docOperational && w.Level(p, "obiettivo_operativo").Renamed:
			label = w.Level(p, "obiettivo_operativo").Many
		}
		out = append(out, option{kindFacet(k), label})
	}
	return out
}

// kindLabel names a kind of document in the search page's filter.
func kindLabel(w *words, kind int) string {
	switch kind {
	case docStrategic:
		return w.T("search.filter.kind.strategic")
	case docOperational:
		return w.T("search.filter.kind.operational")
	case docIndicator:
		return w.T("search.filter.kind.indicator")
	case docRevision:
		return w.T("search.filter.kind.revision")
	}
	return w.T("search.filter.kind.section")
}
