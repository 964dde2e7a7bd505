package plan

import "testing"

func TestValueAt(t *testing.T) {
	order := map[string]int{"r1": 1, "r2": 2}
	v := Value{Text: Text{S: "40%"}, Precedenti: []Prior{
		{Valore: Text{S: "80%"}, Revisione: Text{S: "r1"}},
		{Valore: Text{S: "50%"}, Revisione: Text{S: "r2"}},
	}}
	for n, want := range []string{"80%", "50%", "40%"} {
		if got := v.At(n, order); got != want {
			t.Errorf("At(%d) = %q, want %q", n, got, want)
		}
	}
	if v.Original() != "80%" || !v.Revised() {
		t.Errorf("Original = %q, Revised = %v", v.Original(), v.Revised())
	}
}

func TestInForce(t *testing.T) {
	order := map[string]int{"r1": 1, "r2": 2}
	added := Indicator{Inserito: Text{S: "r1"}}
	removed := Indicator{Stralcio: Text{S: "r2"}}
	for n, want := range [][2]bool{{false, true}, {true, true}, {true, false}} {
		if got := [2]bool{added.InForce(n, order), removed.InForce(n, order)}; got != want {
			t.Errorf("after %d revisions: in force = %v, want %v", n, got, want)
		}
	}
}

func TestPercent(t *testing.T) {
	for in, want := range map[string]float64{"25%": 25, "100%": 100, "12,5 %": 12.5, " 0%": 0} {
		if got, ok := Percent(in); !ok || got != want {
			t.Errorf("Percent(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"25", "abc%", "101%", "-1%", "", "NaN%", "nan %", "1e1%", "Inf%", "0x1p4%", "+5%", "1_0%", ".5%", "5.%", "1,2,3%", "1.2.3%"} {
		if _, ok := Percent(in); ok {
			t.Errorf("Percent(%q) accepted", in)
		}
	}
}
