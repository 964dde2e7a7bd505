package piao

import (
	"io/fs"
	"os"
	"testing"
)

// TestThemesComplete checks that every file of themes/ on disk is embedded,
// including those whose name starts with "_" or ".", which a plain
// //go:embed leaves out.
func TestThemesComplete(t *testing.T) {
	err := fs.WalkDir(os.DirFS("."), "themes", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, err := fs.Stat(Themes, p); err != nil {
			t.Errorf("%s is not embedded in the binary: %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
