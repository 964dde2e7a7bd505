// Package synth writes synthetic piao sites of any size, for benchmarks and
// for tests that need many sheets. The sites are valid content (they build
// without errors), deterministic for a given size and seed, and shaped like
// the example site: the areas, units, lines and objectives of
// content/piao-2024-2026/piano.yaml, one revision, strategic and
// operational sheets with one to three indicators whose weights sum to
// 100%, some revised, some written as Markdown.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// PlanSlug is the folder of the generated plan under content/.
const PlanSlug = "piao-2024-2026"

// RevisionID is the id of the plan's one revision.
const RevisionID = "rev-2024-09"

type unit struct{ code, name string }

type area struct {
	code, name string
	units      []unit
}

type objective struct{ key, code, name string }

type line struct {
	code, name string
	objs       []objective
}

// The plan's structure, after the example site.
var areas = []area{
	{"staff", "Servizi di staff", []unit{
		{"comunicazione-esterna", "Comunicazione esterna"},
		{"pianificazione-strategica", "Pianificazione strategica e informazione economica"},
		{"risorse-umane", "Gestione risorse umane e performance"}}},
	{"area-1", "Area 1 - Promozione e servizi anagrafici", []unit{
		{"registro-imprese", "Registro Imprese"},
		{"suap", "SUAP"},
		{"promozione", "Promozione (tutte le sedi)"}}},
	{"area-2", "Area 2 - Regolazione del mercato", []unit{
		{"metrologia", "Metrologia e sicurezza prodotti"}}},
	{"area-3", "Area 3 - Contabilità e servizi di supporto", []unit{
		{"amministrazione-contabilita", "Amministrazione e contabilità"},
		{"approvvigionamenti", "Approvvigionamenti, gestione patrimonio e servizi ausiliari"}}},
}

var lines = []line{
	{"1", "Competitività delle imprese", []objective{
		{"1.1", "1.1", "Digitalizzazione e innovazione"},
		{"oc-doppia-transizione", "OC", "Favorire la doppia transizione (digitale ed ecologica)"},
		{"1.2", "1.2", "Internazionalizzazione"},
		{"1.3", "1.3", "Sostegno agli strumenti innovativi per l'accesso al credito"}}},
	{"2", "Competitività del territorio", []objective{
		{"2.1", "2.1", "Promozione del turismo e valorizzazione del patrimonio culturale"},
		{"2.2", "2.2", "Valorizzazione delle filiere produttive"},
		{"2.3", "2.3", "Accrescimento delle competenze"}}},
	{"3", "Tutela del mercato e legalità", []objective{
		{"3.1", "3.1", "Vigilanza sulla sicurezza dei prodotti e in ambito metrologico"},
		{"3.2", "3.2", "Promozione della trasparenza e della legalità"},
		{"oc-efficacia-servizi", "OC", "Migliorare l'efficacia, l'efficienza e la qualità dei servizi camerali"}}},
	{"4", "Semplificazione e trasparenza", []objective{
		{"4.1", "4.1", "Comunicazione"},
		{"4.2", "4.2", "Prevenzione della corruzione e trasparenza amministrativa"},
		{"4.3", "4.3", "Sussidiarietà e semplificazione"}}},
	{"5", "Competitività dell’Ente", []objective{
		{"5.1", "5.1", "Valorizzare le risorse umane"},
		{"oc-capitale-umano", "OC", "Consolidare il capitale umano"},
		{"5.2", "5.2", "Conservare e valorizzare il patrimonio dell'Ente"}}},
}

// Generate writes a site of n sheets into dir (config.yaml and
// content/piao-2024-2026/), the same bytes for the same n and seed. It
// returns the site-relative paths of the sheets, in the order written:
// strategic sheets first (about one in fifty, at least one), then
// operational ones.
func Generate(dir string, n int, seed uint64) ([]string, error) {
	if n < 1 {
		return nil, fmt.Errorf("synth: n = %d, want at least 1", n)
	}
	g := &gen{dir: dir, rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	if err := g.write("config.yaml", configYAML); err != nil {
		return nil, err
	}
	if err := g.write(path.Join("content", PlanSlug, "piano.yaml"), planYAML()); err != nil {
		return nil, err
	}
	strategic := max(1, n/50)
	g.unitWeight = unitWeight(n - strategic)
	var out []string
	for i := range n {
		var name, text string
		if i < strategic {
			name, text = g.strategic(i)
		} else {
			name, text = g.operational(i - strategic)
		}
		file := path.Join("content", PlanSlug, name)
		if err := g.write(file, text); err != nil {
			return nil, err
		}
		out = append(out, file)
	}
	return out, nil
}

type gen struct {
	dir        string
	rnd        *rand.Rand
	unitWeight string // the weight of each operational objective in its unit
}

// allUnits lists every unit with its area, in plan order.
func allUnits() (out [][2]string) {
	for _, a := range areas {
		for _, u := range a.units {
			out = append(out, [2]string{a.code, u.code})
		}
	}
	return out
}

// unitWeight is a weight for each of ops operational objectives, spread
// round-robin over the units, such that no unit's objectives pass 100%.
func unitWeight(ops int) string {
	per := (ops + len(allUnits()) - 1) / len(allUnits())
	w := math.Floor(10000/float64(max(per, 1))) / 100
	return strings.Replace(strconv.FormatFloat(min(w, 100), 'f', -1, 64), ".", ",", 1) + "%"
}

func (g *gen) write(rel, text string) error {
	full := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, []byte(text), 0o644)
}

const configYAML = `ente:
  nome: Camera di Commercio Sintetica
  indirizzo: Via Esempio 1, 28100 Novara
  pec: protocollo@pec.example.it
  codice_ipa: cciaa_sint
lingua: it
url_base: https://trasparenza.example.it/piao/
tema: default
dichiarazione_accessibilita: "https://form.agid.gov.it/"
licenza:
  nome: CC BY 4.0
  url: https://creativecommons.org/licenses/by/4.0/deed.it
percorso:
  - titolo: Amministrazione Trasparente
  - titolo: Performance
  - titolo: Piano della Performance
`

func planYAML() string {
	var b strings.Builder
	b.WriteString(`titolo: "Piano Integrato di Attività e Organizzazione (PIAO) 2024-2026"
periodo: 2024-2026
schede: selezione
approvazione:
  atto: "deliberazione n. G/4"
  data: 2024-01-26
revisioni:
  - id: ` + RevisionID + `
    data: 2024-09-12
    atto: "deliberazione n. G/59 del 12.09.2024"
    documento: "Disposizione gestionale n. 38/2024"
    motivo: "Esito del monitoraggio intermedio semestrale."
aree:
`)
	for _, a := range areas {
		fmt.Fprintf(&b, "  - codice: %s\n    nome: %q\n    unita:\n", a.code, a.name)
		for _, u := range a.units {
			fmt.Fprintf(&b, "      - codice: %s\n        nome: %q\n", u.code, u.name)
		}
	}
	b.WriteString("linee:\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "  - codice: %q\n    nome: %q\n    obiettivi:\n", l.code, l.name)
		for _, o := range l.objs {
			if o.key != o.code {
				fmt.Fprintf(&b, "      - id: %s\n        codice: %s\n        nome: %q\n", o.key, o.code, o.name)
			} else {
				fmt.Fprintf(&b, "      - codice: %q\n        nome: %q\n", o.code, o.name)
			}
		}
	}
	return b.String()
}
