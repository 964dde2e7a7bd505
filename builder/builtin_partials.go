package builder

import (
	"fmt"
	"html/template"
	"iter"
	"strings"
	"sync"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/worddiff"
)

// Partials of the built-in theme written in Go. html/template calls every
// method, field and escaper of a page by reflection; the partials below are
// those the pages call most: "value" (every value of every field, target
// and indicator row: a sheet's page calls it some 20 times) and
// "revgroups" (what a revision did to a sheet, group by group: a plan's
// revisions page lists every change of every revision through it, 5.6 MB
// of HTML at 10,000 sheets, and so does every revised sheet's page). With
// the built-in theme (theme.builtin), newRenderer defines them as calls of
// the functions below; a site's own theme renders them as its files write
// them. The layouts in themes/default stay the reference:
// TestBuiltinPartialsSameAsTemplates renders every page of the example
// site, of every example plan and of generated sheets both ways and
// compares the bytes.

// builtinPartials are the definitions that replace the built-in partials
// with their Go rendering.
const builtinPartials = `{{define "revgroups"}}{{revgroupsHTML .}}{{end}}{{define "value"}}{{valueHTML .}}{{end}}`

// revgroupsHTML renders the "revgroups" partial, called with the dict
// P (the page), Groups, Rev (the revision) and H (3 or 4, the level of
// the groups' headings), byte for byte as the template of
// themes/default/layouts/_partials.html does.
func (r *renderer) revgroupsHTML(args map[string]any) (template.HTML, error) {
	p, ok1 := args["P"].(*page)
	groups, ok2 := args["Groups"].([]revGroupView)
	h, ok3 := args["H"].(int)
	rev := revisionArg(args["Rev"])
	if !ok1 || !ok2 || !ok3 || rev == nil || p == nil {
		return "", fmt.Errorf("revgroups: argomenti inattesi")
	}
	w := partialWriter{w: r.words}
	for i := range groups {
		w.group(p, rev, h, &groups[i])
	}
	return w.done(), nil
}

// revisionArg is the revision a partial is called with, as a value (a
// range over the plan's revisions) or a pointer; nil for anything else.
func revisionArg(v any) *plan.Revision {
	switch v := v.(type) {
	case plan.Revision:
		return &v
	case *plan.Revision:
		return v
	}
	return nil
}

// htmlBuf is what a partial's HTML is written into: a slice of bytes
// taken from htmlBufs at the first write and given back by done, so that
// the partials of every page, one after another, write into the same few
// buffers, and each partial's HTML is allocated once, at its size. A
// strings.Builder per partial, grown by doubling, allocated three or four
// times the bytes of every page (770 MB at 10,000 sheets, a quarter of
// all a build allocates), which at 50,000 sheets, with the heap held
// within its budget, the collector paid for in assists.
type htmlBuf struct{ b *[]byte }

var htmlBufs = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// maxPooledBuf is the largest buffer given back to htmlBufs: a larger
// one (a partial of a very long page) is let go.
const maxPooledBuf = 256 << 10

// bytes is the buffer, taken from htmlBufs at the first write.
func (h *htmlBuf) bytes() *[]byte {
	if h.b == nil {
		h.b = htmlBufs.Get().(*[]byte)
	}
	return h.b
}

func (h *htmlBuf) WriteString(s string) (int, error) {
	b := h.bytes()
	*b = append(*b, s...)
	return len(s), nil
}

func (h *htmlBuf) WriteByte(c byte) error {
	b := h.bytes()
	*b = append(*b, c)
	return nil
}

func (h *htmlBuf) Len() int {
	if h.b == nil {
		return 0
	}
	return len(*h.b)
}

// String is what was written, a string of its own.
func (h *htmlBuf) String() string {
	if h.b == nil {
		return ""
	}
	return string(*h.b)
}

// Bytes is what was written, until the next write or done.
func (h *htmlBuf) Bytes() []byte {
	if h.b == nil {
		return nil
	}
	return *h.b
}

// view is what was written, as a string that shares the buffer's bytes:
// valid until the next write, Reset or release.
func (h *htmlBuf) view() string {
	if h.b == nil || len(*h.b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(*h.b), len(*h.b))
}

// Reset empties the buffer, keeping it.
func (h *htmlBuf) Reset() {
	if h.b != nil {
		*h.b = (*h.b)[:0]
	}
}

// release gives the buffer back to htmlBufs.
func (h *htmlBuf) release() {
	if h.b != nil {
		if cap(*h.b) <= maxPooledBuf {
			*h.b = (*h.b)[:0]
			htmlBufs.Put(h.b)
		}
		h.b = nil
	}
}

// done is the partial's HTML; the writer's buffer goes back to the pool.
func (w *partialWriter) done() template.HTML {
	s := w.b.String()
	w.b.release()
	return template.HTML(s)
}

// partialWriter writes a partial's HTML.
type partialWriter struct {
	b   htmlBuf
	w   *words
	cut func() // when not nil, gives what is written so far to the template (chunked)
}

// chunkBytes is about how much of a long partial is given to the template
// at a time (chunked).
const chunkBytes = 32 << 10

// chunked is what write writes, as a sequence for the template to range
// over: given in parts of about chunkBytes at the places where write
// calls cutHere, so that a partial that lists thousands of sheets (an
// index, a unit, a revision) is never held whole beside the page it is
// written into. Once the template stops, the rest is written nowhere.
//
// Each part is the writer's buffer itself (view), not a copy of it: the
// built-in theme's definitions print it ({{range xHTML .}}{{.}}{{end}})
// before the next is asked for, and only then is the buffer written
// again. The copies were some 10 MB of the 180 a build of 1,000 sheets
// allocates (and faults in: it does not collect).
func (r *renderer) chunked(write func(w *partialWriter)) iter.Seq[template.HTML] {
	return func(yield func(template.HTML) bool) {
		w := &partialWriter{w: r.words}
		defer w.b.release()
		more := true
		w.cut = func() {
			if more && w.b.Len() >= chunkBytes {
				more = yield(template.HTML(w.b.view()))
			}
			if w.b.Len() >= chunkBytes || !more {
				w.b.Reset()
			}
		}
		write(w)
		if more && w.b.Len() > 0 {
			yield(template.HTML(w.b.view()))
		}
	}
}

// cutHere marks a place where a chunked partial may be cut.
func (w *partialWriter) cutHere() {
	if w.cut != nil {
		w.cut()
	}
}

func (w *partialWriter) raw(s string) { w.b.WriteString(s) }

// t writes the words of key, as the template's t does (already HTML).
func (w *partialWriter) t(key string) { w.b.WriteString(string(w.w.HTML(key))) }

// text writes s escaped as html/template escapes a string in text and
// in a quoted attribute's value.
func (w *partialWriter) text(s string) { writeEscaped(&w.b, s) }

// url writes s as html/template writes a string in a URL attribute:
// filtered, normalised, escaped.
func (w *partialWriter) url(s string) { writeURL(&w.b, s) }

// writeURL writes s filtered, normalised and escaped for a URL attribute.
// Nearly every link of a page is a relative path of slugs ("../../
// operativi/00042/index.html#ind-1"), none of whose bytes the three
// change: those are written as they are, in one pass (the three passes
// were 90 ms of CPU at 10,000 sheets).
func writeURL(b *htmlBuf, s string) {
	for i := 0; i < len(s); i++ {
		if !plainURLByte[s[i]] {
			writeEscaped(b, normalizeURL(filterURL(s)))
			return
		}
	}
	b.WriteString(s)
}

// plainURLByte marks the bytes a URL attribute holds as they are, whatever
// the bytes around them: letters, digits, "-", ".", "_", "~", "/" and
// "#". Without ":" there is no scheme for filterURL to refuse.
var plainURLByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/#", byte(c)) >= 0
	}
	return t
}()

func (w *partialWriter) inline(s string) { w.b.WriteString(string(w.w.inline.HTML(s))) }

// valueText is the "text" partial: a value, "//" read as none.
func (w *partialWriter) valueText(s string) {
	if s == "//" {
		w.raw(`<span aria-hidden="true">//</span><span class="sr-only">`)
		w.t("value.none")
		w.raw(`</span>`)
		return
	}
	w.inline(s)
}

func (w *partialWriter) group(p *page, rev *plan.Revision, h int, g *revGroupView) {
	w.raw("<div class=\"revgroup\">\n")
	if h == 3 {
		w.raw(`<h3 class="revgroup-title">`)
		w.parts(g.Parts)
		w.raw(`</h3>`)
	} else {
		w.raw(`<h4 class="revgroup-title">`)
		w.parts(g.Parts)
		w.raw(`</h4>`)
	}
	w.raw("\n<dl class=\"revgroup-body\"><dt>")
	w.t("revgroup.what")
	w.raw("</dt>\n<dd>")
	for i := range g.Notes {
		w.raw(`<p>`)
		w.inline(g.Notes[i].Attuata.S)
		w.raw(`</p>`)
	}
	if len(g.Items) > 0 {
		w.raw(`<ul class="changes">`)
		for i := range g.Items {
			w.raw(`<li>`)
			w.change(&g.Items[i])
			w.raw(`</li>`)
		}
		w.raw(`</ul>`)
	}
	w.raw("</dd>\n<dt>")
	w.t("revgroup.why")
	w.raw("</dt>\n<dd>")
	if g.Why {
		for i := range g.Notes {
			if c := g.Notes[i].Causa.S; c != "" {
				w.raw(`<p>`)
				w.inline(c)
				w.raw(`</p>`)
			}
		}
		for _, n := range g.Footnotes {
			w.raw(`<p>`)
			if m := n.Rimando.S; m != "" {
				w.text(markerText(m))
				w.raw(` `)
			}
			w.inline(n.Testo.S)
			w.raw(`</p>`)
		}
	} else {
		w.raw(`<p class="why-none">`)
		w.t("revgroup.why.none")
		w.raw(` <a href="`)
		w.url(p.RevisionsURL(rev.ID.S))
		w.raw(`">`)
		w.t("revgroup.why.none.link")
		w.raw(`</a>.</p>`)
	}
	w.raw("</dd></dl>\n</div>\n")
}

// parts is the "revparts" partial: the parts a group is about.
func (w *partialWriter) parts(parts []partView) {
	n := len(parts)
	for i := range parts {
		x := &parts[i]
		w.raw(`<span class="part">`)
		if i != 0 && i+1 == n {
			w.t("list.and")
			w.raw(` `)
		}
		if x.Sheet {
			w.t("revgroup.sheet")
		} else {
			w.raw(`<a href="`)
			w.url(x.URL)
			w.raw(`">`)
			w.text(x.Name)
			w.raw(`</a> <span class="part-name">`)
			w.text(x.Short)
			w.raw(`</span>`)
			if x.Removed {
				w.raw(` <span class="status">`)
				w.t("status.removed")
				w.raw(`</span>`)
			} else if x.Added {
				w.raw(` <span class="status">`)
				w.t("status.added")
				w.raw(`</span>`)
			}
		}
		if i+2 < n {
			w.raw(`,`)
		}
		w.raw(`</span>`)
	}
}

// change is the "changeitem" partial: one change of a group.
func (w *partialWriter) change(c *changeItem) {
	if c.Part != "" {
		w.raw(`<a href="`)
		w.url(c.PartURL)
		w.raw(`">`)
		w.text(c.Part)
		w.raw(`</a>`)
		if c.Note != nil {
			w.t("change.ofNote")
		}
		w.raw(`: `)
	}
	switch {
	case c.OfSheet():
		if c.Kind.IsAdded() {
			w.t("change.sheetAdded")
		} else {
			w.t("change.sheetRemoved")
		}
	case c.Note != nil:
		if c.Kind.IsAdded() {
			w.t("change.noteAdded")
			w.raw(` `)
			w.t("quote.open")
			w.inline(c.Note.Testo.S)
			w.t("quote.close")
		} else {
			w.t("change.noteRemoved")
			w.raw(` `)
			w.t("quote.open")
			w.raw(`<del>`)
			w.inline(c.Note.Testo.S)
			w.raw(`</del>`)
			w.t("quote.close")
		}
	case c.Kind.IsAdded():
		w.t("change.indicatorAdded")
	case c.Kind.IsRemoved():
		w.t("change.indicatorRemoved")
	default:
		w.text(c.Label)
		w.raw(`: `)
		if len(c.Diff) > 0 {
			w.diff(c.Diff)
			w.raw(`<details class="before"><summary>`)
			w.t("value.before")
			w.raw(`</summary><p>`)
			w.valueText(c.Old)
			w.raw(`</p></details>`)
		} else {
			w.before(c.Old)
			w.raw(` <span aria-hidden="true">→</span> `)
			w.now(c.New)
		}
	}
}

// valueHTML renders the "value" partial: a value as a page shows it, its
// earlier values, date and footnote marker.
func (r *renderer) valueHTML(v valueView) template.HTML {
	w := partialWriter{w: r.words}
	w.value(&v)
	return w.done()
}

func (w *partialWriter) value(v *valueView) {
	switch {
	case len(v.Diff) > 0:
		w.diff(v.Diff)
		w.raw(`<details class="before"><summary>`)
		w.t("value.before")
		w.raw(`</summary>`)
		for i := range v.Old {
			w.raw(`<p>`)
			w.valueText(v.Old[i].Value)
			if d := v.Old[i].RevDate; d != "" {
				w.raw(` <span class="value-date">(`)
				w.raw(string(w.w.HTML("value.before.until", "date", w.w.Date(d))))
				w.raw(`)</span>`)
			}
			w.raw(`</p>`)
		}
		w.raw(`</details>`)
	case len(v.Old) > 0:
		w.raw(`<span class="rev">`)
		for i := range v.Old {
			w.before(v.Old[i].Value)
			w.raw(` `)
		}
		w.now(v.Current)
		w.raw(`</span>`)
	case v.Link != "":
		w.raw(`<a href="`)
		w.url(v.Link)
		w.raw(`">`)
		w.text(w.w.inline.Plain(v.Current))
		w.raw(`</a>`)
	default:
		w.valueText(v.Current)
	}
	if v.Date != "" {
		w.raw(` <span class="value-date">(`)
		w.text(w.w.Date(v.Date))
		w.raw(`)</span>`)
	}
	if v.Marker != "" {
		w.raw(` `)
		w.mark(v.Marker, v.Note)
	}
}

// mark is the "mark" partial: a footnote's marker, linked to the
// footnote n when known.
func (w *partialWriter) mark(marker string, n *noteRef) {
	if n != nil {
		w.raw(`<sup class="marker"><a href="`)
		w.url(n.URL)
		w.raw(`" title="`)
		w.text(n.Text)
		w.raw(`"><span class="sr-only">`)
		w.t("note.ref.sr")
		w.raw(` </span>`)
		w.text(markerText(marker))
		w.raw(`</a></sup>`)
	} else {
		w.raw(`<sup>`)
		w.text(markerText(marker))
		w.raw(`</sup>`)
	}
}

// before writes a value a revision replaced, struck out and tagged.
func (w *partialWriter) before(s string) { w.tagged("del", "rev.before", s) }

// now writes the value that replaced it, tagged.
func (w *partialWriter) now(s string) { w.tagged("ins", "rev.now", s) }

// tagged writes a value in element el, after the tag the words of key
// give and, for a screen reader, those of key.sr.
func (w *partialWriter) tagged(el, key, s string) {
	w.raw("<" + el + `><span class="rev-tag" aria-hidden="true">`)
	w.t(key)
	w.raw(`</span><span class="sr-only">`)
	w.t(key + ".sr")
	w.raw(` </span>`)
	w.valueText(s)
	w.raw("</" + el + ">")
}

// diff is the "diff" partial: a word-level difference.
func (w *partialWriter) diff(spans []worddiff.Span) {
	w.raw(`<span class="diff">`)
	for _, s := range spans {
		switch {
		case s.IsDelete():
			w.raw(`<del><span class="sr-only">`)
			w.t("diff.removed.sr")
			w.raw(` </span>`)
			w.text(s.Text)
			w.raw(`</del>`)
		case s.IsInsert():
			w.raw(`<ins><span class="sr-only">`)
			w.t("diff.added.sr")
			w.raw(` </span>`)
			w.text(s.Text)
			w.raw(`</ins>`)
		default:
			w.text(s.Text)
		}
	}
	w.raw(`</span>`)
}

// The escapers below are html/template's (html.go, url.go of the
// standard library) for a plain string: escapeTable is its
// htmlReplacementTable, escapeNormTable its htmlNormReplacementTable,
// filterURL its urlFilter, normalizeURL its urlNormalizer, escapeURL its
// urlEscaper.

var escapeTable = [...]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// escapeNormTable leaves & as it is: for what is already HTML.
var escapeNormTable = [len(escapeTable)]string{0: "\uFFFD", '"': "&#34;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// writeEscaped writes s escaped for HTML text or a quoted attribute.
func writeEscaped(b *htmlBuf, s string) { writeReplaced(b, s, &escapeTable) }

// writeAttrHTML writes s, HTML without tags (the theme's words, which
// words.HTML gives with < and > escaped), as html/template writes
// template.HTML in a quoted attribute: its attrEscaper strips the tags,
// of which there are none, and escapes with escapeNormTable.
func writeAttrHTML(b *htmlBuf, s template.HTML) {
	writeReplaced(b, string(s), &escapeNormTable)
}

// writeReplaced writes s with the bytes table names replaced. It goes
// byte by byte: every byte the table replaces is ASCII, and no
// byte of a longer UTF-8 sequence, nor an invalid byte (which
// html/template writes as it is), is below 0x80.
func writeReplaced(b *htmlBuf, s string, table *[len(escapeTable)]string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(table) {
			if repl := table[c]; repl != "" {
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + 1
			}
		}
	}
	b.WriteString(s[written:])
}

// filterURL keeps a URL whose scheme, if any, is http, https or mailto;
// any other becomes html/template's "#ZgotmplZ".
func filterURL(s string) string {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// normalizeURL percent-encodes the bytes a URL may not hold as they are,
// keeping valid escapes.
func normalizeURL(s string) string { return processURL(s, true) }

// escapeURL percent-encodes all but the unreserved bytes: for a part of
// a URL after its path (a fragment, a query).
func escapeURL(s string) string { return processURL(s, false) }

// processURL is html/template's processURLOnto.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHexByte(s[i+1]) && isHexByte(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
