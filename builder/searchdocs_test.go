package builder

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// TestSearchDocsKept: a rebuild takes a sheet's search documents from the
// file the last build kept them in when their key is the one of the
// sheet as it is, and makes them again otherwise. A term planted in a
// kept entry is what shows it: it reaches the search index when the entry
// is used, and not when its key is wrong, the file is corrupt or of
// another program, or the sheet changed.
func TestSearchDocsKept(t *testing.T) {
	site, sheets := synthOperational(t, 3)
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest := filepath.Join(t.TempDir(), "public")
	build := func(step string) {
		t.Helper()
		appendFile(t, filepath.Join(site, sheets[0]), "\nUn'altra frase ("+step+").\n") // never nothing changed
		if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
			t.Fatalf("%s: %v %s", step, err, ds.Error())
		}
	}
	build("first")
	const planted = "zzpiantato"
	for _, c := range []struct {
		name  string
		spoil func(data *searchDocsData, entry string) // after the plant
		edit  string                                   // the planted sheet edited before the build
		found bool
	}{
		{name: "kept", found: true},
		{name: "another key", spoil: func(d *searchDocsData, e string) {
			k, _ := decodeKept(d.Sheets[e])
			k.Key += "x"
			d.Sheets[e] = encodeKept(k)
		}},
		{name: "an entry cut short", spoil: func(d *searchDocsData, e string) { d.Sheets[e] = d.Sheets[e][:len(d.Sheets[e])-3] }},
		{name: "another program", spoil: func(d *searchDocsData, _ string) { d.Program = "un'altra versione" }},
		{name: "the sheet edited", edit: "\nTesto nuovo.\n"},
		{name: "kept again", found: true},
	} {
		entry := plantTerm(t, dest, sheets[1], planted, c.spoil)
		if c.edit != "" {
			appendFile(t, filepath.Join(site, sheets[1]), c.edit)
		}
		build(c.name)
		if got := searchDataHas(t, dest, planted); got != c.found {
			t.Errorf("%s: the planted term in the index: %v, want %v (entry %q)", c.name, got, c.found, entry)
		}
	}
	plantTerm(t, dest, sheets[1], planted, nil)
	b, err := os.ReadFile(searchDocsPath(dest))
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	writeFile(t, searchDocsPath(dest), b)
	build("corrupt")
	if searchDataHas(t, dest, planted) {
		t.Error("corrupt: the planted term reached the index")
	}
	if data, err := readSearchDocs(searchDocsPath(dest)); err != nil || len(data.Sheets) < len(sheets) {
		t.Errorf("after a corrupt file: %v; want the %d sheets kept", err, len(sheets))
	}
}

// plantTerm adds term to the first document kept for the sheet file,
// then spoils the file's data if asked; it gives the entry's name.
func plantTerm(t *testing.T, dest, file, term string, spoil func(*searchDocsData, string)) string {
	t.Helper()
	data, err := readSearchDocs(searchDocsPath(dest))
	if err != nil {
		t.Fatal(err)
	}
	entry := "\x00" + filepath.ToSlash(file)
	k, ok := decodeKept(data.Sheets[entry])
	if !ok || len(k.Docs) == 0 {
		t.Fatalf("no documents kept for %s", file)
	}
	k.Docs[0].Terms += "3" + term + "\x00"
	data.Sheets[entry] = encodeKept(k)
	if spoil != nil {
		spoil(data, entry)
	}
	if err := writeSearchDocs(searchDocsPath(dest), data); err != nil {
		t.Fatal(err)
	}
	return entry
}

// searchDataHas reports whether a file of the search index in dest holds
// s.
func searchDataHas(t *testing.T, dest, s string) bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dest, filepath.FromSlash(searchDataRoot), "*", "t*.js"))
	if len(files) == 0 {
		t.Fatal("no search index")
	}
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), `"`+s+`"`) {
			return true
		}
	}
	return false
}

// TestSearchDocsSameAsClean: what a sheet's kept documents read of the
// other sheets is in their key: a result of another sheet in a new year
// gives this one the outcome of that year (a facet of the search), as a
// clean build does.
func TestSearchDocsSameAsClean(t *testing.T) {
	site, dest, in := builtPlanCopy(t, "f-ciclo")
	bilancio := filepath.Join(site, "content", "piao-2025-2027", "operativi", "bilancio.yaml")
	for _, c := range []cacheEdit{
		{name: "a result of one sheet in a year none reported on", edit: func(t *testing.T, _, _ string) {
			editFile(t, bilancio, `(?m)^(\s+)2025: SI$`, "${1}2025: SI\n${1}2026: SI")
			editFile(t, bilancio, `(?m)^(\s+)(2025: \{valore: SI, raggiungimento: 100%\})$`, "${1}${2}\n${1}2026: {valore: SI, raggiungimento: 100%}")
		}, reuses: true},
	} {
		rebuildSameAsClean(t, in, site, dest, c)
	}
}

// TestKeptEncoding: a sheet's documents read back as written; any part
// of them cut short, or bytes that are not an encoding, read as nothing,
// never a panic.
func TestKeptEncoding(t *testing.T) {
	k := keptSheet{Key: "abc", Docs: []keptDoc{
		{Doc: searchDoc{URL: "p/o/s/", Title: "Titolo", Kind: docOperational, Sheet: "", Where: "Unità", Plan: 2, Status: docRevised, Text: "testo · àè"},
			Terms: "3titolo\x002unita\x00", Facets: []string{"p_x", "r"}},
		{Doc: searchDoc{URL: "p/o/s/#i", Kind: docIndicator, Sheet: "Titolo"}},
	}}
	b := encodeKept(k)
	got, ok := decodeKept(b)
	if !ok || !reflect.DeepEqual(got, k) {
		t.Fatalf("decodeKept(encodeKept(k)) = %+v, %v; want %+v", got, ok, k)
	}
	for n := range len(b) {
		if _, ok := decodeKept(b[:n]); ok {
			t.Errorf("decodeKept of the first %d bytes of %d: ok", n, len(b))
		}
	}
	for _, s := range []string{"", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", "\x03abc\x7f", "\x00\x02\x00\x00"} {
		if _, ok := decodeKept(s); ok {
			t.Errorf("decodeKept(%q): ok", s)
		}
	}
	if terms := keptWeights("3a\x002b\x009c\x001"); !reflect.DeepEqual(terms, map[string]int{"a": 3, "b": 2}) {
		t.Errorf("keptWeights = %v, want a:3 b:2 (a weight out of range or a term not ended left out)", terms)
	}
}

// writeSearchDocs writes the file of kept documents d, as a build does.
func writeSearchDocs(file string, d *searchDocsData) error {
	w, err := createSealed(file)
	if err != nil {
		return err
	}
	w.str(d.Format)
	w.str(d.Program)
	for _, name := range slices.Sorted(maps.Keys(d.Sheets)) {
		w.str(name)
		w.str(d.Sheets[name])
	}
	w.str("")
	return w.close()
}

// TestKeptTermsRoundTrip: the terms of a document and their weights, as
// encodeKeptTerms writes them, come back whole from keptWeights, the
// string exactly the size of what it holds; a term with the separator
// is refused.
func TestKeptTermsRoundTrip(t *testing.T) {
	weight := map[string]int{}
	for i := range 200 {
		weight[fmt.Sprintf("termine%d", i)] = 1 + i%levels
	}
	weight["è"] = 2
	s, ok := encodeKeptTerms(weight)
	if !ok {
		t.Fatal("refused terms without the separator")
	}
	size := 0
	for term := range weight {
		size += len(term) + 2
	}
	if len(s) != size {
		t.Errorf("encoded in %d bytes, want %d", len(s), size)
	}
	if got := keptWeights(s); !maps.Equal(got, weight) {
		t.Errorf("decoded %d terms, want %d: %v", len(got), len(weight), got)
	}
	weight["a\x00b"] = 1
	if _, ok := encodeKeptTerms(weight); ok {
		t.Error("a term with the separator was encoded")
	}
}
