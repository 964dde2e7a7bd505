package builder

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// pageKinds are the theme's page templates, each layouts/KIND.html.
var pageKinds = []string{"home", "section", "plan", "sheet", "unit", "area", "line", "revisions",
	"opendata", "archive", "snapshot", "search", "indexes", "listing",
	"narrative", "fullplan", "revision", "reports", "report", "glossary", langsKind}

// renderer runs the theme's templates. Templates are parsed once.
type renderer struct {
	tmpl  map[string]*template.Template
	md    *markup.Renderer
	site  *plan.Site
	theme fs.FS
	words *words

	downloads []download     // the open data files, for the Dati aperti page
	hasFeed   bool           // one of them is the feed of the revisions
	snapshots []snapshotCopy // the published snapshots, for the Archivio page
	search    *searchOutput  // the search index files, for the search page
	volatile  *sync.Map      // the pages that show what the build cache's keys leave out (buildcache.go)
	diffs     *sync.Map      // the word-level differences worked out: diffKey → []worddiff.Span (page.diff); nil: none kept
	names     *sync.Map      // the indicators' names shortened: description → shortened (page.shortName); nil: none kept

	// In a site of several languages, the language of the pages this
	// renderer renders and the site's languages; nil in a site of one.
	lang  *siteLang
	langs *langSite

	// abbr marks the abbreviations of each plan's glossary (nil key: the
	// site's, for pages above the plans); glossaries, their entries.
	abbr       map[*plan.Plan]*abbreviator
	glossaries map[*plan.Plan][]glossaryEntry

	// frames keeps the header and footer already rendered (see frame),
	// when the theme is the built-in one.
	frames *frameCache

	// builtin: the theme is the built-in one, whose pages basePage
	// writes (builtin_sheet.go).
	builtin bool

	// fieldListings are, by plan and folder, the indexes of the values of
	// the fields in fieldIndexes, which every indicator's page links;
	// fieldEntries, the entries of those indexes worked out
	// (page.fieldIndexURL): fieldEntry → the entry's path and anchor.
	fieldListings map[*plan.Plan]map[string]string
	fieldEntries  *sync.Map

	// bodies keeps the HTML of the sheets' bodies that render the same on
	// every page (renderer.body); nil: none kept.
	bodies *bodyMemo

	// configURLs tells of each URL of the config whether it is safe
	// (safeConfigURLs).
	configURLs map[string]bool
}

// newRenderer parses the theme's layouts, for pages that list the open
// data files, the published snapshots and link the search index given.
func newRenderer(th *theme, site *plan.Site, downloads []download, snapshots []snapshotCopy, search *searchOutput) (*renderer, error) {
	r, err := layoutRenderer(th)
	if err != nil {
		return nil, err
	}
	r.attach(th, site, downloads, snapshots, search)
	return r, nil
}

// layoutRenderer is a renderer with the theme's layouts parsed, before
// it knows the site it renders (attach): the layouts need only the theme
// and its words, so a build parses them while the search index is made
// (startLayouts), not alone on one core once the pages are listed.
func layoutRenderer(th *theme) (*renderer, error) {
	r := &renderer{md: markup.New(), theme: th.fs, words: th.words}
	if th.builtin {
		r.frames = &frameCache{}
	}
	if err := r.parseLayouts(th); err != nil {
		return nil, err
	}
	return r, nil
}

// startLayouts makes layoutRenderer(th) on a goroutine of its own; the
// function it returns waits for it.
func startLayouts(th *theme) func() (*renderer, error) {
	var r *renderer
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		r, err = layoutRenderer(th)
	}()
	return func() (*renderer, error) {
		<-done
		return r, err
	}
}

// attach gives a renderer made by layoutRenderer the site it renders,
// the open data files its pages list, the published snapshots and the
// search index they link.
func (r *renderer) attach(th *theme, site *plan.Site, downloads []download, snapshots []snapshotCopy, search *searchOutput) {
	r.site, r.downloads, r.snapshots, r.search, r.diffs, r.names = site, downloads, snapshots, search, &sync.Map{}, &sync.Map{}
	r.abbr, r.glossaries = map[*plan.Plan]*abbreviator{}, map[*plan.Plan][]glossaryEntry{}
	r.fieldListings, r.fieldEntries, r.bodies = map[*plan.Plan]map[string]string{}, &sync.Map{}, &bodyMemo{}
	for _, p := range append([]*plan.Plan{nil}, site.Plans...) {
		r.glossaries[p] = glossaryOf(site, p, th.words)
		r.abbr[p] = newAbbreviator(r.glossaries[p])
	}
	for _, p := range site.Plans {
		r.fieldListings[p] = map[string]string{}
		for _, folder := range fieldIndexes {
			r.fieldListings[p][folder] = listingPath(p, folder)
		}
	}
	r.hasFeed = slices.ContainsFunc(downloads, func(d download) bool { return d.Path == feedPath() })
	r.configURLs = safeConfigURLs(&site.Config)
}

// safeConfigURLs judges, once, the URLs of the config that the frame of
// every page links (the body's site, the breadcrumb's levels, the
// footer's links, the licence): judged for each page, their parsing was
// 40 MB allocated at 50,000 sheets, while the heap was largest.
func safeConfigURLs(cfg *plan.Config) map[string]bool {
	out := map[string]bool{}
	judge := func(u string) {
		if _, ok := out[u]; !ok {
			out[u] = markup.SafeURL(u)
		}
	}
	judge(cfg.Ente.Sito.S)
	judge(cfg.Accessibilita.S)
	judge(cfg.Privacy.S)
	judge(cfg.Licenza.URL.S)
	for _, l := range cfg.Collegamenti {
		judge(l.URL.S)
	}
	for _, l := range cfg.Percorso {
		judge(l.URL.S)
	}
	return out
}

// parseLayouts parses the theme's layouts, one template set per kind of
// page.
func (r *renderer) parseLayouts(th *theme) error {
	theme := th.fs
	r.tmpl = map[string]*template.Template{}
	r.builtin = th.builtin
	base := template.New("").Funcs(funcs).Funcs(th.words.funcs()).Funcs(template.FuncMap{"frame": r.frame})
	shared, err := fs.Glob(theme, "layouts/_*.html")
	if err != nil {
		return err
	}
	shared = append([]string{"layouts/base.html"}, shared...)
	if _, err := base.ParseFS(theme, shared...); err != nil {
		return fmt.Errorf("tema: %w", err)
	}
	if th.builtin { // partials the built-in theme renders in Go (builtin_partials.go, builtin_indicator.go, builtin_cycle.go, builtin_listing.go, builtin_fullplan.go)
		fns := template.FuncMap{"revgroupsHTML": r.revgroupsHTML, "valueHTML": r.valueHTML}
		base.Funcs(fns).Funcs(r.indicatorFuncs()).Funcs(r.cycleFuncs()).Funcs(r.listingFuncs()).Funcs(r.fullplanFuncs())
		if _, err := base.Parse(builtinPartials + builtinIndicatorPartials + builtinCyclePartials + builtinSharedListingPartials); err != nil {
			return err
		}
		return r.oneSet(base, theme)
	}
	for _, kind := range pageKinds { // a theme of the site's own: a set per kind
		t, err := base.Clone()
		if err == nil {
			_, err = t.ParseFS(theme, "layouts/"+kind+".html")
		}
		if err != nil {
			return fmt.Errorf("tema: %w", err)
		}
		r.tmpl[kind] = t
	}
	return nil
}

// oneSet parses the built-in theme's layouts of every kind into base, the
// set of the shared ones: their kinds have nothing in common but "main",
// which each kind's is kept as too, under mainOf(kind). A theme of the
// site's own may define anything in a kind's layout, so that each has a
// set of its own, cloned from base (and the shared templates copied with
// it, since escaping changes them): 21 clones were two thirds of the
// 20 ms taken to parse the layouts, once for every language of the site,
// and each set escaped its shared templates again as it first ran them.
// TestBuiltinOneSet proves the built-in kinds have no other name in
// common.
func (r *renderer) oneSet(base *template.Template, theme fs.FS) error {
	for _, kind := range pageKinds {
		_, err := base.ParseFS(theme, "layouts/"+kind+".html")
		if own := builtinKindPartials[kind]; err == nil && own != "" {
			_, err = base.Parse(own)
		}
		if main := base.Lookup("main"); err == nil && main != nil {
			_, err = base.AddParseTree(mainOf(kind), main.Tree.Copy())
		} else if err == nil {
			err = fmt.Errorf(msgLayoutNoMain, kind)
		}
		if err != nil {
			return fmt.Errorf("tema: %w", err)
		}
		r.tmpl[kind] = base
	}
	return nil
}

// mainOf is the name of the "main" of the built-in theme's kind in its
// one set of templates.
func mainOf(kind string) string { return "main/" + kind }

// funcs are the template functions that need no words; words.funcs adds
// t, tn, date and size.
var funcs = template.FuncMap{
	"join":   strings.Join,
	"add":    func(a, b int) int { return a + b },
	"slug":   slug,
	"anchor": IndicatorAnchor,
	"dict":   dict,
}

// dict builds a map from key, value pairs, to pass several values to a
// template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: numero dispari di argomenti")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: chiave non testuale %v", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// render returns the page as the theme writes it.
func (r *renderer) render(pg *page) ([]byte, error) {
	var buf bytes.Buffer
	err := r.renderTo(pg, &buf)
	return buf.Bytes(), err
}

// renderTo writes the page into buf.
func (r *renderer) renderTo(pg *page, buf *bytes.Buffer) error {
	if err := r.renderInto(pg, buf); err != nil {
		return err
	}
	if r.marks(pg) {
		r.markPage(pg, buf)
	}
	return nil
}

// marks reports whether the page, rendered, is marked again as a whole:
// its abbreviations (the first use of each in the page) and the texts
// shown in the main language (a site of several languages).
func (r *renderer) marks(pg *page) bool {
	return r.abbr[pg.Plan] != nil && pg.Kind != "glossary" || r.langs != nil
}

// markPage marks the page rendered into buf (marks).
func (r *renderer) markPage(pg *page, buf *bytes.Buffer) {
	if a := r.abbr[pg.Plan]; a != nil && pg.Kind != "glossary" {
		marked := a.mark(buf.Bytes())
		buf.Reset()
		buf.Write(marked)
	}
	if r.langs != nil {
		r.markFallbacks(buf, pg.fallbacks)
	}
}

// renderInto writes the page as the theme writes it into w, without the
// marks of markPage.
func (r *renderer) renderInto(pg *page, w io.Writer) error {
	pg.r = r
	pg.Site = r.site
	pg.chrome, pg.crumbs = nil, nil // prepared anew, by this renderer
	if z := pg.stubbed(); z != nil {
		if err := z.resolve(pg); err != nil {
			return err
		}
	}
	err := func() (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("%v", v)
			}
		}()
		if r.builtin {
			return r.basePage(pg, w)
		}
		return r.tmpl[pg.Kind].ExecuteTemplate(w, "base", pg)
	}()
	if err != nil {
		return fmt.Errorf("%s: %w", pg.Path, err)
	}
	return nil
}

// SortedSheets returns sheets sorted by display name (stable for equal names).
func sortedSheets(in []*plan.Sheet) []*plan.Sheet {
	out := append([]*plan.Sheet(nil), in...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}
