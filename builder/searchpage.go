package builder

import (
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/textnorm"
)

// This file holds the options of the search page's filters, whose values
// are the facet keys of search.go.

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

// searchFiltersOf lists the plans, areas, units, lines and typologies to
// filter by.
func searchFiltersOf(site *plan.Site) searchFilters {
	var f searchFilters
	typologies := map[string]string{}
	for _, p := range site.Plans {
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
