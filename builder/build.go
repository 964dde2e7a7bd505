package builder

import (
	"errors"
	"io/fs"
	"maps"
	"slices"

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
func (s *Site) Paths() []string { return slices.Sorted(maps.Keys(s.Files)) }

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
	pages, ds := prepare(in)
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

// prepare runs the pipeline up to the rendering of the pages: it loads
// and checks the site and makes every file that is not a page. On errors
// it returns nil Pages and the diagnostics. The pages render as they are
// published (Pages.Publish), or all at once (Pages.All).
func prepare(in Input) (*Pages, Diagnostics) {
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
	case errors.As(err, &pe) && errors.Is(pe.err, errStaleIndexes): // not the theme's: BuildTo removes the cache
		ds.errorf(pageSource(p.model, pe.pg), hintStaleIndexes, msgStaleIndexes, pe.pg.Path)
	case errors.As(err, &pe):
		ds.errorf(pageSource(p.model, pe.pg), hintRenderPage, msgRenderPage, pe.pg.Path, pe.err)
	case errors.As(err, new(*renderError)):
		ds.errorf(plan.At("themes", 0, 0), hintRenderPage, "%s", err.Error())
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
func LoadAndCheck(fsys fs.FS) (*plan.Site, Diagnostics) { return loadAndCheck(fsys, nil) }

// loadAndCheck is LoadAndCheck, through a cache of sheets when not nil.
func loadAndCheck(fsys fs.FS, cache *Cache) (*plan.Site, Diagnostics) {
	model, ds := loadWith(fsys, cache)
	ds = append(ds, check(model, ds.errorFiles(), cache)...)
	ds.attachSources(readSources(fsys, ds))
	ds.Sort()
	return model, ds
}

// readSources reads the files diagnostics point at, to quote their lines.
func readSources(fsys fs.FS, ds Diagnostics) map[string][]byte {
	out := map[string][]byte{}
	for _, d := range ds {
		if _, ok := out[d.Pos.File()]; ok || d.Pos.Line == 0 {
			continue
		}
		info, err := fs.Stat(fsys, d.Pos.File())
		if err != nil || !info.Mode().IsRegular() || info.Size() > MaxFileSize {
			continue
		}
		if b, err := fs.ReadFile(fsys, d.Pos.File()); err == nil {
			if text, problem := normalizeText(b); problem == nil {
				out[d.Pos.File()] = text
			}
		}
	}
	return out
}
