package builder

import (
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/textnorm"
)

// This file holds what the search page and the search box in every
// page's header need: the page itself, the links to it and to the index
// files, and the options of its filters, whose values are the facet keys
// of search.go.

// searchPage is the site's search page.
func searchPage(model *plan.Site) *page {
	pg := &page{Kind: "search", Path: searchPagePath, Title: "Cerca"}
	pg.Crumbs = []crumb{{Title: "Home", URL: homePath()}, {Title: "Cerca"}}
	if len(model.Plans) > 0 {
		pg.Plan = model.Plans[0]
		pg.Published, pg.Updated = oldestPublished(model.Plans), model.Plans[0].Updated()
	}
	return pg
}

// SearchURL links to the search page.
func (pg *page) SearchURL() string { return pg.Rel(searchPagePath) }

// SearchData links to the folder of the search index files, with a
// trailing slash.
func (pg *page) SearchData() string {
	const probe = "indice.js"
	return strings.TrimSuffix(pg.Rel(pg.r.search.Dir+"/"+probe), probe)
}

// Root links to the site's root folder: "" or "../" and so on.
func (pg *page) Root() string { return strings.TrimSuffix(pg.Home(), indexFile) }

type option struct{ Value, Label string }

type optionGroup struct {
	Label   string
	Options []option
}

// searchFilters are the options of the search page's filters.
type searchFilters struct {
	Plans               []option
	Areas, Units, Lines []optionGroup
	Typologies          []option
}

// SearchFilters lists the plans, areas, units, lines and typologies to
// filter by.
func (pg *page) SearchFilters() searchFilters {
	var f searchFilters
	typologies := map[string]string{}
	for _, p := range pg.Site.Plans {
		f.Plans = append(f.Plans, option{planFacet(p), p.Titolo.S})
		areas, units, lines := optionGroup{Label: p.Titolo.S}, optionGroup{Label: p.Titolo.S}, optionGroup{Label: p.Titolo.S}
		for _, a := range p.Aree {
			areas.Options = append(areas.Options, option{areaFacet(p, a.Codice.S), a.Nome.S})
			for _, u := range a.Unita {
				units.Options = append(units.Options, option{unitFacet(p, u.Codice.S), u.Nome.S})
			}
		}
		for _, l := range p.Linee {
			lines.Options = append(lines.Options, option{lineFacet(p, l.Codice.S), l.Codice.S + " - " + l.Nome.S})
		}
		sortOptions(units.Options)
		f.Areas, f.Units, f.Lines = append(f.Areas, areas), append(f.Units, units), append(f.Lines, lines)
		for _, s := range p.Sheets() {
			for _, ind := range s.Indicators() {
				if t := strings.TrimSpace(ind.Tipologia.S); t != "" && typologies[typologyFacet(t)] == "" {
					typologies[typologyFacet(t)] = t
				}
			}
		}
	}
	for k, v := range typologies {
		f.Typologies = append(f.Typologies, option{k, v})
	}
	sortOptions(f.Typologies)
	return f
}

func sortOptions(opts []option) {
	sort.Slice(opts, func(i, j int) bool {
		a, b := textnorm.Fold(opts[i].Label), textnorm.Fold(opts[j].Label)
		if a != b {
			return a < b
		}
		return opts[i].Value < opts[j].Value
	})
}
