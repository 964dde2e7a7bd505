package plan

import (
	"slices"
	"testing"
)

// TestSheetIndex: the lookups of an indexed plan give what a pass over
// every sheet gives, in plan order, and a plan that gained sheets since it
// was indexed is scanned again.
func TestSheetIndex(t *testing.T) {
	p := &Plan{Linee: []Line{{Ref: Ref{Codice: Text{S: "1"}}, Obiettivi: []Objective{{Ref: Ref{Codice: Text{S: "1.1"}}}, {Ref: Ref{Codice: Text{S: "1.2"}}}}}},
		Aree: []Area{{Ref: Ref{Codice: Text{S: "a"}}, Unita: []Unit{{Ref: Ref{Codice: Text{S: "u1"}}}, {Ref: Ref{Codice: Text{S: "u2"}}}}}}}
	sheet := func(kind Kind, unit, line string, objs ...string) *Sheet {
		s := &Sheet{Kind: kind, Unita: Text{S: unit}, Linea: Text{S: line}}
		for _, o := range objs {
			s.Obiettivi = append(s.Obiettivi, Text{S: o})
		}
		return s
	}
	p.Strategic = []*Sheet{sheet(Strategic, "", "1", "1.1", "1.2"), sheet(Strategic, "", "2")}
	p.Operational = []*Sheet{sheet(Operational, "u1", "1", "1.1"), sheet(Operational, "u2", "1", "1.2", "1.2"),
		sheet(Operational, "u1", "2", "1.1", "1.2"), sheet(Operational, "u9", "1")}
	type lookups struct {
		units, strategic, operational, objectives [][]*Sheet
	}
	get := func() lookups {
		var l lookups
		for _, u := range []string{"u1", "u2", "u9", "none"} {
			l.units = append(l.units, p.SheetsOfUnit(u))
		}
		for _, c := range []string{"1", "2", "none"} {
			s, o := p.SheetsOfLine(c)
			l.strategic, l.operational = append(l.strategic, s), append(l.operational, o)
		}
		for _, k := range []string{"1.1", "1.2", "none"} {
			l.objectives = append(l.objectives, p.SheetsOfObjective(k))
		}
		return l
	}
	same := func(a, b [][]*Sheet) bool {
		return slices.EqualFunc(a, b, func(x, y []*Sheet) bool { return slices.Equal(x, y) })
	}
	scanned := get()
	p.Index()
	if p.indexed() == nil {
		t.Fatal("the plan is not indexed after Index")
	}
	indexed := get()
	if !same(scanned.units, indexed.units) || !same(scanned.strategic, indexed.strategic) ||
		!same(scanned.operational, indexed.operational) || !same(scanned.objectives, indexed.objectives) {
		t.Errorf("indexed lookups %v differ from scanned %v", indexed, scanned)
	}
	if n := len(indexed.objectives[1]); n != 2 {
		t.Errorf("objective 1.2 has %d operational sheets, want 2 (a sheet naming it twice counts once)", n)
	}
	p.Operational = append(p.Operational, sheet(Operational, "u2", "1"))
	if got := p.SheetsOfUnit("u2"); len(got) != 2 {
		t.Errorf("after adding a sheet, unit u2 has %d sheets, want 2", len(got))
	}
}
