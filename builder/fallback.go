package builder

import (
	"bytes"
	"html/template"
	"path"
	"slices"
	"strings"
)

// This file makes the pages of one language of a site of several: where
// each link goes (local), the page in every other language (twins), and
// the texts shown in the main language because the content lacks them in
// the page's (markFallbacks).

// local is where an output path is, seen from this renderer's pages: a
// page, and the feed, in their language's folder; a file of the open data
// in the main language's; a file of the whole site at the root. In a site
// of one language, where it is.
func (r *renderer) local(to string) string {
	switch {
	case r.lang == nil || rootFile(to):
		return to
	case isPage(to) || to == feedPath():
		return r.lang.prefix + to
	}
	return r.langs.main().prefix + to
}

// langPrefix is the folder of this renderer's language: "de/", or "".
func (r *renderer) langPrefix() string {
	if r.lang == nil {
		return ""
	}
	return r.lang.prefix
}

// twins are the page in each language: the switcher's links, and the
// head's alternate links (absolute with url_base). A page that another
// language lacks (an index's part named by its texts' initials) has the
// nearest page above it as its twin there.
func (r *renderer) twins(pg *page) (links, alternates []langLink) {
	logical := strings.TrimPrefix(pg.Path, r.lang.prefix)
	if pg.Kind == langsKind {
		logical = homePath()
	}
	base := baseURL(&pg.Site.Config)
	for _, l := range r.langs.langs {
		to := r.langs.twin(l, logical)
		link := langLink{Lang: l.code, Name: l.name, URL: relURL(pg.Path, to), Current: l == r.lang && pg.Kind != langsKind}
		links = append(links, link)
		if base != "" {
			link.URL = base + to
		}
		alternates = append(alternates, link)
	}
	return links, alternates
}

// twin is the page of language l at logical path p (without the
// language's folder), or the nearest page above it, or its home.
func (ls *langSite) twin(l *siteLang, p string) string {
	for {
		if ls.pages[l.prefix+p] {
			return l.prefix + p
		}
		dir := path.Dir(path.Dir(p))
		if dir == "." || p == homePath() {
			return l.prefix + homePath()
		}
		p = path.Join(dir, indexFile)
	}
}

// The marks the renderer replaces: where the page's note about texts in
// the main language goes (Chrome.Untranslated).
const untranslatedMark template.HTML = "\x03"

// markFallbacks turns the marks around texts shown in the main language
// into an element saying so (its lang, and a class the stylesheet shows),
// and puts the page's note where the theme asked, when there is one such
// text. Marks in a tag (an attribute) or in an element of text only
// (title, option) are removed: there the text is shown as it is.
// A page whose body was shown in the main language (blocks) has the note
// too.
func (r *renderer) markFallbacks(buf *bytes.Buffer, blocks bool) {
	b := buf.Bytes()
	if bytes.IndexAny(b, fallbackOpen+fallbackClose+string(untranslatedMark)) < 0 {
		return
	}
	any := blocks || bytes.Contains(b, []byte(fallbackOpen))
	open := []byte(`<span lang="` + r.langs.main().code + `" class="lang-fallback">`)
	out := make([]byte, 0, len(b)+1024)
	inTag, textOnly, depth := false, "", 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '<' && !inTag:
			inTag = true
			textOnly = textOnlyAfter(b[i+1:], textOnly)
		case c == '>' && inTag:
			inTag = false
		case c == fallbackOpen[0]:
			if !inTag && textOnly == "" {
				out = append(out, open...)
				depth++
			}
			continue
		case c == fallbackClose[0]:
			if !inTag && textOnly == "" && depth > 0 {
				out = append(out, "</span>"...)
				depth--
			}
			continue
		case c == untranslatedMark[0]:
			if any {
				out = append(out, r.untranslatedNote()...)
			}
			continue
		}
		out = append(out, c)
	}
	for ; depth > 0; depth-- {
		out = append(out, "</span>"...)
	}
	buf.Reset()
	buf.Write(out)
}

// textOnlyAfter says whether the tag that starts at b (after its "<")
// enters or leaves an element that holds text only: its name while in
// one, "" outside.
func textOnlyAfter(b []byte, in string) string {
	name := rawTagName(b)
	if in != "" {
		if name == "/"+in {
			return ""
		}
		return in
	}
	switch name {
	case "title", "option", "textarea", "script", "style":
		return name
	}
	return ""
}

func rawTagName(b []byte) string {
	end := 0
	for end < len(b) && end < 12 && b[end] != ' ' && b[end] != '>' && b[end] != '\n' && b[end] != '\t' {
		end++
	}
	return strings.ToLower(string(b[:end]))
}

// untranslatedNote is the note of a page that shows texts in the main
// language: which, and how they are marked.
func (r *renderer) untranslatedNote() string {
	w, main := r.words, r.langs.main().code
	return `<div class="notice lang-note" role="note"><p>` +
		template.HTMLEscapeString(w.T("lang.untranslated", "lang", r.langIn(w.Lang), "main", r.langIn(main))) +
		`</p></div>`
}

// langIn says "in German" in the renderer's words: "lang.in.de", or the
// language's own name.
func (r *renderer) langIn(code string) string {
	if _, ok := r.words.text["lang.in."+code]; ok {
		return r.words.T("lang.in." + code)
	}
	for _, l := range r.langs.langs {
		if l.code == code {
			return l.name
		}
	}
	return code
}

// fallbackBlock wraps HTML shown in the main language on another
// language's page.
func (r *renderer) fallbackBlock(html string) string {
	return `<div lang="` + r.langs.main().code + `" class="lang-fallback">` + html + `</div>`
}

// langsKind is the kind of the page at the root of a site whose every
// language has its folder: the page to choose the language.
const langsKind = "languages"

// langsPage is that page, named by the ente's name in every language.
func langsPage(ls *langSite) *page {
	var names []string
	for _, l := range ls.langs {
		if n := stripFallbacks(l.model.Config.Ente.Nome.S); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return &page{Kind: langsKind, Path: homePath(), Title: strings.Join(names, " · ")}
}
