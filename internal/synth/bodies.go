package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Body is a shape of Markdown body for a sheet: Make writes one of about
// size bytes, so that a test can double a body and see what its cost
// does. Most shapes are hostile — each once made a stage of piao
// quadratic in the length of the body, or amplified it into billions of
// table cells — and piao must render them in linear time or refuse them
// at once; Prose is what an office writes.
type Body struct {
	Name string
	Make func(size int) string
}

// Bodies are the shapes, Prose first.
var Bodies = []Body{
	{"prose", Prose},
	{"link openers", repeat("[a](")},
	{"unclosed destinations", repeat("[a](b")},
	{"unclosed angle destinations", repeat("[a](<b")},
	{"unclosed titles", repeat("[a](b \"\n")},
	{"reference openers", repeat("[a][")},
	{"reference definitions", referenceDefinitions},
	{"mismatched emphasis", repeat("*a_ ")},
	{"quoted mismatched emphasis", repeat("> *a_\n")},
	{"list of links", repeat("- [a](https://example.org/) *b*\n")},
	{"plain list", repeat("- a\n")},
	{"paragraphs", repeat("a\n\n")},
	{"short paragraphs", repeat("Un testo.\n\n")},
	{"list of acts", repeat("- [Delibera n. 123](https://example.org/delibere/123.pdf)\n")},
	{"links in paragraphs", repeat(strings.Repeat("[a](b) *c* ", 40) + "\n\n")},
	{"emphasis in threes", func(size int) string { return "a**b" + repeat("c* ")(size) }},
	{"nested brackets", nested("[", "a", "]")},
	{"nested quotes", nested("> ", "a", "")},
	{"nested lists", nested("- ", "a", "")},
	{"deep lines", repeat(strings.Repeat("> ", 10) + "[a](b) *c* _d_\n\n")},
	{"ampersands", repeat("&amp;")},
	{"escaped characters", repeat(`&"'<>`)},
	{"strikethrough", repeat("~a")},
	{"wide table", wideTable},
	{"padded rows", func(size int) string { return table(100) + strings.Repeat("x\n", max(0, size-400)/2) }},
	{"table rows", func(size int) string { return "a|b\n-|-\n" + repeat("c|d\n")(size) }},
}

// repeat repeats unit to about size bytes.
func repeat(unit string) func(int) string {
	return func(size int) string { return strings.Repeat(unit, max(1, size/len(unit))) }
}

// nested opens, puts middle, and closes, each about size/2 bytes deep.
func nested(open, middle, close string) func(int) string {
	return func(size int) string {
		n := max(1, size/(len(open)+len(close)))
		return strings.Repeat(open, n) + middle + strings.Repeat(close, n)
	}
}

// wideTable is a table whose header holds all of size: a column every 4
// bytes (50,000 columns at 200 kB), and one short row.
func wideTable(size int) string {
	return table(max(1, size/4)) + "x\n"
}

// table is the header and delimiter rows of a table of n columns.
func table(n int) string {
	return strings.Repeat("|a", n) + "|\n" + strings.Repeat("|-", n) + "|\n"
}

// referenceDefinitions defines references for half of size, and uses them
// in one paragraph for the other half.
func referenceDefinitions(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size/2; i++ {
		fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
	}
	b.WriteString("\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "[r%d] ", i)
	}
	return b.String()
}

// Prose is the body an office writes, to about size bytes: headings,
// paragraphs with links and emphasis, lists and small tables.
func Prose(size int) string {
	var b strings.Builder
	t := &text{rnd: rand.New(rand.NewPCG(1, 2))}
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## %s\n\n", t.phrase(5))
		for range 3 {
			fmt.Fprintf(&b, "%s, **%s** e [%s](https://example.org/%d). %s _%s_.\n\n",
				t.phrase(20), t.phrase(3), t.phrase(2), i, t.phrase(25), t.phrase(4))
		}
		fmt.Fprintf(&b, "- %s\n- %s\n  - %s\n\n", t.phrase(8), t.phrase(8), t.phrase(6))
		fmt.Fprintf(&b, "| Anno | Valore | Note |\n|---|---:|---|\n| 2024 | %d | %s |\n| 2025 | %d | %s |\n\n",
			i, t.phrase(3), i+1, t.phrase(3))
	}
	return b.String()
}
