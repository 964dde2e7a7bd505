package builder

import (
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

func TestParseMeasure(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		want figure
	}{
		{"80", true, figure{"", "", 80}},
		{"≥ 12", true, figure{"≥", "", 12}},
		{">= 12", true, figure{"≥", "", 12}},
		{"≤ 5%", true, figure{"≤", "%", 5}},
		{"12,5 %", true, figure{"", "%", 12.5}},
		{"€ 1.105.500,00", true, figure{"", "€", 1105500}},
		{"1.105.500,50 €", true, figure{"", "€", 1105500.5}},
		{"≥150", true, figure{"≥", "", 150}},
		{"30.06", false, figure{}}, // a date, not a number
		{"30.06.2024", false, figure{}},
		{"Entro 30.06", false, figure{}},
		{"SI", false, figure{}},
		{"//", false, figure{}},
		{"1,105,500.00", false, figure{}}, // English notation: refused by check, not compared
		{"€ 5%", false, figure{}},
	} {
		got, ok := parseFigure(c.in)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("parseFigure(%q) = %+v, %v, want %+v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for in, want := range map[string]int64{"€ 1.201.904,83": 120190483, "€ 854.500": 85450000, "€ 0,5": 50} {
		if got, ok := euroCents(in); !ok || got != want {
			t.Errorf("euroCents(%q) = %d, %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"80", "≥ € 5", "€ 1,234"} {
		if _, ok := euroCents(in); ok {
			t.Errorf("euroCents(%q) reads an amount", in)
		}
	}
	for cents, want := range map[int64]string{120190483: "€ 1.201.904,83", 0: "€ 0,00", 5: "€ 0,05", -1240000: "− € 12.400,00", 100000000: "€ 1.000.000,00"} {
		if got := euros(cents, cents < 0); got != want {
			t.Errorf("euros(%d) = %q, want %q", cents, got, want)
		}
	}
}

// TestRevisionSummaryExample: what the example's revision did, counted as
// a reader would count it on its sheets.
func TestRevisionSummaryExample(t *testing.T) {
	site := buildExample(t, false)
	p := site.Model.Plans[0]
	s := summarize(p, &p.Revisioni[0])
	// Registro imprese (≤ 20% → ≤ 5%) and SUAP lowered; "≥ 12" → "80"
	// changes the sign in front, so it is no comparison.
	if s.TargetsLowered == 0 || s.TargetsChanged == 0 || s.IndicatorsAdded == 0 || s.IndicatorsRemoved == 0 ||
		!s.Weighted || !s.HasResources || s.ResourcesChanged != 3 || s.Sections != 0 {
		t.Errorf("summary: %+v", s)
	}
	total := s.TargetsLowered + s.TargetsRaised + s.TargetsChanged + s.IndicatorsAdded + s.IndicatorsRemoved +
		s.SheetsAdded + s.SheetsRemoved + s.NotesChanged + s.WeightsChanged + s.ResourcesChanged + s.OtherChanged
	if n := len(p.Changes(p.Revisioni[0].ID.S)); total != n {
		t.Errorf("the summary counts %d changes, the revision made %d", total, n)
	}
	// Line 1, 2024: € 1.105.500,00 → € 1.201.904,83, as its sheet says.
	var line1 *resourceRow
	for i, r := range s.Resources {
		if r.Line != nil && r.Line.Codice.S == "1" && r.Year == "2024" {
			line1 = &s.Resources[i]
		}
	}
	if line1 == nil || !line1.Computed || line1.Before != 110550000 || line1.After != 120190483 || line1.Diff != 9640483 {
		t.Fatalf("line 1 in 2024: %+v", line1)
	}
	page := html.UnescapeString(string(site.Files["piao-2024-2026/revisioni/rev-2024-09/index.html"]))
	for _, want := range []string{"target abbassati", "+ € 96.404,83", "totali calcolati", `<table class="list sortable changes-table">`,
		`<a href="../../operativi/registro-imprese/index.html#ind-pratiche-sospese-ri">1</a>`, "abbassato"} {
		if !strings.Contains(page, want) {
			t.Errorf("the revision's page lacks %s", want)
		}
	}
	var data revisionsJSON
	if err := json.Unmarshal(site.Files["piao-2024-2026/dati/revisioni.json"], &data); err != nil {
		t.Fatal(err)
	}
	r := data.Revisioni[0]
	if r.Riepilogo.TargetAbbassati != s.TargetsLowered || r.Riepilogo.Pesi == nil || r.Riepilogo.Risorse == nil ||
		len(r.Modifiche) != len(p.Changes(r.ID)) || len(r.Riepilogo.Totali) == 0 {
		t.Errorf("revisioni.json: %+v", r.Riepilogo)
	}
	if !strings.Contains(string(site.Files["piao-2024-2026/dati/revisioni.json"]), `"prima":1105500.00`) {
		t.Error("revisioni.json does not give the amounts as numbers of euro")
	}
}

// TestRevisionSummaryInventsNothing: in a plan without weights and without
// resources, a revision's summary, on its pages and in revisioni.json,
// counts no weight and no resource; a target whose unit of figure the
// same revision changed is not compared.
func TestRevisionSummaryInventsNothing(t *testing.T) {
	piano := strings.Replace(testPiano, "schede: selezione\n", "schede: selezione\npesi: nessuno\n", 1)
	sheet := `area: a1
unita: u1
linea: "1"
obiettivi_strategici: ["1.1"]
obiettivo_operativo: Fare qualcosa
indicatori:
  - descrizione: Indicatore
    target:
      2024: {valore: "≥ 20", precedente: "≥ 12", revisione: r1}
      2025: {valore: "50%", precedente: "12", revisione: r1}
  - descrizione: Altro
    unita_misura: {valore: Numero di pratiche, precedente: Valore assoluto, revisione: r1}
    target:
      2024: {valore: "40", precedente: "12", revisione: r1}
note_revisione:
  - revisione: r1
    revisione_attuata: target rivisti
    causa: prova
`
	site, ds := Build(Input{Site: testSite(map[string]string{"content/p/piano.yaml": piano, "content/p/operativi/uno.yaml": sheet}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	p := site.Model.Plans[0]
	s := summarize(p, &p.Revisioni[0])
	if s.TargetsRaised != 1 || s.TargetsChanged != 2 || s.Weighted || s.HasResources || s.Resources != nil {
		t.Errorf("summary: %+v, want 1 raised (≥ 12 → ≥ 20), 2 changed (12 → 50%%, and 12 → 40 with the unit changed)", s)
	}
	for _, f := range []string{"p/revisioni/r1/index.html", "p/revisioni/index.html"} {
		page := strings.ToLower(htmlText(string(site.Files[f])))
		for _, word := range []string{"pes", "risorse", "€"} {
			if strings.Contains(page, word) {
				t.Errorf("%s speaks of %q", f, word)
			}
		}
	}
	data := string(site.Files["p/dati/revisioni.json"])
	for _, key := range []string{`"pesi_modificati"`, `"risorse_modificate"`, `"risorse"`} {
		if strings.Contains(data, key) {
			t.Errorf("revisioni.json of a plan without weights or resources has %s", key)
		}
	}
}
