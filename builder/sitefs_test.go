package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
)

// TestDigestSourcesThroughFolders: the sources digested through
// OpenSite, which reads each folder's files through a root opened there,
// are those digested through os.DirFS, and OpenSite's folders are used; a
// symbolic link in place of a folder of the site still makes the sources
// unknown (no cache), as through a plain root.
func TestDigestSourcesThroughFolders(t *testing.T) {
	dir := exampleSite(t)
	site, done := OpenSite(dir)
	defer done()
	got, err := digestSources(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := digestSources(os.DirFS(dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	got.at, want.at = 0, 0 // when each began
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("through OpenSite %d files, through os.DirFS %d, or other digests", len(got.files), len(want.files))
	}
	f := openFolders(site, got.names)
	defer f.close()
	if len(f.opened) < 3 {
		t.Errorf("folders opened: %d", len(f.opened))
	}
	for name, sum := range want.files {
		b, err := f.readFile(name)
		if h := sha256.Sum256(b); err != nil || hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s read through its folder: %v", name, err)
		}
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "x.md"), []byte("---\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content", "fuori")); err != nil {
		t.Skip(err)
	}
	if _, err := digestSources(site, nil); err == nil {
		t.Error("a symbolic link to a folder outside the site was digested")
	}
	if _, _, err := site.(folderOpener).openFolder("content/fuori"); err == nil {
		t.Error("a folder reached through a symbolic link was opened")
	}
}

// TestOpenFoldersBounded: a site of more folders than maxOpenFolders holds
// at most that many open, reads every file all the same, and a folder of
// one file is not opened.
func TestOpenFoldersBounded(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := range maxOpenFolders + 20 {
		for _, f := range []string{"a.md", "b.md"} {
			name := fmt.Sprintf("content/p%03d/%s", i, f)
			names = append(names, name)
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(name), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	names = append(names, "content/sola/x.md")
	if err := os.MkdirAll(filepath.Join(dir, "content", "sola"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "sola", "x.md"), []byte("content/sola/x.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	site, done := OpenSite(dir)
	defer done()
	f := openFolders(site, names)
	defer f.close()
	if len(f.opened) != maxOpenFolders || len(f.closes) != maxOpenFolders {
		t.Errorf("%d folders open, want %d", len(f.opened), maxOpenFolders)
	}
	if _, ok := f.opened["content/sola"]; ok {
		t.Error("a folder of one file opened")
	}
	for _, name := range names {
		if b, err := f.readFile(name); err != nil || string(b) != name {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
}

// siteOpens is a site through OpenSite that records the files opened
// through the site's own root (not those opened through a folder's).
type siteOpens struct {
	rootSite
	mu    sync.Mutex
	names []string
}

func (s *siteOpens) Open(name string) (fs.File, error) {
	s.mu.Lock()
	s.names = append(s.names, name)
	s.mu.Unlock()
	return s.rootSite.Open(name)
}

// TestLoadSheetsThroughFolders: the loader reads the sheets a folder
// lists through a root opened at that folder, not folder by folder from
// the site's root, and loads the same site as through os.DirFS.
func TestLoadSheetsThroughFolders(t *testing.T) {
	dir := exampleSite(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	site := &siteOpens{rootSite: rootSite{root: root}}
	got, ds := loadSite(site)
	want, wantDs := loadSite(os.DirFS(dir))
	if ds.Error() != wantDs.Error() || len(got.Plans) != len(want.Plans) || len(got.Plans[0].Operational) != len(want.Plans[0].Operational) ||
		len(got.Plans[0].Operational) < 2 {
		t.Fatalf("through folders: %d plans, %s; through os.DirFS: %d, %s", len(got.Plans), ds.Error(), len(want.Plans), wantDs.Error())
	}
	for _, s := range append(got.Plans[0].Strategic, got.Plans[0].Operational...) {
		if slices.Contains(site.names, s.Pos.File()) {
			t.Errorf("%s opened through the site's root", s.Pos.File())
		}
	}
}

// TestListedSite: the folders of the sources, as listSources lists them,
// answer the loader's ReadDir of a site opened by OpenSite — the same
// entries as a listing of the folder, and no file added since — and the
// site loads as it does without them; a folder not listed is read as
// ever, and a site of another kind is left as it is.
func TestListedSite(t *testing.T) {
	dir := exampleSite(t)
	site, done := OpenSite(dir)
	defer done()
	list := listSources(site)
	if list.err != nil || len(list.dirs) < 3 {
		t.Fatalf("listed %d folders: %v", len(list.dirs), list.err)
	}
	listed := listedSite(site, list.dirs)
	for name := range list.dirs {
		got, err := fs.ReadDir(listed, name)
		want, werr := fs.ReadDir(site, name)
		if err != nil || werr != nil || len(got) != len(want) {
			t.Fatalf("%s: %d entries listed, %d read (%v, %v)", name, len(got), len(want), err, werr)
		}
		for i := range got {
			if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() {
				t.Errorf("%s: entry %d is %s %v, read %s %v", name, i, got[i].Name(), got[i].Type(), want[i].Name(), want[i].Type())
			}
		}
	}
	var plan string
	for name := range list.dirs {
		if filepath.Base(name) == "operativi" {
			plan = name
		}
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(plan), "nuova.md"), []byte("---\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := fs.ReadDir(listed, plan)
	now, _ := fs.ReadDir(site, plan)
	if len(now) != len(got)+1 {
		t.Errorf("%s: %d entries listed, %d now: the listing is not the one the sources were digested from", plan, len(got), len(now))
	}
	os.Remove(filepath.Join(dir, filepath.FromSlash(plan), "nuova.md"))
	if err := os.Mkdir(filepath.Join(dir, "altro"), 0o755); err != nil {
		t.Fatal(err)
	}
	if entries, err := fs.ReadDir(listed, "altro"); err != nil || len(entries) != 0 {
		t.Errorf("a folder not listed: %v, %v", entries, err)
	}
	model, ds := loadSite(listed)
	want, wantDs := loadSite(site)
	if ds.Error() != wantDs.Error() || len(model.Plans) != len(want.Plans) || len(model.Plans[0].Sheets()) != len(want.Plans[0].Sheets()) {
		t.Errorf("loaded through the listing: %s; through the folder: %s", ds.Error(), wantDs.Error())
	}
	if plain := os.DirFS(dir); listedSite(plain, list.dirs) != plain {
		t.Error("a site not opened by OpenSite taken as listed")
	}
}
