package builder

import (
	"bytes"
	"cmp"
	"html/template"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/internal/synth"
)

// TestBuiltinPartialsSameAsTemplates: every page of the example site, of
// every example plan and of a generated plan of many revisions, rendered
// with the built-in theme's partials in Go (builtin_partials.go), is the
// page their templates in themes/default render, byte for byte; and the
// pages cover every branch of the partials.
func TestBuiltinPartialsSameAsTemplates(t *testing.T) {
	example := exampleSite(t) // a value revised from "//", texts with what HTML escapes
	sheet := filepath.Join(example, "content", "piao-2024-2026", "operativi", "registro-imprese.md")
	b, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.NewReplacer(`precedente: "≤ 20%"`, `precedente: "//"`,
		`valore: "Definizione, tramite`, `valore: "Definizione <b>'a'</b> & \"b\" +1, tramite`,
		`obiettivo_operativo: "Gestione Pratiche`, `obiettivo_operativo: "Gestione <b>'a'</b> & \"b\" +1 Pratiche`).Replace(string(b))
	if edited == string(b) {
		t.Fatal("the example sheet has no revised target to edit")
	}
	if err := os.WriteFile(sheet, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{example}
	for _, lang := range []string{"en", "fr", "sl"} { // the example site in the theme's other languages (g-bilingue is in German)
		dir := exampleSite(t)
		config := filepath.Join(dir, "config.yaml")
		b, err := os.ReadFile(config)
		if err != nil {
			t.Fatal(err)
		}
		in := strings.Replace(string(b), "\nlingua: it\n", "\nlingua: "+lang+"\n", 1)
		if in == string(b) {
			t.Fatal("the example site's config.yaml names no language")
		}
		if lang == "fr" { // a picture for shared links, its words with what HTML escapes
			in += "anteprima:\n  immagine: https://www.example.org/a.png?x=<1>&y='2'\n  testo: \"Logo <b>'a'</b> & \\\"b\\\" +1\"\n"
		}
		if err := os.WriteFile(config, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	plans, err := filepath.Glob("testdata/plans/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, plans...)
	untranslated := filepath.Join(t.TempDir(), "g-bilingue-untranslated") // a German body missing: shown in Italian, with the note
	if err := os.CopyFS(untranslated, os.DirFS("testdata/plans/g-bilingue")); err != nil {
		t.Fatal(err)
	}
	bodies, err := filepath.Glob(filepath.Join(untranslated, "content", "*", "operativi", "*.de.md"))
	if err != nil || len(bodies) == 0 {
		t.Fatal("g-bilingue has no German body", err)
	}
	if err := os.Remove(bodies[0]); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, untranslated)
	dirs = append(dirs, unweightedPlan(t))
	gen := t.TempDir()
	if _, err := synth.Generate(gen, 300, 7); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, gen)
	seen := map[string]bool{} // the partial's branches met in the template's output
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, pages := loaded(t, dir, false)
			templated := map[*renderer]*renderer{}
			compared := 0
			for name, pg := range pages.pages {
				goR := pg.r
				for name, call := range builtinCalls {
					if s := goR.tmpl[pg.Kind].Lookup(name).Tree.Root.String(); !strings.HasPrefix(s, call) {
						t.Fatalf("the built-in theme renders %s with its template", name)
					}
				}
				for name, call := range builtinKindCalls[pg.Kind] {
					if name == "main" {
						name = mainOf(pg.Kind) // the built-in kinds' one set keeps each kind's main by that name
					}
					if s := goR.tmpl[pg.Kind].Lookup(name).Tree.Root.String(); !strings.HasPrefix(s, call) {
						t.Fatalf("the built-in theme renders %s of %s with its template", name, pg.Kind)
					}
				}
				tmplR := templated[goR]
				if tmplR == nil {
					cp := *goR
					cp.frames = nil
					if err := cp.parseLayouts(&theme{fs: goR.theme, words: goR.words}); err != nil {
						t.Fatal(err)
					}
					tmplR, templated[goR] = &cp, &cp
				}
				inGo, err := goR.render(pg)
				if err != nil {
					t.Fatal(err)
				}
				cp := *pg
				byTemplate, err := tmplR.render(&cp)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(inGo, byTemplate) {
					t.Errorf("%s: differs\n%s", name, firstDiff(byTemplate, inGo))
					continue
				}
				groups := revgroupsIn(byTemplate)
				if len(groups) > 0 {
					compared++
				}
				for _, g := range groups {
					for branch, mark := range revgroupBranches {
						if strings.Contains(g, mark) {
							seen[branch] = true
						}
					}
				}
				for branch, mark := range valueBranches {
					if bytes.Contains(byTemplate, []byte(mark)) {
						seen[branch] = true
					}
				}
				for branch, marks := range indicatorBranches {
					if holdsAll(byTemplate, marks) {
						seen[branch] = true
					}
				}
				for _, dl := range between(byTemplate, `<dl class="revnotes">`, `</dl>`) {
					for branch, mark := range revnotesBranches {
						if strings.Contains(dl, mark) {
							seen[branch] = true
						}
					}
				}
				if !goR.builtin {
					t.Fatal("the built-in theme's renderer does not write the pages in Go")
				}
				for _, branches := range [](map[string]*regexp.Regexp){baseBranches, branchesOf[pg.Kind]} {
					for branch, re := range branches {
						if re.Match(byTemplate) {
							seen[branch] = true
						}
					}
				}
				if goR.words.Lang != "it" && bytes.Contains(byTemplate, []byte(`<section class="indicator`)) {
					seen["indicators in "+goR.words.Lang] = true
				}
			}
			t.Logf("%d pages with revision groups, identical", compared)
		})
	}
	for branch := range valueBranches {
		if !seen[branch] {
			t.Errorf("no page shows %s: the comparison does not cover it", branch)
		}
	}
	for branch := range revgroupBranches {
		if !seen[branch] {
			t.Errorf("no page shows %s: the comparison does not cover it", branch)
		}
	}
	for _, branch := range slices.Concat(slices.Collect(maps.Keys(indicatorBranches)), slices.Collect(maps.Keys(revnotesBranches)),
		slices.Collect(maps.Keys(listingBranches)), slices.Collect(maps.Keys(sheetBranches)), slices.Collect(maps.Keys(baseBranches)),
		slices.Collect(maps.Keys(unitBranches)), slices.Collect(maps.Keys(revisionBranches)), slices.Collect(maps.Keys(fullplanBranches)), slices.Collect(maps.Keys(areaBranches)), slices.Collect(maps.Keys(lineBranches)),
		slices.Collect(maps.Keys(opendataBranches)), []string{"indicators in de", "indicators in en", "indicators in fr", "indicators in sl"}) {
		if !seen[branch] {
			t.Errorf("no page shows %s: the comparison does not cover it", branch)
		}
	}
}

// unweightedPlan is a copy of the example plan a-piao without weights
// (pesi: nessuno, no sheet's or indicator's peso), with a unit that has
// no sheets and its line without strategic objectives: an area's page
// and a line's in their other shapes.
func unweightedPlan(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "a-piao-unweighted")
	if err := os.CopyFS(dir, os.DirFS("testdata/plans/a-piao")); err != nil {
		t.Fatal(err)
	}
	weight := regexp.MustCompile(`(?m)^(\s*peso|obiettivi_strategici): .*\n`)
	objectives := "    obiettivi:\n      - codice: \"1.1\"\n        nome: Servizi digitali\n      - codice: \"1.2\"\n        nome: Sostegno alle imprese\n"
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".yaml") {
			return err
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		in := weight.ReplaceAllString(string(b), "")
		if filepath.Base(name) == "piano.yaml" {
			edited := strings.Replace(in, "\nperiodo: 2025-2027\n", "\nperiodo: 2025-2027\npesi: nessuno\n", 1)
			edited = strings.Replace(edited, "        nome: Promozione\n", "        nome: Promozione\n      - codice: vuota\n        nome: Ufficio senza obiettivi\n", 1)
			edited = strings.Replace(edited, objectives, "", 1)
			if strings.Count(edited, "\n") != strings.Count(in, "\n")+3-5 {
				t.Fatal("a-piao's piano.yaml has no period, no unit Promozione or not its line's two objectives to edit")
			}
			in = edited
		}
		return os.WriteFile(name, []byte(in), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// builtinCalls are the partials the built-in theme renders in Go, and
// how their definitions begin.
var builtinCalls = map[string]string{
	"revgroups": "{{revgroupsHTML .", "value": "{{valueHTML .",
	"indicator": "{{indicatorHTML .", "indheading": "{{indheadingHTML .", "indbody": "{{indbodyHTML .",
	"copylink": "{{copylinkHTML .", "mark": "{{markHTML .", "revref": "{{revrefHTML .",
	"notes": "{{notesHTML .", "revnotes": "{{revnotesHTML .",
	"indicator-cycle": "{{indicatorCycleHTML .", "results": "{{resultsHTML .", "monitoring": "{{monitoringHTML .",
	"outcome": "{{outcomeHTML .", "progress": "{{progressHTML .",
}

// builtinKindCalls are the partials of a kind's own layout the built-in
// theme renders in Go, and how their definitions begin.
var builtinKindCalls = map[string]map[string]string{
	"listing":   {"lbody": "{{range lbodyHTML .", "ltitle": "{{ltitleHTML ."},
	"sheet":     {"main": "{{sheetMainHTML ."},
	"unit":      {"unitrows": "{{range unitrowsHTML ."},
	"revision":  {"changerows": "{{range changerowsHTML ."},
	"revisions": {"revchanges": "{{range revchangesHTML ."},
	"fullplan":  {"fullsheet": "{{range fullsheetHTML .", "fullindicator": "{{fullindicatorHTML ."},
	"area":      {"areaunits": "{{areaunitsHTML ."},
	"line":      {"linesheets": "{{linesheetsHTML ."},
	"opendata":  {"downloadrows": "{{range downloadrowsHTML ."},
}

// listingBranches find, in an index page, each branch of the listing
// partials (lbody, ltitle, sheetlink, badges). No index gives a note to
// a group within a group, nor lists a group without sheets, which
// TestBuiltinListingPartialsCalled renders.
var listingBranches = map[string]*regexp.Regexp{
	"a group that is a sheet":     regexp.MustCompile(`<li><a href="[^"]*/operativi/[^"]*">`),
	"a sheet's code":              regexp.MustCompile(`<li><a href="[^"]*"><span class="code">[^<]+</span> `),
	"a group that links its page": regexp.MustCompile(`<li><a href="[^"]*/unita/[^"]*">[^<]*</a> <span class="count">`),
	"a group without a link":      regexp.MustCompile(`<li>[^<]+ <span class="count">`),
	"a group within a group":      regexp.MustCompile(`\n<ul class="index-list">\n<li>`),
	"a group with nothing listed": regexp.MustCompile(`</span>\n</li>\n`),
	"an indicator":                regexp.MustCompile(`\n<li><a href="[^"]*#ind-[^"]*">[^<]+</a>`),
	"a removed indicator":         regexp.MustCompile(`<li class="removed"><a href="[^"]*#ind-`),
	"an added indicator":          regexp.MustCompile(`<li class="added"><a href="[^"]*#ind-`),
	"an indicator's badge":        regexp.MustCompile(`#ind-[^"]*">[^<]+</a> <span class="badge">`),
	"an indicator's status":       regexp.MustCompile(`#ind-[^"]*">[^<]+</a> <span class="status">`),
	"an indicator's sheet":        regexp.MustCompile(`</a><?[^\n]* <span class="index-sheet">– `),
	"an indicator's note":         regexp.MustCompile(`#ind-[^\n]*<span class="index-note">– [^<]+</span></li>\n`),
	"a sheet's badge":             regexp.MustCompile(`/operativi/[^"]*">[^\n]*</a> <span class="(badge|status)">`),
	"escaped text in an index":    regexp.MustCompile(`&lt;b&gt;&#39;a&#39;&lt;/b&gt; &amp; &#34;b&#34; &#43;1`),
}

// branchesOf are the branches found in the pages of a kind.
var branchesOf = map[string]map[string]*regexp.Regexp{
	"sheet": sheetBranches, "revision": revisionBranches, "revisions": revisionBranches,
	"unit": unitBranches, "listing": listingBranches, "fullplan": fullplanBranches, "area": areaBranches,
	"line": lineBranches, "opendata": opendataBranches,
}

// opendataBranches find, on the Dati aperti page, each branch of its
// rows of files (downloadrows).
var opendataBranches = map[string]*regexp.Regexp{
	"a sheet's JSON":                   regexp.MustCompile(`\n<tbody>\n<tr><td><a href="[^"]*/scheda\.json">[^<]+</a></td><td>JSON</td><td>[^<]+</td></tr>\n`),
	"a file of the site":               regexp.MustCompile(`<tr><td><a href="[^"]*\.xml">[^<]+</a></td><td>Atom</td><td>[^<]+</td></tr>\n(<tr>.*\n)*<tr><td><a href="[^"]*/schema/[^"]*">[^<]+</a></td><td>JSON Schema</td><td>[^<]+</td></tr>\n</tbody>`),
	"a sheet's JSON, its name escaped": regexp.MustCompile(`<tr><td><a href="[^"]*/scheda\.json">[^<]*&lt;b&gt;&#39;a&#39;&lt;/b&gt; &amp; &#34;b&#34; &#43;1`),
}

// lineBranches find, in a line's page, each branch of its lists of
// sheets (linesheets).
var lineBranches = map[string]*regexp.Regexp{
	"an objective's sheets":       regexp.MustCompile(`<li id="o-[^"]*">[^\n]*\n<ul><li><a href=`),
	"a line's operational sheets": regexp.MustCompile(`</h2>\n<ul><li><a href="[^"]*/operativi/`),
	"a sheet with its unit":       regexp.MustCompile(`</a> — <a href="[^"]*/unita/[^"]*">[^<]+</a></li>`),
	"a sheet without a unit":      regexp.MustCompile(`<li><a href="[^"]*/operativi/[^"]*">[^\n]*</a></li>(<li>|</ul>)`),
}

// areaBranches find, in an area's page, each branch of its units
// (areaunits).
var areaBranches = map[string]*regexp.Regexp{
	"a unit with its sheets":             regexp.MustCompile(`<ul class="units"><li><a href="[^"]*">[^<]+</a>\n<ul><li><a href=`),
	"a unit without sheets":              regexp.MustCompile(`</a>\n<p>[^<]+</p></li>\n`),
	"a sheet's weight on an area's page": regexp.MustCompile(`</a>[^\n]* – [^<]+ [^<]+</li>`),
	"an area without weights":            regexp.MustCompile(`<ul class="units"><li><a href="[^"]*">[^<]+</a>\n<ul><li><a href="[^"]*">[^\n]*</a></li>`),
}

// fullplanBranches find, in a page of the whole plan, each branch of
// its sheets and indicators (fullsheet, fullindicator).
var fullplanBranches = map[string]*regexp.Regexp{
	"a strategic sheet in the plan":             regexp.MustCompile(`<article class="full-item full-sheet[^"]*" id="scheda-strategici-`),
	"an operational sheet in the plan":          regexp.MustCompile(`<article class="full-item full-sheet[^"]*" id="scheda-operativi-`),
	"a removed sheet in the plan":               regexp.MustCompile(`<article class="full-item full-sheet removed"[^\n]*\n[^\n]*\n<h3 [^\n]* <span class="status">`),
	"an added sheet in the plan":                regexp.MustCompile(`<article class="full-item full-sheet added"[^\n]*\n[^\n]*\n<h3 [^\n]* <span class="status">`),
	"a sheet's code in the plan":                regexp.MustCompile(`-h"><span class="code">[^<]+</span> `),
	"a revised sheet in the plan":               regexp.MustCompile(`</h3>\n<div class="notice revised full-revised"><p>[^\n]* <a href="[^"]*">[^<]+</a></p></div>\n<table class="fields">`),
	"missions in the plan":                      regexp.MustCompile(`<td>[^<]* - [^<]*<br>`),
	"a programme in the plan":                   regexp.MustCompile(`\n<tr><th scope="row">[^<]+</th><td>[^<]+ - [^<]+</td></tr>\n`),
	"an area and a unit, as text":               regexp.MustCompile(`<tbody>\n<tr><th scope="row">[^<]+</th><td>[^<]+</td></tr>\n<tr><th scope="row">[^<]+</th><td>[^<]+</td></tr>\n`),
	"a line, as text":                           regexp.MustCompile(`</td></tr>\n<tr><th scope="row">Linea[^<]*</th><td>[^<]+</td></tr>\n`),
	"objectives, as text":                       regexp.MustCompile(`<tr><th scope="row">Obiettivi strategici</th><td>[^<]+<br>[^<]+</td>`),
	"a responsible, as text":                    regexp.MustCompile(`\n<tr><th scope="row">Responsabile</th><td>[^<]`),
	"a weight as a coefficient, in the plan":    regexp.MustCompile(`<tr><th scope="row">[^<]* \(coefficiente\)</th>`),
	"a weight, in the plan":                     regexp.MustCompile(`<tr><th scope="row">Peso [^(<]`),
	"a sheet's body in the plan":                regexp.MustCompile(`<div class="body prose">`),
	"resources with the sheet's name":           regexp.MustCompile(`<table class="resources">\n<caption>[^<]+ – [^<]+</caption>`),
	"a sheet's targets in the plan":             regexp.MustCompile(`<table class="resources">\n<caption>Target della scheda</caption>\n<thead><tr><th scope="col">`),
	"a sheet's notes in the plan":               regexp.MustCompile(`</table>\n<ul class="notes"><li>`),
	"a sheet's revision notes in the plan":      regexp.MustCompile(`</h4><dl class="revnotes">`),
	"an indicator in the plan":                  regexp.MustCompile(`\n<div class="indicator" id="scheda-[^"]*-ind-`),
	"a removed indicator in the plan":           regexp.MustCompile(`<div class="indicator removed" id="[^\n]*\n<h5 [^\n]*\n<p class="status-line">`),
	"an added indicator in the plan":            regexp.MustCompile(`<div class="indicator added" id="[^\n]*\n<h5 [^\n]*\n\n<p class="status-line">`),
	"a row's marker in the plan":                regexp.MustCompile(`<sup>\([^)]+\)</sup></th><td>`),
	"an indicator's notes in the plan":          regexp.MustCompile(`</table>\n<ul class="notes">[^\n]*\n\n</div>`),
	"an indicator's revision notes in the plan": regexp.MustCompile(`\n<dl class="revnotes">[^\n]*\n[^\n]*\n?[^\n]*</dl>\n</div>`),
	"a sheet without indicators in the plan":    regexp.MustCompile(`\n\n\n<p class="full-link no-print">`),
}

// revisionBranches find, in a revision's page and in the revisions',
// each branch of changerows and revchanges.
var revisionBranches = map[string]*regexp.Regexp{
	"a change of a sheet":          regexp.MustCompile(`data-sort="0"></td>`),
	"a change of an indicator":     regexp.MustCompile(`data-sort="[1-9][0-9]*"><a href="[^"]*#ind-`),
	"a value added":                regexp.MustCompile(`"></td><td data-label="[^"]*"><ins>`),
	"a value removed":              regexp.MustCompile(`</del></td><td data-label="[^"]*"></td>`),
	"a value none":                 regexp.MustCompile(`<(del|ins)><span aria-hidden="true">//</span>`),
	"a target's move":              regexp.MustCompile(`</ins></td><td data-label="[^"]*">[^<]+</td></tr>\n`),
	"no move":                      regexp.MustCompile(`</ins></td><td data-label="[^"]*"></td></tr>\n`),
	"a sheet's changes, in a list": regexp.MustCompile(`\n<h3><a href="[^"]*">[^\n]*</a></h3>\n<div class="revgroup">`),
}

// unitBranches find, in a unit's page, each branch of its rows
// (unitrows).
var unitBranches = map[string]*regexp.Regexp{
	"a sheet's weight":                    regexp.MustCompile(`</a></td><td data-label="[^"]+">[^<]`),
	"a sheet's line":                      regexp.MustCompile(`<td data-label="[^"]+"><a href="[^"]*/linee/`),
	"a plan without lines":                regexp.MustCompile(`</td>\n<td data-label="[^"]+"><ul>`),
	"an indicator":                        regexp.MustCompile(`<ul><li><a href="[^"]*#ind-`),
	"a removed indicator":                 regexp.MustCompile(`<li class="removed"><a href="[^"]*#ind-`),
	"an added indicator":                  regexp.MustCompile(`<li class="added"><a href="[^"]*#ind-`),
	"an indicator's badge":                regexp.MustCompile(`#ind-[^"]*">[^<]*</a> <span class="badge">`),
	"an indicator's weight":               regexp.MustCompile(`</a>[^\n]* – [^<]+ [^<]*</li>`),
	"a sheet without a unit's indicators": regexp.MustCompile(`"><ul></ul></td></tr>`),
}

// baseBranches find, in a page, each branch of its frame in Go
// (basePage, headMeta).
var baseBranches = map[string]*regexp.Regexp{
	"a page named after the body":  regexp.MustCompile(`</title>`),
	"a page not named after it":    regexp.MustCompile(`<title>[^<-]*</title>`),
	"the feed":                     regexp.MustCompile(`<link rel="alternate" type="application/atom\+xml" title="`),
	"a page in other languages":    regexp.MustCompile(`\n<link rel="alternate" hreflang="`),
	"a canonical address":          regexp.MustCompile(`<meta property="og:url" content="[^"]+">\n<link rel="canonical" href="`),
	"a picture":                    regexp.MustCompile(`<meta property="og:image" content="`),
	"no picture":                   regexp.MustCompile(`<meta name="twitter:card" content="summary">`),
	"the whole plan's print style": regexp.MustCompile(`\n<link rel="stylesheet" href="[^"]*">\n<script src=`),
	"crumbs":                       regexp.MustCompile(`<nav class="crumbs" aria-label="[^"]+"><div class="wrap"><ol>\n<li><a href=`),
	"the current crumb":            regexp.MustCompile(`<li><span aria-current="page">`),
	"a page in the main language":  regexp.MustCompile(`tabindex="-1">[^\n]`),
	"dates":                        regexp.MustCompile(`<p class="dates">[^\n]*<time datetime="`),
	"an update":                    regexp.MustCompile(`</time> · [^<]* <time datetime="`),
}

// sheetBranches find, in a sheet's page, each branch of its main
// (builtin_sheet.go).
var sheetBranches = map[string]*regexp.Regexp{
	"a strategic sheet":                 regexp.MustCompile(`<p class="kicker">[^<]*strategic`),
	"an operational sheet":              regexp.MustCompile(`<p class="kicker">[^<]*operativ`),
	"a sheet's code":                    regexp.MustCompile(`<h1><span class="code">`),
	"a sheet as approved":               regexp.MustCompile(`<div class="notice" role="note"><p>`),
	"a removed sheet":                   regexp.MustCompile(`</h1>\n<p class="status-line"><span class="status">[^<]*</span> [^<]* <a href=`),
	"an added sheet, its act":           regexp.MustCompile(`</h1>\n<p class="status-line"><span class="status">[^\n]*</a> \([^)]+\)\.</p>`),
	"a revised sheet":                   regexp.MustCompile(`<div class="notice revised" role="note">\n\n<h2 class="notice-title">`),
	"an act's link":                     regexp.MustCompile(`notice-title">[^\n]*\n<p>[^<]* <a href="[^"]*" class="external">`),
	"an act without a link":             regexp.MustCompile(`notice-title">[^\n]*\n<p>[^<]+ \(`),
	"a revision's document":             regexp.MustCompile(`notice-title">[^\n]*\n<p>[^\n]* \([^)]+\)\. <a href=`),
	"why a sheet was added":             regexp.MustCompile(`</a></p>\n<p>Motivo della revisione: [^\n]*</p>\n<div class="revgroup">`),
	"missions":                          regexp.MustCompile(`<td>[^<]* - [^<]*<br>`),
	"a programme":                       regexp.MustCompile(`\n<tr><th scope="row">[^<]+</th><td>[^<]+ - [^<]+</td></tr>\n`),
	"an area":                           regexp.MustCompile(`<td><a href="[^"]*/aree/`),
	"a unit":                            regexp.MustCompile(`<td><a href="[^"]*/unita/`),
	"a line":                            regexp.MustCompile(`<td><a href="[^"]*/linee/`),
	"objectives":                        regexp.MustCompile(`<td><a href="[^"]*">[^<]*</a><br>`),
	"a responsible":                     regexp.MustCompile(`<td><a href="[^"]*responsabil[^"]*">`),
	"an expected result":                regexp.MustCompile(`Risultato atteso</th>`),
	"a weight":                          regexp.MustCompile(`<tr><th scope="row">Peso `),
	"a weight as a coefficient":         regexp.MustCompile(`<tr><th scope="row">[^<]* \(coefficiente\)</th>`),
	"a body":                            regexp.MustCompile(`<div class="body prose">`),
	"resources":                         regexp.MustCompile(`<table class="resources">`),
	"a sheet's targets":                 regexp.MustCompile(`<dl class="targets">`),
	"a sheet's results":                 regexp.MustCompile(`<section class="cycle" aria-labelledby="ciclo-h">`),
	"the operational sheets it guides":  regexp.MustCompile(`<ul class="objectives"><li><span class="code">`),
	"a sheet's unit in a tree":          regexp.MustCompile(`<ul><li><a href="[^"]*">[^\n]*</a> — <a href=`),
	"a sheet's indicators":              regexp.MustCompile(`</h2>\n\n?<section class="indicator`),
	"a sheet without indicators":        regexp.MustCompile(`\n\n\n<div class="share-box">`),
	"a sheet's citation with its path":  regexp.MustCompile(`<span class="cite-url" data-path="`),
	"a sheet's citation at its address": regexp.MustCompile(`<span class="cite-url">`),
}

// indicatorBranches marks, in a page, each branch of the indicator
// partials and those they call: the page shows the branch when it holds
// every mark.
var indicatorBranches = map[string][]string{
	"an indicator":                {`<section class="indicator" id="ind-`, "-h\">\n<h3 id=\"ind-"},
	"an added indicator":          {`<section class="indicator added" id="ind-`, `<p class="status-line">`},
	"a removed indicator":         {`<details class="indicator removed" id="ind-`, `<p class="status-line">`},
	"an indicator's copy link":    {`<a class="copy-link" href="#ind-`},
	"a page's copy link":          {`<a class="copy-link" href="#contenuto" data-page`},
	"a revision's link":           {`<p class="status-line">`, `<a href="../../revisioni/index.html#`},
	"targets":                     {`<dl class="targets"><div><dt>`},
	"a target's marker":           {`</sup></dt><dd>`},
	"a row's marker":              {`</sup></th><td>`},
	"a row's marker with a note":  {`</a></sup></th><td>`},
	"an indicator's table":        {"</caption>\n<tbody>\n<tr><th scope=\"row\">"},
	"an indicator's cycle":        {"\n<div class=\"cycle\">\n"},
	"an indicator's notes":        {`<ul class="notes"><li id="ind-`},
	"a sheet's notes":             {`<ul class="notes"><li id="nota-`},
	"notes on the whole plan":     {`<ul class="notes"><li>`},
	"a note with its marker":      {`<ul class="notes"><li id="nota-1">(`},
	"a removed note":              {`" class="removed">(`, `</del> <span class="status">`},
	"an added note":               {`</a></span></li>`, `Nota inserita dalla <a href=`},
	"a status":                    {`</span> <span class="status">`},
	"escaped text in a heading":   {`<span class="ind-name">Definizione &lt;b&gt;&#39;a&#39;&lt;/b&gt; &amp; &#34;b&#34; &#43;1`},
	"an indicator's results":      {"\n<div class=\"cycle\">\n<table class=\"list results-table\"><caption>Indicatore"},
	"an indicator's monitoring":   {"</table>\n<p class=\"latest\">", "<table class=\"list monitoring\"><caption>Indicatore"},
	"a cycle without monitoring":  {"</tbody></table>\n\n</div>"},
	"a result":                    {`<td data-label="Risultato">`, `</td><td data-label="Raggiungimento">`},
	"no result":                   {`<td data-label="Risultato"></td><td data-label="Raggiungimento"></td>`},
	"a result's note":             {`<td data-label="Nota">capitolato`},
	"a monitoring followed":       {`<span class="followed">– `},
	"a sheet's cycle":             {"<section class=\"cycle\" aria-labelledby=\"ciclo-h\">", "<table class=\"list monitoring\"><caption>"},
	"counts of outcomes":          {`<ul class="counts"><li><span class="state outcome-`},
	"a progress followed":         {`<ul class="followed-list">`, `: <span class="state progress-`},
	"escaped text in a copy link": {`<span class="sr-only"> Gestione &lt;b&gt;&#39;a&#39;&lt;/b&gt; &amp; &#34;b&#34; &#43;1 Pratiche`},
}

// revnotesBranches marks, in a list of notes of revision, each branch of
// the revnotes partial.
var revnotesBranches = map[string]string{
	"a note of revision, its date": "\n<dt>Che cosa cambia (",
	"a note of revision's cause":   "</dd>\n<dt>",
}

// holdsAll reports whether b holds every mark.
func holdsAll(b []byte, marks []string) bool {
	for _, m := range marks {
		if !bytes.Contains(b, []byte(m)) {
			return false
		}
	}
	return true
}

// between lists the parts of page from each open to the next close.
func between(page []byte, open, close string) []string {
	var out []string
	for rest := string(page); ; {
		_, after, ok := strings.Cut(rest, open)
		if !ok {
			return out
		}
		part, next, _ := strings.Cut(after, close)
		out, rest = append(out, part), next
	}
}

// valueBranches marks, in a page, each branch of the value partial.
var valueBranches = map[string]string{
	"earlier values, their date": `<span class="value-date">(`,
	"a value's link":             `<td><a href="../../indici/`,
	"a marker with its note":     `<sup class="marker"><a href="#`,
	"a marker":                   `<sup>(`,
}

// revgroupBranches marks, in a page, each branch of the revgroups
// partial.
var revgroupBranches = map[string]string{
	"heading h3":            `<h3 class="revgroup-title">`,
	"heading h4":            `<h4 class="revgroup-title">`,
	"several parts":         `</span><span class="part">`,
	"an indicator":          `<span class="part-name">`,
	"a removed indicator":   `<span class="status">`,
	"a footnote or a cause": "</dt>\n<dd><p>",
	"escaped text":          `&lt;b&gt;&#39;a&#39;&lt;/b&gt; &amp; &#34;b&#34; &#43;1`,
	"a word-level diff":     `<span class="diff">`,
	"a value before, after": `<span class="rev-tag" aria-hidden="true">`,
	"no cause":              `<p class="why-none">`,
	"a value none":          `<span aria-hidden="true">//</span>`,
	"a list of changes":     `<ul class="changes">`,
}

// revgroupsIn are the revision groups of a page.
func revgroupsIn(page []byte) []string {
	var out []string
	for rest := string(page); ; {
		_, after, ok := strings.Cut(rest, `<div class="revgroup">`)
		if !ok {
			return out
		}
		g, next, _ := strings.Cut(after, "</dl>\n</div>")
		out, rest = append(out, g), next
	}
}

// firstDiff shows where two pages part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "template: " + strings.ToValidUTF8(string(a[from:min(len(a), i+160)]), "?") +
		"\n      go: " + strings.ToValidUTF8(string(b[from:min(len(b), i+160)]), "?")
}

// TestRevgroupsEscaping: the Go partial's escapers are html/template's,
// for text and for a URL attribute, on hostile and unusual strings.
func TestRevgroupsEscaping(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`{{.}}|<a href="{{.}}">`))
	for _, s := range []string{
		`plain`, `<script>alert(1)</script>`, `a & b "q" 'a' +1 >`, "nul\x00byte", "bad \xff utf8",
		`javascript:alert(1)`, `JavaScript:x`, `mailto:a@b.it`, `HTTPS://x.it/a b?c=d&e=f#g`, `../a/b/#ind-1`,
		`/x/y:z`, `data:text/html,x`, `%zz %41 %4`, "àè ü/ï", `{}|\^` + "`", "\ufdd0\uffff",
	} {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got htmlBuf
		writeEscaped(&got, s)
		got.WriteString(`|<a href="`)
		writeEscaped(&got, normalizeURL(filterURL(s)))
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	}
	// Strings of bytes that matter to the escapers, valid UTF-8 or not,
	// in their thousands: writeEscaped goes byte by byte.
	pieces := []string{"a", " ", "<", ">", "&", `"`, "'", "+", "\x00", "\xff", "\xc3", "\xa8", "è", "€", "\ufffd", "\U0001F600", "\xe2\x82", "=", "`"}
	r := rand.New(rand.NewPCG(1, 2))
	text := template.Must(template.New("").Parse(`{{.}}`))
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		var want bytes.Buffer
		if err := text.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got htmlBuf
		writeEscaped(&got, s)
		if got.String() != want.String() {
			t.Fatalf("%q:\n got %q\nwant %q", s, got.String(), want.String())
		}
	}
}

// TestBuiltinIndicatorPartialsCalled: the Go indicator partials, called
// as a template calls them with arguments no page of the examples gives
// (a revision the plan lacks, notes without their indicator, a partial no
// layout calls since its caller is in Go), render what their templates
// render; with arguments they do not know, they fail.
func TestBuiltinIndicatorPartialsCalled(t *testing.T) {
	_, pages := loaded(t, "testdata/plans/f-ciclo", false)
	var pg *page
	var ind *plan.Indicator
	for _, name := range pages.Paths() {
		p := pages.pages[name]
		if p == nil || p.Kind != "sheet" || p.Original {
			continue
		}
		p.r = pages.r
		for _, i := range p.Sheet.Indicators() {
			if p.IndicatorCycle(p.Sheet, i) != nil {
				pg, ind = p, i
				break
			}
		}
		if pg != nil {
			break
		}
	}
	if pg == nil {
		t.Fatal("no indicator with results or monitoring")
	}
	goR := pg.r
	tmplR := *goR
	if err := tmplR.parseLayouts(&theme{fs: goR.theme, words: goR.words}); err != nil {
		t.Fatal(err)
	}
	hostile := hostileWords(t, goR)
	s := pg.Sheet
	hostileText := `<b>'a'</b> & "b" +1`
	v := pg.IndicatorView(s, ind)
	cycle := pg.IndicatorCycle(s, ind)
	mon := append([]monitoringRow(nil), cycle.Monitoring...)
	mon = append(mon, monitoringRow{Monitoring: &plan.Monitoring{Data: plan.Text{S: "2024-05"}, Valore: plan.Text{S: "//"},
		Nota: plan.Text{S: hostileText}, Proposta: plan.Text{S: hostileText}}, ID: hostileText, Progress: stateView{Key: hostileText}, Rev: &pg.Plan.Revisioni[0]})
	rows := append(append([]resultRow(nil), cycle.Rows...), resultRow{Year: hostileText, Target: "//"},
		resultRow{Year: "2030", Target: hostileText, Result: &plan.Result{Valore: plan.Text{S: hostileText}, Raggiungimento: plan.Text{S: "//"}, Nota: plan.Text{S: hostileText}}})
	cycle = &cycleView{Rows: rows, Monitoring: mon, Latest: &mon[len(mon)-1]}
	rev := pg.Plan.Revisioni[0].ID.S
	notes := []plan.Note{{Rimando: plan.Text{S: "a"}, Testo: plan.Text{S: hostileText}},
		{Testo: plan.Text{S: "tolta"}, Stralcio: plan.Text{S: rev}}, {Testo: plan.Text{S: "aggiunta"}, Inserita: plan.Text{S: rev}},
		{Testo: plan.Text{S: "ignota"}, Stralcio: plan.Text{S: "nessuna"}}}
	for _, c := range []struct {
		name string
		args any
	}{
		{"revref", dict2(t, "P", pg, "ID", rev)},
		{"revref", dict2(t, "P", pg, "ID", "nessuna")},
		{"revnotes", dict2(t, "P", pg, "Notes", []plan.RevNote{{Revisione: plan.Text{S: "nessuna"}, Attuata: plan.Text{S: hostileText}},
			{Revisione: plan.Text{S: rev}, Attuata: plan.Text{S: "x"}, Causa: plan.Text{S: hostileText}}})},
		{"revnotes", dict2(t, "P", pg, "Notes", []plan.RevNote(nil))},
		{"notes", dict2(t, "P", pg, "Notes", notes)},
		{"notes", dict2(t, "P", pg, "Notes", notes, "I", ind)},
		{"notes", dict2(t, "P", pg, "Notes", notes, "I", nil)},
		{"notes", dict2(t, "P", pg, "Notes", []plan.Note{})},
		{"mark", dict2(t, "Marker", "*")},
		{"mark", dict2(t, "Marker", "(1)", "Note", (*noteRef)(nil))},
		{"mark", dict2(t, "Marker", hostileText, "Note", &noteRef{URL: "javascript:alert(1)", Text: hostileText})},
		{"mark", dict2(t, "Marker", "*", "Note", &noteRef{URL: "#nota 1?a=<b>", Text: "t"})},
		{"copylink", dict2(t, "ID", "a b#c/<d>&é", "What", hostileText)},
		{"copylink", dict2(t, "ID", "x", "What", template.HTML("<i>y</i>"), "Page", false)},
		{"copylink", dict2(t, "ID", "x", "What", "y", "Page", true)},
		{"indheading", v},
		{"indbody", dict2(t, "P", pg, "S", s, "I", ind, "V", v)},
		{"indicator", dict2(t, "P", pg, "S", s, "I", ind)},
		{"indicator-cycle", dict2(t, "P", pg, "S", s, "I", ind)},
		{"indicator-cycle", dict2(t, "P", pg, "S", s, "I", &plan.Indicator{})},
		{"results", dict2(t, "C", cycle, "Caption", template.HTML("<i>c</i>"))},
		{"results", dict2(t, "C", cycle, "Caption", hostileText)},
		{"results", dict2(t, "C", (*cycleView)(nil), "Caption", "")},
		{"results", dict2(t, "C", &cycleView{Monitoring: cycle.Monitoring}, "Caption", "")},
		{"monitoring", dict2(t, "P", pg, "C", cycle, "Caption", hostileText)},
		{"monitoring", dict2(t, "P", pg, "C", &cycleView{Rows: cycle.Rows, Monitoring: cycle.Monitoring}, "Caption", template.HTML("c"))},
		{"monitoring", dict2(t, "P", pg, "C", &cycleView{Rows: cycle.Rows}, "Caption", "")},
		{"outcome", stateView{Key: hostileText, Word: hostileText, Symbol: hostileText}},
		{"progress", stateView{Key: "in_linea", Word: "in linea", Symbol: "="}},
	} {
		// the theme's words, and words with what HTML escapes (in text
		// and in attributes, data-label="{{t …}}")
		for _, r := range [][2]*renderer{{goR, &tmplR}, hostile} {
			var inGo, byTemplate bytes.Buffer
			if err := r[0].tmpl["sheet"].ExecuteTemplate(&inGo, c.name, c.args); err != nil {
				t.Fatal(err)
			}
			if err := r[1].tmpl["sheet"].ExecuteTemplate(&byTemplate, c.name, c.args); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(inGo.Bytes(), byTemplate.Bytes()) {
				t.Errorf("%s %v: differs\n%s", c.name, c.args, firstDiff(byTemplate.Bytes(), inGo.Bytes()))
			}
		}
	}

	// Arguments a partial does not know.
	for name, call := range map[string]func() (template.HTML, error){
		"indicator":     func() (template.HTML, error) { return goR.indicatorHTML(dict2(t, "P", pg, "S", s)) },
		"indheading":    func() (template.HTML, error) { return goR.indheadingHTML(nil) },
		"indbody":       func() (template.HTML, error) { return goR.indbodyHTML(dict2(t, "P", pg, "S", s, "I", ind)) },
		"copylink ID":   func() (template.HTML, error) { return goR.copylinkHTML(dict2(t, "What", "y")) },
		"copylink What": func() (template.HTML, error) { return goR.copylinkHTML(dict2(t, "ID", "x", "What", 1)) },
		"copylink Page": func() (template.HTML, error) {
			return goR.copylinkHTML(dict2(t, "ID", "x", "What", "y", "Page", "sì"))
		},
		"mark":            func() (template.HTML, error) { return goR.markHTML(dict2(t, "Marker", "*", "Note", "n")) },
		"revref":          func() (template.HTML, error) { return goR.revrefHTML(dict2(t, "P", pg)) },
		"notes":           func() (template.HTML, error) { return goR.notesHTML(dict2(t, "P", pg, "Notes", notes, "I", "i1")) },
		"revnotes":        func() (template.HTML, error) { return goR.revnotesHTML(dict2(t, "P", pg, "Notes", notes)) },
		"indicator-cycle": func() (template.HTML, error) { return goR.indicatorCycleHTML(dict2(t, "P", pg, "S", s)) },
		"results C":       func() (template.HTML, error) { return goR.resultsHTML(dict2(t, "C", v, "Caption", "")) },
		"results Caption": func() (template.HTML, error) { return goR.resultsHTML(dict2(t, "C", cycle, "Caption", 1)) },
		"monitoring": func() (template.HTML, error) {
			return goR.monitoringHTML(dict2(t, "C", cycle, "Caption", ""))
		},
	} {
		if h, err := call(); err == nil {
			t.Errorf("%s: no error, %q", name, h)
		}
	}
}

// hostileWords are renderers like r, in Go and by the templates, whose
// words each end with what HTML escapes.
func hostileWords(t *testing.T, r *renderer) [2]*renderer {
	ws := *r.words
	ws.text = maps.Clone(r.words.text)
	for k, v := range ws.text {
		ws.text[k] = v + ` l'a "b" +c <d> & e &amp;`
	}
	ws.html = nil // made from the words as read
	var out [2]*renderer
	for i, builtin := range []bool{true, false} {
		cp := *r
		cp.words, cp.diffs, cp.names, cp.bodies = &ws, &sync.Map{}, &sync.Map{}, &bodyMemo{} // other words: differences, names and bodies of their own
		if err := cp.parseLayouts(&theme{fs: r.theme, words: &ws, builtin: builtin}); err != nil {
			t.Fatal(err)
		}
		out[i] = &cp
	}
	return out
}

// dict2 is dict for a test.
func dict2(t *testing.T, kv ...any) map[string]any {
	t.Helper()
	m, err := dict(kv...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestIndicatorEscaping: the escapers of the Go indicator partials are
// html/template's for a fragment (href="#{{.}}"), a plain attribute
// (id, title) and the theme's words in an attribute (data-copied="{{t
// …}}": HTML, its < and > escaped by words.HTML), on hostile strings.
func TestIndicatorEscaping(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<a href="#{{.S}}" id="{{.S}}-h" title="{{.S}}" data-copied="{{.H}}">`))
	for _, s := range []string{
		`plain`, `ind-1`, `<script>alert(1)</script>`, `a & b "q" 'a' +1 >`, "nul\x00byte", "bad \xff utf8",
		`javascript:alert(1)`, `a b#c?d=e&f`, `%41 %zz`, "àè ü/ï", `{}|\^` + "`", "\ufdd0\uffff", `&amp; &#39; &lt;`,
		`!$*+,/:;=?@[]-._~()`,
	} {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, map[string]any{"S": s, "H": template.HTML(escapeMarkup(s))}); err != nil {
			t.Fatal(err)
		}
		var got htmlBuf
		got.WriteString(`<a href="#`)
		writeEscaped(&got, escapeURL(s))
		got.WriteString(`" id="`)
		writeEscaped(&got, s)
		got.WriteString(`-h" title="`)
		writeEscaped(&got, s)
		got.WriteString(`" data-copied="`)
		writeAttrHTML(&got, template.HTML(escapeMarkup(s)))
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	}
}

// TestSiteThemeKeepsItsPartials: a site whose theme writes its own
// partials gets them as its files write them, not the Go rendering of the
// built-in ones.
func TestSiteThemeKeepsItsPartials(t *testing.T) {
	cycle := t.TempDir() // the example site has no results nor monitoring
	if err := os.CopyFS(cycle, os.DirFS("testdata/plans/f-ciclo")); err != nil {
		t.Fatal(err)
	}
	// Each edit marks a partial with a class or a title of the site's:
	// the file, the text, the text marked and the mark in the pages.
	edits := []struct{ file, old, mine, mark string }{
		{"_partials.html", `<span class="ind-num">`, `<span class="ind-num mine">`, ""},
		{"_partials.html", `<ul class="notes">`, `<ul class="notes mine">`, ""},
		{"_partials.html", `<dl class="revnotes">`, `<dl class="revnotes mine">`, ""},
		{"_partials.html", `<dl class="targets">`, `<dl class="targets mine">`, ""},
		{"_partials.html", `<span class="diff">`, `<span class="diff mine">`, ""},
		{"_partials.html", `<div class="revgroup">`, `<div class="revgroup mine">`, ""},
		{"_partials.html", `<sup class="marker">`, `<sup class="marker mine">`, ""},
		{"_partials.html", `{{with .P.Rev .ID}}<a href=`, `{{with .P.Rev .ID}}<a title="mine" href=`, `<a title="mine" href=`},
		{"_partials.html", `<details class="indicator removed"`, `<details class="indicator removed mine"`, ""},
		{"_share.html", `<a class="copy-link"`, `<a class="copy-link mine"`, ""},
		{"_cycle.html", `<table class="list results-table">`, `<table class="list results-table mine">`, ""},
		{"_cycle.html", `<table class="list monitoring">`, `<table class="list monitoring mine">`, ""},
		{"_cycle.html", `<span class="state outcome-`, `<span title="mine" class="state outcome-`, ""},
		{"_cycle.html", `<span class="state progress-`, `<span title="mine" class="state progress-`, ""},
		{"_cycle.html", "\n<div class=\"cycle\">", "\n<div class=\"cycle mine\">", ""},
	}
	files := map[string]string{}
	for _, e := range edits {
		if _, ok := files[e.file]; !ok {
			b, err := os.ReadFile(filepath.Join("../themes/default/layouts", e.file))
			if err != nil {
				t.Fatal(err)
			}
			files[e.file] = string(b)
		}
		if !strings.Contains(files[e.file], e.old) {
			t.Fatalf("%s has no %s to mark", e.file, e.old)
		}
		files[e.file] = strings.ReplaceAll(files[e.file], e.old, e.mine)
	}
	found := map[string]bool{}
	for _, dir := range []string{exampleSite(t), cycle} {
		layouts := filepath.Join(dir, "themes", "default", "layouts")
		if err := os.MkdirAll(layouts, 0o755); err != nil {
			t.Fatal(err)
		}
		for file, b := range files {
			if err := os.WriteFile(filepath.Join(layouts, file), []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out, pages := renderAll(t, dir, true)
		for name := range builtinCalls {
			if s := pages.r.tmpl["sheet"].Lookup(name).Tree.Root.String(); strings.HasPrefix(s, builtinCalls[name]) {
				t.Errorf("a site's theme renders %s in Go", name)
			}
		}
		for _, e := range edits {
			for _, b := range out {
				if bytes.Contains(b, []byte(cmp.Or(e.mark, e.mine))) {
					found[e.mine] = true
					break
				}
			}
		}
	}
	for _, e := range edits {
		if !found[e.mine] {
			t.Errorf("no page shows the site's own %s", cmp.Or(e.mark, e.mine))
		}
	}
}

// TestHTMLBuf: a partial's HTML is allocated once, at its size, whatever
// its length, its buffer going back to the pool; the next partial
// writing into a buffer of the pool gives only what it wrote.
func TestHTMLBuf(t *testing.T) {
	long := strings.Repeat("<p>un paragrafo lungo &amp; più</p>\n", 3000) // 100 KB
	write := func(s string) template.HTML {
		w := partialWriter{}
		for len(s) > 0 {
			n := min(len(s), 37)
			w.raw(s[:n])
			s = s[n:]
		}
		w.b.WriteByte('!')
		return w.done()
	}
	if got := write(long); string(got) != long+"!" {
		t.Fatalf("%d bytes written, %d given", len(long)+1, len(got))
	}
	if got := write("breve"); got != "breve!" {
		t.Errorf("after a long partial, a short one gives %q", got)
	}
	write(long) // the pool holds a buffer large enough
	if allocs := testing.AllocsPerRun(20, func() { write(long) }); allocs > 2 {
		t.Errorf("%.0f allocations to write 100 KB: want the string alone", allocs)
	}
	var b htmlBuf
	if b.Len() != 0 || b.String() != "" || b.Bytes() != nil {
		t.Error("an empty buffer is not empty")
	}
	b.WriteString("x")
	b.Reset()
	b.WriteString("y")
	if b.String() != "y" {
		t.Errorf("after Reset: %q", b.String())
	}
	b.release()
	if b.Len() != 0 {
		t.Error("a released buffer is not empty")
	}
}

// TestWriteURLSameAsFiltered: writeURL, which writes a link of plain
// bytes as it is, writes every string as the filter, the normaliser and
// the escaper do one after the other: typical links, hostile ones, and
// 5,000 random strings mixing the plain bytes with those that matter.
func TestWriteURLSameAsFiltered(t *testing.T) {
	cases := []string{"", "../../operativi/00042/index.html#ind-1", "index.html", "#", "../a_b.c~d/", "javascript:alert(1)",
		"JavaScript:x", "mailto:a@b.it", "https://x.it/a b?c=d&e=f#g", "%zz %41", "àè", "a\"b", "a'b", "a+b", "a<b>", "\x00", "\xff"}
	pieces := []string{"a", "Z", "0", "-", ".", "_", "~", "/", "#", ":", "%", "%4", "%41", " ", "?", "&", "=", "\"", "'", "+", "<", ">", "è", "\xff", "\x00", "javascript:", "http:", "@"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(10) {
			if r.IntN(2) == 0 {
				b.WriteString(pieces[r.IntN(9)]) // plain bytes, often a string of them alone
			} else {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		cases = append(cases, b.String())
	}
	plain := 0
	for _, s := range cases {
		var want, got htmlBuf
		writeEscaped(&want, normalizeURL(filterURL(s)))
		writeURL(&got, s)
		if got.String() != want.String() {
			t.Fatalf("%q: writeURL wrote %q, the filter, normaliser and escaper %q", s, got.String(), want.String())
		}
		if want.String() == s {
			plain++
		}
	}
	if plain == 0 || plain == len(cases) {
		t.Fatalf("%d of %d cases come out as they went in: the cases test too little", plain, len(cases))
	}
}
