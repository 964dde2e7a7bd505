package builder

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	pathpkg "path"
	"path/filepath"
	"slices"
	"testing"

	piao "github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/internal/synth"
)

// TestLightPages: every page keyed by the light aggregate (lightkey.go)
// is the same, byte for byte, when the operational sheets are lightened
// as they load (lighten: the words of every untouched target replaced,
// every body too) — in the example site, in each example plan (one with
// results and reports, one in two languages) and in a synthetic site —
// unless rendering it marked it volatile. A layout or a partial that
// starts showing a target's words on a page of a light kind fails it; a
// sheet's own page, which shows them, is seen to change, so the
// lightening is real.
func TestLightPages(t *testing.T) {
	sites := map[string]string{"esempio": exampleSite(t)}
	plans, _ := filepath.Glob(filepath.Join("testdata", "plans", "*"))
	for _, p := range plans {
		sites[filepath.Base(p)] = p
	}
	synthetic := t.TempDir()
	if _, err := synth.GenerateWith(synthetic, synth.Options{Sheets: 60, Seed: 3, Plans: 2}); err != nil {
		t.Fatal(err)
	}
	sites["sintetico"] = synthetic
	kinds := map[string]int{} // pages compared, by kind, over all the sites
	files := 0                // and open data files
	lightened := 0            // targets lightened
	for name, dir := range sites {
		in := Input{Site: os.DirFS(dir), Themes: piao.Themes}
		normal, _ := lightBuilds(t, in, false)
		light, shows := lightBuilds(t, in, true)
		lightened += shows
		paths, lightPaths := slices.Sorted(maps.Keys(normal.pages)), slices.Sorted(maps.Keys(light.pages)) // the files are not keyed
		if !slices.Equal(paths, lightPaths) {
			var only []string
			for _, p := range paths {
				if _, ok := slices.BinarySearch(lightPaths, p); !ok {
					only = append(only, p)
				}
			}
			for _, p := range lightPaths {
				if _, ok := slices.BinarySearch(paths, p); !ok {
					only = append(only, "lightened: "+p)
				}
			}
			t.Errorf("%s: lightened, other pages: %v", name, only)
			continue
		}
		changed := 0 // sheets' own pages that show the placeholder
		for _, path := range paths {
			pg := normal.pages[path]
			a, errA := normal.Render(path)
			b, errB := light.Render(path)
			if errA != nil || errB != nil {
				t.Fatalf("%s: %s: %v %v", name, path, errA, errB)
			}
			if normal.SheetFile(path) != "" {
				if bytes.Contains(b, []byte(lightWords)) {
					changed++
				}
				continue
			}
			if unkeyed[pg.Kind] || !lightKind(pg.Kind) {
				continue
			}
			_, va := normal.volatile.Load(path)
			_, vb := light.volatile.Load(path)
			if va || vb {
				continue // rendered again by every build
			}
			kinds[pg.Kind]++
			if !bytes.Equal(a, b) {
				t.Errorf("%s: %s (%s) shows what the light key leaves out (above, normal; below, lightened):\n%s", name, path, pg.Kind, firstDiff(a, b))
			}
		}
		for _, path := range slices.Sorted(maps.Keys(normal.files)) {
			a, b := normal.files[path], light.files[path]
			switch pathpkg.Base(path) {
			case "revisioni.json", feedPath():
			case "piano.json": // but its sheets, spliced from the last build's
				a, b = withoutSheets(t, a), withoutSheets(t, b)
			default:
				continue
			}
			files++
			if !bytes.Equal(a, b) {
				t.Errorf("%s: %s shows what the light key leaves out (above, normal; below, lightened):\n%s", name, path, firstDiff(a, b))
			}
		}
		if shows > 0 && changed == 0 {
			t.Errorf("%s: %d targets lightened, but no sheet's page shows it", name, shows)
		}
	}
	if lightened < 100 {
		t.Errorf("%d targets lightened in all", lightened)
	}
	if files < 3*len(sites) {
		t.Errorf("%d open data files compared", files)
	}
	for _, kind := range []string{"home", "plan", "area", "unit", "line", "listing", "indexes", "revision", "revisions", "sheet"} {
		if kinds[kind] == 0 {
			t.Errorf("no page of kind %s compared: %v", kind, kinds)
		}
	}
}

// withoutSheets is the plan of a piano.json without its sheets.
func withoutSheets(t *testing.T, b []byte) []byte {
	t.Helper()
	var plan map[string]any
	if err := json.Unmarshal(b, &plan); err != nil || plan["schede"] == nil {
		t.Fatalf("piano.json: %v", err)
	}
	delete(plan, "schede")
	out, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// lightBuilds loads the site of in, the operational sheets lightened if
// light, and lists its pages; with the number of targets lightened.
func lightBuilds(t *testing.T, in Input, light bool) (*Pages, int) {
	t.Helper()
	model, ds := LoadAndCheck(in.Site)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	n := 0
	if light {
		for _, p := range model.Plans {
			for _, s := range p.Operational {
				before, digest := countLight(s), lightDigestOf(t, s)
				lighten(s)
				n += countLight(s) - before
				if after := lightDigestOf(t, s); after != digest { // what lighten leaves out, the digest leaves out
					t.Errorf("%s: lightened, another light digest", s.Pos.File())
				}
			}
			p.Index() // nothing worked out of the sheets before is kept
		}
	}
	p, pds := NewPages(in, model)
	if p == nil || pds.HasErrors() {
		t.Fatal(pds.Error())
	}
	return p, n
}

func lightDigestOf(t *testing.T, s *plan.Sheet) [32]byte {
	t.Helper()
	d, ok := lightDigest(s)
	if !ok {
		t.Fatalf("%s: no light digest", s.Pos.File())
	}
	return d
}

// countLight is the number of the targets of s that are lightWords.
func countLight(s *plan.Sheet) int {
	n := 0
	for _, ts := range append([][]plan.Value{s.Target}, indicatorTargets(s)...) {
		for _, v := range ts {
			if v.S == lightWords {
				n++
			}
		}
	}
	return n
}

func indicatorTargets(s *plan.Sheet) [][]plan.Value {
	var out [][]plan.Value
	for i := range s.Indicatori {
		out = append(out, s.Indicatori[i].Target)
	}
	return out
}

// TestLightTargets: only the words of a target no revision touched are
// replaced, in every language, and none or "//" stays as it is; the
// slice given is never written.
func TestLightTargets(t *testing.T) {
	revised := plan.Value{Text: plan.Text{S: "≥ 90"}, Anno: "2025"}
	revised.SetPriors([]plan.Prior{{Valore: plan.Text{S: "≥ 80"}, Revisione: plan.Text{S: "rev-1"}}})
	both := plan.Text{S: "≥ 5 corsi", Langs: &plan.Langs{Main: plan.Text{S: "≥ 5 corsi"},
		In: map[string]plan.Text{"it": {S: "≥ 5 corsi"}, "de": {S: "≥ 5 Kurse"}}}}
	ts := []plan.Value{
		{Text: plan.Text{S: "≥ 100", Pos: plan.At("a.md", 3, 7)}, Anno: "2024"},
		revised,
		{Text: plan.Text{S: " // "}, Anno: "2026"},
		{Text: plan.Text{S: ""}, Anno: "2027"},
		{Text: both, Anno: "2028"},
	}
	orig := slices.Clone(ts)
	got := lightTargets(ts)
	if !slices.EqualFunc(ts, orig, func(a, b plan.Value) bool { return a.Text == b.Text && a.Extra == b.Extra }) {
		t.Fatal("the targets given were written")
	}
	if got[0].S != lightWords || got[0].Pos != ts[0].Pos || got[0].Anno != "2024" {
		t.Errorf("a plain target: %+v", got[0])
	}
	if got[1].S != "≥ 90" || got[1].Extra != revised.Extra {
		t.Errorf("a revised target: %+v", got[1])
	}
	if got[2].S != " // " || got[3].S != "" {
		t.Errorf("no target: %q %q", got[2].S, got[3].S)
	}
	if l := got[4].Langs; got[4].S != lightWords || l == ts[4].Langs || l.Main.S != lightWords || l.In["de"].S != lightWords || l.In["it"].S != lightWords {
		t.Errorf("a target in two languages: %+v %+v", got[4], l)
	}
	if ts[4].Langs.In["de"].S != "≥ 5 Kurse" {
		t.Error("the languages of the target given were written")
	}
	if plainOnly := []plan.Value{revised}; &lightTargets(plainOnly)[0] != &plainOnly[0] {
		t.Error("nothing to lighten, yet a new slice")
	}
}

// TestLightDigest: the light digest of a sheet changes with anything but
// the words of an untouched target and the words of its body, and does
// not write the sheet.
func TestLightDigest(t *testing.T) {
	sheet := func() *plan.Sheet {
		return &plan.Sheet{Obiettivo: plan.Value{Text: plan.Text{S: "Obiettivo"}}, Body: "Testo.",
			Indicatori: []plan.Indicator{{Descrizione: plan.Value{Text: plan.Text{S: "Indicatore"}},
				Target: []plan.Value{{Text: plan.Text{S: "≥ 100"}, Anno: "2024"}, {Text: plan.Text{S: "//"}, Anno: "2025"}}}}}
	}
	digest := func(s *plan.Sheet) [32]byte {
		t.Helper()
		d, ok := lightDigest(s)
		if !ok {
			t.Fatal("not encoded")
		}
		return d
	}
	base := sheet()
	want := digest(base)
	if base.Indicatori[0].Target[0].S != "≥ 100" || base.Body != "Testo." {
		t.Fatal("the sheet was written")
	}
	same := map[string]func(*plan.Sheet){
		"a target's words": func(s *plan.Sheet) { s.Indicatori[0].Target[0].S = "≥ 120 (misura)" },
		"the body's words": func(s *plan.Sheet) { s.Body = "Altro testo, più lungo." },
		"its plan":         func(s *plan.Sheet) { s.Plan = &plan.Plan{Slug: "altro"} },
	}
	other := map[string]func(*plan.Sheet){
		"a target's year":         func(s *plan.Sheet) { s.Indicatori[0].Target[0].Anno = "2026" },
		"a target now none":       func(s *plan.Sheet) { s.Indicatori[0].Target[0].S = "//" },
		"a target where none was": func(s *plan.Sheet) { s.Indicatori[0].Target[1].S = "5" },
		"a target revised": func(s *plan.Sheet) {
			s.Indicatori[0].Target[0].SetPriors([]plan.Prior{{Valore: plan.Text{S: "≥ 90"}}})
		},
		"no body":                      func(s *plan.Sheet) { s.Body = "" },
		"the objective":                func(s *plan.Sheet) { s.Obiettivo.S = "Altro" },
		"an indicator's description":   func(s *plan.Sheet) { s.Indicatori[0].Descrizione.S = "Altro" },
		"a target's place in the file": func(s *plan.Sheet) { s.Indicatori[0].Target[0].Pos = plan.At("a.md", 9, 3) },
	}
	for name, edit := range same {
		s := sheet()
		edit(s)
		if digest(s) != want {
			t.Errorf("%s: the digest changed", name)
		}
	}
	for name, edit := range other {
		s := sheet()
		edit(s)
		if digest(s) == want {
			t.Errorf("%s: the digest is the same", name)
		}
	}
}

// TestStoreKeepsLightDigests: the sheet store of a build keeps the light
// digest of every operational sheet, the one its sheet as stored has;
// the next build takes it from there instead of working it out, and
// the light aggregate is the one worked out from nothing.
func TestStoreKeepsLightDigests(t *testing.T) {
	site, dest, _, in := storeSite(t, 60)
	_, c := openSheetStore(dest, programDigest())
	model, ds := c.LoadAndCheck(in.Site)
	if ds.HasErrors() || c.Parsed() != 0 {
		t.Fatalf("%d parsed: %s", c.Parsed(), ds.Error())
	}
	n := 0
	for _, p := range model.Plans {
		for _, s := range p.Operational {
			e := c.handed[s]
			want, ok := lightDigest(s)
			if e == nil || !ok || !e.lightOK || e.light != want {
				t.Fatalf("%s: stored %v %x, want %x", s.Pos.File(), e != nil && e.lightOK, e.light, want)
			}
			e.light[0] ^= 1 // the next step must take this one
			n++
		}
	}
	if n == 0 {
		t.Fatal("no operational sheet")
	}
	src, err := digestSources(os.DirFS(site), nil)
	if err != nil {
		t.Fatal(err)
	}
	taken, fresh := src.lightAggregate("b", model, c), src.lightAggregate("b", model, nil)
	if taken == fresh {
		t.Error("the stored digests were not taken")
	}
	for _, p := range model.Plans {
		for _, s := range p.Operational {
			c.handed[s].light[0] ^= 1
		}
	}
	if taken = src.lightAggregate("b", model, c); taken != fresh {
		t.Error("the aggregate of the stored digests is not the one worked out")
	}
}

// BenchmarkLightDigest works out the light digest of every operational
// sheet of a synthetic site of 1,000 sheets: what a clean build adds.
func BenchmarkLightDigest(b *testing.B) {
	site := b.TempDir()
	if _, err := synth.GenerateWith(site, synth.Options{Sheets: 1000, Seed: 3}); err != nil {
		b.Fatal(err)
	}
	model, ds := LoadAndCheck(os.DirFS(site))
	if ds.HasErrors() {
		b.Fatal(ds.Error())
	}
	sheets := model.Plans[0].Operational
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sheets {
			if _, ok := lightDigest(s); !ok {
				b.Fatal("not encoded")
			}
		}
	}
}
