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
	Kinds               []option // sheets, indicators, revisions, sections: those the index holds
	Outcomes            []option // by year: the outcomes of the indicators (search_cycle.go)
	Badges              []option // what revisions did, as badges say it: those some sheet or indicator has
}

// searchFiltersOf lists the plans, areas, units, lines and typologies to
// filter by.
func searchFiltersOf(site *plan.Site, w *words, has func(facet string) bool) searchFilters {
	var f searchFilters
	typologies := map[string]string{}
	for _, p := range site.Plans {
		f.Plans = append(f.Plans, option{planFacet(p), p.Titolo.S})
		areas, units, lines := optionGroup{Label: p.Titolo.S}, optionGroup{Label: p.Titolo.S}, optionGroup{Label: p.Titolo.S}
		for _, a := range p.Aree {
			areas.Options = append(areas.Options, option{areaFacet(p, a.Key()), a.Nome.S})
		}
		for _, u := range p.Units() {
			units.Options = append(units.Options, option{unitFacet(p, u.Key()), u.Nome.S})
		}
		for _, l := range p.Linee {
			lines.Options = append(lines.Options, option{lineFacet(p, l.Key()), w.RefName(l.Ref)})
		}
		sortOptions(units.Options)
		for _, g := range []struct {
			to    *[]optionGroup
			group optionGroup
		}{{&f.Areas, areas}, {&f.Units, units}, {&f.Lines, lines}} {
			if len(g.group.Options) > 0 { // a level the plan lacks has no filter
				*g.to = append(*g.to, g.group)
			}
		}
		for _, s := range p.Sheets() {
			for _, ind := range s.Indicators() {
				if t := strings.TrimSpace(ind.Tipologia.S); t != "" && typologies[typologyFacet(t)] == "" {
					typologies[typologyFacet(t)] = t
				}
			}
		}
	}
	f.Kinds = kindOptions(site, w)
	for k, v := range typologies {
		f.Typologies = append(f.Typologies, option{k, v})
	}
	sortOptions(f.Typologies)
	f.Outcomes = outcomeOptions(site, w)
	f.Badges = badgeOptions(site, w, has)
	return f
}

// badgeOptions lists the badges some sheet or indicator of the site has,
// in the badges' order: those whose facet the search index has (index,
// when not nil), a document of each sheet and indicator being there with
// its badges; else those found looking at every sheet's (at 10,000 sheets
// of a revised plan, 27 ms of CPU at every rebuild, which renders the
// search page).
func badgeOptions(site *plan.Site, w *words, index func(facet string) bool) []option {
	present := func(b plan.Badge) bool { return index(badgeFacet(b)) }
	if index == nil {
		has := map[plan.Badge]bool{}
		for _, p := range site.Plans {
			for _, s := range p.Sheets() {
				for _, b := range s.Badges() {
					has[b] = true
				}
				for _, ind := range s.Indicators() {
					for _, b := range ind.Badges(s) {
						has[b] = true
					}
				}
			}
		}
		present = func(b plan.Badge) bool { return has[b] }
	}
	var out []option
	for _, b := range plan.Badges() {
		if present(b) {
			out = append(out, option{badgeFacet(b), w.T("badge." + b.Key())})
		}
	}
	return out
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
