package builder

import (
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// This file builds the index of responsabili: everyone the plan names as
// responsible for an area, a unit or a sheet, each with what they answer
// for, so that a sheet's "Responsabile" links to an entry.

// hasResponsibles reports whether the plan names any responsabile.
func hasResponsibles(p *plan.Plan) bool {
	for i := range p.Aree {
		if strings.TrimSpace(p.Aree[i].Responsabile.S) != "" {
			return true
		}
	}
	for _, u := range p.Units() {
		if strings.TrimSpace(u.Responsabile.S) != "" {
			return true
		}
	}
	for _, s := range p.Sheets() {
		if strings.TrimSpace(s.Responsabile.S) != "" {
			return true
		}
	}
	return false
}

// responsibleAnchor is a responsabile's entry in the index: names that
// differ only in case, accents or spacing share one.
func responsibleAnchor(name string) string { return "r-" + slug(name) }

// responsibleListing groups areas, units and sheets by their responsabile,
// in alphabetical order: an area or a unit with its sheets, a sheet alone.
func responsibleListing(p *plan.Plan, w *words, entry sheetEntries) *listing {
	l := newListing(p, w, responsibleIndex, "responsible", "")
	byID := map[string]*listGroup{}
	group := func(name string) *listGroup {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil
		}
		id := responsibleAnchor(name)
		g := byID[id]
		if g == nil {
			g = &listGroup{ID: id, Title: w.Plain(name)}
			byID[id] = g
			l.Groups = append(l.Groups, g)
		}
		return g
	}
	for i := range p.Aree {
		a := &p.Aree[i]
		if g := group(a.Responsabile.S); g != nil {
			ag := (&listGroup{ID: g.ID + "-a-" + slug(a.Key()), Title: a.Nome.S}).withLink(areaPath(p, a.Key()))
			for j := range a.Unita {
				for _, s := range p.SheetsOfUnit(a.Unita[j].Key()) {
					ag.Groups = append(ag.Groups, entry(s))
				}
			}
			g.Groups = append(g.Groups, ag)
		}
	}
	for _, u := range p.Units() {
		if g := group(u.Responsabile.S); g != nil {
			ug := (&listGroup{ID: g.ID + "-u-" + slug(u.Key()), Title: u.Nome.S}).withLink(unitPath(p, u.Key()))
			for _, s := range p.SheetsOfUnit(u.Key()) {
				ug.Groups = append(ug.Groups, entry(s))
			}
			g.Groups = append(g.Groups, ug)
		}
	}
	for _, s := range p.Sheets() {
		if g := group(s.Responsabile.S); g != nil {
			g.Groups = append(g.Groups, entry(s))
		}
	}
	sortGroups(l.Groups)
	return l
}
