package publish

import (
	"os"
	"path"
	"path/filepath"
	"testing"
)

// TestPathsAsCleaned: the paths put together without cleaning are those
// filepath.Join, filepath.Dir and path.Dir give, for every clean root
// and valid name.
func TestPathsAsCleaned(t *testing.T) {
	roots := []string{filepath.FromSlash("/tmp/.public.piao-tmp1"), filepath.FromSlash("/public"), "public",
		filepath.FromSlash("a/b/.public.piao-spare"), string(filepath.Separator)}
	names := []string{".", "index.html", "a/b.html", "piao-2024-2026/operativi/00042/index.html", ".piao-output", "a/.x/y", "x..y/z"}
	for _, root := range roots {
		for _, name := range names {
			if !ValidPath(name) {
				t.Fatalf("%q not a valid name", name)
			}
			full := under(root, name)
			if want := filepath.Join(root, filepath.FromSlash(name)); full != want {
				t.Errorf("under(%q, %q) = %q, want %q", root, name, full, want)
			}
			if got, want := dirOf(full), filepath.Dir(full); got != want {
				t.Errorf("dirOf(%q) = %q, want %q", full, got, want)
			}
			if got, want := dirOf(dirOf(full)), filepath.Dir(filepath.Dir(full)); got != want {
				t.Errorf("dirOf twice (%q) = %q, want %q", full, got, want)
			}
		}
	}
	for _, name := range names {
		if got, want := slashDir(name), path.Dir(name); got != want {
			t.Errorf("slashDir(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestNewTargetUncleanRoot: a Target made on a root written with "." or a
// trailing separator writes where that root is, its folders made as for a
// clean one.
func TestNewTargetUncleanRoot(t *testing.T) {
	dir := t.TempDir()
	to := NewTarget(dir + string(filepath.Separator) + "." + string(filepath.Separator) + "sito" + string(filepath.Separator))
	for _, name := range []string{"a/b/c.html", "a/b/d.html", "a/e.html", "f.html"} {
		if err := to.Write(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "sito", filepath.FromSlash(name))); err != nil || string(b) != name {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
}
