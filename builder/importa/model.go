package importa

import "strings"

// Document is what a reader makes of a file: its blocks in reading order.
type Document struct {
	Blocks []Block
	// Tracked reports tracked changes; Struck reports struck text. In a
	// document that strikes text, underlined text counts as inserted.
	Tracked, Struck bool
	// Ignored lists what the reader saw and could not read (tracked
	// changes of a workbook, hidden sheets), for the report.
	Ignored []string
}

// Block is a paragraph outside tables, or a table.
type Block struct {
	Para  *Para
	Table *Table
	Where string // "paragrafo 12", "tabella 3", "foglio «Schede»"
}

// Table is a grid of rows. Merged cells are expanded: every grid position
// has a Cell, and those a merge covers point to its first cell.
type Table struct {
	Rows  []Row
	Sheet bool // a worksheet: positions are written A1
}

// Row is a row of cells, in grid order.
type Row struct {
	Cells []*Cell
	Num   int // 0-based row number in the file (a workbook skips empty rows)
}

// Cell is a table cell.
type Cell struct {
	Paras  []Para
	Origin *Cell // for a position a merge covers: the merged cell; else nil
	Row    int   // 0-based grid position
	Col    int
}

// Para is a paragraph: runs of text with their marks.
type Para struct {
	Runs []Run
}

// Mark says how the office marked a run.
type Mark uint8

const (
	Plain      Mark = iota
	Struck          // struck through: an earlier value
	Deleted         // a tracked deletion
	Inserted        // a tracked insertion
	Underlined      // underlined: inserted, in a document that strikes text
)

// Run is text with one mark. Date is the tracked change's date, when the
// file gives one (RFC 3339 or ISO date).
type Run struct {
	Text string
	Mark Mark
	Date string
	// InsDate is set for text a tracked change inserted and a later one
	// deleted (a deletion nested in an insertion).
	InsDate string
}

// Content is the cell itself, or the merged cell that covers it.
func (c *Cell) Content() *Cell {
	if c == nil {
		return nil
	}
	if c.Origin != nil {
		return c.Origin
	}
	return c
}

// Text is the cell's text as it reads, every mark ignored, paragraphs
// joined by line breaks.
func (c *Cell) Text() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	for i, p := range c.Content().Paras {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Text())
	}
	return strings.TrimSpace(b.String())
}

// Text is the paragraph's text, every mark ignored.
func (p Para) Text() string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// appendText adds text to the paragraph, joining it to the last run when
// the marks agree.
func (p *Para) appendText(text string, r Run) {
	if text == "" {
		return
	}
	if n := len(p.Runs); n > 0 && p.Runs[n-1].Mark == r.Mark && p.Runs[n-1].Date == r.Date && p.Runs[n-1].InsDate == r.InsDate {
		p.Runs[n-1].Text += text
		return
	}
	r.Text = text
	p.Runs = append(p.Runs, r)
}

// grid builds a table row by row.
type grid struct {
	t   Table
	num int // the number of the next row
}

// row starts a new row.
func (g *grid) row() {
	g.t.Rows = append(g.t.Rows, Row{Num: g.num})
	g.num++
}

// col is the grid column the next cell of the current row takes.
func (g *grid) col() int { return len(g.t.Rows[len(g.t.Rows)-1].Cells) }

// cell adds a cell spanning span columns to the current row and returns it.
func (g *grid) cell(span int) *Cell {
	r := &g.t.Rows[len(g.t.Rows)-1]
	c := &Cell{Row: r.Num, Col: len(r.Cells)}
	r.Cells = append(r.Cells, c)
	for i := 1; i < span && len(r.Cells) < maxCols; i++ {
		g.covered(c)
	}
	return c
}

// covered adds a position that the merged cell origin covers; with a nil
// origin, the cell on its left.
func (g *grid) covered(origin *Cell) {
	r := &g.t.Rows[len(g.t.Rows)-1]
	if origin == nil && len(r.Cells) > 0 {
		origin = r.Cells[len(r.Cells)-1].Content()
	}
	if origin == nil {
		origin = &Cell{}
	}
	r.Cells = append(r.Cells, &Cell{Origin: origin, Row: r.Num, Col: len(r.Cells)})
}

// above is the merged cell at column col of the previous row, or nil.
func (g *grid) above(col int) *Cell {
	if len(g.t.Rows) < 2 {
		return nil
	}
	if cells := g.t.Rows[len(g.t.Rows)-2].Cells; col < len(cells) {
		return cells[col].Content()
	}
	return nil
}
