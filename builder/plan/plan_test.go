package plan

import "testing"

func TestValueAt(t *testing.T) {
	order := map[string]int{"r1": 1, "r2": 2}
	var v Value
	v.S = "40%"
	v.SetPriors([]Prior{
		{Valore: Text{S: "80%"}, Revisione: Text{S: "r1"}},
		{Valore: Text{S: "50%"}, Revisione: Text{S: "r2"}},
	})
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

// TestValueExtra: a value keeps its date, earlier values and marker,
// each alone or together, whether set one at a time or given at once; a
// value without them has no rare part; setting one on a copy leaves the
// original as it was.
func TestValueExtra(t *testing.T) {
	date := Text{S: "2023-12-31", Pos: Pos{File: "s.yaml", Line: 7, Col: 11}}
	priors := []Prior{{Valore: Text{S: "80%"}, Revisione: Text{S: "r1"}}}
	tests := []struct {
		name   string
		date   Text
		priors []Prior
		marker string
	}{
		{"none", Text{}, nil, ""},
		{"date", date, nil, ""},
		{"priors", Text{}, priors, ""},
		{"marker", Text{}, nil, "*"},
		{"all", date, priors, "**"},
	}
	for _, tt := range tests {
		var set Value
		set.S = "40%"
		set.SetDate(tt.date)
		set.SetPriors(tt.priors)
		set.SetMarker(tt.marker)
		given := Value{Text: Text{S: "40%"}}
		if tt.date != (Text{}) || tt.priors != nil || tt.marker != "" {
			given.Extra = &ValueExtra{Data: tt.date, Precedenti: tt.priors, Rimando: tt.marker}
		}
		for how, v := range map[string]Value{"set": set, "given": given} {
			if v.Date() != tt.date || len(v.Priors()) != len(tt.priors) || v.Marker() != tt.marker || v.S != "40%" {
				t.Errorf("%s, %s: date %v, priors %v, marker %q", tt.name, how, v.Date(), v.Priors(), v.Marker())
			}
			if v.Revised() != (tt.priors != nil) {
				t.Errorf("%s, %s: Revised = %v", tt.name, how, v.Revised())
			}
			if (v.Extra == nil) != (tt.name == "none") {
				t.Errorf("%s, %s: Extra = %v", tt.name, how, v.Extra)
			}
		}
		cp := set
		cp.SetMarker("†")
		cp.SetPriors(nil)
		if set.Marker() != tt.marker || len(set.Priors()) != len(tt.priors) || cp.Marker() != "†" || cp.Priors() != nil {
			t.Errorf("%s: a copy's change reached the original: %q %v, copy %q %v", tt.name, set.Marker(), set.Priors(), cp.Marker(), cp.Priors())
		}
	}
}

// TestAt: a place keeps its line and column, and one past what 32 bits
// hold (never in a file piao reads) is clamped, not wrapped to a negative.
func TestAt(t *testing.T) {
	for _, tt := range []struct {
		line, col int
		want      Pos
	}{
		{1, 1, Pos{File: "f", Line: 1, Col: 1}},
		{120000, 4096, Pos{File: "f", Line: 120000, Col: 4096}},
		{0, 0, Pos{File: "f"}},
		{1 << 40, -3, Pos{File: "f", Line: 1<<31 - 1, Col: 0}},
	} {
		if got := At("f", tt.line, tt.col); got != tt.want {
			t.Errorf("At(f, %d, %d) = %+v, want %+v", tt.line, tt.col, got, tt.want)
		}
	}
}
