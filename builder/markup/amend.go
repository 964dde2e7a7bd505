package markup

import (
	"html/template"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file marks the passages of a body that a revision amended, as the
// sheets mark a revised value: the earlier text struck out, the text in
// force inserted, each with its label. It is a goldmark extension in the
// usual parts: a node kind, an AST transformer that wraps the passage's
// text in that node, and its renderer.

// Mark is a passage of a body that a revision amended. Start and End are
// its byte offsets in the body; Before is shown in front of it (the
// earlier text, struck out and labelled); Label opens the inserted text
// (its labels). Both are HTML the caller made safe.
type Mark struct {
	Start, End int
	Before     template.HTML
	Label      template.HTML
}

// KindInserted is the kind of a piece of an amended passage.
var KindInserted = ast.NewNodeKind("Inserted")

// inserted is a piece of an amended passage: the passage may cross
// emphasis, links or paragraphs, so it is marked piece by piece, each
// piece whole inside its parent.
type inserted struct {
	ast.BaseInline
	mark  *Mark
	first bool // the passage's first piece carries Before and Label
}

func (n *inserted) Kind() ast.NodeKind { return KindInserted }

func (n *inserted) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// markPassages wraps the text of each mark's passage in inserted nodes.
// Marks do not overlap (check refuses it); the text of one is never
// marked again. A code span is marked whole, since its renderer reads
// its text directly.
func markPassages(doc *ast.Document, marks []Mark) {
	for i := range marks {
		m := &marks[i]
		var pieces []ast.Node
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *inserted:
				return ast.WalkSkipChildren, nil
			case *ast.CodeSpan:
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok && overlaps(t, m) {
						pieces = append(pieces, n)
						break
					}
				}
				return ast.WalkSkipChildren, nil
			case *ast.Text:
				if overlaps(n, m) {
					pieces = append(pieces, n)
				}
			}
			return ast.WalkContinue, nil
		})
		for k, n := range pieces {
			wrap := &inserted{mark: m, first: k == 0}
			if t, ok := n.(*ast.Text); ok {
				splitText(t, max(t.Segment.Start, m.Start), min(t.Segment.Stop, m.End), wrap)
				continue
			}
			parent := n.Parent()
			parent.InsertBefore(parent, n, wrap)
			parent.RemoveChild(parent, n)
			wrap.AppendChild(wrap, n)
		}
	}
}

func overlaps(t *ast.Text, m *Mark) bool {
	return max(t.Segment.Start, m.Start) < min(t.Segment.Stop, m.End)
}

// splitText puts the part [from, to) of t in wrap, in t's place, between
// what comes before and after it.
func splitText(t *ast.Text, from, to int, wrap *inserted) {
	parent, seg := t.Parent(), t.Segment
	piece := func(start, stop int) *ast.Text {
		n := ast.NewTextSegment(text.NewSegment(start, stop))
		n.SetRaw(t.IsRaw())
		return n
	}
	last := ast.Node(wrap)
	if from > seg.Start {
		parent.InsertBefore(parent, t, piece(seg.Start, from))
	}
	mid := piece(from, to)
	wrap.AppendChild(wrap, mid)
	parent.InsertBefore(parent, t, wrap)
	if to < seg.Stop {
		rest := piece(to, seg.Stop)
		parent.InsertBefore(parent, t, rest)
		last = rest
	}
	if lt, ok := last.(*ast.Text); ok {
		lt.SetSoftLineBreak(t.SoftLineBreak())
		lt.SetHardLineBreak(t.HardLineBreak())
	} else {
		mid.SetSoftLineBreak(t.SoftLineBreak())
		mid.SetHardLineBreak(t.HardLineBreak())
	}
	parent.RemoveChild(parent, t)
}

// markTransformer applies the marks the parser context holds.
type markTransformer struct{}

func (markTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if o, ok := pc.Get(optionsKey).(*DocOptions); ok && o != nil {
		markPassages(doc, o.Marks)
	}
}

// insertedRenderer writes an inserted piece as <ins>, the first with the
// passage's earlier text and labels in front.
type insertedRenderer struct{}

func (insertedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInserted, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*inserted)
		switch {
		case entering && n.first:
			_, _ = w.WriteString(string(n.mark.Before))
			_, _ = w.WriteString("<ins>")
			_, _ = w.WriteString(string(n.mark.Label))
		case entering:
			_, _ = w.WriteString("<ins>")
		default:
			_, _ = w.WriteString("</ins>")
		}
		return ast.WalkContinue, nil
	})
}
