package builder

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao/builder/plan"
)

// TestSheetFolderRecorded: the loader records each sheet's folder as it
// gives the sheet its plan, the very folder made from the slugs (file
// names that are not slugs included), and a load through a serve's cache
// after the plan's folder is renamed records the new one, not the folder
// of the copy it was handed.
func TestSheetFolderRecorded(t *testing.T) {
	other := strings.Replace(testSheet, "peso: 50%", "peso: 25%", 1) // a second and third sheet, named as an office may name them
	site := testSite(map[string]string{
		"content/p/operativi/Registro Imprese 2.yaml": other,
		"content/p/operativi/qualità alta.yaml":       other,
	})
	check := func(t *testing.T, model *plan.Site, want map[string]string) {
		t.Helper()
		got := map[string]string{}
		for _, p := range model.Plans {
			for _, s := range p.Sheets() {
				if s.Folder() == "" {
					t.Errorf("%s: no folder recorded", s.Slug)
				}
				if f := sheetFolderOf(s); s.Folder() != f {
					t.Errorf("%s: folder %q recorded, %q made", s.Slug, s.Folder(), f)
				}
				got[s.Slug] = sheetPath(s)
			}
		}
		for slug, path := range want {
			if got[slug] != path {
				t.Errorf("sheet %s at %q, want %q", slug, got[slug], path)
			}
		}
	}
	want := func(p string) map[string]string {
		return map[string]string{
			"uno":                p + "/operativi/uno/index.html",
			"Registro Imprese 2": p + "/operativi/registro-imprese-2/index.html",
			"qualità alta":       p + "/operativi/qualita-alta/index.html",
		}
	}
	model, ds := LoadAndCheck(site)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	check(t, model, want("p"))

	// Through a cache that serves several loads (piao serve's): the
	// second load's sheets are copies of the first's, which had their
	// folders recorded; then the plan's folder is renamed.
	c := NewCache()
	for range 2 {
		model, ds = c.LoadAndCheck(site)
		if ds.HasErrors() {
			t.Fatal(ds.Error())
		}
		check(t, model, want("p"))
	}
	renamed := fstest.MapFS{}
	for name, f := range site {
		if rest, ok := strings.CutPrefix(name, "content/p/"); ok {
			name = "content/nuovo/" + rest
		}
		renamed[name] = f
	}
	model, ds = c.LoadAndCheck(renamed)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	check(t, model, want("nuovo"))

	// A sheet made otherwise has no folder recorded: its folder is made
	// each time it is asked for.
	s := &plan.Sheet{Kind: plan.Strategic, Slug: "SG3 B", Plan: &plan.Plan{Slug: "piano"}}
	if s.Folder() != "" || sheetPath(s) != "piano/strategici/sg3-b/index.html" {
		t.Errorf("a sheet made by hand: folder %q, page %q", s.Folder(), sheetPath(s))
	}
}
