package builder

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 reports a syntax error with at most a line, often the line where
// the enclosing block began rather than the faulty one, and never a column
// (the first line has no number at all). This file finds the place itself:
// the line is the first one whose inclusion makes the text unparseable,
// found by bisecting on line prefixes; the column comes from the kind of
// error and the text of that line.

// yamlSyntax is a located YAML syntax error, with wording for the office.
type yamlSyntax struct {
	line, col int
	msg, hint string
}

// locateYAMLError places err, a yaml.v3 error for src, and words it.
func locateYAMLError(src []byte, err error) yamlSyntax {
	line, prefixErr := firstFailingLine(src)
	if prefixErr != nil {
		err = prefixErr // the error as the faulty line first causes it
	}
	raw := yamlProblem(err)
	text := sourceLine(src, line)
	col, hint := yamlColumn(raw, text)
	if hint == hintYAMLTab {
		raw = "found a tab character that violates indentation"
	}
	return yamlSyntax{line: line, col: col, msg: yamlMessage(raw), hint: hint}
}

// yamlProblem strips "yaml: line N: " from a yaml.v3 error.
func yamlProblem(err error) string {
	msg := strings.SplitN(err.Error(), "\n", 2)[0]
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			msg = rest
		}
	}
	return msg
}

// firstFailingLine returns the smallest n such that the first n lines of src
// do not parse, with the error they give; or 1 and nil when even the whole
// text parses.
func firstFailingLine(src []byte) (int, error) {
	ends := lineEnds(src)
	parse := func(n int) error {
		var doc yaml.Node
		return yaml.Unmarshal(src[:ends[n-1]], &doc)
	}
	if len(ends) == 0 || parse(len(ends)) == nil {
		return 1, nil
	}
	lo, hi := 1, len(ends) // parse(hi) fails
	for lo < hi {
		mid := (lo + hi) / 2
		if parse(mid) != nil {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, parse(lo)
}

// lineEnds lists, for each line, the offset just past its end.
func lineEnds(src []byte) []int {
	var out []int
	for off := 0; off < len(src); {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			out = append(out, len(src))
			break
		}
		off += i + 1
		out = append(out, off)
	}
	return out
}

// yamlColumn finds the column of a problem on its line, and the most
// useful hint for it.
func yamlColumn(problem, line string) (int, string) {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	at := func(byteOff int) int { return utf8.RuneCountInString(line[:byteOff]) + 1 }
	switch {
	case strings.Contains(problem, "anchor"):
		if i := strings.IndexByte(line, '*'); i >= 0 {
			return at(i), hintAlias
		}
	case strings.Contains(problem, "directive") || strings.Contains(problem, "version number") ||
		strings.Contains(problem, "non-alphabetical") || strings.Contains(problem, "<document start>"):
		return indent + 1, hintYAMLDirective
	case strings.Contains(problem, "tab"):
		if i := strings.IndexByte(line, '\t'); i >= 0 {
			return at(i), hintYAMLTab
		}
	case strings.Contains(problem, "mapping values are not allowed"):
		return mappingColon(line, at)
	case strings.Contains(problem, "cannot start any token"):
		if i := strings.IndexByte(line, '\t'); i >= 0 && i <= valueStart(line) {
			return at(i), hintYAMLTab
		}
		return at(valueStart(line)), hintYAMLSpecial
	case strings.Contains(problem, "end of stream"), strings.Contains(problem, "quoted scalar"):
		if i := openQuote(line); i >= 0 {
			return at(i), hintYAMLQuote
		}
	case strings.Contains(problem, "escape"):
		if i := strings.IndexByte(line, '\\'); i >= 0 {
			return at(i), hintYAMLEscape
		}
	case strings.Contains(problem, "','"):
		if i := strings.LastIndexAny(line, "[{"); i >= 0 {
			return at(i), hintYAMLFlow
		}
	case strings.Contains(problem, "block sequence entries are not allowed") && strings.HasSuffix(strings.TrimSpace(line), ": -"):
		return at(strings.LastIndexByte(line, '-')), hintYAMLDash
	case strings.Contains(problem, "expected ':'"):
		return indent + 1, hintYAMLNoColon
	case strings.Contains(problem, "expected"):
		return indent + 1, hintYAMLIndent
	}
	return indent + 1, hintYAML
}

// mappingColon finds the ": " that yaml.v3 refused. When the line is fine
// on its own, the line is indented under a value and its first colon is
// the one; otherwise the line holds a second ": " inside a value.
func mappingColon(line string, at func(int) int) (int, string) {
	colons := colonsOutsideQuotes(line)
	if len(colons) == 0 {
		return at(0), hintYAML
	}
	var doc yaml.Node
	if yaml.Unmarshal([]byte(strings.TrimLeft(line, " ")), &doc) == nil || len(colons) == 1 {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		return indent + 1, hintYAMLIndent
	}
	key := strings.TrimLeft(strings.TrimSpace(line[:colons[0]]), "- ")
	value := strings.TrimSpace(line[colons[0]+1:])
	return at(colons[1]), hintYAMLColon(key, value)
}

// colonsOutsideQuotes lists the offsets of ':' followed by a space or the
// end of the line, outside quotes and before any comment.
func colonsOutsideQuotes(line string) []int {
	var out []int
	var quote byte
	start := valueStart(line)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == start || (i > 0 && line[i-1] == ' ') {
				quote = c
			}
		case c == '#' && (i == 0 || line[i-1] == ' '):
			return out
		case c == ':' && (i+1 == len(line) || line[i+1] == ' '):
			out = append(out, i)
		}
	}
	return out
}

// valueStart is the offset where the value of a "key: value" or "- value"
// line begins.
func valueStart(line string) int {
	i := len(line) - len(strings.TrimLeft(line, " "))
	for strings.HasPrefix(line[i:], "- ") {
		i += 2
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	if line[i:] == "" || line[i] == '"' || line[i] == '\'' {
		return i
	}
	if c := strings.Index(line[i:], ": "); c >= 0 {
		i += c + 2
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	return i
}

// openQuote finds the quote that opens the value of a line.
func openQuote(line string) int {
	if v := valueStart(line); v < len(line) && (line[v] == '"' || line[v] == '\'') {
		return v
	}
	return strings.IndexAny(line, `"'`)
}
