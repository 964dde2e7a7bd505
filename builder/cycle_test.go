package builder

import (
	"html"
	"math"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
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
		if !p.Computes() {
			if _, ok := site.Files[dir+"raggiungimento.csv"]; ok {
				t.Errorf("%s computes nothing, and still raggiungimento.csv", p.Slug)
			}
			continue
		}
		_, results := readCSV(t, site, dir+"risultati.csv")
		_, figures := readCSV(t, site, dir+"raggiungimento.csv")
		shown := map[string]bool{}
		for _, f := range figures {
			terms, units := figureTerms(f, results, figures)
			what := p.Slug + " " + f["anno"] + " " + f["livello"] + " " + f["chiave"]
			got, sum, complete := weightedMean(p, terms)
			// A unit's percentages sum to 100%; an area's figure is its
			// one unit's: no act weighs units within their area.
			whole := f["livello"] != "unita" && f["livello"] != "area" || p.Coefficients() || math.Abs(sum-100) < 0.01
			whole = whole && (f["livello"] != "area" || units == 1)
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
// the open data give them, and how many units those parts are of.
func figureTerms(f map[string]string, results, figures []map[string]string) ([][2]string, int) {
	var out [][2]string
	units := map[string]bool{}
	add := func(rows []map[string]string, match func(map[string]string) bool) {
		for _, r := range rows {
			if r["anno"] == f["anno"] && match(r) {
				out = append(out, [2]string{r["peso"], r["raggiungimento"]})
				units[r["unita"]] = true
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
	}
	return out, len(units)
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
	// Of the two Relazioni with figures: outcomes, units, lines, resources
	// (no area chart: the example's areas hold several units each).
	if charts < 7 {
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
