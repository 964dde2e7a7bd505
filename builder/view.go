package builder

import (
	"encoding/json"
	"html/template"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/worddiff"
)

// This file is the template API: the page a layout renders and every
// method it may call. The package doc (doc.go) lists them for theme
// authors; keep the two together.

// page is what a template sees: the site, where the page sits, and the
// object it shows. Which fields are set depends on Kind, one of pageKinds:
// Sheet on "sheet" pages (Original on a sheet's "as approved" page), Unit
// and Area on "unit", Area on "area", Line on "line", List and Group on
// "listing", Lists on "indexes", Level on "section", Snapshot on
// "snapshot", Section on "narrative" (a narrative section of the plan),
// Revision on "revision" (one revision's summary), Report on "report";
// Plan on every page of a plan (and on the home and search pages, the
// newest plan).
type page struct {
	Kind      string
	Path      string // output path, slash-separated: "piao-2024-2026/index.html"
	Title     string
	Site      *plan.Site
	Plan      *plan.Plan
	Sheet     *plan.Sheet
	Unit      *plan.Unit
	Area      *plan.Area
	Line      *plan.Line
	Section   *plan.Section  // for a narrative section's page
	Revision  *plan.Revision // for a revision's own page
	Level     int            // for section pages: the breadcrumb level
	Part      int            // for a part of a long plan's whole plan: its number (1-based)
	Original  bool
	titled    bool       // the trail ends before the page's own step, its title (steps)
	fallbacks bool       // the page shows a body in the main language (Markdown)
	List      *listing   // for an index page
	Group     *listGroup // for the page of one group of a long index
	Lists     []*listing // for the page listing a plan's indexes
	trail     []crumb    // the breadcrumb, its links output paths in the page's language's folder (Crumbs)
	Published string     // ISO dates, from the content
	Updated   string
	Snapshot  *SnapshotMeta // for a snapshot's landing page
	Report    *plan.Report  // for the page of a Relazione sulla performance
	r         *renderer
	chrome    *chromeView // once prepared, for the page being rendered
	crumbs    []crumb     // once resolved, for the page being rendered (Crumbs)
}

// Crumbs is the page's breadcrumb, its links relative to the page, and
// the levels that the config sends elsewhere their URL. It is worked out
// as the page renders: a site of 50,000 sheets does not keep a resolved
// breadcrumb for each of its pages.
func (pg *page) Crumbs() []crumb {
	if pg.crumbs == nil && len(pg.trail) > 0 {
		prefix := ""
		if pg.r != nil && pg.r.lang != nil {
			prefix = pg.r.lang.prefix
		}
		pg.crumbs = resolveCrumbs(pg, pg.Site.Config.Percorso, prefix)
	}
	return pg.crumbs
}

// steps is the page's trail, its own step included.
func (pg *page) steps() []crumb {
	if !pg.titled {
		return pg.trail
	}
	return append(pg.trail[:len(pg.trail):len(pg.trail)], crumb{Title: pg.Title})
}

// crumb is a step of the breadcrumb.
type crumb struct {
	Title string
	URL   string // relative; empty for the current page
}

// ---- The frame of every page ----

// chromeView is what the frame of every page (head, header, menu, footer)
// shows, prepared in Go: the theme reads it as plain fields instead of
// calling a method for each link, which is most of a small page's time.
// A page prepares it once, however many templates read it.
type chromeView struct {
	Lang     string // the language of the site's words: "it"
	Kind     string // the full name of the kind of the site's plans, or of plans in general
	Ente     string // the body's name
	EnteSite string // its website, when a safe address

	// Links to the site's own files, relative to the page.
	Favicon, CSS, Feed, Home, Search, OpenData, Archive string

	// Section is the first level of the path (Amministrazione
	// Trasparente); Plan, the plan the menu points at (nil without plans).
	Section link
	Plan    *navPlan

	// SearchesRevisions, SearchesSections: the search covers revisions
	// and narrative sections too (a plan has some), and the header's
	// search box says so.
	SearchesRevisions, SearchesSections bool

	// The footer: contacts, the configured links with a safe address,
	// the accessibility statement, the privacy notice and the licence
	// (its URL empty when not a safe address).
	Address, PEC, TaxCode  string
	Email, Phone           string
	Links                  []link
	Accessibility, Privacy string
	Licence                link

	// In a site of several languages: the page in each language (the
	// switcher and the head's alternate links, in the site's order, the
	// page's own with Current) and where a page that shows some text in
	// the main language says so (Untranslated, to print where the note
	// goes: the renderer puts it there, or nothing).
	Langs        []langLink
	Alternates   []langLink
	Untranslated template.HTML
}

// langLink is a page in one language.
type langLink struct {
	Lang, Name, URL string
	Current         bool
}

type link struct{ Title, URL string }

// navPlan is the plan of the menu and the footer.
type navPlan struct {
	Title, Sigla, Period, URL string
	Revisions                 string // its revisions page, when it has revisions
	Indexes                   string // its indexes
	Glossary                  string // its Glossario, when it has one
}

// Chrome returns the frame of the page.
func (pg *page) Chrome() *chromeView {
	if pg.chrome != nil {
		return pg.chrome
	}
	np := pg.NavPlan()
	cfg := &pg.Site.Config
	c := &chromeView{
		Lang:     pg.r.words.Lang,
		Kind:     pg.r.words.KindName(siteKind(pg.Site)),
		Ente:     cfg.Ente.Nome.S,
		EnteSite: pg.SafeURL(cfg.Ente.Sito.S),
		Favicon:  pg.Asset("img/favicon.svg"), CSS: pg.Asset("css/piao.css"),
		Home: pg.Home(), Search: pg.SearchURL(),
		OpenData: pg.OpenDataURL(), Archive: pg.ArchiveURL(),
		Section: link{Title: cfg.Percorso[0].Titolo.S, URL: pg.SectionURL(0)},
		Address: cfg.Ente.Indirizzo.S, PEC: cfg.Ente.PEC.S, TaxCode: cfg.Ente.CodiceFiscale.S,
		Email: cfg.Ente.Email.S, Phone: cfg.Ente.Telefono.S,
		Accessibility: pg.SafeURL(cfg.Accessibilita.S),
		Privacy:       pg.SafeURL(cfg.Privacy.S),
	}
	if np != nil {
		c.Plan = &navPlan{Title: np.Titolo.S, Sigla: np.Sigla.S, Period: np.Periodo.S, URL: pg.PlanURL(np),
			Indexes: pg.IndexesURL(np), Glossary: pg.GlossaryURL(np)}
		if len(np.Revisioni) > 0 {
			c.Plan.Revisions = pg.PlanRevisionsURL(np)
		}
	}
	c.SearchesRevisions, c.SearchesSections = searchCovers(pg.Site)
	for _, l := range cfg.Collegamenti {
		if u := pg.SafeURL(l.URL.S); u != "" {
			c.Links = append(c.Links, link{Title: l.Titolo.S, URL: u})
		}
	}
	if c.Kind == "" {
		c.Kind = pg.r.words.T("kind.any")
	}
	if pg.HasFeed() {
		c.Feed = pg.FeedURL()
	}
	lic := pg.Licence()
	c.Licence = link{Title: lic.Nome.S, URL: pg.SafeURL(lic.URL.S)}
	if pg.r.langs != nil && pg.r.langs.multi() {
		c.Langs, c.Alternates = pg.r.twins(pg)
		if pg.r.lang != pg.r.langs.main() {
			c.Untranslated = untranslatedMark
		}
	}
	pg.chrome = c
	return c
}

// searchCovers reports whether the site's search covers revisions and
// narrative sections: whether any plan has some.
func searchCovers(site *plan.Site) (revisions, sections bool) {
	for _, p := range site.Plans {
		revisions = revisions || len(p.Revisioni) > 0
		sections = sections || len(p.Sezioni) > 0
	}
	return revisions, sections
}

// NavPlan is the plan the header's menu points at: the page's own plan,
// or the newest one on pages above the plans.
func (pg *page) NavPlan() *plan.Plan {
	if pg.Plan != nil {
		return pg.Plan
	}
	if len(pg.Site.Plans) > 0 {
		return pg.Site.Plans[0]
	}
	return nil
}

// ---- Links: every one relative to the page ----

// Rel links from this page to an output path: a page of the site in the
// page's language, a file of the open data (in the main language's
// folder) or of the whole site.
func (pg *page) Rel(to string) string { return relURL(pg.Path, pg.r.local(to)) }

// Asset links to a theme asset ("css/piao.css").
func (pg *page) Asset(name string) string { return pg.Rel(assetPath(name)) }

// Home links to the home page.
func (pg *page) Home() string { return pg.Rel(homePath()) }

// Root links to the site's root folder: "" or "../" and so on.
func (pg *page) Root() string { return strings.TrimSuffix(pg.Home(), indexFile) }

// SectionURL links to the page of breadcrumb level i, or to the URL the
// config gives for it.
func (pg *page) SectionURL(i int) string {
	levels := pg.Site.Config.Percorso
	if u := levels[i].URL.S; u != "" && pg.SafeURL(u) != "" {
		return u
	}
	return pg.Rel(sectionPath(levels, i))
}

// PlanURL links to a plan's page.
func (pg *page) PlanURL(p *plan.Plan) string { return pg.Rel(planPath(p)) }

// SheetURL links to a sheet's page.
func (pg *page) SheetURL(s *plan.Sheet) string { return pg.Rel(sheetPath(s)) }

// OriginalURL links to a sheet as originally approved.
func (pg *page) OriginalURL(s *plan.Sheet) string { return pg.Rel(originalPath(s)) }

// IndicatorURL links to an indicator's anchor.
func (pg *page) IndicatorURL(s *plan.Sheet, ind *plan.Indicator) string {
	return pg.Rel(sheetPath(s) + "#" + IndicatorAnchor(ind))
}

// IndicatorAnchor is the stable fragment id of an indicator.
func IndicatorAnchor(ind *plan.Indicator) string { return "ind-" + slug(ind.ID.S) }

// UnitURL links to a unit of the page's plan.
func (pg *page) UnitURL(code string) string { return pg.Rel(unitPath(pg.Plan, code)) }

// AreaURL links to an area of the page's plan.
func (pg *page) AreaURL(code string) string { return pg.Rel(areaPath(pg.Plan, code)) }

// LineURL links to a strategic line of the page's plan.
func (pg *page) LineURL(code string) string { return pg.Rel(linePath(pg.Plan, code)) }

// ObjectiveURL links to a strategic objective of the page's plan where an
// index lists it: its line's page, or the index of objectives of a plan
// without lines; "" when none does.
func (pg *page) ObjectiveURL(key string) string {
	o := pg.Plan.Objective(key)
	switch {
	case o == nil:
		return ""
	case o.Line != nil:
		return pg.Rel(linePath(pg.Plan, o.Line.Key()) + "#" + objectiveAnchor(o))
	case !pg.Plan.HasLines() && pg.Plan.HasObjectives():
		return pg.Rel(listingPath(pg.Plan, objectivesIndex) + "#" + objectiveAnchor(o))
	}
	return ""
}

// ResponsibleURL links to the entry of a responsabile in the plan's index
// of responsabili.
func (pg *page) ResponsibleURL(name string) string {
	return pg.Rel(listingPath(pg.Plan, responsibleIndex) + "#" + responsibleAnchor(name))
}

// fieldIndexURL links to a value's entry in the index of a field (one of
// fieldIndexes' folders). The entry, a path and the slug of the value,
// is kept by the renderer (fieldEntries): every indicator of every page
// links three, of a few values each, and their slugs were 1% of a build
// of 1,000 sheets.
func (pg *page) fieldIndexURL(folder, value string) string {
	key := fieldEntry{pg.Plan, folder, value}
	if memo := pg.r.fieldEntries; memo != nil {
		if to, ok := memo.Load(key); ok {
			return pg.Rel(to.(string))
		}
	}
	to, ok := pg.r.fieldListings[pg.Plan][folder]
	if !ok {
		to = listingPath(pg.Plan, folder)
	}
	to += "#" + slug(strings.TrimSpace(value))
	if memo := pg.r.fieldEntries; memo != nil {
		memo.Store(key, to)
	}
	return pg.Rel(to)
}

// fieldEntry is a value of a field of a plan's indicators, and the
// folder of the field's index: the key of a renderer's fieldEntries.
type fieldEntry struct {
	plan          *plan.Plan
	folder, value string
}

// RevisionsURL links to the page's plan's revisions page, at a revision
// if id is not empty.
func (pg *page) RevisionsURL(id string) string {
	to := revisionsPath(pg.Plan)
	if id != "" {
		to += "#" + slug(id)
	}
	return pg.Rel(to)
}

// PlanRevisionsURL links to the revisions page of any plan.
func (pg *page) PlanRevisionsURL(p *plan.Plan) string { return pg.Rel(revisionsPath(p)) }

// IndexesURL links to a plan's indexes.
func (pg *page) IndexesURL(p *plan.Plan) string { return pg.Rel(indexesPath(p)) }

// GlossaryURL links to a plan's Glossario page, or "" when the plan and
// config.yaml have no glossary.
func (pg *page) GlossaryURL(p *plan.Plan) string {
	if len(pg.r.glossaries[p]) == 0 {
		return ""
	}
	return pg.Rel(glossaryPath(p))
}

// SearchURL links to the search page.
func (pg *page) SearchURL() string { return pg.Rel(searchPagePath) }

// SearchData links to the folder of the search index files, with a
// trailing slash.
func (pg *page) SearchData() string {
	const probe = "indice.js"
	pg.r.touch(pg)
	return strings.TrimSuffix(relURL(pg.Path, pg.r.search.Dir+"/"+probe), probe)
}

// SearchLangScript links to the script of the search rules of the page's
// language ("js/lingue/de.js"), loaded before the search script; "" for
// Italian, whose rules are in the search script.
func (pg *page) SearchLangScript() string {
	if lang := pg.r.words.search.Code; lang != "it" {
		return pg.Asset("js/lingue/" + lang + ".js")
	}
	return ""
}

// OpenDataURL links to the Dati aperti page.
func (pg *page) OpenDataURL() string { return pg.Rel(openDataPath()) }

// DataURL links to a file of the page's plan's open data ("indicatori.csv").
func (pg *page) DataURL(file string) string { return pg.Rel(dataPath(pg.Plan, file)) }

// SheetDataURL links to a sheet's JSON.
func (pg *page) SheetDataURL(s *plan.Sheet) string { return pg.Rel(sheetDataPath(s)) }

// FeedURL links to the Atom feed of the revisions.
func (pg *page) FeedURL() string { return pg.Rel(feedPath()) }

// HasFeed reports whether the site has a feed of its revisions: not when
// no date of the content names its day.
func (pg *page) HasFeed() bool { return pg.r.hasFeed }

// ArchiveURL links to the Archivio page.
func (pg *page) ArchiveURL() string { return pg.Rel(archivePath()) }

// SnapshotURL links to a snapshot's copy of its plan's page, or to its
// landing page when the plan is unknown.
func (pg *page) SnapshotURL(m SnapshotMeta) string {
	for _, s := range pg.r.snapshots {
		if s.Meta.Nome != m.Nome || m.Piano == "" {
			continue
		}
		// The plan's page in the page's language, if the snapshot has it.
		for _, prefix := range []string{pg.r.langPrefix(), ""} {
			if p := path.Join(prefix, slug(m.Piano), indexFile); s.Files[p] != nil {
				return pg.Rel(snapshotPath(m.Nome, p))
			}
		}
	}
	return pg.SnapshotFileURL(m, homePath())
}

// SnapshotFileURL links to a file of a snapshot.
func (pg *page) SnapshotFileURL(m SnapshotMeta, file string) string {
	return pg.Rel(snapshotPath(m.Nome, file))
}

// ---- Text ----

// Markdown renders author text as HTML (the only way text becomes HTML).
// A body shown in the main language, on another language's page, is
// marked as a whole.
func (pg *page) Markdown(s string) template.HTML {
	if inner, ok := strings.CutPrefix(s, fallbackOpen); ok && strings.HasSuffix(inner, fallbackClose) {
		pg.fallbacks = true
		return template.HTML(pg.r.fallbackBlock(string(pg.r.md.Render(strings.TrimSuffix(inner, fallbackClose)))))
	}
	return pg.r.md.Render(s)
}

// SafeURL returns u when it is an allowed link target, else "": for a
// URL of the config, as the renderer judged it once.
func (pg *page) SafeURL(u string) string {
	safe, judged := false, false
	if pg.r != nil {
		safe, judged = pg.r.configURLs[u]
	}
	if !judged {
		safe = markup.SafeURL(u)
	}
	if safe {
		return u
	}
	return ""
}

// SheetName is a sheet's display title.
func (pg *page) SheetName(s *plan.Sheet) string { return pg.r.words.SheetName(s) }

// KindPlural names the site's plans in a list: "Piani integrati di
// attività e organizzazione" when they are all PIAO.
func (pg *page) KindPlural() string { return pg.r.words.KindPlural(siteKind(pg.Site)) }

// FieldLabel is the label of a field, as the change lists name it.
func (pg *page) FieldLabel(f plan.Field) string { return pg.r.words.Field(pg.Plan, f) }

// Licence is the licence of the content.
func (pg *page) Licence() plan.Licenza { return pg.Site.Config.Licenza }

// SearchWords are the search script's words, as JSON, for the search
// page to pass to it.
func (pg *page) SearchWords() string {
	const prefix = "search.js."
	out := map[string]string{}
	for k, v := range pg.r.words.text {
		if strings.HasPrefix(k, prefix) {
			out[strings.TrimPrefix(k, prefix)] = v
		}
	}
	// The kinds of result are named as the plan names its levels, and a
	// kind no plan has is not named at all.
	if !slices.ContainsFunc(pg.Site.Plans, func(p *plan.Plan) bool { return len(p.Strategic) > 0 }) {
		delete(out, "kind.0")
	} else if l := pg.r.words.Level(pg.Plan, "obiettivo_strategico"); l.Renamed {
		out["kind.0"] = l.One
	}
	if l := pg.r.words.Level(pg.Plan, "obiettivo_operativo"); l.Renamed {
		out["kind.1"] = l.One
	}
	for k, v := range out {
		out[k] = stripFallbacks(v) // a level's name the language lacks: shown as it is by the script
	}
	b, _ := json.Marshal(out) // strings only: always marshals, keys sorted
	return string(b)
}

// EnteIn is the ente's name in a language of the site.
func (pg *page) EnteIn(lang string) string {
	if l := pg.r.langs.get(lang); l != nil {
		return stripFallbacks(l.model.Config.Ente.Nome.S)
	}
	return pg.Site.Config.Ente.Nome.S
}

// KindIn names the site's plans in a language of the site, as the header
// does.
func (pg *page) KindIn(lang string) string {
	l := pg.r.langs.get(lang)
	if l == nil {
		return ""
	}
	if kind := l.words.KindName(siteKind(l.model)); kind != "" {
		return kind
	}
	return l.words.T("kind.any")
}

// Glossary lists the abbreviations of the page's plan (config.yaml's and
// its own) with what they stand for (.Term, .Meaning), alphabetically.
func (pg *page) Glossary() []glossaryEntry { return pg.r.glossaries[pg.Plan] }

// Attachments prepares allegati of the page's plan for a list: .Title,
// .URL, and for a file of the site .Kind ("PDF"), .MIME and .Size; an
// address is .External.
func (pg *page) Attachments(list []plan.Attachment) []attachmentView { return pg.attachmentViews(list) }

// Selection says, when the page's plan publishes only some of its sheets
// (schede: selezione), which ones (.Which, as piano.yaml says) and where
// the whole plan is (.URL); nil when it publishes them all.
func (pg *page) Selection() *selectionView {
	p := pg.Plan
	if p == nil || p.Schede.S != schedeSelection {
		return nil
	}
	v := &selectionView{}
	if sel := p.Selezione; sel != nil {
		v.Which = sel.Descrizione.S
		v.URL = pg.SafeURL(sel.PianoCompleto.S)
	}
	return v
}

type selectionView struct{ Which, URL string }

// ---- Values and revisions ----

// valueView is a value as a template shows it: the value in force, the
// earlier ones, the date it refers to (a baseline's) and the marker of a
// footnote; for a text a revision changed, the word-level difference from
// the value before it (nil for short values, shown before and after).
type valueView struct {
	Current string
	Old     []oldValue
	Date    string
	Marker  string
	Note    *noteRef // the footnote the marker points to, when known
	Diff    []worddiff.Span
	Link    string // the value's entry in an index of the plan
}

type oldValue struct {
	Value    string
	RevDate  string
	RevURL   string
	RevTitle string
}

// Val prepares a value for display: on the current page with its earlier
// values, on the "as approved" page as first approved.
func (pg *page) Val(v plan.Value) valueView {
	if pg.Original {
		return valueView{Current: v.Original(), Date: v.Date().S, Marker: v.Marker()}
	}
	out := valueView{Current: v.S, Date: v.Date().S, Marker: v.Marker()}
	for _, p := range v.Priors() {
		o := oldValue{Value: p.Valore.S, RevURL: pg.RevisionsURL(p.Revisione.S)}
		if rev := pg.Plan.Revision(p.Revisione.S); rev != nil {
			o.RevDate = rev.Data.S
			o.RevTitle = rev.Atto.S
		}
		out.Old = append(out.Old, o)
	}
	if n := len(v.Priors()); n > 0 {
		out.Diff = pg.diff(v.Priors()[n-1].Valore.S, v.S)
	}
	return out
}

// indicatorView is an indicator as its sheet's page shows it, prepared in
// one call: a template evaluates each of its fields far more slowly than
// Go computes them.
type indicatorView struct {
	Number         int
	Anchor         string
	Removed, Added bool // as shown on this page
	Caption        string
	Name           string // the description, shortened for the heading
	Rows           []fieldRow
	Targets        []fieldRow // the targets, one per year, shown apart
}

// fieldRow is a row of an indicator's table: its label, the marker of a
// footnote about the field (and the footnote), and the value.
type fieldRow struct {
	Label, Marker string
	Note          *noteRef
	Value         valueView
}

// IndicatorView prepares indicator ind of sheet s for this page: its
// name, its targets, and a row for each of its other fields, in the
// order of the table of fields (the description only when the name
// shortens it or a revision changed it).
func (pg *page) IndicatorView(s *plan.Sheet, ind *plan.Indicator) *indicatorView {
	v := &indicatorView{Rows: make([]fieldRow, 0, 6), Targets: make([]fieldRow, 0, len(ind.Target))}
	pg.fillIndicatorView(v, s, ind)
	return v
}

// indicatorViews lend the views the built-in theme writes at once and
// lets go (withIndicatorView): made anew for every indicator of every
// page, their rows were 7 MB of the 180 a build of 1,000 sheets
// allocates (and faults in: it does not collect).
var indicatorViews = sync.Pool{New: func() any { return &indicatorView{} }}

// withIndicatorView calls fn with the view of indicator ind of sheet s
// for this page, lent from indicatorViews: fn must not keep it.
func (pg *page) withIndicatorView(s *plan.Sheet, ind *plan.Indicator, fn func(v *indicatorView)) {
	v := indicatorViews.Get().(*indicatorView)
	pg.fillIndicatorView(v, s, ind)
	fn(v)
	clear(v.Rows[:cap(v.Rows)]) // nothing of this page kept alive by the pool
	clear(v.Targets[:cap(v.Targets)])
	*v = indicatorView{Rows: v.Rows[:0], Targets: v.Targets[:0]}
	indicatorViews.Put(v)
}

// fillIndicatorView makes v, whose rows are empty, the view of indicator
// ind of sheet s for this page (IndicatorView).
func (pg *page) fillIndicatorView(v *indicatorView, s *plan.Sheet, ind *plan.Indicator) {
	v.Number, v.Anchor = pg.IndicatorNumber(s, ind), IndicatorAnchor(ind)
	v.Removed, v.Added = pg.Removed(ind), ind.Added() && !pg.Original
	// Where an expected result is written, or the plan names its objectives
	// otherwise ("Risultato atteso"), a target is not called the expected
	// result.
	plain := ind.RisultatoAtteso.S != "" || s.RisultatoAtteso.S != "" || pg.r.words.Level(pg.Plan, "obiettivo_operativo").Renamed
	desc := pg.Val(ind.Descrizione).Current
	name, cut := pg.shortName(desc)
	v.Name, v.Caption = name, desc
	for f := range ind.Fields() {
		if !pg.Plan.Has(f.Spec) || f.Value.S == "" && !f.Value.Revised() {
			continue // a field the plan or the indicator leaves empty: no row
		}
		var label string
		if plain || f.Key == "target" { // a target's row is shown apart, by its label
			label = pg.r.words.Field(pg.Plan, f)
		} else {
			label = pg.r.words.FieldRow(pg.Plan, f)
		}
		row := fieldRow{Label: label, Marker: pg.Marked(ind.Note, f.Key), Value: pg.Val(f.Value)}
		row.Note = pg.noteRef(row.Marker, s, ind)
		row.Value.Note = pg.noteRef(row.Value.Marker, s, ind)
		if folder := fieldIndexes[f.Key]; folder != "" && len(row.Value.Old) == 0 {
			row.Value.Link = pg.fieldIndexURL(folder, f.Value.S)
		}
		switch {
		case f.Key == "target":
			v.Targets = append(v.Targets, row)
		case f.Key == "descrizione" && !cut && (pg.Original || !f.Value.Revised()):
			// the heading says it whole
		default:
			v.Rows = append(v.Rows, row)
		}
	}
}

// IndicatorNumber is the 1-based position of an indicator in its sheet.
func (pg *page) IndicatorNumber(s *plan.Sheet, ind *plan.Indicator) int {
	for i := range s.Indicatori {
		if &s.Indicatori[i] == ind {
			return i + 1
		}
	}
	return 0
}

// SheetVal is Val for a value of sheet s, its footnote marker linked to
// the sheet's footnote.
func (pg *page) SheetVal(s *plan.Sheet, v plan.Value) valueView {
	out := pg.Val(v)
	out.Note = pg.noteRef(out.Marker, s, nil)
	return out
}

// NoteID is the anchor of footnote n (from 1) of sheet s, or of its
// indicator ind when not nil.
func (pg *page) NoteID(ind *plan.Indicator, n int) string { return noteID(ind, n) }

// NoteRef is the footnote that marker points to, among those of
// indicator ind (when not nil) and of sheet s shown on this page: its
// anchor and its text; nil when none.
func (pg *page) NoteRef(marker string, s *plan.Sheet, ind *plan.Indicator) *noteRef {
	return pg.noteRef(marker, s, ind)
}

// Rev returns the revision of the page's plan with the given id.
func (pg *page) Rev(id string) *plan.Revision { return pg.Plan.Revision(id) }

// Shown reports whether an indicator appears on this page: on the "as
// approved" page, indicators added later do not.
func (pg *page) Shown(ind *plan.Indicator) bool {
	return !pg.Original || !ind.Added()
}

// ShownNote is Shown for footnotes.
func (pg *page) ShownNote(n plan.Note) bool { return !pg.Original || n.Inserita.S == "" }

// Removed reports whether an indicator is shown as removed on this page.
func (pg *page) Removed(ind *plan.Indicator) bool { return !pg.Original && ind.Removed() }

// Marked returns the marker of the footnote about field, if one shown on
// this page marks it.
func (pg *page) Marked(notes []plan.Note, field string) string {
	for _, n := range notes {
		if !pg.ShownNote(n) {
			continue
		}
		for _, c := range n.Campi {
			if c.S == field {
				return n.Rimando.S
			}
		}
	}
	return ""
}

// changeView is what a revision changed in one sheet, with the sheet's
// and its indicators' notes about that revision, and both grouped part by
// part with the notes that explain them.
type changeView struct {
	Sheet  *plan.Sheet
	Notes  []plan.RevNote
	Items  []plan.Change
	Groups []revGroupView
}

// Changes lists what a revision changed in the plan, sheet by sheet.
func (pg *page) Changes(id string) []changeView {
	var out []changeView
	pg.eachChange(id, func(v changeView) { out = append(out, v) })
	return out
}

// eachChange calls fn with what revision id changed in each sheet, in the
// order of Changes, one sheet at a time: on a plan of tens of thousands
// of sheets the views of them all, made at once, were some 40 MB held
// beside the page of the revisions while it was written.
func (pg *page) eachChange(id string, fn func(changeView)) {
	var cur changeView
	for _, s := range pg.Plan.Sheets() {
		for _, c := range s.Changes(id) {
			if cur.Sheet != c.Sheet {
				if cur.Sheet != nil {
					fn(cur)
				}
				cur = changeView{Sheet: c.Sheet, Notes: c.Sheet.RevNotes(id), Groups: pg.revisionGroups(c.Sheet, id)}
			}
			cur.Items = append(cur.Items, c)
		}
	}
	if cur.Sheet != nil {
		fn(cur)
	}
}

// RevisionGroups lists what revision id did to sheet s, part by part
// (the sheet itself, its indicators), each group with the notes that
// explain it: what changed ("Che cosa cambia") and why ("Perché").
func (pg *page) RevisionGroups(s *plan.Sheet, id string) []revGroupView {
	return pg.revisionGroups(s, id)
}

// Indicators lists the indicators of sheet s that this page shows, those
// in force first and those removed after, each group in sheet order.
func (pg *page) Indicators(s *plan.Sheet) []*plan.Indicator {
	var kept, removed []*plan.Indicator
	for _, ind := range s.Indicators() {
		switch {
		case !pg.Shown(ind):
		case pg.Removed(ind):
			removed = append(removed, ind)
		default:
			kept = append(kept, ind)
		}
	}
	return append(kept, removed...)
}

// Badges says what the revisions did to sheet s: "target ridotto",
// "indicatore stralciato" (each with .Key and .Label; .State for a sheet
// added or removed).
func (pg *page) Badges(s *plan.Sheet) []badgeView { return badgeList(pg.r.words, s.Badges(), false) }

// IndicatorBadges says what the revisions did to indicator ind of sheet s.
func (pg *page) IndicatorBadges(s *plan.Sheet, ind *plan.Indicator) []badgeView {
	return badgeList(pg.r.words, ind.Badges(s), true)
}

// ---- The plan's structure ----

// LevelName is the name of a level of the page's plan (area, unita, linea,
// obiettivo_strategico, obiettivo_operativo), as its livelli rename it;
// LevelNames, its plural.
func (pg *page) LevelName(key string) string { return pg.r.words.Level(pg.Plan, key).One }

// LevelNames is the plural of LevelName.
func (pg *page) LevelNames(key string) string { return pg.r.words.Level(pg.Plan, key).Many }

// LT is the word KEY of a phrase that names a level: KEY.renamed, with the
// level's name, when the page's plan renames it.
func (pg *page) LT(key, level string, args ...any) template.HTML {
	return pg.r.words.LevelledHTML(pg.Plan, key, level, args...)
}

// LineName names a strategic line with its code: "Linea 1 - Digitale".
func (pg *page) LineName(l *plan.Line) string { return pg.r.words.LineName(pg.Plan, l) }

// LCount says how many of a level: "3 obiettivi operativi", or "3 settori"
// in a plan that calls its units so.
func (pg *page) LCount(key, level string, n int) string {
	return pg.r.words.LevelCount(pg.Plan, key, level, n)
}

// IndexKinds says which indexes the page's plan has, after their link:
// ": per unità, area, linea, tipologia, dalla A alla Z".
func (pg *page) IndexKinds() string {
	w, p := pg.r.words, pg.Plan
	var parts []string
	for _, l := range []struct {
		level string
		has   bool
	}{{"unita", p.HasUnits()}, {"area", p.HasAreas()}, {"linea", p.HasLines()}} {
		if !l.has {
			continue
		}
		if name := w.Level(p, l.level); name.Renamed {
			parts = append(parts, w.inSentence(name.One))
		} else {
			parts = append(parts, w.T("plan.indexes."+l.level))
		}
	}
	if slices.ContainsFunc(p.Sheets(), func(s *plan.Sheet) bool {
		return slices.ContainsFunc(s.Indicatori, func(i plan.Indicator) bool { return i.Tipologia.S != "" })
	}) {
		parts = append(parts, w.T("plan.indexes.typology"))
	}
	if len(parts) == 0 {
		return w.T("plan.indexes.az")
	}
	return w.T("plan.indexes.by", "kinds", strings.Join(parts, ", "))
}

// RefName names a part of the plan with its code, when it has one: "4.2 -
// Digitalizzazione", or the name alone.
func (pg *page) RefName(r plan.Ref) string { return pg.r.words.RefName(r) }

// UnitOf returns the unit of an operational sheet, or nil.
func (pg *page) UnitOf(s *plan.Sheet) *plan.Unit { return pg.Plan.UnitOf(s) }

// AreaOf returns the area of an operational sheet: the one it names, or
// its unit's; nil for none.
func (pg *page) AreaOf(s *plan.Sheet) *plan.Area { return pg.Plan.AreaOf(s) }

// LineOf resolves a sheet's strategic line: the one it names, or its
// objectives'.
func (pg *page) LineOf(s *plan.Sheet) *plan.Line { return pg.Plan.LineOf(s) }

// Objective resolves a strategic objective reference.
func (pg *page) Objective(key string) *plan.Objective { return pg.Plan.Objective(key) }

// ObjectiveSheets lists the operational sheets serving the objective
// with that key.
func (pg *page) ObjectiveSheets(key string) []*plan.Sheet { return pg.Plan.SheetsOfObjective(key) }

// StrategicOf lists the strategic sheets of a line.
func (pg *page) StrategicOf(code string) []*plan.Sheet {
	s, _ := pg.Plan.SheetsOfLine(code)
	return s
}

// OperationalOf lists the operational sheets of a line.
func (pg *page) OperationalOf(code string) []*plan.Sheet {
	_, o := pg.Plan.SheetsOfLine(code)
	return o
}

// objectiveSheets is a strategic objective (nil: none named) with the
// operational sheets that pursue it.
type objectiveSheets struct {
	Objective *plan.Objective
	Sheets    []*plan.Sheet
}

// OperationalOfSheet lists what a strategic sheet's objectives are pursued
// by: each objective it names that some operational sheet serves, with
// those sheets; for a sheet that names none, its line's operational
// sheets.
func (pg *page) OperationalOfSheet(s *plan.Sheet) []objectiveSheets {
	var out []objectiveSheets
	for _, o := range s.Obiettivi {
		obj := pg.Plan.Objective(o.S)
		if sheets := pg.Plan.SheetsOfObjective(o.S); obj != nil && len(sheets) > 0 {
			out = append(out, objectiveSheets{obj, sheets})
		}
	}
	if len(s.Obiettivi) == 0 {
		if l := pg.Plan.LineOf(s); l != nil {
			if _, op := pg.Plan.SheetsOfLine(l.Key()); len(op) > 0 {
				out = append(out, objectiveSheets{nil, op})
			}
		}
	}
	return out
}

// UnitSheets lists a unit's operational sheets.
func (pg *page) UnitSheets(code string) []*plan.Sheet { return pg.Plan.SheetsOfUnit(code) }

// longPlan is the number of sheets above which the home and plan pages
// count each objective's operational sheets instead of listing them all:
// the line, unit and index pages list them.
const longPlan = 200

// SheetCount is the number of sheets of the page's plan.
func (pg *page) SheetCount() int { return len(pg.Plan.Strategic) + len(pg.Plan.Operational) }

// LongPlan reports whether the page's plan has more than longPlan sheets.
func (pg *page) LongPlan() bool { return pg.SheetCount() > longPlan }

// ---- Lists of files ----

// Downloads lists the open data files of a plan (nil: the site-wide
// ones); with sheets, the sheets' own files instead.
func (pg *page) Downloads(p *plan.Plan, sheets bool) []download {
	if pg.Kind != "opendata" { // its key holds the sizes as it shows them (buildCache.keys)
		pg.r.touch(pg)
	}
	var out []download
	for _, d := range pg.r.downloads {
		if d.Plan == p && (d.Sheet != nil) == sheets {
			out = append(out, d)
		}
	}
	return out
}

// DownloadID is the id of a download's row on the Dati aperti page, the
// fragment the catalogue names a plan's dataset with.
func (pg *page) DownloadID(d download) string {
	for _, spec := range datasetSpecs {
		if d.Plan != nil && d.Path == dataPath(d.Plan, spec.file) {
			return d.Plan.Slug + "-" + spec.id
		}
	}
	return ""
}

// HasCatalog reports whether the site publishes its DCAT-AP_IT catalogue:
// only with url_base in config.yaml.
func (pg *page) HasCatalog() bool { return hasCatalog(pg.Site) }

// Snapshots lists the published snapshots, newest first.
func (pg *page) Snapshots() []SnapshotMeta {
	var out []SnapshotMeta
	for _, s := range pg.r.snapshots {
		out = append(out, s.Meta)
	}
	return out
}

// SearchFilters lists the plans, areas, units, lines and typologies the
// search page filters by.
func (pg *page) SearchFilters() searchFilters {
	var has func(facet string) bool
	if s := pg.r.search; s != nil && s.Facets != nil {
		has = func(facet string) bool { return s.Facets[facet] }
	}
	return searchFiltersOf(pg.Site, pg.r.words, has)
}

// ---- The performance cycle: monitoring, results, the Relazione ----

// IndicatorCycle prepares an indicator's target and result side by side
// per year, with its outcome, and its monitoring (cycle_view.go); nil
// when it has none to show, and on an "as approved" page.
func (pg *page) IndicatorCycle(s *plan.Sheet, ind *plan.Indicator) *cycleView {
	return pg.indicatorCycle(s, ind)
}

// SheetCycle prepares a sheet's own results and monitoring and the
// objective's achievement per year; nil when it has none to show.
func (pg *page) SheetCycle(s *plan.Sheet) *cycleView { return pg.sheetCycle(s) }

// LevelResults prepares the years of results of a unit, an area or a line
// (level "unita", "area" or "linea", key its code) for its page.
func (pg *page) LevelResults(level, key string) []levelYear { return pg.levelResults(level, key) }

// ReportView prepares the page of a Relazione sulla performance.
func (pg *page) ReportView() *reportView { return pg.reportView() }

// reportLink is a Relazione sulla performance, for the lists that link it.
type reportLink struct {
	Title, URL string
	Plan       *plan.Plan
	Report     *plan.Report
}

// Reports lists the Relazioni of every plan (of the page's plan only, on
// a plan's page), newest year first.
func (pg *page) Reports() []reportLink {
	var out []reportLink
	for _, p := range pg.Site.Plans {
		if pg.Kind == "plan" && p != pg.Plan {
			continue
		}
		for i := len(p.Relazione) - 1; i >= 0; i-- {
			r := &p.Relazione[i]
			out = append(out, reportLink{Title: pg.r.words.T("report.title", "year", r.Anno), URL: pg.Rel(reportPath(p, r.Anno)), Plan: p, Report: r})
		}
	}
	slices.SortStableFunc(out, func(a, b reportLink) int { return strings.Compare(b.Report.Anno, a.Report.Anno) })
	return out
}

// ReportsURL links to the section "Relazione sulla Performance", or ""
// when no plan has a Relazione; on a section page, only on the one above
// the plans' level.
func (pg *page) ReportsURL() string {
	levels := pg.Site.Config.Percorso
	if pg.Kind == "section" && pg.Level != len(levels)-2 {
		return ""
	}
	for _, p := range pg.Site.Plans {
		if len(p.Relazione) > 0 {
			return pg.Rel(reportsPath(levels))
		}
	}
	return ""
}

// ReportsTitle is the name of the section of the Relazioni.
func (pg *page) ReportsTitle() string { return pg.r.words.T("reports.section") }

// LatestMonitoring is the date of the latest monitoring entry of the
// page's plan, "" when it has none.
func (pg *page) LatestMonitoring() string { return latestMonitoring(pg.Plan) }

// MonitoringFollowed lists the monitoring entries whose proposal revision
// id took up, sheet by sheet (revisions page).
func (pg *page) MonitoringFollowed(id string) []followed { return pg.monitoringFollowed(id) }
