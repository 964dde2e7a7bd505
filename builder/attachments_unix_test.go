//go:build unix

package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAttachmentSymlinks: an allegato that is a symbolic link out of the
// site is refused at its line, never read; one that stays inside is
// published.
func TestAttachmentSymlinks(t *testing.T) {
	dir, _ := attachmentSite(t)
	outside := filepath.Join(t.TempDir(), "segreto.pdf")
	if err := os.WriteFile(outside, []byte("%PDF segreto"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "content/p/allegati/Delibera 1.PDF")
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	ds := checkWithin(t, rootFS(t, dir))
	if got := headlines(ds); !strings.Contains(got, "content/p/piano.yaml:") || !strings.Contains(got, msgSymlink) {
		t.Errorf("a link out of the site: got\n%s", ds.Error())
	}
	if err := os.WriteFile(filepath.Join(dir, "content/p/allegati/firmata.pdf"), []byte("%PDF dentro"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("firmata.pdf", link); err != nil {
		t.Fatal(err)
	}
	if ds := checkWithin(t, rootFS(t, dir)); len(ds) > 0 {
		t.Errorf("a link inside the site: %s", ds.Error())
	}
}
