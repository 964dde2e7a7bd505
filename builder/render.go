package builder

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// pageKinds are the theme's page templates, each layouts/KIND.html.
var pageKinds = []string{"home", "section", "plan", "sheet", "unit", "area", "line", "revisions",
	"opendata", "archive", "snapshot", "search", "indexes", "listing"}

// renderer runs the theme's templates. Templates are parsed once.
type renderer struct {
	tmpl  map[string]*template.Template
	md    *markup.Renderer
	site  *plan.Site
	theme fs.FS

	downloads []download     // the open data files, for the Dati aperti page
	snapshots []snapshotCopy // the published snapshots, for the Archivio page
	search    *searchOutput  // the search index files, for the search page
}

func newRenderer(theme fs.FS, site *plan.Site) (*renderer, error) {
	r := &renderer{tmpl: map[string]*template.Template{}, md: markup.New(), site: site, theme: theme}
	base := template.New("").Funcs(funcs)
	shared, err := fs.Glob(theme, "layouts/_*.html")
	if err != nil {
		return nil, err
	}
	shared = append([]string{"layouts/base.html"}, shared...)
	if _, err := base.ParseFS(theme, shared...); err != nil {
		return nil, fmt.Errorf("tema: %w", err)
	}
	for _, kind := range pageKinds {
		t, err := base.Clone()
		if err == nil {
			_, err = t.ParseFS(theme, "layouts/"+kind+".html")
		}
		if err != nil {
			return nil, fmt.Errorf("tema: %w", err)
		}
		r.tmpl[kind] = t
	}
	return r, nil
}

var funcs = template.FuncMap{
	"date":   italianDate,
	"join":   strings.Join,
	"add":    func(a, b int) int { return a + b },
	"slug":   slug,
	"anchor": IndicatorAnchor,
	"dict":   dict,
	"size":   italianSize,
	"plural": plural,
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

var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
	"agosto", "settembre", "ottobre", "novembre", "dicembre"}

// italianDate formats an ISO date as "12 settembre 2024".
func italianDate(iso string) string {
	var y, m, d int
	if n, _ := fmt.Sscanf(iso, "%4d-%2d-%2d", &y, &m, &d); n != 3 || m < 1 || m > 12 {
		return iso
	}
	return fmt.Sprintf("%d %s %d", d, months[m-1], y)
}

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

// render returns the page as the theme writes it.
func (r *renderer) render(pg *page) ([]byte, error) {
	var buf bytes.Buffer
	err := r.renderTo(pg, &buf)
	return buf.Bytes(), err
}

// renderTo writes the page into buf.
func (r *renderer) renderTo(pg *page, buf *bytes.Buffer) error {
	pg.r = r
	pg.Site = r.site
	pg.chrome = nil // prepared anew, by this renderer
	err := func() (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("%v", v)
			}
		}()
		return r.tmpl[pg.Kind].ExecuteTemplate(buf, "base", pg)
	}()
	if err != nil {
		return fmt.Errorf("%s: %w", pg.Path, err)
	}
	return nil
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

// longPlan is the number of sheets above which the home and plan pages
// count each objective's operational sheets instead of listing them all:
// the line, unit and index pages list them.
const longPlan = 200

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

// SortedSheets returns sheets sorted by display name (stable for equal names).
func sortedSheets(in []*plan.Sheet) []*plan.Sheet {
	out := append([]*plan.Sheet(nil), in...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}
