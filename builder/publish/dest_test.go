package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	return string(b)
}

// publishFiles publishes files (slash-separated name → content) into dest.
func publishFiles(dest string, files map[string]string) error {
	return Tree(dest, Options{}, func(to *Target) error {
		for name, b := range files {
			if err := to.Write(name, []byte(b)); err != nil {
				return err
			}
		}
		return nil
	})
}

// TestRecoverStale: what a publish killed between two steps leaves is
// repaired by the next one: a folder moved aside is put back if the
// output is missing, and temporary folders are removed.
func TestRecoverStale(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := publishFiles(dest, map[string]string{"index.html": "uno"}); err != nil {
		t.Fatal(err)
	}
	// Killed between the two renames of the fallback swap, while another
	// temporary folder was half written.
	if err := os.Rename(dest, oldPath(dest)); err != nil {
		t.Fatal(err)
	}
	half := filepath.Join(filepath.Dir(dest), tempPrefix(dest)+"123")
	_ = os.MkdirAll(filepath.Join(half, "a"), 0o755)
	_ = os.WriteFile(filepath.Join(half, "a", "x.html"), []byte("mezzo"), 0o644)
	recoverStale(dest)
	if got := readFile(t, filepath.Join(dest, "index.html")); got != "uno" {
		t.Errorf("index.html = %q after recovery, want the previous site", got)
	}
	for _, p := range []string{oldPath(dest), half} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left after recovery", filepath.Base(p))
		}
	}
	// Killed after the exchange, before the previous site was removed: the
	// next publish removes it.
	_ = os.MkdirAll(half, 0o755)
	_ = os.WriteFile(filepath.Join(half, Marker), []byte("piao\n"), 0o644)
	if err := publishFiles(dest, map[string]string{"index.html": "due"}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dest, "index.html")); got != "due" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(half); err == nil {
		t.Error("the stale folder survived the next publish")
	}
}

// TestSwapIn: the new folder takes the place of the old in one step, and
// the old one ends up in the new one's place.
func TestSwapIn(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	_ = os.MkdirAll(a, 0o755)
	_ = os.MkdirAll(b, 0o755)
	_ = os.WriteFile(filepath.Join(a, "f"), []byte("nuovo"), 0o644)
	_ = os.WriteFile(filepath.Join(b, "f"), []byte("vecchio"), 0o644)
	if err := swapIn(a, b); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(b, "f")); got != "nuovo" {
		t.Errorf("dest holds %q", got)
	}
	if got := readFile(t, filepath.Join(a, "f")); got != "vecchio" && got != "" {
		t.Errorf("the old folder holds %q", got)
	}
}

// TestSwapByRenames: the swap of Windows puts the new folder in place and
// removes the previous one, nothing left beside; when the second rename
// fails, the previous folder is put back.
func TestSwapByRenames(t *testing.T) {
	dir := t.TempDir()
	tmp, dest := filepath.Join(dir, ".public.piao-new-1"), filepath.Join(dir, "public")
	for p, s := range map[string]string{tmp: "nuovo", dest: "vecchio"} {
		_ = os.MkdirAll(p, 0o755)
		_ = os.WriteFile(filepath.Join(p, "f"), []byte(s), 0o644)
		_ = os.WriteFile(filepath.Join(p, Marker), []byte("piao\n"), 0o644)
	}
	if err := swapByRenames(tmp, dest); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dest, "f")); got != "nuovo" {
		t.Errorf("dest holds %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left beside dest: %v", entries)
	}
	// The new folder is gone (a second rename that fails): dest comes back.
	if err := swapByRenames(filepath.Join(dir, "missing"), dest); err == nil {
		t.Fatal("a swap with no new folder succeeded")
	}
	if got := readFile(t, filepath.Join(dest, "f")); got != "nuovo" {
		t.Errorf("after a failed swap dest holds %q", got)
	}
	if _, err := os.Stat(oldPath(dest)); err == nil {
		t.Error("a failed swap left the previous folder aside")
	}
}
