package builder

import (
	"errors"
	"fmt"
	"sync"

	"github.com/piao-pa/piao/builder/plan"
)

// This file lists the pages of the site: which pages exist, their output
// paths, titles, breadcrumbs and dates. Render renders them, and check
// reads the same list to find two sources that would write one page.

// pagesOf lists every page of the site, with its path, title, breadcrumb
// and dates, in the words w.
func pagesOf(model *plan.Site, w *words) []*page { return pagesWith(model, w, langStubs{}) }

// pagesWith is pagesOf, the pages of the indexes listed from stubs when
// it has those of a plan.
func pagesWith(model *plan.Site, w *words, stubs langStubs) []*page {
	return listPagesWith(model, w, true, stubs)
}

// listPages is pagesOf; without indexes, it leaves out the pages of the
// plans' indexes, which are most of its work: they live in a folder of
// their own (indici/) under names made from slugs, and so can neither
// collide with another page nor leave the output folder.
//
// With nil words, the pages have their paths and no titles: what check
// needs.
func listPages(model *plan.Site, w *words, indexes bool) []*page {
	return listPagesWith(model, w, indexes, langStubs{})
}

// listPagesWith is listPages, with the stubs of the indexes.
func listPagesWith(model *plan.Site, w *words, indexes bool, stubs langStubs) []*page {
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
		out = append(out, planPages(p, w, trail, indexes, stubs)...)
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

func planPages(p *plan.Plan, w *words, trail []crumb, indexes bool, stubs langStubs) []*page {
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
			indexed = indexPages(p, w, planCrumbs, stubs)
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
// one per index, and one per top group of a long index. With the stubs
// of the last build (stubs.take), it lists them without making the
// indexes: they are made, once, only if one of the pages renders.
func indexPages(p *plan.Plan, w *words, planCrumbs []crumb, stubs langStubs) []*page {
	var lists []*listing
	var lazy *lazyListings
	ls, ok := stubs.take(p)
	if ok {
		lazy = newLazyListings(p, w)
	} else {
		lists = planListings(p, w)
		ls = stubsOf(lists)
	}
	stubs.record(p, ls)
	hubTitle := w.T("indexes.title")
	hub := &page{Kind: "indexes", Path: indexesPath(p), Title: hubTitle, Lists: lists}
	hub.trail = appendCrumbs(planCrumbs, crumb{Title: hubTitle})
	out := []*page{hub}
	toHub := crumb{Title: hubTitle, URL: indexesPath(p)}
	for i, l := range ls {
		pg := &page{Kind: "listing", Path: l.Path, Title: l.Title}
		pg.trail = appendCrumbs(planCrumbs, toHub, crumb{Title: l.Title})
		out = append(out, pg)
		if lists != nil {
			pg.List = lists[i]
		}
		for j, g := range l.Groups {
			part := &page{Kind: "listing", Path: g.Path, Title: w.T("page.listing.group", "index", l.Title, "group", g.Title)}
			part.trail = appendCrumbs(planCrumbs, toHub, crumb{Title: l.Title, URL: l.Path}, crumb{Title: g.Title})
			out = append(out, part)
			if lists != nil {
				part.List, part.Group = lists[i], lists[i].Groups[j]
			}
		}
	}
	for _, pg := range out {
		pg.Plan = p
		pg.Published, pg.Updated = p.Published(), p.Updated()
		if lazy != nil {
			pg.List = lazy.stub
		}
	}
	return out
}

// stubbed gives the indexes to be made of a page of the indexes listed
// from stubs, until it renders; nil for any other page.
func (pg *page) stubbed() *lazyListings {
	if pg.List == nil {
		return nil
	}
	return pg.List.lazy
}

// listingStub is what the pages of an index show before they render: the
// path and title of its page, and of each of its groups' pages when it
// is split. A build keeps the stubs of every index (buildCache.save) so
// that the next one, when nothing the indexes show has changed (the
// sources' aggregate is the same), lists their pages from them: at 10,000
// sheets, making the indexes is a tenth of the CPU of a rebuild after an
// edit of a sheet's body, whose pages of the indexes are all kept.
type listingStub struct {
	Path, Title string
	Groups      []groupStub // the groups with a page of their own
}

type groupStub struct{ Path, Title string }

// stubsOf are the stubs of the indexes lists.
func stubsOf(lists []*listing) []listingStub {
	out := make([]listingStub, len(lists))
	for i, l := range lists {
		out[i] = listingStub{Path: l.Path, Title: l.Title}
		if !l.Split {
			continue
		}
		for _, g := range l.Groups {
			out[i].Groups = append(out[i].Groups, groupStub{Path: g.Path(), Title: g.Title})
		}
	}
	return out
}

// indexStubs carries the stubs of the indexes of every plan in every
// language from one build to the next, by language folder and plan
// (langStubs.key).
type indexStubs struct {
	prev map[string][]listingStub // the last build's, when they can be used
	mu   sync.Mutex
	next map[string][]listingStub // this build's
	used int                      // plans whose stubs were taken
}

// taken is the number of plans, in each language, whose stubs were taken.
func (x *indexStubs) taken() int {
	if x == nil {
		return 0
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.used
}

// langStubs is indexStubs for the pages of one language, in its folder.
type langStubs struct {
	x      *indexStubs // nil: none taken or kept
	prefix string
}

func (l langStubs) key(p *plan.Plan) string { return l.prefix + "\x00" + p.Slug }

// take gives the last build's stubs of the indexes of p, if usable.
func (l langStubs) take(p *plan.Plan) ([]listingStub, bool) {
	if l.x == nil || l.x.prev == nil {
		return nil, false
	}
	s, ok := l.x.prev[l.key(p)]
	if ok {
		l.x.mu.Lock()
		l.x.used++
		l.x.mu.Unlock()
	}
	return s, ok
}

// record keeps this build's stubs of the indexes of p.
func (l langStubs) record(p *plan.Plan, s []listingStub) {
	if l.x == nil {
		return
	}
	l.x.mu.Lock()
	defer l.x.mu.Unlock()
	if l.x.next == nil {
		l.x.next = map[string][]listingStub{}
	}
	l.x.next[l.key(p)] = s
}

// lazyListings are the indexes of a plan whose pages were listed from
// stubs: made the first time one of them renders.
type lazyListings struct {
	make func() madeListings
	stub *listing // the List of each page until it renders: itself in lazy
}

// madeListings are a plan's indexes and, by the path of its page, each
// index or group that has one.
type madeListings struct {
	lists  []*listing
	byPath map[string]listPlace
}

type listPlace struct {
	list  *listing
	group *listGroup // nil for the index's own page
}

// newLazyListings makes the indexes of p in the words w when first asked.
func newLazyListings(p *plan.Plan, w *words) *lazyListings {
	z := &lazyListings{stub: &listing{}}
	z.stub.lazy = z
	z.make = sync.OnceValue(func() madeListings {
		m := madeListings{lists: planListings(p, w), byPath: map[string]listPlace{}}
		for _, l := range m.lists {
			m.byPath[l.Path] = listPlace{list: l}
			if l.Split {
				for _, g := range l.Groups {
					m.byPath[g.Path()] = listPlace{list: l, group: g}
				}
			}
		}
		return m
	})
	return z
}

// errStaleIndexes is an index page listed from stubs that the indexes
// made do not have: the stubs were not those of these sources (Diagnose
// tells it, msgStaleIndexes).
var errStaleIndexes = errors.New("stale index stubs")

// resolve gives the page pg, listed from stubs, its indexes, its index
// and its group, as indexPages would have.
func (z *lazyListings) resolve(pg *page) error {
	m := z.make()
	pg.List = nil
	if pg.Kind == "indexes" {
		pg.Lists = m.lists
		return nil
	}
	at, ok := m.byPath[pg.Path]
	switch {
	case !ok || len(pg.trail) == 0:
	case at.group == nil && at.list.Title == pg.Title:
		pg.List = at.list
		return nil
	case at.group != nil && at.group.Title == pg.trail[len(pg.trail)-1].Title:
		pg.List, pg.Group = at.list, at.group
		return nil
	}
	return fmt.Errorf("%s: %w", pg.Path, errStaleIndexes)
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
