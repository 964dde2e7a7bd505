package plan

import (
	"strings"
	"testing"
)

// TestExplained: every change sits in one group with the notes that
// explain it, and no note sits with a change it does not explain.
func TestExplained(t *testing.T) {
	mod := func(old, cur string) Value {
		return Value{Text: Text{S: cur}, Extra: &ValueExtra{Precedenti: []Prior{{Valore: Text{S: old}, Revisione: Text{S: "r1"}}}}}
	}
	note := func(done string, about ...string) RevNote {
		n := RevNote{Revisione: Text{S: "r1"}, Attuata: Text{S: done}}
		for _, a := range about {
			n.Riguarda = append(n.Riguarda, Text{S: a})
		}
		return n
	}
	tests := []struct {
		name  string
		sheet Sheet
		want  string // groups, each "parts: changes | notes"
	}{
		{
			// suap.yaml: the note on the new indicator explains the removal too
			name: "a note naming the indicator it replaces",
			sheet: Sheet{Indicatori: []Indicator{
				{ID: Text{S: "old"}, Stralcio: Text{S: "r1"}},
				{ID: Text{S: "new"}, Inserito: Text{S: "r1"}, Revisioni: []RevNote{note("stralcio e inserimento", "old")}},
				{ID: Text{S: "other"}, Inserito: Text{S: "r1"}, Revisioni: []RevNote{note("inserimento")}},
				{ID: Text{S: "same"}},
			}},
			want: "old+new: removed old, added new | stralcio e inserimento; other: added other | inserimento",
		},
		{
			// the same without riguarda: the removal has no reason
			name: "a removal without a reason",
			sheet: Sheet{Indicatori: []Indicator{
				{ID: Text{S: "old"}, Stralcio: Text{S: "r1"}},
				{ID: Text{S: "new"}, Inserito: Text{S: "r1"}, Revisioni: []RevNote{note("inserimento")}},
			}},
			want: "old: removed old | ; new: added new | inserimento",
		},
		{
			// metrologia-convenzioni.yaml: a note of the sheet explains the
			// sheet and the indicators without notes of their own
			name: "a note of the sheet",
			sheet: Sheet{Kind: Operational, Obiettivo: mod("a", "b"), Revisioni: []RevNote{note("modifica obiettivo, stralcio e inserimento")},
				Indicatori: []Indicator{
					{ID: Text{S: "old"}, Stralcio: Text{S: "r1"}},
					{ID: Text{S: "new"}, Inserito: Text{S: "r1"}},
					{ID: Text{S: "gone"}, Stralcio: Text{S: "r1"}, Revisioni: []RevNote{note("stralcio")}},
				}},
			want: "sheet+old+new: changed obiettivo_operativo, removed old, added new | modifica obiettivo, stralcio e inserimento; gone: removed gone | stralcio",
		},
		{
			// linea-1.yaml: resources without a reason, indicators with theirs
			name: "parts with and without notes",
			sheet: Sheet{Kind: Strategic, Risorse: []Value{mod("1", "2")},
				Indicatori: []Indicator{
					{ID: Text{S: "a"}, Algoritmo: mod("x", "y"), Revisioni: []RevNote{note("adeguamento")}},
					{ID: Text{S: "b"}},
					{ID: Text{S: "c"}, Descrizione: mod("x", "y"), Algoritmo: mod("x", "y"), Revisioni: []RevNote{note("ridefinizione")}},
				}},
			want: "sheet: changed risorse | ; a: changed algoritmo | adeguamento; c: changed descrizione, changed algoritmo | ridefinizione",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Plan{Revisioni: []Revision{{ID: Text{S: "r1"}}}}
			s := tt.sheet
			s.Plan = p
			if got := explainedString(s.Explained("r1")); got != tt.want {
				t.Errorf("Explained:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func explainedString(groups []Explained) string {
	var out []string
	for _, g := range groups {
		var parts, changes, notes []string
		for _, p := range g.Parts {
			if p == nil {
				parts = append(parts, "sheet")
			} else {
				parts = append(parts, p.ID.S)
			}
		}
		for _, c := range g.Changes {
			switch {
			case c.Kind == Added:
				changes = append(changes, "added "+c.Indicator.ID.S)
			case c.Kind == Removed:
				changes = append(changes, "removed "+c.Indicator.ID.S)
			default:
				changes = append(changes, "changed "+c.Field.Key)
			}
		}
		for _, n := range g.Notes {
			notes = append(notes, n.Attuata.S)
		}
		out = append(out, strings.Join(parts, "+")+": "+strings.Join(changes, ", ")+" | "+strings.Join(notes, ", "))
	}
	return strings.Join(out, "; ")
}
