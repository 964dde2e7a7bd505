package builder

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/synth"
)

// cacheEdit is a change to a site, and what the build cache may do after it.
type cacheEdit struct {
	name      string
	edit      func(t *testing.T, site, dest string)
	reuses    bool // some sheets' pages are linked, not rendered
	unchanged bool // nothing is written
	note      string
}

// TestBuildCacheSameAsClean: after every kind of edit, a build through
// the cache of the previous one publishes the very bytes of a clean build
// of the same sources, says the same, and spares what it may.
func TestBuildCacheSameAsClean(t *testing.T) {
	site := t.TempDir()
	sheets, err := synth.GenerateWith(site, synth.Options{Sheets: 80, Seed: 5, Plans: 2})
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest := filepath.Join(t.TempDir(), "public")
	if w, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() || w.Reused != 0 || w.Note != "" {
		t.Fatalf("first build: %+v %v %s", w, err, ds.Error())
	}
	for _, c := range cacheEdits(sheets) {
		c.edit(t, site, dest)
		w, ds, err := BuildTo(in, dest, PublishOptions{})
		if err != nil || ds.HasErrors() {
			t.Fatalf("%s: %v\n%s", c.name, err, ds.Error())
		}
		clean := filepath.Join(t.TempDir(), "public")
		cw, cds, err := BuildTo(in, clean, PublishOptions{})
		if err != nil || cds.HasErrors() {
			t.Fatalf("%s, clean: %v\n%s", c.name, err, cds.Error())
		}
		if diff := diffFiles(readTree(t, clean), readTree(t, dest)); diff != "" {
			t.Errorf("%s: through the cache, %s", c.name, diff)
		}
		if w.Loss != nil { // into an empty folder, nothing is lost
			ds = slices.DeleteFunc(ds, func(d Diagnostic) bool { return d.Msg == w.Loss.Warning(true).Msg })
		}
		if ds.Error() != cds.Error() || w.Pages != cw.Pages || w.Files != cw.Files || w.Bytes != cw.Bytes {
			t.Errorf("%s: through the cache %+v\n%s\nclean %+v\n%s", c.name, w, ds.Error(), cw, cds.Error())
		}
		if (w.Reused > 0) != c.reuses || w.Unchanged != c.unchanged {
			t.Errorf("%s: reused %d pages, unchanged %v; want reuse %v, unchanged %v", c.name, w.Reused, w.Unchanged, c.reuses, c.unchanged)
		}
		if !strings.Contains(w.Note, c.note) || (c.note == "") != (w.Note == "") {
			t.Errorf("%s: note %q, want %q", c.name, w.Note, c.note)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.Base(CachePath(dest)))); err == nil {
		t.Error("the cache is inside the published folder")
	}
}

// cacheEdits are the edits of TestBuildCacheSameAsClean, in order: each
// starts from the site and output the previous one left.
func cacheEdits(sheets []string) []cacheEdit {
	op := func(i int) string { return sheets[i] }
	return []cacheEdit{
		{name: "nothing changed", edit: func(*testing.T, string, string) {}, unchanged: true},
		{name: "a sheet", edit: func(t *testing.T, site, _ string) { retitle(t, filepath.Join(site, op(3)), "Cambiato ") }, reuses: true},
		{name: "a strategic sheet", edit: func(t *testing.T, site, _ string) {
			files, _ := filepath.Glob(filepath.Join(site, "content", "piao-2021-2023", "strategici", "*.yaml"))
			if len(files) == 0 {
				t.Fatal("no strategic sheet")
			}
			editFile(t, files[0], `(?m)^titolo: "`, `titolo: "Nuovo `)
		}, reuses: true},
		{name: "piano.yaml", edit: func(t *testing.T, site, _ string) {
			editFile(t, filepath.Join(site, "content", "piao-2021-2023", "piano.yaml"), `(?m)^titolo: "?`, `titolo: Rivisto `)
		}, reuses: true}, // the other plan's pages are kept
		{name: "config.yaml", edit: func(t *testing.T, site, _ string) {
			editFile(t, filepath.Join(site, "config.yaml"), `(?m)^(\s+nome: )"?`, `${1}Nuovo `)
		}},
		{name: "a theme file", edit: func(t *testing.T, site, _ string) {
			writeFile(t, filepath.Join(site, "themes", "default", "layouts", "sheet.html"), append(builtinLayout(t), "\n<!-- tema del sito -->"...))
		}},
		{name: "the same theme file as the built-in", edit: func(t *testing.T, site, _ string) {
			writeFile(t, filepath.Join(site, "themes", "default", "layouts", "sheet.html"), builtinLayout(t))
		}},
		{name: "a deleted sheet", edit: func(t *testing.T, site, _ string) {
			if err := os.Remove(filepath.Join(site, op(7))); err != nil {
				t.Fatal(err)
			}
		}, reuses: true},
		{name: "a renamed plan", edit: func(t *testing.T, site, _ string) {
			c := filepath.Join(site, "content")
			if err := os.Rename(filepath.Join(c, "piao-2024-2026"), filepath.Join(c, "piao-2024-2026-bis")); err != nil {
				t.Fatal(err)
			}
		}, reuses: true},
		{name: "a page of the output edited by hand", edit: func(t *testing.T, _, dest string) {
			editFile(t, filepath.Join(dest, "index.html"), `</body>`, `<p>a mano</p></body>`)
		}, reuses: true, note: "modificata dopo l'ultima generazione"},
		{name: "a file added to the output", edit: func(t *testing.T, _, dest string) {
			writeFile(t, filepath.Join(dest, "piao-2021-2023", "estraneo.txt"), []byte("x"))
		}, reuses: true, note: "modificata dopo l'ultima generazione"},
		{name: "a corrupt cache", edit: func(t *testing.T, _, dest string) {
			b, _ := os.ReadFile(CachePath(dest))
			b[len(b)/2] ^= 1
			writeFile(t, CachePath(dest), b)
		}, note: "danneggiata"},
		{name: "a cache of another version", edit: func(t *testing.T, _, dest string) {
			data, note := readCache(CachePath(dest), programDigest())
			if data == nil {
				t.Fatal(note)
			}
			data.Program = "un'altra versione"
			if err := writeCache(CachePath(dest), data); err != nil {
				t.Fatal(err)
			}
		}, note: "un'altra versione di piao"},
	}
}

// builtinLayout is the built-in theme's layout of a sheet's page.
func builtinLayout(t *testing.T) []byte {
	b, err := fs.ReadFile(piao.Themes, "themes/default/layouts/sheet.html")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func retitle(t *testing.T, file, prefix string) {
	t.Helper()
	editFile(t, file, `(?m)^obiettivo_operativo: (\{valore: )?"`, `obiettivo_operativo: $1"`+prefix)
}

// editFile replaces what re matches in file; it fails if nothing changes.
func editFile(t *testing.T, file, re, repl string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(re).ReplaceAll(b, []byte(repl))
	if bytes.Equal(edited, b) {
		t.Fatalf("%s: nothing matched %s", file, re)
	}
	writeFile(t, file, edited)
}

func writeFile(t *testing.T, file string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckRendersSiteTheme: piao check renders every page when the site
// has a theme of its own, so that a template failing on one sheet only
// is found, as piao build finds it; with the built-in theme it renders a
// page of each kind and finds the site clean.
func TestCheckRendersSiteTheme(t *testing.T) {
	site := t.TempDir()
	sheets, err := synth.Generate(site, 40, 2)
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	if ds := Check(in); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	last := sheets[len(sheets)-1]
	slug := strings.TrimSuffix(filepath.Base(last), filepath.Ext(last))
	layout := bytes.Replace(builtinLayout(t), []byte(`{{define "main"}}`),
		[]byte(`{{define "main"}}{{if eq .Sheet.Slug "`+slug+`"}}{{.NoSuchField}}{{end}}`), 1)
	writeFile(t, filepath.Join(site, "themes", "default", "layouts", "sheet.html"), layout)
	ds := Check(in)
	if !ds.HasErrors() || !strings.Contains(ds.Error(), slug) {
		t.Errorf("a template failing on the page of %s only: check found\n%s", slug, ds.Error())
	}
	_, bds, err := BuildTo(in, filepath.Join(t.TempDir(), "public"), PublishOptions{})
	if err != nil || bds.Error() != ds.Error() {
		t.Errorf("build says\n%s\ncheck says\n%s", bds.Error(), ds.Error())
	}
}
