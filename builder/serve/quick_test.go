package serve

import (
	"os"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/plan"
)

// TestQuickViewWithSections: the example's sections link to every sheet.
// Built alone, through the quick path's view, a changed sheet leaves those
// links without a target: errors of the view, in the section files only,
// which the quick path sets aside (the complete build checks the links);
// the changed sheet's page renders, its own links to sections resolved.
func TestQuickViewWithSections(t *testing.T) {
	dir := exampleSite(t)
	snap := newSnapshot(os.DirFS(dir), (&reader{root: dir, fsw: nil}).readTree(t))
	changed := map[string]bool{suapFile: true}
	view := &focus{snapshot: snap, sheets: changed}
	model, ds := builder.LoadAndCheck(view)
	if !ds.HasErrors() {
		t.Fatal("the view's sections find every sheet: the test no longer sees what it tests")
	}
	for _, d := range ds {
		if d.Severity == builder.Error && !isSectionFile(d.Pos.File()) {
			t.Errorf("an error outside the sections: %s", d)
		}
	}
	if viewErrors(ds) {
		t.Fatal("the quick path would fall back to a complete build")
	}
	pages, pds := builder.NewPages(builder.Input{Site: view, Themes: piao.Themes, Minify: true}, model)
	if pages == nil {
		t.Fatal(pds.Error())
	}
	b, err := pages.Render("piao-2024-2026/operativi/suap/index.html")
	if err != nil || !strings.Contains(string(b), suapName) {
		t.Fatalf("the changed sheet's page: %v", err)
	}
	// A sheet with an error of its own still falls back.
	broken := builder.Diagnostics{{Severity: builder.Error}}
	broken[0].Pos = plan.At(suapFile, 0, 0)
	if !viewErrors(broken) {
		t.Error("an error in a changed sheet is set aside")
	}
}

func TestIsSectionFile(t *testing.T) {
	for p, want := range map[string]bool{
		"content/piao-2024-2026/sezioni/01-premesse.md": true,
		"content/piao-2024-2026/operativi/suap.yaml":    false,
		"content/piao-2024-2026/sezioni/a/b.md":         false,
		"content/sezioni/a.md":                          false,
	} {
		if got := isSectionFile(p); got != want {
			t.Errorf("isSectionFile(%q) = %v, want %v", p, got, want)
		}
	}
}

// rendered counts the files of the current generation already rendered.
func rendered(srv *Server) (done, all int) {
	srv.mu.Lock()
	g := srv.gen
	srv.mu.Unlock()
	for _, e := range g.files {
		if _, ok := e.ready(); ok {
			done++
		}
	}
	return done, len(g.files)
}

// TestFirstBuildAnswersBeforeRendering: with the built-in theme the server
// answers as soon as the site is checked and its pages listed; a page is
// rendered when asked for, the others by the background pass, and the site
// served in the end is a clean build's.
func TestFirstBuildAnswersBeforeRendering(t *testing.T) {
	dir := exampleSite(t)
	hold := make(chan struct{})
	srv, log := startServer(t, dir, func(o *Options) { o.holdRender = hold })
	if !strings.Contains(log.String(), "pront") {
		t.Fatalf("Start returned before saying the site is ready:\n%s", log)
	}
	if done, all := rendered(srv); done != 0 || all < 100 {
		t.Fatalf("%d of %d files rendered before the first request: the first build rendered the site before answering", done, all)
	}
	if code, body := get(t, srv, suapPage); code != 200 || !strings.Contains(body, suapName) {
		t.Fatalf("GET %s: %d", suapPage, code)
	}
	if done, _ := rendered(srv); done != 1 {
		t.Fatalf("%d files rendered after one request, want 1", done)
	}
	close(hold)
	waitUntil(t, "the background pass", func() bool { done, all := rendered(srv); return done == all })
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Fatalf("the site served is not a clean build: %s", diff)
	}
}
