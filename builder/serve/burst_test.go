package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao/internal/synth"
)

// maxBurstRebuilds is how many rebuilds a burst of writes may cause: a
// few, not one per event.
const maxBurstRebuilds = 10

// TestRapidWrites writes one sheet 500 times as fast as possible, and
// expects a few rebuilds and, at the end, the site of a clean build.
func TestRapidWrites(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	file := filepath.Join(dir, suapFile)
	good := readFile(t, file)
	before := srv.Rebuilds()
	last := ""
	for i := range 500 {
		last = fmt.Sprintf("Scrittura-%03d", i)
		if err := os.WriteFile(file, []byte(strings.Replace(good, suapName, last, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st.waitFor(t, "the last write", pageHas(t, srv, suapPage, last))
	waitSameAsBuild(t, st, srv, dir)
	t.Logf("500 writes: %d rebuilds", srv.Rebuilds()-before)
	if n := srv.Rebuilds() - before; n < 1 || n > maxBurstRebuilds {
		t.Errorf("500 writes caused %d rebuilds, want 1 to %d", n, maxBurstRebuilds)
	}
}

// TestManyFilesAtOnce changes 200 sheets in one go and expects a few
// rebuilds and the site of a clean build. The changes rename every sheet,
// which the home, plan, unit and line pages show.
func TestManyFilesAtOnce(t *testing.T) {
	dir := t.TempDir()
	sheets, err := synth.Generate(dir, 200, 7)
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	before := srv.Rebuilds()
	name := regexp.MustCompile(`(?m)^(obiettivo_operativo|titolo): (\{valore: )?"`)
	for _, s := range sheets {
		file := filepath.Join(dir, filepath.FromSlash(s))
		writeFile(t, file, name.ReplaceAllString(readFile(t, file), `$1: $2"Cambiata `))
	}
	waitSameAsBuild(t, st, srv, dir)
	if code, body := get(t, srv, "/"); code != 200 || strings.Count(body, "Cambiata ") < len(sheets) {
		t.Errorf("home page: status %d, %d renamed sheets of %d", code, strings.Count(body, "Cambiata "), len(sheets))
	}
	t.Logf("200 files: %d rebuilds", srv.Rebuilds()-before)
	if n := srv.Rebuilds() - before; n < 1 || n > maxBurstRebuilds {
		t.Errorf("200 files caused %d rebuilds, want 1 to %d", n, maxBurstRebuilds)
	}
}

// waitSameAsBuild waits for reload events until the served site is byte
// for byte a clean build of dir.
func waitSameAsBuild(t *testing.T, st *stream, srv *Server, dir string) {
	t.Helper()
	diff := ""
	st.waitFor(t, "a site equal to a clean build", func() bool {
		var ok bool
		ok, diff = sameAsBuild(t, srv, dir)
		return ok
	})
	if diff != "" {
		t.Error(diff)
	}
}
