package importa

import (
	"encoding/xml"
	"io"
)

// The WordprocessingML namespaces, transitional and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// readDocx reads word/document.xml of a Word file: paragraphs and tables of
// the body, struck runs (w:strike, w:dstrike, directly or through a
// style), underlined runs, tracked insertions and deletions (w:ins,
// w:del, w:moveTo, w:moveFrom, a deleted or inserted table row).
func readDocx(a *archive) (*Document, error) {
	if !a.has("word/document.xml") {
		return nil, fileErr(hintDamaged, msgNotKind, "Word (.docx)")
	}
	styles, err := readDocxStyles(a)
	if err != nil {
		return nil, err
	}
	rc, err := a.open("word/document.xml")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r := &docxReader{x: newXMLReader(rc, "word/document.xml"), styles: styles, doc: &Document{}}
	if err := r.body(); err != nil {
		return nil, err
	}
	return r.doc, nil
}

type docxReader struct {
	x      *xmlReader
	styles map[string]runStyle
	doc    *Document
	paras  int
	tables int
}

// wctx is what the enclosing elements say about a run.
type wctx struct {
	del, ins         bool
	delDate, insDate string
	style            runStyle // the paragraph style's
}

// body reads the blocks of the document, through content controls.
func (r *docxReader) body() error {
	for {
		t, err := r.x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		if !isW(se.Name) {
			if err := r.x.skip(); err != nil {
				return err
			}
			continue
		}
		switch se.Name.Local {
		case "document", "body", "sdt", "sdtContent", "customXml":
		case "p":
			p, err := r.para(wctx{})
			if err != nil {
				return err
			}
			r.paras++
			r.doc.Blocks = append(r.doc.Blocks, Block{Para: &p, Where: whereParagraph(r.paras)})
		case "tbl":
			g, err := r.table(wctx{})
			if err != nil {
				return err
			}
			r.tables++
			r.doc.Blocks = append(r.doc.Blocks, Block{Table: &g.t, Where: whereTable(r.tables)})
		default:
			if err := r.x.skip(); err != nil {
				return err
			}
		}
	}
}

// para reads a w:p whose start was just read; its w:pPr names the
// paragraph style, whose run properties apply to every run.
func (r *docxReader) para(ctx wctx) (Para, error) {
	var p Para
	for {
		t, err := r.x.next()
		if err != nil {
			return p, eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return p, nil
		case xml.StartElement:
			if isW(t.Name) && t.Name.Local == "pPr" {
				if ctx.style, err = r.paraProps(); err != nil {
					return p, err
				}
				continue
			}
			if err := r.inlineElement(&p, ctx, t); err != nil {
				return p, err
			}
		}
	}
}

// inline reads the content of an element inside a paragraph (a tracked
// change, a hyperlink) up to its end.
func (r *docxReader) inline(p *Para, ctx wctx) error {
	for {
		t, err := r.x.next()
		if err != nil {
			return eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := r.inlineElement(p, ctx, t); err != nil {
				return err
			}
		}
	}
}

func (r *docxReader) inlineElement(p *Para, ctx wctx, se xml.StartElement) error {
	if !isW(se.Name) {
		return r.x.skip()
	}
	switch se.Name.Local {
	case "r":
		return r.run(p, ctx)
	case "ins", "moveTo":
		ctx.ins, ctx.insDate = true, attr(se, "date")
	case "del", "moveFrom":
		ctx.del, ctx.delDate = true, attr(se, "date")
	case "hyperlink", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent", "dir", "bdo":
	default:
		return r.x.skip()
	}
	return r.inline(p, ctx)
}

// run reads a w:r: its properties, then its text.
func (r *docxReader) run(p *Para, ctx wctx) error {
	st := ctx.style
	for {
		t, err := r.x.next()
		if err != nil {
			return eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if !isW(t.Name) {
				if err := r.x.skip(); err != nil {
					return err
				}
				continue
			}
			text := ""
			switch t.Name.Local {
			case "rPr":
				direct, err := r.runProps()
				if err != nil {
					return err
				}
				st = st.over(r.styles[direct.ref].over(direct))
				continue
			case "t", "delText":
				if text, err = r.text(); err != nil {
					return err
				}
			case "tab", "ptab":
				text = "\t"
			case "br", "cr":
				text = "\n"
			case "noBreakHyphen":
				text = "-"
			}
			if t.Name.Local != "t" && t.Name.Local != "delText" {
				if err := r.x.skip(); err != nil {
					return err
				}
			}
			p.appendText(text, ctx.runFor(st))
		}
	}
}
