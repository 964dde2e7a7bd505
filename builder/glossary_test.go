package builder

import (
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

var abbrRE = regexp.MustCompile(`<abbr title="[^"]*">|</abbr>`)

// withoutAbbr is a page without the marks of its abbreviations, for tests
// that look for a text the glossary may mark.
func withoutAbbr(page string) string { return abbrRE.ReplaceAllString(page, "") }

// TestGlossary: config.yaml's and piano.yaml's abbreviations (the plan's
// meaning over the config's) are marked at their first use in each
// page's main content only, as whole words, never inside a tag, a link's
// address, the search page's script data or the header; the meaning is
// escaped; the Glossario page lists them all.
func TestGlossary(t *testing.T) {
	cfg := testFullConfig + `glossario:
  - {sigla: OIV, significato: "Organismo indipendente di valutazione"}
  - {sigla: RI/REA, significato: "Registro delle imprese e <script>alert(1)</script> \"repertorio\""}
  - {sigla: AT, significato: Amministrazione Trasparente}
`
	piano := strings.Replace(testPiano, "schede: selezione", "glossario:\n  - {sigla: OIV, significato: Nucleo di valutazione}\nschede: selezione", 1)
	sheet := strings.Replace(testSheet, "obiettivo_operativo: Fare qualcosa",
		`obiettivo_operativo: "Pratiche RI/REA: parere OIV, poi ancora OIV; non OIVA né xOIV"`, 1)
	site, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": cfg, "content/p/piano.yaml": piano,
		"content/p/operativi/uno.yaml": sheet}), Themes: piao.Themes})
	if site == nil || ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	page := string(site.Files["p/operativi/uno/index.html"])
	main := page[strings.Index(page, "<main"):strings.Index(page, "</main>")]
	for _, want := range []string{
		`<h1>Pratiche <abbr title="Registro delle imprese e &lt;script&gt;alert(1)&lt;/script&gt; &#34;repertorio&#34;">RI/REA</abbr>: parere <abbr title="Nucleo di valutazione">OIV</abbr>, poi ancora OIV; non OIVA né xOIV</h1>`,
	} {
		if !strings.Contains(main, want) {
			t.Errorf("the sheet's page lacks %s", want)
		}
	}
	if n := strings.Count(page, "<abbr"); n != 2 {
		t.Errorf("the sheet's page marks %d abbreviations, want 2 (RI/REA and OIV, once each)", n)
	}
	if strings.Contains(page[:strings.Index(page, "<main")], "<abbr") || strings.Contains(page, "<title>Pratiche <abbr") {
		t.Error("an abbreviation is marked outside the main content")
	}
	gl := string(site.Files["p/glossario/index.html"])
	for _, want := range []string{`<dt><abbr title="Amministrazione Trasparente">AT</abbr></dt><dd>Amministrazione Trasparente</dd>`,
		`<dd>Nucleo di valutazione</dd>`, `&lt;script&gt;`} {
		if !strings.Contains(gl, want) {
			t.Errorf("the Glossario page lacks %s", want)
		}
	}
	if strings.Contains(gl, "Organismo indipendente") || strings.Contains(gl, "<script>alert") {
		t.Error("the Glossario page lists the config's meaning of an abbreviation the plan redefines, or unescaped text")
	}
	search := string(site.Files["cerca/index.html"])
	if i := strings.Index(search, "data-parole="); strings.Contains(search[i:i+2000], "<abbr") {
		t.Error("the search page's words for its script hold a mark")
	}
	plain, _ := Build(Input{Site: testSite(nil), Themes: piao.Themes})
	if _, ok := plain.Files["p/glossario/index.html"]; ok || strings.Contains(string(plain.Files["p/index.html"]), "<abbr") {
		t.Error("a site without a glossary has a Glossario page or marks")
	}
}

// TestGlossarySearch: an abbreviation of the glossary finds what is
// written out, and what it stands for finds the abbreviation.
func TestGlossarySearch(t *testing.T) {
	site := buildExample(t, false)
	ix := buildSearchIndex(site.Model, italian(t))
	g := newGoSearcher(ix)
	find := func(q string) []string {
		var out []string
		for _, id := range g.search(q, nil).ids {
			out = append(out, ix.docs[id].URL)
		}
		return out
	}
	has := func(urls []string, part string) bool {
		for _, u := range urls {
			if strings.Contains(u, part) {
				return true
			}
		}
		return false
	}
	if got := find("repertorio economico amministrativo"); !has(got, "operativi/registro-imprese/index.html") {
		t.Errorf("«repertorio economico amministrativo» finds %v, not the sheet that says REA", got)
	}
	if got := find("punto impresa digitale"); !has(got, "ind-assessment-doppia-transizione") {
		t.Errorf("«punto impresa digitale» finds %v, not the indicator that says PID", got)
	}
	// The reverse: a text that writes the meaning out is found by the
	// abbreviation.
	cfg := testFullConfig + "glossario:\n  - {sigla: OIV, significato: Organismo indipendente di valutazione}\n"
	sheet := strings.Replace(testSheet, "obiettivo_operativo: Fare qualcosa", "obiettivo_operativo: Parere dell'Organismo indipendente di valutazione", 1)
	small, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": cfg, "content/p/operativi/uno.yaml": sheet}), Themes: piao.Themes})
	if small == nil {
		t.Fatal(ds.Error())
	}
	six := buildSearchIndex(small.Model, italian(t))
	if ids := newGoSearcher(six).search("OIV", nil).ids; len(ids) == 0 || six.docs[ids[0]].URL != "p/operativi/uno/index.html" {
		t.Errorf("«OIV» does not find the sheet that writes the meaning out: %v", ids)
	}
}
