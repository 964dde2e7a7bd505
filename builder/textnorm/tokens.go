package textnorm

import "strings"

// This file splits folded text into words. Most words are runs of letters
// and digits; dates and acts are recognised first, so that the forms a
// citizen may type for them meet:
//
//   - a day and a month, with or without a four-digit year, separated by a
//     dot, a slash or a hyphen: "30.06", "30/06", "30-06", "1/07",
//     "30.06.2024", "1/7/2024", "30-06-2024" (without a year the month has
//     two digits, and with dots the day too, so that the codes "4.2" and
//     "1.11" stay codes);
//   - a year, a month and a day with hyphens or slashes: "2024-06-30";
//   - a day and the month's name, with or without a year: "30 giugno",
//     "1° luglio 2024" (the language's months, and the marks that may
//     follow the day: "1. Juli", "1er juillet", "1st July");
//
// each become one word, the day and month with two digits and the year
// with four, joined by dots: "30.06", "01.07.2024". An act, one to four
// letters, a slash and a number ("G/59"), is one word too, "g/59".
//
// The search script has the same algorithm (scan in search.js).

// token is a word of a text and the extra terms that index it.
type token struct {
	word  string
	extra []string
	end   int // where the word ends in the folded runes
}

// scan splits b's runes into tokens, in b's list of tokens: one list for
// each text the search indexes was 236 MB allocated at 50,000 sheets
// (once grown by appends, 0.6 GB).
func (b *runes) scan(l *Lang) []token {
	b.tokens = l.appendTokens(b.tokens[:0], b.r)
	return b.tokens
}

// appendTokens appends the tokens of folded runes to out.
func (l *Lang) appendTokens(out []token, rs []rune) []token {
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		t, ok := l.dateAt(rs, i)
		if !ok {
			t, ok = actAt(rs, i)
		}
		if !ok {
			t = l.plainAt(rs, i)
		}
		out = append(out, t)
		i = t.end
	}
	return out
}

// plainAt is the word starting at i: letters and digits, and a dot or a
// comma between two digits; normalised as the language reads it, with the
// stems of its parts if it is a compound.
func (l *Lang) plainAt(rs []rune, i int) token {
	j := i
	for j < len(rs) && (isWordRune(rs[j]) || inNumber(rs, j)) {
		j++
	}
	t := token{word: l.Normalise(string(rs[i:j])), end: j}
	for _, p := range l.Parts(t.word) {
		t.extra = append(t.extra, l.Stem(p))
	}
	return t
}

// inNumber reports whether rs[j] is a dot or a comma between two digits.
func inNumber(rs []rune, j int) bool {
	return (rs[j] == '.' || rs[j] == ',') && j > 0 && isDigit(rs[j-1]) && j+1 < len(rs) && isDigit(rs[j+1])
}

// endsWord reports whether a date or an act may end at j: nothing of a
// word or of a number follows.
func endsWord(rs []rune, j int) bool {
	return j >= len(rs) || !isWordRune(rs[j]) && !inNumber(rs, j)
}

// digitsAt returns the run of digits starting at i and where it ends.
func digitsAt(rs []rune, i int) (string, int) {
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	return string(rs[i:j]), j
}

// dateAt recognises a date starting at i.
func (l *Lang) dateAt(rs []rune, i int) (token, bool) {
	a, j := digitsAt(rs, i)
	switch len(a) {
	case 1, 2:
		if t, ok := numericDate(rs, a, j); ok {
			return t, true
		}
		return l.namedDate(rs, a, j)
	case 4:
		return isoDate(rs, a, j)
	}
	return token{}, false
}

// numericDate: day, separator, month, and the separator and a year.
func numericDate(rs []rune, day string, j int) (token, bool) {
	if j >= len(rs) || !strings.ContainsRune("./-", rs[j]) {
		return token{}, false
	}
	sep := rs[j]
	month, k := digitsAt(rs, j+1)
	if len(month) < 1 || len(month) > 2 {
		return token{}, false
	}
	year, end := "", k
	if k < len(rs) && rs[k] == sep {
		y, e := digitsAt(rs, k+1)
		switch len(y) {
		case 0:
		case 4:
			year, end = y, e
		default:
			return token{}, false
		}
	}
	if year == "" && (len(month) != 2 || sep == '.' && len(day) != 2) {
		return token{}, false
	}
	return dateToken(day, month, year, "", end, endsWord(rs, end))
}

// isoDate: year, month and day, with hyphens or slashes.
func isoDate(rs []rune, year string, j int) (token, bool) {
	if j >= len(rs) || rs[j] != '-' && rs[j] != '/' {
		return token{}, false
	}
	month, k := digitsAt(rs, j+1)
	if len(month) < 1 || len(month) > 2 || k >= len(rs) || rs[k] != rs[j] {
		return token{}, false
	}
	day, end := digitsAt(rs, k+1)
	if len(day) < 1 || len(day) > 2 {
		return token{}, false
	}
	return dateToken(day, month, year, "", end, endsWord(rs, end))
}

// namedDate: day, an ordinal mark ("°"), the month's name, and a year.
func (l *Lang) namedDate(rs []rune, day string, j int) (token, bool) {
	for _, o := range l.ordinals {
		if hasRunes(rs, j, o) {
			j += len([]rune(o))
			break
		}
	}
	k := skipSpace(rs, j)
	if k == j {
		return token{}, false
	}
	e := k
	for e < len(rs) && rs[e] >= 'a' && rs[e] <= 'z' {
		e++
	}
	name := string(rs[k:e])
	month := l.month(name)
	if month == 0 || !endsWord(rs, e) {
		return token{}, false
	}
	year, end := "", e
	if f := skipSpace(rs, e); f > e {
		if y, g := digitsAt(rs, f); len(y) == 4 && endsWord(rs, g) {
			year, end = y, g
		}
	}
	return dateToken(day, pad2(month), year, l.Stem(l.Normalise(name)), end, true)
}

// hasRunes reports whether rs holds s at i.
func hasRunes(rs []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

func skipSpace(rs []rune, j int) int {
	for j < len(rs) && strings.ContainsRune(" \t\n\u00a0", rs[j]) {
		j++
	}
	return j
}

// dateToken makes the token of a date, if the day and month are valid.
func dateToken(day, month, year, name string, end int, ok bool) (token, bool) {
	d, m := atoi(day), atoi(month)
	if !ok || d < 1 || d > 31 || m < 1 || m > 12 {
		return token{}, false
	}
	t := token{word: pad2(d) + "." + pad2(m), end: end}
	if year != "" {
		t.extra = append(t.extra, t.word)
		t.word += "." + year
	}
	if name != "" {
		t.extra = append(t.extra, name)
	}
	return t, true
}

// actAt recognises an act: one to four letters, a slash and a number.
func actAt(rs []rune, i int) (token, bool) {
	j := i
	for j < len(rs) && j-i < 5 && rs[j] >= 'a' && rs[j] <= 'z' {
		j++
	}
	if j == i || j-i > 4 || j >= len(rs) || rs[j] != '/' {
		return token{}, false
	}
	num, end := digitsAt(rs, j+1)
	if num == "" || !endsWord(rs, end) {
		return token{}, false
	}
	return token{word: string(rs[i:end]), extra: []string{num}, end: end}, true
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func pad2(n int) string {
	if n < 10 {
		return "0" + string(rune('0'+n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
