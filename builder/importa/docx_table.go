package importa

import (
	"encoding/xml"
	"io"
	"strconv"
)

// text reads the character data of a w:t up to its end.
func (r *docxReader) text() (string, error) {
	var b []byte
	for {
		t, err := r.x.next()
		if err != nil {
			return "", eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.CharData:
			b = append(b, t...)
		case xml.StartElement:
			if err := r.x.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return string(b), nil
		}
	}
}

// runFor is the run a text of style st gets in this context.
func (c wctx) runFor(st runStyle) Run {
	switch {
	case c.del && c.ins:
		return Run{Mark: Deleted, Date: c.delDate, InsDate: c.insDate}
	case c.del:
		return Run{Mark: Deleted, Date: c.delDate}
	case c.ins:
		return Run{Mark: Inserted, Date: c.insDate}
	case st.strike == yes:
		return Run{Mark: Struck}
	case st.underline == yes:
		return Run{Mark: Underlined}
	}
	return Run{}
}

// children calls fn for each child element of the element just started,
// up to its end; elements of other namespaces are skipped, and content
// controls are read through.
func (r *docxReader) children(fn func(xml.StartElement) error) error {
	for {
		t, err := r.x.next()
		if err != nil {
			return eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case !isW(t.Name):
				err = r.x.skip()
			case t.Name.Local == "sdt" || t.Name.Local == "sdtContent" || t.Name.Local == "customXml":
				err = r.children(fn)
			default:
				err = fn(t)
			}
			if err != nil {
				return err
			}
		}
	}
}

// table reads a w:tbl whose start was just read.
func (r *docxReader) table(ctx wctx) (*grid, error) {
	g := &grid{}
	merged := map[int]*Cell{} // column → the cell a vertical merge started
	err := r.children(func(se xml.StartElement) error {
		if se.Name.Local == "tr" && len(g.t.Rows) < maxRows {
			return r.row(g, merged, ctx)
		}
		return r.x.skip()
	})
	return g, err
}

// row reads a w:tr: its cells, their spans and vertical merges, and a
// tracked insertion or deletion of the whole row (w:trPr).
func (r *docxReader) row(g *grid, merged map[int]*Cell, ctx wctx) error {
	g.row()
	return r.children(func(se xml.StartElement) error {
		switch {
		case se.Name.Local == "trPr":
			return r.children(func(p xml.StartElement) error {
				switch p.Name.Local {
				case "gridBefore":
					n, _ := strconv.Atoi(attr(p, "val"))
					for i := 0; i < n && g.col() < maxCols; i++ {
						g.cell(1)
					}
				case "del":
					ctx.del, ctx.delDate = true, attr(p, "date")
				case "ins":
					ctx.ins, ctx.insDate = true, attr(p, "date")
				}
				return r.x.skip()
			})
		case se.Name.Local == "tc" && g.col() < maxCols:
			return r.cell(g, merged, ctx)
		}
		return r.x.skip()
	})
}

// cell reads a w:tc.
func (r *docxReader) cell(g *grid, merged map[int]*Cell, ctx wctx) error {
	col := g.col()
	span, vmerge := 1, ""
	var c *Cell
	err := r.children(func(se xml.StartElement) error {
		if se.Name.Local == "tcPr" {
			return r.children(func(p xml.StartElement) error {
				switch p.Name.Local {
				case "gridSpan":
					if n, err := strconv.Atoi(attr(p, "val")); err == nil {
						span = n
					}
				case "vMerge":
					vmerge = "continue"
					if attr(p, "val") == "restart" {
						vmerge = "restart"
					}
				}
				return r.x.skip()
			})
		}
		if c == nil {
			c = r.place(g, merged, col, span, vmerge)
		}
		return r.cellContent(c, se, ctx)
	})
	if c == nil {
		r.place(g, merged, col, span, vmerge)
	}
	return err
}

// place puts a cell of span columns on the grid: a new one, or, for the
// continuation of a vertical merge, positions covered by the merged cell
// (the continuation's own content, which Word leaves empty, is dropped).
func (r *docxReader) place(g *grid, merged map[int]*Cell, col, span int, vmerge string) *Cell {
	if span < 1 || span > maxCols {
		span = 1
	}
	if vmerge == "continue" && merged[col] != nil {
		origin := merged[col]
		for i := 0; i < span && g.col() < maxCols; i++ {
			g.covered(origin)
		}
		return &Cell{}
	}
	c := g.cell(span)
	for i := col; i < col+span; i++ {
		if vmerge == "restart" {
			merged[i] = c
		} else {
			delete(merged, i)
		}
	}
	return c
}

// cellContent reads one element of a cell: a paragraph, or a nested
// table whose cells' paragraphs join the cell's.
func (r *docxReader) cellContent(c *Cell, se xml.StartElement, ctx wctx) error {
	switch se.Name.Local {
	case "p":
		p, err := r.para(ctx)
		c.Paras = append(c.Paras, p)
		return err
	case "tbl":
		g, err := r.table(ctx)
		for _, row := range g.t.Rows {
			for _, cell := range row.Cells {
				if cell.Origin == nil {
					c.Paras = append(c.Paras, cell.Paras...)
				}
			}
		}
		return err
	}
	return r.x.skip()
}

// eofIsDamage turns an end of file inside an element into an error.
func eofIsDamage(err error, x *xmlReader) error {
	if err == io.EOF {
		return fileErr(hintDamaged, msgBadXML, x.part, "fine inattesa")
	}
	return err
}
