//go:build unix

package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPublishedFolderReadable: the published folder can be read by
// everyone, as its folders and files can — a web server that runs as
// another user serves it, and a copy that keeps modes (rsync -a) too —
// whether it was made anew or a spare brought up to date, and a spare
// left private (as piao left the output before) is opened up when taken.
func TestPublishedFolderReadable(t *testing.T) {
	dest, _, exchanges := spareFixture(t)
	for i, files := range []map[string]string{
		{"index.html": "uno", "a/b.html": "b"},
		{"index.html": "due", "a/b.html": "b"},
		{"index.html": "tre", "a/b.html": "b2"},
	} {
		if i == 2 && exchanges { // the spare as an older piao left it
			if err := os.Chmod(sparePath(dest), 0o700); err != nil {
				t.Fatal(err)
			}
		}
		if err := publishFiles(dest, files); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		for _, name := range []string{".", "a", "a/b.html"} {
			info, err := os.Stat(filepath.Join(dest, name))
			if err != nil {
				t.Fatal(err)
			}
			want := os.FileMode(0o004) // a file read, a folder read and entered
			if info.IsDir() {
				want = 0o005
			}
			if perm := info.Mode().Perm(); perm&want != want {
				t.Errorf("step %d: %s has mode %v: others cannot read it", i, name, perm)
			}
		}
		if info, err := os.Stat(dest); err == nil && info.Mode().Perm() != siteMode {
			t.Errorf("step %d: the published folder has mode %v, want %v", i, info.Mode().Perm(), os.FileMode(siteMode))
		}
	}
}
