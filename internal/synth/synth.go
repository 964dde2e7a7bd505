// Package synth writes synthetic piao sites of any size, for benchmarks and
// for tests that need many sheets. The sites are valid content (piao check
// finds nothing in them), deterministic for a given size and seed, and
// shaped like a large body's: 40 organisational units in 4 areas, the 5
// strategic lines of the example site, strategic and operational sheets
// with 1 to 4 indicators whose weights sum to 100% and targets for the
// plan's 3 years, text in the words of the example, about 30% of the
// sheets changed by the plan's revision (earlier values, now and then an
// indicator removed and another added), one in five written as Markdown.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// PlanSlug is the folder of the newest generated plan under content/.
const PlanSlug = "piao-2024-2026"

// RevisionID is the id of the revision of the newest plan.
const RevisionID = "rev-2024-09"

// Options say what to generate.
type Options struct {
	Sheets int    // sheets in all, at least one per plan
	Seed   uint64 // the same options write the same bytes
	Plans  int    // plans of three years each, newest first, sharing the sheets; 0 means 1
}

// Generate writes a site of n sheets in one plan into dir; see
// GenerateWith.
func Generate(dir string, n int, seed uint64) ([]string, error) {
	return GenerateWith(dir, Options{Sheets: n, Seed: seed})
}

// GenerateWith writes a site into dir: config.yaml and, for each plan,
// content/piao-FIRST-LAST/. It returns the site-relative paths of the
// sheets in the order written: plan by plan, newest first, each plan's
// strategic sheets (about one in fifty, at least one) before its
// operational ones.
func GenerateWith(dir string, o Options) ([]string, error) {
	plans := max(o.Plans, 1)
	if o.Sheets < plans {
		return nil, fmt.Errorf("synth: %d sheets for %d plans, want at least one per plan", o.Sheets, plans)
	}
	g := &gen{dir: dir, text: text{rnd: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}}
	if err := g.write("config.yaml", configYAML); err != nil {
		return nil, err
	}
	var out []string
	for k := range plans {
		n := o.Sheets / plans
		if k < o.Sheets%plans {
			n++
		}
		files, err := g.plan(2024-3*k, n)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

type gen struct {
	dir string
	text
	first      int    // the plan's first year
	rev        string // the id of the plan's revision
	unitWeight string // the weight of each operational objective in its unit
	ids        int    // indicators so far in the plan
	unrevised  bool   // no sheet of the plan revised yet
}

// planDir is the folder of the plan whose period starts in first.
func planDir(first int) string { return fmt.Sprintf("piao-%d-%d", first, first+2) }

// plan writes piano.yaml and the n sheets of the plan starting in first.
func (g *gen) plan(first, n int) ([]string, error) {
	g.first, g.rev, g.ids, g.unrevised = first, fmt.Sprintf("rev-%d-09", first), 0, true
	dir := path.Join("content", planDir(first))
	if err := g.write(path.Join(dir, "piano.yaml"), g.planYAML()); err != nil {
		return nil, err
	}
	strategic := max(1, n/50)
	g.unitWeight = unitWeight(n - strategic)
	var out []string
	for i := range n {
		var name, body string
		if i < strategic {
			name, body = g.strategic(i)
		} else {
			name, body = g.operational(i - strategic)
		}
		file := path.Join(dir, name)
		if err := g.write(file, body); err != nil {
			return nil, err
		}
		out = append(out, file)
	}
	return out, nil
}

// years lists the plan's three years.
func (g *gen) years() []int { return []int{g.first, g.first + 1, g.first + 2} }

func (g *gen) write(rel, body string) error {
	full := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, []byte(body), 0o644)
}

const configYAML = `ente:
  nome: Camera di Commercio Sintetica
  indirizzo: Via Esempio 1, 28100 Novara
  pec: protocollo@pec.example.it
  email: urp@example.it
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

func (g *gen) planYAML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "titolo: \"Piano Integrato di Attività e Organizzazione (PIAO) %d-%d\"\n", g.first, g.first+2)
	fmt.Fprintf(&b, "periodo: %d-%d\nschede: selezione\n", g.first, g.first+2)
	b.WriteString("selezione:\n  piano_completo: https://www.example.it/piano-completo\n")
	fmt.Fprintf(&b, "approvazione:\n  atto: \"deliberazione n. G/4\"\n  data: %d-01-26\n", g.first)
	fmt.Fprintf(&b, "revisioni:\n  - id: %s\n    data: %d-09-12\n", g.rev, g.first)
	fmt.Fprintf(&b, "    atto: \"deliberazione n. G/59 del 12.09.%d\"\n", g.first)
	fmt.Fprintf(&b, "    documento: \"Disposizione gestionale n. 38/%d\"\n    motivo: %q\n", g.first, g.phrase(40))
	b.WriteString("aree:\n")
	for _, a := range areas {
		fmt.Fprintf(&b, "  - codice: %s\n    nome: %q\n    unita:\n", a.code, a.name)
		for _, u := range a.units {
			fmt.Fprintf(&b, "      - codice: %s\n        nome: %q\n", slug(u), u)
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
