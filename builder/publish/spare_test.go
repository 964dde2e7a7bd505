package publish

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// tree reads every file under root, the marker aside, and fails on a
// symbolic link.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("%s: a symbolic link in the output", p)
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = readFile(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSpare: publish after publish through the spare (the previous output
// kept beside dest and brought up to date), the output is exactly what
// was written — files become folders and folders files, files go — even
// when the spare was tampered with (a file edited, one added, a symbolic
// link to a folder outside); nothing outside is written, no file of the
// output replaced is written in place, and an unchanged file keeps its
// inode from one output to the next.
func TestSpare(t *testing.T) {
	dir := t.TempDir()
	dest, outside := filepath.Join(dir, "public"), filepath.Join(dir, "fuori")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	steps := []map[string]string{
		{"index.html": "uno", "a/b.html": "b", "a/c/d.html": "d", "x": "file", "keep.css": "k", "s.html": "s"},
		{"index.html": "due", "a/b.html": "b", "x/y.html": "y", "keep.css": "k", "s.html": "s"},
		{"index.html": "tre", "a/c/d.html": "d2", "x": "file again", "keep.css": "k", "n/m.html": "m", "s.html": "s2"},
		{"index.html": "tre", "keep.css": "k", "n/m.html": "m2"},
	}
	var keep os.FileInfo
	for i, files := range steps {
		if i == 3 { // tamper with the spare
			sp := sparePath(dest)
			if _, err := os.Stat(sp); err != nil {
				t.Fatalf("no spare after three publishes: %v", err)
			}
			_ = os.WriteFile(filepath.Join(sp, "index.html"), []byte("a mano"), 0o644)
			_ = os.WriteFile(filepath.Join(sp, "estraneo.txt"), []byte("x"), 0o644)
			_ = os.RemoveAll(filepath.Join(sp, "n"))
			if err := os.Symlink(outside, filepath.Join(sp, "n")); err != nil {
				t.Fatal(err)
			}
		}
		before := map[string]string{}
		if i > 0 {
			before = tree(t, dest)
		}
		if err := publishFiles(dest, files); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := tree(t, dest); !maps.Equal(got, files) {
			t.Errorf("step %d: published %v, want %v", i, got, files)
		}
		if i > 0 && !maps.Equal(tree(t, sparePath(dest)), before) {
			t.Errorf("step %d: the output replaced (now the spare) was changed: %v, was %v", i, tree(t, sparePath(dest)), before)
		}
		info, err := os.Stat(filepath.Join(dest, "keep.css"))
		if err != nil {
			t.Fatal(err)
		}
		if keep != nil && !os.SameFile(keep, info) {
			t.Errorf("step %d: an unchanged file was written again", i)
		}
		keep = info
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the output, through a link in the spare: %v", entries)
	}
}
