package builder

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/piao-pa/piao"
)

// TestSheetRulesKept: a build takes what the rules found of a sheet from
// the last build's cache when the sheet's bytes and the aggregate of the
// sources (everything but the operational sheets' bodies) are as they
// were, and judges the sheet again otherwise; what the other rules found
// (checkSite), when the aggregate is. A warning planted in a sheet's kept
// ruling, and another in the site's, is what shows it: each is among the
// build's diagnostics when its ruling is taken, and not when the sheet
// changed (the sheet's), another sheet's front or config.yaml changed
// (both), or the ruling is of other bytes (the sheet's), of other files
// or of another aggregate (both).
func TestSheetRulesKept(t *testing.T) {
	site, ops := synthOperational(t, 5)
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest := filepath.Join(t.TempDir(), "public")
	build := func(step string) Diagnostics {
		t.Helper()
		_, ds, err := BuildTo(in, dest, PublishOptions{})
		if err != nil || ds.HasErrors() {
			t.Fatalf("%s: %v %s", step, err, ds.Error())
		}
		return ds
	}
	build("first")
	// The place of ops[0] among the model's sheets, as the rulings are kept.
	model, _ := LoadAndCheck(in.Site)
	at, sheets := -1, 0
	for _, p := range model.Plans {
		for _, s := range p.Sheets() {
			if s.Pos.File() == ops[0] {
				at = sheets
			}
			sheets++
		}
	}
	if at < 0 {
		t.Fatalf("%s not among the model's sheets", ops[0])
	}
	const planted, plantedSite = "zzpiantato", "zzpiantato nel sito"
	for _, c := range []struct {
		name        string
		edit        func()             // before the build, after the plant
		spoil       func(r *rulesKept) // the kept rulings, after the plant
		found, site bool               // the planted warnings seen: the sheet's, the site's
	}{
		{name: "another sheet's body edited", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nUn'altra frase.\n") }, found: true, site: true},
		{name: "the sheet's body edited", edit: func() { appendFile(t, filepath.Join(site, ops[0]), "\nUna frase nuova.\n") }, site: true},
		{name: "another sheet's front edited", edit: func() {
			editFile(t, filepath.Join(site, ops[1]), `(?m)^descrizione: "`, `descrizione: "Nuova: `)
		}},
		{name: "config.yaml edited", edit: func() { appendFile(t, filepath.Join(site, "config.yaml"), "\n# una nota\n") }},
		{name: "a ruling of other bytes", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nAncora.\n") },
			spoil: func(r *rulesKept) { b := []byte(r.Sums); b[at*sha256.Size] ^= 1; r.Sums = string(b) }, site: true},
		{name: "rulings of other files", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nPoi.\n") },
			spoil: func(r *rulesKept) { r.Files[0] ^= 1 }},
		{name: "rulings of another aggregate", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nE ancora.\n") },
			spoil: func(r *rulesKept) { r.Ctx += "x" }},
		{name: "kept again", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nDi nuovo.\n") }, found: true, site: true},
	} {
		data, err := readCacheFile(CachePath(dest))
		if err != nil || data.Rules == nil {
			t.Fatalf("%s: the cache keeps no rulings (%v)", c.name, err)
		}
		if len(data.Rules.Sums) != sheets*sha256.Size {
			t.Fatalf("%s: %d bytes of rulings kept, want those of %d sheets", c.name, len(data.Rules.Sums), sheets)
		}
		if k := slices.Index(data.Rules.With, int32(at)); k >= 0 {
			data.Rules.Found[k] = append(data.Rules.Found[k], Diagnostic{Severity: Warning, Msg: planted})
		} else {
			data.Rules.With, data.Rules.Found = append(data.Rules.With, int32(at)), append(data.Rules.Found, Diagnostics{{Severity: Warning, Msg: planted}})
		}
		data.Rules.Site = append(data.Rules.Site, Diagnostic{Severity: Warning, Msg: plantedSite})
		if c.spoil != nil {
			c.spoil(data.Rules)
		}
		if err := writeCache(CachePath(dest), data); err != nil {
			t.Fatal(err)
		}
		c.edit()
		ds := build(c.name)
		var found, site bool
		for _, d := range ds {
			found = found || d.Msg == planted
			site = site || d.Msg == plantedSite
		}
		if found != c.found || site != c.site {
			t.Errorf("%s: the planted warnings among the diagnostics: the sheet's %v, the site's %v; want %v, %v", c.name, found, site, c.found, c.site)
		}
	}
}
