package plan

import "testing"

func TestCompare(t *testing.T) {
	tests := []struct {
		before, after string
		want          int
	}{
		{"≤ 20%", "≤ 5%", -1}, // registro-imprese: the share of pending files, lowered
		{"≥ 12", "80", 1},     // linea-1: assessments, raised
		{"≥150", "≥ 10", -1},  // linea-1: firms supported
		{"€ 1.105.500,00", "€ 1.201.904,83", 1},
		{"12,5 giorni", "10 giorni", -1},
		{"1.105", "999", -1},            // a thousand and more
		{"80%", "80 %", 0},              // the same
		{"SI", "NO", 0},                 // not numbers
		{"30.06", "31.12", 0},           // dates
		{"30.09.2023", "31.12.2023", 0}, // dates
		{"20%", "5 giorni", 0},          // other units
		{"da 3 a 5", "da 4 a 6", 0},     // two numbers
		{"", "5", 0},
	}
	for _, tt := range tests {
		if got := Compare(tt.before, tt.after); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.before, tt.after, got, tt.want)
		}
	}
}

func TestBadges(t *testing.T) {
	rev := Revision{ID: Text{S: "r1"}}
	mod := func(old, cur string) Value {
		return Value{Text: Text{S: cur}, Extra: &ValueExtra{Precedenti: []Prior{{Valore: Text{S: old}, Revisione: Text{S: "r1"}}}}}
	}
	target := func(vs ...Value) []Value {
		for i := range vs {
			vs[i].Anno = []string{"2024", "2025", "2026"}[i]
		}
		return vs
	}
	tests := []struct {
		name  string
		pesi  string
		sheet Sheet
		want  []string
	}{
		{"target lowered", "", Sheet{Indicatori: []Indicator{{Target: target(mod("≤ 20%", "≤ 5%"))}}}, []string{"target-ridotto"}},
		{"targets raised", "", Sheet{Indicatori: []Indicator{{Target: target(mod("≥ 12", "80"), mod("≥ 12", "80"))}}}, []string{"target-aumentato"}},
		{"targets both ways", "", Sheet{Indicatori: []Indicator{{Target: target(mod("10", "12"), mod("10", "8"))}}}, []string{"target-modificato"}},
		{"target in words", "", Sheet{Indicatori: []Indicator{{Target: target(mod("SI", "NO"))}}}, []string{"target-modificato"}},
		{"indicator swapped", "", Sheet{Indicatori: []Indicator{{Stralcio: Text{S: "r1"}}, {Inserito: Text{S: "r1"}, Peso: mod("80%", "50%")}}},
			[]string{"indicatore-nuovo", "indicatore-stralciato", "peso-modificato"}},
		{"weight without weights", "nessuno", Sheet{Peso: mod("2", "3"), Descrizione: mod("a", "b")}, []string{"descrizione-modificata"}},
		{"resources raised, a note", "", Sheet{Kind: Strategic, Risorse: target(mod("€ 1.105.500,00", "€ 1.201.904,83")),
			Note: []Note{{Inserita: Text{S: "r1"}}}}, []string{"risorse-aumentate", "nota-modificata"}},
		{"algorithm and source", "", Sheet{Indicatori: []Indicator{{Algoritmo: mod("a", "b"), Fonte: mod("Interna", "InfoCamere")}}},
			[]string{"algoritmo-modificato", "dati-modificati"}},
		{"sheet added", "", Sheet{Inserito: Text{S: "r1"}, Indicatori: []Indicator{{Inserito: Text{S: "r1"}}}}, []string{"scheda-inserita"}},
		{"untouched", "", Sheet{Indicatori: []Indicator{{Target: target(Value{Text: Text{S: "5"}})}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Plan{Pesi: Text{S: tt.pesi}, Revisioni: []Revision{rev}, Periodo: Text{S: "2024-2026"}}
			s := tt.sheet
			s.Plan = p
			p.Operational = []*Sheet{&s}
			p.Index()
			var got []string
			for _, b := range s.Badges() {
				got = append(got, b.Key())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Badges() = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("Badges() = %v, want %v", got, tt.want)
				}
			}
		})
	}
}
