package textnorm

import "strings"

// German: folding makes ä, ö and ü their base letters and ß "ss"; the
// normalisation reads "ae", "oe" and "ue" written for an umlaut as it
// ("Pruefung" is "Prüfung"), after Lucene's GermanNormalizationFilter:
// the e goes after an a or an o, and after a u that follows a consonant
// (not in "aue", "eue", "que": "Bauer", "neue", "Quelle" stay). The stem
// is J. Savoy's light German stemmer (Lucene's GermanLightStemmer). A
// compound is indexed by its parts too where a linking s marks them
// cheaply: after -ung, -heit, -keit, -schaft, -ion and -tät
// ("Zahlungsfristen" → "zahlung", "frist"; "Qualitätssicherung" →
// "qualitat", "sicherung"). The search script's copy is
// assets/js/lingue/de.js.

func newGerman() *Lang {
	l := newLang("de", germanMonths, ".", germanStops, germanStem)
	l.norm, l.parts = germanNorm, germanParts
	return l
}

const germanMonths = "januar|janner februar|feber marz april mai juni juli august september oktober november dezember"

// germanStops are the German stop words, folded, normalised and sorted.
const germanStops = "aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin bis bist da damit dann das dass dem den denn der des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas fur gegen hat hatte hatten ich ihm ihn ihnen ihr ihre im in indem ins ist jede jedem jeden jeder jedes kann kein keine man mit muss nach nicht noch nur ob oder ohne sein seine sich sie sind so soll sollen sondern uber um und uns unter vom von vor wahrend war waren was weil welche wenn werden wie wir wird wo wurde wurden zu zum zur zwischen"

// The states of germanNorm: after a consonant (or at the start), after a
// vowel, after a letter an e may turn into an umlaut.
const (
	afterConsonant = iota
	afterVowel
	afterUmlaut
)

// germanNorm deletes the e of "ae", "oe" and "ue" written for an umlaut.
func germanNorm(w string) string {
	if !strings.Contains(w, "e") {
		return w
	}
	b := make([]byte, 0, len(w))
	state := afterConsonant
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == 'e' && state == afterUmlaut:
			state = afterVowel
			continue
		case c == 'a' || c == 'o' || c == 'u' && state == afterConsonant:
			state = afterUmlaut
		case strings.IndexByte("eiquy", c) >= 0:
			state = afterVowel
		default:
			state = afterConsonant
		}
		b = append(b, c)
	}
	return string(b)
}

// germanStem is Savoy's light German stemmer, in two steps.
func germanStem(w string) string {
	if !endsInLetter(w) {
		return w
	}
	return germanStep2(germanStep1(w))
}

// stEnding: the letters before which a final s or st is an ending.
func stEnding(c byte) bool { return strings.IndexByte("bdfghklmnt", c) >= 0 }

func germanStep1(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ern"):
		return w[:n-3]
	case n > 4 && w[n-2] == 'e' && strings.IndexByte("mnrs", w[n-1]) >= 0:
		return w[:n-2]
	case n > 3 && w[n-1] == 'e':
		return w[:n-1]
	case n > 3 && w[n-1] == 's' && stEnding(w[n-2]):
		return w[:n-1]
	}
	return w
}

func germanStep2(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "est"):
		return w[:n-3]
	case n > 4 && w[n-2] == 'e' && (w[n-1] == 'r' || w[n-1] == 'n'):
		return w[:n-2]
	case n > 4 && w[n-2] == 's' && w[n-1] == 't' && stEnding(w[n-3]):
		return w[:n-2]
	}
	return w
}

// germanLinks end the first part of a compound: a suffix and the linking s.
var germanLinks = []string{"ungs", "heits", "keits", "schafts", "ions", "tats"}

// germanParts splits a compound after each linking s that follows one of
// germanLinks' suffixes, where the part before has four letters at least
// and what follows too: the leftmost such mark first, as a regular
// expression of the alternatives finds them. A word with no such mark
// has no parts.
func germanParts(w string) []string {
	var out []string
	start := 0
	for p := 0; p < len(w); {
		i, link := firstLink(w, p)
		if i < 0 {
			break
		}
		end := i + len(link)
		if end-1-start >= 4 && len(w)-end >= 4 {
			out = append(out, w[start:end-1])
			start = end
		}
		p = end
	}
	if start == 0 {
		return nil
	}
	return append(out, w[start:])
}

// firstLink finds the leftmost link at or after p: at one place, the first
// of germanLinks that is there.
func firstLink(w string, p int) (int, string) {
	for i := p; i < len(w); i++ {
		for _, l := range germanLinks {
			if strings.HasPrefix(w[i:], l) {
				return i, l
			}
		}
	}
	return -1, ""
}
