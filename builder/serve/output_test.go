package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
)

// buildPublic runs piao build on dir into dir/public, as the office does.
func buildPublic(t testing.TB, dir string) {
	t.Helper()
	in := builder.Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true}
	if _, ds, err := builder.BuildTo(in, filepath.Join(dir, "public"), builder.PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("piao build: %v\n%s", err, ds.Error())
	}
}

// fromOutput reports whether the current generation serves the last
// build's files from disk.
func fromOutput(srv *Server) bool {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for _, e := range srv.gen.files {
		return e.disk != ""
	}
	return false
}

// TestStartFromLastBuild: when nothing changed since piao build wrote
// public/, the server starts by serving that output (the same bytes a
// build gives), builds the site in the background, and a save then
// rebuilds as always.
func TestStartFromLastBuild(t *testing.T) {
	dir := exampleSite(t)
	buildPublic(t, dir)
	hold := make(chan struct{})
	srv, log := startServer(t, dir, func(o *Options) { o.holdRender = hold })
	if !strings.Contains(log.String(), "ultimo piao build") || !fromOutput(srv) {
		t.Fatalf("the server did not start from the last build's output:\n%s", log)
	}
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Fatalf("the output served is not a clean build: %s", diff)
	}
	close(hold)
	waitUntil(t, "the complete build", func() bool { return !fromOutput(srv) })
	st := openStream(t, srv)
	defer st.close()
	text := strings.Replace(readFile(t, filepath.Join(dir, suapFile)), suapName, suapName+" rinnovato", 1)
	writeFile(t, filepath.Join(dir, suapFile), text)
	st.waitFor(t, "the saved sheet", pageHas(t, srv, suapPage, suapName+" rinnovato"))
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Fatalf("after a save: %s", diff)
	}
}

// TestStartFromLastBuildOnlyWhenSame: a sheet saved since the build, or
// a file of the output edited by hand, and the server builds the site
// instead of serving the output.
func TestStartFromLastBuildOnlyWhenSame(t *testing.T) {
	for name, change := range map[string]func(t *testing.T, dir string){
		"sheet saved": func(t *testing.T, dir string) {
			text := strings.Replace(readFile(t, filepath.Join(dir, suapFile)), suapName, suapName+" rinnovato", 1)
			writeFile(t, filepath.Join(dir, suapFile), text)
		},
		"output edited": func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "public", "index.html"), "<p>a mano</p>")
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := exampleSite(t)
			buildPublic(t, dir)
			change(t, dir)
			srv, log := startServer(t, dir)
			if strings.Contains(log.String(), "ultimo piao build") || fromOutput(srv) {
				t.Fatalf("the server started from an output that a build would not write:\n%s", log)
			}
			if name == "sheet saved" && srv.cache.Parsed() != 1 { // the others from the sheet store of piao build
				t.Errorf("the first build parsed %d sheets; want the one saved", srv.cache.Parsed())
			}
			if ok, diff := sameAsBuild(t, srv, dir); !ok {
				t.Fatalf("the site served is not a clean build: %s", diff)
			}
		})
	}
}
