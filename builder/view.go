package builder

import (
	"html/template"
	"path"
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// Snapshots lists the published snapshots, newest first.
func (pg *page) Snapshots() []SnapshotMeta {
	var out []SnapshotMeta
	for _, s := range pg.r.snapshots {
		out = append(out, s.Meta)
	}
	return out
}

// SnapshotURL links to a snapshot's copy of its plan's page, or to its
// landing page when the plan is unknown.
func (pg *page) SnapshotURL(m SnapshotMeta) string {
	for _, s := range pg.r.snapshots {
		if s.Meta.Nome != m.Nome {
			continue
		}
		if _, ok := s.Files[path.Join(slug(m.Piano), indexFile)]; ok && m.Piano != "" {
			return pg.Rel(snapshotPath(m.Nome, path.Join(slug(m.Piano), indexFile)))
		}
	}
	return pg.SnapshotFileURL(m, homePath())
}

// SnapshotFileURL links to a file of a snapshot.
func (pg *page) SnapshotFileURL(m SnapshotMeta, file string) string {
	return pg.Rel(snapshotPath(m.Nome, file))
}

// ArchiveURL links to the Archivio page.
func (pg *page) ArchiveURL() string { return pg.Rel(archivePath()) }

// chromeView is what the frame of every page (head, header, menu, footer)
// shows, prepared in Go: the theme reads it as plain fields instead of
// calling a method for each link, which is most of a small page's time.
// A page prepares it once, however many templates read it.
type chromeView struct {
	Ente     string // the body's name
	EnteSite string // its website, when a safe address

	// Links to the site's own files, relative to the page.
	Favicon, CSS, Feed, Home, Search, OpenData, Archive string

	// Section is the first level of the path (Amministrazione
	// Trasparente); Plan, the plan the menu points at (nil without plans).
	Section link
	Plan    *navPlan

	// The footer: contacts, the configured links with a safe address,
	// the accessibility statement, the privacy notice and the licence
	// (its URL empty when not a safe address).
	Address, PEC, TaxCode  string
	Links                  []link
	Accessibility, Privacy string
	Licence                link
}

type link struct{ Title, URL string }

// navPlan is the plan of the menu and the footer.
type navPlan struct {
	Title, Period, URL string
	Revisions          string // its revisions page, when it has revisions
}

// Chrome returns the frame of the page.
func (pg *page) Chrome() *chromeView {
	if pg.chrome != nil {
		return pg.chrome
	}
	np := pg.NavPlan()
	cfg := &pg.Site.Config
	c := &chromeView{
		Ente:     cfg.Ente.Nome.S,
		EnteSite: pg.SafeURL(cfg.Ente.Sito.S),
		Favicon:  pg.Asset("img/favicon.svg"), CSS: pg.Asset("css/piao.css"),
		Feed: pg.FeedURL(), Home: pg.Home(), Search: pg.SearchURL(),
		OpenData: pg.OpenDataURL(), Archive: pg.ArchiveURL(),
		Section: link{Title: cfg.Percorso[0].Titolo.S, URL: pg.SectionURL(0)},
		Address: cfg.Ente.Indirizzo.S, PEC: cfg.Ente.PEC.S, TaxCode: cfg.Ente.CodiceFiscale.S,
		Accessibility: pg.SafeURL(cfg.Accessibilita.S),
		Privacy:       pg.SafeURL(cfg.Privacy.S),
	}
	if np != nil {
		c.Plan = &navPlan{Title: np.Titolo.S, Period: np.Periodo.S, URL: pg.PlanURL(np)}
		if len(np.Revisioni) > 0 {
			c.Plan.Revisions = pg.PlanRevisionsURL(np)
		}
	}
	for _, l := range cfg.Collegamenti {
		if u := pg.SafeURL(l.URL.S); u != "" {
			c.Links = append(c.Links, link{Title: l.Titolo.S, URL: u})
		}
	}
	lic := pg.Licence()
	c.Licence = link{Title: lic.Nome.S, URL: pg.SafeURL(lic.URL.S)}
	pg.chrome = c
	return c
}

// IndexesURL links to a plan's indexes.
func (pg *page) IndexesURL(p *plan.Plan) string { return pg.Rel(indexesPath(p)) }

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

// PlanRevisionsURL links to the revisions page of any plan.
func (pg *page) PlanRevisionsURL(p *plan.Plan) string { return pg.Rel(revisionsPath(p)) }

// Downloads lists the open data files of a plan (nil: the site-wide
// ones); with sheets, the sheets' own files instead.
func (pg *page) Downloads(p *plan.Plan, sheets bool) []download {
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

// SheetDataURL links to a sheet's JSON.
func (pg *page) SheetDataURL(s *plan.Sheet) string { return pg.Rel(sheetDataPath(s)) }

// DataURL links to a file of the page's plan's open data.
func (pg *page) DataURL(file string) string { return pg.Rel(dataPath(pg.Plan, file)) }

// OpenDataURL links to the Dati aperti page.
func (pg *page) OpenDataURL() string { return pg.Rel(openDataPath()) }

// FeedURL links to the Atom feed of the revisions.
func (pg *page) FeedURL() string { return pg.Rel(feedPath()) }

// page is what a template sees: the site, where the page sits, and the
// object it shows.
type page struct {
	Kind      string
	Path      string
	Title     string
	Site      *plan.Site
	Plan      *plan.Plan
	Sheet     *plan.Sheet
	Unit      *plan.Unit
	Area      *plan.Area
	Line      *plan.Line
	Level     int // for section pages: the breadcrumb level
	Original  bool
	List      *listing   // for an index page
	Group     *listGroup // for the page of one group of a long index
	Lists     []*listing // for the page listing a plan's indexes
	Crumbs    []crumb
	Published string
	Updated   string
	Snapshot  *SnapshotMeta // for a snapshot's landing page
	r         *renderer
	chrome    *chromeView // once prepared, for the page being rendered
}

type crumb struct {
	Title string
	URL   string // relative; empty for the current page
}

// Rel links from this page to an output path.
func (pg *page) Rel(to string) string { return relURL(pg.Path, to) }

// Asset links to a theme asset.
func (pg *page) Asset(name string) string { return pg.Rel(assetPath(name)) }

// Home links to the home page.
func (pg *page) Home() string { return pg.Rel(homePath()) }

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

// UnitURL links to a unit's page.
func (pg *page) UnitURL(code string) string { return pg.Rel(unitPath(pg.Plan, code)) }

// AreaURL links to an area's page.
func (pg *page) AreaURL(code string) string { return pg.Rel(areaPath(pg.Plan, code)) }

// LineURL links to a line's page.
func (pg *page) LineURL(code string) string { return pg.Rel(linePath(pg.Plan, code)) }

// RevisionsURL links to the plan's revisions page, at a revision if id is
// not empty.
func (pg *page) RevisionsURL(id string) string {
	to := revisionsPath(pg.Plan)
	if id != "" {
		to += "#" + slug(id)
	}
	return pg.Rel(to)
}

// SectionURL links to the page of breadcrumb level i, or to the URL the
// config gives for it.
func (pg *page) SectionURL(i int) string {
	levels := pg.Site.Config.Percorso
	if u := levels[i].URL.S; u != "" && markup.SafeURL(u) {
		return u
	}
	return pg.Rel(sectionPath(levels, i))
}

// Markdown renders author text as HTML (the only way text becomes HTML).
func (pg *page) Markdown(s string) template.HTML { return pg.r.md.Render(s) }

// SafeURL returns u when it is an allowed link target, else "".
func (pg *page) SafeURL(u string) string {
	if markup.SafeURL(u) {
		return u
	}
	return ""
}

// valueView is a value as a template shows it.
type valueView struct {
	Current string
	Old     []oldValue
	Marker  string
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
		return valueView{Current: v.Original(), Marker: v.Rimando}
	}
	out := valueView{Current: v.S, Marker: v.Rimando}
	for _, p := range v.Precedenti {
		o := oldValue{Value: p.Valore.S, RevURL: pg.RevisionsURL(p.Revisione.S)}
		if rev := pg.Plan.Revision(p.Revisione.S); rev != nil {
			o.RevDate = rev.Data.S
			o.RevTitle = rev.Atto.S
		}
		out.Old = append(out.Old, o)
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
	Rows           []fieldRow
}

// fieldRow is a row of an indicator's table: its label, the marker of a
// footnote about the field, and the value.
type fieldRow struct {
	Label, Marker string
	Value         valueView
}

// IndicatorView prepares indicator ind of sheet s for this page.
func (pg *page) IndicatorView(s *plan.Sheet, ind *plan.Indicator) *indicatorView {
	v := &indicatorView{Number: pg.IndicatorNumber(s, ind), Anchor: IndicatorAnchor(ind),
		Removed: pg.Removed(ind), Added: ind.Added() && !pg.Original}
	desc := pg.Val(ind.Descrizione)
	v.Caption = desc.Current
	row := func(label, field string, val plan.Value) {
		r := fieldRow{Label: label, Value: pg.Val(val)}
		if field != "" {
			r.Marker = pg.Marked(ind.Note, field)
		}
		v.Rows = append(v.Rows, r)
	}
	v.Rows = make([]fieldRow, 0, 6+len(ind.Target))
	v.Rows = append(v.Rows, fieldRow{Label: "Descrizione", Value: desc})
	row("Algoritmo di calcolo", "algoritmo", ind.Algoritmo)
	for _, t := range ind.Target {
		row("Risultato atteso (target) "+t.Anno, "target", t)
	}
	row("Peso indicatore", "", ind.Peso)
	row("Fonte del dato", "fonte", ind.Fonte)
	row("Unità di misura", "unita_misura", ind.Unita)
	row("Tipologia indicatore", "tipologia", ind.Tipologia)
	return v
}

// Rev returns the revision with the given id.
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

// Marked reports whether a field label carries a footnote marker, and which.
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

// UnitOf returns the unit of an operational sheet.
func (pg *page) UnitOf(s *plan.Sheet) *plan.Unit { return pg.Plan.Unit(s.Unita.S) }

// SheetCount is the number of sheets of the page's plan.
func (pg *page) SheetCount() int { return len(pg.Plan.Strategic) + len(pg.Plan.Operational) }

// LongPlan reports whether the page's plan has more than longPlan sheets.
func (pg *page) LongPlan() bool { return pg.SheetCount() > longPlan }

// Objective resolves a strategic objective reference.
func (pg *page) Objective(key string) *plan.Objective { return pg.Plan.Objective(key) }

// LineOf resolves a sheet's strategic line.
func (pg *page) LineOf(s *plan.Sheet) *plan.Line { return pg.Plan.LineByCode(s.Linea.S) }

// ObjectiveSheets lists the operational sheets serving an objective.
func (pg *page) ObjectiveSheets(o *plan.Objective) []*plan.Sheet {
	return pg.Plan.SheetsOfObjective(o.Key())
}

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

// UnitSheets lists a unit's operational sheets.
func (pg *page) UnitSheets(code string) []*plan.Sheet { return pg.Plan.SheetsOfUnit(code) }

// Changes lists what a revision changed in the plan.
func (pg *page) Changes(id string) []changeView {
	var out []changeView
	var cur *changeView
	for _, c := range pg.Plan.Changes(id) {
		if cur == nil || cur.Sheet != c.Sheet {
			out = append(out, changeView{Sheet: c.Sheet, Notes: c.Sheet.RevNotes(id)})
			cur = &out[len(out)-1]
		}
		cur.Items = append(cur.Items, c)
	}
	return out
}

type changeView struct {
	Sheet *plan.Sheet
	Notes []plan.RevNote
	Items []plan.Change
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

// Licence returns the content licence, CC BY 4.0 unless configured.
func (pg *page) Licence() plan.Licenza {
	l := pg.Site.Config.Licenza
	if l.Nome.S == "" {
		l.Nome.S = "CC BY 4.0"
		if l.URL.S == "" {
			l.URL.S = "https://creativecommons.org/licenses/by/4.0/deed.it"
		}
	}
	return l
}

// SearchURL links to the search page.
func (pg *page) SearchURL() string { return pg.Rel(searchPagePath) }

// SearchData links to the folder of the search index files, with a
// trailing slash.
func (pg *page) SearchData() string {
	const probe = "indice.js"
	return strings.TrimSuffix(pg.Rel(pg.r.search.Dir+"/"+probe), probe)
}

// Root links to the site's root folder: "" or "../" and so on.
func (pg *page) Root() string { return strings.TrimSuffix(pg.Home(), indexFile) }

type option struct{ Value, Label string }

type optionGroup struct {
	Label   string
	Options []option
}

// searchFilters are the options of the search page's filters.
type searchFilters struct {
	Plans               []option
	Areas, Units, Lines []optionGroup
	Typologies          []option
}

// SearchFilters lists the plans, areas, units, lines and typologies to
// filter by.
func (pg *page) SearchFilters() searchFilters {
	var f searchFilters
	typologies := map[string]string{}
	for _, p := range pg.Site.Plans {
		f.Plans = append(f.Plans, option{planFacet(p), p.Titolo.S})
		areas, units, lines := optionGroup{Label: p.Titolo.S}, optionGroup{Label: p.Titolo.S}, optionGroup{Label: p.Titolo.S}
		for _, a := range p.Aree {
			areas.Options = append(areas.Options, option{areaFacet(p, a.Codice.S), a.Nome.S})
			for _, u := range a.Unita {
				units.Options = append(units.Options, option{unitFacet(p, u.Codice.S), u.Nome.S})
			}
		}
		for _, l := range p.Linee {
			lines.Options = append(lines.Options, option{lineFacet(p, l.Codice.S), l.Codice.S + " - " + l.Nome.S})
		}
		sortOptions(units.Options)
		f.Areas, f.Units, f.Lines = append(f.Areas, areas), append(f.Units, units), append(f.Lines, lines)
		for _, s := range p.Sheets() {
			for _, ind := range s.Indicators() {
				if t := strings.TrimSpace(ind.Tipologia.S); t != "" && typologies[typologyFacet(t)] == "" {
					typologies[typologyFacet(t)] = t
				}
			}
		}
	}
	for k, v := range typologies {
		f.Typologies = append(f.Typologies, option{k, v})
	}
	sortOptions(f.Typologies)
	return f
}
