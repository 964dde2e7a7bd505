package builder

import (
	"encoding/json"
	"html"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
	"go.yaml.in/yaml/v3"
)

// The performance cycle, on the example plan (f) of testdata/plans: a
// Comune's PIAO (percentage weights), PEG (coefficients) and performance
// plan (no weights), each with its monitoring, revision, results and
// Relazione.

// csvPercent reads a percentage of the open data: "87,5%".
func csvPercent(s string) (float64, bool) { return plan.ParsePercent(s) }

// csvWeight reads a weight of the open data as the plan writes it.
func csvWeight(p *plan.Plan, s string) (float64, bool) {
	if p.Coefficients() {
		return plan.ParseCoefficient(s)
	}
	return plan.Percent(s)
}

// TestCycleFiguresFromCSV recomputes every figure that raggiungimento.csv
// says piao computed ("calcolato") from the open data alone: an
// objective's from its indicators' weights and achievements in
// risultati.csv, a unit's, an area's and a line's from their objectives'
// rows; and checks that no figure is missing where every part has what it
// takes, and that every figure a page shows as computed is one of them.
func TestCycleFiguresFromCSV(t *testing.T) {
	site := buildPlan(t, "f-ciclo")
	computed := 0
	for _, p := range site.Model.Plans {
		dir := slug(p.Slug) + "/dati/"
		if !p.Weighted() {
			if _, ok := site.Files[dir+"raggiungimento.csv"]; ok {
				t.Errorf("%s has no weights, and still raggiungimento.csv", p.Slug)
			}
			continue
		}
		_, results := readCSV(t, site, dir+"risultati.csv")
		_, figures := readCSV(t, site, dir+"raggiungimento.csv")
		shown := map[string]bool{}
		for _, f := range figures {
			terms := figureTerms(f, results, figures)
			what := p.Slug + " " + f["anno"] + " " + f["livello"] + " " + f["chiave"]
			got, sum, complete := weightedMean(p, terms)
			whole := f["livello"] != "unita" || p.Coefficients() || math.Abs(sum-100) < 0.01
			switch want, ok := csvPercent(f["raggiungimento"]); {
			case f["origine"] == "calcolato" && !ok:
				t.Errorf("%s: calcolato, but %q is no percentage", what, f["raggiungimento"])
			case f["origine"] == "calcolato" && (!complete || !whole):
				t.Errorf("%s: calcolato from parts that do not all state a weight and a percentage: %v", what, terms)
			case f["origine"] == "calcolato" && math.Abs(got-want) > 0.05:
				t.Errorf("%s: %s, but the open data give %.3f%% (%v)", what, f["raggiungimento"], got, terms)
			case f["origine"] == "calcolato":
				computed++
				shown[f["raggiungimento"]] = true
			case f["origine"] == "" && complete && whole && len(terms) > 0:
				t.Errorf("%s: no figure, though every part states a weight and a percentage: %v", what, terms)
			case f["origine"] == "" && f["nota"] == "":
				t.Errorf("%s: no figure, and no note saying why", what)
			}
		}
		for name, b := range site.Files {
			if !strings.HasPrefix(name, slug(p.Slug)+"/") || path.Ext(name) != ".html" {
				continue
			}
			for _, m := range computedOnPage.FindAllStringSubmatch(string(b), -1) {
				if v := html.UnescapeString(m[1]); !shown[v] {
					t.Errorf("%s shows %s as computed, which raggiungimento.csv does not give", name, v)
				}
			}
		}
	}
	if computed < 12 {
		t.Errorf("only %d computed figures recomputed", computed)
	}
	t.Logf("%d computed figures recomputed from the open data", computed)
}

var computedOnPage = regexp.MustCompile(`<strong class="figure-value">([^<]+)</strong> <span class="badge computed">`)

// figureTerms are the [weight, achievement] of the parts of a figure, as
// the open data give them.
func figureTerms(f map[string]string, results, figures []map[string]string) [][2]string {
	var out [][2]string
	add := func(rows []map[string]string, match func(map[string]string) bool) {
		for _, r := range rows {
			if r["anno"] == f["anno"] && match(r) {
				out = append(out, [2]string{r["peso"], r["raggiungimento"]})
			}
		}
	}
	objective := func(key, kind string) func(map[string]string) bool {
		return func(r map[string]string) bool {
			return r["livello"] == "obiettivo" && r[f["livello"]] == f["chiave"] && (kind == "" || r["tipo_scheda"] == kind)
		}
	}
	switch f["livello"] {
	case "obiettivo":
		add(results, func(r map[string]string) bool {
			return r["scheda"] == f["chiave"] && r["in_vigore"] == "si" && r["indicatore"] != ""
		})
	case "unita", "area":
		add(figures, objective(f["livello"], ""))
	case "linea":
		add(figures, objective("linea", "strategica"))
		if len(out) == 0 {
			add(figures, objective("linea", "operativa"))
		}
	}
	return out
}

// weightedMean is Σ weight × achievement / Σ weights; complete is false
// when a part lacks a weight or a percentage.
func weightedMean(p *plan.Plan, terms [][2]string) (mean, sum float64, complete bool) {
	weighted := 0.0
	complete = true
	for _, t := range terms {
		w, okW := csvWeight(p, t[0])
		a, okA := csvPercent(t[1])
		complete = complete && okW && okA
		sum += w
		weighted += w * a
	}
	if sum == 0 {
		return 0, 0, false
	}
	return weighted / sum, sum, complete
}

// TestCycleOnlyWhereStated: the plan without weights has no computed
// figure in any page or file, and the example site, whose act states no
// monitoring and no results, has no page, file, key or column of the cycle.
func TestCycleOnlyWhereStated(t *testing.T) {
	site := buildPlan(t, "f-ciclo")
	checked := 0
	for name, b := range site.Files {
		if !strings.HasPrefix(name, "performance-2023/") {
			continue
		}
		checked++
		for _, word := range []string{"calcolat", `"raggiungimento": {`, "raggiungimento.csv", `"percentuale":`} {
			if strings.Contains(string(b), word) {
				t.Errorf("%s (a plan without weights) says %q", name, word)
			}
		}
	}
	if checked < 15 {
		t.Fatalf("only %d files of performance-2023", checked)
	}
	example := buildExample(t, false)
	for name, b := range example.Files {
		if strings.Contains(name, "relazione") || strings.Contains(name, "risultati") || strings.Contains(name, "monitoraggio") ||
			strings.Contains(name, "raggiungimento") || strings.Contains(name, "esiti-") {
			t.Errorf("the example site has %s", name)
		}
		for _, word := range []string{"Relazione sulla", `"risultati"`, `"monitoraggio"`, "cerca-esito"} {
			if strings.Contains(string(b), word) && !strings.HasPrefix(name, "schema/") {
				t.Errorf("the example site's %s says %q", name, word)
			}
		}
	}
}

// TestCyclePages: what a citizen and the OIV read, page by page.
func TestCyclePages(t *testing.T) {
	site := buildPlan(t, "f-ciclo")
	text := func(p string) string {
		b, ok := site.Files[p]
		if !ok {
			t.Fatalf("%s not built", p)
		}
		return strings.Join(strings.Fields(html.UnescapeString(htmlText(string(b)))), " ")
	}
	for p, wants := range map[string][]string{
		// the section as ANAC checks it, and the Relazioni of every plan
		"amministrazione-trasparente/performance/index.html": {"Piano della Performance", "Relazione sulla Performance"},
		"amministrazione-trasparente/performance/relazione-sulla-performance/index.html": {"Relazione sulla performance 2025",
			"Relazione sulla performance 2024", "Relazione sulla performance 2023", "validata dall'OIV il 29 giugno 2026"},
		// the Relazione: its acts, outcomes, computed figures, what was not reached and why
		"piao-2025-2027/relazione-2025/index.html": {"deliberazione della Giunta comunale n. 61 del 18 giugno 2026",
			"documento di validazione dell'OIV n. 2/2026 del 29 giugno 2026", "Documento di validazione",
			"Raggiunti", "Non ancora rilevati", "Servizio ragioneria", "96,4%", "calcolato", "Come è calcolato",
			"Σ (peso × raggiungimento) / Σ pesi = 9640 / 100 = 96,4%", "non calcolabile",
			"la squadra esterna è stata impegnata", "€ 420.000,00", "Risorse stanziate per linea strategica e anno"},
		"peg-2024/relazione-2024/index.html": {"Raggiungimento per settore", "Σ (coefficiente × raggiungimento) / Σ coefficienti = 230 / 2,5 = 92%"},
		// target and result side by side, the state in words and signs, the monitoring and the revision that followed it
		"piao-2025-2027/operativi/formazione/index.html": {"Indicatore 1: target e risultati", "raggiunto in parte",
			"non ancora rilevato", "Ultimo monitoraggio (30 giugno 2025): − in ritardo",
			"ridurre il target del 2025 a 12 ore – accolta con la revisione del 28 luglio 2025",
			"Raggiungimento dell'obiettivo nel 2025: 70%"},
		"piao-2025-2027/operativi/strade/index.html": {"Monitoraggio dell'obiettivo", "− in ritardo",
			"Raggiungimento nel 2025 non calcolabile: l'indicatore 2 non ha un raggiungimento in percentuale."},
		"piao-2025-2027/revisioni/index.html":         {"Proposte del monitoraggio accolte", "Ore di formazione per dipendente", "rinviare al 2026 i lavori della via Vecchia"},
		"piao-2025-2027/unita/ragioneria/index.html":  {"Risultati 2025", "Raggiungimento nel 2025: 96,4%"},
		"piao-2025-2027/indici/esiti-2025/index.html": {"Per esito 2025", "Raggiunti in parte", "risultato: 85% (80%)"},
		"performance-2023/relazione-2023/index.html":  {"Biblioteca aperta la sera", "il bando per il personale serale è stato annullato"},
		"cerca/index.html":                            {"Esito", "2025: Raggiunti", "2024: Raggiunti in parte", "2023: Non raggiunti"},
		"index.html":                                  {"Relazione sulla Performance"},
	} {
		got := text(p)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s does not say %q", p, w)
			}
		}
	}
	ids := regexp.MustCompile(`\sid="([^"]+)"`)
	for name, b := range site.Files {
		seen := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(string(b), -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", name, m[1])
			}
			seen[m[1]] = true
		}
	}
	// The "as approved" page shows the sheet as approved: no results.
	if got := text("piao-2025-2027/operativi/formazione/originale/index.html"); strings.Contains(got, "Monitoraggio") || strings.Contains(got, "raggiunto") {
		t.Error("the as-approved page shows the cycle")
	}
}

// TestCycleOpenData: risultati.csv and monitoraggio.csv give every result
// and entry of the content, scheda.json the same, and the Relazione is in
// piano.json.
func TestCycleOpenData(t *testing.T) {
	site := buildPlan(t, "f-ciclo")
	_, results := readCSV(t, site, "piao-2025-2027/dati/risultati.csv")
	_, entries := readCSV(t, site, "piao-2025-2027/dati/monitoraggio.csv")
	p := site.Model.Plans[0]
	nResults, nEntries := 0, 0
	for _, s := range p.Sheets() {
		var sheet sheetJSONOut
		if err := json.Unmarshal(site.Files[sheetDataPath(s)], &sheet); err != nil {
			t.Fatal(err)
		}
		for i, ind := range s.Indicators() {
			for _, r := range ind.Risultati {
				nResults++
				row := findRow(results, map[string]string{"scheda": s.Slug, "indicatore": ind.ID.S, "anno": r.Anno})
				if row == nil || row["valore"] != neutralise(r.Valore.S) || row["raggiungimento"] != r.Raggiungimento.S || row["esito"] != r.Outcome().Key() {
					t.Errorf("%s %s %s: risultati.csv has %v", s.Slug, ind.ID.S, r.Anno, row)
				}
				if got := sheet.Indicatori[i].Risultati[r.Anno]; got.Raggiungimento != r.Raggiungimento.S || got.Esito != r.Outcome().Key() {
					t.Errorf("%s %s %s: scheda.json has %+v", s.Slug, ind.ID.S, r.Anno, got)
				}
			}
			for _, m := range ind.Monitoraggio {
				nEntries++
				row := findRow(entries, map[string]string{"scheda": s.Slug, "indicatore": ind.ID.S, "data": m.Data.S})
				if row == nil || row["andamento"] != m.Progress().Key() || row["revisione"] != m.Revisione.S || !strings.Contains(row["pagina"], "#"+IndicatorAnchor(ind)+"-monitoraggio-") {
					t.Errorf("%s %s %s: monitoraggio.csv has %v", s.Slug, ind.ID.S, m.Data.S, row)
				}
			}
			if len(sheet.Indicatori[i].Monitoraggio) != len(ind.Monitoraggio) {
				t.Errorf("%s %s: scheda.json has %d monitoring entries, want %d", s.Slug, ind.ID.S, len(sheet.Indicatori[i].Monitoraggio), len(ind.Monitoraggio))
			}
		}
		nEntries += len(s.Monitoraggio)
	}
	if nResults < 8 || nEntries != len(entries) {
		t.Errorf("%d results, %d monitoring entries in the content, %d rows in monitoraggio.csv", nResults, nEntries, len(entries))
	}
	var pj struct {
		Relazioni      []reportData      `json:"relazioni"`
		Raggiungimento []levelFigureData `json:"raggiungimento"`
	}
	if err := json.Unmarshal(site.Files["piao-2025-2027/dati/piano.json"], &pj); err != nil {
		t.Fatal(err)
	}
	if len(pj.Relazioni) != 1 || pj.Relazioni[0].Validazione == nil || pj.Relazioni[0].Validazione.Data != "2026-06-29" ||
		!slices.ContainsFunc(pj.Raggiungimento, func(f levelFigureData) bool { return f.Chiave == "ragioneria" && f.Raggiungimento == "96,4%" }) {
		t.Errorf("piano.json: relazioni %+v, raggiungimento %+v", pj.Relazioni, pj.Raggiungimento)
	}
}

// sheetJSONOut reads back the cycle's keys of a scheda.json.
type sheetJSONOut struct {
	Indicatori []struct {
		Risultati    map[string]resultData `json:"risultati"`
		Monitoraggio []monitoringData      `json:"monitoraggio"`
	} `json:"indicatori"`
}

// TestCycleCharts: every chart of the Relazioni is a static SVG of at most
// 20 KB, named by its title and described by its description, with no
// script, style or link that could make a request, and every value its
// bars write is in the table beside it.
func TestCycleCharts(t *testing.T) {
	site := buildPlan(t, "f-ciclo")
	charts := 0
	for name, b := range site.Files {
		if !strings.Contains(name, "/relazione-") {
			continue
		}
		page := string(b)
		for _, loc := range svgRE.FindAllStringIndex(page, -1) {
			charts++
			svg := page[loc[0]:loc[1]]
			if len(svg) > 20<<10 {
				t.Errorf("%s: a chart of %d bytes", name, len(svg))
			}
			m := labelledRE.FindStringSubmatch(svg)
			if m == nil || !strings.Contains(svg, `<title id="`+m[1]+`">`) || !strings.Contains(svg, `<desc id="`+m[2]+`">`) {
				t.Errorf("%s: a chart not named by its title and description: %.120s", name, svg)
			}
			for _, bad := range []string{"href", "<script", "style=", "http", "<image", "<use"} {
				if strings.Contains(svg, bad) {
					t.Errorf("%s: a chart holds %q", name, bad)
				}
			}
			rest := page[loc[1]:]
			table := rest[:strings.Index(rest, "<h2")] // the table beside, up to the next section
			for _, v := range valueRE.FindAllStringSubmatch(svg, -1) {
				value := html.UnescapeString(v[1])
				if _, amount, ok := strings.Cut(value, ": "); ok { // "2025: € 180.000,00"
					value = amount
				}
				if !strings.Contains(html.UnescapeString(table), value) {
					t.Errorf("%s: the chart writes %q, the table beside it does not", name, value)
				}
			}
		}
	}
	if charts < 8 {
		t.Errorf("%d charts in the Relazioni", charts)
	}
	items := make([]chartItem, maxBars+1)
	if c := barChart("x", "t", "d", items, 1, nil, nil, 1); c == nil || len(c.Bars) > 0 {
		t.Errorf("a chart of %d bars is drawn; its table alone should be", len(items))
	}
}

var (
	svgRE      = regexp.MustCompile(`(?s)<svg class="chart-svg".*?</svg>`)
	labelledRE = regexp.MustCompile(`^<svg[^>]*role="img"[^>]*aria-labelledby="(\S+) (\S+)"`)
	valueRE    = regexp.MustCompile(`<text class="chart-value"[^>]*>([^<]*)</text>`)
)

// TestCycleArchive: a snapshot of the plan taken before its Relazione
// (monitoring and revision, no results) never changes once the results
// and the Relazione are published; one taken after carries them: the
// Relazione's page with its charts, the results in the open data.
func TestCycleArchive(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sito")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "plans", "f-ciclo"))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "golden")); err != nil {
		t.Fatal(err)
	}
	planDir := filepath.Join(dir, "content", "piao-2025-2027")
	original := map[string][]byte{}
	err := filepath.WalkDir(planDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil {
			original[p] = b
			err = os.WriteFile(p, withoutKeys(t, b, "relazione", "risultati"), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	before, err := archive(t, dir, SnapshotOptions{Plan: "piao-2025-2027", Name: "prima"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"piao-2025-2027/relazione-2025/index.html", "piao-2025-2027/dati/risultati.csv"} {
		if _, ok := before.Files[f]; ok {
			t.Errorf("the snapshot before the Relazione has %s", f)
		}
	}
	if _, ok := before.Files["piao-2025-2027/dati/monitoraggio.csv"]; !ok {
		t.Error("the snapshot before the Relazione lacks the monitoring")
	}
	root := filepath.Join(dir, "archive", "prima")
	hashes := treeHashes(t, root)
	for p, b := range original { // the results and the Relazione are published
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
	if site == nil {
		t.Fatal(ds.Error())
	}
	if err := Publish(site, filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "the snapshot before, after the Relazione", hashes, treeHashes(t, root))
	sameTree(t, "its published copy", hashes, treeHashes(t, filepath.Join(dir, "public", "archivio", "prima")))
	after, err := archive(t, dir, SnapshotOptions{Plan: "piao-2025-2027"})
	if err != nil {
		t.Fatal(err)
	}
	if after.Meta.Data != "2026-06-29" {
		t.Errorf("the snapshot after is dated %s, want the OIV's validation (2026-06-29)", after.Meta.Data)
	}
	page := string(after.Files["piao-2025-2027/relazione-2025/index.html"])
	if !strings.Contains(page, `<svg class="chart-svg"`) || !strings.Contains(page, "Versione archiviata") {
		t.Error("the snapshot after the Relazione lacks its page, its charts or its banner")
	}
	for _, f := range []string{"piao-2025-2027/dati/risultati.csv", "piao-2025-2027/dati/raggiungimento.csv"} {
		if len(after.Files[f]) == 0 {
			t.Errorf("the snapshot after the Relazione lacks %s", f)
		}
	}
}

// withoutKeys removes the given keys, at any depth, from a YAML file.
func withoutKeys(t *testing.T, b []byte, keys ...string) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var strip func(n *yaml.Node)
	strip = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			var kept []*yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if !slices.Contains(keys, n.Content[i].Value) {
					kept = append(kept, n.Content[i], n.Content[i+1])
				}
			}
			n.Content = kept
		}
		for _, c := range n.Content {
			strip(c)
		}
	}
	strip(&doc)
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSearchOutcomeFilter: the "Esito" filter of the search page finds
// the indicators with that outcome in that year, and the search script
// answers with it exactly as the Go searcher does.
func TestSearchOutcomeFilter(t *testing.T) {
	in := Input{Site: os.DirFS(filepath.Join("testdata", "plans", "f-ciclo")), Themes: piao.Themes, Minify: true}
	site, ds := Build(in)
	if site == nil {
		t.Fatal(ds.Error())
	}
	ix := buildSearchIndex(site.Model, italian(t))
	urls := func(facet string) []string {
		var out []string
		for _, id := range ix.facets[facet] {
			out = append(out, ix.docs[id].URL)
		}
		return out
	}
	for facet, want := range map[string][]string{
		"e_2025_parziale": {"piao-2025-2027/strategici/linea-1/index.html#ind-i2", "piao-2025-2027/operativi/formazione/index.html#ind-ore",
			"piao-2025-2027/operativi/pagamenti/index.html#ind-registrazione"},
		"e_2025_non_raggiunto": {"piao-2025-2027/operativi/strade/index.html#ind-segnalazioni"},
		"e_2025_non_rilevato":  {"piao-2025-2027/strategici/linea-2/index.html#ind-i1"},
		"e_2023_non_rilevato":  {"performance-2023/operativi/biblioteca/index.html#ind-i2"},
		"e_2024_raggiunto":     {"peg-2024/operativi/economato/index.html#ind-i1", "peg-2024/operativi/tributi/index.html#ind-i1"},
	} {
		got := urls(facet)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", facet, got, want)
		}
	}
	options := outcomeOptions(site.Model, italian(t))
	if len(options) < 10 {
		t.Fatalf("%d options of the Esito filter", len(options))
	}
	root := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, root); err != nil {
		t.Fatal(err)
	}
	var queries []scriptQuery
	for _, o := range options {
		if len(ix.facets[o.Value]) == 0 {
			t.Errorf("the option %q finds nothing", o.Label)
		}
		for _, q := range []string{"", "fatture", "formazione corsi", "raggiunto", "ritardo", "annullati"} {
			queries = append(queries, scriptQuery{Q: q, Filters: []string{o.Value}, All: true})
		}
	}
	queries = append(queries, scriptQuery{Q: "deserta", All: true}, scriptQuery{Q: "alluvione", All: true})
	answers := runScript(t, root, filepath.Join(root, filepath.FromSlash(ix.encode().Dir)), queries)
	g := newGoSearcher(ix)
	for i, q := range queries {
		want := g.search(q.Q, q.Filters)
		if !slices.Equal(answers[i].IDs, want.ids) {
			t.Errorf("%+v: JavaScript %v, Go %v", q, answers[i].IDs, want.ids)
		}
	}
	if ids := g.search("alluvione", nil).ids; len(ids) == 0 {
		t.Error("a result's note is not searched")
	}
}

// TestCycleCSVColumnsDocumented: the columns of the cycle's CSV files of a
// plan with every level are those docs/open-data.md lists, in order.
func TestCycleCSVColumnsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/open-data.md")
	if err != nil {
		t.Fatal(err)
	}
	site := buildPlan(t, "f-ciclo")
	col := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|")
	for _, file := range []string{"risultati.csv", "raggiungimento.csv", "monitoraggio.csv"} {
		_, section, ok := strings.Cut(string(doc), "### "+file)
		if !ok {
			t.Errorf("docs/open-data.md has no section ### %s", file)
			continue
		}
		section, _, _ = strings.Cut(section, "\n#")
		var want []string
		for _, m := range col.FindAllStringSubmatch(section, -1) {
			want = append(want, m[1])
		}
		header, _ := readCSV(t, site, "piao-2025-2027/dati/"+file)
		if strings.Join(header, ",") != strings.Join(want, ",") {
			t.Errorf("%s columns\n got %v\nwant %v (docs/open-data.md)", file, header, want)
		}
	}
}
