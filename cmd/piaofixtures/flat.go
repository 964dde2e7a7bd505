package main

import (
	"fmt"
	"strings"
)

// A document is blocks (paragraphs and tables) written as flat
// OpenDocument XML, which LibreOffice converts to every format.

// kind says what a run of text is: in force, an earlier value, or text a
// revision added.
type kind int

const (
	plain kind = iota
	old
	added
	bold
)

// run is text of one kind; date is the date of the revision that struck
// or added it (for tracked changes).
type textRun struct {
	text string
	kind kind
	date string
}

type para []textRun

// cell is a table cell; a colspan or rowspan over 1 merges cells, and the
// positions it covers are written as covered cells.
type cell struct {
	paras            []para
	colspan, rowspan int
}

type block struct {
	para  para
	table [][]cell // nil for a paragraph
	name  string   // the worksheet's name, for a workbook
}

// mode is how revisions are shown.
type mode int

const (
	strike  mode = iota // earlier values struck through, new text underlined
	tracked             // tracked changes
)

const fodtHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="%s">
<office:automatic-styles>
<style:style style:name="Told" style:family="text"><style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/></style:style>
<style:style style:name="Tnew" style:family="text"><style:text-properties style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>
<style:style style:name="Tbold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Tab" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
</office:automatic-styles>
<office:body>
`

// writer writes blocks as a flat OpenDocument text or spreadsheet.
type writer struct {
	mode    mode
	sheet   bool
	body    strings.Builder
	changes strings.Builder
	n       int
}

func fodt(blocks []block, m mode) string {
	w := &writer{mode: m}
	for _, b := range blocks {
		if b.table == nil {
			w.para(b.para)
		} else {
			w.table(b.table, "")
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, fodtHead, "application/vnd.oasis.opendocument.text")
	out.WriteString("<office:text>\n")
	if w.changes.Len() > 0 {
		out.WriteString(`<text:tracked-changes text:track-changes="false">` + "\n" + w.changes.String() + "</text:tracked-changes>\n")
	}
	out.WriteString(w.body.String())
	out.WriteString("</office:text>\n</office:body>\n</office:document>\n")
	return out.String()
}

// fods writes each table as a worksheet, and the paragraphs before it as
// rows of one cell at its top.
func fods(blocks []block) string {
	w := &writer{mode: strike, sheet: true}
	var rows [][]cell
	name := ""
	flush := func() {
		if len(rows) > 0 {
			w.table(rows, name)
		}
		rows = nil
	}
	for _, b := range blocks {
		switch {
		case b.name != "":
			flush()
			name = b.name
		case b.table == nil:
			rows = append(rows, []cell{{paras: []para{b.para}}})
		default:
			rows = append(rows, b.table...)
			rows = append(rows, nil)
		}
	}
	flush()
	var out strings.Builder
	fmt.Fprintf(&out, fodtHead, "application/vnd.oasis.opendocument.spreadsheet")
	out.WriteString("<office:spreadsheet>\n" + w.body.String() + "</office:spreadsheet>\n</office:body>\n</office:document>\n")
	return out.String()
}

func (w *writer) para(p para) {
	w.body.WriteString("<text:p>")
	w.runs(p)
	w.body.WriteString("</text:p>\n")
}

func (w *writer) runs(p para) {
	for _, r := range p {
		t := esc(r.text)
		switch {
		case r.kind == bold:
			w.body.WriteString(`<text:span text:style-name="Tbold">` + t + `</text:span>`)
		case r.kind == plain || r.text == "":
			w.body.WriteString(t)
		case w.mode == strike && r.kind == old:
			w.body.WriteString(`<text:span text:style-name="Told">` + t + `</text:span>`)
		case w.mode == strike:
			w.body.WriteString(`<text:span text:style-name="Tnew">` + t + `</text:span>`)
		case r.kind == old:
			w.n++
			fmt.Fprintf(&w.changes, `<text:changed-region xml:id="ct%d" text:id="ct%d"><text:deletion><office:change-info><dc:creator>Ufficio performance</dc:creator><dc:date>%s</dc:date></office:change-info><text:p>%s</text:p></text:deletion></text:changed-region>`+"\n", w.n, w.n, r.date, t)
			fmt.Fprintf(&w.body, `<text:change text:change-id="ct%d"/>`, w.n)
		default:
			w.n++
			fmt.Fprintf(&w.changes, `<text:changed-region xml:id="ct%d" text:id="ct%d"><text:insertion><office:change-info><dc:creator>Ufficio performance</dc:creator><dc:date>%s</dc:date></office:change-info></text:insertion></text:changed-region>`+"\n", w.n, w.n, r.date)
			fmt.Fprintf(&w.body, `<text:change-start text:change-id="ct%d"/>%s<text:change-end text:change-id="ct%d"/>`, w.n, t, w.n)
		}
	}
}

func (w *writer) table(rows [][]cell, name string) {
	cols := 1
	for _, r := range rows {
		n := 0
		for _, c := range r {
			n += max(c.colspan, 1)
		}
		cols = max(cols, n)
	}
	if name == "" {
		name = fmt.Sprintf("Tabella%d", w.n+len(rows))
	}
	fmt.Fprintf(&w.body, `<table:table table:name="%s" table:style-name="Tab"><table:table-column table:number-columns-repeated="%d"/>`+"\n", esc(name), cols)
	down := map[int]int{} // column → rows a merge above still covers
	for _, r := range rows {
		w.body.WriteString("<table:table-row>")
		col := 0
		next := 0
		for col < cols {
			if down[col] > 0 {
				down[col]--
				w.body.WriteString("<table:covered-table-cell/>")
				col++
				continue
			}
			if next >= len(r) {
				w.body.WriteString(`<table:table-cell table:style-name="Cell"><text:p/></table:table-cell>`)
				col++
				continue
			}
			c := r[next]
			next++
			w.cell(c)
			span := max(c.colspan, 1)
			for i := 0; i < span; i++ {
				if c.rowspan > 1 {
					down[col+i] = c.rowspan - 1
				}
				if i > 0 {
					w.body.WriteString("<table:covered-table-cell/>")
				}
			}
			col += span
		}
		w.body.WriteString("</table:table-row>\n")
	}
	w.body.WriteString("</table:table>\n")
	if !w.sheet {
		w.body.WriteString("<text:p/>\n")
	}
}

func (w *writer) cell(c cell) {
	w.body.WriteString(`<table:table-cell table:style-name="Cell" office:value-type="string"`)
	if c.colspan > 1 {
		fmt.Fprintf(&w.body, ` table:number-columns-spanned="%d"`, c.colspan)
	}
	if c.rowspan > 1 {
		fmt.Fprintf(&w.body, ` table:number-rows-spanned="%d"`, c.rowspan)
	}
	w.body.WriteString(">")
	if len(c.paras) == 0 {
		w.body.WriteString("<text:p/>")
	}
	for _, p := range c.paras {
		w.para(p)
	}
	w.body.WriteString("</table:table-cell>")
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
