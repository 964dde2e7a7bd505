package builder

import (
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// TestSafeConfigURLs: the URLs of the config that every page's frame
// links are judged once, as markup.SafeURL judges them: a page gives a
// safe one as it is and an unsafe one not at all, the breadcrumb's
// level with an unsafe URL links its own page; a URL the config does
// not hold is judged as it is asked for.
func TestSafeConfigURLs(t *testing.T) {
	text := func(s string) plan.Text { return plan.Text{S: s} }
	site := &plan.Site{}
	cfg := &site.Config
	cfg.Ente.Sito = text("https://www.example.it/")
	cfg.Accessibilita = text("javascript:alert(1)")
	cfg.Privacy = text(" JavaScript:alert(2)")
	cfg.Licenza.URL = text("https://creativecommons.org/licenses/by/4.0/")
	cfg.Collegamenti = []plan.Link{{Titolo: text("URP"), URL: text("mailto:urp@example.it")}, {Titolo: text("x"), URL: text("data:text/html,x")}}
	cfg.Percorso = []plan.Link{{Titolo: text("Amministrazione trasparente"), URL: text("vbscript:x")}, {Titolo: text("Performance"), URL: text("https://www.example.it/at/")}}
	r := &renderer{site: site}
	r.configURLs = safeConfigURLs(cfg)
	pg := &page{Path: "piano/index.html", Site: site, r: r}
	for u, want := range map[string]string{
		"https://www.example.it/":                      "https://www.example.it/",
		"javascript:alert(1)":                          "",
		" JavaScript:alert(2)":                         "",
		"https://creativecommons.org/licenses/by/4.0/": "https://creativecommons.org/licenses/by/4.0/",
		"mailto:urp@example.it":                        "mailto:urp@example.it",
		"data:text/html,x":                             "",
		"vbscript:x":                                   "",
		"javascript:alert(3)":                          "", // not the config's
		"../allegati/delibera.pdf":                     "../allegati/delibera.pdf",
	} {
		if got := pg.SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %q, want %q", u, got, want)
		}
	}
	if len(r.configURLs) != 8 {
		t.Errorf("%d URLs of the config judged, want 8", len(r.configURLs))
	}
	if got := pg.SectionURL(0); got != "../amministrazione-trasparente/index.html" {
		t.Errorf("a level with an unsafe URL links %q, want its own page", got)
	}
	if got := pg.SectionURL(1); got != "https://www.example.it/at/" {
		t.Errorf("a level with a safe URL links %q", got)
	}
	if got := (&page{}).SafeURL("javascript:x"); got != "" {
		t.Errorf("a page without a renderer: %q", got)
	}
}
