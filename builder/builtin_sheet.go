package builder

import (
	"bytes"
	"html/template"
	"io"

	"github.com/piao-pa/piao/builder/plan"
)

// The main part of a sheet's page written in Go, as builtin_partials.go
// does for "value" and "revgroups": at 10,000 sheets the sheets' pages
// (and their "as approved" versions) are 13,000 of the site's pages and
// most of the time spent rendering, and html/template calls every method,
// field and escaper of sheet.html's "main" by reflection. With the
// built-in theme its "main" is sheetMainHTML, which writes the bytes of
// the template, with the partials it calls: "act", "resources",
// "tree-sheet", "sheet-share" and "cite" here, the indicator's, the
// notes', the values' and the revision groups' in Go already; a sheet's
// results and monitoring ("sheet-cycle", on the few sheets that report
// them) by its template. themes/default/layouts/sheet.html stays the
// reference (TestBuiltinPartialsSameAsTemplates).

// sheetMainHTML renders the "main" of sheet.html for the page p.
func (r *renderer) sheetMainHTML(p *page) (template.HTML, error) {
	if p == nil || p.Sheet == nil || p.Plan == nil {
		return "", errPartialArgs("main")
	}
	w := partialWriter{w: r.words}
	if err := w.sheetMain(r, p, p.Sheet); err != nil {
		return "", err
	}
	return w.done(), nil
}

func (w *partialWriter) sheetMain(r *renderer, p *page, s *plan.Sheet) error {
	w.raw("\n<p class=\"kicker\">")
	if s.Kind.IsStrategic() {
		w.raw(string(p.LT("sheet.kicker.strategic", "obiettivo_strategico")))
	} else {
		w.raw(string(p.LT("sheet.kicker.operational", "obiettivo_operativo")))
	}
	if p.Original {
		w.raw(" – ")
		w.t("sheet.approvedVersion")
	}
	w.raw("</p>\n<h1>")
	w.code(s.Codice.S)
	w.text(p.SheetName(s))
	w.raw("</h1>")
	switch {
	case p.Original:
	case s.Removed():
		w.raw("\n<p class=\"status-line\"><span class=\"status\">")
		w.t("status.sheetRemoved")
		w.raw("</span> ")
		w.t("sheet.removedBy")
		w.raw(" ")
		w.revref(p, s.Stralcio.S)
		w.t("sheet.removedWhy")
		w.raw("</p>")
	case s.Added():
		w.raw("\n<p class=\"status-line\"><span class=\"status\">")
		w.t("status.sheetAdded")
		w.raw("</span> ")
		w.t("sheet.addedBy")
		w.raw(" ")
		w.revref(p, s.Inserito.S)
		if rev := p.Rev(s.Inserito.S); rev != nil {
			w.raw(" (")
			w.text(rev.Atto.S)
			w.raw(")")
		}
		w.raw(".</p>")
	}
	w.raw("\n")
	switch {
	case p.Original:
		w.raw(`<div class="notice" role="note"><p>`)
		w.t("sheet.original.before")
		w.raw(" <strong>")
		w.t("sheet.original.asApproved")
		w.raw("</strong> ")
		w.th("sheet.original.after", "act", p.Plan.Approvazione.Atto.S, "date", w.w.Date(p.Plan.Approvazione.Data.S))
		w.raw(` <a href="`)
		w.url(p.SheetURL(s))
		w.raw(`">`)
		w.t("sheet.original.current")
		w.raw("</a>.</p></div>\n")
	case s.Revised():
		w.raw("<div class=\"notice revised\" role=\"note\">\n")
		for i := range p.Plan.Revisioni {
			w.revisedBy(p, s, &p.Plan.Revisioni[i])
		}
		w.raw("</div>")
	}
	w.sheetData(p, s, false)
	if len(s.Target) > 0 {
		w.raw("<h2>")
		w.t("sheet.targets")
		w.raw("</h2>\n<dl class=\"targets\">")
		for _, t := range s.Target {
			w.raw("<div><dt>")
			w.th("resources.year", "year", t.Anno)
			w.raw("</dt><dd>")
			v := p.SheetVal(s, t)
			w.value(&v)
			w.raw("</dd></div>")
		}
		w.raw("</dl>")
	}
	w.raw("\n")
	w.notes(p, s.Note, nil)
	if p.SheetCycle(s) != nil { // by its template
		var b bytes.Buffer
		if err := r.tmpl[p.Kind].ExecuteTemplate(&b, "sheet-cycle", map[string]any{"P": p, "S": s}); err != nil {
			return err
		}
		w.raw(b.String())
	}
	w.raw("\n")
	if s.Kind.IsStrategic() && !p.Original {
		w.operationalOf(p, s)
	}
	w.raw("\n")
	if len(s.Indicatori) > 0 {
		w.raw("<h2>")
		w.t("sheet.indicators")
		w.raw("</h2>\n")
		for _, ind := range p.Indicators(s) {
			p.withIndicatorView(s, ind, func(v *indicatorView) { w.indicator(p, s, ind, v) })
		}
	}
	w.raw("\n")
	w.sheetShare(p, s)
	w.raw("\n<p class=\"data-links\">")
	w.t("sheet.data.label")
	w.raw(` <a href="`)
	w.url(p.SheetDataURL(s))
	w.raw(`" type="application/json">`)
	w.t("sheet.data.sheet")
	w.raw(`</a> · <a href="`)
	w.url(p.DataURL("indicatori.csv"))
	w.raw(`" type="text/csv">`)
	w.t("sheet.data.indicators")
	w.raw(`</a> · <a href="`)
	w.url(p.OpenDataURL())
	w.raw(`">`)
	w.t("sheet.data.all")
	w.raw("</a></p>\n")
	return nil
}

// code writes a code and the space after it, if there is one.
func (w *partialWriter) code(c string) {
	if c != "" {
		w.raw(`<span class="code">`)
		w.text(c)
		w.raw(`</span> `)
	}
}

// revisedBy writes, in the notice of a revised sheet, what the revision
// rev did to it, if anything.
func (w *partialWriter) revisedBy(p *page, s *plan.Sheet, rev *plan.Revision) {
	groups := p.RevisionGroups(s, rev.ID.S)
	if len(groups) == 0 {
		return
	}
	w.raw("\n<h2 class=\"notice-title\">")
	w.th("sheet.revisedOn", "on", w.w.On(rev.Data.S), "date", w.w.Date(rev.Data.S))
	w.raw("</h2>\n<p>")
	w.t("sheet.revisedWith.before")
	w.raw(" ")
	w.act(p, rev.Atto.S, rev.URL.S)
	if d := rev.Documento.S; d != "" {
		w.raw(" (")
		w.text(d)
		w.raw(")")
	}
	w.raw(`. <a href="`)
	w.url(p.RevisionsURL(rev.ID.S))
	w.raw(`">`)
	w.t("sheet.allChanges")
	w.raw("</a>")
	if !s.Added() {
		w.raw(` · <a href="`)
		w.url(p.OriginalURL(s))
		w.raw(`">`)
		w.t("sheet.approvedVersion.link")
		w.raw("</a>")
	}
	w.raw("</p>")
	if rev.ID.S == s.Inserito.S {
		w.raw("\n<p>")
		w.t("sheet.addedWhy")
		w.raw(" ")
		w.inline(rev.Motivo.S)
		w.raw("</p>")
	}
	w.raw("\n")
	for i := range groups {
		w.group(p, rev, 3, &groups[i])
	}
	w.raw("\n")
}

// act is the "act" partial: the act's text, linked when its address is
// one a page may link.
func (w *partialWriter) act(p *page, text, u string) {
	if u := p.SafeURL(u); u != "" {
		w.raw(`<a href="`)
		w.url(u)
		w.raw(`" class="external">`)
		w.text(text)
		w.raw(`</a>`)
		return
	}
	w.text(text)
}

// row writes the start of a row of the sheet's table, up to its cell.
func (w *partialWriter) row(label func()) {
	w.raw(`<tr><th scope="row">`)
	label()
	w.raw(`</th><td>`)
}

// link writes a link to u of text.
func (w *partialWriter) link(u, text string) {
	w.raw(`<a href="`)
	w.url(u)
	w.raw(`">`)
	w.text(text)
	w.raw(`</a>`)
}

// sheetData writes the table of a sheet's data, its body and the table
// of its resources: on its page (full false) as sheet.html does, on the
// whole plan's (full) as fullplan.html's "fullsheet" does (sheetFields).
func (w *partialWriter) sheetData(p *page, s *plan.Sheet, full bool) {
	w.raw("\n<table class=\"fields\">\n<caption>")
	w.t("sheet.data")
	w.raw("</caption>\n<tbody>\n")
	w.sheetFields(p, s, full)
	w.raw("</tbody>\n</table>\n")
	if s.Body != "" {
		w.raw(`<div class="body prose">`)
		w.raw(string(p.SheetBody(s)))
		w.raw(`</div>`)
	}
	w.raw("\n")
	caption := ""
	if full {
		caption = p.SheetName(s)
	}
	w.resources(p, s, caption)
	w.raw("\n")
}

// sheetFields writes the rows of the table of the sheet's data: on its
// page (full false) with the links of its area, unit, line, objectives
// and responsible, and its values' footnotes linked; on the whole plan's
// page (full) as plain text, as fullplan.html's "fullsheet" writes them.
func (w *partialWriter) sheetFields(p *page, s *plan.Sheet, full bool) {
	linked := func(u func() string, text string) {
		if full {
			w.text(text)
		} else {
			w.link(u(), text)
		}
	}
	if s.Kind.IsStrategic() {
		if len(s.Missioni) > 0 {
			w.row(func() {
				if len(s.Missioni) > 1 {
					w.t("sheet.missions")
				} else {
					w.t("sheet.mission")
				}
			})
			for i, m := range s.Missioni {
				if i > 0 {
					w.raw("<br>")
				}
				w.text(m.Codice.S)
				w.raw(" - ")
				w.text(m.Nome.S)
			}
			w.raw("</td></tr>")
		}
		w.raw("\n")
		if pr := s.Programma; pr != nil {
			w.row(func() { w.t("sheet.programme") })
			w.text(pr.Codice.S)
			w.raw(" - ")
			w.text(pr.Nome.S)
			w.raw("</td></tr>")
		}
		w.raw("\n")
	} else {
		if a := p.AreaOf(s); a != nil {
			w.row(func() { w.text(p.LevelName("area")) })
			linked(func() string { return p.AreaURL(a.Key()) }, a.Nome.S)
			w.raw("</td></tr>\n")
		}
		if u := p.UnitOf(s); u != nil {
			w.row(func() { w.text(p.LevelName("unita")) })
			linked(func() string { return p.UnitURL(u.Key()) }, u.Nome.S)
			w.raw("</td></tr>")
		}
	}
	w.raw("\n")
	if l := p.LineOf(s); l != nil {
		w.row(func() { w.text(p.LevelName("linea")) })
		linked(func() string { return p.LineURL(l.Key()) }, p.RefName(l.Ref))
		w.raw("</td></tr>")
	}
	w.raw("\n")
	if len(s.Obiettivi) > 0 {
		w.row(func() {
			if len(s.Obiettivi) > 1 {
				w.text(p.LevelNames("obiettivo_strategico"))
			} else {
				w.text(p.LevelName("obiettivo_strategico"))
			}
		})
		for i, o := range s.Obiettivi {
			if i > 0 {
				w.raw("<br>")
			}
			obj := p.Objective(o.S)
			if obj == nil {
				continue
			}
			u := ""
			if !full {
				u = p.ObjectiveURL(o.S)
			}
			if u != "" {
				w.link(u, p.RefName(obj.Ref))
			} else {
				w.text(p.RefName(obj.Ref))
			}
		}
		w.raw("</td></tr>")
	}
	if who := s.Responsabile.S; who != "" {
		w.raw("\n")
		w.row(func() { w.t("sheet.responsible") })
		if full {
			w.inline(who)
		} else {
			w.link(p.ResponsibleURL(who), w.w.inline.Plain(who))
		}
		w.raw("</td></tr>")
	}
	w.raw("\n")
	valueRow := func(label func(), v plan.Value) {
		w.row(label)
		vv := p.SheetVal(s, v)
		if full {
			vv = p.Val(v)
		}
		w.value(&vv)
		w.raw("</td></tr>")
	}
	if s.Kind.IsOperational() {
		valueRow(func() { w.text(p.LevelName("obiettivo_operativo")) }, s.Obiettivo)
	}
	w.raw("\n")
	if s.Descrizione.S != "" {
		valueRow(func() { w.t("field.sheet.descrizione") }, s.Descrizione)
	}
	w.raw("\n")
	if s.RisultatoAtteso.S != "" || s.RisultatoAtteso.Revised() {
		valueRow(func() { w.t("field.sheet.risultato_atteso") }, s.RisultatoAtteso)
	}
	w.raw("\n")
	if p.Plan.Weighted() {
		valueRow(func() {
			w.t("field.sheet.peso")
			switch {
			case p.Plan.Coefficients():
				w.raw(" ")
				w.t("sheet.weight.coefficient")
			case s.Kind.IsStrategic():
				w.raw(" ")
				w.t("sheet.weight.strategic")
			default:
				w.raw(" ")
				w.t("sheet.weight.operational")
			}
		}, s.Peso)
	}
	w.raw("\n")
}

// resources is the "resources" partial: the table of a sheet's
// resources, the sheet's name after its caption when caption is not "".
func (w *partialWriter) resources(p *page, s *plan.Sheet, caption string) {
	if len(s.Risorse) == 0 {
		return
	}
	w.yearsTable(s.Risorse, func() {
		w.t("resources.caption")
		if caption != "" {
			w.raw(" – ")
			w.text(caption)
		}
	}, func(v plan.Value) valueView { return p.SheetVal(s, v) })
}

// yearsTable writes a table of values by year (a sheet's resources, or
// its targets on the whole plan's page): its caption, a column a year,
// each value as val prepares it.
func (w *partialWriter) yearsTable(values []plan.Value, caption func(), val func(plan.Value) valueView) {
	w.raw("<table class=\"resources\">\n<caption>")
	caption()
	w.raw("</caption>\n<thead><tr>")
	for _, v := range values {
		w.raw(`<th scope="col">`)
		w.th("resources.year", "year", v.Anno)
		w.raw(`</th>`)
	}
	w.raw("</tr></thead>\n<tbody><tr>")
	for _, v := range values {
		w.raw(`<td>`)
		vv := val(v)
		w.value(&vv)
		w.raw(`</td>`)
	}
	w.raw("</tr></tbody>\n</table>")
}

// operationalOf writes, on a strategic sheet's page, the operational
// sheets that pursue its objectives.
func (w *partialWriter) operationalOf(p *page, s *plan.Sheet) {
	list := p.OperationalOfSheet(s)
	if len(list) == 0 {
		return
	}
	w.raw("<h2>")
	w.text(p.LevelNames("obiettivo_operativo"))
	w.raw("</h2>\n<ul class=\"objectives\">")
	for _, o := range list {
		w.raw("<li>")
		if obj := o.Objective; obj != nil {
			w.code(obj.Codice.S)
			w.text(obj.Nome.S)
		}
		w.raw("\n<ul>")
		for _, sh := range o.Sheets {
			w.raw("<li>")
			w.treeSheet(p, sh)
			w.raw("</li>")
		}
		w.raw("</ul></li>\n")
	}
	w.raw("</ul>")
}

// treeSheet is the "tree-sheet" partial: a sheet's link and its unit's.
func (w *partialWriter) treeSheet(p *page, s *plan.Sheet) {
	w.sheetlink(p, s)
	if u := p.UnitOf(s); u != nil {
		w.raw(" — ")
		w.link(p.UnitURL(u.Key()), u.Nome.S)
	}
}

// sheetShare is the "sheet-share" partial, with the "cite" it calls.
func (w *partialWriter) sheetShare(p *page, s *plan.Sheet) {
	name := p.SheetName(s)
	w.raw("<div class=\"share-box\">\n<p>")
	w.copylink("contenuto", true, name, true)
	w.raw("</p>\n")
	c := p.Cite()
	w.raw(`<p class="cite"><strong>`)
	w.t("share.cite")
	w.raw("</strong> ")
	w.text(c.Ente)
	w.raw(", ")
	w.text(c.Plan)
	w.raw(", ")
	w.text(w.w.inSentence(p.SheetKindName(s)))
	w.raw(" ")
	w.t("quote.open")
	w.text(name)
	w.t("quote.close")
	w.raw(", ")
	w.text(c.Version)
	w.raw(`, <span class="cite-url"`)
	if !c.Absolute {
		w.raw(` data-path="`)
		w.text(c.URL)
		w.raw(`"`)
	}
	w.raw(">")
	w.text(c.URL)
	w.raw("</span>.</p>\n</div>")
}

// sheetKindPartials are the definitions of the sheet's page the built-in
// theme renders in Go.
const sheetKindPartials = `{{define "main"}}{{sheetMainHTML .}}{{end}}`

// The frame of every page in Go: with the built-in theme, a page is not
// rendered through base.html's "base" and its "head-meta" (_share.html)
// but by basePage, which writes their bytes around the page's "main":
// the sheet's in Go (sheetMain), the other kinds' by their template. The
// header and footer are the frame's (frame.go), rendered once by their
// templates for every page that shows the same. themes/default stays the
// reference (TestBuiltinPartialsSameAsTemplates).

// basePage writes the page pg into buf as base.html does.
func (r *renderer) basePage(pg *page, buf io.Writer) error {
	w := partialWriter{w: r.words}
	defer w.b.release()
	c := pg.Chrome()
	w.raw("<!DOCTYPE html>\n<html lang=\"")
	w.text(c.Lang)
	w.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">\n" +
		"<meta name=\"generator\" content=\"piao\">\n<title>")
	w.text(pg.Title)
	if pg.Kind != "home" && pg.Kind != "languages" {
		w.raw(" - ")
		w.text(c.Ente)
	}
	w.raw("</title>\n<link rel=\"icon\" href=\"")
	w.url(c.Favicon)
	w.raw("\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"")
	w.url(c.CSS)
	w.raw("\">\n")
	if c.Feed != "" {
		w.raw(`<link rel="alternate" type="application/atom+xml" title="`)
		w.attrT("feed.link")
		w.raw(`" href="`)
		w.url(c.Feed)
		w.raw(`">`)
	}
	for _, a := range c.Alternates {
		w.raw("\n<link rel=\"alternate\" hreflang=\"")
		w.text(a.Lang)
		w.raw(`" href="`)
		w.url(a.URL)
		w.raw(`">`)
	}
	w.raw("\n")
	w.headMeta(pg)
	w.raw("\n</head>\n<body>\n")
	if err := w.frame(r, "header", pg); err != nil {
		return err
	}
	w.raw("\n")
	if crumbs := pg.Crumbs(); len(crumbs) > 0 {
		w.raw(`<nav class="crumbs" aria-label="`)
		w.attrT("crumbs.label")
		w.raw("\"><div class=\"wrap\"><ol>\n")
		for _, cr := range crumbs {
			w.raw("<li>")
			if cr.URL != "" {
				w.link(cr.URL, cr.Title)
			} else {
				w.raw(`<span aria-current="page">`)
				w.text(cr.Title)
				w.raw(`</span>`)
			}
			w.raw("</li>\n")
		}
		w.raw("</ol></div></nav>")
	}
	w.raw("\n<main id=\"contenuto\" class=\"wrap\" tabindex=\"-1\">")
	w.raw(string(c.Untranslated))
	w.raw("\n")
	if pg.Kind == "sheet" {
		if pg.Sheet == nil || pg.Plan == nil {
			return errPartialArgs("main")
		}
		if err := w.sheetMain(r, pg, pg.Sheet); err != nil {
			return err
		}
	} else {
		buf.Write(w.b.Bytes())
		w.b.Reset()
		if err := r.tmpl[pg.Kind].ExecuteTemplate(buf, mainOf(pg.Kind), pg); err != nil {
			return err
		}
	}
	w.raw("\n")
	if pg.Published != "" {
		w.raw(`<p class="dates">`)
		w.t("dates.published")
		w.raw(" ")
		w.text(w.w.On(pg.Published))
		w.raw(` <time datetime="`)
		w.text(pg.Published)
		w.raw(`">`)
		w.text(w.w.Date(pg.Published))
		w.raw(`</time>`)
		if pg.Updated != "" {
			w.raw(" · ")
			w.t("dates.updated")
			w.raw(` <time datetime="`)
			w.text(pg.Updated)
			w.raw(`">`)
			w.text(w.w.Date(pg.Updated))
			w.raw(`</time>`)
		}
		w.raw(`</p>`)
	}
	w.raw("\n</main>\n")
	if err := w.frame(r, "footer", pg); err != nil {
		return err
	}
	w.raw("\n</body>\n</html>\n")
	buf.Write(w.b.Bytes())
	return nil
}

// frame writes the page's header or footer (frame.go).
func (w *partialWriter) frame(r *renderer, name string, pg *page) error {
	html, err := r.frame(name, pg)
	w.raw(string(html))
	return err
}

// headMeta is the "head-meta" partial of _share.html.
func (w *partialWriter) headMeta(pg *page) {
	s := pg.Share()
	meta := func(open, content string) {
		w.raw(open)
		w.text(content)
		w.raw("\">\n")
	}
	meta(`<meta name="description" content="`, s.Description)
	meta(`<meta property="og:type" content="`, s.Type)
	meta(`<meta property="og:title" content="`, s.Title)
	meta(`<meta property="og:description" content="`, s.Description)
	meta(`<meta property="og:site_name" content="`, s.SiteName)
	meta(`<meta property="og:locale" content="`, s.Locale)
	if s.URL != "" {
		meta(`<meta property="og:url" content="`, s.URL)
		w.raw(`<link rel="canonical" href="`)
		w.url(s.URL)
		w.raw("\">\n")
	}
	if s.Image != "" {
		meta(`<meta property="og:image" content="`, s.Image)
		meta(`<meta property="og:image:alt" content="`, s.ImageAlt)
		w.raw("<meta name=\"twitter:card\" content=\"summary_large_image\">\n")
	} else {
		w.raw("<meta name=\"twitter:card\" content=\"summary\">\n")
	}
	if pg.IsFull() {
		w.raw(`<link rel="stylesheet" href="`)
		w.url(pg.FullPlanCSS())
		w.raw("\">\n")
	}
	w.raw(`<script src="`)
	w.url(pg.Asset("js/piao.js"))
	w.raw("\" defer></script>\n")
}
