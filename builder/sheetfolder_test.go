package builder

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao/builder/plan"
)

// TestSheetFolderRecorded: the loader records the path of each sheet's
// page as it gives the sheet its plan, the very path made from the slugs
// and the sheet's folder a part of it (file
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
				if s.Page() == "" {
					t.Errorf("%s: no page recorded", s.Slug)
				}
				if f := sheetFolderOf(s); s.Page() != f+"/index.html" || sheetFolder(s) != f {
					t.Errorf("%s: page %q recorded, folder %q given, %q made", s.Slug, s.Page(), sheetFolder(s), f)
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
	// pages recorded; then the plan's folder is renamed.
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

	// A sheet made otherwise has no page recorded: its path is made
	// each time it is asked for.
	s := &plan.Sheet{Kind: plan.Strategic, Slug: "SG3 B", Plan: &plan.Plan{Slug: "piano"}}
	if s.Page() != "" || sheetPath(s) != "piano/strategici/sg3-b/index.html" || sheetFolder(s) != "piano/strategici/sg3-b" ||
		sheetDataPath(s) != "piano/strategici/sg3-b/scheda.json" {
		t.Errorf("a sheet made by hand: page %q recorded, page %q, folder %q, data %q", s.Page(), sheetPath(s), sheetFolder(s), sheetDataPath(s))
	}
}
