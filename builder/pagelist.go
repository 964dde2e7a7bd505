package builder

import "github.com/piao-pa/piao/builder/plan"

// pagesOf lists every page of the site, with its path, title, breadcrumb
// and dates.
func pagesOf(model *plan.Site) []*page { return listPages(model, true) }

// listPages is pagesOf; without indexes, it leaves out the pages of the
// plans' indexes, which are most of its work: they live in a folder of
// their own (indici/) under names made from slugs, and so can neither
// collide with another page nor leave the output folder.
func listPages(model *plan.Site, indexes bool) []*page {
	cfg := &model.Config
	if len(cfg.Percorso) == 0 {
		cfg.Percorso = defaultPercorso()
	}
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
		pg.Crumbs = append(withHome(pg, trail), crumb{Title: l.Titolo.S})
		if len(model.Plans) > 0 {
			pg.Published, pg.Updated = oldestPublished(model.Plans), model.Plans[0].Updated()
		}
		if l.URL.S == "" {
			out = append(out, pg)
		}
		trail = append(trail, crumb{Title: l.Titolo.S, URL: sectionPath(cfg.Percorso, i)})
	}
	for _, p := range model.Plans {
		out = append(out, planPages(p, trail, indexes)...)
	}
	for _, pg := range []*page{{Kind: "opendata", Path: openDataPath(), Title: "Dati aperti"},
		{Kind: "archive", Path: archivePath(), Title: "Archivio"}} {
		pg.Crumbs = []crumb{{Title: "Home", URL: homePath()}, {Title: pg.Title}}
		pg.Published, pg.Updated = home.Published, home.Updated
		out = append(out, pg)
	}
	out = append(out, searchPage(model))
	for _, pg := range out {
		pg.Crumbs = resolveCrumbs(pg, cfg.Percorso)
	}
	return out
}

func defaultPercorso() []plan.Link {
	var out []plan.Link
	for _, t := range []string{"Amministrazione Trasparente", "Performance", "Piano della Performance"} {
		out = append(out, plan.Link{Titolo: plan.Text{S: t}})
	}
	return out
}

func oldestPublished(plans []*plan.Plan) string {
	d := plans[0].Published()
	for _, p := range plans {
		if p.Published() < d {
			d = p.Published()
		}
	}
	return d
}

// withHome prefixes a trail with the home page.
func withHome(pg *page, trail []crumb) []crumb {
	return append([]crumb{{Title: "Home", URL: homePath()}}, trail...)
}

// resolveCrumbs turns the output paths of a page's breadcrumb into links
// relative to it, and levels that the config sends elsewhere into their
// URL.
func resolveCrumbs(pg *page, levels []plan.Link) []crumb {
	out := make([]crumb, len(pg.Crumbs))
	for i, c := range pg.Crumbs {
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
			out[i].URL = relURL(pg.Path, c.URL)
		}
	}
	return out
}

func planPages(p *plan.Plan, trail []crumb, indexes bool) []*page {
	var out []*page
	planCrumbs := append(append([]crumb{{Title: "Home", URL: homePath()}}, trail...), crumb{Title: p.Titolo.S, URL: planPath(p)})
	add := func(pg *page, title string) {
		pg.Plan = p
		pg.Title = title
		if pg.Published == "" {
			pg.Published, pg.Updated = p.Published(), p.Updated()
		}
		pg.Crumbs = append(append([]crumb(nil), planCrumbs...), crumb{Title: title})
		out = append(out, pg)
	}
	pp := &page{Kind: "plan", Path: planPath(p), Plan: p, Title: p.Titolo.S,
		Published: p.Published(), Updated: p.Updated()}
	pp.Crumbs = append(append([]crumb(nil), planCrumbs[:len(planCrumbs)-1]...), crumb{Title: p.Titolo.S})
	out = append(out, pp)
	if len(p.Revisioni) > 0 {
		add(&page{Kind: "revisions", Path: revisionsPath(p)}, "Revisioni del piano")
	}
	for _, s := range p.Sheets() {
		upd := sheetUpdated(p, s)
		add(&page{Kind: "sheet", Path: sheetPath(s), Sheet: s, Published: p.Published(), Updated: upd}, sheetTitle(s))
		if s.Revised() {
			add(&page{Kind: "sheet", Path: originalPath(s), Sheet: s, Original: true,
				Published: p.Published(), Updated: p.Published()}, sheetTitle(s)+" (versione approvata)")
		}
	}
	for i := range p.Aree {
		a := &p.Aree[i]
		add(&page{Kind: "area", Path: areaPath(p, a.Codice.S), Area: a}, a.Nome.S)
		for j := range a.Unita {
			u := &a.Unita[j]
			add(&page{Kind: "unit", Path: unitPath(p, u.Codice.S), Unit: u, Area: a}, u.Nome.S)
		}
	}
	for i := range p.Linee {
		l := &p.Linee[i]
		add(&page{Kind: "line", Path: linePath(p, l.Codice.S), Line: l}, "Linea strategica "+l.Codice.S+" - "+l.Nome.S)
	}
	if !indexes {
		return out
	}
	return append(out, indexPages(p, planCrumbs)...)
}

func sheetTitle(s *plan.Sheet) string {
	if s.Kind == plan.Strategic {
		return "Obiettivo strategico: " + s.Name()
	}
	return "Obiettivo operativo: " + s.Name()
}

// sheetUpdated is the date of the latest revision that touched the sheet.
func sheetUpdated(p *plan.Plan, s *plan.Sheet) string {
	upd := p.Published()
	for _, r := range p.Revisioni {
		if len(s.Changes(r.ID.S)) > 0 || len(s.RevNotes(r.ID.S)) > 0 {
			upd = r.Data.S
		}
	}
	return upd
}

// indexPages lists the pages of a plan's indexes: a page listing them,
// one per index, and one per top group of a long index.
func indexPages(p *plan.Plan, planCrumbs []crumb) []*page {
	lists := planListings(p)
	hubTitle := "Indici del piano"
	hub := &page{Kind: "indexes", Path: indexesPath(p), Title: hubTitle, Lists: lists}
	hub.Crumbs = appendCrumbs(planCrumbs, crumb{Title: hubTitle})
	out := []*page{hub}
	toHub := crumb{Title: hubTitle, URL: indexesPath(p)}
	for _, l := range lists {
		pg := &page{Kind: "listing", Path: l.Path, Title: l.Title, List: l}
		pg.Crumbs = appendCrumbs(planCrumbs, toHub, crumb{Title: l.Title})
		out = append(out, pg)
		if !l.Split {
			continue
		}
		for _, g := range l.Groups {
			part := &page{Kind: "listing", Path: g.Path, Title: l.Title + ": " + g.Title, List: l, Group: g}
			part.Crumbs = appendCrumbs(planCrumbs, toHub, crumb{Title: l.Title, URL: l.Path}, crumb{Title: g.Title})
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

// longPlan is the number of sheets above which the home and plan pages
// count each objective's operational sheets instead of listing them all:
// the line, unit and index pages list them.
const longPlan = 200

// searchPage is the site's search page.
func searchPage(model *plan.Site) *page {
	pg := &page{Kind: "search", Path: searchPagePath, Title: "Cerca"}
	pg.Crumbs = []crumb{{Title: "Home", URL: homePath()}, {Title: "Cerca"}}
	if len(model.Plans) > 0 {
		pg.Plan = model.Plans[0]
		pg.Published, pg.Updated = oldestPublished(model.Plans), model.Plans[0].Updated()
	}
	return pg
}
