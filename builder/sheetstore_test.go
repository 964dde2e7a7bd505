package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/synth"
)

// TestSheetStoreSameSheets: every sheet of the example site and of the
// example plans comes back from the store of a build as it decodes from
// its file, with the same findings, and no sheet is parsed again.
func TestSheetStoreSameSheets(t *testing.T) {
	sites := []string{".."}
	for name := range plansGolden {
		sites = append(sites, filepath.Join("testdata", "plans", name))
	}
	for _, dir := range sites {
		dest := filepath.Join(t.TempDir(), "public")
		in := Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true}
		if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
			t.Fatalf("%s: %v\n%s", dir, err, ds.Error())
		}
		_, stored := openSheetStore(dest, programDigest())
		fresh := NewCache()
		_, wantDs := fresh.LoadAndCheck(in.Site)
		if len(stored.sheets) == 0 || len(stored.sheets) != len(fresh.sheets) {
			t.Fatalf("%s: the store holds %d sheets, the site %d", dir, len(stored.sheets), len(fresh.sheets))
		}
		for file, want := range fresh.sheets {
			got := stored.sheets[file]
			if got == nil || !reflect.DeepEqual(got.sheet, want.sheet) || !reflect.DeepEqual(got.diags, want.diags) ||
				got.sum != want.sum || got.kind != want.kind || !reflect.DeepEqual(got.langs, want.langs) {
				t.Errorf("%s: %s does not come back from the store as it decodes", dir, file)
			}
		}
		_, gotDs := stored.LoadAndCheck(in.Site)
		if stored.Parsed() != 0 || gotDs.Error() != wantDs.Error() {
			t.Errorf("%s: through the store, %d sheets parsed; diagnostics\n%s\nwant\n%s", dir, stored.Parsed(), gotDs.Error(), wantDs.Error())
		}
	}
}

// storeSite builds a synthetic site of n sheets into a new dest.
func storeSite(t *testing.T, n int) (site, dest string, sheets []string, in Input) {
	t.Helper()
	site = t.TempDir()
	sheets, err := synth.GenerateWith(site, synth.Options{Sheets: n, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	in = Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest = filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%s", err, ds.Error())
	}
	return site, dest, sheets, in
}

// TestSheetStoreKeepsUnchangedChunks: after one sheet is edited, a load
// through the store parses that sheet alone, and the store written after
// it differs from the last in that sheet's chunk alone; with nothing
// changed, it is not written again.
func TestSheetStoreKeepsUnchangedChunks(t *testing.T) {
	site, dest, sheets, in := storeSite(t, 400)
	before, err := os.ReadFile(StorePath(dest))
	if err != nil {
		t.Fatal(err)
	}
	appendFile(t, markdownSheet(t, site, sheets[len(sheets)/2:]), "\nUna frase aggiunta.\n")
	st, c := openSheetStore(dest, programDigest())
	c.LoadAndCheck(in.Site)
	if c.Parsed() != 1 {
		t.Errorf("after one edit, %d sheets parsed; want 1", c.Parsed())
	}
	if err := st.save(c); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(StorePath(dest))
	if err != nil {
		t.Fatal(err)
	}
	a, b := storeChunks(t, before), storeChunks(t, after)
	if len(a) != chunkCount(len(sheets)) || len(a) < 2 || len(a) != len(b) {
		t.Fatalf("%d chunks before, %d after, for %d sheets", len(a), len(b), len(sheets))
	}
	differ := 0
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			differ++
		}
	}
	if differ != 1 {
		t.Errorf("%d chunks differ after one edit; want 1", differ)
	}
	info, _ := os.Stat(StorePath(dest))
	st, c = openSheetStore(dest, programDigest())
	c.LoadAndCheck(in.Site)
	if err := st.save(c); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.Stat(StorePath(dest)); c.Parsed() != 0 || !os.SameFile(info, again) || !again.ModTime().Equal(info.ModTime()) {
		t.Errorf("with nothing changed: %d sheets parsed, the store written again: %v", c.Parsed(), !os.SameFile(info, again))
	}
}

// TestSheetStoreNotTrusted: a chunk whose bytes were changed is not
// trusted, its sheets are parsed again and the others not; the store of
// another program, or a truncated one, is not trusted at all; the build
// through any of them publishes what a clean build does.
func TestSheetStoreNotTrusted(t *testing.T) {
	site, dest, sheets, in := storeSite(t, 300)
	good, err := os.ReadFile(StorePath(dest))
	if err != nil {
		t.Fatal(err)
	}
	first := storeChunks(t, good)[0]
	at := bytes.Index(good, first) + len(first)/2
	corrupt := bytes.Clone(good)
	corrupt[at] ^= 0x20
	cases := []struct {
		name    string
		bytes   []byte
		program string
		parsed  func(int) bool
	}{
		{"a chunk changed", corrupt, programDigest(), func(n int) bool { return n > 0 && n < len(sheets) }},
		{"another program", good, "0123", func(n int) bool { return n == len(sheets) }},
		{"truncated", good[:len(good)/3], programDigest(), func(n int) bool { return n > 0 }},
		{"not a store", []byte("piao"), programDigest(), func(n int) bool { return n == len(sheets) }},
	}
	for _, c := range cases {
		writeFile(t, StorePath(dest), c.bytes)
		_, cache := openSheetStore(dest, c.program)
		_, ds := cache.LoadAndCheck(in.Site)
		if ds.HasErrors() || !c.parsed(cache.Parsed()) {
			t.Errorf("%s: %d of %d sheets parsed\n%s", c.name, cache.Parsed(), len(sheets), ds.Error())
		}
	}
	writeFile(t, StorePath(dest), corrupt)
	appendFile(t, markdownSheet(t, site, sheets), "\nUna frase aggiunta.\n")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%s", err, ds.Error())
	}
	clean := filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(in, clean, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%s", err, ds.Error())
	}
	if diff := diffFiles(readTree(t, clean), readTree(t, dest)); diff != "" {
		t.Errorf("through a corrupt store: %s", diff)
	}
	if after, _ := os.ReadFile(StorePath(dest)); bytes.Equal(after, corrupt) {
		t.Error("the corrupt store was not written anew")
	}
}

// markdownSheet is the first Markdown sheet of sheets, whose body can take
// a sentence more.
func markdownSheet(t *testing.T, site string, sheets []string) string {
	t.Helper()
	for _, s := range sheets {
		if strings.HasSuffix(s, ".md") {
			return filepath.Join(site, filepath.FromSlash(s))
		}
	}
	t.Fatal("no Markdown sheet")
	return ""
}

// storeChunks cuts the chunks out of the bytes of a store.
func storeChunks(t *testing.T, b []byte) [][]byte {
	t.Helper()
	file := filepath.Join(t.TempDir(), "store")
	writeFile(t, file, b)
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st := &sheetStore{program: programDigest(), file: f}
	var out [][]byte
	for _, r := range st.records(int64(len(b))) {
		out = append(out, b[r.off+recordHead:r.off+r.n])
	}
	return out
}

// TestCheckThroughStore: piao check, given the output of a build, judges
// the sheets its store holds as it judges them parsed: the same findings,
// with the store and without, for an edited synthetic site and for the
// bilingual plan (whose decoding warns of texts in one language only).
func TestCheckThroughStore(t *testing.T) {
	site, dest, sheets, in := storeSite(t, 200)
	file := markdownSheet(t, site, sheets)
	appendFile(t, file, "\nScrivi a mario.rossi@example.it o al 333 1234567.\n")
	bsite := t.TempDir() // the bilingual plan, one text in Italian only
	if err := os.CopyFS(bsite, os.DirFS(filepath.Join("testdata", "plans", "g-bilingue"))); err != nil {
		t.Fatal(err)
	}
	sportello := filepath.Join(bsite, "content", "piao-2025-2027", "operativi", "sportello.md")
	b, _ := os.ReadFile(sportello)
	writeFile(t, sportello, bytes.Replace(b, []byte("fonte: {it: Anagrafe comunale, de: Meldeamt der Gemeinde}"), []byte("fonte: {it: Anagrafe comunale}"), 1))
	bilingual := Input{Site: os.DirFS(bsite), Themes: piao.Themes, Minify: true}
	bdest := filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(bilingual, bdest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%s", err, ds.Error())
	}
	for _, c := range []struct {
		in         Input
		dest, want string
	}{{in, dest, filepath.Base(file)}, {bilingual, bdest, "sportello.md:19:12: avviso"}} {
		c.in.Previous = c.dest
		with, cache := checkThrough(c.in)
		if c.dest == dest && cache.Parsed() != 1 {
			t.Errorf("check parsed %d sheets after one was edited; want 1", cache.Parsed())
		}
		if err := os.Remove(StorePath(c.dest)); err != nil {
			t.Fatal(err)
		}
		without := Check(c.in)
		if with.Error() != without.Error() || !strings.Contains(with.Error(), c.want) {
			t.Errorf("with the store:\n%s\nwithout:\n%s\nwant the same, with %q", with.Error(), without.Error(), c.want)
		}
	}
}
