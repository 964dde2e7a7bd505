package serve

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/piao-pa/piao/builder"
)

// A generation is one version of the site, as served: its files, each
// rendered when first asked for or by a background pass, or carried over
// unchanged from the generation before. Requests read the current
// generation; a rebuild replaces it whole.
//
// A full generation has every page of a complete build from the start. A
// quick one (see quick.go) starts with the pages of the sheets that
// changed, rendered from a build of those sheets alone, and the pages it
// could carry over; its other pages wait for the complete build, which
// follows at once.
type generation struct {
	snap   *snapshot
	files  map[string]*entry
	paths  []string            // every file, in order
	bySrc  map[string][]string // sheet file → its pages
	multi  []string            // the pages that may show any sheet
	byDeps bool                // sheet pages depend only on their sheet (built-in theme)
	facts  string              // what every page's frame says of the whole site (builder.Pages.SiteFacts)

	full  *builder.Pages // the complete build; set before ready closes
	ready chan struct{}  // closed when full is set, or the generation is dropped

	changed map[string]bool // site paths changed since the generation before
	fresh   []string        // pages of changed sheets, rendered before the reload

	ctx    context.Context    // of the background pass
	cancel context.CancelFunc // stops the background pass only
}

// errDropped tells that a generation was replaced before its complete
// build came: ask the current one.
var errDropped = errors.New("serve: generation replaced")

// entry is one file of a generation, rendered at most once.
type entry struct {
	src  string         // the sheet file its page shows, if it is a sheet's page
	by   *builder.Pages // renders it; nil: the generation's complete build
	disk string         // or, in a generation of the last build's output, its file there

	mu   sync.Mutex
	done bool
	data []byte
	err  error
}

// render returns the entry's bytes, rendering them with p first if needed.
func (e *entry) render(p *builder.Pages, name string) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done {
		e.data, e.err = p.Render(name)
		e.done = true
	}
	return e.data, e.err
}

// read returns the bytes of the entry's file on disk, reading it first if
// needed.
func (e *entry) read() ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done {
		e.data, e.err = os.ReadFile(e.disk)
		e.done = true
	}
	return e.data, e.err
}

// ready returns the bytes if the entry is rendered. It does not wait for
// a rendering under way: that counts as not rendered.
func (e *entry) ready() ([]byte, bool) {
	if !e.mu.TryLock() {
		return nil, false
	}
	defer e.mu.Unlock()
	return e.data, e.done && e.err == nil
}

// carry returns an entry with the bytes of e if it is rendered, else one
// to render with the new generation's complete build.
func (e *entry) carry() *entry {
	out := &entry{src: e.src}
	out.data, out.done = e.ready()
	return out
}

func newEmptyGeneration(snap *snapshot, byDeps bool) *generation {
	g := &generation{snap: snap, files: map[string]*entry{}, bySrc: map[string][]string{}, byDeps: byDeps, ready: make(chan struct{})}
	g.ctx, g.cancel = context.WithCancel(context.Background())
	return g
}

// newGeneration makes a full generation of pages. From prev it carries
// over what the change from prev.snap to snap cannot have touched: with
// the built-in theme, the pages of sheets whose file did not change, when
// nothing but sheets changed (see builder.Pages.SheetFile).
func newGeneration(pages *builder.Pages, snap *snapshot, prev *generation, byDeps bool) *generation {
	g := newEmptyGeneration(snap, byDeps)
	keep := prev != nil && byDeps && prev.byDeps
	if prev != nil {
		g.changed = prev.snap.changed(snap)
		for p := range g.changed {
			if !isSheetFile(p) {
				keep = false
			}
		}
	}
	for _, name := range pages.Paths() {
		e := &entry{src: pages.SheetFile(name)}
		if e.src != "" && g.changed[e.src] {
			g.fresh = append(g.fresh, name)
		}
		if pe := prev.entry(name); keep && e.src != "" && !g.changed[e.src] && pe != nil && pe.src == e.src {
			e = pe.carry()
		}
		g.files[name] = e
		switch {
		case e.src != "":
			g.bySrc[e.src] = append(g.bySrc[e.src], name)
		case path.Ext(name) == ".html":
			g.multi = append(g.multi, name)
		}
	}
	g.paths, g.facts = pages.Paths(), pages.SiteFacts()
	g.setFull(pages)
	return g
}

// newOutputGeneration serves the files of the last build's output as
// they are on disk (builder.Published): the server's start when nothing
// changed since piao build. It has no complete build, and carries nothing
// over to the next generation, which renders everything.
func newOutputGeneration(snap *snapshot, dest string, files []string) *generation {
	g := newEmptyGeneration(snap, false)
	for _, name := range files {
		g.files[name] = &entry{disk: filepath.Join(dest, filepath.FromSlash(name))}
	}
	g.paths = files
	return g
}

// entry returns a file's entry; g may be nil.
func (g *generation) entry(name string) *entry {
	if g == nil {
		return nil
	}
	return g.files[name]
}

// setFull gives the generation its complete build.
func (g *generation) setFull(p *builder.Pages) {
	g.full = p
	close(g.ready)
}

// drop tells whoever waits for the complete build to ask the current
// generation instead.
func (g *generation) drop() {
	g.cancel()
	select {
	case <-g.ready:
	default:
		close(g.ready)
	}
}

// get returns the file at name, and false if the generation has none.
func (g *generation) get(name string) ([]byte, bool, error) {
	e := g.files[name]
	if e == nil {
		return nil, false, nil
	}
	if e.disk != "" {
		b, err := e.read()
		return b, true, err
	}
	p := e.by
	if p == nil {
		<-g.ready
		if p = g.full; p == nil {
			return nil, true, errDropped
		}
	}
	b, err := e.render(p, name)
	return b, true, err
}

// renderAll renders every file not rendered yet, in path order, until ctx
// ends, and returns the first error.
func (g *generation) renderAll(ctx context.Context) error {
	for _, name := range g.paths {
		if ctx.Err() != nil {
			return nil
		}
		if _, _, err := g.get(name); err != nil && !errors.Is(err, errDropped) {
			return err
		}
	}
	return nil
}

// samePaths reports whether the generation has exactly the files of p.
func (g *generation) samePaths(p *builder.Pages) bool { return slices.Equal(g.paths, p.Paths()) }

// samePages reports whether the generation has exactly the pages of p.
func (g *generation) samePages(p *builder.Pages) bool {
	notPage := func(name string) bool { return path.Ext(name) != ".html" }
	return slices.Equal(slices.DeleteFunc(slices.Clone(g.paths), notPage), slices.DeleteFunc(slices.Clone(p.Paths()), notPage))
}

// isSheetFile reports whether a site path is a sheet: a file of
// content/PLAN/strategici/ or content/PLAN/operativi/.
func isSheetFile(p string) bool {
	parts := strings.Split(p, "/")
	return len(parts) == 4 && parts[0] == "content" && (parts[2] == "strategici" || parts[2] == "operativi")
}

// builtinTheme reports whether the site renders with a built-in theme
// unchanged: every file the site has under themes/NAME is byte for byte
// the built-in one. The pages' dependencies are known only then.
func builtinTheme(snap *snapshot, themes fs.FS, name string) bool {
	if name == "" {
		name = "default"
	}
	dir := path.Join("themes", name)
	if themes == nil {
		return false
	}
	if _, err := fs.Stat(themes, dir); err != nil {
		return false
	}
	for p, f := range snap.files {
		if f.mode.IsDir() || !strings.HasPrefix(p, dir+"/") {
			continue
		}
		b, err := fs.ReadFile(themes, p)
		if err != nil || f.err != nil || !bytes.Equal(b, f.data) {
			return false
		}
	}
	return true
}
