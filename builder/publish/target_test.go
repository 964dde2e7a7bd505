package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestWriteMakesFolders: files written at once from many goroutines into
// new folders that share their parents all land, each with its bytes;
// into a folder that is there already too; and where a file stands in the
// way of a folder, the write fails with an error, not a panic.
func TestWriteMakesFolders(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "there", "already"), 0o755); err != nil {
		t.Fatal(err)
	}
	to := NewTarget(root)
	want := map[string]string{}
	for g := range 8 {
		for i := range 40 {
			name := fmt.Sprintf("p/u%d/s%d/index.html", i%5, g*40+i)
			if i%7 == 0 {
				name = fmt.Sprintf("p/u%d/s%d/originale/index.html", i%5, g*40+i)
			}
			want[name] = name + " bytes"
		}
	}
	want["there/already/x.txt"] = "x"
	want["top.txt"] = "top"
	var wg sync.WaitGroup
	names := make(chan string)
	for range 8 {
		wg.Go(func() {
			for name := range names {
				if err := to.Write(name, []byte(want[name])); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for name := range want {
		names <- name
	}
	close(names)
	wg.Wait()
	got := tree(t, root)
	for name, b := range want {
		if got[name] != b {
			t.Errorf("%s: %q, want %q", name, got[name], b)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	if err := to.Write("top.txt/inside.html", []byte("no")); err == nil {
		t.Error("a file where a folder must be: no error")
	}
	// Two writers that make the same new folder at once: the second finds
	// it made.
	dir := filepath.Join(root, "p", "u1", "twice")
	for range 2 {
		if err := to.mkdirs(dir); err != nil {
			t.Errorf("making %s again: %v", dir, err)
		}
	}
}
