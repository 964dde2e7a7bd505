package serve

import (
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/piao-pa/piao/builder"
)

// The quick path. A complete build costs time in proportion to the site:
// with 10,000 sheets, loading (even cached), checking and listing the
// pages take half a second of CPU before anything is rendered. When only
// sheets changed since a good build with the built-in theme, the pages of
// those sheets depend on nothing else that changed (builder.Pages.
// SheetFile). So the changed sheets are built alone, through a view of the
// site in which the sheet folders hold only them: their errors are found
// and their pages rendered, the open pages reload, and the complete build
// follows at once, off the path of the reload. It renders the pages that
// list many sheets, and checks what only the whole site can tell (two
// sheets writing the same page): should it find an error, the open pages
// show it. The site served in the end is the complete build's. The frame
// of every page says a few things of the whole site (Pages.SiteFacts):
// when the view, which sees only the changed sheets' plans, would say
// them otherwise, the complete build comes first.

// quickChanges returns the sheet files changed from prev to snap, if
// nothing else changed.
func quickChanges(prev, snap *snapshot) (map[string]bool, bool) {
	changed := prev.changed(snap)
	for p := range changed {
		if !isSheetFile(p) {
			return nil, false
		}
	}
	return withBodies(snap, changed), len(changed) > 0
}

// langBodyRE is a sheet's body in another language: NAME.LANG.md.
var langBodyRE = regexp.MustCompile(`^(.+)\.[a-z]{2,3}\.md$`)

// withBodies adds to the changed sheets the files that make one sheet
// with each: a Markdown sheet's bodies in the other languages
// (NAME.LANG.md), and the sheet of a changed body; a sheet's pages
// depend on them all.
func withBodies(snap *snapshot, changed map[string]bool) map[string]bool {
	out := maps.Clone(changed)
	for p := range changed {
		stem := strings.TrimSuffix(p, path.Ext(p))
		if m := langBodyRE.FindStringSubmatch(p); m != nil && snap.files[m[1]+".md"] != nil {
			out[m[1]+".md"] = true
			stem = m[1]
		}
		for q := range snap.files {
			if m := langBodyRE.FindStringSubmatch(q); m != nil && m[1] == stem {
				out[q] = true
			}
		}
	}
	return out
}

// quick builds the changed sheets alone and installs a quick generation.
// It returns false, having done nothing, when they have errors: the
// complete build then reports every finding of the site.
func (s *Server) quick(prev *generation, snap *snapshot, changed map[string]bool, start time.Time) bool {
	view := &focus{snapshot: snap, sheets: changed}
	model, ds := builder.LoadAndCheck(view)
	if viewErrors(ds) {
		return false
	}
	pages, _ := builder.NewPages(builder.Input{Site: view, Themes: s.opts.Themes, Minify: s.opts.Minify}, model)
	if pages == nil || pages.SiteFacts() != prev.facts {
		return false // the view sees only the changed sheets' plans: their frame would say less of the site
	}
	g := newQuickGeneration(prev, snap, changed, pages)
	if g == nil {
		return false
	}
	for _, name := range g.fresh {
		if _, _, err := g.get(name); err != nil {
			return false
		}
	}
	s.install(g)
	s.logf(builder.ServeRebuilt(since(start), len(changed), 0))
	s.spawn(func() { s.complete(g) })
	return true
}

// newQuickGeneration makes a generation from prev: the pages of changed
// sheets from focused (the build of those sheets alone), every other
// sheet's pages and the assets as prev has them (the entries are shared:
// whichever generation renders one first, the bytes are the same), and
// new entries for the pages that may show any sheet, which the complete
// build will render. It returns nil if a changed sheet would write the
// page of another sheet: the complete build says so.
func newQuickGeneration(prev *generation, snap *snapshot, changed map[string]bool, focused *builder.Pages) *generation {
	g := newEmptyGeneration(snap, true)
	g.changed, g.multi, g.facts = changed, prev.multi, prev.facts // only sheets changed: the site's facts did not
	g.files, g.bySrc = maps.Clone(prev.files), maps.Clone(prev.bySrc)
	gone := map[string]bool{}
	for src := range changed {
		for _, name := range prev.bySrc[src] {
			delete(g.files, name)
			gone[name] = true
		}
		delete(g.bySrc, src)
	}
	for _, name := range prev.multi {
		g.files[name] = &entry{}
	}
	var added []string
	for _, name := range focused.Paths() {
		src := focused.SheetFile(name)
		if src == "" || !changed[src] {
			continue
		}
		if pe := prev.files[name]; pe != nil && pe.src != src && !changed[pe.src] {
			return nil
		}
		g.files[name] = &entry{src: src, by: focused}
		g.bySrc[src] = append(g.bySrc[src], name)
		g.fresh = append(g.fresh, name)
		if !gone[name] {
			added = append(added, name)
		}
		delete(gone, name)
	}
	g.paths = prev.paths
	if len(gone) > 0 || len(added) > 0 {
		g.paths = slices.DeleteFunc(slices.Clone(prev.paths), func(p string) bool { return gone[p] })
		g.paths = append(g.paths, added...)
		sort.Strings(g.paths)
	}
	return g
}

// complete runs the complete build of a quick generation, if it is still
// the current site, and gives it its pages; on errors the open pages show
// them.
func (s *Server) complete(g *generation) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	if !s.isCurrent(g) || s.ctx.Err() != nil {
		g.drop()
		return
	}
	model, ds := s.cache.LoadAndCheck(g.snap)
	var pages *builder.Pages
	if !s.isCurrent(g) { // a newer save came meanwhile: its own build follows
		g.drop()
		return
	}
	if !ds.HasErrors() {
		var pds builder.Diagnostics
		pages, pds = builder.NewPages(builder.Input{Site: g.snap, Themes: s.opts.Themes, Minify: s.opts.Minify}, model)
		ds = append(ds, pds...)
	}
	switch {
	case !s.isCurrent(g):
		g.drop()
	case pages == nil:
		s.fail(ds)
		g.drop()
	case !g.samePaths(pages):
		// Other files than the quick generation's: the search index's
		// folder is named after its content, and the pages may differ.
		// With the same pages, the open ones need no second reload: they
		// were reloaded with the quick generation, and whatever of theirs
		// waited for the complete build gets it from the full one.
		full := newGeneration(pages, g.snap, g, g.byDeps)
		s.logDiags(ds)
		s.installAs(full, !g.samePages(pages))
		g.drop()
		s.spawn(func() { s.background(full) })
	default:
		s.logDiags(ds)
		g.setFull(pages)
		s.spawn(func() { s.background(g) })
	}
}

// isCurrent reports whether g is the site served, without errors.
func (s *Server) isCurrent(g *generation) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen == g && !s.failed
}

// viewErrors reports whether the build of the changed sheets alone has
// errors of its own. The plan's narrative sections are in the view, to
// render the sheets' links to them; their links to the sheets the view
// leaves out find nothing there, which is no error of the site: the
// complete build checks them.
func viewErrors(ds builder.Diagnostics) bool {
	for _, d := range ds {
		if d.Severity == builder.Error && !isSectionFile(d.Pos.File()) {
			return true
		}
	}
	return false
}

// isSectionFile reports whether p is a narrative section of a plan:
// content/PLAN/sezioni/NAME.md.
func isSectionFile(p string) bool {
	parts := strings.Split(p, "/")
	return len(parts) == 4 && parts[0] == "content" && parts[2] == "sezioni"
}

// focus is a view of a snapshot in which the sheet folders hold only some
// sheets, and content/ only the plans they belong to: a build of it loads,
// checks and renders those sheets alone.
type focus struct {
	*snapshot
	sheets map[string]bool // site paths
}

// ReadDir implements fs.ReadDirFS. A sheet folder lists the focused
// sheets it holds, found without going through its (maybe long) listing.
func (f *focus) ReadDir(name string) ([]fs.DirEntry, error) {
	if !isSheetFile(path.Join(name, "x")) {
		entries, err := f.snapshot.ReadDir(name)
		return slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return !f.keep(path.Join(name, e.Name())) }), err
	}
	if d := f.files[name]; d == nil || !d.mode.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	var out []fs.DirEntry
	for s := range f.sheets {
		if fi := f.files[s]; fi != nil && path.Dir(s) == name {
			out = append(out, info{path.Base(s), fi})
		}
	}
	slices.SortFunc(out, byName)
	return out, nil
}

// keep reports whether the view shows a path outside the sheet folders:
// of content/, only the plans of the focused sheets.
func (f *focus) keep(p string) bool {
	dir, _, nested := strings.Cut(strings.TrimPrefix(p, "content/"), "/")
	if !strings.HasPrefix(p, "content/") || nested {
		return true
	}
	for s := range f.sheets {
		if strings.HasPrefix(s, "content/"+dir+"/") {
			return true
		}
	}
	return false
}
