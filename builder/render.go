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

// SortedSheets returns sheets sorted by display name (stable for equal names).
func sortedSheets(in []*plan.Sheet) []*plan.Sheet {
	out := append([]*plan.Sheet(nil), in...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}
