package builder

import (
	"os"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// The example site is the transcription of the seed document (Disposizione
// gestionale n. 38/2024). These tests hold it to the source.

func loadExample(t *testing.T) *plan.Plan {
	t.Helper()
	site, ds := LoadAndCheck(os.DirFS(".."))
	if ds.HasErrors() {
		t.Fatalf("example site has errors:\n%s", ds.Error())
	}
	if len(site.Plans) != 1 {
		t.Fatalf("example site has %d plans, want 1", len(site.Plans))
	}
	return site.Plans[0]
}

func findIndicator(t *testing.T, p *plan.Plan, id string) (*plan.Sheet, *plan.Indicator) {
	t.Helper()
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			if ind.ID.S == id {
				return s, ind
			}
		}
	}
	t.Fatalf("indicator %q not found", id)
	return nil, nil
}

func findSheet(t *testing.T, p *plan.Plan, slug string) *plan.Sheet {
	t.Helper()
	for _, s := range p.Sheets() {
		if s.Slug == slug {
			return s
		}
	}
	t.Fatalf("sheet %q not found", slug)
	return nil
}

func TestSeedCounts(t *testing.T) {
	p := loadExample(t)
	if len(p.Strategic) != 4 || len(p.Operational) != 11 {
		t.Fatalf("sheets: %d strategic + %d operational, want 4 + 11", len(p.Strategic), len(p.Operational))
	}
	var total, removed, added int
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			total++
			if ind.Removed() {
				removed++
			}
			if ind.Added() {
				added++
			}
		}
	}
	// 8 indicators on the strategic sheets, 26 on the operational ones
	// (counting each removed and each inserted indicator once).
	if total != 34 || removed != 7 || added != 8 {
		t.Errorf("indicators: %d in all, %d removed, %d added; want 34, 7, 8", total, removed, added)
	}
	if got := p.Approvazione.Atto.S + " " + p.Approvazione.Data.S; got != "deliberazione n. G/4 2024-01-26" {
		t.Errorf("approval = %q", got)
	}
	if len(p.Revisioni) != 1 {
		t.Fatalf("revisions = %d, want 1", len(p.Revisioni))
	}
	r := p.Revisioni[0]
	if r.Data.S != "2024-09-12" || !strings.Contains(r.Atto.S, "G/59") || !strings.Contains(r.Documento.S, "n. 38/2024") {
		t.Errorf("revision = %q %q %q", r.Data.S, r.Atto.S, r.Documento.S)
	}
	var units int
	for _, a := range p.Aree {
		units += len(a.Unita)
	}
	if len(p.Aree) != 4 || units != 9 || len(p.Linee) != 5 {
		t.Errorf("areas %d, units %d, lines %d; want 4, 9, 5", len(p.Aree), units, len(p.Linee))
	}
}

// TestSeedWeights: after the revision (and as approved), the indicator
// weights of every sheet sum to 100%.
func TestSeedWeights(t *testing.T) {
	p := loadExample(t)
	order := p.RevisionOrder()
	for _, s := range p.Sheets() {
		if len(s.Indicatori) == 0 {
			continue
		}
		for n := 0; n <= len(p.Revisioni); n++ {
			sum := 0.0
			for _, ind := range s.Indicators() {
				if ind.InForce(n, order) {
					w, ok := plan.Percent(ind.Peso.At(n, order))
					if !ok {
						t.Fatalf("%s: weight %q", s.Slug, ind.Peso.At(n, order))
					}
					sum += w
				}
			}
			if sum != 100 {
				t.Errorf("%s after %d revisions: weights sum to %v", s.Slug, n, sum)
			}
		}
	}
}

func TestSeedSample(t *testing.T) {
	p := loadExample(t)
	cur := func(v plan.Value) string { return v.S }
	old := func(v plan.Value) string {
		if len(v.Priors()) != 1 || v.Priors()[0].Revisione.S != "rev-2024-09" {
			return "<not revised by rev-2024-09>"
		}
		return v.Priors()[0].Valore.S
	}
	_, ri := findIndicator(t, p, "pratiche-sospese-ri")
	l1 := findSheet(t, p, "linea-1")
	_, tmr := findIndicator(t, p, "tmr-ritardo-pagamenti")
	_, tmp := findIndicator(t, p, "tmp-tempo-pagamento")
	_, sic := findIndicator(t, p, "sicurezza-prodotti")
	_, pian := findIndicator(t, p, "azioni-dati-informazione-economica")
	ap := findSheet(t, p, "approvvigionamenti-patrimonio")
	l3 := findSheet(t, p, "linea-3")
	tests := []struct{ name, got, want string }{
		{"Registro Imprese target now", cur(ri.Target[0]), "≤ 5%"},
		{"Registro Imprese target before", old(ri.Target[0]), "≤ 20%"},
		{"line 1 resources 2024 now", cur(l1.Risorse[0]), "€ 1.201.904,83"},
		{"line 1 resources 2024 before", old(l1.Risorse[0]), "€ 1.105.500,00"},
		{"line 1 resources 2026", cur(l1.Risorse[2]), "€ 854.500,00"},
		{"line 1 resources marker", l1.Risorse[0].Marker(), "*"},
		{"line 1 missions", l1.Missioni[0].Codice.S + " " + l1.Missioni[1].Codice.S, "011 016"},
		{"line 3 resources 2026", cur(l3.Risorse[2]), "€ 20.500,00"},
		{"TMR weight now", cur(tmr.Peso), "50%"},
		{"TMR weight before", old(tmr.Peso), "100%"},
		{"TMR target", cur(tmr.Target[0]), "≤-10"},
		{"TMR source", cur(tmr.Fonte), `Piattaforma MEF "AreaRGS" (ex PCC)`},
		{"TMP added by", tmp.Inserito.S, "rev-2024-09"},
		{"TMP target", cur(tmp.Target[0]), "≤30"},
		{"Sicurezza prodotti removed by", sic.Stralcio.S, "rev-2024-09"},
		{"Sicurezza prodotti target", cur(sic.Target[0]), "60%"},
		{"Pianificazione target now", cur(pian.Target[0]), "≥ 40"},
		{"Pianificazione target before", old(pian.Target[0]), "≥ 25"},
		{"Approvvigionamenti target now", cur(ap.Indicatori[0].Target[0]), "SI"},
		{"Approvvigionamenti target before", old(ap.Indicatori[0].Target[0]), "Entro 30.06"},
		{"Approvvigionamenti unit before", old(ap.Indicatori[0].Unita), "Data"},
		{"line 2 weight", cur(findSheet(t, p, "linea-2").Peso), "20%"},
		{"SUAP objective weight", cur(findSheet(t, p, "suap").Peso), "30%"},
		{"Registro Imprese body", strings.TrimSpace(findSheet(t, p, "registro-imprese").Body), "L'attività sarà gestita dal Registro Imprese di ciascuna sede"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if len(ri.Revisioni) != 1 || !strings.Contains(ri.Revisioni[0].Causa.S, "31.12.2023") {
		t.Errorf("Registro Imprese revision note = %+v", ri.Revisioni)
	}
	var removedNote bool
	for _, n := range findSheet(t, p, "linea-3").Indicatori[1].Note {
		removedNote = removedNote || (n.Stralcio.S == "rev-2024-09" && strings.HasPrefix(n.Testo.S, "da definire alla luce"))
	}
	if !removedNote {
		t.Error("line 3: the struck-out footnote \"da definire alla luce…\" is missing")
	}
	// Every revision change the example shows, counted per kind.
	var mod, add, rem int
	for _, c := range p.Changes("rev-2024-09") {
		switch c.Kind {
		case plan.Modified:
			mod++
		case plan.Added:
			add++
		case plan.Removed:
			rem++
		}
	}
	if mod < 20 || add < 10 || rem < 8 {
		t.Errorf("changes of rev-2024-09: %d modified, %d added, %d removed", mod, add, rem)
	}
}
