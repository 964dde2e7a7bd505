package markup

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/piao-pa/piao/internal/synth"
)

// accepted are the shapes of synth.Bodies that piao renders at 256 kB:
// what an office writes, and hostile shapes that cost linear time (some of
// which a larger body takes past MaxElements).
var accepted = map[string]bool{"prose": true, "ampersands": true, "escaped characters": true, "list of links": true,
	"paragraphs": true, "links in paragraphs": true, "short paragraphs": true, "list of acts": true}

// TestLimitsRefuseHostileShapes: every hostile shape of synth.Bodies that
// the renderer cannot take in linear time is refused, at 256 kB, with the
// kind of problem that it is; the others pass.
func TestLimitsRefuseHostileShapes(t *testing.T) {
	want := map[string]Kind{
		"link openers": TooManyOpen, "unclosed destinations": TooManyOpen, "unclosed angle destinations": TooManyOpen,
		"unclosed titles": TooManyOpen, "reference openers": TooManyOpen, "reference definitions": TooManyOpen,
		"mismatched emphasis": TooMuchEmph, "quoted mismatched emphasis": TooMuchEmph, "emphasis in threes": TooMuchEmph,
		"nested brackets": TooManyOpen, "nested quotes": TooDeep, "nested lists": TooDeep, "strikethrough": TooMuchEmph,
		"wide table": TooWide, "padded rows": TooManyCells, "table rows": TooManyCells,
		"deep lines": TooManyElems, "plain list": TooManyElems,
	}
	r := New()
	for _, b := range synth.Bodies {
		ps := r.Check(b.Make(256 << 10))
		switch k, hostile := want[b.Name]; {
		case !hostile && !accepted[b.Name]:
			t.Errorf("%s: a shape neither refused nor accepted", b.Name)
		case !hostile && len(ps) > 0:
			t.Errorf("%s: refused: %+v", b.Name, ps[0])
		case hostile && (len(ps) == 0 || ps[0].Kind != k):
			t.Errorf("%s: problems %+v, want first of kind %d", b.Name, ps[:min(len(ps), 1)], k)
		}
	}
}

// TestLimitsEachBound: each bound, just below and just above.
func TestLimitsEachBound(t *testing.T) {
	para := func(unit string, n int) string { return strings.Repeat(unit, n) }
	links := func(n int) string { // n links of 30 bytes, in one paragraph
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[voce %d](https://example.org/%d) ", i, i)
		}
		return b.String()
	}
	tests := []struct {
		name      string
		ok, notOK string
		kind      Kind
	}{
		{"depth", strings.Repeat("> ", MaxDepth) + "a", strings.Repeat("> ", MaxDepth+1) + "a", TooDeep},
		{"list depth", strings.Repeat("- ", MaxDepth) + "a", strings.Repeat("- ", MaxDepth+1) + "a", TooDeep},
		{"columns", strings.Repeat("|a", MaxColumns) + "|\n" + strings.Repeat("|-", MaxColumns) + "|\n",
			strings.Repeat("|a", MaxColumns+1) + "|\n" + strings.Repeat("|-", MaxColumns+1) + "|\n", TooWide},
		{"cells", "a|b\n-|-\n" + strings.Repeat("c|d\n", MaxCells/2-1), "a|b\n-|-\n" + strings.Repeat("c|d\n", MaxCells/2), TooManyCells},
		{"emphasis", para("*a* ", MaxEmphasis/2), para("*a* ", MaxEmphasis/2) + "*", TooMuchEmph},
		{"brackets", links(MaxBrackets), links(MaxBrackets) + "[", TooManyOpen},
		{"elements", strings.Repeat("a\n\n", MaxElements), strings.Repeat("a\n\n", MaxElements) + "b", TooManyElems},
		{"link scans", "a" + para("[a](b ", 100) + strings.Repeat("x", 100_000), para("[a](b \"", 100) + strings.Repeat(" x", 100_000), TooManyLinks},
	}
	r := New()
	for _, tt := range tests {
		if ps := r.Check(tt.ok); len(ps) > 0 {
			t.Errorf("%s: refused below the bound: %+v", tt.name, ps[0])
		}
		if ps := r.Check(tt.notOK); len(ps) != 1 || ps[0].Kind != tt.kind {
			t.Errorf("%s: above the bound: %+v, want one of kind %d", tt.name, ps, tt.kind)
		}
	}
}

// TestLimitsSeeWhatGoldmarkSees: a code block is not inline text, but a
// code block that a block quote's end closes is; a paragraph goes on
// through quoted lines and ends at a list item.
func TestLimitsSeeWhatGoldmarkSees(t *testing.T) {
	r := New()
	code := "```\n" + strings.Repeat("a[0] = x*y_z\n", 1000) + "```\n"
	if ps := r.Check(code); len(ps) > 0 {
		t.Errorf("brackets in a code block: %+v", ps[0])
	}
	if ps := r.Check("> ```\n" + strings.Repeat("*a_ ", MaxEmphasis+1) + "\n"); len(ps) != 1 || ps[0].Kind != TooMuchEmph {
		t.Errorf("text after a quoted code block: %+v", ps)
	}
	if ps := r.Check(strings.Repeat("> *a_\n", MaxEmphasis+1)); len(ps) != 1 || ps[0].Kind != TooMuchEmph {
		t.Errorf("a quoted paragraph: %+v", ps)
	}
	if ps := r.Check(strings.Repeat("- *a_\n", MaxEmphasis+1)); len(ps) > 0 {
		t.Errorf("list items: %+v", ps[0])
	}
}

// TestLimitsPassWriting: what an office writes passes, however long: the
// example's body, a megabyte of prose, a long list of links, a large
// table.
func TestLimitsPassWriting(t *testing.T) {
	example, err := os.ReadFile("../../content/piao-2024-2026/operativi/registro-imprese.md")
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	table.WriteString("| Anno | Indicatore | Valore | Fonte | Note |\n|---|---|---:|---|---|\n")
	for i := range 2000 {
		fmt.Fprintf(&table, "| 2024 | Indicatore %d | %d%% | [fonte](https://example.org/%d) | **nota** _breve_ |\n", i, i%100, i)
	}
	r := New()
	for name, text := range map[string]string{"example": string(example), "prose": synth.Prose(1 << 20),
		"links": strings.Repeat("- [Delibera](https://example.org/delibera.pdf) del *giorno*\n", 10_000), "table": table.String()} {
		if ps := r.Check(text); len(ps) > 0 {
			t.Errorf("%s: %+v", name, ps[0])
		}
	}
}

// TestExternalImages: an image another site would serve is found, with
// its address and place; links, relative images and raw HTML are not.
func TestExternalImages(t *testing.T) {
	src := "Testo ![logo](https://cdn.example.org/logo.png) e ![x](//cdn.example.org/x.gif).\n\n" +
		"![ref][l]\n\n[l]: http://example.org/a.png\n\n[link](https://example.org/) ![locale](grafico.png) <img src=\"https://x.org/y.png\"> <https://a.it>\n"
	var got []string
	for _, p := range New().Check(src) {
		if p.Kind != ExternalImage || !strings.HasPrefix(src[p.Offset:], "![") {
			t.Fatalf("problem %+v, at %q", p, src[p.Offset:])
		}
		got = append(got, p.URL)
	}
	want := "https://cdn.example.org/logo.png //cdn.example.org/x.gif http://example.org/a.png"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestRenderRefusedText: a text past a bound is shown escaped, at once.
func TestRenderRefusedText(t *testing.T) {
	src := strings.Repeat("[a](", 100_000)
	if got := string(New().Render(src)); got != "<p>"+src+"</p>" {
		t.Errorf("Render gave %d bytes", len(got))
	}
}

// TestInlinerBounds: a field's text is read as the Inliner reads it, one
// paragraph where "- " or "> " is text; past a bound it is shown as it is
// written, escaped, at once.
func TestInlinerBounds(t *testing.T) {
	in := NewInliner()
	items := strings.Repeat("- _a\n", MaxEmphasis+1)
	if ps := New().Check(items); len(ps) > 0 {
		t.Errorf("as a body, list items are paragraphs of their own: %+v", ps[0])
	}
	if ps := in.Check(items); len(ps) != 1 || ps[0].Kind != TooMuchEmph {
		t.Errorf("as a field, one paragraph: %+v", ps)
	}
	if ps := in.Check(strings.Repeat("[a](b)\n\n", MaxInline)); len(ps) != 1 || ps[0].Kind != TooManyElems {
		t.Errorf("a field of %d links: %+v", MaxInline, ps)
	}
	if ps := in.Check("Un _testo_ con un [collegamento](https://example.org/) e (*) una nota."); len(ps) > 0 {
		t.Errorf("an ordinary field: %+v", ps)
	}
	src := strings.Repeat("[a](", 100_000)
	if got := string(in.HTML(src)); got != src {
		t.Errorf("HTML of a text past the bounds gave %d bytes", len(got))
	}
	if got := in.Plain(src); got != src {
		t.Errorf("Plain of a text past the bounds gave %d bytes", len(got))
	}
}

// TestExternalImagesUnparsed: a text without "![" is not parsed by Check,
// and has no image the parse would find, however close it comes.
func TestExternalImagesUnparsed(t *testing.T) {
	r := New()
	for _, src := range []string{
		"Testo semplice.",
		"! [spazio](https://example.org/a.png)",
		"\\![escaped](https://example.org/a.png)",
		"&#33;[entità](https://example.org/a.png)",
		"!\n[a capo](https://example.org/a.png)",
		"[link](https://example.org/a.png) <img src=\"https://x.org/y.png\">",
		"![immagine](https://example.org/a.png)",
		"`![codice](https://example.org/a.png)`",
	} {
		got, want := r.Check(src), r.images(src)
		if len(got) != len(want) {
			t.Errorf("Check(%q) = %+v, the parse finds %+v", src, got, want)
		}
	}
	if len(r.Check("![immagine](https://example.org/a.png)")) != 1 {
		t.Error("an image of another site not found")
	}
}
