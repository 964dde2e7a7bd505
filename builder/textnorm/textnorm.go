// Package textnorm is piao's Italian text normaliser for search: it folds
// case and accents, splits text into words, drops elided articles, stop
// words and single letters, and reduces each word to a light stem, so that
// "Attività", "attivita" and "ATTIVITA'" are one term and "impresa" and
// "imprese" another. A date is one term however it is written ("30/06",
// "30-06" and "30 giugno" are "30.06"), an act one term ("G/59"), and a
// query word that matches no term may match the terms a typo away
// (MaxEdits, Distance).
//
// The search script (themes/default/assets/js/search.js) carries a copy of
// this algorithm and of its tables, because the index is built here and
// queried there; tests run both on the same words and require the same
// output. Change both together.
package textnorm

import (
	"strings"
	"unicode"
)

// Terms returns the terms that index s: the stems of its words, in order,
// without stop words, each followed by the extra terms that let a shorter
// query find it: a date with its year is found by the day and month too
// ("31.12.2023" also gives "31.12"), a date written with the month's name
// by the month ("30 giugno" also gives "giugn"), an act by its number
// ("g/59" also gives "59"). A query is the stems of its words alone.
func Terms(s string) []string {
	var out []string
	for _, t := range scan([]rune(Fold(s))) {
		if keep(t.word) {
			out = append(out, Stem(t.word))
			out = append(out, t.extra...)
		}
	}
	return out
}

// Fold lowercases s and replaces accented letters with their base letter;
// combining accents (text in decomposed form) are dropped.
func Fold(s string) string {
	if ascii, lower := asciiCase(s); ascii {
		if lower {
			return s
		}
		return foldASCII(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			r = f
		}
		if r >= 0x300 && r <= 0x36f {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// asciiCase reports whether s is ASCII, and whether it has no capital
// letters: the common case, which Fold answers without a table.
func asciiCase(s string) (ascii, lower bool) {
	lower = true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return false, false
		}
		if c >= 'A' && c <= 'Z' {
			lower = false
		}
	}
	return true, lower
}

func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Words splits s into folded words, without stop words, elided articles
// and single letters. A word is a run of ASCII letters and digits after
// folding; a dot or a comma between two digits stays inside the word, so
// that codes and amounts ("4.2", "1.105.500,00") are one word. Dates are
// one word in one form whatever way they are written ("30/06", "30-06",
// "30 giugno" are "30.06"; "1° luglio 2024" and "2024-07-01" are
// "01.07.2024"), and so are acts ("G/59" is "g/59"): see tokens.go.
// Everything else, apostrophes included, separates words.
func Words(s string) []string {
	var out []string
	for _, t := range scan([]rune(Fold(s))) {
		if keep(t.word) {
			out = append(out, t.word)
		}
	}
	return out
}

// keep reports whether a folded word is worth indexing.
func keep(w string) bool {
	if len(w) == 1 && !isDigit(rune(w[0])) {
		return false
	}
	return !stop[w]
}

func isWordRune(r rune) bool { return r >= 'a' && r <= 'z' || isDigit(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// Stem removes the inflection of an Italian word, after J. Savoy's light
// stemmer (the one Lucene ships as ItalianLightStemmer), applied from four
// letters rather than six, so that "sede"/"sedi" and "dato"/"dati" meet
// too: the final vowel goes, and with it the i or h before it where
// Italian spelling puts one ("imprese"/"impresa" → "impres", "servizio"/
// "servizi" → "serviz", "pubbliche"/"pubblici" → "pubblic"). Words of
// fewer than four letters and words not ending in a vowel stay as they are.
// w must be a folded word, as Words returns.
func Stem(w string) string {
	n := len(w)
	if n < 4 {
		return w
	}
	last, prev := w[n-1], w[n-2]
	switch last {
	case 'e':
		if prev == 'i' || prev == 'h' {
			return w[:n-2]
		}
		return w[:n-1]
	case 'i':
		if prev == 'h' || prev == 'i' {
			return w[:n-2]
		}
		return w[:n-1]
	case 'a', 'o':
		if prev == 'i' {
			return w[:n-2]
		}
		return w[:n-1]
	}
	return w
}

// IsStop reports whether a folded word is a stop word.
func IsStop(w string) bool { return stop[w] }

// StopWords lists the stop words, sorted.
func StopWords() []string {
	out := strings.Fields(stopList)
	return out
}

// foldAccents maps each base letter to the accented letters folded onto it.
// The search script has the same table.
const foldAccents = "aàáâãäåā eèéêëē iìíîïī oòóôõöøō uùúûüū cçć nñ sšś zžź yýÿ"

// stopList holds the Italian stop words, folded and sorted: articles,
// prepositions (simple, articulated and elided: "dell'", "all'", "nell'"),
// conjunctions, pronouns and the commonest forms of essere and avere. The
// search script has the same list.
const stopList = "ad agli ai al all alla alle allo anche avere c chi ci coi col come con cui da dagli dai dal dall dalla dalle dallo degli dei del dell della delle dello di e ed essere fra gli ha hanno il in l la le lo loro ma ne negli nei nel nell nella nelle nello noi non o od ogni per piu po quell quella quelle quelli quello quest questa queste questi questo se si sia sono su sua sue sugli sui sul sull sulla sulle sullo suo suoi tra tutte tutti un una uno"

var (
	foldTable = map[rune]rune{}
	stop      = map[string]bool{}
)

func init() {
	for _, group := range strings.Fields(foldAccents) {
		rs := []rune(group)
		for _, r := range rs[1:] {
			foldTable[r] = rs[0]
		}
	}
	for _, w := range strings.Fields(stopList) {
		stop[w] = true
	}
}

// QueryTerms returns the terms a query looks for: the stems of its words,
// without the extra terms that Terms adds to index a text.
func QueryTerms(s string) []string {
	words := Words(s)
	for i, w := range words {
		words[i] = Stem(w)
	}
	return words
}
