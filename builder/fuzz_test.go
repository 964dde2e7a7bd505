package builder

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// Fuzz targets for the loader, the front matter, the value readers, the
// text normaliser and the renderer. Their seed corpora, in
// testdata/fuzz/NAME/, run with every `go test`; `make fuzz` explores from
// them for a bounded time. A crasher found by the fuzzer is committed there.

// FuzzLoadSheet loads any bytes as a sheet: never a panic, and every
// finding on the sheet points inside it.
func FuzzLoadSheet(f *testing.F) {
	f.Add([]byte(testSheet))
	f.Add([]byte("area: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := testSite(nil)
		fsys[unoYAML] = &fstest.MapFile{Data: data}
		_, ds := LoadAndCheck(fsys)
		text, problem := normalizeText(data)
		lines := bytes.Count(text, []byte("\n")) + 1
		for _, d := range ds {
			if d.Pos.File() == "" {
				t.Errorf("a finding without a file: %s", d)
			}
			if d.Pos.File() != unoYAML || problem != nil || d.Pos.Line == 0 {
				continue
			}
			if line, col := int(d.Pos.Line), int(d.Pos.Col); line > lines || col < 1 || col > utf8.RuneCountInString(sourceLine(text, line))+1 {
				t.Errorf("finding outside the file (%d lines): %s", lines, d)
			}
		}
	})
}

// FuzzLoadPlan loads any bytes as piano.yaml beside a valid sheet: the
// rules that run over a plan that loaded only in part never panic.
func FuzzLoadPlan(f *testing.F) {
	f.Add([]byte(testPiano))
	f.Add([]byte("aree:\n  - unita: [{codice: u1}]\nlinee: [{obiettivi: [{id: x}]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := testSite(nil)
		fsys["content/p/piano.yaml"] = &fstest.MapFile{Data: data}
		_, ds := Build(Input{Site: fsys, Themes: piao.Themes})
		for _, d := range ds {
			if d.Pos.File() == "" {
				t.Errorf("a finding without a file: %s", d)
			}
		}
	})
}

// FuzzFrontMatter splits any text as a Markdown sheet: the body is the end
// of the file and starts on the line said.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("---\n" + testSheet + "---\nCorpo.\n"))
	f.Add([]byte("---\r\na: b\r\n--- \r\nx"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, bodyLine, ok := splitFrontMatter(src)
		if !ok {
			return
		}
		src = bytes.TrimPrefix(src, []byte("\ufeff"))
		if !bytes.HasSuffix(src, body) || !bytes.Contains(src, fm) {
			t.Fatalf("front matter %q and body %q are not parts of %q", fm, body, src)
		}
		if len(body) > 0 {
			if n := bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1; n != bodyLine {
				t.Errorf("body starts on line %d, said %d", n, bodyLine)
			}
		}
		fsys := testSite(map[string]string{unoYAML: ""})
		fsys["content/p/operativi/uno.md"] = &fstest.MapFile{Data: src}
		_, _ = LoadAndCheck(fsys)
	})
}

// FuzzValues reads any text as each kind of value: the readers never
// panic and keep their promises.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"€ 1.105.500,00", "1,105,500.00", "25%", "12,5 %", "SI", "Entro 30.06", "RSSMRA80A01F952K", "tel. 0321 123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if cents, ok, english := parseEuro(s); ok && (cents < 0 || english) {
			t.Errorf("parseEuro(%q) = %d, %v, %v", s, cents, ok, english)
		}
		if v, ok := plan.Percent(s); ok && (v < 0 || v > 100) {
			t.Errorf("Percent(%q) = %v", s, v)
		}
		for _, form := range []string{"", "binario", "percentuale", "data"} {
			_ = fitsUnit(s, form)
		}
		offsets, kinds := personalData(s)
		if len(offsets) != len(kinds) {
			t.Fatal("offsets and kinds differ")
		}
		for _, o := range offsets {
			if o < 0 || o >= len(s) {
				t.Errorf("personalData(%q): offset %d", s, o)
			}
		}
		if strings.HasPrefix(s, "€") && !strings.Contains(s, "\n") {
			_, _, _ = parseEuro(s + " €")
		}
	})
}

// FuzzNormalizeText: text comes out as UTF-8 with "\n" line ends, or is
// refused at a place inside it.
func FuzzNormalizeText(f *testing.F) {
	f.Add([]byte("a: b\r\nc: d\re\n"))
	f.Add(utf16File("a: è\n", false))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, problem := normalizeText(data)
		if problem != nil {
			if problem.msg == "" || problem.line < 0 || problem.col < 0 {
				t.Errorf("problem %+v", problem)
			}
			return
		}
		if !utf8.Valid(out) || bytes.IndexByte(out, '\r') >= 0 || bytes.IndexByte(out, 0) >= 0 {
			t.Errorf("normalizeText(%q) = %q", data, out)
		}
	})
}

// FuzzMarkdown renders any text with the real Markdown set-up and judges
// the HTML with the hostile-content oracle.
func FuzzMarkdown(f *testing.F) {
	f.Add("[x](javascript:alert(1))")
	f.Add("[](sezione:x) [a](scheda:y#z) x[^1]\n\n[^1]: n\n\n| a |\n|---|\n| b |")
	md := markup.New()
	doc := markup.NewDoc(markup.DocWords{FootnoteLink: "nota", FootnoteBack: "torna"})
	resolve := func(dest string) (string, string, bool) { return "../x/index.html", dest, len(dest)%2 == 0 }
	f.Fuzz(func(t *testing.T, s string) {
		// A body with an amended passage: its first half, if any.
		marks := []markup.Mark{{Start: 0, End: len(s) / 2, Before: "<del>x</del>", Label: "<span>ora</span>"}}
		for _, html := range []string{string(md.Render(s)), string(doc.Render(s, markup.DocOptions{Resolve: resolve, Prefix: "p-", Level: 3, Marks: marks}))} {
			page := "<!DOCTYPE html><html><body>" + html + "</body></html>"
			for _, v := range judgeSite(map[string][]byte{"x.html": []byte(page)}, []string{s}) {
				t.Errorf("Render(%q): %s", s, v)
			}
		}
		_ = doc.Text(s, resolve)
		_ = markup.Links(s)
	})
}

// FuzzMarkdownMinify renders any text as a sheet's body, in a page, and
// minifies the page as piao build does: settling the page's character
// references first (linearHTML) gives the very bytes of the minifier
// alone, and a text past a bound of the renderer is refused by Check and
// shown escaped by Render.
func FuzzMarkdownMinify(f *testing.F) {
	f.Add("a &amp; b &lt;c&gt; \"d\" 'e'\n\n| a | b |\n|---|---|\n| &copy; | `&amp;` |\n\n    &amp; codice\n")
	f.Add(strings.Repeat("[a](", 600))
	f.Add(strings.Repeat("&amp;", 300) + "\n\n> *a_ [b](c \"d\")\n")
	md := markup.New()
	f.Fuzz(func(t *testing.T, s string) {
		body := md.Render(s)
		page := []byte("<!DOCTYPE html><html><head><title>" + template.HTMLEscapeString(s) + "</title></head><body><main>" +
			string(body) + "</main></body></html>")
		if want, got := plainMinify(t, page), settledMinify(t, page); !bytes.Equal(want, got) {
			t.Errorf("Render(%q), minified:\n%s\nsettled first:\n%s", s, want, got)
		}
		for _, p := range md.Check(s) {
			if p.Kind != markup.ExternalImage && string(body) != "<p>"+template.HTMLEscapeString(s)+"</p>" {
				t.Errorf("Check(%q) refuses it (%+v), Render renders it", s, p)
			}
		}
	})
}

// FuzzRenderSheet puts any text in every field of a site, builds it with
// the real theme and minifier, and judges every output file.
func FuzzRenderSheet(f *testing.F) {
	f.Add("<script>alert(1)</script>")
	f.Fuzz(func(t *testing.T, s string) {
		site, _ := Build(Input{Site: hostileSite(s), Themes: piao.Themes, Minify: true})
		if site == nil {
			return // refused as content (a control character, say): nothing published
		}
		for _, v := range judgeSite(site.Files, []string{s}) {
			t.Errorf("payload %q: %s", s, v)
		}
	})
}
