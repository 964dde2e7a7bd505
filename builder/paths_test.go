package builder

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao"
)

// TestSymlinks: a link that leads out of the site is refused with an error
// naming it, whether it points at a file, a folder, or the config; a link
// inside the site is followed.
func TestSymlinks(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "segreto.yaml")
	if err := os.WriteFile(secret, []byte(testSheet), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(outside, "piano", "operativi"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(outside, "piano", "piano.yaml"), []byte(testPiano), 0o644)
	tests := []struct {
		name, link, target, want string
	}{
		{"absolute link to a file", "content/p/operativi/due.yaml", secret, "content/p/operativi/due.yaml: errore: collegamento simbolico che porta fuori"},
		{"relative link out", "content/p/operativi/due.yaml", "../../../../" + filepath.Base(outside) + "/segreto.yaml", "content/p/operativi/due.yaml: errore: collegamento simbolico"},
		{"linked plan folder", "content/q", filepath.Join(outside, "piano"), "content/q: errore: collegamento simbolico"},
		{"linked content folder", "content", outside, "content: errore: collegamento simbolico"},
		{"linked config", "config.yaml", secret, "config.yaml: errore: collegamento simbolico"},
		{"linked strategic folder", "content/p/strategici", outside, "content/p/strategici: errore: collegamento simbolico"},
		{"link loop", "content/p/operativi/giro.yaml", "giro.yaml", "content/p/operativi/giro.yaml: errore:"},
		{"link inside the site", "content/p/operativi/copia.yaml", "uno.yaml", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := diskSite(t, nil)
			full := filepath.Join(dir, filepath.FromSlash(tt.link))
			_ = os.RemoveAll(full)
			if err := os.Symlink(tt.target, full); err != nil {
				t.Fatal(err)
			}
			ds := checkWithin(t, rootFS(t, dir))
			got := headlines(ds)
			if tt.want == "" {
				if ds.HasErrors() {
					t.Errorf("link inside the site refused:\n%s", ds.Error())
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("want %q; got:\n%s", tt.want, ds.Error())
			}
			if strings.Contains(ds.Error(), outside) {
				t.Errorf("the message names a path outside the site:\n%s", ds.Error())
			}
		})
	}
}

// TestFileNames: names that cannot be an address are refused; names that
// become the same address (case, NFC/NFD, slug) are reported with both.
func TestFileNames(t *testing.T) {
	other := strings.Replace(testSheet, "peso: 50%", "peso: 0%", 1)
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"backslash", []string{`content/p/operativi/x\..\..\y.yaml`}, `content/p/operativi/x\..\..\y.yaml: errore: nome di file non valido`},
		{"control character", []string{"content/p/operativi/a\x01b.yaml"}, "errore: nome di file non valido: \"a\\x01b.yaml\""},
		{"no letter or digit", []string{"content/p/operativi/!!!.yaml"}, `content/p/operativi/!!!.yaml: errore: nome di file non valido`},
		{"plan folder with backslash", []string{`content/a\b/piano.yaml`}, `content/a\b: errore: nome di file non valido`},
		{"case", []string{"content/p/operativi/Uno.yaml"}, "content/p/operativi/uno.yaml:1:1: errore: scriverebbe la pagina p/operativi/uno/index.html, già scritta da content/p/operativi/Uno.yaml:1:1"},
		{"NFC and NFD", []string{"content/p/operativi/qualit\u00e0.yaml", "content/p/operativi/qualita\u0300.yaml"}, "scriverebbe la pagina p/operativi/qualita/index.html, già scritta da"},
		{"slug", []string{"content/p/operativi/registro imprese.yaml", "content/p/operativi/registro-imprese.yaml"}, "scriverebbe la pagina p/operativi/registro-imprese/index.html"},
		{"yaml and md", []string{"content/p/operativi/uno.md"}, "già scritta da content/p/operativi/uno.md:2:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra := map[string][]byte{}
			for _, f := range tt.files {
				b := []byte(other)
				if strings.HasSuffix(f, ".md") {
					b = []byte("---\n" + other + "---\n")
				}
				if strings.HasSuffix(f, "piano.yaml") {
					b = []byte(testPiano)
				}
				extra[f] = b
			}
			ds := checkWithin(t, rootFS(t, diskSite(t, extra)))
			if !strings.Contains(headlines(ds), tt.want) {
				t.Errorf("want %q; got:\n%s", tt.want, ds.Error())
			}
		})
	}
}

// TestOutputPaths: whatever reaches the writer, nothing is written outside
// the output folder.
func TestOutputPaths(t *testing.T) {
	for _, p := range []string{"../fuori.html", "/etc/x.html", "a/../../x.html", `a\..\x.html`, "a/\x00.html", "", "."} {
		out := filepath.Join(t.TempDir(), "public")
		err := Publish(&Site{Files: map[string][]byte{"index.html": []byte("x"), p: []byte("y")}}, out)
		if err == nil {
			t.Errorf("Publish wrote the path %q", p)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("path %q: a partial output was left", p)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(out), "fuori.html")); err == nil {
			t.Errorf("path %q: wrote outside the output", p)
		}
	}
}

// TestThemePanicNamesPage: a theme whose template fails on a page stops
// the build with an error naming the page and its source.
func TestThemePanicNamesPage(t *testing.T) {
	fsys := testSite(nil)
	fsys["themes/default/layouts/sheet.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.IndicatorURL nil nil}}{{end}}`)}
	site, ds := Build(Input{Site: fsys, Themes: piao.Themes})
	want := `content/p/operativi/uno.yaml:1:1: errore: impossibile generare la pagina p/operativi/uno/index.html: template: sheet.html`
	var errs []Diagnostic
	for _, d := range ds {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	if site != nil || len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Fatalf("want %s…; got:\n%s", want, ds.Error())
	}
	if !strings.Contains(errs[0].Msg, "nil pointer") || !strings.Contains(errs[0].Hint, "tema") {
		t.Errorf("the error does not say what failed: %s", errs[0])
	}
}

// TestCheckRefusesWhatBuildWould: a plan folder whose name the output
// cannot hold — named like a file of the site, or longer than a disk's
// file names — is an error of piao check, and piao build refuses it with
// the same error before writing anything.
func TestCheckRefusesWhatBuildWould(t *testing.T) {
	for _, tt := range []struct{ folder, want string }{
		{"index.html", "la pagina index.html/aree/a1/index.html richiede la cartella index.html, che nel sito è già un file"},
		{"robots.txt", "richiede la cartella robots.txt, che nel sito è già un file"},
		{"revisioni.xml", "richiede la cartella revisioni.xml, che nel sito è già un file"},
		{strings.Repeat("p", 250), "è troppo lungo"},
	} {
		t.Run(tt.folder[:min(len(tt.folder), 20)], func(t *testing.T) {
			extra := map[string][]byte{}
			for name, f := range testSite(nil) {
				if strings.HasPrefix(name, "content/p/") {
					extra[name] = nil
					extra["content/"+tt.folder+"/"+strings.TrimPrefix(name, "content/p/")] = f.Data
				}
			}
			dir := diskSite(t, extra)
			ds := Check(Input{Site: rootFS(t, dir), Themes: piao.Themes, Minify: true})
			if !ds.HasErrors() || !strings.Contains(ds.Error(), tt.want) {
				t.Errorf("check: want %q; got:\n%s", tt.want, ds.Error())
			}
			dest := filepath.Join(t.TempDir(), "public")
			_, bds, err := BuildTo(Input{Site: rootFS(t, dir), Themes: piao.Themes, Minify: true}, dest, PublishOptions{})
			if said := fmt.Sprint(err) + bds.Error(); !bds.HasErrors() && err == nil || !strings.Contains(said, "troppo lungo") && !strings.Contains(said, tt.want) {
				t.Errorf("build: err %v; want %q; got:\n%s", err, tt.want, bds.Error())
			}
			if _, err := os.Stat(dest); err == nil {
				t.Error("the build wrote its output")
			}
		})
	}
}

// TestThemeSyntaxErrorNamesFile: a theme whose layout does not parse
// stops the build with an error naming the layout, though the layouts are
// parsed while the search index is made (startLayouts); and nothing is
// written.
func TestThemeSyntaxErrorNamesFile(t *testing.T) {
	fsys := testSite(nil)
	fsys["themes/default/layouts/sheet.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{if}}{{end}}`)}
	site, ds := Build(Input{Site: fsys, Themes: piao.Themes})
	if site != nil || !ds.HasErrors() {
		t.Fatalf("a layout that does not parse built a site; diagnostics:\n%s", ds.Error())
	}
	if !strings.Contains(ds.Error(), "tema: template: sheet.html:1: missing value for if") {
		t.Errorf("the error does not name the layout and what is wrong in it:\n%s", ds.Error())
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(Input{Site: fsys, Themes: piao.Themes}, out, PublishOptions{}); err == nil && !ds.HasErrors() {
		t.Fatal("BuildTo published a site whose layout does not parse")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a layout that does not parse: an output was written")
	}
}
