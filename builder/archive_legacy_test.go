package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// editMeta rewrites archive/NAME/archivio.json of the site at dir with
// edit applied to its fields, keeping the rest of the file as it is.
func editMeta(t *testing.T, dir, name string, edit func(m map[string]any)) {
	t.Helper()
	file := filepath.Join(dir, "archive", name, metaFile)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, _ := json.MarshalIndent(m, "", "  ")
	_ = os.Chmod(file, 0o644)
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// metaEdits are changes to what the Archivio page and the landing page
// state about a snapshot, each of which must be caught.
var metaEdits = []struct {
	name string
	edit func(m map[string]any)
}{
	{"title", func(m map[string]any) { m["titolo"] = "Piano falsificato" }},
	{"date and retention", func(m map[string]any) { m["data"], m["conservazione_fino_al"] = "2025-09-12", "2031-01-01" }},
	{"date only", func(m map[string]any) { m["data"] = "2024-12-31" }},
	{"retention only", func(m map[string]any) { m["conservazione_fino_al"] = "2040-01-01" }},
	{"ente", func(m map[string]any) { m["ente"] = "Altro ente" }},
	{"publication", func(m map[string]any) { m["pubblicazione"] = "2023-01-01" }},
	{"piao's version", func(m map[string]any) { m["versione_piao"] = "v9" }},
}

// TestArchiveMetadataCovered: archivio.json is in the manifest, so any
// change to what it states fails verify, sha256sum -c and the build.
func TestArchiveMetadataCovered(t *testing.T) {
	dir := exampleSite(t)
	snap, err := archive(t, dir, SnapshotOptions{Plan: "piao-2024-2026"})
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "archive", "piao-2024-2026")
	manifest, _ := os.ReadFile(filepath.Join(root, manifestFile))
	if !bytes.Contains(manifest, []byte("  "+metaFile+"\n")) || digest(manifest) != snap.Meta.SHA256 {
		t.Fatalf("the manifest does not list %s, or its digest is not the one printed", metaFile)
	}
	orig, _ := os.ReadFile(filepath.Join(root, metaFile))
	for _, e := range metaEdits {
		t.Run(e.name, func(t *testing.T) {
			editMeta(t, dir, "piao-2024-2026", e.edit)
			defer os.WriteFile(filepath.Join(root, metaFile), orig, 0o644)
			wantReport(t, e.name, VerifySnapshot(os.DirFS(dir), "piao-2024-2026"), []string{metaFile}, nil, nil)
			if sha256sumCheck(t, root) == nil {
				t.Error("sha256sum -c accepts the change")
			}
			if site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes}); site != nil || !strings.Contains(ds.Error(), "archive/piao-2024-2026: errore: la versione archiviata non corrisponde") {
				t.Errorf("the build publishes the altered snapshot:\n%s", ds.Error())
			}
		})
	}
	wantReport(t, "restored", VerifySnapshot(os.DirFS(dir), "piao-2024-2026"), nil, nil, nil)
}

// TestLegacySnapshot: a snapshot written by piao 59c7803, before
// archivio.json was listed in the manifest (testdata/legacy-snapshot),
// still verifies and is published byte for byte; a change to what its
// archivio.json states is caught all the same, against the digest it
// records and its own landing page.
func TestLegacySnapshot(t *testing.T) {
	const name, sum = "p", "58c5a2d205b27b1d85d6ae04d56798c0b078b09cfa823a926b53c2be99f6c54d"
	dir := diskSite(t, nil)
	if err := os.CopyFS(filepath.Join(dir, "archive"), os.DirFS("testdata/legacy-snapshot/archive")); err != nil {
		t.Fatal(err)
	}
	r := VerifySnapshot(os.DirFS(dir), name)
	wantReport(t, "legacy", r, nil, nil, nil)
	if r.Meta.SHA256 != sum || r.Meta.Titolo != "Piano di prova" || r.Meta.Formato != 0 {
		t.Errorf("legacy snapshot read as %+v", r.Meta)
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
	if site == nil {
		t.Fatal(ds.Error())
	}
	sameTree(t, "published legacy snapshot", treeHashes(t, filepath.Join(dir, "archive", name)), hashesOf(site, "archivio/"+name+"/"))
	if page := string(site.Files["archivio/index.html"]); !strings.Contains(page, sum) || !strings.Contains(page, "Piano di prova") {
		t.Error("the Archivio page lacks the legacy snapshot's title or digest")
	}
	root := filepath.Join(dir, "archive", name)
	orig, _ := os.ReadFile(filepath.Join(root, metaFile))
	for _, e := range metaEdits {
		t.Run(e.name, func(t *testing.T) {
			editMeta(t, dir, name, e.edit)
			defer os.WriteFile(filepath.Join(root, metaFile), orig, 0o644)
			if r := VerifySnapshot(os.DirFS(dir), name); r.OK() {
				t.Errorf("verify accepts a legacy archivio.json with another %s", e.name)
			}
			if site, _ := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes}); site != nil {
				t.Error("the build publishes it")
			}
		})
	}
	editMeta(t, dir, name, func(m map[string]any) { m["sha256_manifesto"] = strings.Repeat("0", 64) })
	wantReport(t, "recorded digest", VerifySnapshot(os.DirFS(dir), name), []string{manifestFile}, nil, nil)
}

// hashesOf hashes the files of site under prefix, by their path below it.
func hashesOf(site *Site, prefix string) map[string][32]byte {
	out := map[string][32]byte{}
	for p, b := range site.Files {
		if rest, ok := strings.CutPrefix(p, prefix); ok {
			out[rest] = sha256.Sum256(b)
		}
	}
	return out
}
