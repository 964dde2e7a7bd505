package plan

import (
	"reflect"
	"testing"
)

// TestChangesMemo checks that the memo of an indexed plan gives, for every
// id, what working the changes out anew gives, and that it holds nothing
// for the id "", which every part not added by a revision matches.
func TestChangesMemo(t *testing.T) {
	var v Value
	v.S = "40%"
	v.SetPriors([]Prior{{Valore: Text{S: "80%"}, Revisione: Text{S: "r1"}}})
	s := &Sheet{Kind: Operational, Codice: Text{S: "OP1"}, Note: []Note{{Rimando: Text{S: "*"}, Inserita: Text{S: "r2"}}},
		Indicatori: []Indicator{
			{ID: Text{S: "i1"}, Target: []Value{v}},
			{ID: Text{S: "i2"}, Inserito: Text{S: "r2"}},
			{ID: Text{S: "i3"}, Stralcio: Text{S: "r1"}},
		}}
	p := &Plan{Revisioni: []Revision{{ID: Text{S: "r1"}}, {ID: Text{S: "r2"}}}, Operational: []*Sheet{s}}
	s.Plan = p
	p.Index()
	for _, id := range []string{"", "r1", "r2", "r3", "", "r1"} { // each twice: once worked out, once from the memo
		got, want := s.Changes(id), s.changesOf(id)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Changes(%q) = %d changes %+v, want %d %+v", id, len(got), got, len(want), want)
		}
	}
	// The sheet, i1 and i3, which no revision added, "added"; i2 and the
	// note, which no revision removed, "removed".
	if n := len(s.Changes("")); n != 5 {
		t.Errorf("Changes(\"\") = %d changes, want 5", n)
	}
	if n := len(s.Changes("r1")); n != 2 { // i1's target, i3 removed
		t.Errorf("Changes(\"r1\") = %d changes, want 2", n)
	}
	if _, ok := p.changes.bySheet[s][""]; ok {
		t.Errorf("the memo holds the changes of the id \"\"")
	}
}

// TestPlanChanges: a plan's changes are its sheets' in sheet order, in a
// list made at its length.
func TestPlanChanges(t *testing.T) {
	var v Value
	v.S = "40%"
	v.SetPriors([]Prior{{Valore: Text{S: "80%"}, Revisione: Text{S: "r1"}}})
	sheet := func(code string) *Sheet {
		return &Sheet{Kind: Operational, Codice: Text{S: code}, Indicatori: []Indicator{
			{ID: Text{S: "i1"}, Target: []Value{v, v, v}}, {ID: Text{S: "i2"}, Stralcio: Text{S: "r1"}}}}
	}
	p := &Plan{Revisioni: []Revision{{ID: Text{S: "r1"}}}, Operational: []*Sheet{sheet("A"), sheet("B"), sheet("C")}}
	for _, s := range p.Operational {
		s.Plan = p
	}
	p.Index()
	var want []Change
	for _, s := range p.Sheets() {
		want = append(want, s.Changes("r1")...)
	}
	got := p.Changes("r1")
	if !reflect.DeepEqual(got, want) || len(got) != 12 {
		t.Errorf("Changes(\"r1\") = %d changes, want the sheets' %d", len(got), len(want))
	}
	if cap(got) != len(got) {
		t.Errorf("Changes(\"r1\"): %d changes in room for %d", len(got), cap(got))
	}
	if got := p.Changes("r2"); got != nil {
		t.Errorf("Changes(\"r2\") = %v, want none", got)
	}
}
