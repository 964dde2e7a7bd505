package builder

import (
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// revisionListing lists what revision r changed, sheet by sheet.
func revisionListing(p *plan.Plan, w *words, r plan.Revision) *listing {
	l := &listing{Key: "revisione-" + slug(r.ID.S),
		Title: w.T("index.revision.title", "date", w.Date(r.Data.S)),
		Intro: w.T("index.revision.intro", "act", r.Atto.S)}
	for _, s := range p.Sheets() {
		byInd := map[*plan.Indicator]*changeWords{}
		sheet := &changeWords{words: w}
		for _, c := range s.Changes(r.ID.S) {
			cw := sheet
			if c.Indicator != nil {
				if cw = byInd[c.Indicator]; cw == nil {
					cw = &changeWords{words: w}
					byInd[c.Indicator] = cw
				}
			}
			cw.add(c)
		}
		for _, ind := range s.Indicators() {
			for _, n := range ind.Revisioni {
				if n.Revisione.S == r.ID.S && byInd[ind] == nil {
					byInd[ind] = &changeWords{words: w}
				}
			}
		}
		if len(byInd) == 0 && sheet.empty() && len(s.RevNotes(r.ID.S)) == 0 {
			continue
		}
		g := &listGroup{ID: "s-" + slug(s.Slug), Title: w.SheetName(s), Sheet: s}
		if !sheet.empty() {
			g.extra().note = w.T("index.revision.sheet", "changes", sheet.String())
		}
		for _, ind := range s.Indicators() {
			if cw := byInd[ind]; cw != nil {
				g.extra().items = append(g.extra().items, item(w, s, ind, false, cw.String()))
			}
		}
		l.Groups = append(l.Groups, g)
	}
	n := 0
	for _, g := range l.Groups {
		n += countIndicators(g.Items())
	}
	if n > splitOver { // long enough to split: a page per unit, not per sheet
		l.Groups = byUnit(p, w, l.Groups)
	}
	return l
}

// byUnit gathers the sheet groups of a long index under their units (the
// strategic sheets under one group of their own), so that a long index
// gets a page per unit rather than one per sheet. Units keep the order of
// the unit index; the sheets, theirs.
func byUnit(p *plan.Plan, w *words, sheets []*listGroup) []*listGroup {
	var strategic *listGroup
	units := map[string]*listGroup{}
	var out []*listGroup
	for _, g := range sheets {
		s := g.Sheet
		if s.Kind == plan.Strategic {
			if strategic == nil {
				strategic = &listGroup{ID: "strategici", Title: w.T("sheet.objectives")}
			}
			strategic.Groups = append(strategic.Groups, g)
			continue
		}
		u := units[s.Unita.S]
		if u == nil {
			u = (&listGroup{ID: "u-" + slug(s.Unita.S), Title: s.Unita.S}).withLink(unitPath(p, s.Unita.S))
			if unit := p.Unit(s.Unita.S); unit != nil {
				u.Title = unit.Nome.S
			}
			units[s.Unita.S] = u
			out = append(out, u)
		}
		u.Groups = append(u.Groups, g)
	}
	sortGroups(out)
	if strategic != nil {
		out = append([]*listGroup{strategic}, out...)
	}
	return out
}

// changeWords says in words what a revision did to a sheet or an
// indicator.
type changeWords struct {
	states []string
	fields []string
	words  *words
}

func (w *changeWords) add(c plan.Change) {
	switch {
	case c.OfSheet() && c.Kind == plan.Added:
		w.states = appendNew(w.states, w.words.T("index.revision.sheetAdded"))
	case c.OfSheet():
		w.states = appendNew(w.states, w.words.T("index.revision.sheetRemoved"))
	case c.Note != nil && c.Kind == plan.Added:
		w.states = appendNew(w.states, w.words.T("index.revision.noteAdded"))
	case c.Note != nil:
		w.states = appendNew(w.states, w.words.T("index.revision.noteRemoved"))
	case c.Kind == plan.Added || c.Kind == plan.Removed:
		// an indicator's own badge says it was added or removed
	default:
		w.fields = appendNew(w.fields, w.words.Field(c.Sheet.Plan, c.Field))
	}
}

func (w *changeWords) empty() bool { return len(w.states) == 0 && len(w.fields) == 0 }

// String says what changed; "" when only the badge or a revision note
// tells it.

func (w *changeWords) String() string {
	parts := append([]string(nil), w.states...)
	if len(w.fields) > 0 {
		parts = append(parts, w.words.T("index.revision.fields", "fields", strings.Join(w.fields, ", ")))
	}
	return strings.Join(parts, "; ")
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// outcomeListing lists the indicators by their outcome in year, as their
// results state it: reached, reached in part, not reached, without a
// stated achievement, not yet measured.
func outcomeListing(p *plan.Plan, w *words, year string) *listing {
	l := &listing{Key: "esiti-" + year, Title: w.T("index.outcomes.title", "year", year),
		Intro: w.T("index.outcomes.intro", "year", year)}
	groups := map[plan.Outcome]*listGroup{}
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			o := outcomeIn(s, ind, year)
			if o == plan.NotApplicable {
				continue
			}
			g := groups[o]
			if g == nil {
				g = &listGroup{ID: o.Key(), Title: w.outcomes(o)}
				groups[o] = g
			}
			note := ""
			if r := ind.ResultIn(year); r != nil {
				note = w.T("index.outcomes.result", "value", w.Plain(r.Valore.S))
				if r.Raggiungimento.S != "" {
					note += " (" + r.Raggiungimento.S + ")"
				}
			}
			g.extra().items = append(g.extra().items, item(w, s, ind, true, note))
		}
	}
	for _, o := range plan.Outcomes {
		if g := groups[o]; g != nil {
			sortItems(g.more.items)
			l.Groups = append(l.Groups, g)
		}
	}
	return l
}
