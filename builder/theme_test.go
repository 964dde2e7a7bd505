package builder

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/piao-pa/piao"
)

// Size budgets of the default theme.
const (
	maxCSS      = 40 << 10  // minified stylesheet
	maxPageLoad = 100 << 10 // a page and what it loads, fonts excluded
)

// pageLoad is the size of a page with the files it links that a browser
// fetches to show it (stylesheets, scripts, images), fonts excluded.
func pageLoad(s *Site, p string) (int, []string) {
	size := len(s.Files[p])
	var loaded []string
	for _, m := range regexp.MustCompile(`<(?:link|script|img)\b[^>]*?\s(?:href|src)="([^"#?]+)"`).FindAllSubmatch(s.Files[p], -1) {
		target := path.Join(path.Dir(p), string(m[1]))
		if b, ok := s.Files[target]; ok {
			size += len(b)
			loaded = append(loaded, target)
		}
	}
	return size, loaded
}

// maxPartLoad is what each sheet or section may add to the page of the
// whole plan.
const maxPartLoad = 12 << 10

// TestThemeBudget: the minified stylesheet is at most 40 KB, and no page
// with its stylesheet, scripts and images weighs more than 100 KB (the page
// of the whole plan, 100 KB and 12 KB a sheet or section).
func TestThemeBudget(t *testing.T) {
	site := buildExample(t, true)
	css := len(site.Files["assets/css/piao.css"])
	if css == 0 || css > maxCSS {
		t.Errorf("minified piao.css is %d bytes, budget %d", css, maxCSS)
	}
	largest, largestPath := 0, ""
	for p, kind := range site.Kinds {
		size, loaded := pageLoad(site, p)
		if !slices.Contains(loaded, "assets/css/piao.css") {
			t.Errorf("%s does not load the stylesheet", p)
		}
		if kind == "fullplan" { // the whole plan: its own budget, per part it holds
			pl := site.Model.Plans[0]
			if budget := maxPageLoad + maxPartLoad*(len(pl.Sheets())+len(pl.Sezioni)); size > budget {
				t.Errorf("%s loads %d bytes without fonts, budget %d for %d sheets and sections", p, size, budget, len(pl.Sheets())+len(pl.Sezioni))
			}
			continue
		}
		if size > largest {
			largest, largestPath = size, p
		}
	}
	if largest > maxPageLoad {
		t.Errorf("%s loads %d bytes without fonts, budget %d", largestPath, largest, maxPageLoad)
	}
	t.Logf("stylesheet %d bytes; heaviest page %s, %d bytes with what it loads", css, largestPath, largest)
}

// TestThemeFonts: Titillium Web is self-hosted as woff2 with its licence,
// each @font-face swaps in the fallback while loading, and the stylesheet
// names no other host.
func TestThemeFonts(t *testing.T) {
	site := buildExample(t, false)
	css := string(site.Files["assets/css/piao.css"])
	faces := regexp.MustCompile(`@font-face\s*{[^}]*}`).FindAllString(css, -1)
	if len(faces) < 3 {
		t.Fatalf("%d @font-face rules, want Titillium Web 400, 600 and 700", len(faces))
	}
	for _, f := range faces {
		if !strings.Contains(f, "font-display: swap") || !strings.Contains(f, `"Titillium Web"`) {
			t.Errorf("@font-face without font-display: swap or not Titillium Web: %s", f)
		}
	}
	urls := regexp.MustCompile(`url\(([^)]+)\)`).FindAllStringSubmatch(css, -1)
	for _, u := range urls {
		target := path.Join("assets/css", strings.Trim(u[1], `"'`))
		if b, ok := site.Files[target]; !ok || !bytes.HasPrefix(b, []byte("wOF2")) {
			t.Errorf("url(%s): %s is not a woff2 file of the site", u[1], target)
		}
	}
	if ofl := string(site.Files["assets/fonts/OFL.txt"]); !strings.Contains(ofl, "SIL OPEN FONT LICENSE Version 1.1") {
		t.Error("assets/fonts/OFL.txt does not hold the SIL Open Font License")
	}
	if !strings.Contains(css, `font-family: "Titillium Web", Geneva, Tahoma`) {
		t.Error("the body font has no system fallback")
	}
}

// TestThemeFooterAndCSP: every page carries a Content-Security-Policy that
// allows only the site's own files, and the footer items AgID's validator
// looks for.
func TestThemeFooterAndCSP(t *testing.T) {
	site := buildExample(t, true)
	cfg := site.Model.Config
	wants := []string{
		`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">`,
		`<a href="` + cfg.Accessibilita.S + `" data-element="accessibility-link">Dichiarazione di accessibilità</a>`,
		`<a href="` + cfg.Privacy.S + `" data-element="privacy-policy-link">`,
		`<p class="legal" data-element="legal-notes">Licenza dei contenuti: <a href="` + cfg.Licenza.URL.S + `" rel="license">CC BY 4.0</a></p>`,
		`<a class="skip" href="#contenuto">Vai al contenuto</a>`,
		`<main id="contenuto"`,
	}
	if !strings.HasPrefix(cfg.Accessibilita.S, "https://form.agid.gov.it/") {
		t.Errorf("the example's accessibility statement %q is not on form.agid.gov.it", cfg.Accessibilita.S)
	}
	for p := range site.Kinds {
		html := string(site.Files[p])
		for _, w := range wants {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %s", p, w)
			}
		}
		if strings.Contains(html, "unsafe-inline") || strings.Contains(html, " style=") || strings.Contains(html, "<style") {
			t.Errorf("%s has inline style or allows it", p)
		}
	}
}

// TestDocThemeExample: the layout override that the package doc shows a
// theme author works as the doc says, read from the doc itself.
func TestDocThemeExample(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "themes/default/layouts/unit.html:\n//\n")
	if !ok {
		t.Fatal("doc.go no longer shows the unit.html example")
	}
	var layout strings.Builder
	for _, line := range strings.Split(after, "\n") {
		code, ok := strings.CutPrefix(line, "//\t")
		if !ok {
			break
		}
		layout.WriteString(code + "\n")
	}
	site, ds := Build(Input{Site: testSite(map[string]string{"themes/default/layouts/unit.html": layout.String()}), Themes: piao.Themes})
	if site == nil {
		t.Fatalf("the doc's example does not build:\n%s\n%s", layout.String(), ds.Error())
	}
	page := string(site.Files["p/unita/u1/index.html"])
	for _, want := range []string{"<h1>Unità uno</h1>", `<p class="kicker">Unità organizzativa – Area uno</p>`,
		`<li><a href="../../operativi/uno/index.html">Fare qualcosa</a></li>`, `<a class="skip" href="#contenuto">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the unit page made with the doc's layout lacks %s:\n%s", want, page)
		}
	}
}

// TestHeaderSearchSaysWhat: the header's search box names what it
// searches, objectives and indicators, and revisions when a plan has
// some; its form and the search page's have names of their own.
func TestHeaderSearchSaysWhat(t *testing.T) {
	example := buildExample(t, true)
	noRevisions := strings.Replace(testPiano, "revisioni:\n  - id: r1\n    data: 2024-09-12\n    atto: deliberazione n. 2\n    motivo: monitoraggio\n", "", 1)
	sheet := strings.Replace(testSheet, "note_revisione:\n  - revisione: r1\n    revisione_attuata: nessun valore cambiato\n    causa: prova\n", "", 1)
	small, ds := Build(Input{Site: testSite(map[string]string{"content/p/piano.yaml": noRevisions, "content/p/operativi/uno.yaml": sheet}),
		Themes: piao.Themes, Minify: true})
	if small == nil {
		t.Fatal(ds.Error())
	}
	for _, tt := range []struct {
		site *Site
		want string
	}{
		{example, ">Cerca nel piano, negli obiettivi, negli indicatori e nelle revisioni</label>"},
		{small, ">Cerca obiettivi e indicatori</label>"},
	} {
		for p := range tt.site.Kinds {
			html := string(tt.site.Files[p])
			if strings.Count(html, tt.want) != 2 || strings.Contains(html, "Cerca nel sito") ||
				strings.Count(html, `role="search" aria-label="Ricerca rapida"`) != 2 {
				t.Errorf("%s: the header's search boxes do not say %q", p, tt.want)
			}
		}
	}
	if small.Files["p/revisioni/index.html"] != nil {
		t.Error("the site without revisions has a revisions page")
	}
	if search := string(example.Files[searchPagePath]); !strings.Contains(search, `role="search" aria-label="Ricerca con filtri"`) {
		t.Error("the search page's form has no name of its own")
	}
}

// TestBuiltinOneSet: the built-in theme's layouts of every kind are
// parsed into one set (renderer.oneSet), each kind's "main" kept under
// mainOf(kind); that is right only while no kind's layout, with the Go
// partials that replace its own (builtinKindPartials), defines a name
// but "main" that the shared layouts or another kind define too: it
// would then render the other's. The pages' bytes are compared with the
// templates' cloned set for each kind by TestBuiltinPartialsSameAsTemplates.
func TestBuiltinOneSet(t *testing.T) {
	defined := func(name, text string) []string {
		tr := parse.New(name)
		tr.Mode = parse.SkipFuncCheck
		set := map[string]*parse.Tree{}
		if _, err := tr.Parse(text, "", "", set); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var names []string
		for n := range set {
			if n != name {
				names = append(names, n)
			}
		}
		return names
	}
	read := func(file string) string {
		b, err := piao.Themes.ReadFile("themes/default/layouts/" + file)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	owner := map[string]string{} // a name defined → where
	shared, err := fs.Glob(piao.Themes, "themes/default/layouts/_*.html")
	if err != nil || len(shared) == 0 {
		t.Fatal("no shared layouts", err)
	}
	texts := map[string]string{"base.html": read("base.html"),
		"builtin partials": builtinPartials + builtinIndicatorPartials + builtinCyclePartials + builtinSharedListingPartials}
	for _, f := range shared {
		texts[path.Base(f)] = read(path.Base(f))
	}
	for from, text := range texts {
		for _, n := range defined(from, text) {
			owner[n] = "shared"
		}
	}
	mains := 0
	for _, kind := range pageKinds {
		seen := map[string]bool{}
		for _, n := range append(defined(kind, read(kind+".html")), defined(kind+" (Go)", builtinKindPartials[kind])...) {
			switch {
			case n == "main":
				if !seen[n] {
					mains++
				}
			case owner[n] != "" && owner[n] != kind:
				t.Errorf("%s.html defines %q, as %s does: the built-in theme's kinds cannot share one set", kind, n, owner[n])
			default:
				owner[n] = kind
			}
			seen[n] = true
		}
	}
	if mains != len(pageKinds) {
		t.Errorf("%d kinds of %d define their main", mains, len(pageKinds))
	}
	if len(owner) < 30 {
		t.Errorf("only %d names defined: the layouts were not read", len(owner))
	}
}
