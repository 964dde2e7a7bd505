package markup

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file renders the short texts of the content's fields — a
// description, a target, a note — which may hold inline Markdown (a link,
// emphasis) but no blocks: "1. Attivare…" stays a sentence, not a list.
// Pages get them as HTML (Inline), search snippets, CSV and JSON as plain
// text (Plain). Most fields hold no Markdown at all, and skip the parser.

// Inliner renders field texts. It is safe for concurrent use.
type Inliner struct {
	md goldmark.Markdown
}

// NewInliner returns an Inliner: inline CommonMark and strikethrough; raw
// HTML is text, links are safe ones only, images are shown as their text.
func NewInliner() *Inliner {
	p := parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
		parser.WithInlineParsers( // the defaults but raw HTML: "<" in a field is a character
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(parser.NewLinkParser(), 200),
			util.Prioritized(parser.NewAutoLinkParser(), 300),
			util.Prioritized(parser.NewEmphasisParser(), 500),
		),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithASTTransformers(util.Prioritized(linkFilter{}, 100), util.Prioritized(noImages{}, 101)),
	)
	md := goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(extension.Strikethrough),
		goldmark.WithRendererOptions(html.WithHardWraps()))
	return &Inliner{md: md}
}

// markdownChars are the characters without which a text holds no inline
// Markdown, nor anything HTML would have to escape differently.
const markdownChars = "*_`[]<>!\\&~"

// plainText reports whether s certainly holds no Markdown. It is asked
// of every text a page shows (at 10,000 sheets, 140 ms of CPU through
// strings.ContainsAny, which makes its set of characters at each call):
// a byte at a time against a table, every character of the set being
// ASCII.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if markdownByte[s[i]] {
			return false
		}
	}
	return true
}

// markdownByte marks the bytes of markdownChars.
var markdownByte = func() (t [256]bool) {
	for i := 0; i < len(markdownChars); i++ {
		t[markdownChars[i]] = true
	}
	return t
}()

// literalStars escapes every single "*": the sheets write footnote
// markers as "(*)", and two of them in a text are no emphasis. Emphasis is
// "_", strong "**".
func literalStars(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '*' && (i == 0 || s[i-1] != '*') && (i+1 == len(s) || s[i+1] != '*') && (i == 0 || s[i-1] != '\\') {
			b = append(b, '\\')
		}
		b = append(b, c)
	}
	return b
}

// Check reports what in a field's text passes a bound of the parser
// (see limits): such a text is shown as it is written, without its
// Markdown.
func (in *Inliner) Check(s string) []Problem {
	if plainText(s) {
		return nil
	}
	return limitsOf(string(literalStars(s)), true)
}

// HTML renders a field's text: escaped, with its inline Markdown (but for
// a text past a bound of Check, shown as written).
func (in *Inliner) HTML(s string) template.HTML {
	if plainText(s) || len(in.Check(s)) > 0 {
		return template.HTML(template.HTMLEscapeString(s))
	}
	var buf bufWriter
	if err := in.md.Convert(literalStars(s), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	out := bytes.TrimSpace(buf.Bytes())
	out = bytes.TrimPrefix(out, []byte("<p>"))
	out = bytes.TrimSuffix(out, []byte("</p>"))
	return template.HTML(out)
}

// Plain is a field's text without its Markdown: what a reader sees of it,
// for search snippets, CSV and JSON.
func (in *Inliner) Plain(s string) string {
	if plainText(s) || len(in.Check(s)) > 0 {
		return s
	}
	src := literalStars(s)
	doc := in.md.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Kind() == ast.KindParagraph && n.NextSibling() != nil {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(t.Segment.Value(src)))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, ok := c.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(t.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// noImages shows an image of a field's text as its text: a field is no
// place for a picture, and a picture from another site would be a request
// the site must never make.
type noImages struct{}

func (noImages) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			images = append(images, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, img, c)
			c = next
		}
		parent.RemoveChild(parent, img)
	}
}
