package builder

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCycleByLanguage: the texts of the performance cycle (a monitoring's
// note and proposal, a result's note, the Relazione's text) may be written
// by language like every other text (a value reached is one text for
// every language, as a weight): each language's pages show their
// own, a text written only in Italian is shown on the German page marked
// as Italian, the JSON give an object by language and the CSV a column
// per language.
func TestCycleByLanguage(t *testing.T) {
	sheet := "content/piao-2025-2027/operativi/pagamenti.yaml"
	piano := "content/piao-2025-2027/piano.yaml"
	dir := bilingualCopy(t, map[string]string{
		sheet: editedExample(t, sheet, "    fonte: {it: Piattaforma dei crediti commerciali", `    monitoraggio:
      - data: 2025-06-30
        stato: "="
        valore: "27"
        nota: {it: Tempi in calo costante, de: Stetig sinkende Zeiten}
        proposta: Ridurre il target del 2025
    risultati:
      2025:
        valore: "24"
        raggiungimento: 100%
        nota: {it: Termini rispettati grazie alla fatturazione elettronica, de: Fristen dank der elektronischen Rechnung eingehalten}
    fonte: {it: Piattaforma dei crediti commerciali`),
		piano: editedExample(t, piano, "revisioni:\n", `relazione:
  2025:
    approvazione:
      atto: deliberazione della Giunta comunale n. 40
      data: 2026-04-20
    testo:
      it: Il Comune ha raggiunto gli obiettivi sui pagamenti.
      de: Die Gemeinde hat die Ziele bei den Zahlungen erreicht.
revisioni:
`),
	})
	site, ds := buildDir(t, dir)
	if len(ds) != 1 || ds[0].Severity != Warning || !strings.HasSuffix(ds[0].Pos.File(), "pagamenti.yaml") {
		t.Fatalf("findings, want one warning for the proposal in Italian only:\n%s", ds.Error())
	}
	it := string(site.Files["it/piao-2025-2027/operativi/pagamenti/index.html"])
	de := string(site.Files["de/piao-2025-2027/operativi/pagamenti/index.html"])
	for _, s := range []string{"Tempi in calo costante", "Termini rispettati grazie alla fatturazione elettronica", "Ridurre il target del 2025"} {
		if !strings.Contains(it, s) {
			t.Errorf("the Italian page lacks %q", s)
		}
	}
	for _, s := range []string{"Stetig sinkende Zeiten", "Fristen dank der elektronischen Rechnung eingehalten",
		`<span lang="it" class="lang-fallback">Ridurre il target del 2025</span>`} {
		if !strings.Contains(de, s) {
			t.Errorf("the German page lacks %q", s)
		}
	}
	if strings.Contains(de, "Tempi in calo") || strings.Contains(it, "Stetig") {
		t.Error("a page shows the other language's note")
	}
	report := string(site.Files["de/piao-2025-2027/relazione-2025/index.html"])
	if !strings.Contains(report, "Die Gemeinde hat die Ziele bei den Zahlungen erreicht.") || strings.Contains(report, "Il Comune ha raggiunto") {
		t.Error("the German Relazione does not show its German text alone")
	}
	for name, b := range site.Files {
		if strings.HasSuffix(name, ".html") && strings.ContainsAny(string(b), fallbackOpen+fallbackClose) {
			t.Errorf("%s holds a mark of a text in the main language", name)
		}
	}
	var plan any
	b := site.Files["it/piao-2025-2027/dati/piano.json"]
	if err := json.Unmarshal(b, &plan); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"de":"Stetig sinkende Zeiten"`, `"de":"Die Gemeinde hat die Ziele bei den Zahlungen erreicht."`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("piano.json does not give the cycle's texts by language: no %s", s)
		}
	}
	for file, cols := range map[string][]string{"risultati.csv": {"nota_it", "nota_de"}, "monitoraggio.csv": {"nota_it", "nota_de", "proposta_it", "proposta_de"}} {
		csv := string(site.Files["it/piao-2025-2027/dati/"+file])
		header, _, _ := strings.Cut(csv, "\n")
		for _, c := range cols {
			if !strings.Contains(","+header+",", ","+c+",") {
				t.Errorf("%s has no column %s: %s", file, c, header)
			}
		}
	}
	if csv := string(site.Files["it/piao-2025-2027/dati/monitoraggio.csv"]); !strings.Contains(csv, "Ridurre il target del 2025,,") {
		t.Error("monitoraggio.csv does not leave the German of the proposal empty")
	}
}
