package builder

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/plan"
)

// The text files of a site come from many editors, Word among them. Before
// any parsing, normalizeText turns what a file holds into UTF-8 with "\n"
// line ends, so that every later position is a line and a column as an
// editor shows them. It accepts, and documents as accepted:
//
//   - a UTF-8 byte order mark (dropped);
//   - UTF-16, little or big endian, with its byte order mark (converted);
//   - CRLF and lone CR line ends (read as line ends).
//
// It refuses, naming the first offending place: invalid UTF-8, data with
// NUL bytes (a binary file, or UTF-16 without a byte order mark), and
// control characters other than tab and line ends (Word's manual line
// break, pasted, is U+000B).

// textProblem is why a file cannot be read as text, and where.
type textProblem struct {
	line, col int
	msg, hint string
}

func normalizeText(src []byte) ([]byte, *textProblem) {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		return fromUTF16(src[2:], false)
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return fromUTF16(src[2:], true)
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		if looksUTF16(src) {
			return nil, &textProblem{msg: msgUTF16NoBOM, hint: hintEncoding}
		}
		line, col := place(normalizeNewlines(src[:i]))
		return nil, &textProblem{line: line, col: col, msg: msgNulByte, hint: hintBinary}
	}
	src = normalizeNewlines(src)
	if p := firstBadRune(src); p != nil {
		return nil, p
	}
	return src, nil
}

// fromUTF16 decodes UTF-16 text after its byte order mark.
func fromUTF16(b []byte, bigEndian bool) ([]byte, *textProblem) {
	if len(b)%2 != 0 {
		return nil, &textProblem{msg: msgBadUTF16, hint: hintEncoding}
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	runes := utf16.Decode(units)
	var out bytes.Buffer
	for _, r := range runes {
		out.WriteRune(r)
	}
	return normalizeText(out.Bytes())
}

// looksUTF16 reports whether NUL bytes fall on every other byte, as in
// UTF-16 text of Latin letters saved without a byte order mark.
func looksUTF16(b []byte) bool {
	n := min(len(b), 512) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 4
	return (even > half && odd == 0) || (odd > half && even == 0)
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}

// firstBadRune finds the first invalid UTF-8 sequence or control character.
func firstBadRune(b []byte) *textProblem {
	line, col := 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &textProblem{line: line, col: col, msg: fmt.Sprintf(msgBadUTF8, b[i]), hint: hintEncoding}
		case r == '\n':
			line, col = line+1, 0
		case r != '\t' && (r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0)):
			return &textProblem{line: line, col: col, msg: fmt.Sprintf(msgControlChar, r), hint: hintControlChar}
		}
		i += size
		col++
	}
	return nil
}

// place is the line and column just past the end of text.
func place(text []byte) (line, col int) {
	last := bytes.LastIndexByte(text, '\n')
	return bytes.Count(text, []byte("\n")) + 1, utf8.RuneCount(text[last+1:]) + 1
}

// pos places a text problem in file.
func (p *textProblem) pos(file string) plan.Pos {
	return plan.At(file, p.line, p.col)
}
