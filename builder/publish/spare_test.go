package publish

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
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

// canExchange reports whether the file system under dir swaps two names in
// one step; elsewhere (Windows, a build with the tag piao_renames) the
// previous output is removed after the swap and there is no spare.
func canExchange(t *testing.T, dir string) bool {
	t.Helper()
	a, b := filepath.Join(dir, "scambio-a"), filepath.Join(dir, "scambio-b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(d)
	}
	err := exchange(a, b)
	if err != nil && !errors.Is(err, errNoExchange) {
		t.Fatal(err)
	}
	return err == nil
}

// spareFixture gives a test of the spare its dest and a folder outside it,
// in a folder of its own, and whether folders are exchanged there.
func spareFixture(t *testing.T) (dest, outside string, exchanges bool) {
	t.Helper()
	dir := t.TempDir()
	dest, outside = filepath.Join(dir, "public"), filepath.Join(dir, "fuori")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	return dest, outside, canExchange(t, dir)
}

// tamper makes a spare by hand at sp, or spoils the one there: a file
// edited, one added, and in place of the folder n a symbolic link to a
// folder outside (where the system lets this user make one: Windows asks
// for Developer Mode or an administrator).
func tamper(t *testing.T, sp, outside string) {
	t.Helper()
	if err := os.MkdirAll(sp, 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(sp, "index.html"), []byte("a mano"), 0o644)
	_ = os.WriteFile(filepath.Join(sp, "estraneo.txt"), []byte("x"), 0o644)
	_ = os.RemoveAll(filepath.Join(sp, "n"))
	if err := os.Symlink(outside, filepath.Join(sp, "n")); err != nil && runtime.GOOS != "windows" {
		t.Fatal(err)
	}
}

// TestSpare: publish after publish through the spare (the previous output
// kept beside dest and brought up to date), the output is exactly what
// was written — files become folders and folders files, files go — even
// when the spare was tampered with (a file edited, one added, a symbolic
// link to a folder outside); nothing outside is written, no file of the
// output replaced is written in place, and an unchanged file keeps its
// inode from one output to the next. Where folders cannot be exchanged
// no spare is kept, and one found beside dest (made by hand, or by piao
// on another system) is used as untrusted as ever.
func TestSpare(t *testing.T) { withAndWithoutIndex(t, testSpare) }

func testSpare(t *testing.T) {
	dest, outside, exchanges := spareFixture(t)
	steps := []map[string]string{
		{"index.html": "uno", "a/b.html": "b", "a/c/d.html": "d", "x": "file", "keep.css": "k", "s.html": "s"},
		{"index.html": "due", "a/b.html": "b", "x/y.html": "y", "keep.css": "k", "s.html": "s"},
		{"index.html": "tre", "a/c/d.html": "d2", "x": "file again", "keep.css": "k", "n/m.html": "m", "s.html": "s2", "cerca/h1/t.js": "t", "cerca/h1/u/v.js": "v"},
		{"index.html": "tre", "keep.css": "k", "n/m.html": "m2", "cerca/h2/t.js": "t2", "cerca/h2/u/v.js": "v", "a/c/d.html": "d2"},
		{"index.html": "tre", "keep.css": "k", "cerca/h1/t.js": "t", "cerca/h2/u/v.js": "v2", "a/c/d.html": "d3"},
	}
	var keep os.FileInfo
	for i, files := range steps {
		sp := sparePath(dest)
		if _, err := os.Stat(sp); i > 1 && (err == nil) != exchanges { // the first publish swaps nothing
			t.Fatalf("step %d: spare there %v, folders exchanged %v", i, err == nil, exchanges)
		}
		if i == 3 {
			tamper(t, sp, outside)
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
		if i > 0 && exchanges && !maps.Equal(tree(t, sp), before) {
			t.Errorf("step %d: the output replaced (now the spare) was changed: %v, was %v", i, tree(t, sp), before)
		}
		info, err := os.Stat(filepath.Join(dest, "keep.css"))
		if err != nil {
			t.Fatal(err)
		}
		if keep != nil && exchanges && !os.SameFile(keep, info) {
			t.Errorf("step %d: an unchanged file was written again", i)
		}
		keep = info
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the output, through a link in the spare: %v", entries)
	}
	if _, err := os.Lstat(sparePath(dest)); err == nil && !exchanges {
		t.Error("a spare kept where folders are not exchanged")
	}
}

// TestWriteTwiceNeverInPlace: a name written twice in one publish, the
// first time linked to the previous output's file (the same bytes), the
// second with other bytes, leaves that file as it was — in a folder the
// publish made and in one it brought up to date — and publishes the
// second bytes.
func TestWriteTwiceNeverInPlace(t *testing.T) { withAndWithoutIndex(t, testWriteTwiceNeverInPlace) }

func testWriteTwiceNeverInPlace(t *testing.T) {
	dir := t.TempDir()
	dest, witness := filepath.Join(dir, "public"), filepath.Join(dir, "testimone")
	files := map[string]string{"index.html": "uno", "a/b.html": "b"}
	for round := range 3 { // the third publish brings a spare up to date, where folders are exchanged
		if err := publishFiles(dest, files); err != nil {
			t.Fatal(err)
		}
		os.Remove(witness)
		if err := os.Link(filepath.Join(dest, "a", "b.html"), witness); err != nil {
			t.Skipf("no hard links here: %v", err)
		}
		err := Tree(dest, Options{}, func(to *Target) error {
			for _, w := range []struct{ name, b string }{{"index.html", "uno"}, {"a/b.html", "b"}, {"a/b.html", "altro"}, {"c/d.html", "d"}, {"c/d.html", "d2"}} {
				if err := to.Write(w.name, []byte(w.b)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, witness); got != "b" {
			t.Fatalf("round %d: the previous output's file was written in place: %q", round, got)
		}
		if got := tree(t, dest); !maps.Equal(got, map[string]string{"index.html": "uno", "a/b.html": "altro", "c/d.html": "d2"}) {
			t.Fatalf("round %d: published %v", round, got)
		}
	}
}

// TestHoldKeepsSpare: Hold runs its look under the lock of dest, returns
// its error as it is, refuses what Tree refuses, recovers what a killed
// publish left, and leaves the spare (where folders are exchanged) and
// dest as they were: a build with nothing to write does not cost the next
// one its spare.
func TestHoldKeepsSpare(t *testing.T) {
	dest, _, exchanges := spareFixture(t)
	for _, files := range []map[string]string{{"index.html": "uno", "a/b.html": "b"}, {"index.html": "due", "a/b.html": "b"}} {
		if err := publishFiles(dest, files); err != nil {
			t.Fatal(err)
		}
	}
	sp := sparePath(dest)
	before, err := os.Lstat(sp)
	if (err == nil) != exchanges {
		t.Fatalf("spare there %v, folders exchanged %v", err == nil, exchanges)
	}
	stale := filepath.Join(filepath.Dir(dest), tempPrefix(dest)+"ucciso")
	if err := os.Mkdir(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	want := errors.New("guardato")
	looked := false
	err = Hold(dest, Options{}, func() error {
		looked = true
		if _, err := os.Lstat(stale); err == nil {
			t.Error("what a killed publish left is still there as dest is looked at")
		}
		if _, err := os.Lstat(lockPath(dest)); err != nil {
			t.Errorf("looked at without the lock: %v", err)
		}
		return want
	})
	if !looked || err != want {
		t.Fatalf("Hold: looked %v, error %v; want %v", looked, err, want)
	}
	if after, err := os.Lstat(sp); exchanges && (err != nil || !os.SameFile(before, after)) {
		t.Errorf("the spare is gone or replaced after Hold: %v", err)
	}
	if exchanges && !maps.Equal(tree(t, sp), map[string]string{"index.html": "uno", "a/b.html": "b"}) {
		t.Errorf("the spare was changed: %v", tree(t, sp))
	}
	if got := tree(t, dest); !maps.Equal(got, map[string]string{"index.html": "due", "a/b.html": "b"}) {
		t.Errorf("dest changed by Hold: %v", got)
	}
	foreign := filepath.Join(t.TempDir(), "altro")
	if err := os.MkdirAll(filepath.Join(foreign, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	var de *DestError
	if err := Hold(foreign, Options{}, func() error { t.Error("a foreign folder looked at"); return nil }); !errors.As(err, &de) || de.Reason != Foreign {
		t.Errorf("Hold on a foreign folder: %v", err)
	}
}

// TestReadSpare: the spare's index lists every name of the spare — files,
// folders, a symbolic link, in folders at every depth — each with its kind
// and, for a file, the inode the system gives it; it follows no link; on
// Linux a publish into a spare reads it (elsewhere there is none, and
// every name is looked at).
func TestReadSpare(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"index.html", "a/b.html", "a/c/d.html", "a/c/e/f.js", "vuota/.x"} {
		full := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "segreto"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	linked := os.Symlink(outside, filepath.Join(root, "a", "fuori")) == nil
	idx := readSpare(root)
	if runtime.GOOS != "linux" {
		if idx != nil {
			t.Fatal("an index where the system's listing is not read")
		}
		return
	}
	if idx == nil {
		t.Fatal("no index of a readable spare")
	}
	want := map[string]entryKind{"index.html": entryFile, "a": entryDir, "a/b.html": entryFile, "a/c": entryDir,
		"a/c/d.html": entryFile, "a/c/e": entryDir, "a/c/e/f.js": entryFile, "vuota": entryDir, "vuota/.x": entryFile}
	if linked {
		want["a/fuori"] = entryOther
	}
	got := map[string]entryKind{}
	for _, e := range idx.all {
		got[e.rel] = e.kind
		if e.full != filepath.Join(root, filepath.FromSlash(e.rel)) {
			t.Errorf("%s: full path %s", e.rel, e.full)
		}
		info, err := os.Lstat(e.full)
		if err != nil {
			t.Fatal(err)
		}
		if e.kind == entryFile && (e.ino != inode(info) || e.ino == 0) {
			t.Errorf("%s: inode %d, the system says %d", e.rel, e.ino, inode(info))
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("index %v, want %v", got, want)
	}
	if e, ok, known := idx.ask(filepath.Join(root, "a", "b.html")); !ok || !known || e.rel != "a/b.html" {
		t.Errorf("first question: %v %v %v", e, ok, known)
	}
	if _, ok, known := idx.ask(filepath.Join(root, "a", "b.html")); ok || !known {
		t.Errorf("second question answered from the index: %v %v", ok, known)
	}
	if idx := readSpare(filepath.Join(root, "a", "fuori")); linked && idx != nil {
		t.Error("a spare that is a symbolic link read as an index")
	}

	dest, _, exchanges := spareFixture(t)
	for range 3 {
		indexed := false
		_, spared := os.Lstat(sparePath(dest))
		err := Tree(dest, Options{}, func(to *Target) error {
			indexed = to.index() != nil
			return to.Write("index.html", []byte("x"))
		})
		if err != nil {
			t.Fatal(err)
		}
		if spared == nil && exchanges && !indexed {
			t.Error("a publish into the spare did not read its index")
		}
	}
}

// withAndWithoutIndex runs test with the spare's index read, where the
// system lists one, and without, as on a system that does not.
func withAndWithoutIndex(t *testing.T, test func(t *testing.T)) {
	t.Run("index", test)
	t.Run("senza-indice", func(t *testing.T) {
		indexSpare = false
		t.Cleanup(func() { indexSpare = true })
		test(t)
	})
}
