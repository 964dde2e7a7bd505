package importa

import (
	"regexp"
	"strings"
)

// The interpreter reads a Document's blocks as a stream of lines (a
// paragraph, or a table row) and finds the sheets in them:
//
//   - a heading ("SCHEDA OBIETTIVO OPERATIVO") starts a sheet, and so does
//     a label the current sheet already has ("UNITÀ ORGANIZZATIVA");
//   - a label/value row ("PESO OBIETTIVO | 30%") gives a field; a label
//     over years ("RISULTATO ATTESO - TARGET | Anno 2024 | Anno 2025")
//     gives the years of the values in the row beneath, or in its own;
//   - a row of column headings ("Descrizione indicatore | Algoritmo di
//     calcolo | Target 2024 | Peso") reads the rows beneath by column: a
//     new indicator each, or more fields of the same indicator when the
//     headings do not name the description; headings that name the sheet
//     ("Unità organizzativa", "Obiettivo operativo") make a flat table, a
//     row per indicator, a new sheet whenever they change (an empty or
//     merged cell repeats the one above). A table that starts without
//     headings continues the headings of the table before it;
//   - "REVISIONE ATTUATA: … CAUSA: …" is a revision note: of the indicator
//     whose rows it is among, or, outside tables, of the sheet;
//   - "(*) text" after a table is a footnote of the indicator (or the
//     sheet) the table is about; a paragraph right after a footnote is
//     another footnote, without marker;
//   - in an operational sheet, a paragraph between the heading and the
//     first table names the area ("AREA 1 - PROMOZIONE …").
//
// Whatever it cannot place is reported, never dropped in silence.

type source struct {
	paras []Para
	where string
}

func (s source) text() string { return (&Cell{Paras: s.paras}).Text() }

type yearSource struct {
	year string
	src  source
}

type rawNote struct {
	para  Para
	where string
}

type rawRev struct {
	attuata, causa source
	where          string
	date           string // of the tracked insertion that wrote it, if any
}

// rawInd is an indicator as read: its fields' cells, not yet resolved.
type rawInd struct {
	fields map[string]source
	target []yearSource
	marks  map[string]string // field → the footnote marker on its label
	notes  []rawNote
	revs   []rawRev
	where  string
}

// rawSheet is a sheet as read.
type rawSheet struct {
	heading    string // hStrategic, hOperational or "" (none)
	where      string
	fields     map[string]source
	risorse    []yearSource
	marks      map[string]string
	inds       []*rawInd
	notes      []rawNote
	revs       []rawRev
	indSection bool   // after "INDICATORE/I"
	rows       int    // table rows read
	flatKey    string // in a flat table, the sheet's columns of the row that started it
}

func newInd(where string) *rawInd {
	return &rawInd{fields: map[string]source{}, marks: map[string]string{}, where: where}
}

// header is a row of column headings.
type header struct {
	cols   map[int]column
	starts bool // its rows start indicators
	flat   bool // it names the sheet too
	width  int
}

type column struct {
	field, year, marker string
}

// interp holds the interpreter's state between lines.
type interp struct {
	lab          *labels
	sheets       []*rawSheet
	cur          *rawSheet
	ind          *rawInd
	header       *header
	lastHeader   *header
	years        map[int]string // column → year, of a row of years
	yearField    string         // the label the years belong to
	yearMarker   string
	afterNote    bool
	lastRev      *rawRev // the revision note read last
	gap          bool    // the last line was empty
	gapBefore    bool    // an empty line came before this one
	reports      []Report
	unknown      []string // labels of the current table no rule reads
	tableRead    int      // rows of the current table read
	tableReports int      // reports before the current table
}

// line is a paragraph (one cell) or a table row.
type line struct {
	cells []*Cell
	para  bool
	where string
}

type content struct {
	cell *Cell
	text string
}

// interpret finds the sheets of a document.
func interpret(doc *Document, lab *labels) *interp {
	in := &interp{lab: lab}
	for _, b := range doc.Blocks {
		if b.Para != nil {
			in.line(line{cells: []*Cell{{Paras: []Para{*b.Para}}}, para: true, where: b.Where})
			continue
		}
		if in.header != nil {
			in.lastHeader = in.header
		}
		in.header, in.unknown, in.tableRead, in.tableReports = nil, nil, 0, len(in.reports)
		for _, row := range b.Table.Rows {
			in.line(line{cells: row.Cells, where: whereRow(b.Where, row.Num+1)})
		}
		in.endTable(b)
	}
	return in
}

// endTable reports a table no row of which was read, with the labels it
// holds and the map entry that would read them.
func (in *interp) endTable(b Block) {
	if len(in.unknown) == 0 {
		return
	}
	if in.tableRead == 0 {
		in.reports = in.reports[:in.tableReports] // the rows of a table not read are not reported one by one
		in.report(b.Where, false, hintMapEntry(mapEntry(in.unknown)), msgTableUnread, quoteList(in.unknown))
	} else {
		in.report(b.Where, true, hintMapEntry(mapEntry(in.unknown)), msgLabelsUnread, quoteList(in.unknown))
	}
}

func (in *interp) report(where string, warning bool, hint, format string, args ...any) {
	in.reports = append(in.reports, newReport(where, warning, hint, format, args...))
}

// contents lists the distinct cells of a line that hold text, in order.
func contents(cells []*Cell) []content {
	var out []content
	for _, c := range cells {
		if c.Origin != nil {
			continue
		}
		if t := c.Text(); t != "" {
			out = append(out, content{c, t})
		}
	}
	return out
}

func (in *interp) line(l line) {
	cs := contents(l.cells)
	if len(cs) == 0 {
		in.afterNote, in.gap = false, true
		return
	}
	in.gapBefore, in.gap = in.gap, false
	field, year, marker, isLabel := in.lab.labelOf(cs[0].text)
	heading := field == hStrategic || field == hOperational || field == hIndicators
	switch {
	case len(cs) == 1 && (!isLabel || heading):
		in.single(cs[0], l, field, isLabel)
		return
	case in.headerRow(cs, l):
	case in.yearsRow(cs):
	case isLabel && field != fIgnore:
		in.labelRow(field, year, marker, cs, l)
	case in.yearValues(cs, l):
	case in.active(l) != nil:
		in.dataRow(in.active(l), l)
	default:
		in.unknownRow(cs, l)
		return
	}
	in.afterNote = false
	in.tableRead++
	if in.cur != nil && !l.para {
		in.cur.rows++
	}
}

func (in *interp) sheet(where string) *rawSheet {
	if in.cur == nil {
		in.newSheet("", where)
	}
	return in.cur
}

func (in *interp) newSheet(heading, where string) {
	in.cur = &rawSheet{heading: heading, where: where, fields: map[string]source{}, marks: map[string]string{}}
	in.sheets = append(in.sheets, in.cur)
	in.ind, in.header, in.lastHeader, in.years, in.yearField, in.lastRev = nil, nil, nil, nil, "", nil
}

var (
	footnoteRe = regexp.MustCompile(`^\(\s*(\*{1,3}|[0-9]{1,2}|[a-z])\s*\)\s*`)
	revNoteRe  = regexp.MustCompile(`(?i)^\s*(revisione\s+attuata|modifica\s+apportata)\s*:\s*`)
	causaRe    = regexp.MustCompile(`(?i)(^|\s)(causa|motivazione)\s*:\s*`)
	causaStart = regexp.MustCompile(`(?i)^\s*(causa|motivazione)\s*:`)
)

// single reads a line with one text: a heading, a revision note, a
// footnote, an area, or text no rule reads.
func (in *interp) single(c content, l line, field string, isLabel bool) {
	switch {
	case isLabel && (field == hStrategic || field == hOperational):
		in.newSheet(field, l.where)
	case isLabel && field == hIndicators:
		in.sheet(l.where).indSection = true
		in.ind, in.header = nil, nil
	case revNoteRe.MatchString(c.text) || causaStart.MatchString(c.text):
		in.revNote(c, l)
	case footnoteRe.MatchString(c.text) && in.cur != nil:
		in.footnote(c, l)
		return
	case in.afterNote && in.cur != nil:
		in.footnote(c, l)
		return
	case in.cur != nil && in.cur.heading == hOperational && in.cur.rows == 0:
		if _, ok := in.cur.fields[fArea]; !ok {
			in.cur.fields[fArea] = source{c.cell.Paras, l.where}
			return
		}
		in.report(l.where, true, hintTextUnread, msgTextUnread, excerpt(c.text))
	case !l.para && in.active(l) != nil:
		in.dataRow(in.active(l), l)
		in.tableRead++
	case in.cur != nil:
		in.report(l.where, true, hintTextUnread, msgTextUnread, excerpt(c.text))
	}
	in.afterNote = false
}

// footnote adds a footnote to the current indicator, or to the sheet.
func (in *interp) footnote(c content, l line) {
	for _, p := range c.cell.Paras {
		n := rawNote{para: p, where: l.where}
		if in.ind != nil {
			in.ind.notes = append(in.ind.notes, n)
		} else {
			in.cur.notes = append(in.cur.notes, n)
		}
	}
	in.afterNote = true
}

// revNote reads "REVISIONE ATTUATA: … CAUSA: …", or "CAUSA: …" that
// completes the note before it: of the indicator whose table rows it is
// among (no empty row between), or of the sheet.
func (in *interp) revNote(c content, l line) {
	s := in.sheet(l.where)
	revs := &s.revs
	if in.ind != nil && !l.para && !in.gapBefore {
		revs = &in.ind.revs
	}
	attuata, causa := splitRevNote(c.cell.Paras)
	if last := in.lastRev; len(attuata.paras) == 0 && last != nil && len(last.causa.paras) == 0 {
		last.causa = source{causa.paras, l.where}
		return
	}
	*revs = append(*revs, rawRev{attuata: source{attuata.paras, l.where}, causa: source{causa.paras, l.where}, where: l.where, date: insertedOn(c.cell.Paras)})
	in.lastRev = &(*revs)[len(*revs)-1]
}

// splitRevNote splits "REVISIONE ATTUATA: what CAUSA: why" (tracked
// deletions left out) into its two texts.
func splitRevNote(paras []Para) (attuata, causa source) {
	var lines []string
	for _, p := range paras {
		var b strings.Builder
		for _, r := range p.Runs {
			if r.Mark != Deleted {
				b.WriteString(r.Text)
			}
		}
		lines = append(lines, b.String())
	}
	text := strings.TrimSpace(strings.Join(lines, "\n"))
	text = revNoteRe.ReplaceAllString(text, "")
	what, why := text, ""
	if causaStart.MatchString(text) {
		what, why = "", causaStart.ReplaceAllString(text, "")
	} else if loc := causaRe.FindStringIndex(text); loc != nil {
		what, why = text[:loc[0]], text[loc[1]:]
	}
	plainSource := func(s string) source {
		if s = strings.TrimSpace(s); s == "" {
			return source{}
		}
		return source{paras: []Para{{Runs: []Run{{Text: s}}}}}
	}
	return plainSource(what), plainSource(why)
}

// insertedOn is the date of the first tracked insertion in the paragraphs.
func insertedOn(paras []Para) string {
	for _, p := range paras {
		for _, r := range p.Runs {
			if r.Mark == Inserted && r.Date != "" {
				return r.Date
			}
		}
	}
	return ""
}
