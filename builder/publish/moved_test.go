package publish

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMoved: a folder named after its content (cerca/hN) that Moved says
// holds the previous output's: the output is exactly what was written,
// publish after publish — through a new folder, through the spare, and
// through a spare tampered with (a symbolic link to a folder outside, a
// file added in its folder) — a file of the same bytes keeps its inode
// (linked, or left where it is in the spare), the output replaced is never
// changed, and nothing outside is written.
func TestMoved(t *testing.T) { withAndWithoutIndex(t, testMoved) }

func testMoved(t *testing.T) {
	dest, outside, exchanges := spareFixture(t)
	steps := []map[string]string{
		{"index.html": "uno", "cerca/h0/a.js": "a", "cerca/h0/b.js": "b", "cerca/h0/c.js": "c"},
		{"index.html": "uno", "cerca/h1/a.js": "a", "cerca/h1/b.js": "b2", "cerca/h1/d.js": "d"},
		{"index.html": "due", "cerca/h2/a.js": "a", "cerca/h2/b.js": "b2", "cerca/h2/d.js": "d2"},
		{"index.html": "due", "cerca/h3/a.js": "a", "cerca/h3/b.js": "b3", "cerca/h3/d.js": "d2"},
		{"index.html": "due", "cerca/h4/a.js": "a", "cerca/h4/b.js": "b3", "cerca/h4/e.js": "e"},
		{"index.html": "due", "cerca/h4/a.js": "a", "cerca/h4/b.js": "b4", "cerca/h4/e.js": "e"}, // the same name again
	}
	inodes := map[string]os.FileInfo{} // file name in its folder → the file it was at the last step
	prevDir := ""
	for i, files := range steps {
		sp := sparePath(dest)
		if i == 4 && exchanges { // the spare's folder of the search is a link outside, and another folder is beside it
			entries, err := os.ReadDir(filepath.Join(sp, "cerca"))
			if err != nil || len(entries) != 1 {
				t.Fatalf("step %d: the spare's cerca/ holds %v (%v)", i, entries, err)
			}
			old := filepath.Join(sp, "cerca", entries[0].Name())
			if err := os.RemoveAll(old); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, old); err != nil && runtime.GOOS != "windows" {
				t.Fatal(err)
			}
		}
		if i == 3 && exchanges { // a file added by hand in the spare's folder
			entries, _ := os.ReadDir(filepath.Join(sp, "cerca"))
			for _, e := range entries {
				_ = os.WriteFile(filepath.Join(sp, "cerca", e.Name(), "estraneo.js"), []byte("x"), 0o644)
			}
		}
		var before map[string]string
		if i > 0 {
			before = tree(t, dest)
		}
		var spareDir os.FileInfo // the spare's folder of the search, which the new one should be
		if entries, _ := os.ReadDir(filepath.Join(sp, "cerca")); exchanges && len(entries) == 1 && entries[0].IsDir() {
			spareDir, _ = os.Lstat(filepath.Join(sp, "cerca", entries[0].Name()))
		}
		newDir := ""
		for name := range files {
			if strings.HasPrefix(name, "cerca/") {
				newDir = path.Dir(name)
			}
		}
		var found []string
		err := Tree(dest, Options{}, func(to *Target) error {
			found = to.PrevFolders("cerca")
			if prevDir != "" {
				if err := to.Moved(newDir, prevDir); err != nil {
					return err
				}
			}
			for name, b := range files {
				if err := to.Write(name, []byte(b)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if prevDir != "" && (len(found) != 1 || found[0] != prevDir) {
			t.Errorf("step %d: PrevFolders(cerca) = %v, want [%s]", i, found, prevDir)
		}
		if got := tree(t, dest); !maps.Equal(got, files) {
			t.Errorf("step %d: published %v, want %v", i, got, files)
		}
		if info, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(newDir))); spareDir != nil && newDir != prevDir && (err != nil || !os.SameFile(spareDir, info)) {
			t.Errorf("step %d: %s is not the spare's folder renamed", i, newDir)
		}
		if i > 0 && exchanges && !maps.Equal(tree(t, sp), before) {
			t.Errorf("step %d: the output replaced (now the spare) was changed: %v, was %v", i, tree(t, sp), before)
		}
		now := map[string]os.FileInfo{}
		for name, b := range files {
			info, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			// On Windows, which file it is is read on the first SameFile,
			// through the name: read it now, while the name is there.
			os.SameFile(info, info)
			key := path.Base(name)
			now[key] = info
			if old := inodes[key]; old != nil && i > 0 && steps[i-1][path.Join(prevDir, key)] == b && !os.SameFile(old, info) {
				t.Errorf("step %d: %s, the same bytes as %s, was written again", i, name, path.Join(prevDir, key))
			}
		}
		inodes, prevDir = now, newDir
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the output, through a link in the spare: %v", entries)
	}
}
