package builder

import (
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// TestCacheSameResult loads a series of edits of a site through one cache
// and checks each result against a load without it.
func TestCacheSameResult(t *testing.T) {
	due := "content/p/operativi/due.yaml"
	steps := []struct {
		name   string
		extra  map[string]string
		parsed int
	}{
		{"first load", map[string]string{due: testSheet}, 2},
		{"nothing changed", map[string]string{due: testSheet}, 0},
		{"one sheet edited", map[string]string{due: testSheet + "titolo: Nuovo\n"}, 1},
		{"syntax error", map[string]string{due: "area: [\n"}, 1},
		{"unknown key", map[string]string{due: testSheet + "colore: rosso\n"}, 1},
		{"unknown key again", map[string]string{due: testSheet + "colore: rosso\n"}, 0},
		{"fixed", map[string]string{due: testSheet}, 1},
		{"deleted", map[string]string{due: ""}, 0},
		{"back", map[string]string{due: testSheet}, 1},
		{"plan changed", map[string]string{due: testSheet, "content/p/piano.yaml": testPiano + "descrizione: x\n"}, 0},
	}
	c := NewCache()
	for _, st := range steps {
		fsys := testSite(st.extra)
		got, gotDs := c.LoadAndCheck(fsys)
		want, wantDs := LoadAndCheck(fsys)
		if gotDs.Error() != wantDs.Error() {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", st.name, gotDs.Error(), wantDs.Error())
		}
		if c.Parsed() != st.parsed {
			t.Errorf("%s: parsed %d sheets, want %d", st.name, c.Parsed(), st.parsed)
		}
		if len(got.Plans) != len(want.Plans) || len(got.Plans[0].Operational) != len(want.Plans[0].Operational) {
			t.Fatalf("%s: plans or sheets differ", st.name)
		}
		for i, s := range got.Plans[0].Operational {
			w := want.Plans[0].Operational[i]
			if s.Plan != got.Plans[0] || s.Obiettivo.S != w.Obiettivo.S || s.Pos != w.Pos || len(s.Indicatori) != len(w.Indicatori) {
				t.Errorf("%s: sheet %s differs from an uncached load", st.name, s.Slug)
			}
		}
	}
}

// TestCacheLoadsDoNotShare checks that a load does not write the model of
// an earlier one, which serve may still be rendering.
func TestCacheLoadsDoNotShare(t *testing.T) {
	c := NewCache()
	fsys := testSite(nil)
	m1, ds := c.LoadAndCheck(fsys)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	m2, _ := c.LoadAndCheck(fsys)
	if c.Parsed() != 0 {
		t.Fatalf("second load parsed %d sheets", c.Parsed())
	}
	s1, s2 := m1.Plans[0].Operational[0], m2.Plans[0].Operational[0]
	if s1 == s2 { // the indicators are shared: no stage writes them (their default ids come as they are decoded)
		t.Fatal("two loads share a sheet")
	}
	if s1.Plan != m1.Plans[0] || s2.Plan != m2.Plans[0] {
		t.Error("a sheet points to the plan of another load")
	}
	for _, s := range []*plan.Sheet{s1, s2} {
		if id := s.Indicatori[0].ID.S; id != "i1" {
			t.Errorf("indicator id = %q, want the default i1", id)
		}
	}
}
