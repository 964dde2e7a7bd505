package builder

import (
	"html/template"
	"iter"
	"strconv"

	"github.com/piao-pa/piao/builder/plan"
)

// The partials of the indexes written in Go, as builtin_partials.go does
// for "value" and "revgroups": an index page (listing.html) lists its
// groups and indicators through "lbody" and "ltitle", which call
// "sheetlink" and "badges"; at 10,000 sheets the indexes are 209 pages
// and 35 MB of HTML, a quarter of the time spent rendering. The pages of
// units, areas and lines, the revisions and the tree of a plan call
// "sheetlink" and "badges" too, and get the Go rendering. The layouts in
// themes/default stay the reference (TestBuiltinPartialsSameAsTemplates).

// builtinSharedListingPartials replace partials of _partials.html, for
// every kind of page.
const builtinSharedListingPartials = `{{define "sheetlink"}}{{sheetlinkHTML .}}{{end}}` +
	`{{define "badges"}}{{badgesHTML .}}{{end}}`

// builtinKindPartials replace partials a kind's own layout defines: they
// are parsed after it.
var builtinKindPartials = map[string]string{
	"listing":   `{{define "lbody"}}{{range lbodyHTML .}}{{.}}{{end}}{{end}}{{define "ltitle"}}{{ltitleHTML .}}{{end}}`,
	"sheet":     sheetKindPartials,
	"unit":      `{{define "unitrows"}}{{range unitrowsHTML .}}{{.}}{{end}}{{end}}`,
	"revision":  `{{define "changerows"}}{{range changerowsHTML .}}{{.}}{{end}}{{end}}`,
	"revisions": `{{define "revchanges"}}{{range revchangesHTML .}}{{.}}{{end}}{{end}}`,
	"fullplan":  fullplanKindPartials,
	"area":      `{{define "areaunits"}}{{areaunitsHTML .}}{{end}}`,
	"line":      `{{define "linesheets"}}{{linesheetsHTML .}}{{end}}`,
	"opendata":  `{{define "downloadrows"}}{{range downloadrowsHTML .}}{{.}}{{end}}{{end}}`,
}

// listingFuncs are the template functions of builtinSharedListingPartials
// and builtinKindPartials (the sheet's main: builtin_sheet.go).
func (r *renderer) listingFuncs() template.FuncMap {
	return template.FuncMap{"sheetlinkHTML": r.sheetlinkHTML, "badgesHTML": r.badgesHTML,
		"lbodyHTML": r.lbodyHTML, "ltitleHTML": r.ltitleHTML, "sheetMainHTML": r.sheetMainHTML,
		"unitrowsHTML": r.unitrowsHTML, "changerowsHTML": r.changerowsHTML, "revchangesHTML": r.revchangesHTML,
		"areaunitsHTML": r.areaunitsHTML, "linesheetsHTML": r.linesheetsHTML, "downloadrowsHTML": r.downloadrowsHTML}
}

// areaunitsHTML renders the "areaunits" partial of area.html, called with
// the area's page: its units, each with its sheets (at 10,000 sheets, a
// few pages of thousands of sheets each, which the template listed
// calling "sheetlink" and "value" by reflection for each).
func (r *renderer) areaunitsHTML(p *page) (template.HTML, error) {
	if p == nil || p.Area == nil || p.Plan == nil {
		return "", errPartialArgs("areaunits")
	}
	w := partialWriter{w: r.words}
	w.raw(`<ul class="units">`)
	for _, u := range p.Area.Unita {
		w.raw(`<li><a href="`)
		w.url(p.UnitURL(u.Key()))
		w.raw(`">`)
		w.text(u.Nome.S)
		w.raw("</a>\n")
		if list := p.UnitSheets(u.Key()); len(list) > 0 {
			w.raw(`<ul>`)
			for _, s := range list {
				w.raw(`<li>`)
				w.sheetlink(p, s)
				if p.Plan.Weighted() {
					w.raw(` – `)
					w.t("list.weight")
					w.raw(` `)
					v := p.SheetVal(s, s.Peso)
					w.value(&v)
				}
				w.raw(`</li>`)
			}
			w.raw(`</ul>`)
		} else {
			w.raw(`<p>`)
			w.raw(string(p.LT("area.none", "obiettivo_operativo")))
			w.raw(`</p>`)
		}
		w.raw("</li>\n")
	}
	w.raw(`</ul>`)
	return w.done(), nil
}

// linesheetsHTML renders the "linesheets" partial of line.html, called
// with the dict P (the line's page) and Sheets: the operational sheets of
// a line or of one of its objectives, each with its unit.
func (r *renderer) linesheetsHTML(args map[string]any) (template.HTML, error) {
	p, ok1 := args["P"].(*page)
	list, ok2 := args["Sheets"].([]*plan.Sheet)
	if !ok1 || !ok2 || p == nil {
		return "", errPartialArgs("linesheets")
	}
	w := partialWriter{w: r.words}
	w.raw(`<ul>`)
	for _, s := range list {
		w.raw(`<li>`)
		w.treeSheet(p, s)
		w.raw(`</li>`)
	}
	w.raw(`</ul>`)
	return w.done(), nil
}

// downloadrowsHTML renders the "downloadrows" partial of opendata.html,
// called with the dict P (the Dati aperti page) and List: a row for each
// file (at 10,000 sheets, a row for each sheet's JSON: 1.9 MB, rendered
// again by every build that changes a sheet, since it shows the sizes).
func (r *renderer) downloadrowsHTML(args map[string]any) (iter.Seq[template.HTML], error) {
	p, ok1 := args["P"].(*page)
	list, ok2 := args["List"].([]download)
	if !ok1 || !ok2 || p == nil {
		return nil, errPartialArgs("downloadrows")
	}
	return r.chunked(func(w *partialWriter) {
		for i := range list {
			d := &list[i]
			w.raw(`<tr><td><a href="`)
			w.url(p.Rel(d.Path))
			w.raw(`">`)
			w.text(d.Title)
			w.raw(`</a></td><td>`)
			w.text(d.Format)
			w.raw(`</td><td>`)
			w.text(r.words.Size(d.Size))
			w.raw("</td></tr>\n")
			w.cutHere()
		}
	}), nil
}

// sheetlinkHTML renders the "sheetlink" partial, called with the dict P
// (the page) and S (the sheet).
func (r *renderer) sheetlinkHTML(args map[string]any) (template.HTML, error) {
	p, ok1 := args["P"].(*page)
	s, ok2 := args["S"].(*plan.Sheet)
	if !ok1 || !ok2 || p == nil || s == nil {
		return "", errPartialArgs("sheetlink")
	}
	w := partialWriter{w: r.words}
	w.sheetlink(p, s)
	return w.done(), nil
}

// badgesHTML renders the "badges" partial, called with a list of badges.
func (r *renderer) badgesHTML(list []badgeView) template.HTML {
	w := partialWriter{w: r.words}
	w.badges(list)
	return w.done()
}

// listGroupArgs reads the P and G of a listing partial's dict; G may be
// nil (the partial then writes nothing).
func listGroupArgs(args map[string]any) (*page, *listGroup, bool) {
	p, ok1 := args["P"].(*page)
	g, ok2 := args["G"].(*listGroup)
	return p, g, ok1 && ok2 && p != nil
}

// lbodyHTML renders the "lbody" partial, called with the dict P and G
// (the group).
func (r *renderer) lbodyHTML(args map[string]any) (iter.Seq[template.HTML], error) {
	p, g, ok := listGroupArgs(args)
	if !ok {
		return nil, errPartialArgs("lbody")
	}
	return r.chunked(func(w *partialWriter) { w.lbody(p, g) }), nil
}

// ltitleHTML renders the "ltitle" partial, called with the dict P and G.
func (r *renderer) ltitleHTML(args map[string]any) (template.HTML, error) {
	p, g, ok := listGroupArgs(args)
	if !ok {
		return "", errPartialArgs("ltitle")
	}
	w := partialWriter{w: r.words}
	w.ltitle(p, g)
	return w.done(), nil
}

func (w *partialWriter) sheetlink(p *page, s *plan.Sheet) {
	w.raw(`<a href="`)
	w.url(p.SheetURL(s))
	w.raw(`">`)
	if c := s.Codice.S; c != "" {
		w.raw(`<span class="code">`)
		w.text(c)
		w.raw(`</span> `)
	}
	w.text(p.SheetName(s))
	w.raw(`</a>`)
	w.badges(p.Badges(s))
}

func (w *partialWriter) badges(list []badgeView) {
	for _, b := range list {
		if b.State {
			w.raw(` <span class="status">`)
		} else {
			w.raw(` <span class="badge">`)
		}
		w.text(b.Label)
		w.raw(`</span>`)
	}
}

func (w *partialWriter) ltitle(p *page, g *listGroup) {
	switch {
	case g == nil:
	case g.Sheet != nil:
		w.sheetlink(p, g.Sheet)
	case g.Link() != "":
		w.raw(`<a href="`)
		w.url(p.Rel(g.Link()))
		w.raw(`">`)
		w.text(g.Title)
		w.raw(`</a>`)
	default:
		w.text(g.Title)
	}
}

// indexNote writes what an index says beside a group or an indicator.
func (w *partialWriter) indexNote(note string) {
	if note != "" {
		w.raw(` <span class="index-note">– `)
		w.text(note)
		w.raw(`</span>`)
	}
}

func (w *partialWriter) lbody(p *page, g *listGroup) {
	if g == nil {
		return
	}
	items := g.Items()
	if len(g.Groups) == 0 && len(items) == 0 {
		if g.Sheet == nil {
			w.raw(`<p class="index-note">`)
			w.t("listing.noSheets")
			w.raw(`</p>`)
		}
		return
	}
	w.raw("<ul class=\"index-list\">\n")
	for _, sub := range g.Groups {
		w.raw(`<li>`)
		w.ltitle(p, sub)
		w.raw(` <span class="count">(`)
		w.text(sub.Label())
		w.raw(`)</span>`)
		w.indexNote(sub.Note())
		w.raw("\n")
		w.lbody(p, sub)
		w.raw("</li>\n")
		w.cutHere()
	}
	for i := range items {
		it := &items[i]
		switch {
		case it.Ind.Removed():
			w.raw(`<li class="removed">`)
		case it.Ind.Added():
			w.raw(`<li class="added">`)
		default:
			w.raw(`<li>`)
		}
		w.raw(`<a href="`)
		w.url(p.IndicatorURL(it.Sheet, it.Ind))
		w.raw(`">`)
		w.text(w.w.inline.Plain(it.Ind.Descrizione.S))
		w.raw(`</a>`)
		w.badges(it.Badges)
		if it.SheetName != "" {
			w.raw(` <span class="index-sheet">– `)
			w.t("listing.sheet")
			w.raw(" ")
			w.t("quote.open")
			w.text(it.SheetName)
			w.t("quote.close")
			w.raw(`</span>`)
		}
		w.indexNote(it.Note)
		w.raw("</li>\n")
		w.cutHere()
	}
	w.raw("</ul>")
}

// unitrowsHTML renders the "unitrows" partial of unit.html, called with
// the dict P (the page) and Sheets (the unit's sheets): a unit of a large
// plan lists hundreds of sheets and their indicators.
func (r *renderer) unitrowsHTML(args map[string]any) (iter.Seq[template.HTML], error) {
	p, ok1 := args["P"].(*page)
	sheets, ok2 := args["Sheets"].([]*plan.Sheet)
	if !ok1 || !ok2 || p == nil {
		return nil, errPartialArgs("unitrows")
	}
	return r.chunked(func(w *partialWriter) {
		for _, s := range sheets {
			w.unitrow(p, s)
			w.cutHere()
		}
	}), nil
}

func (w *partialWriter) unitrow(p *page, s *plan.Sheet) {
	weighted := p.Plan.Weighted()
	w.raw(`<tr><td data-label="`)
	w.text(p.LevelName("obiettivo_operativo"))
	w.raw(`">`)
	w.sheetlink(p, s)
	w.raw(`</td>`)
	if weighted {
		w.raw(`<td data-label="`)
		w.attrT("unit.weight")
		w.raw(`">`)
		v := p.SheetVal(s, s.Peso)
		w.value(&v)
		w.raw(`</td>`)
	}
	if p.Plan.HasLines() {
		w.raw(`<td data-label="`)
		w.text(p.LevelName("linea"))
		w.raw(`">`)
		if l := p.LineOf(s); l != nil {
			w.link(p.LineURL(l.Key()), p.RefName(l.Ref))
		}
		w.raw(`</td>`)
	}
	w.raw("\n<td data-label=\"")
	w.attrT("sheet.indicators")
	w.raw(`"><ul>`)
	for _, ind := range s.Indicators() {
		switch {
		case ind.Removed():
			w.raw(`<li class="removed">`)
		case ind.Added():
			w.raw(`<li class="added">`)
		default:
			w.raw(`<li>`)
		}
		w.raw(`<a href="`)
		w.url(p.IndicatorURL(s, ind))
		w.raw(`">`)
		w.text(w.w.inline.Plain(ind.Descrizione.S))
		w.raw(`</a>`)
		w.badges(p.IndicatorBadges(s, ind))
		if weighted && ind.Peso.S != "" {
			w.raw(" – ")
			w.t("list.weight")
			w.raw(" ")
			v := p.Val(ind.Peso)
			w.value(&v)
		}
		w.raw(`</li>`)
	}
	w.raw("</ul></td></tr>\n")
}

// changerowsHTML renders the "changerows" partial of revision.html, called
// with the rows of the table of a revision's changes: one a change, 7,500
// in a revision of a plan of 10,000 sheets.
func (r *renderer) changerowsHTML(rows []changeRow) iter.Seq[template.HTML] {
	return r.chunked(func(w *partialWriter) {
		for i := range rows {
			w.changeRow(&rows[i])
			w.cutHere()
		}
	})
}

func (w *partialWriter) changeRow(c *changeRow) {
	cell := func(key string) {
		w.raw(`<td data-label="`)
		w.attrT(key)
		w.raw(`">`)
	}
	w.raw(`<tr><th scope="row">`)
	w.link(c.SheetURL, c.Sheet)
	w.raw(`</th><td data-label="`)
	w.attrT("summary.col.indicator")
	w.raw(`" data-sort="`)
	w.raw(strconv.Itoa(c.Indicator))
	w.raw(`">`)
	if c.Indicator != 0 {
		w.link(c.IndURL, strconv.Itoa(c.Indicator))
	}
	w.raw(`</td>`)
	cell("summary.col.what")
	w.text(c.What)
	w.raw(`</td>`)
	cell("summary.col.field")
	w.text(c.Field)
	w.raw(`</td>`)
	cell("summary.col.before")
	if c.Old != "" {
		w.raw(`<del>`)
		w.valueText(c.Old)
		w.raw(`</del>`)
	}
	w.raw(`</td>`)
	cell("summary.col.after")
	if c.New != "" {
		w.raw(`<ins>`)
		w.valueText(c.New)
		w.raw(`</ins>`)
	}
	w.raw(`</td>`)
	cell("summary.col.move")
	w.text(c.Move)
	w.raw("</td></tr>\n")
}

// revchangesHTML renders the "revchanges" partial of revisions.html,
// called with the dict P (the page) and Rev (the revision): what it did,
// sheet by sheet (chunked).
func (r *renderer) revchangesHTML(args map[string]any) (iter.Seq[template.HTML], error) {
	p, ok := args["P"].(*page)
	rev := revisionArg(args["Rev"])
	if !ok || p == nil || rev == nil {
		return nil, errPartialArgs("revchanges")
	}
	return r.chunked(func(w *partialWriter) {
		p.eachChange(rev.ID.S, func(c changeView) {
			w.raw("\n<h3>")
			w.link(p.SheetURL(c.Sheet), p.SheetName(c.Sheet))
			w.raw("</h3>\n")
			for i := range c.Groups {
				w.group(p, rev, 4, &c.Groups[i])
			}
			w.raw("\n")
			w.cutHere()
		})
	}), nil
}
