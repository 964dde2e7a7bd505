// Package textnorm is piao's text normaliser for search: it folds case and
// accents, splits text into words, drops elided articles, stop words and
// single letters, and reduces each word to a light stem, so that
// "Attività", "attivita" and "ATTIVITA'" are one term and "impresa" and
// "imprese" another. A date is one term however it is written ("30/06",
// "30-06" and "30 giugno" are "30.06"), an act one term ("G/59"), and a
// query word that matches no term may match the terms a typo away
// (MaxEdits, Distance).
//
// The package-level functions are Italian. Lang holds the rules of each
// language a site may be in (For): Italian, German, French, Slovenian and
// English, each with its stop words, the names of its months and a light
// stemmer; German also reads "ae", "oe" and "ue" as the umlauts and
// indexes the parts of a compound ("Zahlungsfristen" is found by
// "Zahlungen" and "Fristen").
//
// The search script (themes/default/assets/js/search.js) carries a copy of
// this algorithm and of the Italian tables, and each other language's rules
// are copied in a script of their own (assets/js/lingue/LANG.js), because
// the index is built here and queried there; tests run both on the same
// words and require the same output. Change both together.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terms returns the Italian terms that index s: see Lang.Terms.
func Terms(s string) []string { return Italian.Terms(s) }

// Words splits s into folded Italian words: see Lang.Words.
func Words(s string) []string { return Italian.Words(s) }

// QueryTerms returns the Italian terms a query looks for: see
// Lang.QueryTerms.
func QueryTerms(s string) []string { return Italian.QueryTerms(s) }

// Stem removes the inflection of an Italian word: see italianStem.
func Stem(w string) string { return italianStem(w) }

// IsStop reports whether a folded word is an Italian stop word.
func IsStop(w string) bool { return Italian.IsStop(w) }

// StopWords lists the Italian stop words, sorted.
func StopWords() []string { return Italian.StopWords() }

// Fold lowercases s and replaces accented letters with their base letter,
// and ß, æ and œ with ss, ae and oe; combining accents (text in decomposed
// form) are dropped. It is the same for every language.
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
		if r < utf8.RuneSelf { // no ASCII letter is in the tables (TestFoldTablesNotASCII)
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			r = f
		}
		if m, ok := foldMulti[r]; ok {
			b.WriteString(m)
			continue
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

func isWordRune(r rune) bool { return r >= 'a' && r <= 'z' || isDigit(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// italianStem removes the inflection of an Italian word, after J. Savoy's
// light stemmer (the one Lucene ships as ItalianLightStemmer), applied from
// four letters rather than six, so that "sede"/"sedi" and "dato"/"dati"
// meet too: the final vowel goes, and with it the i or h before it where
// Italian spelling puts one ("imprese"/"impresa" → "impres", "servizio"/
// "servizi" → "serviz", "pubbliche"/"pubblici" → "pubblic"). Words of
// fewer than four letters and words not ending in a vowel stay as they are.
// w must be a folded word, as Words returns.
func italianStem(w string) string {
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

// foldAccents maps each base letter to the accented letters folded onto it;
// foldMulti, the letters folded onto two. The search script has the same
// tables.
const foldAccents = "aàáâãäåā eèéêëē iìíîïī oòóôõöøō uùúûüū cçćč nñ sšś zžź yýÿ dđ"

var foldMulti = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe"}

// italianStops holds the Italian stop words, folded and sorted: articles,
// prepositions (simple, articulated and elided: "dell'", "all'", "nell'"),
// conjunctions, pronouns and the commonest forms of essere and avere. The
// search script has the same list.
const italianStops = "ad agli ai al all alla alle allo anche avere c chi ci coi col come con cui da dagli dai dal dall dalla dalle dallo degli dei del dell della delle dello di e ed essere fra gli ha hanno il in l la le lo loro ma ne negli nei nel nell nella nelle nello noi non o od ogni per piu po quell quella quelle quelli quello quest questa queste questi questo se si sia sono su sua sue sugli sui sul sull sulla sulle sullo suo suoi tra tutte tutti un una uno"

var foldTable = map[rune]rune{}

func init() {
	for _, group := range strings.Fields(foldAccents) {
		rs := []rune(group)
		for _, r := range rs[1:] {
			foldTable[r] = rs[0]
		}
	}
}
