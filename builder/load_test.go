package builder

import (
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
)

const testConfig = "ente:\n  nome: Ente di prova\n"

// testFullConfig is testConfig with what the open data ask for (the IPA
// code and the public address) and the contacts the footer shows, so
// that a valid site has no finding.
const testFullConfig = testConfig + "  codice_ipa: ente_prova\n" + testContacts + "url_base: https://trasparenza.example.it/\n"

// testContacts are the ente's contacts, as config.yaml's ente lists them.
const testContacts = "  indirizzo: Via di prova 1, 00100 Roma\n  pec: protocollo@pec.example.it\n  email: urp@example.it\n"

const testPiano = `titolo: Piano di prova
periodo: 2024-2026
approvazione:
  atto: deliberazione n. 1
  data: 2024-01-10
revisioni:
  - id: r1
    data: 2024-09-12
    atto: deliberazione n. 2
    motivo: monitoraggio
aree:
  - codice: a1
    nome: Area uno
    unita:
      - codice: u1
        nome: Unità uno
linee:
  - codice: "1"
    nome: Linea uno
    obiettivi:
      - codice: "1.1"
        nome: Obiettivo uno
schede: selezione
selezione:
  descrizione: le schede rivedute
  piano_completo: https://www.example.it/piano
`

const testSheet = `area: a1
unita: u1
linea: "1"
obiettivi_strategici: ["1.1"]
obiettivo_operativo: Fare qualcosa
peso: 50%
indicatori:
  - descrizione: Indicatore
    target:
      2024: "≥ 12"
    peso: 100%
note_revisione:
  - revisione: r1
    revisione_attuata: nessun valore cambiato
    causa: prova
`

// testSite returns a valid site, with files replaced or added by extra.
func testSite(extra map[string]string) fstest.MapFS {
	files := map[string]string{
		"config.yaml":                  testFullConfig,
		"content/p/piano.yaml":         testPiano,
		"content/p/operativi/uno.yaml": testSheet,
	}
	for k, v := range extra {
		if v == "" {
			delete(files, k)
			continue
		}
		files[k] = v
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func TestLoadValidSite(t *testing.T) {
	site, ds := LoadAndCheck(testSite(nil))
	if len(ds) > 0 {
		t.Fatalf("valid site gave diagnostics:\n%s", ds.Error())
	}
	s := site.Plans[0].Operational[0]
	if got := s.Indicatori[0].Target[0]; got.Anno != "2024" || got.S != "≥ 12" {
		t.Errorf("target = %q %q, want 2024 ≥ 12", got.Anno, got.S)
	}
}

// TestLoadErrors: each kind of bad input names its file, line and column
// and gives a hint.
func TestLoadErrors(t *testing.T) {
	sheet := "content/p/operativi/uno.yaml"
	tests := []struct {
		name     string
		extra    map[string]string
		wantPos  string
		wantMsg  string
		wantHint string
	}{
		{"unknown key", map[string]string{sheet: strings.Replace(testSheet, "peso: 50%", "pes: 50%", 1)},
			sheet + ":6:1", `campo sconosciuto "pes"`, `forse "peso"?`},
		{"unknown key lists the valid ones", map[string]string{sheet: strings.Replace(testSheet, "    peso: 100%", "    xyz: x\n    peso: 100%", 1)},
			sheet + ":11:5", `campo sconosciuto "xyz"`, "campi ammessi qui: id, descrizione"},
		{"did you mean", map[string]string{sheet: strings.Replace(testSheet, "indicatori:", "indicatore:", 1)},
			sheet + ":7:1", `campo sconosciuto "indicatore"`, `forse "indicatori"?`},
		{"wrong type", map[string]string{sheet: strings.Replace(testSheet, `obiettivi_strategici: ["1.1"]`, "obiettivi_strategici:\n  a: b", 1)},
			sheet + ":5:3", "atteso un elenco, trovato un elenco di campi", `"- "`},
		{"missing field", map[string]string{sheet: strings.Replace(testSheet, "peso: 50%\n", "", 1)},
			sheet + ":1:1", `manca il campo obbligatorio "peso"`, `aggiungi il campo "peso"`},
		{"yaml syntax", map[string]string{sheet: strings.Replace(testSheet, "linea: \"1\"", "linea: \"1", 1)},
			sheet + ":3:8", "virgolette non chiuse", "chiudi le virgolette"},
		{"broken front matter", map[string]string{sheet: "", "content/p/operativi/uno.md": "---\n" + testSheet + "testo senza chiusura\n"},
			"content/p/operativi/uno.md:1:1", "front matter", `"---"`},
		{"front matter error keeps line numbers", map[string]string{sheet: "", "content/p/operativi/uno.md": "---\n" + strings.Replace(testSheet, "peso: 50%", "pesi: 50%", 1) + "---\nTesto.\n"},
			"content/p/operativi/uno.md:7:1", `campo sconosciuto "pesi"`, `forse "peso"?`},
		{"unknown revision", map[string]string{sheet: strings.Replace(testSheet, "    peso: 100%", "    peso: 100%\n    stralcio: r9", 1)},
			sheet + ":12:15", `revisione "r9" inesistente`, "revisioni definite in piano.yaml: r1"},
		{"unknown revision in value", map[string]string{sheet: strings.Replace(testSheet, `2024: "≥ 12"`, `2024: {valore: "≥ 12", precedente: "≥ 10", revisione: rx}`, 1)},
			sheet + ":10:61", `revisione "rx" inesistente`, "r1"},
		{"unknown unit", map[string]string{sheet: strings.Replace(testSheet, "unita: u1", "unita: u2", 1)},
			sheet + ":2:8", `unità organizzativa "u2" inesistente`, "u1"},
		{"weights", map[string]string{sheet: strings.Replace(testSheet, "peso: 100%", "peso: 90%", 1)},
			sheet + ":8:5", "sommano a 90%", "pesi"},
		{"strategic key on operational sheet", map[string]string{sheet: testSheet + "missioni: []\n"},
			sheet + ":16:1", `campo sconosciuto "missioni"`, ""},
		{"year outside period", map[string]string{sheet: strings.Replace(testSheet, "2024:", "2030:", 1)},
			sheet + ":10:13", "anno 2030 fuori dal periodo", "periodo"},
		{"alias", map[string]string{sheet: strings.Replace(testSheet, "peso: 50%", "peso: &x 50%", 1)},
			sheet + ":6:7", "alias", "virgolette"},
		{"missing config", map[string]string{"config.yaml": ""},
			"config.yaml", "file non trovato", "-s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := LoadAndCheck(testSite(tt.extra))
			for _, d := range ds {
				if formatPos(d.Pos) == tt.wantPos && strings.Contains(d.Msg, tt.wantMsg) {
					if !strings.Contains(d.Hint, tt.wantHint) {
						t.Errorf("hint = %q, want it to contain %q", d.Hint, tt.wantHint)
					}
					if d.Pos.Line > 0 && d.Source == "" {
						t.Errorf("diagnostic %s has no source line", d)
					}
					return
				}
			}
			t.Errorf("want %s: ...%s...; got:\n%s", tt.wantPos, tt.wantMsg, ds.Error())
		})
	}
}

// TestValuesKeptAsWritten: YAML never reinterprets a value.
func TestValuesKeptAsWritten(t *testing.T) {
	for _, v := range []string{"010", "SI", "no", "on", "≥ 12", "≤-10", "Entro 30.06", "€ 1.105.500,00", "2024-01-26", "1e3", "0x10", "12:30", "~", "null", ".5"} {
		src := strings.Replace(testSheet, `2024: "≥ 12"`, "2024: "+v, 1)
		site, ds := loadSite(testSite(map[string]string{"content/p/operativi/uno.yaml": src}))
		if ds.HasErrors() {
			t.Fatalf("%q: %s", v, ds.Error())
		}
		if got := site.Plans[0].Operational[0].Indicatori[0].Target[0].S; got != v && !(v == "~" || v == "null") {
			t.Errorf("target %q read as %q", v, got)
		}
	}
}

func TestDiagnosticsAllAtOnceSorted(t *testing.T) {
	bad := strings.Replace(strings.Replace(testSheet, "peso: 50%", "pes: 50%", 1), "linea:", "linee:", 1)
	_, ds := LoadAndCheck(testSite(map[string]string{
		"content/p/operativi/uno.yaml": bad,
		"content/p/operativi/due.yaml": "area: [",
	}))
	var got []string
	for _, d := range ds {
		got = append(got, formatPos(d.Pos))
	}
	want := []string{
		"content/p/operativi/due.yaml:1:1",
		"content/p/operativi/uno.yaml:1:1", // missing peso (check); the line is its objective's
		"content/p/operativi/uno.yaml:3:1",
		"content/p/operativi/uno.yaml:6:1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("positions:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), ds.Error())
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"peso", "indicatori", "obiettivo_operativo", "unita_misura"}
	for in, want := range map[string]string{"pes": "peso", "Peso": "peso", "indicatore": "indicatori",
		"obiettivo operativo": "obiettivo_operativo", "unità_misura": "unita_misura", "zzzz": ""} {
		if got := nearest(in, keys); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNothingDroppedInSilence: whatever content/ holds is read, or named
// in a finding: a sheet in a subfolder, a folder of sheets that is a file,
// a file beside the plans, anything else in a plan folder, a second YAML
// document in a sheet.
func TestNothingDroppedInSilence(t *testing.T) {
	tests := []struct {
		name  string
		extra map[string]string
		want  string // the first line of a finding
	}{
		{"sheet in a subfolder", map[string]string{"content/p/operativi/area-1/due.yaml": testSheet},
			`content/p/operativi/area-1: errore: sottocartella "area-1": le schede vanno direttamente in content/p/operativi/`},
		{"strategic sheets in a subfolder", map[string]string{"content/p/strategici/linea-1/s.md": "---\n" + testSheet + "---\n"},
			`content/p/strategici/linea-1: errore: sottocartella "linea-1"`},
		{"a file named like the folder of sheets", map[string]string{"content/p/strategici": "x: y\n"},
			"content/p/strategici: errore: strategici/ dovrebbe essere una cartella di schede, ma è un file"},
		{"a file beside the plans", map[string]string{"content/piano.yaml": testPiano},
			"content/piano.yaml: avviso: file ignorato: in content/ vanno solo le cartelle dei piani"},
		{"a folder of sheets misnamed", map[string]string{"content/p/Operativi/due.yaml": testSheet},
			`content/p/Operativi: avviso: "Operativi" ignorato: una cartella di piano contiene piano.yaml, strategici/, operativi/ e sezioni/`},
		{"a second document", map[string]string{unoYAML: testSheet + "---\nobiettivo_operativo: Altro\n"},
			unoYAML + ":16:1: errore: il file continua dopo un separatore di documento YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := LoadAndCheck(testSite(tt.extra))
			if !strings.Contains("\n"+headlines(ds), "\n"+tt.want) {
				t.Errorf("want %q; got:\n%s", tt.want, ds.Error())
			}
		})
	}
	// A final "---" with nothing after it loses nothing.
	if _, ds := LoadAndCheck(testSite(map[string]string{unoYAML: testSheet + "---\n"})); len(ds) > 0 {
		t.Errorf("a sheet ending in an empty document: %s", ds.Error())
	}
}

// TestWeightAddendsBounded: a sum of many weights names a handful of them.
func TestWeightAddendsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.SplitN(testSheet, "indicatori:", 2)[0] + "indicatori:\n")
	for i := 0; i < 500; i++ {
		b.WriteString("  - descrizione: I\n    peso: 1%\n")
	}
	_, ds := LoadAndCheck(testSite(map[string]string{unoYAML: b.String()}))
	want := "i pesi degli indicatori sommano a 500% invece di 100% (come approvato: 1 + 1 + 1 + 1 + 1 + 1 + … (altri 494))"
	if !strings.Contains(ds.Error(), want) {
		t.Errorf("want %q in:\n%s", want, ds.Error())
	}
}

// TestLoadInternsTexts: a value written in two sheets is held once, in
// the model as loaded, and reads as written in each.
func TestLoadInternsTexts(t *testing.T) {
	site, ds := loadSite(testSite(map[string]string{"content/p/operativi/due.yaml": testSheet}))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	a, b := site.Plans[0].Operational[0], site.Plans[0].Operational[1]
	for _, pair := range [][2]plan.Text{
		{a.Obiettivo.Text, b.Obiettivo.Text},
		{a.Indicatori[0].Descrizione.Text, b.Indicatori[0].Descrizione.Text},
		{a.Indicatori[0].Target[0].Text, b.Indicatori[0].Target[0].Text},
		{a.Revisioni[0].Causa, b.Revisioni[0].Causa},
	} {
		if pair[0].S != pair[1].S || pair[0].Pos.File() == pair[1].Pos.File() {
			t.Fatalf("texts %+v: want the same text from two files", pair)
		}
		if unsafe.StringData(pair[0].S) != unsafe.StringData(pair[1].S) {
			t.Errorf("%q: held once for each sheet", pair[0].S)
		}
	}
	if ya, yb := a.Indicatori[0].Target[0].Anno, b.Indicatori[0].Target[0].Anno; ya != "2024" || unsafe.StringData(ya) != unsafe.StringData(yb) {
		t.Errorf("years %q and %q: want 2024, held once", ya, yb)
	}
}
