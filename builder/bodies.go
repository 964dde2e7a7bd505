package builder

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// The rules over a sheet's Markdown body: what the renderer cannot render
// in time linear in its length (see markup's limits), and images another
// site would serve. Each is an error at its place in the sheet. The same
// bounds hold for the inline Markdown of every field's text.

// mostPerKind bounds the findings of one kind in one body: a text of
// 100,000 lines each too deep is one mistake, said a few times.
const mostPerKind = 3

// body checks the Markdown body of a sheet in the site's other languages
// (NAME.LANG.md): its own file's is checked with its texts (sheetTexts).
func (c *checker) body(s *plan.Sheet) { c.bodies("", s.Pos.File(), s.BodyAt, s.BodyIn) }

// bodies checks a Markdown body read from file from line at, and its text
// in the other languages (NAME.LANG.md, by language).
func (c *checker) bodies(body, file string, at int, in map[string]plan.Text) {
	c.bodyText(body, file, at)
	langs := make([]string, 0, len(in))
	for l := range in {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		c.bodyText(in[l].S, in[l].Pos.File(), 1)
	}
}

// bodyText checks a Markdown body (a sheet's or a narrative section's,
// in any language), read from file from line at.
func (c *checker) bodyText(body, file string, at int) {
	if strings.TrimSpace(body) == "" {
		return
	}
	if c.md == nil {
		c.md = markup.New()
	}
	problems := c.md.Check(body)
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Offset < problems[j].Offset })
	seen := map[markup.Kind]int{}
	line, lineStart, done := at, 0, 0
	for _, p := range problems {
		if seen[p.Kind]++; seen[p.Kind] > mostPerKind {
			continue
		}
		off := max(0, min(p.Offset, len(body)))
		for i := strings.IndexByte(body[done:off], '\n'); i >= 0; i = strings.IndexByte(body[done:off], '\n') {
			line, lineStart, done = line+1, done+i+1, done+i+1
		}
		done = off
		pos := plan.At(file, line, utf8.RuneCountInString(body[lineStart:off])+1)
		msg, hint := bodyProblem(p)
		c.ds.errorf(pos, hint, "%s", msg)
	}
}

// bodyProblem words a problem of a body.
func bodyProblem(p markup.Problem) (msg, hint string) {
	switch p.Kind {
	case markup.TooDeep:
		return fmt.Sprintf(msgBodyDepth, p.N, p.Max), hintBodyDepth
	case markup.TooWide:
		return fmt.Sprintf(msgBodyColumns, p.N, p.Max), hintBodyTable
	case markup.TooManyCells:
		return fmt.Sprintf(msgBodyCells, p.N, p.Max), hintBodyTable
	case markup.TooManyElems:
		return fmt.Sprintf(msgBodyElements, p.N, p.Max), hintBodyElements
	case markup.TooMuchEmph:
		return fmt.Sprintf(msgBodyEmphasis, p.N, p.Max), hintBodyEmphasis
	case markup.TooManyOpen:
		return fmt.Sprintf(msgBodyBrackets, p.N, p.Max), hintBodyBrackets
	case markup.TooManyLinks:
		return msgBodyLinks, hintBodyLinks
	}
	return fmt.Sprintf(msgExternalImage, p.URL), hintExternalImage
}

// fieldTexts checks the inline Markdown of every text of the plan and its
// sections against the parser's bounds (those of its sheets: sheetTexts).
func (c *checker) fieldTexts(in *markup.Inliner) {
	c.textsOf(reflect.ValueOf(c.p).Elem(), in)
	for _, s := range c.p.Sezioni {
		c.textsOf(reflect.ValueOf(s).Elem(), in)
	}
}

// sheetTexts checks what the sheet's own file holds, alone: the inline
// Markdown of its field texts and the short links written in them, its
// body's Markdown, and the personal data in them and in its body. Through
// a cache, once for the file's bytes: what the rules found is kept with
// the sheet (and in the sheet store), for the next load.
func (c *checker) sheetTexts(s *plan.Sheet) {
	var e *cachedSheet
	if c.cache != nil {
		e = c.cache.handed[s]
	}
	if e != nil && e.textsOK {
		*c.ds = append(*c.ds, e.texts...)
		return
	}
	if c.inline == nil {
		c.inline = markup.NewInliner() // one a goroutine
	}
	var ds Diagnostics
	own := &checker{p: c.p, ds: &ds, broken: c.broken, md: c.md}
	own.textsOf(reflect.ValueOf(s).Elem(), c.inline)
	eachText(reflect.ValueOf(s).Elem(), own.personal)
	own.personalIn(s.Body, s.Pos.File(), s.BodyAt)
	own.bodyText(s.Body, s.Pos.File(), s.BodyAt)
	own.fieldLinks(s.Fields())
	for i := range s.Indicatori {
		own.fieldLinks(s.Indicatori[i].Fields())
	}
	c.md = own.md // one a goroutine
	if e != nil { // entries are one a sheet: no other goroutine writes this one
		e.texts, e.textsOK = ds, true
	}
	*c.ds = append(*c.ds, ds...)
}

// textsOf checks the inline Markdown of every field text of v.
func (c *checker) textsOf(v reflect.Value, in *markup.Inliner) {
	check := func(t plan.Text) {
		if ps := in.Check(t.S); len(ps) > 0 {
			msg, hint := bodyProblem(ps[0])
			c.ds.errorf(t.Pos, hint, "%s", msg)
		}
	}
	eachText(v, func(text plan.Text) { forEachLang(text, check) })
}
