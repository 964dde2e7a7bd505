package builder

import (
	"encoding/json"
	"fmt"
	"html"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/textnorm"
)

// TestFieldTableCoversModel fails when a revisable field of the model (a
// Value or a list of Values) has no row in the table of fields.
func TestFieldTableCoversModel(t *testing.T) {
	for _, c := range []struct {
		typ   reflect.Type
		specs []*plan.Spec
	}{
		{reflect.TypeOf(plan.Indicator{}), plan.IndicatorSpecs()},
		{reflect.TypeOf(plan.Sheet{}), plan.SheetSpecs()},
	} {
		value := reflect.TypeOf(plan.Value{})
		for i := 0; i < c.typ.NumField(); i++ {
			f := c.typ.Field(i)
			if f.Type != value && f.Type != reflect.SliceOf(value) {
				continue
			}
			key, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			found := slices.IndexFunc(c.specs, func(s *plan.Spec) bool { return s.Key == key })
			if found < 0 {
				t.Errorf("%s.%s (%q) has no row in the table of fields (builder/plan/fields.go)", c.typ.Name(), f.Name, key)
				continue
			}
			if perYear := strings.Contains(opts, "years"); perYear != c.specs[found].PerYear {
				t.Errorf("%s.%s: the struct tag says per year = %v, the table %v", c.typ.Name(), f.Name, perYear, !perYear)
			}
		}
	}
}

// fieldSite has every field of the table of fields, on a strategic and an
// operational sheet, each value with an earlier one that revision r1
// replaced: unique words where the field takes text.
var fieldSite = map[string]string{
	"content/p/piano.yaml": strings.Replace(testPiano, "schede: selezione\n", "schede: selezione\n", 1),
	"content/p/strategici/s.yaml": `linea: "1"
obiettivi_strategici: ["1.1"]
descrizione: {valore: zqsdescnow, precedente: zqsdescold, revisione: r1}
peso: {valore: 60%, precedente: 50%, revisione: r1}
risorse:
  2024: {valore: "€ 2.000,00", precedente: "€ 1.000,00", revisione: r1}
indicatori:
  - descrizione: zqsinddesc
    target:
      2024: "≥ 3"
    peso: 100%
note_revisione:
  - revisione: r1
    revisione_attuata: cambiati
    causa: prova
`,
	"content/p/operativi/uno.yaml": `area: a1
unita: u1
linea: "1"
obiettivi_strategici: ["1.1"]
obiettivo_operativo: {valore: zqobjnow, precedente: zqobjold, revisione: r1}
descrizione: {valore: zqodescnow, precedente: zqodescold, revisione: r1}
peso: {valore: 50%, precedente: 40%, revisione: r1}
risultato_atteso: {valore: zqsheetresultnow, precedente: zqsheetresultold, revisione: r1}
target:
  2024: {valore: zqsheettargetnow, precedente: zqsheettargetold, revisione: r1}
indicatori:
  - descrizione: {valore: zqdescnow, precedente: zqdescold, revisione: r1}
    algoritmo: {valore: zqalgonow, precedente: zqalgoold, revisione: r1}
    baseline: {valore: zqbasenow, precedente: zqbaseold, revisione: r1, data: 2022-05}
    storico:
      2021: {valore: zqpastnow, precedente: zqpastold, revisione: r1}
      2022: zqpastlater
    risultato_atteso: {valore: zqresultnow, precedente: zqresultold, revisione: r1}
    target:
      2024: {valore: zqtargetnow, precedente: zqtargetold, revisione: r1}
      2025: zqtargetlater
    peso: {valore: 60%, precedente: 40%, revisione: r1}
    fonte: {valore: zqfontenow, precedente: zqfonteold, revisione: r1}
    unita_misura: {valore: zqunitnow, precedente: zqunitold, revisione: r1}
    tipologia: {valore: zqtiponow, precedente: zqtipoold, revisione: r1}
  - descrizione: zqsecond
    target:
      2024: "5"
    peso: {valore: 40%, precedente: 60%, revisione: r1}
note_revisione:
  - revisione: r1
    revisione_attuata: cambiati tutti i campi
    causa: prova
`,
}

// TestFieldTableOutputs fails when an output leaves out a field of the
// table of fields: every field's current and earlier value must reach the
// sheet's page, the change lists (revisions page, revisioni.csv), the CSV
// and JSON open data, the search index, and the JSON Schema must name it.
func TestFieldTableOutputs(t *testing.T) {
	site, ds := Build(Input{Site: testSite(fieldSite), Themes: piao.Themes})
	if site == nil || ds.HasErrors() {
		t.Fatalf("build failed:\n%s", ds.Error())
	}
	w := italian(t)
	p := site.Model.Plans[0]
	ix := buildSearchIndex(site.Model, w)
	revisions := string(site.Files["p/revisioni/index.html"])
	changes := string(site.Files["p/dati/revisioni.csv"])
	schemas := SchemaFiles()
	for _, s := range p.Sheets() {
		page := html.UnescapeString(string(site.Files[sheetPath(s)]))
		var sheetJSON map[string]any
		if err := json.Unmarshal(site.Files[sheetDataPath(s)], &sheetJSON); err != nil {
			t.Fatal(err)
		}
		csvFile, schema := "p/dati/schede.csv", schemas["scheda-operativa.schema.json"]
		if s.Kind == plan.Strategic {
			schema = schemas["scheda-strategica.schema.json"]
		}
		resultGiven := false // an indicator with an expected result: its targets are not called so
		check := func(owner string, f plan.Field, jsonObj map[string]any, doc searchDoc) {
			what := fmt.Sprintf("%s %s: field %s", s.Slug, owner, f.Key)
			v := f.Value
			for _, text := range []string{v.S, v.Original()} {
				if !strings.Contains(page, text) {
					t.Errorf("%s: the page does not show %q", what, text)
				}
			}
			if f.Of == plan.OfIndicator && v.S != "" && !strings.Contains(page, rowLabel(w, f, resultGiven)) {
				t.Errorf("%s: the page has no row %q", what, rowLabel(w, f, resultGiven))
			}
			if v.Revised() && (!strings.Contains(revisions, w.Field(p, f)) || !strings.Contains(changes, ","+f.Key)) {
				t.Errorf("%s: the change lists leave out its change", what)
			}
			header, rows := readCSV(t, site, csvFile)
			column := f.Key
			if f.PerYear {
				column += "_" + v.Anno
			}
			if !slices.Contains(header, column) || !slices.Contains(header, column+"_iniziale") {
				t.Errorf("%s: %s has no column %s", what, csvFile, column)
			} else if row := findRow(rows, map[string]string{column: v.S}); row == nil || row[column+"_iniziale"] != v.Original() {
				t.Errorf("%s: %s does not hold %q (approved %q)", what, csvFile, v.S, v.Original())
			}
			if _, ok := jsonObj[f.Key]; !ok {
				t.Errorf("%s: the JSON has no key %q", what, f.Key)
			}
			if !strings.Contains(string(schema), `"`+f.Key+`"`) {
				t.Errorf("%s: the JSON Schema does not name it", what)
			}
			searched := f.Search == plan.SearchNone || strings.TrimSpace(v.S) == ""
			for _, term := range textnorm.Terms(v.S) {
				if _, ok := ix.terms[term]; ok {
					searched = true
				}
			}
			if !searched {
				t.Errorf("%s: search does not index %q", what, v.S)
			}
			if (f.Search == plan.SearchShown || f.Search == plan.SearchText) && !strings.Contains(doc.Text, v.S) {
				t.Errorf("%s: the search snippet does not show %q", what, v.S)
			}
			for _, pr := range v.Priors() {
				if !strings.Contains(doc.Text, pr.Valore.S) {
					t.Errorf("%s: search does not keep the earlier value %q", what, pr.Valore.S)
				}
			}
		}
		doc := findDoc(ix, sheetPath(s))
		for f := range s.Fields() {
			check("sheet", f, sheetJSON, doc)
		}
		csvFile = "p/dati/indicatori.csv"
		for i, ind := range s.Indicators() {
			indJSON := sheetJSON["indicatori"].([]any)[i].(map[string]any)
			doc := findDoc(ix, sheetPath(s)+"#"+IndicatorAnchor(ind))
			resultGiven = ind.RisultatoAtteso.S != "" || s.RisultatoAtteso.S != ""
			for f := range ind.Fields() {
				check("indicator "+ind.ID.S, f, indJSON, doc)
			}
		}
	}
}

// rowLabel is the label of a field's row on an indicator's table.
func rowLabel(w *words, f plan.Field, resultGiven bool) string {
	if resultGiven || f.Key == "target" { // targets stand apart, each named "Target 2024"
		return w.Field(nil, f)
	}
	return w.FieldRow(nil, f)
}

func findDoc(ix *searchIndex, url string) searchDoc {
	for _, d := range ix.docs {
		if d.URL == url {
			return d
		}
	}
	return searchDoc{}
}
