package plan

import (
	"reflect"
	"sync"
	"testing"
	"unsafe"
)

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
	date := Text{S: "2023-12-31", Pos: At("s.yaml", 7, 11)}
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

// TestAt: a place keeps its file, line and column, and one past what 32
// bits hold (never in a file piao reads) is clamped, not wrapped to a
// negative.
func TestAt(t *testing.T) {
	for _, tt := range []struct {
		line, col         int
		wantLine, wantCol int32
	}{
		{1, 1, 1, 1},
		{120000, 4096, 120000, 4096},
		{0, 0, 0, 0},
		{1 << 40, -3, 1<<31 - 1, 0},
	} {
		got := At("content/p/operativi/f.md", tt.line, tt.col)
		if got.File() != "content/p/operativi/f.md" || got.Line != tt.wantLine || got.Col != tt.wantCol || !got.IsValid() {
			t.Errorf("At(f, %d, %d) = %s:%d:%d (valid %v), want f:%d:%d", tt.line, tt.col, got.File(), got.Line, got.Col, got.IsValid(), tt.wantLine, tt.wantCol)
		}
	}
	if p := At("", 3, 4); p.IsValid() || p.File() != "" {
		t.Errorf("a place in no file: %q, valid %v", p.File(), p.IsValid())
	}
	if (Pos{}).File() != "" || (Pos{}).IsValid() {
		t.Error("the zero place names a file")
	}
}

// TestFileOf: a file's name has one number, the same from every
// goroutine, that gives the name back; two names, two numbers. A place
// holds no pointer and a text is 40 bytes (the point of the numbers: the
// collector walks the model while the pages render).
func TestFileOf(t *testing.T) {
	names := []string{"config.yaml", "content/a/piano.yaml", "content/a/operativi/x.md", "content/a/operativi/x.en.md"}
	refs := make([][]FileRef, 8)
	var wg sync.WaitGroup
	for g := range refs {
		wg.Go(func() {
			for _, n := range names {
				refs[g] = append(refs[g], FileOf(n))
			}
		})
	}
	wg.Wait()
	seen := map[FileRef]string{}
	for g := range refs {
		for i, ref := range refs[g] {
			if ref != refs[0][i] {
				t.Errorf("%s: number %d in one goroutine, %d in another", names[i], refs[0][i], ref)
			}
			if ref.Name() != names[i] {
				t.Errorf("number %d gives %q, want %q", ref, ref.Name(), names[i])
			}
			if other, ok := seen[ref]; ok && other != names[i] {
				t.Errorf("%q and %q have the same number %d", other, names[i], ref)
			}
			seen[ref] = names[i]
		}
	}
	if FileOf("") != 0 {
		t.Error(`"" has a number`)
	}
	if n := unsafe.Sizeof(Text{}); n != 40 {
		t.Errorf("a text is %d bytes, want 40", n)
	}
	if reflect.TypeFor[Pos]().Field(0).Type.Kind() != reflect.Uint32 {
		t.Error("a place's file is not a number")
	}
}
