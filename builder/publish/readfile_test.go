package publish

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestReadWhole: readWhole gives the bytes os.ReadFile gives, for files
// empty, of one byte, of a page's size and larger than its first read,
// and an error that says a missing file does not exist.
func TestReadWhole(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 4095, 4096, 4097, 12_000, 1 << 20} {
		b := bytes.Repeat([]byte("piao\n"), n/5+1)[:n]
		file := filepath.Join(dir, "f")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readWhole(file)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%d bytes: got %d bytes, %v", n, len(got), err)
		}
	}
	if _, err := readWhole(filepath.Join(dir, "nessuno")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := openNew(filepath.Join(dir, "f")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("openNew of an existing file: %v", err)
	}
}
