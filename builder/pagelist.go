package builder

import "github.com/piao-pa/piao/builder/plan"

// This file lists the pages of the site: which pages exist, their output
// paths, titles, breadcrumbs and dates. Render renders them, and check
// reads the same list to find two sources that would write one page.

// pagesOf lists every page of the site, with its path, title, breadcrumb
// and dates, in the words w.
func pagesOf(model *plan.Site, w *words) []*page { return listPages(model, w, true) }

// listPages is pagesOf; without indexes, it leaves out the pages of the
// plans' indexes, which are most of its work: they live in a folder of
// their own (indici/) under names made from slugs, and so can neither
// collide with another page nor leave the output folder.
//
// With nil words, the pages have their paths and no titles: what check
// needs.
func listPages(model *plan.Site, w *words, indexes bool) []*page {
	cfg := &model.Config
	var out []*page
	home := &page{Kind: "home", Path: homePath(), Title: cfg.Ente.Nome.S}
	if len(model.Plans) > 0 {
		home.Plan = model.Plans[0]
		home.Published, home.Updated = home.Plan.Published(), home.Plan.Updated()
	}
	out = append(out, home)
	// The trail above the plans, as ANAC's checker expects it.
	var trail []crumb
	for i, l := range cfg.Percorso {
		pg := &page{Kind: "section", Level: i, Title: l.Titolo.S, Path: sectionPath(cfg.Percorso, i)}
		pg.trail = append(withHome(w, trail), crumb{Title: l.Titolo.S})
		if len(model.Plans) > 0 {
			pg.Published, pg.Updated = oldestPublished(model.Plans), model.Plans[0].Updated()
		}
		if l.URL.S == "" {
			out = append(out, pg)
		}
		trail = append(trail, crumb{Title: l.Titolo.S, URL: sectionPath(cfg.Percorso, i)})
	}
	for _, p := range model.Plans {
		out = append(out, planPages(p, w, trail, indexes)...)
		if len(cfg.Glossario) > 0 || len(p.Glossario) > 0 {
			pg := &page{Kind: "glossary", Path: glossaryPath(p), Plan: p, Title: w.T("glossary.title"),
				Published: p.Published(), Updated: p.Updated()}
			pg.trail = append(withHome(w, trail), crumb{Title: p.Titolo.S, URL: planPath(p)}, crumb{Title: pg.Title})
			out = append(out, pg)
		}
	}
	out = append(out, reportPages(model, w, trail)...)
	for _, pg := range []*page{{Kind: "opendata", Path: openDataPath(), Title: w.T("opendata.title")},
		{Kind: "archive", Path: archivePath(), Title: w.T("archive.title")}} {
		pg.trail = withHome(w, []crumb{{Title: pg.Title}})
		pg.Published, pg.Updated = home.Published, home.Updated
		out = append(out, pg)
	}
	out = append(out, searchPage(model, w))
	return out
}

func oldestPublished(plans []*plan.Plan) string {
	d := plans[0].Published()
	for _, p := range plans {
		if plan.DateBefore(p.Published(), d) {
			d = p.Published()
		}
	}
	return d
}

// withHome prefixes a trail with the home page.
func withHome(w *words, trail []crumb) []crumb {
	return append([]crumb{{Title: w.T("crumbs.home"), URL: homePath()}}, trail...)
}

// resolveCrumbs turns the output paths of a page's trail into links
// relative to it, and levels that the config sends elsewhere into their
// URL. The trail's paths are in the page's language's folder, prefix.
func resolveCrumbs(pg *page, levels []plan.Link, prefix string) []crumb {
	steps := pg.steps()
	out := make([]crumb, len(steps))
	for i, c := range steps {
		out[i] = c
		if c.URL == "" {
			continue
		}
		external := ""
		for _, l := range levels {
			if l.Titolo.S == c.Title && l.URL.S != "" {
				external = l.URL.S
			}
		}
		if external != "" {
			out[i].URL = external
		} else {
			out[i].URL = relURL(pg.Path, prefix+c.URL)
		}
	}
	return out
}

func planPages(p *plan.Plan, w *words, trail []crumb, indexes bool) []*page {
	var out []*page
	planCrumbs := append(withHome(w, trail), crumb{Title: p.Titolo.S, URL: planPath(p)})
	add := func(pg *page, title string) {
		pg.Plan = p
		pg.Title = title
		if pg.Published == "" {
			pg.Published, pg.Updated = p.Published(), p.Updated()
		}
		// The plan's trail, shared by its pages (tens of thousands on a
		// large plan), and the page's title after it (page.steps).
		pg.trail, pg.titled = planCrumbs[:len(planCrumbs):len(planCrumbs)], true
		out = append(out, pg)
	}
	var indexed []*page
	done := make(chan struct{})
	if indexes { // most of the work, beside the rest
		go func() {
			indexed = indexPages(p, w, planCrumbs)
			close(done)
		}()
	}
	pp := &page{Kind: "plan", Path: planPath(p), Plan: p, Title: p.Titolo.S,
		Published: p.Published(), Updated: p.Updated()}
	pp.trail = append(append([]crumb(nil), planCrumbs[:len(planCrumbs)-1]...), crumb{Title: p.Titolo.S})
	out = append(out, pp)
	if len(p.Revisioni) > 0 {
		add(&page{Kind: "revisions", Path: revisionsPath(p)}, w.T("revisions.title"))
		for i := range p.Revisioni {
			r := &p.Revisioni[i]
			pg := &page{Kind: "revision", Path: revisionPath(p, r), Revision: r, Published: r.Data.S, Updated: r.Data.S}
			add(pg, w.T("revisions.of", "date", w.Date(r.Data.S)))
			pg.trail, pg.titled = appendCrumbs(planCrumbs, crumb{Title: w.T("revisions.title"), URL: revisionsPath(p)}, crumb{Title: pg.Title}), false
		}
	}
	for _, sec := range p.Sezioni {
		published, updated := sectionDates(p, sec)
		add(&page{Kind: "narrative", Path: narrativePath(sec), Section: sec, Published: published, Updated: updated}, sec.Titolo.S)
	}
	for _, pg := range fullPlanPages(p, w) {
		add(pg, pg.Title)
		if pg.Part > 0 {
			pg.trail, pg.titled = appendCrumbs(planCrumbs, crumb{Title: w.T("fullplan.title"), URL: fullPlanPath(p)}, crumb{Title: pg.Title}), false
		}
	}
	type sheetPage struct { // a sheet's pages, made on every core and listed in order
		pg, original         *page
		title, originalTitle string
	}
	sheets := p.Sheets()
	made := make([]sheetPage, len(sheets))
	parallelFor(len(sheets), func(i int) {
		s := sheets[i]
		upd := sheetUpdated(p, s)
		title := sheetTitle(w, s)
		published := p.Published()
		if r := p.Revision(s.Inserito.S); r != nil {
			published = r.Data.S // a sheet a revision added is published with it
		}
		made[i].pg, made[i].title = &page{Kind: "sheet", Path: sheetPath(s), Sheet: s, Published: published, Updated: upd}, title
		if s.Revised() && !s.Added() { // a sheet a revision added was never approved as it is
			made[i].original = &page{Kind: "sheet", Path: originalPath(s), Sheet: s, Original: true,
				Published: p.Published(), Updated: p.Published()}
			made[i].originalTitle = w.T("page.sheet.original", "title", title)
		}
	})
	for _, m := range made {
		add(m.pg, m.title)
		if m.original != nil {
			add(m.original, m.originalTitle)
		}
	}
	for i := range p.Aree {
		a := &p.Aree[i]
		add(&page{Kind: "area", Path: areaPath(p, a.Key()), Area: a}, a.Nome.S)
		for j := range a.Unita {
			u := &a.Unita[j]
			add(&page{Kind: "unit", Path: unitPath(p, u.Key()), Unit: u, Area: a}, u.Nome.S)
		}
	}
	for i := range p.Unita { // units outside any area
		u := &p.Unita[i]
		add(&page{Kind: "unit", Path: unitPath(p, u.Key()), Unit: u}, u.Nome.S)
	}
	for i := range p.Linee {
		l := &p.Linee[i]
		add(&page{Kind: "line", Path: linePath(p, l.Key()), Line: l}, lineTitle(w, p, l))
	}
	if !indexes {
		return out
	}
	<-done
	return append(out, indexed...)
}

// lineTitle is a line page's title: "Linea strategica 1 - Digitale".
func lineTitle(w *words, p *plan.Plan, l *plan.Line) string {
	level := w.Level(p, "linea").One
	if l.Codice.S == "" {
		return w.T("page.line.nocode", "level", level, "name", l.Nome.S)
	}
	return w.T("page.line", "level", level, "code", l.Codice.S, "name", l.Nome.S)
}

func sheetTitle(w *words, s *plan.Sheet) string {
	if s.Kind == plan.Strategic {
		return w.T("page.sheet.strategic", "level", w.Level(s.Plan, "obiettivo_strategico").One, "name", w.SheetName(s))
	}
	return w.T("page.sheet.operational", "level", w.Level(s.Plan, "obiettivo_operativo").One, "name", w.SheetName(s))
}

// sheetUpdated is the date of the latest revision that touched the sheet,
// or of the latest Relazione that reports its results.
func sheetUpdated(p *plan.Plan, s *plan.Sheet) string {
	upd := p.Published()
	for _, r := range p.Revisioni {
		if len(s.Changes(r.ID.S)) > 0 || len(s.RevNotes(r.ID.S)) > 0 {
			upd = r.Data.S
		}
	}
	for i := range p.Relazione {
		if r := &p.Relazione[i]; hasResultIn(s, r.Anno) {
			upd = plan.LaterDate(upd, reportUpdated(r))
		}
	}
	return upd
}

// indexPages lists the pages of a plan's indexes: a page listing them,
// one per index, and one per top group of a long index.
func indexPages(p *plan.Plan, w *words, planCrumbs []crumb) []*page {
	lists := planListings(p, w)
	hubTitle := w.T("indexes.title")
	hub := &page{Kind: "indexes", Path: indexesPath(p), Title: hubTitle, Lists: lists}
	hub.trail = appendCrumbs(planCrumbs, crumb{Title: hubTitle})
	out := []*page{hub}
	toHub := crumb{Title: hubTitle, URL: indexesPath(p)}
	for _, l := range lists {
		pg := &page{Kind: "listing", Path: l.Path, Title: l.Title, List: l}
		pg.trail = appendCrumbs(planCrumbs, toHub, crumb{Title: l.Title})
		out = append(out, pg)
		if !l.Split {
			continue
		}
		for _, g := range l.Groups {
			part := &page{Kind: "listing", Path: g.Path(), Title: w.T("page.listing.group", "index", l.Title, "group", g.Title), List: l, Group: g}
			part.trail = appendCrumbs(planCrumbs, toHub, crumb{Title: l.Title, URL: l.Path}, crumb{Title: g.Title})
			out = append(out, part)
		}
	}
	for _, pg := range out {
		pg.Plan = p
		pg.Published, pg.Updated = p.Published(), p.Updated()
	}
	return out
}

func appendCrumbs(base []crumb, more ...crumb) []crumb {
	return append(append([]crumb(nil), base...), more...)
}

// searchPage is the site's search page.
func searchPage(model *plan.Site, w *words) *page {
	pg := &page{Kind: "search", Path: searchPagePath, Title: w.T("search.page")}
	pg.trail = withHome(w, []crumb{{Title: pg.Title}})
	if len(model.Plans) > 0 {
		pg.Plan = model.Plans[0]
		pg.Published, pg.Updated = oldestPublished(model.Plans), model.Plans[0].Updated()
	}
	return pg
}

// reportPages are the section "Relazione sulla Performance", beside the
// plans' level of the breadcrumb, and the page of each Relazione of each
// plan under it; none when no plan has a Relazione.
func reportPages(model *plan.Site, w *words, trail []crumb) []*page {
	levels := model.Config.Percorso
	section := &page{Kind: "reports", Path: reportsPath(levels), Title: w.T("reports.section")}
	parent := withHome(w, trail[:len(trail)-1])
	section.trail = appendCrumbs(parent, crumb{Title: section.Title})
	var out []*page
	for _, p := range model.Plans {
		for i := range p.Relazione {
			r := &p.Relazione[i]
			pg := &page{Kind: "report", Path: reportPath(p, r.Anno), Plan: p, Report: r,
				Title: w.T("report.title", "year", r.Anno), Published: r.Approvazione.Data.S, Updated: reportUpdated(r)}
			pg.trail = appendCrumbs(parent, crumb{Title: section.Title, URL: section.Path}, crumb{Title: pg.Title})
			out = append(out, pg)
			if section.Published == "" || plan.DateBefore(pg.Published, section.Published) {
				section.Published = pg.Published
			}
			section.Updated = plan.LaterDate(section.Updated, pg.Updated)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append([]*page{section}, out...)
}

// reportUpdated is the date of a Relazione's latest act.
func reportUpdated(r *plan.Report) string {
	if r.Validazione != nil {
		return plan.LaterDate(r.Approvazione.Data.S, r.Validazione.Data.S)
	}
	return r.Approvazione.Data.S
}
