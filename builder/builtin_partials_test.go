package builder

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		`valore: "Definizione, tramite`, `valore: "Definizione <b>'a'</b> & \"b\" +1, tramite`).Replace(string(b))
	if edited == string(b) {
		t.Fatal("the example sheet has no revised target to edit")
	}
	if err := os.WriteFile(sheet, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{example}
	plans, err := filepath.Glob("testdata/plans/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, plans...)
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
				for name, call := range map[string]string{"revgroups": "{{revgroupsHTML .", "value": "{{valueHTML ."} {
					if s := goR.tmpl["sheet"].Lookup(name).Tree.Root.String(); !strings.HasPrefix(s, call) {
						t.Fatalf("the built-in theme renders %s with its template", name)
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
		var got strings.Builder
		writeEscaped(&got, s)
		got.WriteString(`|<a href="`)
		writeEscaped(&got, normalizeURL(filterURL(s)))
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	}
}
