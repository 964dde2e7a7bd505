package builder

import (
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// TestExplainAndConnect (point 8): a strategic sheet lists the
// operational sheets of its objectives; the values that have an index
// link to their entry; a footnote marker links to its note and shows it;
// every page's menu has Indici and Dati aperti; the footer shows the
// ente's contacts.
func TestExplainAndConnect(t *testing.T) {
	site := buildExample(t, false)
	linea1 := withoutAbbr(string(site.Files["piao-2024-2026/strategici/linea-1/index.html"]))
	ops := sectionOf(linea1, "<h2>Obiettivi operativi</h2>", "</ul>\n")
	for _, want := range []string{`<span class="code">1.1</span> Digitalizzazione e innovazione`,
		`<a href="../../operativi/promozione-doppia-transizione/index.html">Gestione Progetto`} {
		if !strings.Contains(ops, want) {
			t.Errorf("linea-1 does not list its operational objectives: lacks %s", want)
		}
	}
	ri := string(site.Files[revisedSheet])
	for _, want := range []string{
		`<a href="../../indici/tipologie/index.html#risultato-output">Risultato (output)</a>`,
		`<a href="../../indici/fonti/index.html#interna">Interna</a>`,
		`<a href="../../indici/unita-di-misura/index.html#percentuale">Percentuale</a>`,
		`<a href="../../linee/3/index.html#o-3.2">3.2 - Promozione della trasparenza e della legalità</a>`,
		`<a href="../../unita/registro-imprese/index.html">`,
	} {
		if !strings.Contains(ri, want) {
			t.Errorf("registro-imprese lacks the index link %s", want)
		}
	}
	if !strings.Contains(linea1, `<sup class="marker"><a href="#nota-1" title="aggiornamento da preventivo economico"><span class="sr-only">vedi nota </span>(*)</a></sup>`) ||
		!strings.Contains(linea1, `<li id="nota-1">(*) aggiornamento da preventivo economico`) {
		t.Error("linea-1: the resources' (*) does not link to its note")
	}
	plan := string(site.Files["piao-2024-2026/index.html"])
	if !strings.Contains(plan, `<a href="strategici/linea-1/index.html#nota-1" title="aggiornamento da preventivo economico">`) {
		t.Error("the plan's page: the (*) of a strategic sheet's resources does not link to the sheet's note")
	}
	for _, p := range site.Paths() {
		if site.Kinds[p] == "" || site.Kinds[p] == "snapshot" {
			continue
		}
		menu := sectionOf(string(site.Files[p]), `<nav class="menu wide"`, "</nav>")
		if !strings.Contains(menu, ">Indici</a>") || !strings.Contains(menu, ">Dati aperti</a>") {
			t.Errorf("%s: the menu lacks Indici or Dati aperti", p)
		}
	}
	small, ds := Build(Input{Site: testSite(nil), Themes: piao.Themes})
	if small == nil {
		t.Fatal(ds.Error())
	}
	footer := sectionOf(string(small.Files["index.html"]), "<footer", "</footer>")
	for _, want := range []string{"<li>Via di prova 1, 00100 Roma</li>", `PEC: <a href="mailto:protocollo@pec.example.it">`, `E-mail: <a href="mailto:urp@example.it">`} {
		if !strings.Contains(footer, want) {
			t.Errorf("the footer lacks %s", want)
		}
	}
}

// TestLineAndStrategicLinks (point 8): across the whole example, no link
// text leads both to a line's page and to a strategic sheet.
func TestLineAndStrategicLinks(t *testing.T) {
	site := buildExample(t, false)
	link := regexp.MustCompile(`<a href="([^"#]*)"[^>]*>(.*?)</a>`)
	targets := map[string]map[string]bool{} // link text → kinds of target
	for _, p := range site.Paths() {
		if !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "archivio/") {
			continue
		}
		for _, m := range link.FindAllStringSubmatch(withoutAbbr(string(site.Files[p])), -1) {
			kind := ""
			switch {
			case strings.Contains(m[1], "/linee/") || strings.HasPrefix(m[1], "linee/"):
				kind = "line"
			case strings.Contains(m[1], "strategici/") && !strings.Contains(m[1], "originale"):
				kind = "strategic"
			default:
				continue
			}
			text := strings.TrimSpace(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[2], ""))
			if targets[text] == nil {
				targets[text] = map[string]bool{}
			}
			targets[text][kind] = true
		}
	}
	checked := 0
	for text, kinds := range targets {
		checked++
		if kinds["line"] && kinds["strategic"] {
			t.Errorf("%q links both to a line's page and to a strategic sheet", text)
		}
	}
	if checked < 8 {
		t.Errorf("only %d link texts to lines and strategic sheets", checked)
	}
}
