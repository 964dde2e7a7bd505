package importa

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// odfStyles holds each style's own strikethrough and underline and its
// parent, by family and name ("text/T1", "table-cell/ce3").
type odfStyles struct {
	own    map[string]runStyle
	parent map[string]string
}

func (s *odfStyles) get(family, name string) runStyle {
	if name == "" {
		return runStyle{}
	}
	return inherit(family+"/"+name, s.own, s.parent)
}

// style reads a style:style: its family, parent and text properties.
func (r *odfReader) style(se xml.StartElement) error {
	if r.styles.own == nil {
		r.styles = odfStyles{own: map[string]runStyle{}, parent: map[string]string{}}
	}
	family := attr(se, "family")
	key := family + "/" + attr(se, "name")
	if p := attr(se, "parent-style-name"); p != "" {
		r.styles.parent[key] = family + "/" + p
	}
	return r.children(func(e xml.StartElement) error {
		if is(e.Name, "style", "text-properties") {
			var st runStyle
			// LibreOffice Calc writes only the type ("single") of a line.
			line := attr(e, "text-line-through-style")
			if line == "" {
				line = attr(e, "text-line-through-type")
			}
			if line != "" {
				st.strike = yes
				if line == "none" {
					st.strike = no
				}
			}
			if v := attr(e, "text-underline-style"); v != "" {
				st.underline = yes
				if v == "none" {
					st.underline = no
				}
			}
			r.styles.own[key] = st
		}
		return r.x.skip()
	})
}

// chars reads the character data of the element just started.
func (r *odfReader) chars() (string, error) {
	var b []byte
	for {
		t, err := r.x.next()
		if err != nil {
			return "", eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.CharData:
			if len(b) < maxPartSize {
				b = append(b, t...)
			}
		case xml.StartElement:
			if err := r.x.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return string(b), nil
		}
	}
}

// para reads a text:p or text:h whose start was just read; base is the
// style of the cell it is in.
func (r *odfReader) para(se xml.StartElement, base runStyle) (Para, error) {
	var p Para
	st := base.over(r.styles.get("paragraph", attr(se, "style-name")))
	err := r.inline(&p, st)
	return p, err
}

// inline reads the content of a paragraph or a span up to its end.
func (r *odfReader) inline(p *Para, st runStyle) error {
	for {
		t, err := r.x.next()
		if err != nil {
			return eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.CharData:
			p.appendText(string(t), r.runFor(st))
		case xml.StartElement:
			if err := r.inlineElement(p, st, t); err != nil {
				return err
			}
		}
	}
}

func (r *odfReader) inlineElement(p *Para, st runStyle, se xml.StartElement) error {
	if odfNS[se.Name.Space] != "text" {
		return r.x.skip()
	}
	switch se.Name.Local {
	case "span":
		return r.inline(p, st.over(r.styles.get("text", attr(se, "style-name"))))
	case "a", "meta", "ruby-base", "soft-page-break", "bookmark-ref", "reference-ref":
		return r.inline(p, st)
	case "s":
		p.appendText(spaces(se), r.runFor(st))
	case "tab":
		p.appendText("\t", r.runFor(st))
	case "line-break":
		p.appendText("\n", r.runFor(st))
	case "change":
		r.deleted(p, attr(se, "change-id"))
	case "change-start":
		if ch := r.changes[attr(se, "change-id")]; ch != nil && !ch.deletion && len(r.open) < maxDepth {
			r.open = append(r.open, ch)
		}
	case "change-end":
		r.closeChange(attr(se, "change-id"))
	}
	return r.x.skip()
}

// deleted puts the text a tracked deletion removed at its place.
func (r *odfReader) deleted(p *Para, id string) {
	ch := r.changes[id]
	if ch == nil || !ch.deletion {
		return
	}
	run := Run{Mark: Deleted, Date: ch.date}
	if n := len(r.open); n > 0 {
		run.InsDate = r.open[n-1].date
	}
	for i, dp := range ch.paras {
		if i > 0 {
			p.appendText("\n", run)
		}
		for _, dr := range dp.Runs {
			p.appendText(dr.Text, run)
		}
	}
}

func (r *odfReader) closeChange(id string) {
	ch := r.changes[id]
	for i := len(r.open) - 1; i >= 0; i-- {
		if r.open[i] == ch {
			r.open = append(r.open[:i], r.open[i+1:]...)
			return
		}
	}
}

// table reads a table:table whose start was just read.
func (r *odfReader) table() (*grid, error) {
	g := &grid{t: Table{Sheet: r.sheet}}
	cover := map[[2]int]*Cell{}
	var rows func(xml.StartElement) error
	rows = func(e xml.StartElement) error {
		switch {
		case odfNS[e.Name.Space] != "table":
			return r.x.skip()
		case e.Name.Local == "table-header-rows", e.Name.Local == "table-rows", e.Name.Local == "table-row-group":
			return r.children(rows)
		case e.Name.Local == "table-row" && len(g.t.Rows) < maxRows:
			return r.row(g, cover, e)
		}
		return r.x.skip()
	}
	err := r.children(rows)
	return g, err
}

// row reads a table:table-row, repeated as many times as it says (an
// empty row's repetitions only count).
func (r *odfReader) row(g *grid, cover map[[2]int]*Cell, se xml.StartElement) error {
	g.row()
	err := r.children(func(e xml.StartElement) error {
		n := repeat(e, "number-columns-repeated", maxCols-g.col())
		switch {
		case is(e.Name, "table", "covered-table-cell"):
			for i := 0; i < n; i++ {
				g.covered(cover[[2]int{g.num - 1, g.col()}])
			}
			return r.x.skip()
		case is(e.Name, "table", "table-cell") && g.col() < maxCols:
			return r.cell(g, cover, e, n)
		}
		return r.x.skip()
	})
	row := g.t.Rows[len(g.t.Rows)-1]
	times := repeat(se, "number-rows-repeated", maxRows)
	if empty(row) {
		g.num += times - 1
		return err
	}
	for i := 1; i < min(times, 16); i++ {
		g.row()
		for _, c := range row.Cells {
			g.cell(1).Paras = c.Content().Paras
		}
	}
	return err
}

// cell reads a table:table-cell repeated n times.
func (r *odfReader) cell(g *grid, cover map[[2]int]*Cell, se xml.StartElement, n int) error {
	c := g.cell(1)
	base := r.styles.get("table-cell", attr(se, "style-name"))
	rows := repeat(se, "number-rows-spanned", maxRows)
	cols := repeat(se, "number-columns-spanned", maxCols)
	for dr := 0; dr < min(rows, 200); dr++ { // a merge taller than a page of rows is cut
		for dc := 0; dc < cols; dc++ {
			if dr > 0 || dc > 0 {
				cover[[2]int{c.Row + dr, c.Col + dc}] = c
			}
		}
	}
	err := r.cellContent(c, base)
	if len(c.Paras) > 0 {
		n = min(n, 64) // the same text in more columns than any annex has
	}
	for i := 1; i < n && g.col() < maxCols; i++ {
		g.cell(1).Paras = c.Paras
	}
	return err
}

// cellContent reads the paragraphs of a cell, through lists and nested
// tables.
func (r *odfReader) cellContent(c *Cell, base runStyle) error {
	return r.children(func(e xml.StartElement) error {
		switch {
		case is(e.Name, "text", "p"), is(e.Name, "text", "h"):
			p, err := r.para(e, base)
			c.Paras = append(c.Paras, p)
			return err
		case is(e.Name, "text", "list"), is(e.Name, "text", "list-item"), is(e.Name, "text", "list-header"), is(e.Name, "text", "section"):
			return r.cellContent(c, base)
		case is(e.Name, "table", "table"):
			g, err := r.table()
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
	})
}

// repeat reads a repetition or span attribute: at least 1, at most limit.
func repeat(se xml.StartElement, name string, limit int) int {
	n, err := strconv.Atoi(attr(se, name))
	if err != nil || n < 1 {
		return 1
	}
	return max(1, min(n, limit))
}

// empty reports whether a row has no text.
func empty(row Row) bool {
	for _, c := range row.Cells {
		if c.Origin == nil && strings.TrimSpace(c.Text()) != "" {
			return false
		}
	}
	return true
}
