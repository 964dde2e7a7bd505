package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/synth"
)

// TestSheetRulesKept: a build takes what the rules found of a sheet from
// the last build's cache when the sheet's bytes and the aggregate of the
// sources (everything but the operational sheets' bodies) are as they
// were, and judges the sheet again otherwise. A warning planted in a
// sheet's kept ruling is what shows it: it is among the build's
// diagnostics when the ruling is taken, and not when the sheet changed,
// its front or config.yaml changed another sheet's context, or the ruling
// is of other bytes or another aggregate.
func TestSheetRulesKept(t *testing.T) {
	site := t.TempDir()
	files, err := synth.GenerateWith(site, synth.Options{Sheets: 30, Seed: 5, Plans: 1})
	if err != nil {
		t.Fatal(err)
	}
	var ops []string // the operational sheets: Markdown, a body to append to
	for _, f := range files {
		if strings.HasSuffix(f, ".md") && strings.Contains(f, "/operativi/") {
			ops = append(ops, filepath.ToSlash(f))
		}
	}
	if len(ops) < 2 {
		t.Fatalf("%d operational sheets, want two", len(ops))
	}
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
	const planted = "zzpiantato"
	for _, c := range []struct {
		name  string
		edit  func()             // before the build, after the plant
		spoil func(r *rulesKept) // the kept rulings, after the plant
		found bool
	}{
		{name: "another sheet's body edited", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nUn'altra frase.\n") }, found: true},
		{name: "the sheet's body edited", edit: func() { appendFile(t, filepath.Join(site, ops[0]), "\nUna frase nuova.\n") }},
		{name: "another sheet's front edited", edit: func() {
			editFile(t, filepath.Join(site, ops[1]), `(?m)^descrizione: "`, `descrizione: "Nuova: `)
		}},
		{name: "config.yaml edited", edit: func() { appendFile(t, filepath.Join(site, "config.yaml"), "\n# una nota\n") }},
		{name: "a ruling of other bytes", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nAncora.\n") },
			spoil: func(r *rulesKept) { s := r.Sheets[ops[0]]; s.Sum[0] ^= 1; r.Sheets[ops[0]] = s }},
		{name: "rulings of another aggregate", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nE ancora.\n") },
			spoil: func(r *rulesKept) { r.Ctx += "x" }},
		{name: "kept again", edit: func() { appendFile(t, filepath.Join(site, ops[1]), "\nDi nuovo.\n") }, found: true},
	} {
		data, err := readCacheFile(CachePath(dest))
		if err != nil || data.Rules == nil {
			t.Fatalf("%s: the cache keeps no rulings (%v)", c.name, err)
		}
		r, ok := data.Rules.Sheets[ops[0]]
		if !ok || len(data.Rules.Sheets) < len(ops) {
			t.Fatalf("%s: %d rulings kept, none of %s", c.name, len(data.Rules.Sheets), ops[0])
		}
		r.Diags = append(r.Diags, Diagnostic{Severity: Warning, Msg: planted})
		data.Rules.Sheets[ops[0]] = r
		if c.spoil != nil {
			c.spoil(data.Rules)
		}
		if err := writeCache(CachePath(dest), data); err != nil {
			t.Fatal(err)
		}
		c.edit()
		got := strings.Contains(build(c.name).Error(), planted)
		if got != c.found {
			t.Errorf("%s: the planted warning among the diagnostics: %v, want %v", c.name, got, c.found)
		}
	}
}
