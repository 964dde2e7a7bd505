package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/synth"
)

// TestMinifyWhatPiaoDoesNotWrite: with minifying on, the built-in theme's
// pages are written as they are rendered, since they are compact already
// (Pages.renderRaw says what the minifier took out of them, and this test
// holds them to it); the style sheet and the scripts are minified, and
// so are the pages of a theme of the site's own.
func TestMinifyWhatPiaoDoesNotWrite(t *testing.T) {
	plain, min := buildExample(t, false), buildExample(t, true)
	m := newMinifier()
	var raw, minified int
	for name, b := range min.Files {
		if !strings.HasSuffix(name, ".html") || min.Kinds[name] == "" {
			continue
		}
		if !bytes.Equal(b, plain.Files[name]) {
			t.Errorf("%s: the built-in theme's page differs minifying on and off", name)
		}
		var out bytes.Buffer
		if err := m.Minify("text/html", &out, bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
		raw, minified = raw+len(b), minified+out.Len()
	}
	if raw == 0 || raw*100 > minified*102 {
		t.Errorf("the built-in theme's pages are %d bytes, %d minified: more than 2%% that a build would have to minify", raw, minified)
	}
	t.Logf("the example's pages: %d bytes, %d minified (%.2f%%)", raw, minified, 100*float64(raw-minified)/float64(minified))
	for _, name := range []string{"assets/css/piao.css", "assets/js/piao.js"} {
		if len(min.Files[name]) == 0 || len(min.Files[name]) >= len(plain.Files[name]) {
			t.Errorf("%s: %d bytes minified, %d not: not minified", name, len(min.Files[name]), len(plain.Files[name]))
		}
	}

	// A theme of the site's own: its layouts may hold anything.
	site := t.TempDir()
	sheets, err := synth.Generate(site, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	layout := bytes.Replace(builtinLayout(t), []byte(`{{define "main"}}`), []byte("{{define \"main\"}}\n\n        <p>Scritto    a mano.</p>\n\n"), 1)
	writeFile(t, filepath.Join(site, "themes", "default", "layouts", "sheet.html"), layout)
	own := func(minify bool) *Site {
		s, ds := Build(Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: minify})
		if s == nil {
			t.Fatal(ds.Error())
		}
		return s
	}
	ownPlain, ownMin := own(false), own(true)
	base := filepath.Base(sheets[len(sheets)-1])
	slug := strings.TrimSuffix(base, filepath.Ext(base))
	var page string
	for name := range ownMin.Files {
		if strings.HasSuffix(name, "/operativi/"+slug+"/index.html") {
			page = name
		}
	}
	if page == "" {
		t.Fatalf("no page for the sheet %s", slug)
	}
	var want bytes.Buffer
	if err := m.Minify("text/html", &want, bytes.NewReader(ownPlain.Files[page])); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(ownPlain.Files[page], []byte("Scritto    a mano.")) || !bytes.Equal(ownMin.Files[page], want.Bytes()) {
		t.Errorf("%s, of the site's own theme, is not minified:\n%s", page, ownMin.Files[page])
	}
}
