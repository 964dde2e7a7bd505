package builder

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao"
)

// bodySite is the test site with its sheet written as Markdown, body
// the body.
func bodySite(body string) fstest.MapFS {
	fsys := testSite(map[string]string{unoYAML: ""})
	fsys["content/p/operativi/uno.md"] = &fstest.MapFile{Data: []byte("---\n" + testSheet + "---\n" + body)}
	return fsys
}

// fieldTextSite is the test site with text as the description of the sheet's
// indicator, whose inline Markdown every output renders or strips.
func fieldTextSite(text string) fstest.MapFS {
	block := "|\n      " + strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "\n      ") + "\n"
	return testSite(map[string]string{unoYAML: strings.Replace(testSheet, "descrizione: Indicatore\n", "descrizione: "+block, 1)})
}

// TestBodyFindings: the problems of a body are errors at their place in
// the sheet, a handful of each kind; an image from another site is one,
// once the text is within the bounds.
func TestBodyFindings(t *testing.T) {
	file := "content/p/operativi/uno.md"
	image := "Introduzione.\n\n![logo](https://cdn.example.org/logo.png)\n"
	deep := image + "\n" + strings.Repeat("> ", 12) + "troppo\n\n" + strings.Repeat(strings.Repeat("- ", 11)+"x\n", 10)
	for _, tt := range []struct {
		body string
		want []string
	}{
		{image, []string{file + ":20:1: errore: immagine da un altro sito: https://cdn.example.org/logo.png"}},
		{deep, []string{
			file + ":22:1: errore: annidamento troppo profondo: 12 citazioni (>) o elenchi aperti sulla stessa riga, al massimo 10",
			file + ":24:1: errore: annidamento troppo profondo: 11",
			file + ":25:1: errore: annidamento troppo profondo: 11",
		}},
	} {
		_, ds := LoadAndCheck(bodySite(tt.body))
		cache := NewCache() // the second load takes the sheet from the cache, with what its rules found
		for range 2 {
			if _, cds := cache.LoadAndCheck(bodySite(tt.body)); headlines(cds) != headlines(ds) {
				t.Errorf("through a cache:\n%s\nwant\n%s", headlines(cds), headlines(ds))
			}
		}
		got := strings.Split(strings.TrimSpace(headlines(ds)), "\n")
		if len(got) != len(tt.want) {
			t.Errorf("got %d findings, want %d:\n%s", len(got), len(tt.want), ds.Error())
			continue
		}
		for i := range tt.want {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("finding %d = %q, want %q…", i, got[i], tt.want[i])
			}
		}
		if site, _ := Build(Input{Site: bodySite(tt.body), Themes: piao.Themes}); site != nil {
			t.Error("a body with errors is published")
		}
	}
}

// TestFieldFindings: a field whose inline Markdown passes a bound is an
// error at the field, and the site is not published.
func TestFieldFindings(t *testing.T) {
	fsys := fieldTextSite(strings.Repeat("[a](", 1000))
	_, ds := LoadAndCheck(fsys)
	want := unoYAML + ":8:18: errore: paragrafo con 1000 parentesi quadre [, al massimo 500"
	if !strings.Contains(headlines(ds), want) {
		t.Errorf("want %q; got:\n%s", want, ds.Error())
	}
	if site, _ := Build(Input{Site: fsys, Themes: piao.Themes}); site != nil {
		t.Error("the site is published")
	}
}
