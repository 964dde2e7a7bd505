package importa

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXlsx reads every visible worksheet of an Excel workbook as a table:
// the cells' text as Excel shows it (number formats applied), each rich
// text run with its font's strikethrough and underline (or the cell's
// font, for a cell without runs), and the merged ranges. The archive is
// checked first by openArchive; excelize inflates within the same limits.
func readXlsx(data []byte) (doc *Document, err error) {
	defer func() { // a library's panic on a hostile file is a damaged file
		if recover() != nil {
			doc, err = nil, fileErr(hintDamaged, msgDamagedPart, "xl/workbook.xml")
		}
	}()
	a, err := openArchive(data)
	if err != nil {
		return nil, err
	}
	if !a.has("xl/workbook.xml") {
		return nil, fileErr(hintDamaged, msgNotKind, "Excel (.xlsx)")
	}
	for _, f := range a.z.File { // inflate every part once, within the limits
		if rc, err := a.open(f.Name); err == nil {
			_, err = bytes.NewBuffer(nil).ReadFrom(rc)
			rc.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxTotalSize, UnzipXMLSizeLimit: maxPartSize})
	if err != nil {
		return nil, fileErr(hintDamaged, msgDamagedPart, "xl/workbook.xml")
	}
	defer f.Close()
	doc = &Document{}
	for _, name := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(name); err == nil && !visible {
			doc.Ignored = append(doc.Ignored, whereSheet(name)+": "+msgHiddenSheet)
			continue
		}
		t, err := (&xlsxSheet{f: f, name: name, fonts: map[int]runStyle{}}).read()
		if err != nil {
			return nil, err
		}
		doc.Blocks = append(doc.Blocks, Block{Table: t, Where: whereSheet(name)})
	}
	return doc, nil
}

type xlsxSheet struct {
	f     *excelize.File
	name  string
	fonts map[int]runStyle // style id → its font's marks
}

func (s *xlsxSheet) read() (*Table, error) {
	rows, err := s.f.GetRows(s.name)
	if err != nil {
		return nil, fileErr(hintDamaged, msgDamagedPart, whereSheet(s.name))
	}
	g := &grid{t: Table{Sheet: true}}
	for r, values := range rows {
		if r >= maxRows {
			break
		}
		g.row()
		for c, v := range values {
			if c >= maxCols {
				break
			}
			cell := g.cell(1)
			if strings.TrimSpace(v) != "" {
				cell.Paras = s.paras(c, r, v)
			}
		}
	}
	s.merge(&g.t)
	return &g.t, nil
}

// paras reads the cell at column c, row r, whose shown text is v.
func (s *xlsxSheet) paras(c, r int, v string) []Para {
	ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
	base := s.cellFont(ref)
	var p Para
	runs, err := s.f.GetCellRichText(s.name, ref)
	if err != nil || len(runs) == 0 || joined(runs) != v {
		p.appendText(v, markOf(base))
	} else {
		for _, run := range runs {
			st := base
			if run.Font != nil {
				st = fontStyle(run.Font)
			}
			p.appendText(run.Text, markOf(st))
		}
	}
	return splitLines(p)
}

func joined(runs []excelize.RichTextRun) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// cellFont is the strikethrough and underline of the cell's own font.
func (s *xlsxSheet) cellFont(ref string) runStyle {
	id, err := s.f.GetCellStyle(s.name, ref)
	if err != nil {
		return runStyle{}
	}
	if st, ok := s.fonts[id]; ok {
		return st
	}
	var st runStyle
	if style, err := s.f.GetStyle(id); err == nil && style.Font != nil {
		st = fontStyle(style.Font)
	}
	s.fonts[id] = st
	return st
}

func fontStyle(f *excelize.Font) runStyle {
	st := runStyle{strike: no, underline: no}
	if f.Strike {
		st.strike = yes
	}
	if f.Underline != "" && f.Underline != "none" {
		st.underline = yes
	}
	return st
}

func markOf(st runStyle) Run {
	switch {
	case st.strike == yes:
		return Run{Mark: Struck}
	case st.underline == yes:
		return Run{Mark: Underlined}
	}
	return Run{}
}

// splitLines makes a paragraph of each line of a cell (Alt+Invio).
func splitLines(p Para) []Para {
	out := []Para{{}}
	for _, r := range p.Runs {
		for i, line := range strings.Split(r.Text, "\n") {
			if i > 0 {
				out = append(out, Para{})
			}
			out[len(out)-1].appendText(line, r)
		}
	}
	return out
}

// merge points every position of a merged range to its first cell.
func (s *xlsxSheet) merge(t *Table) {
	ranges, err := s.f.GetMergeCells(s.name, true)
	if err != nil {
		return
	}
	for _, m := range ranges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(t.Rows) || c1 > maxCols {
			continue
		}
		origin := at(t, r1-1, c1-1)
		if origin == nil {
			continue
		}
		for r := r1 - 1; r < min(r2, len(t.Rows)); r++ {
			for c := c1 - 1; c < min(c2, maxCols); c++ {
				if r == r1-1 && c == c1-1 {
					continue
				}
				row := &t.Rows[r]
				for len(row.Cells) <= c {
					row.Cells = append(row.Cells, &Cell{Row: row.Num, Col: len(row.Cells)})
				}
				row.Cells[c] = &Cell{Origin: origin, Row: row.Num, Col: c}
			}
		}
	}
}

// at is the cell at row r, column c, or nil.
func at(t *Table, r, c int) *Cell {
	if r < 0 || r >= len(t.Rows) || c < 0 || c >= len(t.Rows[r].Cells) {
		return nil
	}
	return t.Rows[r].Cells[c]
}
