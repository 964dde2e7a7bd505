package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestSnapshotFS checks the snapshot against the io/fs contract, and
// against the disk it mirrors.
func TestSnapshotFS(t *testing.T) {
	dir := exampleSite(t)
	writeFile(t, filepath.Join(dir, "themes/default/assets/x.css"), "a{}")
	writeFile(t, filepath.Join(dir, "README.md"), "outside the mirror")
	os.MkdirAll(filepath.Join(dir, "content/vuota"), 0o755)
	snap := newSnapshot(os.DirFS(dir), (&reader{root: dir, fsw: nil}).readTree(t))
	var want []string
	fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			want = append(want, p)
		}
		return err
	})
	if err := fstest.TestFS(snap, want...); err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(snap, "README.md")
	if err != nil || string(b) != "outside the mirror" {
		t.Errorf("a path outside the mirror: %q, %v", b, err)
	}
	if _, err := fs.Stat(snap, "content/vuota"); err != nil {
		t.Errorf("an empty folder is missing: %v", err)
	}
	// What the mirror leaves out: a folder piao build wrote, editor debris.
	writeFile(t, filepath.Join(dir, "content/uscita/.piao-output"), "piao\n")
	writeFile(t, filepath.Join(dir, "content/uscita/index.html"), "<p>")
	writeFile(t, filepath.Join(dir, "content/piao-2024-2026/operativi/suap.yaml~"), "backup")
	writeFile(t, filepath.Join(dir, "content/piao-2024-2026/operativi/4913"), "")
	skipped := newSnapshot(os.DirFS(dir), (&reader{root: dir, fsw: nil}).readTree(t))
	for _, p := range []string{"content/uscita", "content/uscita/index.html", "content/piao-2024-2026/operativi/suap.yaml~", "content/piao-2024-2026/operativi/4913"} {
		if skipped.files[p] != nil {
			t.Errorf("the mirror holds %s", p)
		}
	}
}

// TestSnapshotWith applies changes and compares with a snapshot made from
// scratch of the same files.
func TestSnapshotWith(t *testing.T) {
	f := func(s string) *file { return &file{data: []byte(s), size: int64(len(s)), mode: 0o644} }
	d := &file{mode: fs.ModeDir | 0o755}
	base := newSnapshot(nil, map[string]*file{
		"content": d, "content/p": d, "content/p/a.yaml": f("a"), "content/p/b.yaml": f("b"),
		"content/q": d, "content/q/x.yaml": f("x"),
	})
	got := base.with(map[string]*file{
		"content/p/b.yaml": f("b2"), "content/p/c.yaml": f("c"), "content/q": nil,
		"content/r": d, "content/r/y.yaml": f("y"), "content/p/a.yaml": f("a"),
	})
	want := newSnapshot(nil, map[string]*file{
		"content": d, "content/p": d, "content/p/a.yaml": f("a"), "content/p/b.yaml": f("b2"),
		"content/p/c.yaml": f("c"), "content/r": d, "content/r/y.yaml": f("y"),
	})
	sub, _ := fs.Sub(got, "content")
	if err := fstest.TestFS(sub, "p/a.yaml", "p/b.yaml", "p/c.yaml", "r/y.yaml"); err != nil {
		t.Fatal(err)
	}
	for dir := range want.dirs {
		g, _ := fs.ReadDir(got, dir)
		w, _ := fs.ReadDir(want, dir)
		if len(g) != len(w) {
			t.Errorf("ReadDir(%s): %d entries, want %d", dir, len(g), len(w))
		}
	}
	if _, err := fs.Stat(got, "content/q/x.yaml"); err == nil {
		t.Error("a deleted folder's file is still there")
	}
	if got.files["content/p/a.yaml"] != base.files["content/p/a.yaml"] {
		t.Error("an unchanged file got a new pointer: it would count as changed")
	}
	ch := base.changed(got)
	for _, p := range []string{"content/p/b.yaml", "content/p/c.yaml", "content/q", "content/q/x.yaml", "content/r/y.yaml"} {
		if !ch[p] {
			t.Errorf("changed() misses %s", p)
		}
	}
	if ch["content/p/a.yaml"] {
		t.Error("changed() lists an unchanged file")
	}
	if same := base.with(map[string]*file{"content/p/a.yaml": f("a")}); same != base {
		t.Error("with() of identical bytes made a new snapshot")
	}
}

// readTree reads the mirrored part of root, as the server does at start.
func (r *reader) readTree(t *testing.T) map[string]*file {
	t.Helper()
	w, err := newTestWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r.fsw, r.log = w, func(string) {}
	return r.readAll()
}
