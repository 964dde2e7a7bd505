package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/tdewolff/minify/v2"
)

// Pages is a checked site ready to render one file at a time. piao serve
// uses it to render what a change needs, when it is needed; Build renders
// every page at once. Render gives a file the same bytes Build gives it.
// Pages is safe for concurrent use.
type Pages struct {
	r      *renderer
	pages  map[string]*page
	assets map[string][]byte // theme assets, minified if asked
	paths  []string
	min    *minify.M // nil: no minifying
}

// NewPages prepares the pages of a model that loaded and checked without
// errors, with the theme and options of in. Theme problems come back as
// diagnostics, as from Build.
func NewPages(in Input, model *plan.Site) (*Pages, Diagnostics) {
	var ds Diagnostics
	theme, err := themeFS(in, model.Config.Tema.S)
	if err != nil {
		ds.errorf(model.Config.Tema.Pos, fmt.Sprintf(hintConfigTheme, model.Config.Tema.S), msgConfigTheme, model.Config.Tema.S)
		return nil, ds
	}
	p, err := newPages(theme, model, in.Minify)
	if err != nil {
		ds.errorf(plan.Pos{File: "themes"}, "", "%s", err.Error())
		return nil, ds
	}
	return p, nil
}

func newPages(theme fs.FS, model *plan.Site, min bool) (*Pages, error) {
	r, err := newRenderer(theme, model)
	if err != nil {
		return nil, err
	}
	p := &Pages{r: r, pages: map[string]*page{}, assets: map[string][]byte{}}
	if min {
		p.min = newMinifier()
	}
	for _, pg := range pagesOf(model) {
		if p.pages[pg.Path] != nil {
			return nil, fmt.Errorf(msgDuplicatePage, pg.Path)
		}
		pg.r, pg.Site = r, model
		p.pages[pg.Path] = pg
		p.paths = append(p.paths, pg.Path)
	}
	err = fs.WalkDir(theme, "assets", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(theme, name)
		if err == nil {
			b, err = p.minify(name, b)
		}
		if err == nil {
			if p.pages[name] == nil { // as in Build, an asset wins over a page
				p.paths = append(p.paths, name)
			}
			delete(p.pages, name)
			p.assets[name] = b
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	sort.Strings(p.paths)
	return p, nil
}

// Paths lists every file of the site, pages and assets, in order.
func (p *Pages) Paths() []string { return p.paths }

// Count is the number of pages.
func (p *Pages) Count() int { return len(p.pages) }

// Has reports whether the site has a file at path.
func (p *Pages) Has(path string) bool { return p.pages[path] != nil || p.assets[path] != nil }

// Render returns the file at path, rendering it if it is a page.
func (p *Pages) Render(name string) ([]byte, error) {
	if b, ok := p.assets[name]; ok {
		return b, nil
	}
	pg := p.pages[name]
	if pg == nil {
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	cp := *pg // render writes to the page it renders
	b, err := p.r.render(&cp)
	if err != nil {
		return nil, err
	}
	return p.minify(name, b)
}

func (p *Pages) minify(name string, b []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if p.min == nil || !ok {
		return b, nil
	}
	var out bytes.Buffer
	if err := p.min.Minify(mt, &out, bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out.Bytes(), nil
}

// SheetFile returns the source file of the one sheet a page shows, for a
// sheet's page and its "as approved" page, and "" for every other file.
//
// With the built-in theme, the bytes of a sheet's page depend only on that
// sheet, its plan's piano.yaml, config.yaml and the theme: a change to
// another sheet leaves them as they are. Every other page may show any
// sheet. piao serve relies on this to render again only what a change
// needs; keep it true when editing themes/default/layouts (the serve tests
// compare their result with a clean build).
func (p *Pages) SheetFile(name string) string {
	if pg := p.pages[name]; pg != nil && pg.Kind == "sheet" {
		return pg.Sheet.Pos.File
	}
	return ""
}
