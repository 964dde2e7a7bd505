package builder

import (
	"encoding/json"
	"strings"
	"testing"
)

// The plan's narrative sections, the whole plan and the revision summary in
// a site of several languages (the bilingual example with two sections).

const (
	sectionsDirG = "content/piao-2025-2027/sezioni/"
	sectionBoth  = `---
titolo: {it: Premesse, de: Prämissen}
modifiche:
  - revisione: rev-2025-07
    testo: {it: "entro il 31 dicembre", de: "bis zum 31. Dezember"}
    precedente: {it: "entro il 30 novembre", de: "bis zum 30. November"}
---
Il Comune pubblica il piano, entro il 31 dicembre. Vedi [](scheda:operativi/pagamenti).
`
	sectionBothDe = "Die Gemeinde veröffentlicht den Plan, bis zum 31. Dezember. Siehe [](scheda:operativi/pagamenti).\n"
	sectionItOnly = "---\ntitolo: {it: Contesto, de: Kontext}\n---\nIl contesto del Comune, in italiano soltanto.\n"
)

// TestSectionsByLanguage: a section whose body is in German too
// (NN-name.de.md) has its German text, title, amended passage and short
// link's title on the German page; a section German lacks is one warning
// (naming the file to write), and its German page shows the Italian text
// marked with lang and the page's note. The whole plan, the revision's
// page and each page's twins are in each language's folder; the open data
// give the texts by language, the German one empty where the content has
// none, and the German text as its own file.
func TestSectionsByLanguage(t *testing.T) {
	dir := bilingualCopy(t, map[string]string{
		sectionsDirG + "01-premesse.md":    sectionBoth,
		sectionsDirG + "01-premesse.de.md": sectionBothDe,
		sectionsDirG + "02-contesto.md":    sectionItOnly,
	})
	site, ds := buildDir(t, dir)
	if len(ds) != 1 || ds[0].Severity != Warning || !strings.HasSuffix(ds[0].Pos.File(), "02-contesto.md") ||
		!strings.Contains(ds[0].Msg, "tedesco") || !strings.Contains(ds[0].Hint, "02-contesto.de.md") {
		t.Fatalf("findings, want one warning for the body German lacks:\n%s", ds.Error())
	}
	page := func(name string) string {
		t.Helper()
		b, ok := site.Files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		return string(b)
	}
	de := page("de/piao-2025-2027/sezioni/premesse/index.html")
	for _, want := range []string{"<h1 id=\"sezione\">Prämissen</h1>", "Die Gemeinde veröffentlicht den Plan",
		"bis zum 30. November</del>", "bis zum 31. Dezember</ins>", ">Einhaltung der Zahlungsfristen für Rechnungen</a>",
		`hreflang="it" href="https://trasparenza.riochiaro.example.it/it/piao-2025-2027/sezioni/premesse/index.html"`,
		`href="../../../../it/piao-2025-2027/dati/sezioni/premesse.de.md"`} {
		if !strings.Contains(de, want) {
			t.Errorf("the German section page lacks %s", want)
		}
	}
	if strings.Contains(de, "Il Comune pubblica") || strings.Contains(de, "lang-note") {
		t.Error("the German section page shows the Italian text, which German has")
	}
	it := page("it/piao-2025-2027/sezioni/premesse/index.html")
	if !strings.Contains(it, "Il Comune pubblica il piano") || strings.Contains(it, "Die Gemeinde") {
		t.Error("the Italian section page does not show the Italian text alone")
	}
	ctx := page("de/piao-2025-2027/sezioni/contesto/index.html")
	for _, want := range []string{"<h1 id=\"sezione\">Kontext</h1>", `class="notice lang-note"`,
		`<div lang="it" class="lang-fallback"><p>Il contesto del Comune, in italiano soltanto.</p>`} {
		if !strings.Contains(ctx, want) {
			t.Errorf("the German page of the section German lacks has no %s", want)
		}
	}
	full := page("de/piao-2025-2027/completo/index.html")
	for _, want := range []string{"Die Gemeinde veröffentlicht den Plan", `lang="it" class="lang-fallback"><p>Il contesto`,
		`href="stampa.css"`} {
		if !strings.Contains(full, want) {
			t.Errorf("the German whole plan lacks %s", want)
		}
	}
	if css := page("de/piao-2025-2027/completo/stampa.css"); !strings.Contains(css, `\47 \65 \6d \65 \69 \6e \64 \65`) { // "Gemeinde"
		t.Errorf("the German print style sheet does not name the ente in German: %s", css)
	}
	page("de/piao-2025-2027/revisioni/rev-2025-07/index.html")
	var data struct {
		Sezioni []struct {
			Sezione  string
			Titolo   map[string]string
			Markdown map[string]string
		}
	}
	if err := json.Unmarshal(site.Files["it/piao-2025-2027/dati/sezioni.json"], &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Sezioni) != 2 || data.Sezioni[0].Titolo["de"] != "Prämissen" ||
		!strings.Contains(data.Sezioni[0].Markdown["de"], "Die Gemeinde") || data.Sezioni[1].Markdown["de"] != "" ||
		!strings.Contains(data.Sezioni[1].Markdown["it"], "Il contesto") {
		t.Errorf("sezioni.json does not give the texts by language, German empty where it lacks one: %+v", data.Sezioni)
	}
	if md := page("it/piao-2025-2027/dati/sezioni/premesse.de.md"); !strings.HasPrefix(md, "# Prämissen\n\nDie Gemeinde") {
		t.Errorf("premesse.de.md: %q", md)
	}
	if _, ok := site.Files["it/piao-2025-2027/dati/sezioni/contesto.de.md"]; ok {
		t.Error("the open data give a German text the content lacks")
	}
}
