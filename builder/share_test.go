package builder

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// metaRE reads a meta tag as the built-in theme writes it, content in
// double quotes, or as the minifier writes it: in single ones when it
// holds a double quote.
var metaRE = regexp.MustCompile(`<meta (?:name|property)="([^"]+)" content=(?:"([^"]*)"|'([^']*)')>`)

// metas are a page's meta tags by name, their content as a reader of
// the page has it: character references replaced.
func metas(page string) map[string]string {
	out := map[string]string{}
	for _, m := range metaRE.FindAllStringSubmatch(page, -1) {
		out[m[1]] = html.UnescapeString(m[2] + m[3])
	}
	return out
}

// TestShareEveryPage: every page of the example has a description of its
// own and the Open Graph tags a shared link shows, and no picture, since
// the example's config gives none; without url_base no canonical address.
func TestShareEveryPage(t *testing.T) {
	site := buildExample(t, true)
	seen := map[string]string{}
	for p := range site.Kinds {
		page := string(site.Files[p])
		m := metas(page)
		for _, k := range []string{"description", "og:type", "og:title", "og:description", "og:site_name", "og:locale"} {
			if m[k] == "" {
				t.Errorf("%s: no %s", p, k)
			}
		}
		if len([]rune(m["description"])) > maxDescription+2 {
			t.Errorf("%s: a description of %d characters", p, len([]rune(m["description"])))
		}
		if m["og:image"] != "" || m["og:url"] != "" || strings.Contains(page, `rel="canonical"`) {
			t.Errorf("%s: a picture or an address the config does not give", p)
		}
		if prev, dup := seen[m["description"]]; dup && site.Kinds[p] == "sheet" {
			t.Errorf("%s and %s share the description %q", p, prev, m["description"])
		}
		seen[m["description"]] = p
	}
	sheet := metas(string(site.Files["piao-2024-2026/operativi/registro-imprese/index.html"]))
	if want := "Obiettivo operativo: Gestione Pratiche telematiche RI e REA sospese. 1 indicatore."; !strings.HasPrefix(sheet["description"], want) || sheet["og:type"] != "article" {
		t.Errorf("the sheet's description: %q, want %q…", sheet["description"], want)
	}
}

// TestShareWithAddress: with url_base, every page names its canonical
// address; with anteprima, the picture and its text.
func TestShareWithAddress(t *testing.T) {
	cfg := testFullConfig + "anteprima:\n  immagine: assets/img/anteprima.png\n  testo: Il logo dell'ente\n"
	site, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": cfg}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	page := string(site.Files["p/operativi/uno/index.html"])
	m := metas(page)
	const url = "https://trasparenza.example.it/p/operativi/uno/index.html"
	if m["og:url"] != url || !strings.Contains(page, `<link rel="canonical" href="`+url+`">`) {
		t.Errorf("og:url %q, want %s, and the canonical link", m["og:url"], url)
	}
	if m["og:image"] != "https://trasparenza.example.it/assets/img/anteprima.png" || m["og:image:alt"] != "Il logo dell'ente" || m["twitter:card"] != "summary_large_image" {
		t.Errorf("picture %q, text %q, card %q", m["og:image"], m["og:image:alt"], m["twitter:card"])
	}
	if !strings.Contains(page, `Come citare:</strong> Ente di prova, Piano di prova, obiettivo operativo «Fare qualcosa», versione del 12 settembre 2024, <span class="cite-url">https://trasparenza.example.it/p/operativi/uno/</span>.`) {
		t.Error("the sheet's page does not say how to cite it")
	}
	if !strings.Contains(page, `<a class="copy-link" href="#contenuto" data-page`) || !strings.Contains(page, `<a class="copy-link" href="#ind-i1"`) {
		t.Error("the sheet or its indicator has no link to copy")
	}
	plan := string(site.Files["p/index.html"])
	if !strings.Contains(plan, `<link rel="alternate" type="application/atom+xml"`) || !strings.Contains(plan, `>Feed Atom delle revisioni</a>`) {
		t.Error("the plan's page does not link the feed of its revisions")
	}
}
