// Package markup is the one place where text written by authors becomes
// trusted HTML. It renders Markdown with goldmark's safe defaults: raw HTML
// is not passed through, and links and images may only point to http,
// https, mailto or relative addresses.
package markup

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer turns Markdown into HTML. It is safe for concurrent use.
type Renderer struct {
	md  goldmark.Markdown
	raw parser.Parser // the same, without link filtering: Check sees what was written
}

// New returns a Renderer with CommonMark, tables and strikethrough, no raw
// HTML, and link filtering.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(linkFilter{}, 100))),
	)
	raw := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	return &Renderer{md: md, raw: raw.Parser()}
}

// Render converts src to HTML. Errors cannot happen with an in-memory
// writer; should goldmark report one, or src pass a bound of Check (which
// piao refuses to publish), the text is shown escaped instead: so Render
// takes time linear in the length of src, whatever it holds.
func (r *Renderer) Render(src string) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	var buf bufWriter
	if len(limits(src)) > 0 || r.md.Convert([]byte(src), &buf) != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>")
	}
	return template.HTML(buf.String())
}

// Check reports what keeps src from being published as it is: the places
// that pass a bound of the renderer (see limits), or else every image
// that another site would serve, which the site's promise of no request
// to another site forbids.
func (r *Renderer) Check(src string) []Problem {
	if ps := limits(src); len(ps) > 0 {
		return ps
	}
	if !strings.Contains(src, "![") {
		return nil // an image is written "![", or it is none: no need to parse (a sheet's body seldom has one)
	}
	return r.images(src)
}

// images reports every image of src that another site would serve.
func (r *Renderer) images(src string) []Problem {
	var out []Problem
	doc := r.raw.Parse(text.NewReader([]byte(src)))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			if u := rendered(img.Destination); external(u) {
				out = append(out, Problem{Offset: img.Pos(), Kind: ExternalImage, URL: u})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// external reports whether the URL u names another site ("https://…",
// "//…"); a URL that does not parse is refused by the link filter, and
// asks nothing of anyone.
func external(u string) bool {
	p, err := url.Parse(strings.TrimSpace(u))
	return err == nil && p.Host != ""
}

// SafeURL reports whether u may appear as a link target: http, https,
// mailto, or a relative reference.
func SafeURL(u string) bool {
	u = strings.TrimSpace(u)
	if strings.ContainsAny(u, "\x00\t\r\n") || strings.Contains(u, "\\") {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https", "mailto":
		return true
	case "":
		return !strings.HasPrefix(u, "//")
	}
	return false
}

// rendered is a destination as the HTML renderer will write it, with its
// backslash escapes and character references resolved: "&#106;avascript:"
// must be judged as "javascript:".
func rendered(dest []byte) string {
	dest = util.UnescapePunctuations(dest)
	dest = util.ResolveNumericReferences(dest)
	return string(util.ResolveEntityNames(dest))
}

type linkFilter struct{}

// Transform neutralises links and images whose destination is not safe.
func (linkFilter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			if !SafeURL(rendered(l.Destination)) {
				l.Destination = []byte("#")
			}
		case *ast.Image:
			if !SafeURL(rendered(l.Destination)) {
				l.Destination = []byte("")
			}
		case *ast.AutoLink:
			if !SafeURL(string(l.URL(reader.Source()))) {
				parent := l.Parent()
				parent.ReplaceChild(parent, l, ast.NewString(l.Label(reader.Source())))
			}
		}
		return ast.WalkContinue, nil
	})
}

// bufWriter is a bytes.Buffer that goldmark writes into as it is (a
// util.BufWriter): it gives any other writer a bufio.Writer of 4 KB,
// made at every render (36 MB at 10,000 sheets), for nothing in memory.
type bufWriter struct{ bytes.Buffer }

func (*bufWriter) Buffered() int { return 0 }
func (*bufWriter) Flush() error  { return nil }
