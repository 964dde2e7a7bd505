package markup

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// This file resolves the short links of a body: [testo](sezione:NOME) to a
// narrative section of the plan, [testo](scheda:NOME) to a sheet and
// [testo](scheda:NOME#INDICATORE) to one of its indicators. A link with no
// text gets the title of what it points to. The caller's Resolve turns the
// target into an address; check verifies every target with Links.

// The schemes of the short links.
const (
	SectionScheme = "sezione:"
	SheetScheme   = "scheda:"
)

// IsShort reports whether a link destination is a short link.
func IsShort(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(d, SectionScheme) || strings.HasPrefix(d, SheetScheme)
}

// Resolver turns a short link's destination into an address and the title
// of what it points to; ok is false for a target that does not exist.
type Resolver func(dest string) (href, title string, ok bool)

// linkResolver resolves the short links the parser context's options name;
// a link it cannot resolve becomes its text.
type linkResolver struct{}

func (linkResolver) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o, _ := pc.Get(optionsKey).(*DocOptions)
	var links []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && IsShort(string(l.Destination)) {
			links = append(links, l)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range links {
		var href, title string
		ok := false
		if o != nil && o.Resolve != nil {
			href, title, ok = o.Resolve(strings.TrimSpace(string(l.Destination)))
		}
		switch {
		case !ok:
			unwrap(l)
			continue
		case l.FirstChild() == nil:
			l.AppendChild(l, ast.NewString([]byte(title)))
		}
		l.Destination = []byte(href)
	}
}

// unwrap puts a node's children in its place.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// scanner parses a body as Doc does, but leaves its links as written.
var scanner = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote))

// Link is a short link of a body, where it is written.
type Link struct {
	Dest      string
	Line, Col int // 1-based, in the body
}

// Links lists the short links of a body, in order, for check.
func Links(src string) []Link {
	if len(limits(src)) > 0 {
		return nil // check reports the body's bounds first
	}
	doc := scanner.Parser().Parse(text.NewReader([]byte(src)))
	var out []Link
	from := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.Link)
		if !ok || !entering || !IsShort(string(l.Destination)) {
			return ast.WalkContinue, nil
		}
		dest := string(l.Destination)
		at := strings.Index(src[from:], dest)
		if at < 0 { // written with escapes: the first place will do
			at, from = 0, 0
		} else {
			at += from
			from = at + len(dest)
		}
		line, col := lineCol(src, at)
		out = append(out, Link{Dest: strings.TrimSpace(dest), Line: line, Col: col})
		return ast.WalkContinue, nil
	})
	return out
}

// lineCol is the 1-based line and column (in characters) of a byte offset.
func lineCol(src string, off int) (line, col int) {
	before := src[:off]
	line = strings.Count(before, "\n") + 1
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, utf8.RuneCountInString(before) + 1
}

// SplitShort splits a short link's destination into its scheme
// ("sezione:" or "scheda:"), its target and the fragment after "#".
func SplitShort(dest string) (scheme, target, fragment string) {
	d := strings.TrimSpace(dest)
	for _, s := range []string{SectionScheme, SheetScheme} {
		if len(d) >= len(s) && strings.EqualFold(d[:len(s)], s) {
			target, fragment, _ = strings.Cut(d[len(s):], "#")
			return s, target, fragment
		}
	}
	return "", d, ""
}
