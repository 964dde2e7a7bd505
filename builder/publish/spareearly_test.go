package publish

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// publishEarly publishes files into dest as Tree does, given early, and
// reports whether the publish took early's index.
func publishEarly(t *testing.T, dest string, files map[string]string, early *EarlySpare) bool {
	t.Helper()
	taken := false
	err := Tree(dest, Options{Early: early}, func(to *Target) error {
		taken = to.state.early
		for name, b := range files {
			if err := to.Write(name, []byte(b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); !maps.Equal(got, files) {
		t.Errorf("published %v, want %v", got, files)
	}
	return taken
}

// TestSpareEarly: the spare's index read before the publish is taken when
// the spare is still the folder read, as it was read, and the output is
// exactly what was written; it is not taken, and the spare read again
// under the lock, when a name was made in the spare's folder since, when
// another publish took the spare and left another, when the spare went,
// or when it was read for another output.
func TestSpareEarly(t *testing.T) {
	dest, _, exchanges := spareFixture(t)
	steps := []map[string]string{
		{"index.html": "uno", "a/b.html": "b", "a/c/d.html": "d", "keep.css": "k"},
		{"index.html": "due", "a/b.html": "b", "x/y.html": "y", "keep.css": "k"},
		{"index.html": "tre", "a/c/d.html": "d2", "keep.css": "k", "n/m.html": "m"},
	}
	for i, files := range steps {
		early := ReadSpareEarly(dest)
		taken := publishEarly(t, dest, files, early)
		if wantTaken := i >= 2 && exchanges && runtime.GOOS == "linux"; taken != wantTaken {
			t.Errorf("step %d: index read early taken %v, want %v", i, taken, wantTaken)
		}
	}
	if !exchanges || runtime.GOOS != "linux" {
		if ReadSpareEarly(dest) != nil && runtime.GOOS != "linux" {
			t.Error("a spare read early where the system lists none")
		}
		return
	}
	files := steps[2]

	// A name made in the spare's folder once it was read.
	early := ReadSpareEarly(dest)
	<-early.done
	tick(t, filepath.Dir(dest))
	if err := os.WriteFile(filepath.Join(sparePath(dest), "estraneo.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if publishEarly(t, dest, files, early) {
		t.Error("an index read early taken, though a name was made in the spare since")
	}

	// Another publish took the spare and left another in its place.
	early = ReadSpareEarly(dest)
	<-early.done
	publishEarly(t, dest, steps[1], nil)
	if publishEarly(t, dest, files, early) {
		t.Error("an index read early taken, though another publish took the spare")
	}

	// The spare went.
	early = ReadSpareEarly(dest)
	<-early.done
	if err := os.RemoveAll(sparePath(dest)); err != nil {
		t.Fatal(err)
	}
	if publishEarly(t, dest, files, early) {
		t.Error("an index read early taken, though the spare went")
	}

	// Read for another output.
	other := filepath.Join(filepath.Dir(dest), "altro")
	for range 3 {
		publishEarly(t, other, files, nil)
	}
	publishEarly(t, dest, steps[0], nil)
	if publishEarly(t, dest, files, ReadSpareEarly(other)) {
		t.Error("the index of another output's spare taken")
	}
	if !publishEarly(t, dest, steps[1], ReadSpareEarly(dest)) {
		t.Error("an index read early not taken, the spare as it was read")
	}
}

// tick waits until a file made in dir has another modification time than
// one made now: the system stamps files with a clock that moves a few
// milliseconds at a time, and a folder changed within the same tick as it
// was looked at keeps its stamp.
func tick(t *testing.T, dir string) {
	t.Helper()
	probe := filepath.Join(dir, ".tick")
	stampNow := func() int64 {
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(probe)
		if err != nil {
			t.Fatal(err)
		}
		return info.ModTime().UnixNano()
	}
	first := stampNow()
	for stampNow() == first {
		time.Sleep(time.Millisecond)
	}
	os.Remove(probe)
}
