package builder

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
)

// exampleSite copies the example site (config.yaml and content/) into a
// temporary folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sito")
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../config.yaml")
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "config.yaml"), b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func archive(t *testing.T, dir string, opt SnapshotOptions) (*Snapshot, error) {
	t.Helper()
	if opt.Version == "" {
		opt.Version = "test"
	}
	snap, ds := NewSnapshot(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true}, opt)
	if snap == nil {
		t.Fatalf("snapshot failed:\n%s", ds.Error())
	}
	return snap, WriteSnapshot(dir, snap)
}

// treeHashes hashes every file under root, by slash path.
func treeHashes(t *testing.T, root string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, a, b map[string][32]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files, then %d", what, len(a), len(b))
	}
	for p, h := range a {
		if b[p] != h {
			t.Errorf("%s: %s changed or vanished", what, p)
		}
	}
}

// sha256sumCheck runs the real `sha256sum -c SHA256SUMS` in dir.
func sha256sumCheck(t *testing.T, dir string) error {
	t.Helper()
	cmd := exec.Command("sha256sum", "--strict", "-c", "SHA256SUMS")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if errors.Is(err, exec.ErrNotFound) {
		t.Fatal("sha256sum (coreutils) is needed by this test")
	}
	if err != nil {
		return errors.New(string(out))
	}
	return nil
}

func wantReport(t *testing.T, what string, r VerifyReport, changed, missing, added []string) {
	t.Helper()
	if strings.Join(r.Changed, ",") != strings.Join(changed, ",") || strings.Join(r.Missing, ",") != strings.Join(missing, ",") ||
		strings.Join(r.Added, ",") != strings.Join(added, ",") {
		t.Errorf("%s: changed %v missing %v added %v; want %v %v %v", what, r.Changed, r.Missing, r.Added, changed, missing, added)
	}
}

// TestArchiveVerify: a fresh snapshot verifies, with piao and with the
// real sha256sum; times and permissions do not matter; one changed byte,
// a deleted file and an added file are each named.
func TestArchiveVerify(t *testing.T) {
	dir := exampleSite(t)
	snap, err := archive(t, dir, SnapshotOptions{Plan: "piao-2024-2026"})
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "archive", "piao-2024-2026")
	site := os.DirFS(dir)
	r := VerifySnapshot(site, "piao-2024-2026")
	wantReport(t, "fresh", r, nil, nil, nil)
	if r.Files < 60 || r.Meta.SHA256 != snap.Meta.SHA256 || r.Meta.Data != "2024-09-12" {
		t.Errorf("fresh snapshot: %d files, meta %+v", r.Files, r.Meta)
	}
	if err := sha256sumCheck(t, root); err != nil {
		t.Errorf("sha256sum -c refuses a fresh snapshot: %v", err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_ = os.Chmod(p, 0o640)
			_ = os.Chtimes(p, old, old)
		}
		return err
	})
	wantReport(t, "times and permissions changed", VerifySnapshot(site, "piao-2024-2026"), nil, nil, nil)

	page := filepath.Join(root, "piao-2024-2026", "operativi", "suap", "index.html")
	orig, _ := os.ReadFile(page)
	changed := bytes.Clone(orig)
	changed[len(changed)/2] ^= 1
	os.WriteFile(page, changed, 0o644)
	wantReport(t, "one byte", VerifySnapshot(site, "piao-2024-2026"), []string{"piao-2024-2026/operativi/suap/index.html"}, nil, nil)
	if sha256sumCheck(t, root) == nil {
		t.Error("sha256sum -c accepts a changed byte")
	}
	os.WriteFile(page, orig, 0o644)

	css := filepath.Join(root, "assets", "css", "piao.css")
	cssBytes, _ := os.ReadFile(css)
	os.Remove(css)
	wantReport(t, "deleted file", VerifySnapshot(site, "piao-2024-2026"), nil, []string{"assets/css/piao.css"}, nil)
	os.WriteFile(css, cssBytes, 0o644)

	os.WriteFile(filepath.Join(root, "piao-2024-2026", "nuovo.html"), []byte("<p>aggiunto</p>"), 0o644)
	wantReport(t, "added file", VerifySnapshot(site, "piao-2024-2026"), nil, nil, []string{"piao-2024-2026/nuovo.html"})
	if built, ds := Build(Input{Site: site, Themes: piao.Themes}); built != nil || !ds.HasErrors() || !strings.Contains(ds.Error(), "non corrisponde al suo manifesto") {
		t.Errorf("build of a site with an altered snapshot: want an error, got:\n%s", ds.Error())
	}
	os.Remove(filepath.Join(root, "piao-2024-2026", "nuovo.html"))
	wantReport(t, "restored", VerifySnapshot(site, "piao-2024-2026"), nil, nil, nil)

	// A manifest rewritten to cover a change no longer has the digest the
	// metadata (and the act) quote.
	manifest := filepath.Join(root, "SHA256SUMS")
	m, _ := os.ReadFile(manifest)
	os.Chmod(manifest, 0o644)
	os.WriteFile(manifest, bytes.Replace(m, []byte("  index.html\n"), []byte("  index.html\n"+strings.Repeat("0", 64)+"  x\n"), 1), 0o644)
	wantReport(t, "manifest edited", VerifySnapshot(site, "piao-2024-2026"), []string{"SHA256SUMS"}, []string{"x"}, nil)
}

// TestArchiveNeverChanges: a snapshot survives a later build, a second
// plan and a second `archive` of the same plan byte for byte; the build
// publishes it byte for byte; a new name makes a second snapshot.
func TestArchiveNeverChanges(t *testing.T) {
	dir := exampleSite(t)
	if _, err := archive(t, dir, SnapshotOptions{Plan: "piao-2024-2026"}); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "archive", "piao-2024-2026")
	before := treeHashes(t, root)
	build := func() *Site {
		site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
		if site == nil {
			t.Fatal(ds.Error())
		}
		if err := Publish(site, filepath.Join(dir, "public")); err != nil {
			t.Fatal(err)
		}
		return site
	}
	build()
	sameTree(t, "after a build", before, treeHashes(t, root))
	sameTree(t, "published copy", before, treeHashes(t, filepath.Join(dir, "public", "archivio", "piao-2024-2026")))

	os.MkdirAll(filepath.Join(dir, "content", "p", "operativi"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "p", "piano.yaml"), []byte(strings.Replace(testPiano, "2024-2026", "2025-2027", 1)), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "p", "operativi", "uno.yaml"), []byte(strings.Replace(testSheet, "2024:", "2025:", 1)), 0o644)
	build()
	sameTree(t, "after a second plan", before, treeHashes(t, root))

	_, err := archive(t, dir, SnapshotOptions{Plan: "piao-2024-2026"})
	var exists *ExistsError
	if !errors.As(err, &exists) {
		t.Errorf("archiving again: err = %v, want ExistsError", err)
	}
	sameTree(t, "after a refused re-archive", before, treeHashes(t, root))

	if _, err := archive(t, dir, SnapshotOptions{Plan: "piao-2024-2026", Name: "piao-2024-2026-bis", Date: "2025-01-15"}); err != nil {
		t.Fatalf("a separately named snapshot: %v", err)
	}
	if _, err := archive(t, dir, SnapshotOptions{Plan: "p"}); err != nil {
		t.Fatalf("snapshot of the second plan: %v", err)
	}
	site := build()
	sameTree(t, "after two more snapshots", before, treeHashes(t, root))
	page := string(site.Files["archivio/index.html"])
	for _, want := range []string{`<a href="piao-2024-2026-bis/index.html"><time datetime="2025-01-15">15 gennaio 2025</time>`,
		`<time datetime="2031-01-01">`, `<time datetime="2030-01-01">`, `href="piao-2024-2026/piao-2024-2026/index.html"`, `href="p/p/index.html"`} {
		if !strings.Contains(page, want) {
			t.Errorf("Archivio page lacks %s", want)
		}
	}
}

// TestArchiveConcurrent: of several writers of the same snapshot, exactly
// one succeeds, the others are refused, and no temporary folder is left.
func TestArchiveConcurrent(t *testing.T) {
	dir := exampleSite(t)
	snap, ds := NewSnapshot(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true}, SnapshotOptions{Plan: "piao-2024-2026"})
	if snap == nil {
		t.Fatal(ds.Error())
	}
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = WriteSnapshot(dir, snap)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		var exists *ExistsError
		switch {
		case err == nil:
			ok++
		case !errors.As(err, &exists):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d writers succeeded, want exactly 1", ok)
	}
	wantReport(t, "after concurrent writes", VerifySnapshot(os.DirFS(dir), "piao-2024-2026"), nil, nil, nil)
	entries, _ := os.ReadDir(filepath.Join(dir, "archive"))
	if len(entries) != 1 {
		t.Errorf("archive/ holds %d entries, want only the snapshot", len(entries))
	}
}

// TestArchiveZip: the zip is byte-identical across runs, whatever the
// files' times and permissions; it holds the snapshot under NAME/, sorted,
// dated the snapshot's date, without extra fields; a tampered snapshot is
// not zipped.
func TestArchiveZip(t *testing.T) {
	dir := exampleSite(t)
	if _, err := archive(t, dir, SnapshotOptions{Plan: "piao-2024-2026"}); err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := WriteZip(&a, os.DirFS(dir), "piao-2024-2026"); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "archive", "piao-2024-2026")
	now := time.Now()
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_ = os.Chtimes(p, now, now)
			_ = os.Chmod(p, 0o600)
		}
		return err
	})
	if err := WriteZip(&b, os.DirFS(dir), "piao-2024-2026"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two zips of the same snapshot differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "piao-2024-2026/") || f.Name <= prev {
			t.Errorf("entry %q out of place (after %q)", f.Name, prev)
		}
		prev = f.Name
		if len(f.Extra) != 0 || f.Mode() != 0o644 || f.Modified.Format("2006-01-02 15:04") != "2024-09-12 00:00" {
			t.Errorf("%s: extra %d bytes, mode %v, date %v", f.Name, len(f.Extra), f.Mode(), f.Modified)
		}
		want, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(f.Name, "piao-2024-2026/"))))
		rc, _ := f.Open()
		var got bytes.Buffer
		got.ReadFrom(rc)
		rc.Close()
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s differs from the snapshot", f.Name)
		}
	}
	if len(zr.File) != len(treeHashes(t, root)) {
		t.Errorf("zip holds %d files, snapshot %d", len(zr.File), len(treeHashes(t, root)))
	}
	os.WriteFile(filepath.Join(root, "estraneo.txt"), []byte("x"), 0o644)
	if err := WriteZip(&bytes.Buffer{}, os.DirFS(dir), "piao-2024-2026"); err == nil {
		t.Error("zipped a snapshot that does not match its manifest")
	}
}

// TestArchiveOffline: the snapshot works from disk. Extracted from its
// zip, every link that stays inside it resolves; links that leave it are
// the rewritten ones, and they resolve in the built site, where the copy
// is published. Every page carries the banner.
func TestArchiveOffline(t *testing.T) {
	dir := exampleSite(t)
	if _, err := archive(t, dir, SnapshotOptions{Plan: "piao-2024-2026"}); err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	if err := WriteZip(&zbuf, os.DirFS(dir), "piao-2024-2026"); err != nil {
		t.Fatal(err)
	}
	unzipped := filepath.Join(t.TempDir(), "deposito")
	zr, _ := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
	for _, f := range zr.File {
		p := filepath.Join(unzipped, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		os.WriteFile(p, b.Bytes(), 0o644)
	}
	snapRoot := filepath.Join(unzipped, "piao-2024-2026")
	if err := sha256sumCheck(t, snapRoot); err != nil {
		t.Errorf("sha256sum -c refuses the unzipped snapshot: %v", err)
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
	if site == nil {
		t.Fatal(ds.Error())
	}
	pages, outward := 0, 0
	for name, b := range treeFiles(t, snapRoot) {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		html := string(b)
		if !strings.Contains(html, `<div class="archived" role="note">`) || !strings.Contains(html, "Versione archiviata del") {
			t.Errorf("%s: no banner", name)
		}
		for _, m := range linkRE.FindAllStringSubmatch(html, -1) {
			published, _, ok := resolveRef(snapshotPath("piao-2024-2026", name), m[1])
			if !ok {
				continue // absolute URL or fragment
			}
			if target, _, inside := resolveRef(name, m[1]); inside {
				if _, err := os.Stat(filepath.Join(snapRoot, filepath.FromSlash(target))); err != nil {
					t.Errorf("%s: link %q: %s missing from the snapshot", name, m[1], target)
				}
				continue
			}
			if _, exists := site.Files[published]; !ok || !exists {
				t.Errorf("%s: link %q resolves neither in the snapshot nor in the published site", name, m[1])
			}
			outward++
		}
	}
	if pages < 40 || outward == 0 {
		t.Errorf("checked %d archived pages, %d links to the current site", pages, outward)
	}
}

func treeFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files, _, err := readSnapshot(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSnapshotOptions: the date comes from the content unless given; the
// retention ends on 1 January of the year + 6; bad input is refused.
func TestSnapshotOptions(t *testing.T) {
	for date, want := range map[string]string{"2024-09-12": "2030-01-01", "2024-01-01": "2030-01-01", "2025-12-31": "2031-01-01", "x": ""} {
		if got := RetentionEnd(date); got != want {
			t.Errorf("RetentionEnd(%q) = %q, want %q", date, got, want)
		}
	}
	in := Input{Site: os.DirFS(".."), Themes: piao.Themes}
	snap, ds := NewSnapshot(in, SnapshotOptions{Plan: "piao-2024-2026"})
	if snap == nil {
		t.Fatal(ds.Error())
	}
	if snap.Meta.Data != "2024-09-12" || snap.Meta.Nome != "piao-2024-2026" || snap.Meta.Conservazione != "2030-01-01" {
		t.Errorf("defaults: %+v", snap.Meta)
	}
	if !strings.Contains(string(snap.Files["index.html"]), "12 settembre 2024") {
		t.Error("landing page does not give the date")
	}
	for _, c := range []struct {
		opt  SnapshotOptions
		want string
	}{
		{SnapshotOptions{Plan: "piao-1999"}, `piano "piao-1999" inesistente`},
		{SnapshotOptions{Plan: "piao-2024-2026", Name: "Nome Brutto"}, `nome di archivio "Nome Brutto" non valido`},
		{SnapshotOptions{Plan: "piao-2024-2026", Name: "verify"}, `nome di archivio "verify" non valido`},
		{SnapshotOptions{Plan: "piao-2024-2026", Date: "12/09/2024"}, `data "12/09/2024" non valida`},
		{SnapshotOptions{Plan: "piao-2024-2026", Date: "1900-01-01"}, "data della versione 1900-01-01 precedente all'ultima modifica del piano (2024-09-12)"},
		{SnapshotOptions{Plan: "piao-2024-2026", Date: "2024-09-11"}, "data della versione 2024-09-11 precedente all'ultima modifica del piano (2024-09-12)"},
		{SnapshotOptions{Plan: "piao-2024-2026", Date: "2099-01-01", Today: "2026-12-03"}, "data della versione 2099-01-01 successiva a oggi (2026-12-03)"},
	} {
		snap, ds := NewSnapshot(in, c.opt)
		if snap != nil || !strings.Contains(ds.Error(), c.want) {
			t.Errorf("%+v: want error %q, got %q", c.opt, c.want, ds.Error())
		}
	}
}

// TestSnapshotSelection: a snapshot takes the plan's folder, the assets
// and whatever the pages load from elsewhere (a search index, say), but
// not the pages they merely link to.
func TestSnapshotSelection(t *testing.T) {
	p := &plan.Plan{Slug: "piano"}
	site := &Site{Files: map[string][]byte{
		"index.html":            []byte(`<a href="piano/index.html">piano</a>`),
		"piano/index.html":      []byte(`<link rel="stylesheet" href="../assets/a.css"><link rel="alternate" href="../feed.xml"><script src="../cerca/indice.js"></script><a href="../altro/index.html">altro</a>`),
		"piano/dati/piano.json": []byte(`{}`),
		"assets/a.css":          []byte(`a{}`),
		"cerca/indice.js":       []byte(`var i`),
		"cerca/inutile.js":      []byte(`var u`),
		"altro/index.html":      []byte(`<p>altro</p>`),
		"feed.xml":              []byte(`<feed/>`),
		"altropiano/index.html": []byte(`<p>x</p>`),
		"piano-bis/index.html":  []byte(`<p>y</p>`),
	}}
	got := selectSnapshot(site, p)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	want := "assets/a.css,cerca/indice.js,piano/dati/piano.json,piano/index.html"
	if strings.Join(names, ",") != want {
		t.Errorf("snapshot files %v, want %s", names, want)
	}
	inside := func(target string) bool { _, ok := got[target]; return ok }
	out := string(rewriteLinks(got["piano/index.html"], "piano/index.html", "piano", inside))
	for _, want := range []string{`href="../assets/a.css"`, `src="../cerca/indice.js"`, `href="../../../feed.xml"`, `href="../../../altro/index.html"`} {
		if !strings.Contains(out, want) {
			t.Errorf("rewritten page lacks %s:\n%s", want, out)
		}
	}
}

// TestWriteSnapshotFails: when writing fails halfway (as on a full disk),
// nothing is left under the final name nor beside it.
func TestWriteSnapshotFails(t *testing.T) {
	dir := t.TempDir()
	snap := &Snapshot{Meta: SnapshotMeta{Nome: "rotto", Data: "2024-09-12"},
		Files: map[string][]byte{"a": []byte("file"), "a/b": []byte("a file under a file")}}
	if err := WriteSnapshot(dir, snap); err == nil {
		t.Fatal("no error for files that cannot be written")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "archive"))
	if len(entries) != 0 {
		t.Errorf("a failed write left %d entries in archive/", len(entries))
	}
}
