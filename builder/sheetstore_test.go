package builder

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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
func storeSite(t testing.TB, n int) (site, dest string, sheets []string, in Input) {
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
// through the store parses that sheet alone, and the save after it
// writes that sheet's chunk alone; with nothing changed, it writes
// nothing.
func TestSheetStoreKeepsUnchangedChunks(t *testing.T) {
	site, dest, sheets, in := storeSite(t, 400)
	before := storeFiles(t, dest)
	if len(before) != chunkCount(len(sheets)) || len(before) < 2 {
		t.Fatalf("%d chunk files for %d sheets", len(before), len(sheets))
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
	after := storeFiles(t, dest)
	if written := changedFiles(before, after); len(written) != 1 || len(after) != len(before) {
		t.Errorf("after one edit, chunks written: %v; want one", written)
	}
	st, c = openSheetStore(dest, programDigest())
	c.LoadAndCheck(in.Site)
	if err := st.save(c); err != nil {
		t.Fatal(err)
	}
	if written := changedFiles(after, storeFiles(t, dest)); c.Parsed() != 0 || len(written) != 0 {
		t.Errorf("with nothing changed: %d sheets parsed, chunks written: %v", c.Parsed(), written)
	}
}

// storeFiles lists the files of the store of dest.
func storeFiles(t *testing.T, dest string) map[string]os.FileInfo {
	t.Helper()
	entries, err := os.ReadDir(StorePath(dest))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]os.FileInfo{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = info
	}
	return out
}

// changedFiles lists the files of after that are not the very files of
// before.
func changedFiles(before, after map[string]os.FileInfo) []string {
	var out []string
	for name, info := range after {
		if b, ok := before[name]; !ok || !os.SameFile(b, info) || !b.ModTime().Equal(info.ModTime()) {
			out = append(out, name)
		}
	}
	return out
}

// TestSheetStoreNotTrusted: a chunk whose bytes were changed or cut is not
// trusted, its sheets are parsed again and the others not; a store of
// another program is not trusted at all, and a stray file is ignored; the
// build through a damaged store publishes what a clean build does and
// writes the damaged chunk anew.
func TestSheetStoreNotTrusted(t *testing.T) {
	site, dest, sheets, in := storeSite(t, 300)
	names := slices.Sorted(maps.Keys(storeFiles(t, dest)))
	chunk := filepath.Join(StorePath(dest), names[0])
	good, err := os.ReadFile(chunk)
	if err != nil {
		t.Fatal(err)
	}
	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)-len(corrupt)/3] ^= 0x20
	some := func(n int) bool { return n > 0 && n < len(sheets) }
	cases := []struct {
		name    string
		bytes   []byte
		program string
		parsed  func(int) bool
	}{
		{"a chunk changed", corrupt, programDigest(), some},
		{"a chunk cut", good[:len(good)/2], programDigest(), some},
		{"another program", good, "0123", func(n int) bool { return n == len(sheets) }},
		{"as written", good, programDigest(), func(n int) bool { return n == 0 }},
	}
	writeFile(t, filepath.Join(StorePath(dest), "leggimi.txt"), []byte("piao"))
	for _, c := range cases {
		writeFile(t, chunk, c.bytes)
		_, cache := openSheetStore(dest, c.program)
		_, ds := cache.LoadAndCheck(in.Site)
		if ds.HasErrors() || !c.parsed(cache.Parsed()) {
			t.Errorf("%s: %d of %d sheets parsed\n%s", c.name, cache.Parsed(), len(sheets), ds.Error())
		}
	}
	writeFile(t, chunk, corrupt)
	appendFile(t, markdownSheet(t, site, sheets), "\nUna frase aggiunta.\n")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%s", err, ds.Error())
	}
	clean := filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(in, clean, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%s", err, ds.Error())
	}
	if diff := diffFiles(readTree(t, clean), readTree(t, dest)); diff != "" {
		t.Errorf("through a damaged store: %s", diff)
	}
	if after, _ := os.ReadFile(chunk); bytes.Equal(after, corrupt) {
		t.Error("the damaged chunk was not written anew")
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

// TestCheckThroughStore: piao check, given the output of a build, judges
// the sheets its store holds as it judges them parsed: the same findings,
// with the store and without, for a synthetic site edited since (whose
// personal data, in a sheet not edited, the store found) and for the
// bilingual plan (whose decoding warns of texts in one language only).
func TestCheckThroughStore(t *testing.T) {
	site, dest, sheets, in := storeSite(t, 200)
	file := markdownSheet(t, site, sheets) // personal data, then a build: the store keeps what the rules found
	appendFile(t, file, "\nScrivi a mario.rossi@example.it o al 333 1234567.\n")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%s", err, ds.Error())
	}
	appendFile(t, markdownSheet(t, site, sheets[len(sheets)/2:]), "\nUna frase aggiunta.\n")
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
		if err := os.RemoveAll(StorePath(c.dest)); err != nil {
			t.Fatal(err)
		}
		without := Check(c.in)
		if with.Error() != without.Error() || !strings.Contains(with.Error(), c.want) {
			t.Errorf("with the store:\n%s\nwithout:\n%s\nwant the same, with %q", with.Error(), without.Error(), c.want)
		}
	}
}
