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

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Precision{"2024-09-12": Day, "2016-09": Month, "2016": Year,
		"2024-02-30": NoDate, "2024-13": NoDate, "24-09-12": NoDate, "12/09/2024": NoDate, "": NoDate, "0000": NoDate, "2024-9": NoDate} {
		if _, _, _, got := ParseDate(in); got != want {
			t.Errorf("ParseDate(%q) precision = %v, want %v", in, got, want)
		}
	}
	for _, c := range []struct {
		a, b   string
		before bool
	}{{"2016-09", "2016-09-12", false}, {"2016-09-12", "2016-09", false}, {"2016-08-31", "2016-09", true},
		{"2015", "2016-01-01", true}, {"2016", "2016-12", false}, {"2024-01-26", "2024-09-12", true}} {
		if got := DateBefore(c.a, c.b); got != c.before {
			t.Errorf("DateBefore(%q, %q) = %v, want %v", c.a, c.b, got, c.before)
		}
	}
	if got := LaterDate("2016-09", "2016-09-12"); got != "2016-09-12" {
		t.Errorf("LaterDate = %q", got)
	}
}
