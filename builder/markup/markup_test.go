package markup

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"
)

func TestRenderIsSafe(t *testing.T) {
	r := New()
	tests := []struct{ in, mustNot, must string }{
		{"<script>alert(1)</script>", "<script", ""},
		{`<img src=x onerror="alert(1)">`, "<img", ""},
		{"[x](javascript:alert(1))", "javascript:", `<a href="#">x</a>`},
		{"[x](JaVaScRiPt:alert(1))", "avascript:", ""},
		{"![x](data:text/html;base64,PHNjcmlwdD4=)", "data:", ""},
		{"[ok](https://example.org/a?b=1&c=2)", "", `href="https://example.org/a?b=1&amp;c=2"`},
		{"[rel](../x/index.html)", "", `href="../x/index.html"`},
		{"<javascript:alert(1)>", "href=\"javascript", ""},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "", "<table>"},
	}
	for _, tt := range tests {
		got := string(r.Render(tt.in))
		if tt.mustNot != "" && strings.Contains(strings.ToLower(got), strings.ToLower(tt.mustNot)) {
			t.Errorf("Render(%q) = %q, contains %q", tt.in, got, tt.mustNot)
		}
		if tt.must != "" && !strings.Contains(got, tt.must) {
			t.Errorf("Render(%q) = %q, want %q", tt.in, got, tt.must)
		}
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://a.it": true, "http://a.it": true, "mailto:x@a.it": true, "../a/index.html": true,
		"#x": true, "javascript:alert(1)": false, " javascript:x": false, "data:text/html,x": false,
		"//evil.example": false, "vbscript:x": false, "java\tscript:x": false, `\\evil`: false,
	} {
		if got := SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// TestLinkFilterResolvesReferences: a destination is judged as the page
// will hold it, after character references and backslash escapes.
func TestLinkFilterResolvesReferences(t *testing.T) {
	r := New()
	for _, in := range []string{
		"[x](&#106;avascript:alert(1))", "[x](javascript&#58;alert(1))", "[x](&#x6A;avascript:alert(1))",
		"[x]([x](&#106;avascript:alert(1)))", `[x](javascript\:alert(1))`, "[x](&Tab;javascript:alert(1))",
	} {
		got := string(r.Render(in))
		if !strings.Contains(got, `<a href="#">`) || strings.Contains(strings.ToLower(got), "avascript") {
			t.Errorf("Render(%q) = %q, want the link neutralised to #", in, got)
		}
	}
}

func TestInline(t *testing.T) {
	in := NewInliner()
	for _, c := range []struct{ src, html, plain string }{
		{"Rendiconto di gestione", "Rendiconto di gestione", "Rendiconto di gestione"},
		{"entro il 30.06 (*)", "entro il 30.06 (*)", "entro il 30.06 (*)"},
		{"presentate(*)) x 100 (* nei limiti", "presentate(*)) x 100 (* nei limiti", "presentate(*)) x 100 (* nei limiti"},
		{"**entro** il [30 giugno](https://example.it/a)", `<strong>entro</strong> il <a href="https://example.it/a">30 giugno</a>`, "entro il 30 giugno"},
		{"1. Attivare il servizio", "1. Attivare il servizio", "1. Attivare il servizio"},
		{"# non un titolo", "# non un titolo", "# non un titolo"},
		{"<script>alert(1)</script> & co", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", "<script>alert(1)</script> & co"},
		{"[x](javascript:alert(1))", `<a href="#">x</a>`, "x"},
		{"![logo](https://other.example/l.png) testo", "logo testo", "logo testo"},
		{"`codice_ipa` e _enfasi_", "<code>codice_ipa</code> e <em>enfasi</em>", "codice_ipa e enfasi"},
	} {
		if got := string(in.HTML(c.src)); got != c.html {
			t.Errorf("HTML(%q) = %q, want %q", c.src, got, c.html)
		}
		if got := in.Plain(c.src); got != c.plain {
			t.Errorf("Plain(%q) = %q, want %q", c.src, got, c.plain)
		}
	}
}

// bufWriter is what goldmark writes into as it is, without a bufio.Writer
// of its own at every render.
var _ util.BufWriter = (*bufWriter)(nil)
