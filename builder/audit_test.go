package builder

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// auditPage names one page of the built site that the suite audits: the
// first page of Kind, in path order, whose path contains Match. Query is
// added to its URL (a search with results, say). One line per kind of page,
// more for a kind's variants.
type auditPage struct {
	Kind  string
	Match string
	Query string
	Ready string // a CSS selector to wait for before auditing (search results)
	// Site is "bilingue" for a page of the bilingual example (under
	// bilingualDir), "" for the example's.
	Site string
}

var auditPages = []auditPage{
	{Kind: "home"},
	{Kind: "section"},
	{Kind: "plan"},
	{Kind: "sheet", Match: "/strategici/"},
	{Kind: "sheet", Match: "/operativi/registro-imprese/index.html"},       // revised values
	{Kind: "sheet", Match: "/operativi/metrologia-convenzioni/index.html"}, // a removed indicator
	{Kind: "sheet", Match: "/originale/"},                                  // as first approved
	{Kind: "unit"},
	{Kind: "area"},
	{Kind: "line"},
	{Kind: "revisions"},
	{Kind: "search", Query: "?q=pagamenti", Ready: ".results li a"}, // with results
	{Kind: "indexes"},
	{Kind: "listing", Match: "/indici/unita/"},
	{Kind: "listing", Match: "/indici/revisione-"},
	{Kind: "opendata"},
	{Kind: "glossary"},
	{Kind: "archive"},
	{Kind: "snapshot"}, // the landing page of an archived snapshot
	{Kind: "snapshot", Match: "/operativi/registro-imprese/index.html"}, // an archived sheet, with its banner
	{Kind: "narrative", Match: "/sezioni/dispositivo/"},                 // a section: a table, a footnote, links to sheets
	{Kind: "narrative", Match: "/sezioni/premesse/"},
	{Kind: "fullplan"}, // the whole plan on one page
	{Kind: "revision"}, // a revision's summary and table of changes
	{Kind: "snapshot", Match: "/sezioni/premesse/index.html"}, // an archived section
	// The performance cycle, in the plan (f) the suite adds under ciclo/ (browser_test.go).
	{Kind: "reports", Match: "/" + cycleDir + "/"},
	{Kind: "report", Match: "/" + cycleDir + "/piao-2025-2027/relazione-2025/"},                // charts, computed figures
	{Kind: "report", Match: "/" + cycleDir + "/performance-2023/"},                             // a plan without weights
	{Kind: "sheet", Match: "/" + cycleDir + "/piao-2025-2027/operativi/formazione/index.html"}, // results, monitoring
	{Kind: "unit", Match: "/" + cycleDir + "/piao-2025-2027/unita/ragioneria/"},
	{Kind: "listing", Match: "/" + cycleDir + "/piao-2025-2027/indici/esiti-"},
	{Kind: "search", Match: "/" + cycleDir + "/", Query: "?q=formazione", Ready: ".results li a"}, // with the Esito filter
	// The bilingual example: the page to choose the language, and pages of
	// each language; German pages with a text and a body in Italian.
	{Site: "bilingue", Kind: "languages"},
	{Site: "bilingue", Kind: "home", Match: "/de/"},
	{Site: "bilingue", Kind: "sheet", Match: "/it/piao-2025-2027/operativi/pagamenti/index.html"},
	{Site: "bilingue", Kind: "sheet", Match: "/de/piao-2025-2027/operativi/pagamenti/index.html"}, // revised values
	{Site: "bilingue", Kind: "sheet", Match: "/de/piao-2025-2027/operativi/strade/index.html"},    // a text in Italian
	{Site: "bilingue", Kind: "sheet", Match: "/de/piao-2025-2027/operativi/sportello/index.html"}, // a body in Italian
	{Site: "bilingue", Kind: "revisions", Match: "/de/"},
	{Site: "bilingue", Kind: "search", Match: "/de/", Query: "?q=Zahlungen", Ready: ".results li a"},
	{Site: "bilingue", Kind: "opendata", Match: "/de/"},
	{Site: "bilingue", Kind: "narrative", Match: "/de/piao-2025-2027/sezioni/premesse/"}, // a section in German, amended
	{Site: "bilingue", Kind: "narrative", Match: "/de/piao-2025-2027/sezioni/contesto/"}, // a section German lacks
	{Site: "bilingue", Kind: "fullplan", Match: "/de/"},
	{Site: "bilingue", Kind: "revision", Match: "/de/"},
}

// name is how subtests and files call the page.
func (a auditPage) name() string {
	name := a.Kind
	if a.Match != "" {
		name += "_" + path.Base(strings.TrimSuffix(a.Match, "index.html"))
	}
	if a.Site != "" {
		name = a.Site + "_" + name
		if lang, _, ok := strings.Cut(strings.TrimPrefix(a.Match, "/"), "/"); ok {
			name += "_" + lang
		}
	}
	return name
}

// path finds the page in the built site: among the cycle's pages (under
// cycleDir) only when Match names them.
func (a auditPage) path(s *Site) (string, error) {
	paths := make([]string, 0, len(s.Kinds))
	for p := range s.Kinds {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	inCycle := strings.HasPrefix(a.Match, "/"+cycleDir+"/")
	for _, p := range paths {
		if s.Kinds[p] == a.Kind && strings.Contains("/"+p, a.Match) && strings.HasPrefix(p, bilingualDir) == (a.Site != "") &&
			strings.HasPrefix(p, cycleDir+"/") == inCycle {
			return p, nil
		}
	}
	return "", fmt.Errorf("no page of kind %q matching %q", a.Kind, a.Match)
}

// auditedPaths resolves every audit page.
func auditedPaths(t *testing.T, s *Site) []string {
	t.Helper()
	var out []string
	for _, a := range auditPages {
		p, err := a.path(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// TestAuditCoversEveryKind: every kind of page the builder renders is in
// the audit list, and every line of the list finds its page; a new kind
// cannot be forgotten.
func TestAuditCoversEveryKind(t *testing.T) {
	site := browser(t).site
	for _, k := range pageKinds {
		if !slices.ContainsFunc(auditPages, func(a auditPage) bool { return a.Kind == k }) {
			t.Errorf("page kind %q is not in auditPages", k)
		}
	}
	built := map[string]bool{}
	for p, k := range site.Kinds {
		if !slices.Contains(pageKinds, k) {
			t.Errorf("%s: kind %q is not in pageKinds", p, k)
		}
		built[k] = true
	}
	for _, a := range auditPages {
		if _, err := a.path(site); err != nil {
			t.Error(err)
		}
	}
	for _, k := range pageKinds {
		if !built[k] {
			t.Errorf("the audited site (the example and the cycle's plan) has no page of kind %q", k)
		}
	}
}

// axeResult is the part of axe.run's result the suite reads.
type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes []axeRule `json:"passes"`
}

type axeRule struct {
	ID string `json:"id"`
}

// reportAxe fails the test for each violation.
func reportAxe(t *testing.T, where string, res axeResult) {
	t.Helper()
	for _, v := range res.Violations {
		for _, n := range v.Nodes {
			t.Errorf("%saxe %s (%s): %v\n%s", where, v.ID, v.Help, n.Target, n.Summary)
		}
	}
}

// runAxe injects axe-core into the open page and runs the WCAG 2.0 and 2.1
// A and AA rules, and landmark-unique (two search forms, or two menus,
// need names of their own).
func runAxe(ctx context.Context, t *testing.T, axeSrc string) axeResult {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axeSrc+";true")); err != nil {
		t.Fatalf("injecting axe: %v", err)
	}
	raw := eval[string](ctx, t, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, rules: {"landmark-unique": {enabled: true}}, resultTypes: ["violations"]}).then(r => JSON.stringify(r))`)
	var res axeResult
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestBrowserPages opens one page of each kind over HTTP in Chromium and
// checks: no request leaves the site, nothing is blocked or reported in the
// console, Titillium Web is loaded, axe-core finds no WCAG 2.0/2.1 A or AA
// violation, and at 320 px (WCAG's reflow width; phones are 360 px and
// more) the page does not scroll sideways.
func TestBrowserPages(t *testing.T) {
	e := browser(t)
	axeSrc, err := os.ReadFile(filepath.Join(toolsDir, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (run make browser-deps): %v", err)
	}
	for _, a := range auditPages {
		t.Run(a.name(), func(t *testing.T) {
			p, err := a.path(e.site)
			if err != nil {
				t.Fatal(err)
			}
			ctx, rec := e.tab(t)
			open(ctx, t, e.pageURL(p)+a.Query)
			waitReady(ctx, t, a)
			if !eval[bool](ctx, t, `document.fonts.check('600 16px "Titillium Web"') && [...document.fonts].some(f => f.status === "loaded")`) {
				t.Error("Titillium Web is not loaded")
			}
			rec.check(t, p, e.url+"/")
			res := runAxe(ctx, t, string(axeSrc))
			t.Logf("axe: %d rules passed", len(res.Passes))
			if len(res.Passes) < 12 || !slices.ContainsFunc(res.Passes, func(r axeRule) bool { return r.ID == "landmark-unique" }) {
				t.Errorf("axe passed only %d rules, landmark-unique among them or not: it checked almost nothing", len(res.Passes))
			}
			// A page of a site in several languages names its language and
			// that of every link to another one, and of a text it shows in
			// the main language: axe checked them.
			for _, rule := range []string{"html-has-lang", "html-lang-valid", "valid-lang"} {
				if a.Site != "" && !slices.ContainsFunc(res.Passes, func(r axeRule) bool { return r.ID == rule }) {
					t.Errorf("axe did not check %s", rule)
				}
			}
			reportAxe(t, "", res)
			if w := sideScroll(ctx, t, 320); w != "" {
				t.Errorf("at 320 px the page scrolls sideways: %s", w)
			}
			// On a phone, with the header's search box, then its menu, open.
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, phoneHeight)); err != nil {
				t.Fatal(err)
			}
			for i, what := range []string{"search box", "menu"} {
				eval[bool](ctx, t, fmt.Sprintf(`document.querySelectorAll(".header-tools details")[%d].open = true`, i))
				reportAxe(t, fmt.Sprintf("at %d px, with the header's %s open: ", phoneWidth, what), runAxe(ctx, t, string(axeSrc)))
			}
		})
	}
}

// sideScroll sets the viewport width and reports whether the page is
// wider than the screen, naming the widest element if so.
func sideScroll(ctx context.Context, t *testing.T, width int64) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 740)); err != nil {
		t.Fatal(err)
	}
	return eval[string](ctx, t, `(() => {
		const d = document.documentElement;
		if (d.scrollWidth <= d.clientWidth) return "";
		let worst = "";
		for (const el of document.querySelectorAll("body *")) {
			const r = el.getBoundingClientRect();
			if (r.right > d.clientWidth + 1 && !worst) { worst = el.tagName + "." + el.className + " in " + el.parentElement.tagName + "." + el.parentElement.className + " ends at " + Math.round(r.right) + ": " + el.textContent.slice(0, 60); }
		}
		return "scrollWidth " + d.scrollWidth + " > " + d.clientWidth + "; " + worst;
	})()`)
}

// vnuMessage is a message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	URL      string `json:"url"`
	Line     int    `json:"lastLine"`
	Column   int    `json:"lastColumn"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
	SubType  string `json:"subType"`
	Severity string `json:"severity"`
}

// TestHTMLValidates runs the Nu HTML Checker (vnu.jar) once over one page
// of each kind, as published, and the stylesheet: zero errors.
func TestHTMLValidates(t *testing.T) {
	jar := filepath.Join(toolsDir, "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("vnu-jar is not installed (run make browser-deps): %v", err)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatalf("no java to run the Nu HTML Checker (run make browser-deps): %v", err)
	}
	site, dir := browser(t).site, browser(t).dir
	args := []string{"-jar", jar, "--errors-only", "--format", "json", "--also-check-css"}
	paths := append(auditedPaths(t, site), "assets/css/piao.css")
	for _, p := range paths {
		args = append(args, filepath.Join(dir, filepath.FromSlash(p)))
	}
	out, err := exec.Command(java, args...).CombinedOutput()
	var res struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		t.Fatalf("vnu: %v (%v)\n%s", jerr, err, out)
	}
	for _, m := range res.Messages {
		t.Errorf("%s:%d:%d: %s: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"+dir), m.Line, m.Column, m.Type, m.Message, m.Extract)
	}
	if err != nil && len(res.Messages) == 0 {
		t.Fatalf("vnu failed: %v\n%s", err, out)
	}
}

// waitReady waits until the page shows a.Ready, when set.
func waitReady(ctx context.Context, t *testing.T, a auditPage) {
	t.Helper()
	if a.Ready == "" {
		return
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.WaitVisible(a.Ready)); err != nil {
		t.Fatalf("%s never appeared: %v", a.Ready, err)
	}
}
