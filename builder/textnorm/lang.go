package textnorm

import (
	"slices"
	"strings"
	"sync"
)

// Lang is what the search of one language needs beside what every language
// shares (folding, numbers, dates written with digits, acts, typos): its
// stop words, the names of its months and the marks that may follow a day
// before them ("1° luglio", "1. Juli", "1er juillet", "1st July"), its
// stemmer, and for German a normalisation of each word and the parts of
// its compounds. The search script has the same rules: Italian in
// search.js, the others in assets/js/lingue/LANG.js.
type Lang struct {
	Code     string
	months   [][]string // each month's names, folded and normalised, January first
	ordinals []string
	stops    string
	stop     map[string]bool
	stem     func(string) string
	norm     func(string) string   // nil: none
	parts    func(string) []string // nil: no compounds
}

// newLang makes a language from its tables: months separated by spaces,
// a month's other names after a "|" ("januar|janner"), ordinal marks
// separated by spaces, and the stop words.
func newLang(code, months, ordinals, stops string, stem func(string) string) *Lang {
	l := &Lang{Code: code, ordinals: strings.Fields(ordinals), stops: stops, stop: map[string]bool{}, stem: stem}
	for _, m := range strings.Fields(months) {
		l.months = append(l.months, strings.Split(m, "|"))
	}
	for _, w := range strings.Fields(stops) {
		l.stop[w] = true
	}
	return l
}

// The languages a site may be in.
var (
	Italian = newLang("it", "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
		"° º", italianStops, italianStem)
	German    = newGerman()
	French    = newLang("fr", frenchMonths, "er", frenchStops, frenchStem)
	Slovenian = newLang("sl", slovenianMonths, ".", slovenianStops, slovenianStem)
	English   = newLang("en", englishMonths, "st nd rd th", englishStops, englishStem)
)

var langs = []*Lang{Italian, German, French, Slovenian, English}

// For returns the rules of the language with that code, or nil when
// piao has none.
func For(code string) *Lang {
	for _, l := range langs {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// runes are the folded runes of a text, in a buffer lent again once its
// words are made (they are strings of their own): made anew for each
// text, they were 26 of the 507 MB that indexing 10,000 sheets allocated.
type runes struct {
	r      []rune
	tokens []token // scan's, for the words of r
}

var runeBufs = sync.Pool{New: func() any { return new(runes) }}

// maxRunes is the largest buffer given back to runeBufs.
const maxRunes = 64 << 10

// folded is Fold(s) as runes, in a buffer from runeBufs.
func folded(s string) *runes {
	b := runeBufs.Get().(*runes)
	b.r = b.r[:0]
	for _, r := range Fold(s) {
		b.r = append(b.r, r)
	}
	return b
}

// release gives the buffer back.
func (b *runes) release() {
	if cap(b.r) <= maxRunes {
		clear(b.tokens) // their strings let go
		b.tokens = b.tokens[:0]
		runeBufs.Put(b)
	}
}

// Languages lists the codes of the languages piao has rules for.
func Languages() []string {
	var out []string
	for _, l := range langs {
		out = append(out, l.Code)
	}
	return out
}

// Terms returns the terms that index s: the stems of its words, in order,
// without stop words, each followed by the extra terms that let a shorter
// query find it: a date with its year is found by the day and month too
// ("31.12.2023" also gives "31.12"), a date written with the month's name
// by the month ("30 giugno" also gives "giugn"), an act by its number
// ("g/59" also gives "59"), a German compound by its parts
// ("zahlungsfristen" also gives "zahlung" and "frist"). A query is the
// stems of its words alone.
func (l *Lang) Terms(s string) []string {
	out := l.AppendTerms(nil, s)
	if len(out) == 0 {
		return nil // as ever: nil for no term
	}
	return out
}

// AppendTerms appends the terms of s (Terms) to dst, and returns the
// extended slice.
func (l *Lang) AppendTerms(dst []string, s string) []string {
	rs := folded(s)
	defer rs.release()
	tokens := rs.scan(l)
	out := dst
	if out == nil {
		out = make([]string, 0, len(tokens))
	}
	for _, t := range tokens {
		if l.keep(t.word) {
			out = append(out, l.Stem(t.word))
			out = append(out, t.extra...)
		}
	}
	return out
}

// Words splits s into folded words, without stop words, elided articles
// and single letters. A word is a run of ASCII letters and digits after
// folding (and, in German, with "ae", "oe" and "ue" read as "a", "o" and
// "u"); a dot or a comma between two digits stays inside the word, so
// that codes and amounts ("4.2", "1.105.500,00") are one word. Dates are
// one word in one form whatever way they are written ("30/06", "30-06",
// "30 giugno" are "30.06"; "1° luglio 2024" and "2024-07-01" are
// "01.07.2024"), and so are acts ("G/59" is "g/59"): see tokens.go.
// Everything else, apostrophes included, separates words.
func (l *Lang) Words(s string) []string {
	rs := folded(s)
	defer rs.release()
	tokens := rs.scan(l)
	out := make([]string, 0, len(tokens))
	for _, t := range tokens {
		if l.keep(t.word) {
			out = append(out, t.word)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// QueryTerms returns the terms a query looks for: the stems of its words,
// without the extra terms that Terms adds to index a text.
func (l *Lang) QueryTerms(s string) []string {
	words := l.Words(s)
	for i, w := range words {
		words[i] = l.Stem(w)
	}
	return words
}

// Stem reduces a word, as Words returns it, to its stem.
func (l *Lang) Stem(w string) string { return l.stem(w) }

// keep reports whether a folded word is worth indexing.
func (l *Lang) keep(w string) bool {
	if len(w) == 1 && !isDigit(rune(w[0])) {
		return false
	}
	return !l.stop[w]
}

// IsStop reports whether a folded word is a stop word.
func (l *Lang) IsStop(w string) bool { return l.stop[w] }

// StopWords lists the stop words, sorted.
func (l *Lang) StopWords() []string { return strings.Fields(l.stops) }

// Normalise is a folded word as the language reads it: in German, "ae",
// "oe" and "ue" written for an umlaut become its letter.
func (l *Lang) Normalise(w string) string {
	if l.norm == nil {
		return w
	}
	return l.norm(w)
}

// Parts are the parts of a compound word that Terms also indexes, or nil.
func (l *Lang) Parts(w string) []string {
	if l.parts == nil {
		return nil
	}
	return l.parts(w)
}

// month is the number of the month named name (1 for January), or 0.
func (l *Lang) month(name string) int {
	name = l.Normalise(name)
	for i, names := range l.months {
		if slices.Contains(names, name) {
			return i + 1
		}
	}
	return 0
}

// endsInLetter reports whether w ends in a letter: stemmers leave codes
// and numbers alone.
func endsInLetter(w string) bool { return w != "" && w[len(w)-1] >= 'a' && w[len(w)-1] <= 'z' }
