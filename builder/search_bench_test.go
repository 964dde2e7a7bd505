package builder

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao"
)

// This file holds a small deterministic generator of large sites, shaped
// like the example plan (areas and units, lines and objectives, strategic
// and operational sheets with 1-3 indicators whose weights sum to 100%, a
// revision that changes some targets), with text drawn from the words of
// the example itself, and the search benchmark that uses it:
//
//	make bench
//
// reports, at 1,000 and 10,000 sheets, the bytes of the whole index, the
// bytes a first query downloads (script and index files), and the time a
// query takes once its files are loaded, measured in Node's V8.

const sheetsPerPlan = 1000

// synthSite returns a valid site of n sheets, in plans of up to 1,000.
func synthSite(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	g := &synth{r: rand.New(rand.NewPCG(4, uint64(n))), fs: fstest.MapFS{}, words: seedWords(tb)}
	g.zipf = rand.NewZipf(rand.New(rand.NewPCG(5, uint64(n))), 1.07, 1, uint64(len(g.words)-1))
	g.file("config.yaml", "ente:\n  nome: Ente di prova\nlingua: it\n")
	for k := 0; n > 0; k++ {
		m := min(n, sheetsPerPlan)
		g.plan(k, m)
		n -= m
	}
	return g.fs
}

type synth struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	words []string // the example's words, most frequent first
	fs    fstest.MapFS
	seq   int
}

// seedWords lists the words of the example content, most frequent first.
func seedWords(tb testing.TB) []string {
	count := map[string]int{}
	word := regexp.MustCompile(`\pL{3,}`)
	err := fs.WalkDir(os.DirFS("../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../content"), p)
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "#") {
				for _, w := range word.FindAllString(line, -1) {
					count[w]++
				}
			}
		}
		return err
	})
	if err != nil || len(count) < 500 {
		tb.Fatalf("reading the example's words: %v (%d words)", err, len(count))
	}
	out := make([]string, 0, len(count))
	for w := range count {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func (g *synth) file(name, text string) { g.fs[name] = &fstest.MapFile{Data: []byte(text)} }

// phrase is n words, mostly common ones, sometimes a made-up name.
func (g *synth) phrase(n int) string {
	ws := make([]string, n)
	for i := range ws {
		if g.r.IntN(40) == 0 {
			ws[i] = g.name()
		} else {
			ws[i] = g.words[g.zipf.Uint64()]
		}
	}
	return strings.Join(ws, " ")
}

// name is a new made-up word, so that the vocabulary grows with the site.
func (g *synth) name() string {
	syl := []string{"ra", "ve", "lo", "mi", "sta", "cor", "ten", "bi", "ga", "pre", "zo", "lu", "fer", "no", "si"}
	g.seq++
	s, v := "", g.seq
	for v > 0 || s == "" {
		s += syl[v%len(syl)]
		v /= len(syl)
	}
	return strings.ToUpper(s[:1]) + s[1:] + "ne"
}

func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (g *synth) plan(k, sheets int) {
	first := 2024 - 3*k
	dir := fmt.Sprintf("content/piao-%d-%d/", first, first+2)
	var b strings.Builder
	fmt.Fprintf(&b, "titolo: %s\nperiodo: %d-%d\napprovazione:\n  atto: \"deliberazione n. %d\"\n  data: %d-01-26\n",
		q(fmt.Sprintf("PIAO %d-%d", first, first+2)), first, first+2, k+1, first)
	b.WriteString("schede: selezione\n") // a unit's objectives do not reach 100%
	fmt.Fprintf(&b, "revisioni:\n  - id: rev\n    data: %d-09-12\n    atto: \"deliberazione n. G/59\"\n    motivo: %s\n", first, q(g.phrase(20)))
	b.WriteString("aree:\n")
	for a := 1; a <= 6; a++ {
		fmt.Fprintf(&b, "  - codice: area-%d\n    nome: %s\n    unita:\n", a, q(fmt.Sprintf("Area %d - %s", a, g.phrase(3))))
		for u := 1; u <= 5; u++ {
			fmt.Fprintf(&b, "      - codice: u-%d-%d\n        nome: %s\n", a, u, q(g.phrase(3)+fmt.Sprintf(" %d.%d", a, u)))
		}
	}
	b.WriteString("linee:\n")
	for l := 1; l <= 5; l++ {
		fmt.Fprintf(&b, "  - codice: \"%d\"\n    nome: %s\n    obiettivi:\n", l, q(g.phrase(3)))
		for o := 1; o <= 6; o++ {
			fmt.Fprintf(&b, "      - codice: \"%d.%d\"\n        nome: %s\n", l, o, q(g.phrase(6)))
		}
	}
	g.file(dir+"piano.yaml", b.String())
	years := []int{first, first + 1, first + 2}
	for i := 0; i < sheets; i++ {
		if i < 5 {
			g.file(fmt.Sprintf("%sstrategici/linea-%d.yaml", dir, i+1), g.strategic(i+1, years))
		} else {
			g.file(fmt.Sprintf("%soperativi/obiettivo-%d.yaml", dir, i), g.operational(i, years))
		}
	}
}

func (g *synth) strategic(line int, years []int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "missioni:\n  - codice: \"0%d\"\n    nome: %s\n", 10+line, q(g.phrase(4)))
	fmt.Fprintf(&b, "programma:\n  codice: \"00%d\"\n  nome: %s\n", line, q(g.phrase(8)))
	fmt.Fprintf(&b, "linea: \"%d\"\nobiettivi_strategici: [\"%d.1\", \"%d.2\"]\ndescrizione: %s\npeso: 20%%\nrisorse:\n",
		line, line, line, q(g.phrase(40)))
	for _, y := range years {
		fmt.Fprintf(&b, "  %d: \"€ %d.000,00\"\n", y, 100+g.r.IntN(900))
	}
	g.indicators(&b, years)
	return b.String()
}

func (g *synth) operational(i int, years []int) string {
	var b strings.Builder
	a, line := i%6+1, i%5+1
	fmt.Fprintf(&b, "area: area-%d\nunita: u-%d-%d\nlinea: \"%d\"\nobiettivi_strategici: [\"%d.%d\"]\n",
		a, a, (i/6)%5+1, line, line, (i/5)%6+1)
	fmt.Fprintf(&b, "obiettivo_operativo: %s\npeso: 0,1%%\n", q(g.phrase(8)+" "+g.name())) // a unit's objectives may not pass 100%
	if i%3 == 0 {
		fmt.Fprintf(&b, "descrizione: %s\n", q(g.phrase(25)))
	}
	g.indicators(&b, years)
	return b.String()
}

var (
	synthWeights    = [][]string{{"100%"}, {"50%", "50%"}, {"40%", "30%", "30%"}}
	synthSources    = []string{"Interna", "Piattaforma MEF \"AreaRGS\" (ex PCC)", "Infocamere", "Registro Imprese", "Protocollo informatico"}
	synthMeasures   = []string{"Valore assoluto", "Percentuale", "Data", "SI/NO", "Giorni"}
	synthTypologies = []string{"Risultato (output)", "Realizzazione fisica", "Efficienza", "Efficacia", "Qualità", "Impatto (outcome)"}
)

// synthTarget writes a target in the form its unit of measure asks.
func synthTarget(measure string, n int) string {
	switch measure {
	case "Percentuale":
		return fmt.Sprintf("≥ %d%%", n)
	case "Data":
		return fmt.Sprintf("entro il %02d.06", n%30+1)
	}
	return fmt.Sprintf("≥ %d", n)
}

// indicators writes 1-3 indicators whose weights sum to 100%; one in five
// has a target changed by the revision.
func (g *synth) indicators(b *strings.Builder, years []int) {
	weights := synthWeights[g.r.IntN(3)]
	b.WriteString("indicatori:\n")
	for _, w := range weights {
		fmt.Fprintf(b, "  - descrizione: %s\n    algoritmo: %s\n    target:\n", q(g.phrase(12)), q(g.phrase(16))) // ids default to i1, i2, …
		revised := g.r.IntN(5) == 0
		var values [][2]int // current, earlier (or -1)
		for j := range years {
			if j == 0 && revised {
				values = append(values, [2]int{g.r.IntN(100), g.r.IntN(100)})
			} else {
				values = append(values, [2]int{g.r.IntN(100), -1})
			}
		}
		source, measure := synthSources[g.r.IntN(len(synthSources))], synthMeasures[g.r.IntN(len(synthMeasures))]
		typology := synthTypologies[g.r.IntN(len(synthTypologies))]
		for j, y := range years {
			if v := values[j]; v[1] >= 0 {
				fmt.Fprintf(b, "      %d: {valore: %q, precedente: %q, revisione: rev}\n", y, synthTarget(measure, v[0]), synthTarget(measure, v[1]))
			} else {
				fmt.Fprintf(b, "      %d: %q\n", y, synthTarget(measure, v[0]))
			}
		}
		fmt.Fprintf(b, "    peso: %s\n    fonte: %s\n    unita_misura: %s\n    tipologia: %s\n", w, q(source), q(measure), q(typology))
		if revised {
			fmt.Fprintf(b, "    note_revisione:\n      - revisione: rev\n        revisione_attuata: %s\n        causa: %s\n",
				q(g.phrase(8)), q(g.phrase(20)))
		}
	}
}

// benchQueries are typical first queries: common and rare words, two
// words, a prefix being typed, a code, and a filter.
var benchQueries = []scriptQuery{
	{Q: "pagamento"}, {Q: "tempo medio"}, {Q: "registro imprese"}, {Q: "digitale"},
	{Q: "imprese"}, {Q: "attività dell'Ente"}, {Q: "transizione ecologica"}, {Q: "com"},
	{Q: "pratiche sospese"}, {Q: "Lutenne"}, {Q: "4.2"}, {Q: "imprese", Filters: []string{"r"}},
	{Q: "servizi digitali per le imprese e comunicazione dell'ente"},
	{Q: "tempo", Filters: []string{"p_piao-2024-2026", "u_piao-2024-2026_u-3-2", "t_efficacia"}},
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sheets=%d", n), func(b *testing.B) { benchSearch(b, n) })
	}
}

func benchSearch(b *testing.B, n int) {
	model, ds := LoadAndCheck(synthSite(b, n))
	if ds.HasErrors() {
		b.Fatalf("the synthetic site has errors:\n%.2000s", ds.Error())
	}
	var out *searchOutput
	for b.Loop() {
		out = buildSearchIndex(model).encode()
	}
	b.StopTimer()
	root := b.TempDir()
	script, err := os.ReadFile("../themes/default/assets/js/search.js")
	if err != nil {
		b.Fatal(err)
	}
	if script, err = newMinifier().Bytes("application/javascript", script); err != nil {
		b.Fatal(err)
	}
	files := &Site{Files: map[string][]byte{"assets/js/search.js": script}}
	scriptBytes := len(files.Files["assets/js/search.js"])
	files.Files = mergeFiles(files.Files, out.Files)
	if err := writeTree(files, root); err != nil {
		b.Fatal(err)
	}
	var total int
	for _, data := range out.Files {
		total += len(data)
	}
	answers := runScript(b, root, filepath.Join(root, filepath.FromSlash(out.Dir)), benchQueries)
	var maxBytes int
	var maxMs float64
	for _, a := range answers {
		label := fmt.Sprintf("%q", a.Q)
		if len(a.Filters) > 0 {
			label += " filtri " + strings.Join(a.Filters, ",")
		}
		fmt.Printf("%s %-30s %6d results; first query: %3d files, %7d bytes; %6.2f ms\n",
			b.Name(), label, a.Total, a.Files, a.Bytes, a.Ms)
		maxBytes, maxMs = max(maxBytes, a.Bytes), max(maxMs, a.Ms)
	}
	b.ReportMetric(float64(len(model.Plans)), "plans")
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(len(out.Files)), "index-files")
	b.ReportMetric(float64(scriptBytes), "script-bytes")
	b.ReportMetric(float64(maxBytes), "max-first-query-bytes")
	b.ReportMetric(maxMs, "max-query-ms")
	if maxBytes > 150<<10 {
		b.Errorf("a first query downloads %d bytes, over the 150 KB budget", maxBytes)
	}
}

func mergeFiles(a, b map[string][]byte) map[string][]byte {
	for k, v := range b {
		a[k] = v
	}
	return a
}

// TestSynthSite: the generator makes a valid site whose long indexes are
// split into pages, all linked.
func TestSynthSite(t *testing.T) {
	site, ds := Build(Input{Site: synthSite(t, 200), Themes: piao.Themes, Minify: false})
	if site == nil {
		t.Fatalf("synthetic site:\n%.2000s", ds.Error())
	}
	az := site.Files["piao-2024-2026/indici/indicatori/index.html"]
	if az == nil {
		t.Fatal("no A-Z index")
	}
	parts := regexp.MustCompile(`href="([a-z0-9-]+/index.html)"`).FindAllSubmatch(az, -1)
	if len(parts) < 5 {
		t.Fatalf("the A-Z index of %d sheets links %d part pages", 200, len(parts))
	}
	links := 0
	for _, m := range parts {
		p := path.Join("piao-2024-2026/indici/indicatori", string(m[1]))
		page, ok := site.Files[p]
		if !ok {
			t.Errorf("part %s not built", p)
		}
		links += strings.Count(string(page), "#ind-")
	}
	var indicators int
	for _, s := range site.Model.Plans[0].Sheets() {
		indicators += len(s.Indicatori)
	}
	if indicators <= splitOver || links != indicators {
		t.Errorf("A-Z parts link %d indicators, want all %d", links, indicators)
	}
}
