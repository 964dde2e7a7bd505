package builder

import (
	"encoding/json"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// The texts issue 14b added (the glossary, the selection of sheets, the
// allegati), in a site of several languages.

// TestGlossaryByLanguage: each language's pages explain an abbreviation
// with that language's meaning; a meaning the German lacks is a warning,
// is put in no title attribute of a German page (an attribute cannot say
// its language), and the German Glossario page lists it in Italian marked
// with lang; the open data give the meanings by language, the German one
// left empty.
func TestGlossaryByLanguage(t *testing.T) {
	piano := "content/piao-2025-2027/piano.yaml"
	sheet := "content/piao-2025-2027/operativi/pagamenti.yaml"
	dir := bilingualCopy(t, map[string]string{
		piano: editedExample(t, piano, "glossario:\n", `glossario:
  - sigla: PCC
    significato: {it: Piattaforma dei crediti commerciali, de: Plattform der Handelsforderungen}
  - sigla: pagoPA
    significato:
      it: Piattaforma dei pagamenti verso la pubblica amministrazione
`),
		sheet: editedExample(t, sheet, `  it: Rispetto dei termini di pagamento delle fatture
  de: Einhaltung der Zahlungsfristen für Rechnungen`, `  it: Rispetto dei termini di pagamento delle fatture (PCC)
  de: Einhaltung der Zahlungsfristen für Rechnungen (PCC)`),
	})
	site, ds := buildDir(t, dir)
	if len(ds) != 1 || ds[0].Severity != Warning || !strings.HasSuffix(ds[0].Pos.File(), "piano.yaml") ||
		!strings.Contains(ds[0].Msg, "tedesco") {
		t.Fatalf("findings, want one warning for pagoPA's meaning, which German lacks:\n%s", ds.Error())
	}
	it := string(site.Files["it/piao-2025-2027/operativi/pagamenti/index.html"])
	de := string(site.Files["de/piao-2025-2027/operativi/pagamenti/index.html"])
	for _, want := range []string{`<abbr title="Piattaforma dei crediti commerciali">PCC</abbr>`,
		`<abbr title="Piattaforma dei pagamenti verso la pubblica amministrazione">pagoPA</abbr>`} {
		if !strings.Contains(it, want) {
			t.Errorf("the Italian page lacks %s", want)
		}
	}
	if !strings.Contains(de, `<abbr title="Plattform der Handelsforderungen">PCC</abbr>`) {
		t.Error("the German page does not explain PCC in German")
	}
	if !strings.Contains(de, "pagoPA") || strings.Contains(de, ">pagoPA</abbr>") || strings.Contains(de, "Piattaforma") {
		t.Error("the German page explains pagoPA, whose meaning German lacks, with the Italian one")
	}
	gl := string(site.Files["de/piao-2025-2027/glossario/index.html"])
	for _, want := range []string{`<dt><abbr title="Plattform der Handelsforderungen">PCC</abbr></dt><dd>Plattform der Handelsforderungen</dd>`,
		`<dt>pagoPA</dt><dd><span lang="it" class="lang-fallback">Piattaforma dei pagamenti verso la pubblica amministrazione</span></dd>`,
		`class="notice lang-note"`} {
		if !strings.Contains(gl, want) {
			t.Errorf("the German Glossario page lacks %s", want)
		}
	}
	if strings.Contains(gl, `title="Piattaforma`) {
		t.Error("the German Glossario page puts an Italian meaning in a title")
	}
	var data struct {
		Glossario []struct {
			Sigla       string
			Significato map[string]string
		}
	}
	if err := json.Unmarshal(site.Files["it/piao-2025-2027/dati/piano.json"], &data); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]string{}
	for _, e := range data.Glossario {
		got[e.Sigla] = e.Significato
	}
	if m := got["PCC"]; m["it"] != "Piattaforma dei crediti commerciali" || m["de"] != "Plattform der Handelsforderungen" {
		t.Errorf("piano.json: PCC means %v", m)
	}
	if m, ok := got["pagoPA"]; !ok || m["de"] != "" || m["it"] == "" {
		t.Errorf("piano.json: pagoPA means %v, want the Italian meaning and an empty German one", m)
	}
}

// TestAbbreviationsOutsideFallbacks: text shown in the main language on a
// page of another language is not marked, and the first use after it is.
func TestAbbreviationsOutsideFallbacks(t *testing.T) {
	a := newAbbreviator([]glossaryEntry{{"PCC", "Plattform der Handelsforderungen"}, {"IVA", fallbackOpen + "Imposta" + fallbackClose}})
	page := "<main><p>" + fallbackOpen + "Fonte: PCC e IVA" + fallbackClose + "</p><p>Quelle: PCC, IVA</p></main>"
	want := "<main><p>" + fallbackOpen + "Fonte: PCC e IVA" + fallbackClose +
		`</p><p>Quelle: <abbr title="Plattform der Handelsforderungen">PCC</abbr>, IVA</p></main>`
	if got := string(a.mark([]byte(page))); got != want {
		t.Errorf("marked\n%s\nwant\n%s", got, want)
	}
}

// TestSelectionAndAttachmentsByLanguage: the selection's descrizione and
// an allegato's titolo are written by language like any text, and each
// language's pages show their own; the open data give both by language;
// an address (piano_completo, url) and an abbreviation written by
// language are errors.
func TestSelectionAndAttachmentsByLanguage(t *testing.T) {
	piano := "content/piao-2025-2027/piano.yaml"
	texts := `schede: selezione
selezione:
  descrizione: {it: le schede dei servizi ai cittadini, de: die Datenblätter der Bürgerdienste}
  piano_completo: https://www.riochiaro.example.it/piao-2025-2027.pdf
allegati:
  - titolo: {it: Albero della performance, de: Performancebaum}
    url: https://www.riochiaro.example.it/piao-2025-2027-albero.pdf
  - titolo: {it: Delibera di approvazione, de: Genehmigungsbeschluss}
    file: allegati/delibera-12.pdf
revisioni:
`
	pdf := "%PDF-1.4\n% the act\n"
	site, ds := buildDir(t, bilingualCopy(t, map[string]string{piano: editedExample(t, piano, "revisioni:\n", texts),
		"content/piao-2025-2027/allegati/delibera-12.pdf": pdf}))
	if len(ds) != 0 {
		t.Fatalf("findings, want none:\n%s", ds.Error())
	}
	for _, lang := range []string{"it", "de"} {
		page := lang + "/piao-2025-2027/index.html"
		m := regexp.MustCompile(`<a href="([^"]*delibera-12\.pdf)"`).FindStringSubmatch(string(site.Files[page]))
		if m == nil {
			t.Errorf("%s does not link the allegato's file", page)
			continue
		}
		if target := path.Join(path.Dir(page), m[1]); string(site.Files[target]) != pdf {
			t.Errorf("%s links %s, which the site does not hold as written", page, target)
		}
	}
	it := string(site.Files["it/piao-2025-2027/index.html"])
	de := string(site.Files["de/piao-2025-2027/index.html"])
	for _, c := range []struct {
		page, lang, own, other string
	}{
		{it, "Italian", "le schede dei servizi ai cittadini", "Bürgerdienste"},
		{it, "Italian", ">Albero della performance</a>", "Performancebaum"},
		{de, "German", "die Datenblätter der Bürgerdienste", "servizi ai cittadini"},
		{de, "German", ">Performancebaum</a>", "Albero della performance"},
	} {
		if !strings.Contains(c.page, c.own) || strings.Contains(c.page, c.other) {
			t.Errorf("the %s plan page: want %q, not %q", c.lang, c.own, c.other)
		}
	}
	b := string(site.Files["it/piao-2025-2027/dati/piano.json"])
	for _, want := range []string{`"de":"die Datenblätter der Bürgerdienste"`, `"de":"Performancebaum"`,
		`"piano_completo":"https://www.riochiaro.example.it/piao-2025-2027.pdf"`} {
		if !strings.Contains(b, want) {
			t.Errorf("piano.json lacks %s", want)
		}
	}
	for _, bad := range []struct{ old, new string }{
		{"  piano_completo: https://www.riochiaro.example.it/piao-2025-2027.pdf",
			"  piano_completo: {it: \"https://www.riochiaro.example.it/a.pdf\", de: \"https://www.riochiaro.example.it/b.pdf\"}"},
		{"    url: https://www.riochiaro.example.it/piao-2025-2027-albero.pdf",
			"    url: {it: \"https://www.riochiaro.example.it/a.pdf\", de: \"https://www.riochiaro.example.it/b.pdf\"}"},
		{"allegati:\n", "glossario:\n  - {sigla: {it: PA, de: ÖV}, significato: {it: Pubblica amministrazione, de: Öffentliche Verwaltung}}\nallegati:\n"},
	} {
		edited := strings.Replace(texts, bad.old, bad.new, 1)
		_, ds := Build(Input{Site: os.DirFS(bilingualCopy(t, map[string]string{piano: editedExample(t, piano, "revisioni:\n", edited)})), Themes: piao.Themes})
		if !ds.HasErrors() || !strings.Contains(ds.Error(), "vale per tutte le lingue") {
			t.Errorf("%s: want an error saying it is one text for every language, got:\n%s", bad.new, ds.Error())
		}
	}
}

// TestWordDiffByLanguage: a revised text is compared word by word in the
// page's language; where the German lacks the earlier or both texts, the
// German page shows both values whole, the Italian marked as such, instead
// of mixing the languages or splitting a marked text.
func TestWordDiffByLanguage(t *testing.T) {
	sheet := "content/piao-2025-2027/operativi/pagamenti.yaml"
	old := `    algoritmo:
      it: Media dei giorni tra ricevimento e pagamento di ogni fattura
      de: Durchschnitt der Tage zwischen Eingang und Zahlung jeder Rechnung`
	const (
		valore     = "{it: Media dei giorni tra ricevimento e pagamento di ogni fattura, de: Durchschnitt der Tage zwischen Eingang und Zahlung jeder Rechnung}"
		valoreIt   = "{it: Media dei giorni tra ricevimento e pagamento di ogni fattura}"
		precedente = "{it: Somma dei giorni tra emissione e pagamento di ogni fattura, de: Summe der Tage zwischen Ausstellung und Zahlung jeder Rechnung}"
		precIt     = "{it: Somma dei giorni tra emissione e pagamento di ogni fattura}"
	)
	for _, c := range []struct {
		name, valore, precedente string
		diff                     bool
	}{
		{"both languages", valore, precedente, true},
		{"earlier text in Italian only", valore, precIt, false},
		{"both texts in Italian only", valoreIt, precIt, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := bilingualCopy(t, map[string]string{sheet: editedExample(t, sheet, old, `    algoritmo:
      valore: `+c.valore+`
      precedente: `+c.precedente+`
      revisione: rev-2025-07`)})
			site, _ := buildDir(t, dir)
			it := string(site.Files["it/piao-2025-2027/operativi/pagamenti/index.html"])
			de := string(site.Files["de/piao-2025-2027/operativi/pagamenti/index.html"])
			if !strings.Contains(it, `<span class="diff"><del>`) || !strings.Contains(it, "Somma") {
				t.Error("the Italian page does not compare the Italian texts word by word")
			}
			if got := strings.Contains(de, `<span class="diff">`); got != c.diff {
				t.Errorf("the German page compares word by word: %v, want %v", got, c.diff)
			}
			if !c.diff && !strings.Contains(de, `<span lang="it" class="lang-fallback">Somma dei giorni tra emissione e pagamento di ogni fattura</span>`) {
				t.Error("the German page does not show the Italian earlier text whole, marked as Italian")
			}
			if open, closed := strings.Count(de, "<span"), strings.Count(de, "</span>"); open != closed {
				t.Errorf("the German page opens %d spans and closes %d", open, closed)
			}
		})
	}
}
