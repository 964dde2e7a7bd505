package markup

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file gives a body as plain text, what a reader sees of it: for the
// search index and the open data's .txt files. Blocks are separated by a
// blank line, list items keep a dash or their number, a table's cells are
// separated by " | ", footnotes come last as "[1] testo", and a link to
// another site keeps its address in brackets after its text.

// Text returns the plain text of a body, its short links resolved by
// resolve (nil: their text only).
func (d *Doc) Text(src string, resolve Resolver) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	if len(limits(src)) > 0 { // refused by check: never parsed, in time linear in its length
		return strings.TrimSpace(src) + "\n"
	}
	pc := parser.NewContext()
	pc.Set(optionsKey, &DocOptions{Resolve: resolve})
	source := []byte(src)
	doc := d.md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	p := &plainWriter{src: source}
	p.blocks(doc, "")
	return strings.TrimSpace(p.b.String()) + "\n"
}

type plainWriter struct {
	src []byte
	b   strings.Builder
}

// blocks writes the children of a block node, each prefixed by indent.
func (p *plainWriter) blocks(n ast.Node, indent string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.block(c, indent)
	}
}

func (p *plainWriter) block(n ast.Node, indent string) {
	switch n := n.(type) {
	case *ast.List:
		i := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			mark := "- "
			if n.IsOrdered() {
				mark = strconv.Itoa(i) + ". "
				i++
			}
			p.b.WriteString(indent + mark)
			p.listItem(item, indent+strings.Repeat(" ", len(mark)))
		}
		p.b.WriteString("\n")
	case *east.Table:
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, p.inline(cell))
			}
			p.b.WriteString(indent + strings.Join(cells, " | ") + "\n")
		}
		p.b.WriteString("\n")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			p.b.WriteString(indent + string(seg.Value(p.src)))
		}
		p.b.WriteString("\n")
	case *ast.ThematicBreak, *ast.HTMLBlock:
	case *east.FootnoteList:
		for f := n.FirstChild(); f != nil; f = f.NextSibling() {
			p.b.WriteString(indent + "[" + strconv.Itoa(f.(*east.Footnote).Index) + "] ")
			p.listItem(f, indent)
		}
	case *ast.Blockquote, *ast.Document:
		p.blocks(n, indent+"  ")
	default:
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeBlock {
			p.blocks(n, indent)
			return
		}
		p.b.WriteString(indent + p.inline(n) + "\n\n")
	}
}

// listItem writes the blocks of a list item, the first on the current line.
func (p *plainWriter) listItem(item ast.Node, indent string) {
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if c != item.FirstChild() {
			p.b.WriteString(indent)
		}
		if c.Type() == ast.TypeBlock && (c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock) {
			p.b.WriteString(p.inline(c) + "\n")
			continue
		}
		p.block(c, indent)
	}
}

// inline is the text of an inline container.
func (p *plainWriter) inline(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Text:
			if entering {
				b.Write(util.UnescapePunctuations(c.Segment.Value(p.src)))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(c.Label(p.src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if !entering && external(string(c.Destination)) && !strings.Contains(b.String(), string(c.Destination)) {
				b.WriteString(" (" + string(c.Destination) + ")")
			}
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			if entering {
				b.WriteString("[" + strconv.Itoa(c.Index) + "]")
			}
		case *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
