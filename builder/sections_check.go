package builder

import (
	"bytes"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// The rules of the narrative sections and of the short links: a section's
// order is a number; the revisions it names exist; each amended passage
// is in its text, once, apart from the others; every short link of a
// section's or a sheet's text leads somewhere, and no field holds one
// (a field's text is shown in lists and tables that link nowhere).

// sections checks the plan's sections.
func (c *checker) sections() {
	for _, s := range c.p.Sezioni {
		if o := strings.TrimSpace(s.Ordine.S); s.Ordine.S != "" {
			if _, err := strconv.Atoi(o); err != nil {
				c.ds.errorf(s.Ordine.Pos, hintSectionOrder, msgSectionOrder, s.Ordine.S)
			}
		}
		c.revision(s.Inserita)
		c.revision(s.Stralcio)
		if s.Inserita.S != "" && s.Inserita.S == s.Stralcio.S {
			c.ds.errorf(s.Stralcio.Pos, hintSectionBoth, msgSectionBoth, s.Stralcio.S)
		}
		c.amendments(s)
		c.bodies(s.Body, s.Pos.File(), s.BodyAt, s.BodyIn)
		c.links(s.Body, s.BodyAt, s.Pos.File())
		for _, l := range slices.Sorted(maps.Keys(s.BodyIn)) {
			c.links(s.BodyIn[l].S, 1, s.BodyIn[l].Pos.File())
		}
	}
}

// amendments checks the passages of a section that revisions amended.
func (c *checker) amendments(s *plan.Section) {
	type span struct{ start, end, line int }
	var spans []span
	for _, a := range s.Modifiche {
		c.revision(a.Revisione)
		at := a.Revisione.Pos
		switch {
		case a.Testo.S == "" && a.Precedente.S == "":
			c.ds.errorf(at, hintAmendEmpty, msgAmendEmpty)
			continue
		case a.Testo.S == a.Precedente.S:
			c.ds.errorf(a.Precedente.Pos, hintAmendSame, msgAmendSame)
		}
		if a.Testo.S == "" {
			continue // a passage removed: it is no longer in the text
		}
		c.amendedIn(s, a.Testo)
		start, end, n := passage(s.Body, a.Testo.S)
		switch {
		case n == 0:
			c.ds.errorf(a.Testo.Pos, hintAmendNotFound, msgAmendNotFound)
			continue
		case n > 1:
			c.ds.errorf(a.Testo.Pos, hintAmendTwice, msgAmendTwice, n)
		}
		for _, o := range spans {
			if start < o.end && o.start < end {
				c.ds.errorf(a.Testo.Pos, hintAmendOverlap, msgAmendOverlap, o.line)
			}
		}
		spans = append(spans, span{start, end, int(a.Testo.Pos.Line)})
	}
}

// links checks the short links of a body that starts on line at of file.
func (c *checker) links(body string, at int, file string) {
	if !c.mayLink(body) {
		return // most bodies have none: no need to parse them
	}
	for _, l := range markup.Links(body) {
		if _, problem := resolveShort(c.p, l.Dest); problem != nil {
			c.ds.errorf(plan.At(file, at+l.Line-1, l.Col), problem.hint, problem.msg, l.Dest)
		}
	}
}

// mayLink reports whether body may hold a short link: whether, lowercased
// as markup.IsShort lowercases a link's destination (strings.ToLower), it
// holds a scheme. The body is folded into the checker's buffer, not
// lowercased into a new string each time: each rune as its lowercase
// where that is ASCII (a letter of another alphabet may lowercase to one
// of the schemes', as U+212A, the Kelvin sign, to k), else as one byte
// that is not ASCII, which no scheme holds.
func (c *checker) mayLink(body string) bool {
	if strings.Contains(body, markup.SectionScheme) || strings.Contains(body, markup.SheetScheme) {
		return true
	}
	lower := c.lower[:0]
	for i := 0; i < len(body); {
		b := body[i]
		if b < utf8.RuneSelf {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			lower = append(lower, b)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(body[i:]) // an invalid byte: U+FFFD, as strings.ToLower makes it
		if l := unicode.ToLower(r); l < utf8.RuneSelf {
			lower = append(lower, byte(l))
		} else {
			lower = append(lower, utf8.RuneSelf)
		}
		i += n
	}
	c.lower = lower
	return bytes.Contains(lower, []byte(markup.SectionScheme)) || bytes.Contains(lower, []byte(markup.SheetScheme))
}

// amendedIn checks that an amended passage written by language is, once,
// in the section's body of each such language that has one.
func (c *checker) amendedIn(s *plan.Section, t plan.Text) {
	if t.Langs == nil {
		return
	}
	for _, code := range slices.Sorted(maps.Keys(t.Langs.In)) {
		l := t.Langs.In[code]
		body, ok := s.BodyIn[code]
		if !ok || l.S == "" || l.Pos == t.Langs.Main.Pos {
			continue
		}
		switch _, _, n := passage(body.S, l.S); {
		case n == 0:
			c.ds.errorf(l.Pos, hintAmendNotFound, msgAmendNotFound)
		case n > 1:
			c.ds.errorf(l.Pos, hintAmendTwice, msgAmendTwice, n)
		}
	}
}

// fieldLinks reports the short links written in fields.
func (c *checker) fieldLinks(fields iter.Seq[plan.Field]) {
	for f := range fields {
		for _, t := range append([]plan.Text{f.Value.Text}, priorTexts(f.Value)...) {
			if d := shortInField(t.S); d != "" {
				c.ds.errorf(t.Pos, hintLinkInField, msgLinkInField, d)
			}
		}
	}
}

// shortInField returns the first short link of a field's text, or "".
func shortInField(s string) string {
	l := strings.ToLower(s)
	for _, scheme := range []string{markup.SectionScheme, markup.SheetScheme} {
		if i := strings.Index(l, "]("+scheme); i >= 0 {
			rest := s[i+2:]
			if j := strings.IndexByte(rest, ')'); j >= 0 {
				rest = rest[:j]
			}
			return rest
		}
	}
	return ""
}
