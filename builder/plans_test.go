package builder

import (
	"bytes"
	"html/template"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// The example plans of testdata/plans, each written from the description
// of a kind of real document: (a) a PIAO as the example's, (b) a health
// agency's performance plan, (c) a Comune's PEG, (d) a mid-cycle
// assestamento, (e) a national three-year plan, (f) the whole performance
// cycle of a Comune in a plan of each kind of weight, (g) a Comune of the
// Provincia di Bolzano that publishes in Italian and German. plansGolden
// lists the pages of each kept as golden copies
// (testdata/plans/NAME/golden/).
var plansGolden = map[string][]string{
	"a-piao": {"index.html", "piao-2025-2027/index.html", "piao-2025-2027/operativi/registro/index.html",
		"piao-2025-2027/strategici/linea-1/index.html", "piao-2025-2027/revisioni/index.html"},
	"b-asl": {"index.html", "performance-2016-2018/index.html", "performance-2016-2018/operativi/coperture/index.html",
		"performance-2016-2018/linee/a/index.html", "performance-2016-2018/indici/index.html"},
	"c-peg": {"index.html", "peg-2016/index.html", "peg-2016/operativi/sg3-b/index.html", "peg-2016/operativi/sg4/index.html",
		"peg-2016/unita/sg/index.html", "peg-2016/indici/index.html"},
	"d-assestamento": {"index.html", "performance-2024-2026/index.html", "performance-2024-2026/revisioni/index.html",
		"performance-2024-2026/operativi/ponti/index.html", "performance-2024-2026/operativi/scuole/index.html",
		"performance-2024-2026/operativi/manutenzione/originale/index.html", "performance-2024-2026/unita/edilizia/index.html"},
	"e-nazionale": {"index.html", "piano-2024-2026/index.html", "piano-2024-2026/operativi/ra-4-2b/index.html",
		"piano-2024-2026/indici/obiettivi/index.html", "cerca/index.html"},
	// (f) the whole cycle, in a plan of each kind of weight (cycle_test.go)
	"f-ciclo": {"index.html", "cerca/index.html", "amministrazione-trasparente/performance/index.html",
		"amministrazione-trasparente/performance/relazione-sulla-performance/index.html",
		"piao-2025-2027/index.html", "piao-2025-2027/relazione-2025/index.html", "piao-2025-2027/revisioni/index.html",
		"piao-2025-2027/operativi/formazione/index.html", "piao-2025-2027/operativi/strade/index.html",
		"piao-2025-2027/unita/ragioneria/index.html", "piao-2025-2027/aree/a1/index.html", "piao-2025-2027/linee/1/index.html",
		"piao-2025-2027/indici/esiti-2025/index.html",
		"peg-2024/relazione-2024/index.html", "peg-2024/operativi/tributi/index.html", "peg-2024/unita/sf/index.html",
		"performance-2023/relazione-2023/index.html", "performance-2023/operativi/anagrafe/index.html",
		"performance-2023/linee/a/index.html"},
	// (g) Italian and German (langs_test.go)
	"g-bilingue": {"index.html", "it/index.html", "de/index.html",
		"it/piao-2025-2027/operativi/pagamenti/index.html", "de/piao-2025-2027/operativi/pagamenti/index.html",
		"it/piao-2025-2027/operativi/sportello/index.html", "de/piao-2025-2027/operativi/sportello/index.html",
		"it/piao-2025-2027/revisioni/index.html", "de/piao-2025-2027/revisioni/index.html",
		"de/piao-2025-2027/index.html", "de/cerca/index.html", "de/dati-aperti/index.html",
		"it/piao-2025-2027/dati/piano.json", "it/piao-2025-2027/dati/indicatori.csv", "de/revisioni.xml"},
}

// buildPlan builds one example plan, which must have no finding at all.
func buildPlan(t *testing.T, name string) *Site {
	t.Helper()
	in := Input{Site: os.DirFS(filepath.Join("testdata", "plans", name)), Themes: piao.Themes}
	if ds := Check(in); len(ds) > 0 {
		t.Fatalf("%s: piao check finds:\n%s", name, ds.Error())
	}
	site, ds := Build(in)
	if site == nil || len(ds) > 0 {
		t.Fatalf("%s: build:\n%s", name, ds.Error())
	}
	return site
}

// TestPlanExamples: each example plan builds with no error and no warning,
// and its golden pages are as kept (-update rewrites them).
func TestPlanExamples(t *testing.T) {
	for name, pages := range plansGolden {
		t.Run(name, func(t *testing.T) {
			site := buildPlan(t, name)
			for _, p := range pages {
				got, ok := site.Files[p]
				if !ok {
					t.Errorf("page %s not built", p)
					continue
				}
				golden := filepath.Join("testdata", "plans", name, "golden", filepath.FromSlash(p))
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Errorf("%v (run make golden)", err)
				} else if !bytes.Equal(got, want) {
					_ = os.WriteFile(golden+".have", got, 0o644)
					t.Errorf("%s differs from its golden copy: compare %s.have", p, golden)
				}
			}
		})
	}
}

var (
	dayOfMonth = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\b`)
	// levelNames are the usual names of each level, which a plan that
	// lacks the level, or names it otherwise, must never show.
	levelNames = map[string]*regexp.Regexp{
		"area":                 regexp.MustCompile(`(?i)\barea organizzativa|\baree organizzative|\bper area\b|\btutte le aree\b`),
		"unita":                regexp.MustCompile(`(?i)unità organizzativ[ae]|\bdell'unità\b|\btutte le unità\b`),
		"linea":                regexp.MustCompile(`(?i)\blinea strategica\b|\blinee strategiche\b|\blinea\b`),
		"obiettivo_strategico": regexp.MustCompile(`(?i)\bobiettiv[oi] strategic[oi]\b`),
		"obiettivo_operativo":  regexp.MustCompile(`(?i)\bobiettiv[oi] operativ[oi]\b`),
	}
)

// TestPlansInventNothing: no page, CSV, JSON, feed or catalogue of the
// plans without percentage weights, days of the month or the PIAO's shape
// says what their act does not: a weight as a percentage, a day of the
// month, "PIAO", the usual name of a level the plan lacks or names
// otherwise (in what a reader is shown), or a column or key for a level
// the plan lacks (in the data).
func TestPlansInventNothing(t *testing.T) {
	for name, c := range map[string]struct{ named, keys []string }{
		// b calls its lines "Area", and has no units; c has sectors and
		// objectives only; e has objectives and expected results only.
		"b-asl":       {[]string{"unita", "linea", "obiettivo_strategico", "obiettivo_operativo"}, []string{"area", "unita"}},
		"c-peg":       {[]string{"area", "unita", "linea", "obiettivo_strategico", "obiettivo_operativo"}, []string{"area", "linea", "obiettivi_strategici"}},
		"e-nazionale": {[]string{"area", "unita", "linea", "obiettivo_strategico", "obiettivo_operativo"}, []string{"area", "unita", "linea"}},
	} {
		t.Run(name, func(t *testing.T) {
			site := buildPlan(t, name)
			checked := 0
			for p, b := range site.Files {
				ext := path.Ext(p)
				switch {
				case strings.HasPrefix(p, "schema/"), strings.HasPrefix(p, "assets/"):
					continue // the content format and the theme: the same for every site
				case !strings.Contains(".html.csv.json.jsonld.ttl.xml", ext):
					continue
				}
				checked++
				text := string(b)
				if ext == ".html" {
					// the search page's hint gives "30 giugno" as an example of what to type
					text = strings.ReplaceAll(htmlText(text), htmlEscaped(italian(t).T("search.help")), "")
				}
				for what, re := range map[string]*regexp.Regexp{
					"a percentage": regexp.MustCompile(`%`), "a day of the month": dayOfMonth,
					"the PIAO": regexp.MustCompile(`\bPIAO\b|Piano Integrato`),
				} {
					if m := re.FindString(text); m != "" {
						t.Errorf("%s says %s: %q", p, what, m)
					}
				}
				if ext == ".csv" || ext == ".json" {
					for _, key := range c.keys {
						if regexp.MustCompile(`"` + key + `":|(^|,)` + key + `(,|\r?$)`).MatchString(firstLineIfCSV(p, text)) {
							t.Errorf("%s has a column or key %q, a level the plan lacks", p, key)
						}
					}
					continue
				}
				for _, level := range c.named {
					if m := levelNames[level].FindString(text); m != "" {
						t.Errorf("%s names the level %s, which the plan lacks or names otherwise: %q", p, level, m)
					}
				}
			}
			if checked < 20 {
				t.Fatalf("only %d files checked", checked)
			}
			if _, ok := site.Files["revisioni.xml"]; ok {
				t.Errorf("revisioni.xml written, though no date of the plan names its day")
			}
		})
	}
}

// htmlEscaped is s as a page writes it.
func htmlEscaped(s string) string { return string(template.HTMLEscaper(s)) }

// firstLineIfCSV is a CSV file's header, or the whole of any other file.
func firstLineIfCSV(name, text string) string {
	if path.Ext(name) != ".csv" {
		return text
	}
	header, _, _ := strings.Cut(strings.TrimPrefix(text, utf8BOM), "\n")
	return header
}

var (
	tagRE    = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	attrText = regexp.MustCompile(`\s(?:aria-label|title|alt|data-label|data-parole)="([^"]*)"`)
)

// htmlText is what a reader is shown of a page: its text, and the
// attributes read aloud or shown; not the names of its files and classes.
func htmlText(s string) string {
	var b strings.Builder
	for _, m := range attrText.FindAllStringSubmatch(s, -1) {
		b.WriteString(m[1] + "\n")
	}
	b.WriteString(tagRE.ReplaceAllString(s, " "))
	return b.String()
}
