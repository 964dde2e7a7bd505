package synth

import (
	_ "embed"
	"math/rand/v2"
	"strings"
	"unicode"
)

// corpus holds the texts of the example site (content/piao-2024-2026),
// one a line: descriptions, algorithms, revision notes, the Markdown body.
// The generated text follows it word by word, so that it reads like the
// example and has its vocabulary; TestCorpusFromExample keeps it honest.
//
//go:embed corpus.txt
var corpus string

// chain is a table of which word follows which in the corpus.
type chain struct {
	starts []string            // the first words of the corpus' texts
	next   map[string][]string // word → the words that follow it, repeated as often as they do
}

// The words of the corpus as a chain, built once: words holding digits
// break it, so that no run of generated words makes up a number (a phone
// number is personal data, and the check warns about it).
var words = newChain(corpus)

func newChain(text string) *chain {
	c := &chain{next: map[string][]string{}}
	for _, line := range strings.Split(text, "\n") {
		prev := ""
		for _, w := range strings.Fields(line) {
			if strings.ContainsFunc(w, unicode.IsDigit) || strings.ContainsAny(w, "@*_`#") {
				prev = ""
				continue
			}
			if prev == "" {
				c.starts = append(c.starts, w)
			} else {
				c.next[prev] = append(c.next[prev], w)
			}
			prev = w
		}
	}
	return c
}

// text writes Italian text in the words of the example.
type text struct {
	rnd *rand.Rand
	seq int // made-up names so far
}

// phrase is a sentence of about n words, capitalised, without the
// punctuation of a cut sentence at its end. One word in forty is a made-up
// proper name, so that the vocabulary grows with the site as a real one
// does.
func (t *text) phrase(n int) string {
	out := make([]string, 0, n)
	w := ""
	for len(out) < n {
		if t.rnd.IntN(40) == 0 {
			out = append(out, t.name())
			continue
		}
		if next := words.next[w]; len(next) > 0 {
			w = next[t.rnd.IntN(len(next))]
		} else {
			w = words.starts[t.rnd.IntN(len(words.starts))]
		}
		out = append(out, w)
	}
	s := strings.TrimRight(strings.Join(out, " "), ",;:(-–\"' ")
	if s == "" {
		return t.name()
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// name is a new made-up proper name.
func (t *text) name() string {
	syl := []string{"ra", "ve", "lo", "mi", "sta", "cor", "ten", "bi", "ga", "pre", "zo", "lu", "fer", "no", "si"}
	t.seq++
	s, v := "", t.seq
	for v > 0 || s == "" {
		s += syl[v%len(syl)]
		v /= len(syl)
	}
	return strings.ToUpper(s[:1]) + s[1:] + "ne"
}

func (t *text) pick(xs []string) string { return xs[t.rnd.IntN(len(xs))] }
