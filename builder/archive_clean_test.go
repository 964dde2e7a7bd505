package builder

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCleanArchive: the leftovers of interrupted archives — temporary
// snapshot folders, read-only files and all, and temporary zips — are
// removed and named; nothing else in archive/ is touched, a symbolic link
// is not followed; while another process holds the archive's lock (a
// piao archive writing), nothing is removed.
func TestCleanArchive(t *testing.T) {
	dir := t.TempDir()
	arch := filepath.Join(dir, "archive")
	outside := t.TempDir()
	for _, d := range []string{".piao-2024-2026.tmp-3339392769/piao-2024-2026/operativi", ".p.tmp-1", "piao-2024-2026", ".altro.tmp-x", ".Maiuscole.tmp-1"} {
		if err := os.MkdirAll(filepath.Join(arch, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		".piao-2024-2026.tmp-3339392769/piao-2024-2026/operativi/suap.html": "x",
		".piao-2024-2026.tmp-3339392769/SHA256SUMS":                         "x",
		".p.zip.tmp-42":             "zip",
		"piao-2024-2026/index.html": "snapshot",
		"note.txt":                  "mine",
		".p.tmp-2":                  "a file where piao makes folders", // a file named like a folder: still a leftover name; removed
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(arch, name), []byte(body), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	_ = os.Chmod(filepath.Join(arch, ".p.tmp-1"), 0o700) // as MkdirTemp leaves it
	if err := os.Symlink(outside, filepath.Join(arch, ".q.tmp-7")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(outside, "keep"), []byte("k"), 0o644)

	unlock, err := LockArchive(dir) // a piao archive at work
	if err != nil {
		t.Fatal(err)
	}
	if removed, err := CleanArchive(dir); err != nil || len(removed) > 0 {
		t.Errorf("while the lock is held: removed %v, %v", removed, err)
	}
	unlock()

	removed, err := CleanArchive(dir)
	want := []string{".p.tmp-1", ".p.zip.tmp-42", ".piao-2024-2026.tmp-3339392769"}
	if err != nil || !slices.Equal(removed, want) {
		t.Errorf("removed %v, %v; want %v", removed, err, want)
	}
	entries, _ := os.ReadDir(arch)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if got := strings.Join(left, " "); got != ".Maiuscole.tmp-1 .altro.tmp-x .p.tmp-2 .q.tmp-7 note.txt piao-2024-2026" {
		t.Errorf("left in archive/: %s", got)
	}
	if _, err := os.Stat(filepath.Join(outside, "keep")); err != nil {
		t.Error("the cleaner followed a symbolic link")
	}
	if got := CleanedArchive(want); !strings.Contains(got, "rimossi da archive/ i resti di archiviazioni interrotte (3 cartelle o zip temporanei): .p.tmp-1, .p.zip.tmp-42, .piao-2024-2026.tmp-3339392769") {
		t.Errorf("summary %q", got)
	}
	if removed, err := CleanArchive(t.TempDir()); err != nil || removed != nil {
		t.Errorf("a site without archive/: %v, %v", removed, err)
	}
}
