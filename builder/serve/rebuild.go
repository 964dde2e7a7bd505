package serve

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/plan"
)

// firstBuild reads and checks the whole site before the server answers.
// With the built-in theme, which renders every site that passes the rules
// (the golden, hostile and fuzzed sites of builder's tests), the server
// answers as soon as the pages are listed: each is rendered when first
// asked for, and the rest by the background pass, as after a rebuild. At
// 10,000 sheets rendering them all first took most of the start. A theme
// of the site's own is rendered whole first, so that a template that
// fails is reported before the server says it is ready.
func (s *Server) firstBuild() {
	start := time.Now()
	s.rebuilds++
	s.snap = newSnapshot(os.DirFS(s.root), s.rd.readAll())
	if s.startFromOutput(start) {
		return
	}
	g, ds := s.build(s.snap, nil)
	if g == nil {
		return
	}
	if !g.byDeps {
		if err := g.renderAll(context.Background()); err != nil {
			s.fail(renderDiags(ds, err))
			return
		}
	}
	s.logDiags(ds)
	s.install(g)
	_, warns := ds.Count()
	s.logf(builder.ServeReady(since(start), g.full.Count(), warns))
	if g.byDeps {
		s.spawn(func() { s.background(g) })
	}
}

// startFromOutput serves the output of the last piao build into the
// site's public folder, when its build cache says that a build would
// write it again as it is (builder.Published): the server answers at
// once. The complete build follows in the background, for the rebuilds to
// start from, and takes over without reloading the open pages: its bytes
// are the same.
func (s *Server) startFromOutput(start time.Time) bool {
	dest := filepath.Join(s.root, "public")
	out, ok := builder.Published(builder.Input{Site: s.snap, Themes: s.opts.Themes, Minify: s.opts.Minify}, dest)
	if !ok {
		return false
	}
	g := newOutputGeneration(s.snap, dest, out.Files)
	s.logDiags(out.Diags)
	s.install(g)
	_, warns := out.Diags.Count()
	s.logf(builder.ServeReadyFromOutput(since(start), out.Pages, warns))
	s.spawn(func() { s.completeFirst(g) })
	return true
}

// completeFirst builds the site that generation first serves from the
// last build's output, and makes it the site served, unless a rebuild
// came first.
func (s *Server) completeFirst(first *generation) {
	if s.opts.holdRender != nil {
		select {
		case <-s.opts.holdRender:
		case <-first.ctx.Done():
			return
		}
	}
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	if first.ctx.Err() != nil {
		return // replaced
	}
	g, ds := s.build(first.snap, nil)
	if g == nil {
		return
	}
	s.mu.Lock()
	current := s.gen == first && first.ctx.Err() == nil // a save meanwhile: its rebuild, waiting, comes next
	s.mu.Unlock()
	if !current {
		return
	}
	_ = ds // the same findings the output's build reported, shown at the start
	s.installAs(g, false)
	s.spawn(func() { s.background(g) })
}

// watch runs until ctx ends: it gathers events into batches and rebuilds
// one batch at a time, in its own goroutine so that events keep being
// read meanwhile. Events that arrive during a rebuild make the next batch.
func (s *Server) watch(ctx context.Context) {
	defer close(s.done)
	defer s.fsw.Close()
	if s.opts.hold != nil {
		select {
		case <-s.opts.hold:
		case <-ctx.Done():
			return
		}
	}
	var b batch
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	building := false
	finished := make(chan struct{})
	arm := func() {
		if !building && !b.empty() {
			timer.Reset(b.due(time.Now(), s.opts.Quiet, s.opts.MaxWait))
		}
	}
	for {
		select {
		case <-ctx.Done():
			if building {
				<-finished
			}
			return
		case ev, ok := <-s.fsw.Events:
			if !ok {
				return
			}
			if rel, ok := relevant(s.root, ev); ok {
				b.add(rel, time.Now())
				arm()
			}
		case err, ok := <-s.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				s.logf(builder.ServeFullRescan)
				b.overflow(time.Now())
				arm()
			}
		case <-timer.C:
			if building || b.empty() {
				continue
			}
			building = true
			go func(b batch) {
				s.rebuild(b)
				finished <- struct{}{}
			}(b)
			b = batch{}
		case <-finished:
			building = false
			arm()
		}
	}
}

// rebuild reads the batch's paths again and, if any file changed, builds
// the site; it reloads the open pages with the new site or with the
// errors.
func (s *Server) rebuild(b batch) {
	start := time.Now()
	var snap *snapshot
	if b.full {
		snap = newSnapshot(s.snap.disk, s.rd.readAll())
	} else {
		snap = s.snap.with(s.reread(b.paths))
		if snap == s.snap {
			return // touched, not changed
		}
	}
	s.snap = snap
	s.mu.Lock()
	prev, failed := s.gen, s.failed
	s.rebuilds++
	s.mu.Unlock()
	if prev != nil {
		prev.cancel() // its background pass: the new site is what matters now
	}
	if prev != nil && !failed && !b.full && prev.byDeps {
		if changed, ok := quickChanges(prev.snap, snap); ok && s.quick(prev, snap, changed, start) {
			return
		}
	}
	if b.full {
		prev = nil // everything is rendered again
	}
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	g, ds := s.build(snap, prev)
	if g == nil {
		return
	}
	for _, name := range g.fresh {
		if _, _, err := g.get(name); err != nil {
			s.fail(renderDiags(ds, err))
			return
		}
	}
	s.logDiags(ds)
	s.install(g)
	_, warns := ds.Count()
	s.logf(builder.ServeRebuilt(since(start), len(g.changed), warns))
	s.spawn(func() { s.background(g) })
}

// reread reads the given paths from disk as changes to the snapshot. A
// folder read again replaces everything under it; a path whose folders
// are new brings them along.
func (s *Server) reread(paths map[string]bool) map[string]*file {
	changes := map[string]*file{}
	for rel := range paths {
		s.rd.read(rel, changes)
	}
	for rel := range paths {
		if f := changes[rel]; f != nil && f.mode.IsDir() {
			for k := range s.snap.files {
				if _, seen := changes[k]; !seen && strings.HasPrefix(k, rel+"/") {
					changes[k] = nil
				}
			}
		}
	}
	for rel, f := range changes {
		for dir := path.Dir(rel); f != nil && dir != "."; dir = path.Dir(dir) {
			if _, ok := changes[dir]; !ok && s.snap.files[dir] == nil {
				s.rd.read(dir, changes)
			}
		}
	}
	return changes
}

// build loads, checks and prepares the pages of snap. On errors it
// reports them and returns nil. The caller holds buildMu.
func (s *Server) build(snap *snapshot, prev *generation) (*generation, builder.Diagnostics) {
	model, ds := s.cache.LoadAndCheck(snap)
	if ds.HasErrors() {
		s.fail(ds)
		return nil, ds
	}
	in := builder.Input{Site: snap, Themes: s.opts.Themes, Minify: s.opts.Minify}
	pages, pds := builder.NewPages(in, model)
	if pages == nil {
		s.fail(append(ds, pds...))
		return nil, ds
	}
	byDeps := builtinTheme(snap, s.opts.Themes, model.Config.Tema.S)
	return newGeneration(pages, snap, prev, byDeps), ds
}

// install makes g the site served, and reloads the open pages.
func (s *Server) install(g *generation) { s.installAs(g, true) }

// installAs makes g the site served, and reloads the open pages if told.
func (s *Server) installAs(g *generation, reload bool) {
	s.mu.Lock()
	old := s.gen
	s.gen, s.diags, s.failed = g, nil, false
	s.mu.Unlock()
	if old != nil {
		old.cancel()
	}
	if reload {
		s.hub.broadcast()
	}
}

// logDiags shows a build's findings on the terminal.
func (s *Server) logDiags(ds builder.Diagnostics) {
	for _, d := range ds {
		s.logf(d.String())
	}
}

// fail shows the diagnostics of a failed build on the terminal and in the
// open pages; the last good site stays.
func (s *Server) fail(ds builder.Diagnostics) {
	ds.Sort()
	s.logDiags(ds)
	errs, warns := ds.Count()
	s.logf(builder.ServeFailed(errs, warns))
	s.mu.Lock()
	s.diags, s.failed = ds, true
	s.mu.Unlock()
	s.hub.broadcast()
}

// backgroundDelay is how long the background pass waits before it starts:
// the pages open in the browser ask for themselves first, right after the
// reload, and another save may make the pass useless.
const backgroundDelay = 300 * time.Millisecond

// background renders the rest of g while it is the current site; a
// template that fails turns the site into the error page.
func (s *Server) background(g *generation) {
	ctx, cancel := context.WithCancel(g.ctx)
	defer cancel()
	defer context.AfterFunc(s.ctx, cancel)() // the server closes
	select {
	case <-time.After(backgroundDelay):
	case <-ctx.Done():
		return
	}
	if s.opts.holdRender != nil {
		select {
		case <-s.opts.holdRender:
		case <-ctx.Done():
			return
		}
	}
	if err := g.renderAll(ctx); err != nil {
		s.renderFailed(g, err)
	}
}

// renderDiags adds a rendering failure to a build's findings, as Build
// reports it.
func renderDiags(ds builder.Diagnostics, err error) builder.Diagnostics {
	out := append(builder.Diagnostics(nil), ds...)
	return append(out, builder.Diagnostic{Pos: plan.At("themes", 0, 0), Severity: builder.Error, Msg: err.Error()})
}

func since(t time.Time) string { return time.Since(t).Round(time.Millisecond).String() }
