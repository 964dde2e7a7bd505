// Package worddiff compares two texts word by word, so that a page can
// show what a revision changed in a sentence: the words kept once, the
// words removed and the words added.
//
// The texts are split into tokens: a word is a run of letters and digits,
// with a dot or comma between digits and a hyphen or apostrophe inside it
// ("30.09.2023", "l'attività", "1.105.500,00", "2024-2026"); any other visible
// character is a token of its own, so that a comma added after a word is
// one change, not a changed word. The tokens are compared with Myers'
// algorithm after the common head and tail are taken off, and the search
// stops at maxEdits edits: the work is at most (n+m)·maxEdits steps for
// texts of n and m tokens, linear in their length, and the memory
// maxEdits² integers beside the tokens. The result depends only on the
// two texts.
//
// A word-level difference helps only where most words stay: Diff reports
// ok false when the texts are short (a number, a target, a date), when
// they differ in more than maxEdits tokens, or when fewer than half of the
// longer text's words are kept. The caller then shows the whole earlier
// value beside the new one.
package worddiff

import (
	"unicode"
	"unicode/utf8"
)

// Op says what a span of the difference is.
type Op int

const (
	Equal  Op = iota // in both texts
	Delete           // in the earlier text only
	Insert           // in the later text only
)

// Span is a piece of the difference: text as written, not escaped.
type Span struct {
	Op   Op
	Text string
}

// IsEqual, IsDelete and IsInsert tell the spans apart in a template.
func (s Span) IsEqual() bool  { return s.Op == Equal }
func (s Span) IsDelete() bool { return s.Op == Delete }
func (s Span) IsInsert() bool { return s.Op == Insert }

const (
	// maxEdits bounds the tokens removed and added that the comparison
	// looks for: beyond them the texts are too different for a word
	// difference to read well.
	maxEdits = 60
	// minWords is the fewest words both texts need for a word difference:
	// shorter values are shown whole, before and after.
	minWords = 4
)

// token is a word or a sign, with the blank space before it.
type token struct {
	space, text string
	word        bool // letters or digits, not a sign
}

// Diff compares a and b word by word. It returns the spans of b's text
// with a's removed words in place, and ok false when a word difference
// would not help (see the package doc).
func Diff(a, b string) (spans []Span, ok bool) {
	ta, tb := tokenize(a), tokenize(b)
	if words(ta) < minWords || words(tb) < minWords {
		return nil, false
	}
	head := 0
	for head < len(ta) && head < len(tb) && ta[head].text == tb[head].text {
		head++
	}
	tail := 0
	for tail < len(ta)-head && tail < len(tb)-head && ta[len(ta)-1-tail].text == tb[len(tb)-1-tail].text {
		tail++
	}
	ops, ok := myers(ta[head:len(ta)-tail], tb[head:len(tb)-tail])
	if !ok {
		return nil, false
	}
	script := make([]Op, 0, head+len(ops)+tail)
	for range head {
		script = append(script, Equal)
	}
	script = append(script, ops...)
	for range tail {
		script = append(script, Equal)
	}
	if kept(ta, script)*2 < max(words(ta), words(tb)) {
		return nil, false
	}
	return render(ta, tb, script), true
}

// tokenize splits s into tokens; the blank space at its ends is dropped.
func tokenize(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i == len(s) {
			break
		}
		space, begin := s[start:i], i
		if len(out) == 0 {
			space = ""
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		word := isWordRune(r)
		for word && i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			// a joiner between two letters or digits stays in the word
			if i+n < len(s) {
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				if next, m := utf8.DecodeRuneInString(s[i+n:]); joins(prev, r, next) {
					i += n + m
					continue
				}
			}
			break
		}
		out = append(out, token{space: space, text: s[begin:i], word: word})
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// joins reports whether sign r between prev and next keeps them one word:
// a dot or a comma between digits ("30.09.2023", "1.105.500,00"), an
// apostrophe or a hyphen between letters or digits ("l'attività",
// "2024-2026").
func joins(prev, r, next rune) bool {
	switch r {
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	case '\'', '’', '-':
		return isWordRune(next)
	}
	return false
}

// words counts the word tokens.
func words(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.word {
			n++
		}
	}
	return n
}

// kept counts the words of a that the script keeps.
func kept(a []token, script []Op) int {
	n, i := 0, 0
	for _, op := range script {
		switch op {
		case Equal:
			if a[i].word {
				n++
			}
			i++
		case Delete:
			i++
		}
	}
	return n
}
