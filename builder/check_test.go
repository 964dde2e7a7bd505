package builder

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
)

// finding is what a test expects piao check to say: where, what, and a
// piece of the hint.
type finding struct {
	pos, sev, msg, hint string
}

// seededMistakes is every mistake of testdata/mistakes, one of each kind
// that piao check knows, at the place it must point to.
var seededMistakes = []finding{
	// syntax and schema
	{"config.yaml:5:1", "errore", `campo sconosciuto "dichiarazione_accesibilita"`, `forse "dichiarazione_accessibilita"?`},
	{"content/piao-2023-2025/operativi/due-punti.yaml:5:30", "errore", `": " in un punto in cui non è ammesso`, `obiettivo_operativo: "Gestione: pratiche sospese"`},
	{"content/piao-2023-2025/operativi/virgolette.yaml:5:22", "errore", "virgolette non chiuse", "chiudi le virgolette"},
	{"content/piao-2023-2025/operativi/tabulazione.yaml:8:1", "errore", "tabulazione nel rientro", "spazi"},
	{"content/piao-2023-2025/operativi/forma.yaml:1:1", "errore", `manca il campo obbligatorio "peso"`, `aggiungi il campo "peso"`},
	{"content/piao-2023-2025/operativi/forma.yaml:5:3", "errore", "atteso un elenco, trovato un elenco di campi", `"- "`},
	{"content/piao-2023-2025/operativi/forma.yaml:7:3", "errore", "manca la revisione che ha cambiato il valore", `"revisione:"`},
	{"content/piao-2023-2025/operativi/forma.yaml:9:1", "errore", `campo sconosciuto "indicatore"`, `forse "indicatori"?`},
	// values
	{"config.yaml:6:10", "errore", `indirizzo "javascript:alert(1)" non ammesso`, "https://"},
	{"content/piao-2024-2026/piano.yaml:7:9", "errore", `data "26/01/2024" non valida`, "AAAA-MM-GG"},
	{"content/piao-2024-2026/operativi/valori.yaml:6:7", "errore", `peso "40" non valido`, "25%"},
	{"content/piao-2024-2026/strategici/linea-1.yaml:6:9", "errore", `importo "1,105,500.00" scritto all'inglese`, "€ 1.105.500,00"},
	{"content/piao-2024-2026/strategici/linea-1.yaml:8:9", "errore", "anno 2027 fuori dal periodo del piano (2024-2026)", "periodo"},
	{"content/piao-2024-2026/operativi/valori.yaml:10:13", "errore", `target "≥ 3" non adatto all'unità di misura "Binario"`, "SI o NO"},
	{"content/piao-2024-2026/operativi/pesi.yaml:20:13", "errore", `target "80" non adatto all'unità di misura "Percentuale"`, "≥ 80%"},
	{"content/piao-2024-2026/operativi/valori.yaml:15:13", "errore", `target "SI" non adatto all'unità di misura "Data"`, "30.06.2024"},
	// weights
	{"content/piao-2024-2026/operativi/pesi.yaml:8:5", "errore", "sommano a 120% invece di 100% (dopo le revisioni (r1): 70 + 50)", "pesi"},
	{"content/piao-2024-2026/piano.yaml:21:17", "avviso", `l'unità "u1" pesano in tutto 80% invece di 100% (pesi 40% + revisioni 40%)`, "schede: selezione"},
	// references
	{"content/piao-2024-2026/operativi/riferimenti.yaml:1:7", "errore", `area "a9" inesistente`, "a1"},
	{"content/piao-2024-2026/operativi/riferimenti.yaml:2:8", "errore", `unità organizzativa "u9" inesistente`, "u1, u2"},
	{"content/piao-2024-2026/operativi/riferimenti.yaml:3:8", "errore", `linea strategica "9" inesistente`, "1, 2"},
	{"content/piao-2024-2026/operativi/riferimenti.yaml:4:24", "errore", `obiettivo strategico "9.9" inesistente`, "1.1, 2.1"},
	{"content/piao-2024-2026/operativi/riferimenti.yaml:13:15", "errore", `revisione "r9" inesistente`, "r1, r2"},
	{"content/piao-2024-2026/operativi/riferimenti.yaml:8:9", "errore", `indicatore "progetti" ripetuto (già in content/piao-2024-2026/strategici/linea-1.yaml:10:9)`, "unico"},
	{"content/piao-2024-2026/operativi/doppia.yaml:1:1", "errore", "scriverebbe la pagina piao-2024-2026/operativi/doppia/index.html, già scritta da content/piao-2024-2026/operativi/doppia.md:2:1", "rinomina"},
	// revisions
	{"content/piao-2024-2026/piano.yaml:13:9", "avviso", `la revisione "r2" non cambia nulla`, `"revisione: r2"`},
	{"content/piao-2024-2026/operativi/revisioni.yaml:8:14", "avviso", `la revisione "r1" cambia questa scheda senza dire cosa è stato fatto e perché`, "revisione_attuata e causa"},
	{"content/piao-2024-2026/operativi/pesi.yaml:24:16", "avviso", `nota della revisione "r1" senza "causa"`, `"causa:"`},
	{"content/piao-2024-2026/operativi/revisioni.yaml:7:15", "avviso", "il valore precedente \"Revisioni senza spiegazione\" è uguale", `senza "precedente"`},
	// open data: the config gives neither the IPA code nor the public address
	{"config.yaml", "avviso", "manca ente.codice_ipa", "codice_ipa"},
	{"config.yaml", "avviso", "manca url_base", "url_base"},
	// the footer: the config gives no contact of the ente
	{"config.yaml", "avviso", "il piè di pagina non mostra tutti i recapiti dell'ente: manca ente.indirizzo, ente.pec, ente.email o ente.telefono", "pec:"},
	// privacy
	{"content/piao-2024-2026/strategici/linea-1.yaml:3:14", "avviso", "dato personale (indirizzo e-mail)", "recapiti dell'ufficio"},
	{"content/piao-2024-2026/strategici/linea-1.yaml:3:14", "avviso", "dato personale (numero di telefono)", "recapiti dell'ufficio"},
	{"content/piao-2024-2026/strategici/linea-1.yaml:3:14", "avviso", "dato personale (codice fiscale di una persona)", "recapiti dell'ufficio"},
}

// TestSeededMistakes: on a site with one mistake of each kind, check
// reports every one, at its line and column, with its hint and source
// line, and nothing else.
func TestSeededMistakes(t *testing.T) {
	site, ds := Build(Input{Site: os.DirFS("testdata/mistakes"), Themes: nil})
	if site != nil {
		t.Fatal("a site with errors was built")
	}
	found := make([]bool, len(ds))
	for _, want := range seededMistakes {
		i := findDiag(ds, want)
		if i < 0 {
			t.Errorf("missing %s: %s: %s", want.pos, want.sev, want.msg)
			continue
		}
		found[i] = true
		d := ds[i]
		if !strings.Contains(d.Hint, want.hint) {
			t.Errorf("%s: hint %q, want it to contain %q", want.pos, d.Hint, want.hint)
		}
		if d.Source == "" && d.Pos.Line > 0 {
			t.Errorf("%s: no source line", want.pos)
		}
	}
	for i, d := range ds {
		if !found[i] {
			t.Errorf("unexpected finding: %s", d)
		}
	}
}

func findDiag(ds Diagnostics, want finding) int {
	for i, d := range ds {
		if formatPos(d.Pos) == want.pos && d.Severity.String() == want.sev && strings.Contains(d.Msg, want.msg) {
			return i
		}
	}
	return -1
}

// TestRules covers the rules whose other side the seeded site does not
// show: what must pass, and the rarer mistakes.
func TestRules(t *testing.T) {
	sheet := "content/p/operativi/uno.yaml"
	tests := []struct {
		name  string
		extra map[string]string
		want  string // "" means no finding at all
	}{
		{"valid", nil, ""},
		{"unit over 100%", map[string]string{sheet: strings.Replace(testSheet, "peso: 50%", "peso: 150%", 1)}, `peso "150%" non valido`},
		{"two sheets over 100%", map[string]string{"content/p/operativi/due.yaml": strings.Replace(testSheet, "peso: 50%", "peso: 60%", 1)},
			`errore: gli obiettivi operativi dell'unità "u1" pesano in tutto 110% invece di 100% (due 60% + uno 50%)`},
		{"schede", map[string]string{"content/p/piano.yaml": strings.Replace(testPiano, "schede: selezione", "schede: alcune", 1)}, `valore "alcune" non valido per "schede"`},
		{"campi", map[string]string{sheet: strings.Replace(testSheet, "    peso: 100%", "    peso: 100%\n    note:\n      - {testo: x, campi: [tagret]}", 1)}, `campo "tagret" sconosciuto in "campi"`},
		{"prior order", map[string]string{
			"content/p/piano.yaml": strings.Replace(testPiano, "aree:", "  - {id: r2, data: 2024-10-01, atto: d, motivo: m}\naree:", 1),
			sheet:                  strings.Replace(testSheet, `2024: "≥ 12"`, `2024: {valore: "3", precedenti: [{valore: "1", revisione: r2}, {valore: "2", revisione: r1}]}`, 1)},
			`"r1" è fuori ordine`},
		{"amount explained by a footnote the revision added", map[string]string{"content/p/strategici/s.yaml": `linea: "1"
obiettivi_strategici: ["1.1"]
peso: 100%
risorse:
  2024: {valore: "€ 2.000,00", precedente: "€ 1.000,00", revisione: r1, rimando: "*"}
note:
  - {rimando: "*", testo: aggiornamento da preventivo, inserita: r1}
`}, ""},
		{"tema", map[string]string{"config.yaml": testConfig + "tema: ../../etc\n"}, `nome del tema "../../etc" non valido`},
		{"code with no letter or digit", map[string]string{"content/p/piano.yaml": strings.Replace(testPiano, "codice: a1", `codice: "--"`, 1)}, `codice "--" non valido`},
		{"plan folder that collides with a section page", map[string]string{
			"content/amministrazione-trasparente/piano.yaml":         strings.Replace(testPiano, "2024-2026", "2020-2022", 1),
			"content/amministrazione-trasparente/operativi/uno.yaml": strings.ReplaceAll(testSheet, "2024", "2020")},
			"scriverebbe la pagina amministrazione-trasparente/index.html, già scritta da config.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := LoadAndCheck(testSite(tt.extra))
			got := ds.Error()
			if tt.want == "" && len(ds) > 0 || !strings.Contains(got, tt.want) {
				t.Errorf("want %q; got:\n%s", tt.want, got)
			}
		})
	}
}

func TestParseEuro(t *testing.T) {
	for in, want := range map[string]string{
		"€ 1.105.500,00": "110550000", "1.105.500,00 €": "110550000", "€ 854.500,00": "85450000",
		"€ 25.000": "2500000", "€ 850": "85000", "€ 0,5": "50", "€\u00a01.000,00": "100000",
		"1,105,500.00": "english", "1105500.00": "english", "€ 1.10.500,00": "bad", "mille euro": "bad",
		"€ 1.000,000": "bad", "": "bad", "€ ": "bad", "€ 99999999999999999999": "bad",
	} {
		cents, ok, english := parseEuro(in)
		got := fmt.Sprint(cents)
		switch {
		case english:
			got = "english"
		case !ok:
			got = "bad"
		}
		if got != want {
			t.Errorf("parseEuro(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestFitsUnit(t *testing.T) {
	for _, tt := range []struct {
		target, unit string
		want         bool
	}{
		{"SI", "Binario", true}, {"Sì", "binario", true}, {"no", "Binario", true}, {"//", "Binario", true},
		{"≥ 3", "Binario", false}, {"SI entro giugno", "Binario", false},
		{"≤ 5%", "Percentuale", true}, {"100%", "Percentuale", true}, {"80", "Percentuale", false},
		{"Entro 30.06", "Data", true}, {"31/12/2024", "Data", true}, {"2024-06-30", "Data", true},
		{"entro giugno 2024", "Data", true}, {"SI", "Data", false}, {"≥ 12", "Valore assoluto", true},
	} {
		if got := fitsUnit(tt.target, targetForm(tt.unit)); got != tt.want {
			t.Errorf("fitsUnit(%q, %q) = %v, want %v", tt.target, tt.unit, got, tt.want)
		}
	}
}

func TestPersonalData(t *testing.T) {
	for in, want := range map[string]string{
		"scrivere a mario.rossi@example.it":        kindEmail,
		"tel. 0321 123456, ufficio":                kindPhone,
		"cell. 347 1234567":                        kindPhone,
		"+39 0321 661111":                          kindPhone,
		"CF RSSMRA80A01F952K":                      kindCF,
		"CF RSSMRA80A01F952A (check letter wrong)": "",
		"codice fiscale dell'ente 01234567890":     "",
		"€ 1.201.904,83 nel 2024":                  "",
		"entro il 30.06.2024 e il 31.12.2023":      "",
		"missione 011, programma 005":              "",
		"(01.01-30.06.2024)":                       "",
		"≤-10 giorni":                              "",
	} {
		_, kinds := personalData(in)
		if got := strings.Join(kinds, ","); got != want {
			t.Errorf("personalData(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExampleClean: the example site has no finding but the three its
// source document cannot settle: it gives neither the ente's IPA code,
// nor the site's public address, nor the ente's contacts.
func TestExampleClean(t *testing.T) {
	_, ds := LoadAndCheck(os.DirFS(".."))
	if e, w := ds.Count(); e != 0 || w != 3 || !strings.Contains(ds.Error(), "manca url_base") || !strings.Contains(ds.Error(), "manca ente.codice_ipa") ||
		!strings.Contains(ds.Error(), "recapiti dell'ente") {
		t.Errorf("the example site has findings other than url_base, codice_ipa and the contacts:\n%s", ds.Error())
	}
}

// TestMayHoldNeverHides: the quick filter before the patterns never hides
// a match the patterns alone would find, on random text made of the
// characters they look for and of pieces of the personal data they find.
func TestMayHoldNeverHides(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"0", "3", "9", "1", "A", "R", "L", "x", "@", ".", "-", " ", "+", "/", "_", "è",
		"e.it", "RSSMRA80A01F952K", "RSSMRA80A01F95", "0321 ", "347", "123456"}
	var found [3]int
	for range 100000 {
		var b strings.Builder
		for range 4 + r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		email, phone, cf := mayHold(s)
		for i, m := range []struct {
			re   *regexp.Regexp
			pass bool
		}{{emailRE, email}, {phoneRE, phone}, {cfRE, cf}} {
			if m.re.MatchString(s) {
				found[i]++
				if !m.pass {
					t.Fatalf("mayHold(%q) hides a match of %s", s, m.re)
				}
			}
		}
	}
	if found[0] < 100 || found[1] < 100 || found[2] < 100 {
		t.Fatalf("random texts matched e-mail, phone, codice fiscale %v times: the test proves little", found)
	}
}
