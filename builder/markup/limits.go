package markup

import "strings"

// Goldmark, like most Markdown parsers, is quadratic on some inputs well
// under piao's size limit: link openers with no closing parenthesis
// ("[a](" a hundred thousand times), emphasis marks that never match
// ("*a_ " repeated), brackets nested thousands deep, a line of thousands
// of block quote or list markers; and a table pads every row to the
// columns of its header, so a 50,000-column header over short rows makes
// billions of cells. limits measures, in one linear pass over the text,
// what each of those costs, and reports the places that pass a bound; a
// text within every bound renders in time linear in its length, and its
// parse tree, about a kilobyte an element, in well under 200 MB. The
// bounds sit far above what a plan's text needs: a paragraph of 500
// links, a table of 100 columns, 10 levels of nesting, 100,000 elements
// (a megabyte of prose has half as many).

// The bounds.
const (
	MaxDepth     = 10      // block quotes and list items opened on one line
	MaxColumns   = 100     // columns of a table
	MaxCells     = 50_000  // cells of all the tables of a text, as rendered
	MaxElements  = 100_000 // what the parse tree holds, about 1 kB each: blocks, cells, links, emphasis
	MaxInline    = 20_000  // the same, in a field's text, which every output renders again
	MaxEmphasis  = 500     // runs of * _ ~ in a paragraph
	MaxBrackets  = 500     // [ in a paragraph
	linkScanBase = 64 << 10
	linkScanRate = 8 // bytes scanned for links, per byte of the paragraph
)

// Kind is the kind of a Problem.
type Kind int

const (
	TooDeep       Kind = iota // N levels of nesting on one line
	TooWide                   // a table of N columns
	TooManyCells              // tables of N cells in all
	TooManyElems              // N elements in all
	TooMuchEmph               // a paragraph with N runs of emphasis marks
	TooManyOpen               // a paragraph with N brackets
	TooManyLinks              // a paragraph whose links would scan N bytes
	ExternalImage             // an image from another site, at URL
)

// Problem is a reason a text is not rendered as it is, at a byte offset
// of the text (the start of its line, or of its paragraph).
type Problem struct {
	Offset int
	Kind   Kind
	N, Max int
	URL    string
}

// limits reports every place of src that passes a bound.
func limits(src string) []Problem { return limitsOf(src, false) }

// limitsOf is limits; inline reads src as the Inliner does: paragraphs
// only, where a list marker, a ">" or a "#" is text.
func limitsOf(src string, inline bool) []Problem {
	s := &scan{src: src, para: -1, inlineOnly: inline, maxElements: MaxElements}
	if inline {
		s.maxElements = MaxInline
	}
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		s.line(off, end)
		off = end + 1
	}
	s.closePara(len(src))
	if s.cells > MaxCells {
		s.add(s.cellsAt, TooManyCells, s.cells, MaxCells)
	}
	if s.elements > s.maxElements {
		s.add(s.elementsAt, TooManyElems, s.elements, s.maxElements)
	}
	return s.problems
}

// scan is the state of limits: the fenced code block it is in, the
// paragraph (a run of non-blank lines) and the table it is in, and the
// pointers that find the end of each link's scan in amortised constant
// time (see next).
type scan struct {
	src         string
	problems    []Problem
	inlineOnly  bool // paragraphs only: no quotes, lists, headings, fences or tables
	maxElements int

	fence      string // the fence of the code block open, or ""
	fenceDepth int    // the containers it was opened in
	para       int    // where the paragraph began, or -1 when none is open
	emph       int
	brackets   int
	links      int   // bytes the link openers of the paragraph scan, known so far
	pending    []int // link openers whose scan ends at the end of the paragraph
	tableCols  int   // columns of the table the paragraph holds, or 0
	cells      int
	cellsAt    int
	elements   int // blocks, cells and inline openers: nearly the nodes of the parse tree
	elementsAt int

	ws, nl, bracket int // the next whitespace, newline and unescaped ']' found
}

func (s *scan) add(off int, k Kind, n, most int) {
	s.problems = append(s.problems, Problem{Offset: off, Kind: k, N: n, Max: most})
}

// line takes the line src[start:end]. Paragraphs are taken as goldmark
// could at most see them: a run of lines that only a blank line, a
// heading, a fence or a list item with text ends; a paragraph seen longer
// than it is only costs more.
func (s *scan) line(start, end int) {
	text := s.src[start:end]
	if s.inlineOnly {
		if strings.TrimSpace(text) == "" {
			s.closePara(start)
			return
		}
		s.openPara(start)
		s.inline(start, end)
		return
	}
	depth, interrupts, rest := containers(text)
	if s.fence != "" {
		if depth < s.fenceDepth || closesFence(rest, s.fence) {
			s.fence = ""
		}
		if depth >= s.fenceDepth {
			return
		}
	}
	if depth > MaxDepth {
		s.add(start, TooDeep, depth, MaxDepth)
	}
	s.count(start, depth)
	body := start + len(text) - len(rest)
	t := strings.TrimSpace(rest)
	if interrupts || t == "" || atxHeading(t) || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
		s.closePara(start)
		s.tableCols = 0
	}
	switch {
	case t == "":
	case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
		s.fence, s.fenceDepth = t[:3], depth
	case atxHeading(t):
		s.openPara(body)
		s.inline(body, end)
		s.closePara(end)
	case s.tableCols > 0: // a row of a table: its cells are parsed one by one
		s.addCells(start, s.tableCols)
		s.openPara(body)
		s.inline(body, end)
		s.closePara(end)
	case s.para >= 0 && tableDelim(t):
		s.closePara(start) // the header line was taken as a paragraph
		cols := len(strings.Split(strings.Trim(t, "|"), "|"))
		if cols > MaxColumns {
			s.add(start, TooWide, cols, MaxColumns)
		}
		s.tableCols = cols
		s.addCells(start, cols) // the header
	default:
		s.openPara(body)
		s.inline(body, end)
	}
}

// closesFence reports whether t closes a code block opened by fence.
func closesFence(t, fence string) bool {
	t = strings.TrimSpace(t)
	return strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == ""
}

// atxHeading reports whether t is a heading: one to six "#" and a space
// or nothing.
func atxHeading(t string) bool {
	n := len(t) - len(strings.TrimLeft(t, "#"))
	return n >= 1 && n <= 6 && (n == len(t) || t[n] == ' ' || t[n] == '\t')
}

func (s *scan) addCells(at, n int) {
	if s.cells <= MaxCells && s.cells+n > MaxCells {
		s.cellsAt = at
	}
	s.cells += n
	s.count(at, n)
}

// count adds n elements, found at off.
func (s *scan) count(off, n int) {
	if s.elements <= s.maxElements && s.elements+n > s.maxElements {
		s.elementsAt = off
	}
	s.elements += n
}

func (s *scan) openPara(at int) {
	if s.para < 0 {
		s.para = at
		s.count(at, 1)
	}
}

// closePara ends the paragraph open, if any, at end; a blank line ends a
// table too.
func (s *scan) closePara(end int) {
	if s.para >= 0 {
		for _, p := range s.pending {
			s.links += end - p
		}
		size := end - s.para
		switch {
		case s.emph > MaxEmphasis:
			s.add(s.para, TooMuchEmph, s.emph, MaxEmphasis)
		case s.brackets > MaxBrackets:
			s.add(s.para, TooManyOpen, s.brackets, MaxBrackets)
		case s.links > linkScanBase+linkScanRate*size:
			s.add(s.para, TooManyLinks, s.links, linkScanBase+linkScanRate*size)
		}
	}
	s.para, s.emph, s.brackets, s.links, s.pending = -1, 0, 0, 0, s.pending[:0]
}

// inline counts what the inline parser will work on in src[start:end]:
// emphasis runs, brackets, and the bytes each link opener scans.
func (s *scan) inline(start, end int) {
	src := s.src
	for i := start; i < end; i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < end:
			i++ // an escaped character is text
		case c == '*' || c == '_' || c == '~':
			s.emph++
			s.count(i, 1)
			for i+1 < end && src[i+1] == c {
				i++
			}
		case c == '[':
			s.brackets++
			s.count(i, 1)
		case c == ']' && i+1 < end && src[i+1] == '(':
			s.linkScan(i + 2)
		case c == ']' && i+1 < end && src[i+1] == '[':
			s.refScan(i + 2)
		}
	}
}

// linkScan adds what an inline link whose destination starts at p scans:
// the destination, up to the next white space (or, after "<", to the end
// of the line); then, if a title follows, up to the end of the paragraph,
// since its closing quote may be escaped or absent.
func (s *scan) linkScan(p int) {
	src := s.src
	if p < len(src) && src[p] == '<' {
		s.links += next(src, &s.nl, p, func(c byte) bool { return c == '\n' }) - p
		return
	}
	e := next(src, &s.ws, p, isSpace)
	s.links += e - p
	for e < len(src) && isSpace(src[e]) {
		e++
	}
	if e < len(src) && (src[e] == '"' || src[e] == '\'' || src[e] == '(') {
		s.pending = append(s.pending, e)
	}
}

// refScan adds what a reference link's label starting at p scans: up to
// the next unescaped "]", or to the end of the paragraph when a backtick
// comes first (a code span could hide the bracket).
func (s *scan) refScan(p int) {
	src := s.src
	e := next(src, &s.bracket, p, func(c byte) bool { return c == ']' || c == '`' })
	for e < len(src) && src[e] == ']' && escaped(src, e) {
		e = next(src, &s.bracket, e+1, func(c byte) bool { return c == ']' || c == '`' })
	}
	if e < len(src) && src[e] == '`' {
		s.pending = append(s.pending, p)
		return
	}
	s.links += e - p
}

// next returns the first position from p on whose byte matches, or
// len(src). Calls for one pointer ask for positions that never decrease,
// so the pointer only moves forward: over a whole text, each pointer
// costs one pass.
func next(src string, ptr *int, p int, match func(byte) bool) int {
	if *ptr < p {
		*ptr = p
	}
	for *ptr < len(src) && !match(src[*ptr]) {
		*ptr++
	}
	return *ptr
}

// escaped reports whether the byte at i follows an odd number of
// backslashes.
func escaped(src string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// containers counts the block quote and list markers that open a line,
// and returns the rest of it; interrupts reports whether the line opens a
// list item with text, which always ends the paragraph before it (a
// bullet, or an item numbered 1: other numbers may continue one). A block
// quote marker is taken to continue the paragraph: the lines of a quoted
// paragraph are one paragraph. A thematic break ("- - -") opens none.
func containers(line string) (depth int, interrupts bool, rest string) {
	if thematicBreak(line) {
		return 0, true, ""
	}
	item := false
	for {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 && depth == 0 {
			return depth, false, line
		}
		n := listMarker(t)
		switch {
		case strings.HasPrefix(t, ">"):
			line = strings.TrimPrefix(t[1:], " ")
		case n > 0:
			line = t[n:]
			item = item || strings.ContainsRune("-+*", rune(t[0])) || strings.HasPrefix(t, "1.") || strings.HasPrefix(t, "1)")
		default:
			return depth, item && strings.TrimSpace(line) != "", line
		}
		depth++
	}
}

// listMarker is the length of the list marker that opens t, with the
// space after it, or 0.
func listMarker(t string) int {
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	switch {
	case i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')'):
		i++
	case i == 0 && len(t) > 0 && (t[0] == '-' || t[0] == '+' || t[0] == '*'):
		i = 1
	default:
		return 0
	}
	if i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		return i + 1
	}
	if i == len(t) {
		return i
	}
	return 0
}

func thematicBreak(line string) bool {
	t := strings.TrimSpace(line)
	if len(t) < 3 || (t[0] != '-' && t[0] != '*' && t[0] != '_') {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case t[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// tableDelim reports whether t is the delimiter row of a table, as
// goldmark's table extension reads it: only "-", ":", "|" and spaces,
// with a "-".
func tableDelim(t string) bool {
	return strings.Trim(t, "-:| \t") == "" && strings.Contains(t, "-") && strings.Trim(t, "-") != ""
}
