package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestRealDirListed: in a folder of the previous output with more
// folders than are looked at one by one (listAfter), listed at once, a
// symbolic link to a folder outside is told from the real folders, before
// and after the listing, and nothing is linked through it.
func TestRealDirListed(t *testing.T) {
	root := t.TempDir()
	prev, outside := filepath.Join(root, "prev"), filepath.Join(root, "outside")
	for _, d := range []string{prev, outside} {
		if err := os.MkdirAll(filepath.Join(d, "cartella"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "f.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	const n = 3 * listAfter
	link := map[int]bool{2: true, listAfter + 3: true} // one looked at, one listed
	for i := range n {
		d := filepath.Join(prev, "cartella", fmt.Sprintf("d%02d", i))
		if link[i] {
			if err := os.Symlink(outside, d); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "f.txt"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next := filepath.Join(root, "next")
	r := openReuse(prev, next)
	for i := range n {
		name := fmt.Sprintf("cartella/d%02d", i)
		if got := r.realDir(name); got == link[i] {
			t.Errorf("%s: real folder %v; want %v", name, got, !link[i])
		}
		full := filepath.Join(next, filepath.FromSlash(name), "f.txt")
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, ok := r.link(name+"/f.txt", []byte("x"), full, spareName{}, func(string) {}); ok == link[i] {
			t.Errorf("%s/f.txt: linked %v; want %v", name, ok, !link[i])
		}
	}
	if sub := r.listed["cartella"]; sub == nil || sub.names == nil || len(sub.names) != n-len(link) {
		t.Errorf("the folder was not listed, or lists %v", sub)
	}
}
