package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/synth"
)

// TestSearchDocsKept: a rebuild takes a sheet's search documents from the
// file the last build kept them in when their key is the one of the
// sheet as it is, and makes them again otherwise. A term planted in a
// kept entry is what shows it: it reaches the search index when the entry
// is used, and not when its key is wrong, the file is corrupt or of
// another program, or the sheet changed.
func TestSearchDocsKept(t *testing.T) {
	site := t.TempDir()
	sheets, err := synth.GenerateWith(site, synth.Options{Sheets: 30, Seed: 3, Plans: 1})
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest := filepath.Join(t.TempDir(), "public")
	build := func(step string) {
		t.Helper()
		appendFile(t, filepath.Join(site, sheets[0]), "\nUn'altra frase ("+step+").\n") // never nothing changed
		if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
			t.Fatalf("%s: %v %s", step, err, ds.Error())
		}
	}
	var ops []string // the operational sheets: Markdown, a body to append to
	for _, f := range sheets {
		if strings.HasSuffix(f, ".md") {
			ops = append(ops, f)
		}
	}
	sheets = ops
	build("first")
	const planted = "zzpiantato"
	for _, c := range []struct {
		name  string
		spoil func(data *searchDocsData, entry string) // after the plant
		edit  string                                   // the planted sheet edited before the build
		found bool
	}{
		{name: "kept", found: true},
		{name: "another key", spoil: func(d *searchDocsData, e string) { k := d.Sheets[e]; k.Key += "x"; d.Sheets[e] = k }},
		{name: "another program", spoil: func(d *searchDocsData, _ string) { d.Program = "un'altra versione" }},
		{name: "the sheet edited", edit: "\nTesto nuovo.\n"},
		{name: "kept again", found: true},
	} {
		entry := plantTerm(t, dest, sheets[1], planted, c.spoil)
		if c.edit != "" {
			appendFile(t, filepath.Join(site, sheets[1]), c.edit)
		}
		build(c.name)
		if got := searchDataHas(t, dest, planted); got != c.found {
			t.Errorf("%s: the planted term in the index: %v, want %v (entry %q)", c.name, got, c.found, entry)
		}
	}
	plantTerm(t, dest, sheets[1], planted, nil)
	b, err := os.ReadFile(searchDocsPath(dest))
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	writeFile(t, searchDocsPath(dest), b)
	build("corrupt")
	if searchDataHas(t, dest, planted) {
		t.Error("corrupt: the planted term reached the index")
	}
	var data searchDocsData
	if err := readSealed(searchDocsPath(dest), &data); err != nil || len(data.Sheets) < len(sheets) {
		t.Errorf("after a corrupt file: %d sheets kept, %v; want %d", len(data.Sheets), err, len(sheets))
	}
}

// plantTerm adds term to the first document kept for the sheet file,
// then spoils the file's data if asked; it gives the entry's name.
func plantTerm(t *testing.T, dest, file, term string, spoil func(*searchDocsData, string)) string {
	t.Helper()
	var data searchDocsData
	if err := readSealed(searchDocsPath(dest), &data); err != nil {
		t.Fatal(err)
	}
	entry := "\x00" + filepath.ToSlash(file)
	k, ok := data.Sheets[entry]
	if !ok || len(k.Docs) == 0 {
		t.Fatalf("no documents kept for %s", file)
	}
	k.Docs[0].Terms += "3" + term + "\x00"
	data.Sheets[entry] = k
	if spoil != nil {
		spoil(&data, entry)
	}
	if err := writeSealed(searchDocsPath(dest), &data); err != nil {
		t.Fatal(err)
	}
	return entry
}

// searchDataHas reports whether a file of the search index in dest holds
// s.
func searchDataHas(t *testing.T, dest, s string) bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dest, filepath.FromSlash(searchDataRoot), "*", "t*.js"))
	if len(files) == 0 {
		t.Fatal("no search index")
	}
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), `"`+s+`"`) {
			return true
		}
	}
	return false
}

// TestSearchDocsSameAsClean: what a sheet's kept documents read of the
// other sheets is in their key: a result of another sheet in a new year
// gives this one the outcome of that year (a facet of the search), as a
// clean build does.
func TestSearchDocsSameAsClean(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", "plans", "f-ciclo"))); err != nil {
		t.Fatal(err)
	}
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest := filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("first build: %v %s", err, ds.Error())
	}
	bilancio := filepath.Join(site, "content", "piao-2025-2027", "operativi", "bilancio.yaml")
	for _, c := range []cacheEdit{
		{name: "a result of one sheet in a year none reported on", edit: func(t *testing.T, _, _ string) {
			editFile(t, bilancio, `(?m)^(\s+)2025: SI$`, "${1}2025: SI\n${1}2026: SI")
			editFile(t, bilancio, `(?m)^(\s+)(2025: \{valore: SI, raggiungimento: 100%\})$`, "${1}${2}\n${1}2026: {valore: SI, raggiungimento: 100%}")
		}, reuses: true},
	} {
		rebuildSameAsClean(t, in, site, dest, c)
	}
}
