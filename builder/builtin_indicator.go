package builder

import (
	"fmt"
	"html/template"

	"github.com/piao-pa/piao/builder/plan"
)

// The indicator partials of the built-in theme written in Go, as
// builtin_partials.go does for "value" and "revgroups": a sheet's page
// shows each of its indicators (1 to 4 a sheet) through "indicator",
// which calls "indheading", "indbody" and what they call: "copylink",
// "mark", "revref", "notes", "revnotes" and "value". The other pages that
// call these partials (the sheet's own notes, the whole plan, a
// narrative section, a revision) get the Go rendering too. The layouts
// in themes/default stay the reference (TestBuiltinPartialsSameAsTemplates).
// "indicator-cycle", the indicator's results and monitoring, is in
// builtin_cycle.go.

// builtinIndicatorPartials are the definitions that replace the
// indicator partials with their Go rendering.
const builtinIndicatorPartials = `{{define "indicator"}}{{indicatorHTML .}}{{end}}` +
	`{{define "indheading"}}{{indheadingHTML .}}{{end}}` +
	`{{define "indbody"}}{{indbodyHTML .}}{{end}}` +
	`{{define "copylink"}}{{copylinkHTML .}}{{end}}` +
	`{{define "mark"}}{{markHTML .}}{{end}}` +
	`{{define "revref"}}{{revrefHTML .}}{{end}}` +
	`{{define "notes"}}{{notesHTML .}}{{end}}` +
	`{{define "revnotes"}}{{revnotesHTML .}}{{end}}`

// indicatorFuncs are the template functions of builtinIndicatorPartials.
func (r *renderer) indicatorFuncs() template.FuncMap {
	return template.FuncMap{
		"indicatorHTML": r.indicatorHTML, "indheadingHTML": r.indheadingHTML, "indbodyHTML": r.indbodyHTML,
		"copylinkHTML": r.copylinkHTML, "markHTML": r.markHTML, "revrefHTML": r.revrefHTML,
		"notesHTML": r.notesHTML, "revnotesHTML": r.revnotesHTML,
	}
}

// errPartialArgs is a partial called with arguments it does not know.
func errPartialArgs(name string) error { return fmt.Errorf("%s: argomenti inattesi", name) }

// indicatorArgs reads the P, S and I of a partial's dict.
func indicatorArgs(args map[string]any) (*page, *plan.Sheet, *plan.Indicator, bool) {
	p, ok1 := args["P"].(*page)
	s, ok2 := args["S"].(*plan.Sheet)
	ind, ok3 := args["I"].(*plan.Indicator)
	return p, s, ind, ok1 && ok2 && ok3 && p != nil && s != nil && ind != nil
}

// indicatorHTML renders the "indicator" partial, called with the dict P
// (the page), S (the sheet) and I (the indicator).
func (r *renderer) indicatorHTML(args map[string]any) (template.HTML, error) {
	p, s, ind, ok := indicatorArgs(args)
	if !ok {
		return "", errPartialArgs("indicator")
	}
	w := partialWriter{w: r.words}
	p.withIndicatorView(s, ind, func(v *indicatorView) { w.indicator(p, s, ind, v) })
	return w.done(), nil
}

// indheadingHTML renders the "indheading" partial, called with an
// indicator's view.
func (r *renderer) indheadingHTML(v *indicatorView) (template.HTML, error) {
	if v == nil {
		return "", errPartialArgs("indheading")
	}
	w := partialWriter{w: r.words}
	w.indheading(v)
	return w.done(), nil
}

// indbodyHTML renders the "indbody" partial, called with the dict P, S,
// I and V (the indicator's view).
func (r *renderer) indbodyHTML(args map[string]any) (template.HTML, error) {
	p, s, ind, ok := indicatorArgs(args)
	v, _ := args["V"].(*indicatorView)
	if !ok || v == nil {
		return "", errPartialArgs("indbody")
	}
	w := partialWriter{w: r.words}
	w.indbody(p, s, ind, v)
	return w.done(), nil
}

// copylinkHTML renders the "copylink" partial, called with the dict ID
// (the anchor), What (what the link is to, text or the words of t) and
// Page (true for the link to the page, or absent).
func (r *renderer) copylinkHTML(args map[string]any) (template.HTML, error) {
	id, ok := args["ID"].(string)
	var page bool
	switch v := args["Page"].(type) {
	case nil:
	case bool:
		page = v
	default:
		ok = false
	}
	var what string
	escape := false
	switch v := args["What"].(type) {
	case template.HTML:
		what = string(v)
	case string:
		what, escape = v, true
	default:
		ok = false
	}
	if !ok {
		return "", errPartialArgs("copylink")
	}
	w := partialWriter{w: r.words}
	w.copylink(id, page, what, escape)
	return w.done(), nil
}

// markHTML renders the "mark" partial, called with the dict Marker and
// Note (the footnote, or nil).
func (r *renderer) markHTML(args map[string]any) (template.HTML, error) {
	m, ok := args["Marker"].(string)
	var n *noteRef
	switch v := args["Note"].(type) {
	case nil:
	case *noteRef:
		n = v
	default:
		ok = false
	}
	if !ok {
		return "", errPartialArgs("mark")
	}
	w := partialWriter{w: r.words}
	w.mark(m, n)
	return w.done(), nil
}

// revrefHTML renders the "revref" partial, called with the dict P and
// ID (a revision's).
func (r *renderer) revrefHTML(args map[string]any) (template.HTML, error) {
	p, ok1 := args["P"].(*page)
	id, ok2 := args["ID"].(string)
	if !ok1 || !ok2 || p == nil {
		return "", errPartialArgs("revref")
	}
	w := partialWriter{w: r.words}
	w.revref(p, id)
	return w.done(), nil
}

// notesHTML renders the "notes" partial, called with the dict P, Notes
// (the footnotes of a sheet or an indicator) and I (the indicator, nil or
// absent for a sheet's).
func (r *renderer) notesHTML(args map[string]any) (template.HTML, error) {
	p, ok1 := args["P"].(*page)
	notes, ok2 := args["Notes"].([]plan.Note)
	var ind *plan.Indicator
	ok3 := true
	switch v := args["I"].(type) {
	case nil:
	case *plan.Indicator:
		ind = v
	default:
		ok3 = false
	}
	if !ok1 || !ok2 || !ok3 || p == nil {
		return "", errPartialArgs("notes")
	}
	w := partialWriter{w: r.words}
	w.notes(p, notes, ind)
	return w.done(), nil
}

// revnotesHTML renders the "revnotes" partial, called with the dict P
// and Notes (the notes of revision of a sheet or an indicator).
func (r *renderer) revnotesHTML(args map[string]any) (template.HTML, error) {
	p, ok1 := args["P"].(*page)
	notes, ok2 := args["Notes"].([]plan.RevNote)
	if !ok1 || !ok2 || p == nil {
		return "", errPartialArgs("revnotes")
	}
	w := partialWriter{w: r.words}
	w.revnotes(p, notes)
	return w.done(), nil
}

// th writes the words of key with their arguments, as the template's t
// does.
func (w *partialWriter) th(key string, args ...any) { w.b.WriteString(string(w.w.HTML(key, args...))) }

func (w *partialWriter) indicator(p *page, s *plan.Sheet, ind *plan.Indicator, v *indicatorView) {
	if v.Removed {
		w.raw("\n<details class=\"indicator removed\" id=\"")
		w.text(v.Anchor)
		w.raw("\">\n<summary><h3 id=\"")
		w.text(v.Anchor)
		w.raw("-h\">")
		w.indheading(v)
		w.raw("</h3></summary>\n")
		w.indbody(p, s, ind, v)
		w.raw("\n</details>")
	} else {
		w.raw("\n<section class=\"indicator")
		if v.Added {
			w.raw(" added")
		}
		w.raw("\" id=\"")
		w.text(v.Anchor)
		w.raw("\" aria-labelledby=\"")
		w.text(v.Anchor)
		w.raw("-h\">\n<h3 id=\"")
		w.text(v.Anchor)
		w.raw("-h\">")
		w.indheading(v)
		w.raw("</h3>\n")
		w.indbody(p, s, ind, v)
		w.raw("\n</section>")
	}
}

func (w *partialWriter) indheading(v *indicatorView) {
	w.raw(`<span class="ind-num">`)
	w.th("indicator.number", "n", v.Number)
	w.raw(`</span> <span class="ind-name">`)
	w.text(v.Name)
	w.raw(`</span>`)
	if v.Removed {
		w.raw(` <span class="status">`)
		w.t("status.removed")
		w.raw(`</span>`)
	} else if v.Added {
		w.raw(` <span class="status">`)
		w.t("status.added")
		w.raw(`</span>`)
	}
}

func (w *partialWriter) indbody(p *page, s *plan.Sheet, ind *plan.Indicator, v *indicatorView) {
	w.copylink(v.Anchor, false, string(w.w.HTML("indicator.number", "n", v.Number)), false)
	w.raw("\n")
	if v.Removed {
		w.removedLine(p, ind)
		w.raw("\n")
	}
	if v.Added {
		w.addedLine(p, ind)
		w.raw("\n")
	}
	if len(v.Targets) > 0 {
		w.raw(`<dl class="targets">`)
		for i := range v.Targets {
			row := &v.Targets[i]
			w.raw(`<div><dt>`)
			w.rowLabel(row)
			w.raw(`</dt><dd>`)
			w.value(&row.Value)
			w.raw(`</dd></div>`)
		}
		w.raw("</dl>\n")
	}
	if len(v.Rows) > 0 {
		w.raw("<table class=\"fields\">\n<caption>")
		w.th("indicator.caption", "n", v.Number, "description", v.Caption)
		w.raw("</caption>\n<tbody>\n")
		for i := range v.Rows {
			row := &v.Rows[i]
			w.raw(`<tr><th scope="row">`)
			w.rowLabel(row)
			w.raw(`</th><td>`)
			w.value(&row.Value)
			w.raw("</td></tr>\n")
		}
		w.raw("</tbody>\n</table>")
	}
	w.indicatorCycle(p, s, ind)
	w.raw("\n")
	if len(ind.Note) > 0 {
		w.notes(p, ind.Note, ind)
	}
	w.raw("\n")
	if !p.Original && len(ind.Revisioni) > 0 {
		w.revnotes(p, ind.Revisioni)
	}
}

// removedLine writes the line that says which revision removed
// indicator ind.
func (w *partialWriter) removedLine(p *page, ind *plan.Indicator) {
	w.raw(`<p class="status-line">`)
	w.t("indicator.removedBy")
	w.raw(` `)
	w.revref(p, ind.Stralcio.S)
	w.t("indicator.removedWhy")
	w.raw(`</p>`)
}

// addedLine writes the line that says which revision added indicator
// ind.
func (w *partialWriter) addedLine(p *page, ind *plan.Indicator) {
	w.raw(`<p class="status-line">`)
	w.t("indicator.addedBy")
	w.raw(` `)
	w.revref(p, ind.Inserito.S)
	w.raw(`.</p>`)
}

// rowLabel writes a row's label and the marker of its footnote.
func (w *partialWriter) rowLabel(row *fieldRow) {
	w.text(row.Label)
	if row.Marker != "" {
		w.raw(` `)
		w.mark(row.Marker, row.Note)
	}
}

// copylink is the "copylink" partial: the link to anchor id (to the page
// when page), and what it links to: text to escape when escape, else
// HTML.
func (w *partialWriter) copylink(id string, page bool, what string, escape bool) {
	w.raw(`<a class="copy-link" href="#`)
	w.text(escapeURL(id)) // a fragment: escaped as a URL's part, then as an attribute
	w.raw(`"`)
	if page {
		w.raw(` data-page`)
	}
	w.raw(` data-copied="`)
	writeAttrHTML(&w.b, w.w.HTML("share.copied"))
	w.raw(`" data-failed="`)
	writeAttrHTML(&w.b, w.w.HTML("share.copyFailed"))
	w.raw(`">`)
	w.t("share.copy")
	w.raw(`<span class="sr-only"> `)
	if escape {
		w.text(what)
	} else {
		w.raw(what)
	}
	w.raw(`</span></a>`)
}

// revref is the "revref" partial: the link to revision id, by its date;
// nothing when the plan has no such revision.
func (w *partialWriter) revref(p *page, id string) {
	rev := p.Rev(id)
	if rev == nil {
		return
	}
	w.raw(`<a href="`)
	w.url(p.RevisionsURL(id))
	w.raw(`">`)
	w.th("rev.ref", "date", w.w.Date(rev.Data.S))
	w.raw(`</a>`)
}

// notes is the "notes" partial: the footnotes of a sheet (ind nil) or
// of an indicator shown on page p.
func (w *partialWriter) notes(p *page, notes []plan.Note, ind *plan.Indicator) {
	if len(notes) == 0 {
		return
	}
	full := p.IsFull()
	w.raw(`<ul class="notes">`)
	for k := range notes {
		n := &notes[k]
		if !p.ShownNote(*n) {
			continue
		}
		removed := n.Stralcio.S != "" && !p.Original
		w.raw(`<li`)
		if !full {
			w.raw(` id="`)
			w.text(p.NoteID(ind, k+1))
			w.raw(`"`)
		}
		if removed {
			w.raw(` class="removed"`)
		}
		w.raw(`>`)
		if m := n.Rimando.S; m != "" {
			w.text(markerText(m))
			w.raw(` `)
		}
		if removed {
			w.raw(`<del><span class="sr-only">`)
			w.t("note.removed.sr")
			w.raw(` </span>`)
			w.inline(n.Testo.S)
			w.raw(`</del> <span class="status">`)
			w.t("note.removedBy")
			w.raw(` `)
			w.revref(p, n.Stralcio.S)
			w.raw(`</span>`)
		} else {
			w.inline(n.Testo.S)
			if n.Inserita.S != "" && !p.Original {
				w.raw(` <span class="status">`)
				w.t("note.addedBy")
				w.raw(` `)
				w.revref(p, n.Inserita.S)
				w.raw(`</span>`)
			}
		}
		w.raw(`</li>`)
	}
	w.raw(`</ul>`)
}

// revnotes is the "revnotes" partial: what each revision did and why.
func (w *partialWriter) revnotes(p *page, notes []plan.RevNote) {
	if len(notes) == 0 {
		return
	}
	w.raw(`<dl class="revnotes">`)
	for i := range notes {
		n := &notes[i]
		w.raw("\n<dt>")
		w.t("revgroup.what")
		if rev := p.Rev(n.Revisione.S); rev != nil {
			w.raw(` (`)
			w.text(w.w.Date(rev.Data.S))
			w.raw(`)`)
		}
		w.raw(`</dt><dd>`)
		w.inline(n.Attuata.S)
		w.raw("</dd>\n")
		if c := n.Causa.S; c != "" {
			w.raw(`<dt>`)
			w.t("revgroup.why")
			w.raw(`</dt><dd>`)
			w.inline(c)
			w.raw(`</dd>`)
		}
	}
	w.raw(`</dl>`)
}
