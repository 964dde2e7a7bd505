package markup

import (
	"html/template"
	"strings"
	"testing"
)

var testWords = DocWords{FootnoteLink: "Vai alla nota", FootnoteBack: "Torna al testo"}

// resolveTest knows one section and one sheet with an indicator.
func resolveTest(dest string) (string, string, bool) {
	switch dest {
	case "sezione:premesse":
		return "../premesse/index.html", "Premesse", true
	case "scheda:suap", "scheda:operativi/suap":
		return "../../operativi/suap/index.html", "SUAP <gestione>", true
	case "scheda:suap#i1":
		return "../../operativi/suap/index.html#ind-i1", "Pratiche", true
	}
	return "", "", false
}

func TestDocRender(t *testing.T) {
	d := NewDoc(testWords)
	for _, c := range []struct {
		name, src string
		opt       DocOptions
		must      []string
		mustNot   []string
	}{
		{"GFM table", "| a | b |\n|---|---|\n| 1 | 2 |\n", DocOptions{}, []string{"<table>", "<th>a</th>", "<td>2</td>"}, nil},
		{"footnote with prefix", "Testo[^1].\n\n[^1]: La nota.\n", DocOptions{Prefix: "s1-"},
			[]string{`id="s1-fnref:1"`, `href="#s1-fn:1"`, `id="s1-fn:1"`, `title="Vai alla nota"`, `<span class="sr-only">Torna al testo</span>`}, nil},
		{"short links", "[testo](sezione:premesse), [](scheda:suap), [](scheda:suap#i1)", DocOptions{Resolve: resolveTest},
			[]string{`<a href="../premesse/index.html">testo</a>`, `<a href="../../operativi/suap/index.html">SUAP &lt;gestione&gt;</a>`,
				`<a href="../../operativi/suap/index.html#ind-i1">Pratiche</a>`}, []string{"sezione:", "scheda:"}},
		{"unknown short link is its text", "[vedi](scheda:nessuna) e [](sezione:x)", DocOptions{Resolve: resolveTest},
			[]string{"<p>vedi e </p>"}, []string{"<a", "scheda:"}},
		{"no resolver", "[vedi](sezione:premesse)", DocOptions{}, []string{"<p>vedi</p>"}, []string{"<a"}},
		{"headings under the page's", "# Uno\n\n## Due\n\n#### Quattro\n", DocOptions{Level: 3},
			[]string{"<h3>Uno</h3>", "<h4>Due</h4>", "<h6>Quattro</h6>"}, []string{"<h1", "<h2"}},
		{"headings starting at ##", "## Uno\n\n### Due\n", DocOptions{Level: 2}, []string{"<h2>Uno</h2>", "<h3>Due</h3>"}, nil},
		{"raw HTML stays out", "<script>alert(1)</script>\n\n<b onclick=x>b</b>", DocOptions{}, nil, []string{"<script", "onclick", "<b "}},
		{"unsafe link", "[x](javascript:alert(1)) [y](scheda:javascript:alert(1))", DocOptions{Resolve: resolveTest},
			[]string{`<a href="#">x</a>`}, []string{"javascript"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := string(d.Render(c.src, c.opt))
			for _, m := range c.must {
				if !strings.Contains(got, m) {
					t.Errorf("Render(%q) = %q, want %q in it", c.src, got, m)
				}
			}
			for _, m := range c.mustNot {
				if strings.Contains(strings.ToLower(got), strings.ToLower(m)) {
					t.Errorf("Render(%q) = %q, holds %q", c.src, got, m)
				}
			}
		})
	}
}

// TestDocMarks: an amended passage is marked piece by piece, each piece
// whole within its element, the first with what it replaced.
func TestDocMarks(t *testing.T) {
	d := NewDoc(testWords)
	src := "Un testo **molto importante** e altro.\n\nSecondo paragrafo qui.\n"
	passage := "importante** e altro.\n\nSecondo"
	start := strings.Index(src, passage)
	m := Mark{Start: start, End: start + len(passage), Before: template.HTML("<del>prima</del> "), Label: template.HTML(`<span class="rev-tag">ora</span>`)}
	got := string(d.Render(src, DocOptions{Marks: []Mark{m}}))
	want := `<p>Un testo <strong>molto <del>prima</del> <ins><span class="rev-tag">ora</span>importante</ins></strong><ins> e altro.</ins></p>
<p><ins>Secondo</ins> paragrafo qui.</p>
`
	if got != want {
		t.Errorf("Render with a mark =\n%s\nwant\n%s", got, want)
	}
	if plain := string(d.Render(src, DocOptions{})); strings.Contains(plain, "<ins>") {
		t.Errorf("Render without marks marks: %s", plain)
	}
}

func TestDocText(t *testing.T) {
	d := NewDoc(testWords)
	src := "# Titolo\n\nUn [sito](https://example.it) e la [sezione](sezione:premesse).\n\n" +
		"- uno\n- due\n\n1. primo\n2. secondo\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNota[^1].\n\n[^1]: Il testo della nota.\n"
	want := "Titolo\n\nUn sito (https://example.it) e la sezione.\n\n- uno\n- due\n\n1. primo\n2. secondo\n\na | b\n1 | 2\n\nNota[1].\n\n[1] Il testo della nota.\n"
	if got := d.Text(src, resolveTest); got != want {
		t.Errorf("Text =\n%q\nwant\n%q", got, want)
	}
	if got := d.Text("  \n", nil); got != "" {
		t.Errorf("Text of nothing = %q", got)
	}
}

func TestLinks(t *testing.T) {
	src := "Vedi [qui](sezione:premesse)\ne [](scheda:suap#i1) e [altro](https://example.it).\n\n[rif]: scheda:operativi/suap\n\n[x][rif]"
	got := Links(src)
	want := []Link{{"sezione:premesse", 1, 12}, {"scheda:suap#i1", 2, 6}, {"scheda:operativi/suap", 4, 8}}
	if len(got) != len(want) {
		t.Fatalf("Links = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Links[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	for dest, want := range map[string][3]string{
		"sezione:premesse":         {SectionScheme, "premesse", ""},
		"Scheda:suap#i1":           {SheetScheme, "suap", "i1"},
		"scheda:operativi/suap":    {SheetScheme, "operativi/suap", ""},
		"https://example.it/#x":    {"", "https://example.it/#x", ""},
		" sezione:valore-pubblico": {SectionScheme, "valore-pubblico", ""},
	} {
		s, tg, f := SplitShort(dest)
		if [3]string{s, tg, f} != want {
			t.Errorf("SplitShort(%q) = %q, %q, %q, want %v", dest, s, tg, f, want)
		}
	}
}

// TestDocRenderAny: a body said to render the same with any options
// does, with every option set tried; the bodies with a heading, a link,
// a footnote or raw HTML, and any body rendered with marks, are not said
// to.
func TestDocRenderAny(t *testing.T) {
	bodies := []struct {
		src string
		any bool
	}{
		{"Un testo semplice, su due\nrighe, con *enfasi*, `codice` e ~~barrato~~.", true},
		{"- uno\n- due\n\n1. primo\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> citazione", true},
		{"", true},
		{"# Titolo\n\nTesto.", false},
		{"Titolo\n======\n\nTesto.", false},
		{"Sottotitolo\n---\n\nTesto.", false},
		{"Vedi [la sezione](sezione:premesse) e [](scheda:suap#i1).", false},
		{"Testo[^1].\n\n[^1]: La nota.", false},
		{"<b>grassetto</b> e <https://example.it>", false},
	}
	options := []DocOptions{
		{Level: 2},
		{Level: 4, Prefix: "s1-", Resolve: resolveTest},
		{Level: 3, Resolve: resolveTest},
		{Level: 2, Prefix: "s2-"},
	}
	d := NewDoc(testWords)
	for _, b := range bodies {
		first, _ := d.RenderAny(b.src, options[0])
		differs := false
		for _, opt := range options {
			html, any := d.RenderAny(b.src, opt)
			if any != b.any {
				t.Errorf("%q with level %d, prefix %q: the same with any options %v, want %v", b.src, opt.Level, opt.Prefix, any, b.any)
			}
			if html != d.Render(b.src, opt) {
				t.Errorf("%q: RenderAny and Render differ", b.src)
			}
			differs = differs || html != first
		}
		if b.any && differs {
			t.Errorf("%q renders differently with other options", b.src)
		}
		if !b.any && b.src != "" && !differs && OptionFree(b.src) {
			t.Errorf("%q: the case tests nothing: it renders the same with every option tried", b.src)
		}
	}
	m := Mark{Start: 3, End: 8, Label: template.HTML("<span>ora</span>")}
	if html, any := d.RenderAny(bodies[0].src, DocOptions{Marks: []Mark{m}}); any || !strings.Contains(string(html), "<ins>") {
		t.Errorf("a body rendered with marks: the same with any options %v, %s", any, html)
	}
}
