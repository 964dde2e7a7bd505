package builder

import (
	"bytes"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/textnorm"
)

// This file explains abbreviations. config.yaml and each piano.yaml may
// hold a glossario: abbreviations as the sheets write them and what they
// stand for. On every page the first use of each, in the main content, is
// marked <abbr title="…">; each plan's Glossario page lists them all.

// glossaryEntry is an abbreviation and what it stands for, as a reader
// sees it (without Markdown).
type glossaryEntry struct{ Term, Meaning string }

// Untranslated reports whether the meaning is the main language's, on a
// page of another language that lacks it (marked: langs.go). Such a
// meaning goes in no title attribute, which cannot say its language.
func (e glossaryEntry) Untranslated() bool { return strings.Contains(e.Meaning, fallbackOpen) }

// glossaryOf is the glossary of plan p (nil: of the site): config.yaml's
// entries with the plan's, an entry of the plan replacing one of the
// config with the same abbreviation, in alphabetical order.
func glossaryOf(site *plan.Site, p *plan.Plan, w *words) []glossaryEntry {
	byTerm := map[string]string{}
	add := func(terms []plan.Term) {
		for _, t := range terms {
			if k := strings.TrimSpace(t.Sigla.S); k != "" {
				byTerm[k] = w.Plain(strings.TrimSpace(t.Significato.S))
			}
		}
	}
	add(site.Config.Glossario)
	if p != nil {
		add(p.Glossario)
	}
	out := make([]glossaryEntry, 0, len(byTerm))
	for k, v := range byTerm {
		out = append(out, glossaryEntry{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := textnorm.Fold(out[i].Term), textnorm.Fold(out[j].Term)
		if a != b {
			return a < b
		}
		return out[i].Term < out[j].Term
	})
	return out
}

// abbreviator marks the first use of each abbreviation in a page's main
// content. Abbreviations of letters and digits are found word by word;
// others ("RI/REA", "D.Lgs.") by search. On a page of a language whose
// meaning of an abbreviation the content lacks, that abbreviation is not
// marked, and neither is text shown in the main language: a title
// attribute in the page's language would not fit it.
type abbreviator struct {
	words  map[string]string // escaped abbreviation → escaped meaning
	others []glossaryEntry   // escaped, with signs in the abbreviation
}

func newAbbreviator(entries []glossaryEntry) *abbreviator {
	if len(entries) == 0 {
		return nil
	}
	a := &abbreviator{words: map[string]string{}}
	for _, e := range entries {
		if e.Untranslated() {
			continue
		}
		term, meaning := html.EscapeString(e.Term), html.EscapeString(e.Meaning)
		if strings.IndexFunc(e.Term, func(r rune) bool { return !isWordRune(r) }) < 0 {
			a.words[term] = meaning
		} else {
			a.others = append(a.others, glossaryEntry{term, meaning})
		}
	}
	return a
}

// skipped are the elements whose text is never marked: an abbreviation
// already marked, text that cannot hold markup, and what is not text.
var skipped = map[string]bool{"abbr": true, "script": true, "style": true, "textarea": true, "option": true,
	"title": true, "code": true, "pre": true, "svg": true, "select": true}

// mark returns the page with the first use of each abbreviation inside
// <main> marked. The page is the theme's escaped HTML: text and
// abbreviations are compared as escaped text, and the title is escaped.
func (a *abbreviator) mark(page []byte) []byte {
	start := bytes.Index(page, []byte("<main"))
	end := bytes.LastIndex(page, []byte("</main>"))
	if a == nil || start < 0 || end < start {
		return page
	}
	used := map[string]bool{}
	out := make([]byte, 0, len(page)+256)
	out = append(out, page[:start]...)
	depth := 0          // open skipped elements
	inFallback := false // inside a text shown in the main language
	for i := start; i < end; {
		if page[i] == '<' {
			j := tagEnd(page, i)
			if name, closing := tagName(page[i:j]); skipped[name] {
				if closing {
					depth = max(depth-1, 0)
				} else if !bytes.HasSuffix(page[i:j], []byte("/>")) {
					depth++
				}
			}
			out = append(out, page[i:j]...)
			i = j
			continue
		}
		j := bytes.IndexByte(page[i:end], '<')
		if j < 0 {
			j = end - i
		}
		inFallback = a.markOutsideFallbacks(&out, page[i:i+j], used, depth == 0, inFallback)
		i += j
	}
	return append(out, page[end:]...)
}

// markOutsideFallbacks appends text, marked where mark says, outside the
// texts shown in the main language (fallbackOpen … fallbackClose), and
// returns whether text ends inside one.
func (a *abbreviator) markOutsideFallbacks(out *[]byte, text []byte, used map[string]bool, mark, inFallback bool) bool {
	for len(text) > 0 {
		sep := fallbackOpen[0]
		if inFallback {
			sep = fallbackClose[0]
		}
		k := bytes.IndexByte(text, sep)
		part := text
		if k >= 0 {
			part = text[:k+1]
		}
		if mark && !inFallback {
			*out = a.markText(*out, part, used)
		} else {
			*out = append(*out, part...)
		}
		if k < 0 {
			break
		}
		inFallback = !inFallback
		text = text[k+1:]
	}
	return inFallback
}

// markText appends text with the first use of each abbreviation not used
// yet marked.
func (a *abbreviator) markText(out, text []byte, used map[string]bool) []byte {
	for len(text) > 0 {
		at, n, meaning := a.next(text, used)
		if at < 0 {
			return append(out, text...)
		}
		term := string(text[at : at+n])
		used[term] = true
		out = append(out, text[:at]...)
		out = append(out, `<abbr title="`...)
		out = append(out, meaning...)
		out = append(out, `">`...)
		out = append(out, term...)
		out = append(out, "</abbr>"...)
		text = text[at+n:]
	}
	return out
}

// next finds the first abbreviation in text not used yet: where it is,
// its length and its escaped meaning; at is -1 when there is none.
func (a *abbreviator) next(text []byte, used map[string]bool) (at, n int, meaning string) {
	at = -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRune(text[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		if m, ok := a.words[string(text[i:j])]; ok && !used[string(text[i:j])] {
			at, n, meaning = i, j-i, m
			break
		}
		i = j
	}
	for _, e := range a.others {
		if used[e.Term] {
			continue
		}
		if k := wordIndex(text, e.Term); k >= 0 && (at < 0 || k < at) {
			at, n, meaning = k, len(e.Term), e.Meaning
		}
	}
	return at, n, meaning
}

// wordIndex is the first place term stands in text as a whole word: not
// inside a longer word.
func wordIndex(text []byte, term string) int {
	for off := 0; ; {
		k := bytes.Index(text[off:], []byte(term))
		if k < 0 {
			return -1
		}
		k += off
		before, _ := utf8.DecodeLastRune(text[:k])
		after, _ := utf8.DecodeRune(text[k+len(term):])
		if (k == 0 || !isWordRune(before)) && (k+len(term) == len(text) || !isWordRune(after)) {
			return k
		}
		off = k + 1
	}
}

// tagEnd is the end of the tag that starts at i: after its ">", quotes in
// its attributes skipped.
func tagEnd(b []byte, i int) int {
	quote := byte(0)
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		}
	}
	return len(b)
}

// tagName is the lower-case name of a tag, and whether it closes.
func tagName(tag []byte) (string, bool) {
	t := tag[1:]
	closing := len(t) > 0 && t[0] == '/'
	if closing {
		t = t[1:]
	}
	end := bytes.IndexFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == '>' || r == '/' })
	if end < 0 {
		end = len(t)
	}
	return strings.ToLower(string(t[:end])), closing
}
