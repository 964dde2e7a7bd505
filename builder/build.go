// Package builder is piao's pipeline: load the content into the model,
// check it, render it with the theme into an in-memory Site, and publish
// that Site atomically. `piao build` and `piao serve` share every stage up
// to the Site, so the preview is what gets published.
package builder

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// Input is everything a build reads. It holds no clock and no globals: the
// same Input gives the same Site, byte for byte.
type Input struct {
	Site   fs.FS // the site folder: config.yaml, content/, themes/
	Themes fs.FS // the built-in themes (themes/NAME/…), usually piao.Themes
	Minify bool  // minify HTML, CSS and JS

	// Previous is the output a build would replace, for piao check to
	// compare its pages with (loss.go); "" compares nothing.
	Previous string
}

// Site is the built site in memory: output path → content.
type Site struct {
	Files map[string][]byte
	Kinds map[string]string // page path → its kind (one of pageKinds)
	Pages int
	Model *plan.Site
}

// Paths lists the site's files in order.
func (s *Site) Paths() []string {
	out := make([]string, 0, len(s.Files))
	for p := range s.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Size is the total size of the site's files.
func (s *Site) Size() int64 {
	var n int64
	for _, b := range s.Files {
		n += int64(len(b))
	}
	return n
}

// Build runs the whole pipeline. On content errors it returns a nil Site
// and the diagnostics; warnings come with a Site. The diagnostics are
// sorted and quote their source lines.
func Build(in Input) (*Site, Diagnostics) {
	pages, ds := Prepare(in)
	if pages == nil {
		return nil, ds
	}
	site, err := pages.All()
	if err != nil {
		ds = append(ds, pages.Diagnose(err)...)
		ds.Sort()
		return nil, ds
	}
	return site, ds
}

// Prepare runs the pipeline up to the rendering of the pages: it loads
// and checks the site and makes every file that is not a page. On errors
// it returns nil Pages and the diagnostics. The pages render as they are
// published (Pages.Publish), or all at once (Pages.All).
func Prepare(in Input) (*Pages, Diagnostics) {
	model, ds := LoadAndCheck(in.Site)
	if ds.HasErrors() {
		return nil, ds
	}
	pages, pds := NewPages(in, model)
	ds = append(ds, pds...)
	ds.attachSources(readSources(in.Site, ds))
	ds.Sort()
	return pages, ds
}

// Diagnose turns an error of rendering (Pages.All, Render, Publish, Verify)
// into the diagnostic that says which page failed and where it comes
// from; other errors give none.
func (p *Pages) Diagnose(err error) Diagnostics {
	var ds Diagnostics
	var pe *pageError
	switch {
	case errors.As(err, &pe):
		ds.errorf(pageSource(p.model, pe.pg), hintRenderPage, msgRenderPage, pe.pg.Path, pe.err)
	case errors.As(err, new(*renderError)):
		ds.errorf(plan.Pos{File: "themes"}, hintRenderPage, "%s", err.Error())
	default:
		return nil
	}
	ds.attachSources(readSources(p.src, ds))
	return ds
}

// pageError is a page the theme failed to render.
type pageError struct {
	pg  *page
	err error
}

func (e *pageError) Error() string { return e.pg.Path + ": " + e.err.Error() }

// renderError is a file the minifier refused: a broken script or style
// sheet of the theme.
type renderError struct{ err error }

func (e *renderError) Error() string { return e.err.Error() }

func (e *renderError) Unwrap() error { return e.err }

// LoadAndCheck loads the site and runs the rules over whatever loaded, so
// that every mistake is reported at once. The diagnostics are sorted and
// quote their source lines.
func LoadAndCheck(fsys fs.FS) (*plan.Site, Diagnostics) {
	model, ds := Load(fsys)
	ds = append(ds, check(model, ds.errorFiles())...)
	ds.attachSources(readSources(fsys, ds))
	ds.Sort()
	return model, ds
}

// readSources reads the files diagnostics point at, to quote their lines.
func readSources(fsys fs.FS, ds Diagnostics) map[string][]byte {
	out := map[string][]byte{}
	for _, d := range ds {
		if _, ok := out[d.Pos.File]; ok || d.Pos.Line == 0 {
			continue
		}
		info, err := fs.Stat(fsys, d.Pos.File)
		if err != nil || !info.Mode().IsRegular() || info.Size() > MaxFileSize {
			continue
		}
		if b, err := fs.ReadFile(fsys, d.Pos.File); err == nil {
			if text, problem := normalizeText(b); problem == nil {
				out[d.Pos.File] = text
			}
		}
	}
	return out
}

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

// themeFS returns the theme named in the config: the site's own
// themes/NAME files over the built-in ones.
func themeFS(in Input, name string) (fs.FS, error) {
	if name == "" {
		name = "default"
	}
	if strings.ContainsAny(name, `/\`) || name == ".." || name == "." {
		return nil, fs.ErrInvalid
	}
	var layers []fs.FS
	if info, err := fs.Stat(in.Site, path.Join("themes", name)); err == nil && info.IsDir() {
		layers = append(layers, regularOnly{in.Site, path.Join("themes", name)})
	}
	if in.Themes != nil {
		if sub, err := fs.Sub(in.Themes, path.Join("themes", name)); err == nil {
			if _, err := fs.Stat(sub, "."); err == nil {
				layers = append(layers, sub)
			}
		}
	}
	if len(layers) == 0 {
		return nil, fs.ErrNotExist
	}
	return overlay(layers), nil
}

// overlay is a read-only file system whose first layer holding a path wins;
// directory listings merge every layer.
type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		entries, err := fs.ReadDir(l, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
