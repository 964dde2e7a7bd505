package builder

import (
	"bytes"
	"io"
	"strconv"

	"github.com/tdewolff/minify/v2"
	minhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// The HTML minifier replaces character references in text by the
// characters they stand for ("&amp;" by "&" where that is safe), in place:
// each replacement moves the rest of the text, so a text of n references
// costs n² (700,000 "&amp;" in a sheet's body took 64 s). linearHTML does
// the same replacements first, in one pass, into a new buffer, so that the
// minifier finds nothing left to replace and writes the same bytes it
// would have written. It does so only for a page with a long text between
// two tags, where the cost could matter.

// longText is the length of text between two tags from which a page is
// settled first: below it, the minifier's own replacements cost at most
// longText/4 moves of longText bytes per text.
const longText = 1 << 10

// linearHTML is the HTML minifier, settling the character references of
// long texts first.
type linearHTML struct{ m *minhtml.Minifier }

func (l linearHTML) Minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	var b []byte
	if buf, ok := r.(interface{ Bytes() []byte }); ok {
		b = buf.Bytes()
	} else {
		var err error
		if b, err = io.ReadAll(r); err != nil {
			return err
		}
	}
	if longestText(b) >= longText {
		b = settleReferences(b)
	}
	return l.m.Minify(m, w, bytes.NewBuffer(b), params)
}

// longestText is the longest run of bytes without a "<".
func longestText(b []byte) int {
	most := 0
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			i = len(b)
		}
		most = max(most, i)
		b = b[min(i+1, len(b)):]
	}
	return most
}

// settleReferences returns the page with the character references of its
// text replaced as the minifier replaces them: the text the minifier
// minifies (not that of <pre>, nor of the raw elements it leaves as they
// are: script, style, textarea, iframe, svg and math), read by the same
// lexer. Attribute values are left to the minifier.
func settleReferences(b []byte) []byte {
	out := make([]byte, 0, len(b))
	l := html.NewLexer(parse.NewInputBytes(b))
	raw, inPre := false, false
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != io.EOF { // the minifier will say what is wrong
				return b
			}
			return out
		case html.StartTagToken, html.EndTagToken:
			name := string(bytes.ToLower(l.Text()))
			raw = tt == html.StartTagToken && rawTags[name]
			if name == "pre" {
				inPre = tt == html.StartTagToken
			}
		case html.TextToken:
			if !raw && !inPre {
				out = appendSettled(out, data)
				continue
			}
		}
		out = append(out, data...)
	}
}

// rawTags are the elements whose text the minifier leaves as it is.
var rawTags = map[string]bool{"script": true, "style": true, "textarea": true, "iframe": true, "svg": true, "math": true}

// appendSettled appends text to out with its character references
// replaced as tdewolff/parse's replaceEntities replaces them in the
// minifier (with minify's entity tables, the text's reverse table keeping
// "&lt;"), but without moving what follows each one. A reference to a
// white space is left to the minifier, which keeps the space it writes.
//
// The minifier then finds nothing to replace, and writes what it would
// have written from the page as it was, but in one case: where a
// replacement completes a reference begun before it ("&#x1&#x41;" becomes
// "&#x1A;"), which the minifier leaves and a second pass does not. Text
// escaped by html/template or goldmark never holds an unfinished
// reference ("&" is written "&amp;", which stays before a letter, a digit
// or "#"), so no page of piao's theme differs; a theme's own text might.
func appendSettled(out, text []byte) []byte {
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '&' || i+3 >= len(text) {
			continue
		}
		r, end, ok := reference(text, i)
		if ok {
			out = append(append(out, text[last:i]...), r...)
			last = end + 1
		}
		i = max(i, end)
	}
	return append(out, text[last:]...)
}

// reference reads the character reference at text[i] (text[i] == '&' and
// i+3 < len(text)) as the minifier does: ok and its replacement when the
// minifier replaces it, and the last position the minifier's loop took
// (it goes on from the one after).
func reference(text []byte, i int) (r []byte, last int, ok bool) {
	j := i + 1
	if text[j] == '#' {
		return numericReference(text, i)
	}
	for ; j < len(text) && j-i-1 <= 31 && text[j] != ';'; j++ {
		if !isAlnum(text[j]) {
			break
		}
	}
	if len(text) <= j || j == i+1 || text[j] != ';' {
		return nil, i, false
	}
	r, known := minhtml.EntitiesMap[string(text[i+1:j])]
	if !known {
		return nil, j, false
	}
	return settled(text, i, j, r)
}

// numericReference is reference for "&#…".
func numericReference(text []byte, i int) ([]byte, int, bool) {
	j := i + 2
	if text[j] == 'x' {
		j++
		c := 0
		for ; j < len(text) && isHex(text[j]); j++ {
			c = c<<4 + hexValue(text[j])
		}
		if j <= i+3 || 10000 <= c {
			return nil, j - 1, false
		}
		if c < 128 {
			return settled(text, i, j, []byte{byte(c)})
		}
		return settled(text, i, j, append(strconv.AppendInt([]byte("&#"), int64(c), 10), ';'))
	}
	c := 0
	for ; j < len(text) && c < 128 && text[j] >= '0' && text[j] <= '9'; j++ {
		c = c*10 + int(text[j]-'0')
	}
	if j <= i+2 || 128 <= c {
		return nil, j - 1, false
	}
	return settled(text, i, j, []byte{byte(c)})
}

// settled decides, as the minifier does, whether the reference
// text[i:j+1] (text[j] should be ';') becomes r.
func settled(text []byte, i, j int, r []byte) ([]byte, int, bool) {
	if j >= len(text) || text[j] != ';' || j+1-i <= 2 {
		return nil, i, false
	}
	if len(r) == 1 {
		if q, ok := minhtml.TextRevEntitiesMap[r[0]]; ok {
			if bytes.Equal(q, text[i:j+1]) {
				return nil, j, false
			}
			r = q
		} else if r[0] == '&' && j+1 < len(text) && (isAlnum(text[j+1]) || text[j+1] == '#') {
			return nil, j + 1, false // "&amp;" before what could be a reference stays
		}
	}
	if len(r) == 1 && parse.IsWhitespace(r[0]) {
		return nil, j, false // the minifier keeps the space it writes for it, a space written out it would collapse
	}
	return r, j, true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexValue(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c <= 'F':
		return int(c-'A') + 10
	}
	return int(c-'a') + 10
}
