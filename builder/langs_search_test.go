package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/searchprobe"
)

// The search of each language, run by the real search script under Node
// (with the language's rules, as its search page loads them), on the
// index of a published site in several languages; the archive and the
// catalogue of such a site.

// langSearch publishes site and returns how to run queries on language
// lang's index.
func langSearch(t *testing.T, site *Site, lang string) func(queries []scriptQuery) []scriptAnswer {
	t.Helper()
	root := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, root); err != nil {
		t.Fatal(err)
	}
	var dataDir string
	for name := range site.Files {
		if rest, ok := strings.CutPrefix(name, lang+"/cerca/dati/"); ok && strings.HasSuffix(rest, "/indice.js") {
			dataDir = filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(name, "/indice.js")))
		}
	}
	if dataDir == "" {
		t.Fatalf("no search index in %s/", lang)
	}
	var langScript []string
	if lang != "it" {
		langScript = []string{filepath.Join(root, "assets", "js", "lingue", lang+".js")}
	}
	return func(queries []scriptQuery) []scriptAnswer {
		answers, err := searchprobeRun(root, dataDir, queries, langScript...)
		if err != nil {
			t.Fatal(err)
		}
		return answers
	}
}

// TestSearchScriptGerman: the German search finds a compound by its
// parts ("Zahlungen", "Fristen" find "Zahlungsfristen"), reads umlauts
// written ae, oe, ue, and ß written ss, and German dates; the Italian
// index of the same site does not know the German words.
func TestSearchScriptGerman(t *testing.T) {
	site := buildPlan(t, "g-bilingue")
	const pagamenti = "piao-2025-2027/operativi/pagamenti/index.html"
	const strade = "piao-2025-2027/operativi/strade/index.html"
	tests := []struct {
		q     string
		first []string // among the first results
	}{
		{"Zahlungen", []string{pagamenti}},
		{"Fristen", []string{pagamenti}},
		{"zahlungsfristen", []string{pagamenti}},
		{"ZAHLUNGSFRISTEN", []string{pagamenti}},
		{"Gemeindestrassen", []string{strade, strade + "#ind-km-manutenzione"}},
		{"Gemeindestraßen", []string{strade, strade + "#ind-km-manutenzione"}},
		{"planmaessige", []string{strade}},
		{"Planmässige", []string{strade}},
		{"verfuegbare", []string{"piao-2025-2027/strategici/linea-1/index.html#ind-servizi-online"}},
		{"30. Juni 2025", []string{"piao-2025-2027/revisioni/index.html#rev-2025-07"}},
		{"gestrichen", []string{pagamenti + "#ind-fatture-carta"}},
	}
	var queries []scriptQuery
	for _, tt := range tests {
		queries = append(queries, scriptQuery{Q: tt.q})
	}
	answers := langSearch(t, site, "de")(queries)
	for i, tt := range tests {
		a := answers[i]
		for _, want := range tt.first {
			if !slices.Contains(a.URLs, want) {
				t.Errorf("de: %q finds %q, want %q among them", tt.q, a.URLs, want)
			}
		}
		if len(a.Fix) > 0 {
			t.Errorf("de: %q was corrected as a typo: %v", tt.q, a.Fix)
		}
	}
	it := langSearch(t, site, "it")([]scriptQuery{{Q: "Zahlungen"}, {Q: "pagamento"}})
	if it[0].Total != 0 || !slices.Contains(it[1].URLs, pagamenti) {
		t.Errorf("it: Zahlungen finds %q, pagamento %q", it[0].URLs, it[1].URLs)
	}
}

// englishSite is a site in Italian and English.
func englishSite(t *testing.T) *Site {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"config.yaml": "ente:\n  nome: {it: Ente di prova, en: Test body}\n  codice_ipa: ente_prova\n" +
			"  indirizzo: {it: \"Via di prova 1, 00100 Roma\", en: \"1 Via di prova, 00100 Rome\"}\n" +
			"  pec: protocollo@pec.example.it\n  email: urp@example.it\n" +
			"url_base: https://trasparenza.example.it/\nlingue: [it, en]\n",
		"content/p/piano.yaml": `titolo: {it: Piano di prova, en: Test plan}
periodo: 2024-2026
approvazione:
  atto: {it: decreto n. 1, en: Decree No 1}
  data: 2024-01-10
schede: selezione
selezione:
  descrizione: {it: le schede dell'ufficio pagamenti, en: the sheets of the payments office}
  piano_completo: https://www.example.it/piano-completo.pdf
unita:
  - codice: u1
    nome: {it: Ufficio pagamenti, en: Payments office}
`,
		"content/p/operativi/uno.yaml": `unita: u1
obiettivo_operativo:
  it: Tempi di pagamento dei fornitori
  en: Payment deadlines of the suppliers
peso: 100%
indicatori:
  - descrizione:
      it: Politiche di pagamento adottate entro il 30 giugno
      en: Payment policies adopted by 30 June
    target:
      2024: "100%"
    peso: 100%
`,
	} {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes})
	if site == nil || len(ds) > 0 {
		t.Fatalf("the English site:\n%s", ds.Error())
	}
	return site
}

// TestSearchScriptEnglish: the English search finds the singular by the
// plural and the other way round ("payments", "policy"), English dates,
// and the English pages are in English.
func TestSearchScriptEnglish(t *testing.T) {
	site := englishSite(t)
	const sheet = "p/operativi/uno/index.html"
	tests := []struct{ q, want string }{
		{"payments", sheet},
		{"Payment", sheet},
		{"deadline", sheet},
		{"supplier", sheet},
		{"policy", sheet + "#ind-i1"},
		{"30 June", sheet + "#ind-i1"},
		{"30/06", sheet + "#ind-i1"},
	}
	var queries []scriptQuery
	for _, tt := range tests {
		queries = append(queries, scriptQuery{Q: tt.q})
	}
	for i, a := range langSearch(t, site, "en")(queries) {
		if !slices.Contains(a.URLs, tests[i].want) {
			t.Errorf("en: %q finds %q, want %q", tests[i].q, a.URLs, tests[i].want)
		}
	}
	page := string(site.Files["en/"+sheet])
	for _, want := range []string{`<html lang="en">`, "Operational objective sheet", "Payment deadlines of the suppliers", "Skip to content"} {
		if !strings.Contains(page, want) {
			t.Errorf("the English sheet lacks %q", want)
		}
	}
	if search := string(site.Files["en/cerca/index.html"]); !strings.Contains(search, `<script src="../../assets/js/lingue/en.js"></script><script src="../../assets/js/search.js"></script>`) {
		t.Error("the English search page does not load the English rules before the search script")
	}
}

// TestBilingualArchive: the snapshot of a plan of a site in two languages
// holds the plan's pages in both, each language's search, the banner in
// the page's language, and verifies.
func TestBilingualArchive(t *testing.T) {
	dir := bilingualCopy(t, nil)
	snap, ds := NewSnapshot(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true},
		SnapshotOptions{Plan: "piao-2025-2027", Version: "test"})
	if snap == nil {
		t.Fatal(ds.Error())
	}
	for _, p := range []string{"index.html", "it/piao-2025-2027/index.html", "de/piao-2025-2027/index.html",
		"it/cerca/index.html", "de/cerca/index.html", "it/piao-2025-2027/dati/piano.json", "assets/js/lingue/de.js"} {
		if snap.Files[p] == nil {
			t.Errorf("the snapshot has no %s", p)
		}
	}
	de := string(snap.Files["de/piao-2025-2027/operativi/pagamenti/index.html"])
	if !strings.Contains(de, "Archivierte Fassung vom") || !strings.Contains(de, "Integrierter Tätigkeits- und Organisationsplan 2025-2027") {
		t.Error("the German page's banner is not in German")
	}
	if err := WriteSnapshot(dir, snap); err != nil {
		t.Fatal(err)
	}
	if r := VerifySnapshot(os.DirFS(dir), snap.Meta.Nome); !r.OK() {
		t.Errorf("the snapshot does not verify: %+v", r)
	}
	site, _ := buildDir(t, dir)
	list := string(site.Files["de/archivio/index.html"])
	if !strings.Contains(list, `href="../../archivio/piao-2025-2027/de/piao-2025-2027/index.html"`) {
		t.Error("the German Archiv page does not link the snapshot's German plan")
	}
}

// TestBilingualCatalog: the catalogue of a site in two languages names
// both languages and gives its texts in both; rdflib reads it whole, and
// it conforms to the DCAT-AP 3.0 shapes.
func TestBilingualCatalog(t *testing.T) {
	site := buildPlan(t, "g-bilingue")
	ttl, jsonld := site.Files["it/dati-aperti/catalogo.ttl"], site.Files["it/dati-aperti/catalogo.jsonld"]
	h := harvest(t, ttl, jsonld)
	if !h.SameGraph || len(h.NotAbsolute) > 0 || h.Catalogs != 1 || len(h.Datasets) != 3 {
		t.Fatalf("catalogue: same graph %v, not absolute %v, %d catalogues, %d datasets", h.SameGraph, h.NotAbsolute, h.Catalogs, len(h.Datasets))
	}
	for _, d := range h.Datasets {
		for _, dist := range d.Distributions {
			file := strings.TrimPrefix(dist.AccessURL, "https://trasparenza.riochiaro.example.it/")
			if b, ok := site.Files[file]; !ok || len(b) != dist.Size {
				t.Errorf("distribution %s: not a file of the site, or not of its size", dist.AccessURL)
			}
		}
	}
	for _, want := range []string{"language/ITA>", "language/DEU>", `"Offene Daten zum PIAO - Gemeinde Klarbach"@de`,
		`"Dati aperti del PIAO - Comune di Rio Chiaro"@it`, `"Regierung und öffentlicher Sektor"@de`,
		`dcat:landingPage <https://trasparenza.riochiaro.example.it/de/piao-2025-2027/index.html>`} {
		if !bytes.Contains(ttl, []byte(want)) {
			t.Errorf("the catalogue lacks %s", want)
		}
	}
	for version, shapes := range dcatAPShapes {
		if r := shacl(t, ttl, shapes...); !r.Conforms {
			t.Errorf("DCAT-AP %s: %+v", version, r.Results)
		}
	}
}

// searchprobeRun runs queries through the published site's search script
// at root, with a language's rules when langScript names them.
func searchprobeRun(root, dataDir string, queries []scriptQuery, langScript ...string) ([]scriptAnswer, error) {
	return searchprobe.Run(filepath.Join("testdata", "searchjs", "harness.js"),
		filepath.Join(root, "assets", "js", "search.js"), dataDir, queries, langScript...)
}

// maxLangScriptBytes is the budget of a language's minified search rules,
// which its search page loads beside search.js (maxScriptBytes).
const maxLangScriptBytes = 3 << 10

// TestLangScriptsSize: each language's rules stay within their budget,
// and a first query on the German search page of the bilingual example,
// scripts included, downloads less than the search's first-query budget.
func TestLangScriptsSize(t *testing.T) {
	site := buildExample(t, true)
	for _, lang := range []string{"de", "fr", "sl", "en"} {
		js := site.Files["assets/js/lingue/"+lang+".js"]
		if len(js) == 0 || len(js) > maxLangScriptBytes {
			t.Errorf("minified lingue/%s.js is %d bytes, want at most %d", lang, len(js), maxLangScriptBytes)
		}
	}
	bilingual, ds := Build(Input{Site: os.DirFS(filepath.Join("testdata", "plans", "g-bilingue")), Themes: piao.Themes, Minify: true})
	if bilingual == nil {
		t.Fatal(ds.Error())
	}
	for _, a := range langSearch(t, bilingual, "de")([]scriptQuery{{Q: "Zahlungen"}, {Q: "Gemeindestrassen"}, {Q: "zahl"}}) {
		if a.Bytes == 0 || a.Bytes > 150<<10 {
			t.Errorf("de: a first query for %q downloads %d bytes", a.Q, a.Bytes)
		}
	}
}
