package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// attachmentSite is a site on disk whose plan publishes a file (bytes of
// every value, as a signed PDF has) and links a document of the ente's site.
func attachmentSite(t *testing.T) (dir string, doc []byte) {
	t.Helper()
	doc = []byte("%PDF-1.4\n")
	for i := range 3000 {
		doc = append(doc, byte(i*7))
	}
	piano := strings.Replace(testPiano, "schede: selezione", `allegati:
  - titolo: Deliberazione firmata
    file: allegati/Delibera 1.PDF
  - titolo: Relazione sul sito dell'ente
    url: https://www.example.it/relazione
schede: selezione`, 1)
	return diskSite(t, map[string][]byte{"content/p/piano.yaml": []byte(piano), "content/p/allegati/Delibera 1.PDF": doc}), doc
}

// TestAttachmentsPublished: an allegato's file is published byte for byte
// in the plan's folder, listed on the plan's page with its kind and size
// and the link with its address; piao build writes the same bytes; the
// plan's snapshot holds them, with their line in SHA256SUMS.
func TestAttachmentsPublished(t *testing.T) {
	dir, doc := attachmentSite(t)
	in := Input{Site: rootFS(t, dir), Themes: piao.Themes}
	site, ds := Build(in)
	if site == nil || len(ds) > 0 {
		t.Fatalf("build: %s", ds.Error())
	}
	const out = "p/allegati/delibera-1.pdf"
	if !bytes.Equal(site.Files[out], doc) {
		t.Fatalf("%s: %d bytes, want the %d of the file, unchanged", out, len(site.Files[out]), len(doc))
	}
	page := string(site.Files["p/index.html"])
	for _, want := range []string{
		`<a href="allegati/delibera-1.pdf" type="application/pdf">Deliberazione firmata</a> <span class="attachment-meta">(PDF, ` + italian(t).Size(len(doc)) + `)</span>`,
		`<a href="https://www.example.it/relazione" class="external">Relazione sul sito dell&#39;ente</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the plan's page lacks %s", want)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("BuildTo: %v %s", err, ds.Error())
	}
	if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(out))); err != nil || !bytes.Equal(b, doc) {
		t.Errorf("piao build wrote %s: %d bytes (%v), want the file unchanged", out, len(b), err)
	}
	snap, ds := NewSnapshot(in, SnapshotOptions{Plan: "p", Version: "test"})
	if snap == nil {
		t.Fatal(ds.Error())
	}
	sum := sha256.Sum256(doc)
	if !bytes.Equal(snap.Files[out], doc) || !strings.Contains(string(snap.Files[manifestFile]), hex.EncodeToString(sum[:])+"  "+out+"\n") {
		t.Errorf("the snapshot lacks %s or its line in SHA256SUMS", out)
	}
}
