package builder

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"go.yaml.in/yaml/v3"
)

// fastYAML parses YAML written in the subset that sheets are written in
// (by piao importa, by hand after the manual's examples) into the tree
// yaml.v3's Decoder gives for it, but for comments, which it does not
// keep (nothing in piao reads them: TestNoYAMLComments); it takes a
// fraction of yaml.v3's time, which was a third of the CPU of a piao
// check. For anything outside the subset it gives nil, and yaml.v3 parses
// the text, its errors included.
//
// The subset: block mappings whose keys are plain or quoted scalars on
// one line; block sequences, indented under their key or not, of such
// mappings or of scalars; scalars on one line: plain, single-quoted, or
// double-quoted with yaml.v3's escapes; empty values; flow sequences and
// flow mappings of scalars on one line; comments, on lines of their own
// or after a value. Not in it, and so left to yaml.v3: anchors, aliases,
// tags, block scalars, nested flow collections, scalars on more than one
// line, tabs, carriage returns, a byte order mark, the characters yaml.v3
// refuses or reads as line breaks, a second document, a plain scalar that
// might be null, a boolean, a merge key, an infinity or NaN, or an
// integer in binary or octal. TestFastYAMLSameAsYAML compares the two on
// every YAML file and front matter of the repository, on generated
// sheets and on texts at the subset's edges, FuzzFastYAML on any text.
func fastYAML(text []byte) *yaml.Node { return fastYAMLIn(text, nil) }

// fastYAMLIn is fastYAML with its nodes made in a, when a is not nil: the
// tree is then a's until a.release.
func fastYAMLIn(text []byte, a *nodeArena) *yaml.Node {
	if !fastYAMLText(text) {
		return nil
	}
	p := fastParser{lines: make([]string, 0, bytes.Count(text, []byte("\n"))+1), arena: a}
	// The lines are parts of text itself, not of a copy: compact makes
	// every value the tree keeps a part of a string of its own, so that
	// nothing of the tree refers to text once it is made.
	for rest := unsafe.String(unsafe.SliceData(text), len(text)); rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		p.lines = append(p.lines, line)
		rest = after
	}
	p.slab = p.make(2*len(p.lines) + 2) // a key and its value a line, mostly
	p.next = p.skipBlank(0)
	if p.next == len(p.lines) || indentOf(p.lines[p.next]) != 0 {
		return nil
	}
	first := p.next
	root := p.mapping(0, 0)
	if root == nil || p.failed || p.skipBlank(p.next) != len(p.lines) {
		return nil
	}
	doc := p.node()
	doc.Kind, doc.Content = yaml.DocumentNode, []*yaml.Node{root}
	doc.Line, doc.Column = first+1, 1
	p.compact()
	return doc
}

// compact makes the scalars' values parts of one string of their own:
// what the model keeps of them does not hold the whole text (its keys,
// indentation, quotes and comments) in memory.
func (p *fastParser) compact() {
	size := 0
	for _, slab := range p.full {
		for i := range slab {
			size += len(slab[i].Value)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, slab := range p.full {
		for i := range slab {
			b.WriteString(slab[i].Value)
		}
	}
	all := b.String()
	for _, slab := range p.full {
		for i := range slab {
			n := &slab[i]
			n.Value, all = all[:len(n.Value)], all[len(n.Value):]
		}
	}
}

// fastYAMLText reports whether text holds only what fastYAML reads: valid
// UTF-8 without tabs, carriage returns, control characters, NEL, the line
// and paragraph separators, byte order marks and non-characters, and no
// line that could start or end a document or be a directive.
func fastYAMLText(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c > 0x7e) {
				return false
			}
			if (i == 0 || text[i-1] == '\n') && (c == '-' || c == '.' || c == '%') && !startsItem(string(text[i:min(i+2, len(text))])) {
				return false // "---", "...", a directive, or a plain scalar that starts so
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// startsItem reports whether s starts with "- ": a sequence's item.
func startsItem(s string) bool { return len(s) > 1 && s[0] == '-' && s[1] == ' ' }

type fastParser struct {
	lines []string // parts of one copy of the text
	// The nodes are made in slabs, each never grown (a node's address
	// holds): full lists them, the last one being filled.
	slab   []yaml.Node
	full   [][]yaml.Node
	next   int // the line the parser is at
	failed bool
	arena  *nodeArena // or nil
}

// make is a slab for n nodes, empty: the arena's, if there is one.
func (p *fastParser) make(n int) []yaml.Node {
	if p.arena != nil {
		return p.arena.take(n)
	}
	return make([]yaml.Node, 0, n)
}

func (p *fastParser) node() *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = p.make(32)
	}
	if len(p.slab) == 0 {
		p.full = append(p.full, nil)
	}
	p.slab = p.slab[:len(p.slab)+1]
	p.full[len(p.full)-1] = p.slab
	return &p.slab[len(p.slab)-1]
}

// A nodeArena lends the slabs of a sheet's node tree again once the
// sheet is decoded (release): the tree is garbage then, a key and its value
// a line of 152 bytes each, the largest part of what loading a sheet
// allocates (at 10,000 sheets of the bench, 150 of the 400 MB: memory
// that a build of a thousand sheets, which the collector leaves alone,
// faulted in page by page). The arenas are pooled, one for each sheet
// being loaded, and used only while the collector is off (uncollected):
// once it runs, it recycles the nodes' memory itself.
type nodeArena struct {
	slabs [][]yaml.Node
	used  int // slabs lent since the last release
}

var nodeArenas = sync.Pool{New: func() any { return new(nodeArena) }}

// take lends a slab for n nodes, empty: the next one the arena has, or a
// new one in its place if that one is smaller.
func (a *nodeArena) take(n int) []yaml.Node {
	if a.used == len(a.slabs) {
		a.slabs = append(a.slabs, nil)
	}
	if cap(a.slabs[a.used]) < n {
		a.slabs[a.used] = make([]yaml.Node, 0, n)
	}
	s := a.slabs[a.used][:0]
	a.used++
	return s
}

// release resets the arena and gives it back to the pool.
func (a *nodeArena) release() {
	a.reset()
	nodeArenas.Put(a)
}

// reset zeroes the nodes lent, to be lent again: a node is made as if
// new, and a pooled one holds no text nor node of a sheet gone.
func (a *nodeArena) reset() {
	for _, s := range a.slabs[:a.used] {
		clear(s[:cap(s)])
	}
	a.used = 0
}

// skipBlank is the first line from i that holds more than spaces or a
// comment.
func (p *fastParser) skipBlank(i int) int {
	for i < len(p.lines) {
		if s := strings.TrimLeft(p.lines[i], " "); s != "" && s[0] != '#' {
			break
		}
		i++
	}
	return i
}

func indentOf(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

// lineEnd reports whether line holds nothing but spaces and perhaps a
// comment from byte i.
func lineEnd(line string, i int) bool {
	i = skipSpaces(line, i)
	return i == len(line) || line[i] == '#' && (i == 0 || line[i-1] == ' ')
}

func skipSpaces(line string, i int) int {
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

// mapping parses the block mapping whose first key is at byte at of line
// p.next, col its indentation: the keys after the first start their
// lines there.
func (p *fastParser) mapping(col, at int) *yaml.Node {
	m := p.node()
	m.Kind, m.Tag = yaml.MappingNode, "!!map"
	m.Line, m.Column = p.next+1, runeColumn(p.lines[p.next], at)
	for !p.failed {
		k, rest := p.key(p.next, at)
		if k == nil {
			p.failed = true
			return nil
		}
		v := p.value(rest, col)
		if v == nil {
			p.failed = true
			return nil
		}
		m.Content = append(m.Content, k, v)
		i := p.skipBlank(p.next)
		if i == len(p.lines) {
			p.next = i
			return m
		}
		switch ind := indentOf(p.lines[i]); {
		case ind < col:
			p.next = i
			return m
		case ind > col || p.lines[i][ind] == '-':
			p.failed = true // a line more indented, or an item where a key should be
			return nil
		}
		p.next, at = i, col
	}
	return nil
}

// key parses the key of the mapping entry at byte at of line ln, and gives
// the byte after its colon.
func (p *fastParser) key(ln, at int) (*yaml.Node, int) {
	line := p.lines[ln]
	var k *yaml.Node
	end := 0
	switch line[at] {
	case '"', '\'':
		if k, end = p.quoted(ln, at); k == nil {
			return nil, 0
		}
	default:
		colon := strings.Index(line[at:], ": ")
		if colon < 0 {
			if !strings.HasSuffix(line, ":") {
				return nil, 0
			}
			colon = len(line) - 1 - at
		}
		end = at + colon
		if strings.Contains(line[at:end], " #") {
			return nil, 0
		}
		if k = p.plain(ln, at, end); k == nil {
			return nil, 0
		}
	}
	if end-at > 1000 || end >= len(line) || line[end] != ':' || end+1 < len(line) && line[end+1] != ' ' {
		return nil, 0 // not a colon after the key, or a key longer than yaml.v3 takes on one line
	}
	return k, end + 1
}

// value parses the value of the entry of a mapping indented by col whose
// key's colon ends before byte rest of line p.next: a scalar or flow
// sequence after it on that line, else a block mapping or sequence on the
// next lines.
func (p *fastParser) value(rest, col int) *yaml.Node {
	ln := p.next
	line := p.lines[ln]
	if !lineEnd(line, rest) {
		p.next++
		return p.inline(ln, skipSpaces(line, rest))
	}
	i := p.skipBlank(ln + 1)
	if i < len(p.lines) {
		next := p.lines[i]
		ind := indentOf(next)
		item := startsItem(next[ind:])
		switch {
		case ind >= col && item:
			p.next = i
			return p.sequence(ind)
		case ind > col && next[ind] != '-':
			p.next = i
			return p.mapping(ind, ind)
		case ind > col:
			return nil // what fastYAML leaves to yaml.v3
		}
	}
	// An empty value: null, where yaml.v3 places it, just after the colon.
	n := p.node()
	n.Kind, n.Tag = yaml.ScalarNode, "!!null"
	n.Line, n.Column = ln+1, runeColumn(line, rest)
	p.next = ln + 1
	return n
}

// sequence parses the block sequence whose first "- " is at column col of
// line p.next.
func (p *fastParser) sequence(col int) *yaml.Node {
	s := p.node()
	s.Kind, s.Tag = yaml.SequenceNode, "!!seq"
	s.Line, s.Column = p.next+1, col+1
	for !p.failed {
		line := p.lines[p.next]
		at := skipSpaces(line, col+1)
		if lineEnd(line, at) || line[at] == '-' || line[at] == '?' {
			return nil
		}
		var item *yaml.Node
		if isKey(line, at) {
			item = p.mapping(at, at)
		} else {
			p.next++
			item = p.inline(p.next-1, at)
		}
		if item == nil || p.failed {
			p.failed = true
			return nil
		}
		s.Content = append(s.Content, item)
		i := p.skipBlank(p.next)
		if i == len(p.lines) {
			p.next = i
			return s
		}
		ind := indentOf(p.lines[i])
		switch {
		case ind > col:
			p.failed = true
			return nil
		case ind < col || !startsItem(p.lines[i][ind:]):
			p.next = i
			return s // a key of the mapping the sequence is the value of (or less indented)
		}
		p.next = i
	}
	return nil
}

// isKey reports whether what line holds from byte at is a mapping's
// entry: a key and a colon before a space or the line's end.
func isKey(line string, at int) bool {
	switch line[at] {
	case '"', '\'':
		end := quoteEnd(line, at)
		return end > 0 && end < len(line) && line[end] == ':'
	}
	return strings.Contains(line[at:], ": ") || strings.HasSuffix(line, ":")
}

// inline parses the scalar or flow sequence from byte at of line ln to
// its end.
func (p *fastParser) inline(ln, at int) *yaml.Node {
	line := p.lines[ln]
	switch line[at] {
	case '"', '\'':
		n, end := p.quoted(ln, at)
		if n == nil || !lineEnd(line, end) {
			return nil
		}
		return n
	case '[', '{':
		return p.flow(ln, at)
	}
	end := len(line)
	if c := strings.Index(line[at:], " #"); c >= 0 {
		end = at + c
	}
	end = len(strings.TrimRight(line[:end], " "))
	if strings.Contains(line[at:end], ": ") || line[end-1] == ':' {
		return nil
	}
	return p.plain(ln, at, end)
}

// flow parses a flow sequence of scalars, or a flow mapping of scalars
// to scalars, from byte at of line ln to the line's end.
func (p *fastParser) flow(ln, at int) *yaml.Node {
	line := p.lines[ln]
	s := p.node()
	closing := byte(']')
	s.Kind, s.Tag, s.Style = yaml.SequenceNode, "!!seq", yaml.FlowStyle
	if line[at] == '{' {
		s.Kind, s.Tag, closing = yaml.MappingNode, "!!map", '}'
	}
	s.Line, s.Column = ln+1, runeColumn(line, at)
	i := skipSpaces(line, at+1)
	if i < len(line) && line[i] == closing {
		return closeFlow(s, line, i)
	}
	for i < len(line) {
		if s.Kind == yaml.MappingNode {
			k, end := p.flowScalar(ln, i)
			if k == nil || end >= len(line) || line[end] != ':' || end+1 == len(line) || line[end+1] != ' ' {
				return nil
			}
			s.Content = append(s.Content, k)
			i = skipSpaces(line, end+1)
		}
		n, end := p.flowScalar(ln, i)
		if n == nil {
			return nil
		}
		s.Content = append(s.Content, n)
		i = skipSpaces(line, end)
		switch {
		case i < len(line) && line[i] == closing:
			return closeFlow(s, line, i)
		case i < len(line) && line[i] == ',':
			i = skipSpaces(line, i+1)
		default:
			return nil
		}
	}
	return nil
}

// flowScalar parses the quoted or plain scalar from byte i of line ln,
// inside a flow collection, and gives the byte after it: a plain one ends
// before a comma, a colon or a bracket, and holds none of the flow
// indicators nor a '#'.
func (p *fastParser) flowScalar(ln, i int) (*yaml.Node, int) {
	line := p.lines[ln]
	if i == len(line) {
		return nil, 0
	}
	if line[i] == '"' || line[i] == '\'' {
		return p.quoted(ln, i)
	}
	end := i + strings.IndexAny(line[i:], ",:[]{}#")
	if end < i || line[end] != ',' && line[end] != ':' && line[end] != ']' && line[end] != '}' {
		return nil, 0
	}
	e := len(strings.TrimRight(line[:end], " "))
	if e <= i || strings.ContainsFunc(line[i:e], notFlowPlain) {
		return nil, 0
	}
	return p.plain(ln, i, e), end
}

// notFlowPlain reports whether r is outside what fastYAML reads in a
// plain scalar inside a flow collection: letters, digits, spaces and
// ".%/()_-" (the codes and words piao importa writes there unquoted).
func notFlowPlain(r rune) bool {
	return r < utf8.RuneSelf && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(" .%/()_-", r))
}

func closeFlow(s *yaml.Node, line string, i int) *yaml.Node {
	if !lineEnd(line, i+1) {
		return nil
	}
	return s
}

// quoteEnd is the byte after the quoted scalar that starts at byte at of
// line, or 0 when it does not end on the line.
func quoteEnd(line string, at int) int {
	q := line[at]
	for i := at + 1; i < len(line); i++ {
		switch {
		case line[i] == '\\' && q == '"':
			i++
		case line[i] == q && q == '\'' && i+1 < len(line) && line[i+1] == '\'':
			i++
		case line[i] == q:
			return i + 1
		}
	}
	return 0
}

// quoted parses the quoted scalar from byte at of line ln, and gives the
// byte after it.
func (p *fastParser) quoted(ln, at int) (*yaml.Node, int) {
	line := p.lines[ln]
	end := quoteEnd(line, at)
	if end == 0 {
		return nil, 0
	}
	v, ok := line[at+1:end-1], true
	n := p.node()
	n.Kind, n.Tag, n.Style = yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle
	if line[at] == '\'' {
		n.Style = yaml.SingleQuotedStyle
		v = strings.ReplaceAll(v, "''", "'")
	} else if strings.IndexByte(v, '\\') >= 0 {
		v, ok = unescapeYAML(v)
	}
	if !ok {
		return nil, 0
	}
	n.Value = v
	n.Line, n.Column = ln+1, runeColumn(line, at)
	return n, end
}

// unescapeYAML is the text of a double-quoted scalar on one line, its
// escapes read as yaml.v3 reads them; false for one yaml.v3 refuses.
func unescapeYAML(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i++; i == len(s) {
			return "", false
		}
		size := 0
		switch c := s[i]; c {
		case '0':
			b.WriteByte(0)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case ' ', '"', '\'', '\\':
			b.WriteByte(c)
		case 'N':
			b.WriteRune(0x85)
		case '_':
			b.WriteRune(0xa0)
		case 'L':
			b.WriteRune(0x2028)
		case 'P':
			b.WriteRune(0x2029)
		case 'x':
			size = 2
		case 'u':
			size = 4
		case 'U':
			size = 8
		default:
			return "", false
		}
		if size == 0 {
			continue
		}
		if i+1+size > len(s) {
			return "", false
		}
		r, err := strconv.ParseUint(s[i+1:i+1+size], 16, 32)
		if err != nil || r >= 0xd800 && r <= 0xdfff || r > 0x10ffff {
			return "", false
		}
		b.WriteRune(rune(r))
		i += size
	}
	return b.String(), true
}

// plain parses the plain scalar from byte at to end of line ln, if it is
// a string or a decimal integer as yaml.v3 resolves it.
func (p *fastParser) plain(ln, at, end int) *yaml.Node {
	line := p.lines[ln]
	v := strings.TrimRight(line[at:end], " ")
	tag := plainTag(v)
	if tag == "" {
		return nil
	}
	n := p.node()
	n.Kind, n.Tag, n.Value = yaml.ScalarNode, tag, v
	n.Line, n.Column = ln+1, runeColumn(line, at)
	return n
}

// plainTag is the tag yaml.v3 resolves the plain scalar v to, or "" for
// one that might be null, a boolean, a merge key, a number other than a
// decimal one, or that yaml.v3 would not read as one plain scalar.
func plainTag(v string) string {
	if v == "" || strings.Contains(v, " #") {
		return ""
	}
	switch c := v[0]; {
	case c >= '0' && c <= '9', c == '+', c == '-' && len(v) > 1 && v[1] != ' ':
		return numberTag(v)
	case strings.IndexByte("-?:,[]{}#&*!|>'\"%@`.~<", c) >= 0:
		return ""
	}
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return ""
	}
	return "!!str"
}

// numberTag is the tag yaml.v3 resolves a plain scalar that starts with a
// digit or a sign to (its resolve, for the hints 'D' and 'S'):
// !!timestamp, !!int, !!float or !!str; "" for an infinity, an integer in
// binary or octal, or a float out of range.
func numberTag(v string) string {
	if strings.HasSuffix(strings.ToLower(v), ".inf") {
		return ""
	}
	if len(v) > 4 && v[4] == '-' && strings.Trim(v[:4], "0123456789") == "" {
		for _, format := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
			if _, err := time.Parse(format, v); err == nil {
				return "!!timestamp"
			}
		}
	}
	plain := strings.ReplaceAll(v, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if yamlFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
		return ""
	}
	if strings.HasPrefix(strings.TrimLeft(plain, "+-"), "0b") || strings.HasPrefix(strings.TrimLeft(plain, "+-"), "0o") {
		return ""
	}
	return "!!str"
}

// yamlFloat is yaml.v3's pattern of a float.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// runeColumn is the column (from 1, in characters) of byte at of line.
func runeColumn(line string, at int) int {
	for i := 0; i < at; i++ {
		if line[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(line[:at]) + 1
		}
	}
	return at + 1
}
