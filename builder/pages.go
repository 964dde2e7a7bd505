package builder

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
	"github.com/piao-pa/piao/internal/stages"
	"github.com/tdewolff/minify/v2"
)

// Pages is a checked site ready to render one file at a time: Build
// renders every page (All), piao serve only what a change needs. Render
// gives a file the same bytes All gives it. Pages is safe for concurrent
// use.
type Pages struct {
	r     *renderer
	model *plan.Site
	pages map[string]*page
	files map[string][]byte // every other file, final: assets, open data, search index, snapshots
	kinds map[string]string // the kind of the HTML files that are not rendered pages (snapshots)
	paths []string
	out   *outputs  // where the files that are not pages went
	min   *minify.M // nil: no minifying
	src   fs.FS     // the site folder, to quote the source of a page that fails

	// reuse, if not nil, links a page from the previous output when the
	// build cache knows it unchanged, and gives its size.
	reuse func(name string) (int64, bool)
	// prevSize, if not nil, gives the size a page to render had in the
	// previous output, when the build cache knows it (workOrder).
	prevSize func(name string) (int64, bool)
	// volatile holds the pages that, as they rendered, showed what the
	// build cache's keys leave out (buildcache.go).
	volatile sync.Map

	// docs, if not nil, keeps the sheets' search documents from one
	// build to the next (searchdocs.go).
	docs *sheetDocs

	// workers is the number of goroutines that render, minify and write
	// (GOMAXPROCS unless a test sets it); the output does not depend on it.
	workers int
}

// NewPages prepares the files of a model that loaded and checked without
// errors, with the theme and options of in. Theme problems and snapshots
// that do not verify come back as errors, open-data problems as warnings.
func NewPages(in Input, model *plan.Site) (*Pages, Diagnostics) {
	p, ds, _ := newPagesTo(in, model, nil, nil, nil, nil) // in memory: nothing to fail writing
	return p, ds
}

// newPagesTo is NewPages; with a target, the files that are not pages are
// written there as they are made, and only their names are kept; parts,
// if not nil, give what the last build left unchanged of the open data
// (outputStore.parts), docs, if not nil, the search documents of the
// sheets the last build made (searchdocs.go), and stubs, if not nil, the
// stubs of the indexes it listed, and takes this build's (indexPages). A
// failure to write comes back as the error.
func newPagesTo(in Input, model *plan.Site, to *publish.Target, parts *dataParts, docs *sheetDocs, stubs *indexStubs) (*Pages, Diagnostics, error) {
	var ds Diagnostics
	th, ds := loadTheme(in, &model.Config)
	if th == nil {
		return nil, ds, nil
	}
	snaps, sds := loadSnapshots(in.Site)
	ds = append(ds, sds...)
	if sds.HasErrors() { // a snapshot that does not verify is never published
		return nil, ds, nil
	}
	p, err := newPages(th, model, in.Minify, snaps, to, in.Site, parts, docs, stubs)
	switch {
	case errors.As(err, new(*publish.Error)):
		return nil, ds, err
	case err != nil:
		ds.errorf(plan.At("themes", 0, 0), "", "%s", err.Error())
		return nil, ds, nil
	}
	p.src = in.Site
	// The names judged two ways at once: at 10,000 sheets, 37,000 of them.
	var audit, portable Diagnostics
	runTasks(func() error {
		audit = auditOutputNames(append(p.out.names(), slices.Collect(maps.Keys(p.pages))...))
		return nil
	}, func() error {
		portable = p.checkPortable(in.Site, cmp.Or(model.Config.Tema.S, "default"))
		return nil
	})
	if ds = append(append(ds, audit...), portable...); ds.HasErrors() {
		return nil, ds, nil
	}
	return p, ds, nil
}

// searchBesideSheets is the number of sheets up to which a clean build
// makes the search index while it makes the open data, rather than
// before: at 1,000 sheets the two stages took 99.7 ms, side by side 92.5
// (medians of twenty builds on tmpfs), the cores each leaves waiting as
// it ends (its last batch of postings, its largest file) taken by the
// other; at 10,000 sheets the same time either way, and at 50,000, the
// index and the open data held at once, 15% longer and 765 MB at the
// peak instead of 665 (a variable for its test).
var searchBesideSheets = 5000

// sheetsOf is the number of sheets of the site's plans.
func sheetsOf(model *plan.Site) int {
	n := 0
	for _, p := range model.Plans {
		n += len(p.Strategic) + len(p.Operational)
	}
	return n
}

func newPages(th *theme, model *plan.Site, min bool, snaps []snapshotCopy, to *publish.Target, site fs.FS,
	parts *dataParts, docs *sheetDocs, stubs *indexStubs) (*Pages, error) {
	p := &Pages{model: model, pages: map[string]*page{}, kinds: map[string]string{},
		workers: runtime.GOMAXPROCS(0), docs: docs}
	if min {
		p.min = newMinifier()
	}
	p.out = newOutputs(p.min, to)
	p.out.parts = parts
	ls := newLangSite(model, th)
	layouts := make([]func() (*renderer, error), len(ls.langs)) // parsed while the index and the open data are made
	for i, l := range ls.langs {
		layouts[i] = startLayouts(l.theme(th))
	}
	searches := make([]*searchOutput, len(ls.langs))
	search := func() error {
		for i, l := range ls.langs {
			var err error
			if searches[i], err = p.addSearch(l.plain, l.words, l.prefix); err != nil {
				return err
			}
		}
		p.docs.release() // the index is made: the last build's documents are needed no more
		stages.Mark("search index")
		return nil
	}
	var tasks []func() error
	if p.docs.reusing() || sheetsOf(model) <= searchBesideSheets {
		// Most sheets' documents are the last build's: the index is mostly
		// merged, on one core, while the open data is made on the other.
		// Or the site is small: each fills the cores the other leaves
		// waiting as it ends.
		tasks = append(tasks, search)
	} else if err := search(); err != nil { // alone: the index is large while it is built
		return nil, err
	}
	pages := make([][]*page, len(ls.langs))
	feeds := make([]int, len(ls.langs)) // each language's feed, its size
	var downloads []download
	tasks = append(tasks, func() (err error) {
		downloads, err = addOpenDataIn(p.out.under(ls.main().prefix), dataLangsOf(ls))
		return err
	})
	var assets []string // the theme's assets, written while the rest is made (minified: 2 ms at every build)
	tasks = append(tasks, func() (err error) { assets, err = p.addAssets(th.fs); return err })
	for i, l := range ls.langs {
		tasks = append(tasks, func() error { pages[i] = pagesWith(l.model, l.words, langStubs{stubs, l.prefix}); return nil },
			func() error { return p.addPrintCSS(l) })
		if i > 0 {
			tasks = append(tasks, func() (err error) { feeds[i], err = p.addFeed(l); return err })
		}
	}
	if err := runTasks(tasks...); err != nil {
		return nil, err
	}
	stages.Mark("open data and index pages")
	all, err := p.addLangPages(th, layouts, ls, pages, downloads, feeds, snaps, searches)
	if err != nil {
		return nil, err
	}
	for _, name := range assets {
		delete(p.pages, name) // an asset wins over a page
	}
	if err := p.addSiteFiles(all, snaps); err != nil {
		return nil, err
	}
	if err := addAttachments(p.out.under(ls.main().prefix), site, model); err != nil { // beside the main language's pages, which link them
		return nil, err
	}
	p.files = p.out.files
	for name := range p.pages {
		p.paths = append(p.paths, name)
	}
	if to == nil {
		p.paths = append(p.paths, p.out.names()...)
	}
	sort.Strings(p.paths)
	return p, nil
}

// addLangPages makes the renderer of each language and takes its pages,
// in its folder; and, when every language has its folder, the page at
// the root that chooses one. It returns every page.
func (p *Pages) addLangPages(th *theme, layouts []func() (*renderer, error), ls *langSite, pages [][]*page, downloads []download, feeds []int,
	snaps []snapshotCopy, searches []*searchOutput) ([]*page, error) {
	var all []*page
	ls.pages = map[string]bool{}
	for i, l := range ls.langs {
		list := downloads
		if i > 0 {
			list = l.localDownloads(downloads, feeds[i])
		}
		r, err := layouts[i]()
		if err != nil {
			return nil, err
		}
		r.attach(l.theme(th), l.model, list, snaps, searches[i])
		if ls.multi() {
			r.lang, r.langs = l, ls
		}
		r.volatile = &p.volatile
		if i == 0 {
			p.r = r
		}
		for _, pg := range pages[i] {
			pg.Path = l.prefix + pg.Path
			ls.pages[pg.Path] = true
		}
		if ls.multi() && ls.root == mainInFolder && i == 0 {
			pages[0] = append(pages[0], langsPage(ls))
		}
		for _, pg := range pages[i] {
			if p.pages[pg.Path] != nil {
				return nil, fmt.Errorf(msgDuplicatePage, pg.Path)
			}
			pg.r, pg.Site = r, l.model
			p.pages[pg.Path] = pg
		}
		all = append(all, pages[i]...)
	}
	return all, nil
}

// addSearch builds the search index of a language and adds its files, in
// the language's folder; the pages need only the name of their folder.
func (p *Pages) addSearch(model *plan.Site, w *words, prefix string) (*searchOutput, error) {
	out := p.out.under(prefix)
	var search *searchOutput
	put := func(name string, b []byte) error { // compact already: JSON in a call; most often the last build's
		if id, ok := search.Docs[name]; ok {
			return out.putKeyed(name, b, search.Sums[name], docsKey(search.Sums[name], id), search.Pending[name])
		}
		return out.putSame(name, b, search.Sums[name])
	}
	prev := p.out.to.PrevFolders(prefix + searchDataRoot)
	if p.out.namesOnly { // piao check: the names, not the index
		search, put = searchFileNames(model), func(name string, _ []byte) error { return out.name(name) }
	} else {
		var known docsKnown
		if len(prev) == 1 && p.out.parts != nil && p.out.parts.prevKey != nil {
			known = func(name string, id [sha256.Size]byte) ([sha256.Size]byte, bool) {
				return docsRecorded(p.out.parts.prevKey(prev[0]+"/"+name+".js"), id)
			}
		}
		search = buildSearchIndexFrom(model, w, &termMemo{}, p.docs.in(prefix)).encodeKnown(known)
	}
	search.Dir = prefix + search.Dir
	if len(prev) == 1 {
		// Most of its files are those of the last build's folder: linked
		// from there, or left where they are in the spare.
		if err := p.out.to.Moved(search.Dir, prev[0]); err != nil {
			return nil, err
		}
	}
	names := slices.Sorted(maps.Keys(search.Sums))
	errs := make([]error, len(names))
	parallelFor(len(names), func(i int) { errs[i] = put(names[i], search.Files[names[i]]) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	search.Files = nil
	return search, nil
}

// addPrintCSS adds the print style sheet of each plan's whole-plan page in
// language l, in its folder: its running header and page numbers are
// words.
func (p *Pages) addPrintCSS(l *siteLang) error {
	for _, pl := range l.plain.Plans {
		if err := p.out.under(l.prefix).put(fullPlanCSSPath(pl), fullPlanCSS(pl, l.words, l.plain.Config.Ente.Nome.S)); err != nil {
			return err
		}
	}
	return nil
}

// addFeed adds the Atom feed of a language other than the main one, in
// its folder, and returns its size (0 for none).
func (p *Pages) addFeed(l *siteLang) (int, error) {
	b := feed(l.plain, l.words, l.prefix)
	if b == nil {
		return 0, nil
	}
	return len(b), p.out.under(l.prefix).put(feedPath(), b)
}

// addSiteFiles adds the sitemap, robots.txt and the published snapshots
// (the theme's assets: addAssets).
func (p *Pages) addSiteFiles(pages []*page, snaps []snapshotCopy) error {
	if b := sitemap(p.model, pages); b != nil {
		if err := p.out.put("sitemap.xml", b); err != nil {
			return err
		}
	}
	if err := p.out.put("robots.txt", robots(p.model)); err != nil {
		return err
	}
	for _, s := range snaps { // byte for byte, never minified
		for name, b := range s.Files {
			if err := p.out.putRaw(snapshotPath(s.Meta.Nome, name), b); err != nil {
				return err
			}
			if path.Ext(name) == ".html" {
				p.kinds[snapshotPath(s.Meta.Nome, name)] = "snapshot" // archived pages
			}
		}
	}
	return nil
}

// addAssets adds the theme's assets and returns their names: a page of
// the same name is not written (an asset wins over a page).
func (p *Pages) addAssets(theme fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(theme, "assets", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(theme, name)
		if err != nil {
			return err
		}
		names = append(names, name)
		return p.out.put(name, b)
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return names, nil
}

// All renders every page and returns the whole site. The pages render in
// parallel; the site is the same, byte for byte, whatever their number.
func (p *Pages) All() (*Site, error) {
	out := make([][]byte, len(p.paths))
	err := p.each(func(i int, name string, buf *buffers) error {
		b, err := p.render(name, buf)
		out[i] = bytes.Clone(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	site := &Site{Files: make(map[string][]byte, len(p.paths)), Kinds: map[string]string{}, Model: p.model, Pages: len(p.pages)}
	for i, name := range p.paths {
		site.Files[name] = out[i]
		if pg := p.pages[name]; pg != nil {
			site.Kinds[name] = pg.Kind
		} else if k, ok := p.kinds[name]; ok {
			site.Kinds[name] = k
		}
	}
	return site, nil
}

// Verify renders and minifies every page, keeping nothing: what piao check
// needs to know that the site builds.
func (p *Pages) Verify() error { return p.verify(false) }

// verify renders and minifies every page, or with sample one page of
// each kind (a sheet's page and its page as approved are two kinds), the
// one that shows least (the first in order of those), keeping nothing.
// The same templates run on the page of a unit of two sheets as on that
// of a unit of two thousand: the larger would only cost piao check time.
func (p *Pages) verify(sample bool) error {
	var only map[string]bool
	if sample {
		only = p.sample()
	}
	workers, long := p.workers, max(1, p.workers/2)
	if sample { // a goroutine a page: the longest (a plan's revisions) does not start last
		workers, long = len(only), len(only)
	}
	return p.eachOn(workers, long, func(_ int, name string, buf *buffers) error {
		if only != nil && !only[name] {
			return nil
		}
		_, err := p.render(name, buf)
		return err
	})
}

// sample names the pages verify renders with sample: of each kind, the
// one that shows least, the first in order of those.
func (p *Pages) sample() map[string]bool {
	lightest := map[string]string{} // kind → page name
	weight := map[string]int{}
	for _, name := range p.paths {
		pg := p.pages[name]
		if pg == nil {
			continue
		}
		kind, w := sampleKind(pg), sampleWeight(pg)
		if _, ok := lightest[kind]; !ok || w < weight[kind] {
			lightest[kind], weight[kind] = name, w
		}
	}
	only := map[string]bool{}
	for _, name := range lightest {
		only[name] = true
	}
	return only
}

// sampleKind is the kind of a page for verify's sample: a sheet's page
// and its page as approved are two.
func sampleKind(pg *page) string { return fmt.Sprint(pg.Kind, pg.Original) }

// sampleWeight is how much a page shows, what verify's sample weighs the
// pages of a kind by: the number of sheets, of the groups and items of an
// index, or of the revision changes it lists; 1 for the rest.
func sampleWeight(pg *page) int {
	switch {
	case pg.Group != nil:
		return listedIn([]*listGroup{pg.Group})
	case pg.List != nil:
		return listedIn(pg.List.Groups)
	case pg.Plan == nil:
		return 1
	case pg.Unit != nil:
		return len(pg.Plan.SheetsOfUnit(pg.Unit.Key()))
	case pg.Area != nil:
		n := 0
		for i := range pg.Area.Unita {
			n += len(pg.Plan.SheetsOfUnit(pg.Area.Unita[i].Key()))
		}
		return n
	case pg.Line != nil:
		s, o := pg.Plan.SheetsOfLine(pg.Line.Key())
		return len(s) + len(o)
	case pg.Revision != nil:
		return len(pg.Plan.Changes(pg.Revision.ID.S))
	}
	return 1
}

// listedIn counts the groups and items an index lists in groups.
func listedIn(groups []*listGroup) int {
	n := 0
	for _, g := range groups {
		n += 1 + g.listed() + listedIn(g.Groups)
	}
	return n
}

// Paths lists every file of the site, pages and assets, in order.
func (p *Pages) Paths() []string { return p.paths }

// outputNames lists every file of the site, pages and the files that
// went to disk before them.
func (p *Pages) outputNames() []string {
	names := slices.Clone(p.paths)
	p.out.mu.Lock()
	for name := range p.out.sizes {
		names = append(names, name)
	}
	p.out.mu.Unlock()
	return names
}

// Count is the number of pages.
func (p *Pages) Count() int { return len(p.pages) }

// Has reports whether the site has a file at path.
func (p *Pages) Has(path string) bool { return p.pages[path] != nil || p.files[path] != nil }

// Render returns the file at path, rendering it if it is a page.
func (p *Pages) Render(name string) ([]byte, error) {
	if b, ok := p.files[name]; ok {
		return b, nil
	}
	b, err := p.render(name, &buffers{})
	return bytes.Clone(b), err
}

// buffers are the scratch space of one goroutine that renders: the page
// as the theme wrote it, and minified.
type buffers struct{ page, min bytes.Buffer }

// render returns the file at path; a page's bytes live in buf until its
// next use.
func (p *Pages) render(name string, buf *buffers) ([]byte, error) {
	b, mt, err := p.renderRaw(name, buf)
	if err != nil || mt == "" {
		return b, err
	}
	return p.minified(name, mt, buf)
}

// minified is the page rendered into buf.page, minified as mt into
// buf.min.
func (p *Pages) minified(name, mt string, buf *buffers) ([]byte, error) {
	buf.min.Reset()
	buf.min.Grow(buf.page.Len()) // at once, not doubling: minified is hardly ever longer
	if err := p.minify(name, mt, &buf.min, &buf.page); err != nil {
		return nil, err
	}
	return buf.min.Bytes(), nil
}

// renderRaw renders the file at path into buf.page, and gives its bytes
// when they are final (a file made already, a page not minified), else
// the media type to minify it as.
func (p *Pages) renderRaw(name string, buf *buffers) ([]byte, string, error) {
	if b, ok := p.files[name]; ok {
		return b, "", nil
	}
	pg := p.pages[name]
	if pg == nil {
		return nil, "", fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	cp := *pg // render writes to the page it renders
	buf.page.Reset()
	if err := cp.r.renderTo(&cp, &buf.page); err != nil {
		return nil, "", &pageError{pg, errors.Unwrap(err)}
	}
	// The built-in theme's pages are not given to the HTML minifier: their
	// frame and the sheets' pages are written in Go and their layouts
	// without indentation or comments, so that the minifier took out of them
	// only line breaks between tags and turned the escapes of quotes back
	// into quotes: 1.0% of their bytes at 10,000 sheets (333 MB written as
	// they are, 330 MB minified; a sheet's page 14,375 bytes against 14,175,
	// and 3,435 against 3,371 gzipped), for a fifth of the CPU of the build
	// (2.4 s of 9.0 s of user time on tmpfs; the build 5.5 s against 4.25 s).
	// What readers see is the same: the line breaks are between tags or in
	// text, where a browser shows them as the minifier's single spaces. A
	// theme of the site's own, whose layouts piao does not know, is minified
	// as before, and so are the style sheet and the scripts (a fifth smaller
	// minified).
	mt, ok := mediaTypes[path.Ext(name)]
	if p.min == nil || !ok || (mt == "text/html" && cp.r.builtin) {
		return buf.page.Bytes(), "", nil
	}
	return nil, mt, nil
}

// minify writes the page rendered, minified as mt, to w. The page is read
// in place, not copied: it has Bytes.
func (p *Pages) minify(name, mt string, w io.Writer, page *bytes.Buffer) error {
	if err := p.min.Minify(mt, w, page); err != nil {
		return &renderError{fmt.Errorf("%s: %w", name, err)}
	}
	return nil
}

// SheetFile returns the source file of the one sheet a page shows, for an
// operational sheet's page and its "as approved" page and a strategic
// sheet's "as approved" page, and "" for every other file: a strategic
// sheet's page lists the operational sheets that pursue its objectives.
//
// With the built-in theme, the bytes of the pages SheetFile names depend
// only on that sheet, its plan's piano.yaml and sections, config.yaml, the
// theme and SiteFacts: a change to another sheet leaves them as they are.
// Every other page may show any sheet. piao serve relies on this to render
// again only what a change
// needs; keep it true when editing themes/default/layouts (the serve tests
// compare their result with a clean build).
func (p *Pages) SheetFile(name string) string {
	if pg := p.pages[name]; pg != nil && pg.sheetOwn() {
		return pg.Sheet.Pos.File()
	}
	return ""
}

// sheetOwn reports whether pg is a page of its sheet's own (SheetFile).
func (pg *page) sheetOwn() bool {
	return pg.Kind == "sheet" && (pg.Original || !pg.Sheet.Kind.IsStrategic())
}

// SiteFacts is what the frame of every page says of the whole site: the
// kind of its plans, and whether its search covers revisions and
// narrative sections. A build of some sheets alone (piao serve's quick
// path) sees only their plan: its sheet pages are the complete build's
// only when it says the same of the site.
func (p *Pages) SiteFacts() string {
	revisions, sections := searchCovers(p.model)
	return fmt.Sprint(siteKind(p.model), "|", revisions, "|", sections)
}
