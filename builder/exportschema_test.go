package builder

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/internal/synth"
)

// The exports are validated with github.com/santhosh-tekuri/jsonschema/v6,
// a validator of JSON Schema draft 2020-12 in pure Go that passes the
// official JSON-Schema-Test-Suite, used by the tests only: the schemas are
// checked by an implementation that is not piao's.

// exportValidators compiles the published export schemas, by the export's
// file name, as a consumer would: from the bytes in schema/.
func exportValidators(t *testing.T, files map[string][]byte) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	out := map[string]*jsonschema.Schema{}
	for _, s := range exportSchemas {
		b, ok := files[schemaPath(s.name())]
		if !ok {
			t.Fatalf("%s is not published", schemaPath(s.name()))
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", s.name(), err)
		}
		url := "https://piao.invalid/schema/" + s.name()
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
		if out[s.file], err = c.Compile(url); err != nil {
			t.Fatalf("%s does not compile: %v", s.name(), err)
		}
	}
	return out
}

// validateExports validates every JSON file of the site's open data with
// its schema, and fails for a JSON export that has none. It returns how
// many files it validated.
func validateExports(t *testing.T, name string, site *Site) int {
	t.Helper()
	schemas := exportValidators(t, site.Files)
	downloads, err := addOpenData(newOutputs(nil, nil), site.Model, italian(t))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range downloads {
		if d.Format != "JSON" {
			continue
		}
		sch := schemas[path.Base(d.Path)]
		if sch == nil {
			t.Errorf("%s: %s is published without a schema: add it to exportSchemas", name, d.Path)
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(site.Files[d.Path]))
		if err != nil {
			t.Fatalf("%s: %s: %v", name, d.Path, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: %s does not validate:\n%v", name, d.Path, err)
		}
		n++
	}
	return n
}

// TestExportSchemas: every JSON export of the example, of a synthetic
// site of three plans and of a site with hostile text in every field
// validates against its published schema; and the schemas reject what the
// exports never hold.
func TestExportSchemas(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.GenerateWith(dir, synth.Options{Sheets: 120, Seed: 22, Plans: 3}); err != nil {
		t.Fatal(err)
	}
	sites := map[string]*Site{"example": buildExample(t, false)}
	for name, in := range map[string]Input{
		"synthetic":  {Site: os.DirFS(dir), Themes: piao.Themes},
		"hostile":    {Site: hostileSite(`<b>"'&\ x` + "\n\t€ ≥ 5%"), Themes: piao.Themes},
		"no weights": {Site: monthSite(), Themes: piao.Themes},
		"cycle":      {Site: os.DirFS("testdata/plans/f-ciclo"), Themes: piao.Themes},
	} {
		site, ds := Build(in)
		if site == nil {
			t.Fatalf("%s: %s", name, ds.Error())
		}
		sites[name] = site
	}
	for name, site := range sites {
		n := validateExports(t, name, site)
		want := 2*len(site.Model.Plans) + countSheets(site) // piano.json, revisioni.json, scheda.json
		for _, p := range site.Model.Plans {
			if len(p.Sezioni) > 0 {
				want++ // sezioni.json
			}
		}
		if n != want {
			t.Errorf("%s: validated %d JSON files, want %d (piano.json, revisioni.json, sezioni.json and scheda.json)", name, n, want)
		}
	}
	rejectBadExports(t, sites["example"])
}

// monthSite is a plan of one year without weights, approved by an act
// dated to the month, with url_base and codice_ipa set.
func monthSite() fstest.MapFS {
	return testSite(map[string]string{
		"config.yaml": testConfig + "  codice_ipa: ente_prova\nurl_base: https://trasparenza.example.it/\n",
		"content/p/piano.yaml": `titolo: Piano di prova
periodo: 2024
pesi: nessuno
approvazione: {atto: deliberazione n. 1, data: 2024-01}
linee:
  - {codice: "1", nome: Linea uno, obiettivi: [{codice: "1.1", nome: Obiettivo uno}]}
aree:
  - {codice: a1, nome: Area uno, unita: [{codice: u1, nome: Unità uno}]}
`,
		"content/p/operativi/uno.yaml": `area: a1
unita: u1
linea: "1"
obiettivi_strategici: ["1.1"]
obiettivo_operativo: Fare qualcosa
indicatori:
  - descrizione: Indicatore
    target: {2024: "≥ 12"}
`,
	})
}

func countSheets(site *Site) int {
	n := 0
	for _, p := range site.Model.Plans {
		n += len(p.Sheets())
	}
	return n
}

// rejectBadExports: a schema that accepted anything would pass the test
// above; each of these changes to a real export must fail.
func rejectBadExports(t *testing.T, site *Site) {
	schemas := exportValidators(t, site.Files)
	piano := site.Files["piao-2024-2026/dati/piano.json"]
	sheet := site.Files["piao-2024-2026/operativi/suap/scheda.json"]
	for _, c := range []struct {
		name, file string
		src        []byte
		change     func(map[string]any)
	}{
		{"extra key", "piano.json", piano, func(m map[string]any) { m["chiave_ignota"] = "x" }},
		{"missing key", "piano.json", piano, func(m map[string]any) { delete(m, "modifiche") }},
		{"sheet without a field", "piano.json", piano, func(m map[string]any) { delete(firstSheet(m), "descrizione") }},
		{"value as text", "scheda.json", sheet, func(m map[string]any) { m["descrizione"] = "testo" }},
		{"operational objective null", "scheda.json", sheet, func(m map[string]any) { m["obiettivo_operativo"] = nil }},
		{"unknown kind", "scheda.json", sheet, func(m map[string]any) { m["tipo"] = "altra" }},
		{"year not a year", "scheda.json", sheet, func(m map[string]any) {
			ind := m["indicatori"].([]any)[0].(map[string]any)
			ind["target"].(map[string]any)["anno"] = ind["peso"]
		}},
		{"indicator field missing", "scheda.json", sheet, func(m map[string]any) {
			delete(m["indicatori"].([]any)[0].(map[string]any), "tipologia")
		}},
	} {
		var m map[string]any
		if err := json.Unmarshal(c.src, &m); err != nil {
			t.Fatal(err)
		}
		c.change(m)
		b, _ := json.Marshal(m)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if schemas[c.file].Validate(inst) == nil {
			t.Errorf("%s: the schema of %s accepts it", c.name, c.file)
		}
	}
}

func specKeys(sheet bool) []string {
	specs := plan.IndicatorSpecs()
	if sheet {
		specs = plan.SheetSpecs()
	}
	var out []string
	for _, s := range specs {
		out = append(out, s.Key)
	}
	return out
}

func firstSheet(m map[string]any) map[string]any { return m["schede"].([]any)[0].(map[string]any) }

// TestExportSchemaFields: the sheet and indicator objects of the schemas
// have a property for every row of the table of fields.
func TestExportSchemaFields(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(ExportSchemaFiles()["piano.json.schema.json"], &doc); err != nil {
		t.Fatal(err)
	}
	for def, specs := range map[string][]string{"scheda": specKeys(true), "indicatore": specKeys(false)} {
		for _, key := range specs {
			if _, ok := doc.Defs[def].Properties[key]; !ok {
				t.Errorf("$defs/%s lacks the field %q", def, key)
			}
		}
	}
	if !strings.Contains(string(ExportSchemaFiles()["scheda.json.schema.json"]), `"obiettivo_operativo"`) {
		t.Error("scheda.json.schema.json lacks obiettivo_operativo")
	}
}
