package builder

import (
	"html/template"
	"iter"

	"github.com/piao-pa/piao/builder/plan"
)

// The sheets of the whole plan's page written in Go, as builtin_sheet.go
// writes a sheet's own page: up to 2,000 sheets the whole plan shows
// every sheet again (fullplan.go), and html/template called every method,
// field and escaper of its "fullsheet" and "fullindicator" by reflection,
// so that at 1,000 sheets its pages cost as much to render as the
// sheets' own (42 ms for a part of 250 sheets, against 146 µs for a
// sheet's page). With the built-in theme they are fullsheetHTML and
// fullindicatorHTML; themes/default/layouts/fullplan.html stays the
// reference (TestBuiltinPartialsSameAsTemplates).

// fullplanKindPartials are the definitions of the whole plan's page the
// built-in theme renders in Go.
const fullplanKindPartials = `{{define "fullsheet"}}{{range fullsheetHTML .}}{{.}}{{end}}{{end}}{{define "fullindicator"}}{{fullindicatorHTML .}}{{end}}`

// fullplanFuncs are the template functions of fullplanKindPartials.
func (r *renderer) fullplanFuncs() template.FuncMap {
	return template.FuncMap{"fullsheetHTML": r.fullsheetHTML, "fullindicatorHTML": r.fullindicatorHTML}
}

// fullsheetHTML renders the "fullsheet" partial, called with the dict P
// (the page) and S (the sheet): chunked, so that the template prints the
// writer's buffer rather than a copy of it (the whole plan is the sheets
// again: 4.2 MB of copies at 1,000 sheets).
func (r *renderer) fullsheetHTML(args map[string]any) (iter.Seq[template.HTML], error) {
	p, ok1 := args["P"].(*page)
	s, ok2 := args["S"].(*plan.Sheet)
	if !ok1 || !ok2 || p == nil || s == nil || p.Plan == nil {
		return nil, errPartialArgs("fullsheet")
	}
	return r.chunked(func(w *partialWriter) { w.fullSheet(p, s) }), nil
}

// fullindicatorHTML renders the "fullindicator" partial, called with the
// dict P (the page), S (the sheet) and I (the indicator).
func (r *renderer) fullindicatorHTML(args map[string]any) (template.HTML, error) {
	p, s, ind, ok := indicatorArgs(args)
	if !ok {
		return "", errPartialArgs("fullindicator")
	}
	w := partialWriter{w: r.words}
	w.fullIndicator(p, s, ind)
	return w.done(), nil
}

// fullSheet writes a sheet within the whole plan: what its page shows,
// one heading level down, its ids prefixed by the sheet's.
func (w *partialWriter) fullSheet(p *page, s *plan.Sheet) {
	a := p.SheetAnchor(s)
	name := p.SheetName(s)
	w.raw("\n<article class=\"full-item full-sheet")
	switch {
	case s.Removed():
		w.raw(" removed")
	case s.Added():
		w.raw(" added")
	}
	w.raw(`" id="`)
	w.text(a)
	w.raw(`" aria-labelledby="`)
	w.text(a)
	w.raw("-h\">\n<p class=\"kicker\">")
	if s.Kind.IsStrategic() {
		w.raw(string(p.LT("sheet.kicker.strategic", "obiettivo_strategico")))
	} else {
		w.raw(string(p.LT("sheet.kicker.operational", "obiettivo_operativo")))
	}
	w.raw("</p>\n<h3 id=\"")
	w.text(a)
	w.raw(`-h">`)
	w.code(s.Codice.S)
	w.text(name)
	switch {
	case s.Removed():
		w.raw(` <span class="status">`)
		w.t("status.sheetRemoved")
		w.raw(`</span>`)
	case s.Added():
		w.raw(` <span class="status">`)
		w.t("status.sheetAdded")
		w.raw(`</span>`)
	}
	w.raw("</h3>\n")
	if revs := p.SheetRevisions(s); len(revs) > 0 {
		w.raw(`<div class="notice revised full-revised">`)
		for _, rev := range revs {
			w.raw(`<p>`)
			w.th("fullplan.revisedBy", "act", rev.Atto.S, "date", w.w.Date(rev.Data.S))
			w.raw(` <a href="`)
			w.url(p.RevisionURL(*rev))
			w.raw(`">`)
			w.t("fullplan.revision.link")
			w.raw(`</a></p>`)
		}
		w.raw(`</div>`)
	}
	w.sheetData(p, s, true)
	if len(s.Target) > 0 {
		w.yearsTable(s.Target, func() { w.t("sheet.targets") }, p.Val)
	}
	w.raw("\n")
	w.notes(p, s.Note, nil)
	w.raw("\n")
	if len(s.Indicatori) > 0 {
		w.raw("<h4>")
		w.t("sheet.indicators")
		w.raw("</h4>\n")
		for _, ind := range s.Indicators() {
			w.fullIndicator(p, s, ind)
		}
	}
	w.raw("\n")
	if len(s.Revisioni) > 0 {
		w.raw("<h4>")
		w.t("fullplan.revnotes")
		w.raw("</h4>")
		w.revnotes(p, s.Revisioni)
	}
	w.raw("\n<p class=\"full-link no-print\"><a href=\"")
	w.url(p.SheetURL(s))
	w.raw(`">`)
	w.t("fullplan.sheetPage")
	w.raw(`<span class="sr-only"> `)
	w.text(name)
	w.raw("</span></a></p>\n</article>\n")
}

// fullIndicator writes an indicator of a sheet within the whole plan.
func (w *partialWriter) fullIndicator(p *page, s *plan.Sheet, ind *plan.Indicator) {
	p.withIndicatorView(s, ind, func(v *indicatorView) { w.fullIndicatorOf(p, s, ind, v) })
}

// fullIndicatorOf writes fullIndicator, given the indicator's view.
func (w *partialWriter) fullIndicatorOf(p *page, s *plan.Sheet, ind *plan.Indicator, v *indicatorView) {
	a := p.FullIndicatorAnchor(s, ind)
	w.raw("\n<div class=\"indicator")
	if v.Removed {
		w.raw(" removed")
	}
	if v.Added {
		w.raw(" added")
	}
	w.raw(`" id="`)
	w.text(a)
	w.raw("\">\n<h5 id=\"")
	w.text(a)
	w.raw(`-h">`)
	w.indheading(v)
	w.raw("</h5>\n")
	if v.Removed {
		w.removedLine(p, ind)
	}
	w.raw("\n")
	if v.Added {
		w.addedLine(p, ind)
	}
	w.raw("\n<table class=\"fields\">\n<caption>")
	w.th("indicator.caption", "n", v.Number, "description", v.Caption)
	w.raw("</caption>\n<tbody>\n")
	for i := range v.Rows {
		row := &v.Rows[i]
		w.raw(`<tr><th scope="row">`)
		w.text(row.Label)
		if row.Marker != "" {
			w.raw(` <sup>`)
			w.text(markerText(row.Marker))
			w.raw(`</sup>`)
		}
		w.raw(`</th><td>`)
		w.value(&row.Value)
		w.raw("</td></tr>\n")
	}
	w.raw("</tbody>\n</table>\n")
	w.notes(p, ind.Note, nil)
	w.raw("\n")
	w.revnotes(p, ind.Revisioni)
	w.raw("\n</div>")
}
