package markup

import (
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file renders the bodies of the plan's narrative sections and of
// its sheets: CommonMark with GFM tables, strikethrough and footnotes, no
// raw HTML, safe links only; short links resolved (links.go), headings
// placed under the page's own, amended passages marked (amend.go).

// Doc renders bodies. It is safe for concurrent use.
type Doc struct {
	md goldmark.Markdown
}

// DocWords are the words a body's footnotes need: the title of a link to
// a footnote and of the link back to the text.
type DocWords struct {
	FootnoteLink, FootnoteBack string
}

// NewDoc returns a Doc whose footnotes speak with words.
func NewDoc(words DocWords) *Doc { return &Doc{md: newDoc(&words)} }

func newDoc(words *DocWords) goldmark.Markdown {
	fn := []extension.FootnoteOption{extension.WithFootnoteIDPrefixFunction(footnotePrefix)}
	if words != nil {
		back := template.HTMLEscapeString(words.FootnoteBack)
		fn = append(fn, extension.WithFootnoteLinkTitle(words.FootnoteLink),
			extension.WithFootnoteBacklinkTitle(words.FootnoteBack),
			extension.WithFootnoteBacklinkHTML(`<span aria-hidden="true">&#x21a9;&#xfe0e;</span><span class="sr-only">`+back+`</span>`))
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.NewFootnote(fn...)),
		goldmark.WithParserOptions(parser.WithASTTransformers(
			util.Prioritized(linkResolver{}, 50), // first: before the filter judges the addresses
			util.Prioritized(linkFilter{}, 100),
			util.Prioritized(docTransformer{}, 110),
			util.Prioritized(markTransformer{}, 120),
		)),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(insertedRenderer{}, 100))),
	)
}

// DocOptions say how a body sits in its page.
type DocOptions struct {
	Resolve Resolver // the short links' targets; nil: every short link is text
	Prefix  string   // prefix of the footnotes' ids: one per body of a page
	Level   int      // the level of the body's first headings: 2 under a page's h1
	Marks   []Mark   // the amended passages
}

var optionsKey = parser.NewContextKey()

// Render converts a body to HTML. A body past a bound of Check (which
// piao refuses to publish) is shown escaped instead, as Renderer.Render
// does.
func (d *Doc) Render(src string, opt DocOptions) template.HTML {
	html, _ := d.RenderAny(src, opt)
	return html
}

// RenderAny is Render, and reports whether src renders the same with any
// options without marks (OptionFree): a caller that shows a body on
// several pages may keep its HTML for all of them.
//
// A body's HTML depends on the options it is rendered with only through
// its headings (Level), its links, images and autolinks (Resolve, and the
// filter that judges their addresses), its footnotes (Prefix) and the
// amended passages (Marks): a body without "[" or "<" (without which
// there is no link, image, footnote or raw HTML) and without a heading
// renders the same with any options but marks. The options are applied
// by the transformers to the parsed document, so the headings are
// looked for there (hasHeading).
func (d *Doc) RenderAny(src string, opt DocOptions) (template.HTML, bool) {
	if strings.TrimSpace(src) == "" {
		return "", len(opt.Marks) == 0
	}
	if len(limits(src)) > 0 { // refused by check; shown as text, in time linear in its length
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>"), len(opt.Marks) == 0
	}
	pc := parser.NewContext()
	pc.Set(optionsKey, &opt)
	source := []byte(src)
	doc := d.md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	var buf bufWriter
	if err := d.md.Renderer().Render(&buf, source, doc); err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>"), false
	}
	return template.HTML(buf.String()), len(opt.Marks) == 0 && OptionFree(src) && !hasHeading(doc)
}

// OptionFree reports whether src may render the same with any options
// but marks: it has no "[" or "<". RenderAny tells whether it does.
func OptionFree(src string) bool { return !strings.ContainsAny(src, "[<") }

// hasHeading reports whether the document has a heading.
func hasHeading(doc ast.Node) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Heading); ok && entering {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// docTransformer places the headings and names the footnotes.
type docTransformer struct{}

func (docTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o, _ := pc.Get(optionsKey).(*DocOptions)
	if o == nil {
		return
	}
	doc.AddMeta(prefixMeta, o.Prefix)
	if o.Level > 0 {
		shiftHeadings(doc, o.Level)
	}
}

const prefixMeta = "piao-footnote-prefix"

func footnotePrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if p, ok := doc.Meta()[prefixMeta].(string); ok {
			return []byte(p)
		}
	}
	return nil
}

// shiftHeadings makes the body's highest headings level, the others
// following, none below h6: a body may start at "#" or at "##".
func shiftHeadings(doc *ast.Document, level int) {
	top := 7
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			top = min(top, h.Level)
		}
		return ast.WalkContinue, nil
	})
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(6, h.Level-top+level)
		}
		return ast.WalkContinue, nil
	})
}
