package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// indexOfExample indexes the example site.
func indexOfExample(t *testing.T) *searchIndex {
	t.Helper()
	site, ds := LoadAndCheck(os.DirFS(".."))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	return buildSearchIndex(site, italian(t))
}

// TestDocsCount: the index's documents are as many as docsCount says,
// made that many at once: the example plan's, with revisions and
// sections, and a plan of sheets only.
func TestDocsCount(t *testing.T) {
	site, ds := LoadAndCheck(os.DirFS(".."))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	ix := buildSearchIndex(site, italian(t))
	if n := docsCount(site); len(ix.docs) != n || cap(ix.docs) != n {
		t.Errorf("%d documents (room for %d), docsCount %d", len(ix.docs), cap(ix.docs), n)
	}
	if len(site.Plans[0].Revisioni) == 0 || len(site.Plans[0].Sezioni) == 0 {
		t.Error("the example plan has no revisions or no sections: the count is not tested on them")
	}
}

// docsOf returns the URLs of the documents a term reaches, by weight.
func docsOf(ix *searchIndex, term string) (byWeight [levels][]string) {
	post := ix.terms[term]
	if post == nil {
		return
	}
	for l, ids := range post {
		for _, id := range ids {
			byWeight[l] = append(byWeight[l], ix.docs[id].URL)
		}
	}
	return
}

const (
	ammURL = "piao-2024-2026/operativi/amministrazione-contabilita/index.html"
	tmrURL = ammURL + "#ind-tmr-ritardo-pagamenti"
	tmpURL = ammURL + "#ind-tmp-tempo-pagamento"
	riURL  = "piao-2024-2026/operativi/registro-imprese/index.html"
	revURL = "piao-2024-2026/revisioni/index.html#rev-2024-09"

	approvURL    = "piao-2024-2026/operativi/approvvigionamenti-patrimonio/index.html"
	metrologyURL = "piao-2024-2026/operativi/metrologia-convenzioni/index.html"

	// The example's narrative sections: the revision act's premises, and
	// its operative part with its recipients and the list of its annex.
	premisesURL = "piao-2024-2026/sezioni/premesse/index.html"
	disposalURL = "piao-2024-2026/sezioni/dispositivo/index.html"
)

// TestSearchIndexTerms: terms reach the right sheets and indicators, with
// the weight of the field they come from; previous values and revision
// notes are indexed too.
func TestSearchIndexTerms(t *testing.T) {
	ix := indexOfExample(t)
	tests := []struct {
		term   string
		weight int
		want   []string
	}{
		{"pagament", weightTitle, []string{tmrURL, tmpURL}},
		{"tmp", weightTitle, []string{tmpURL}},
		{"registr", weightTitle, []string{riURL}},                                   // the sheet's unit
		{"ciascun", weightField, []string{riURL}},                                   // "ciascuna sede" in the Markdown body
		{"30.09.2023", weightHistory, []string{riURL + "#ind-pratiche-sospese-ri"}}, // a previous value
		{"riform", weightHistory, []string{tmpURL}},                                 // "la riforma n. 1.11 del PNRR", a revision note
		{"areargs", weightField, []string{tmrURL, tmpURL}},                          // the data source
		{"anticorruzion", weightTitle, []string{ammURL}},                            // the objective
		{"anticorruzion", weightHistory, []string{tmrURL, tmpURL}},                  // the objective, from its indicators
		{"oiv", weightField, []string{revURL}},                                      // the revision's reason
		{"smvp", weightField, []string{revURL}},
		{"g/59", weightTitle, []string{revURL}},                                                    // its act
		{"g/59", weightHistory, []string{riURL, tmpURL}},                                           // and what it changed
		{"59", weightHistory, []string{riURL, tmpURL}},                                             // by the act's number too
		{"12.09", weightTitle, []string{revURL}},                                                   // its date, without the year
		{"settembr", weightTitle, []string{revURL}},                                                // written with the month's name
		{"30.06", weightHistory, []string{approvURL + "#ind-regolamento-locazione-comune-novara"}}, // "Entro 30.06", before
		{"30.06", weightField, []string{revURL}},                                                   // "01.01-30.06.2024"
		{"stralciat", weightField, []string{metrologyURL + "#ind-sicurezza-prodotti"}},             // a removed indicator
		{"inserit", weightField, []string{tmpURL}},                                                 // an added one
		{"rivist", weightField, []string{riURL, riURL + "#ind-pratiche-sospese-ri"}},               // revised
	}
	for _, tt := range tests {
		got := docsOf(ix, tt.term)[levels-tt.weight]
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("term %q at weight %d reaches %q, want %q among them", tt.term, tt.weight, got, w)
			}
		}
	}
	if got := docsOf(ix, "pagament")[levels-weightTitle]; slices.Contains(got, riURL) {
		t.Errorf("pagament reaches the Registro Imprese sheet")
	}
	// What a revision did is found only where it did it.
	for _, term := range []string{"stralciat", "inserit", "rivist", "g/59"} {
		for _, ids := range ix.terms[term] {
			for _, id := range ids {
				// The revision's document, and the section that quotes its act.
				if doc := ix.docs[id]; doc.Kind != docRevision && doc.Status == docPlain && !(term == "g/59" && doc.URL == premisesURL) {
					t.Errorf("%q reaches %s, which no revision touched", term, doc.URL)
				}
			}
		}
	}
	for _, id := range ix.terms["stralciat"][levels-weightField] {
		if doc := ix.docs[id]; doc.Status != docRemoved {
			t.Errorf("stralciato reaches %s, which is not a removed indicator", doc.URL)
		}
	}
	for _, stop := range []string{"di", "dell", "il", "e"} {
		if ix.terms[stop] != nil {
			t.Errorf("stop word %q is indexed", stop)
		}
	}
	// Each document is in one weight of a term only.
	for term, post := range ix.terms {
		seen := map[docID]bool{}
		for _, ids := range post {
			for _, id := range ids {
				if seen[id] {
					t.Fatalf("term %q lists document %d twice", term, id)
				}
				seen[id] = true
			}
		}
	}
}

func TestSearchIndexFacets(t *testing.T) {
	ix := indexOfExample(t)
	urls := func(key string) []string {
		var out []string
		for _, id := range ix.facets[key] {
			out = append(out, ix.docs[id].URL)
		}
		return out
	}
	unit := urls("u_piao-2024-2026_amministrazione-contabilita")
	if !slices.Equal(unit, []string{ammURL, tmrURL, tmpURL}) {
		t.Errorf("unit amministrazione-contabilita: %q", unit)
	}
	if r := urls(facetRevised); !slices.Contains(r, tmpURL) || slices.Contains(r, "piao-2024-2026/strategici/linea-1/index.html#ind-eventi-doppia-transizione") {
		t.Errorf("revised: %q, want TMP (added) and not the untouched indicator eventi-doppia-transizione", r)
	}
	if ty := urls("t_risultato-output"); !slices.Contains(ty, tmrURL) || slices.Contains(ty, ammURL) {
		t.Errorf("typology risultato-output: %q", ty)
	}
	if p := ix.facets["p_piao-2024-2026"]; len(p) != len(ix.docs) {
		t.Errorf("plan facet holds %d documents of %d", len(p), len(ix.docs))
	}
	// Every option of the search page's filters has its facet, even a unit
	// without sheets.
	site, _ := LoadAndCheck(os.DirFS(".."))
	p := site.Plans[0]
	p.Aree[0].Unita = append(p.Aree[0].Unita, plan.Unit{Ref: plan.Ref{Codice: plan.Text{S: "vuota"}, Nome: plan.Text{S: "Unità senza schede"}}})
	p.Index()
	withEmpty := buildSearchIndex(site, italian(t))
	f := searchFiltersOf(site, italian(t), nil)
	opts := append(append(append([]option(nil), f.Plans...), f.Typologies...), f.Kinds...)
	for _, groups := range [][]optionGroup{f.Areas, f.Units, f.Lines} {
		for _, g := range groups {
			opts = append(opts, g.Options...)
		}
	}
	opts = append(opts, option{Value: facetRevised})
	for _, o := range opts {
		if _, ok := withEmpty.facets[o.Value]; !ok {
			t.Errorf("filter option %q (%s) has no facet", o.Value, o.Label)
		}
	}
	if len(opts) < 20 || !slices.ContainsFunc(opts, func(o option) bool { return o.Value == "u_piao-2024-2026_vuota" }) {
		t.Errorf("filter options: %v", opts)
	}
	// 15 sheets, 34 indicators, the revision and 2 sections.
	if len(ix.docs) != 52 || ix.docs[49].Kind != docRevision || ix.docs[50].Kind != docSection || ix.docs[51].Kind != docSection {
		t.Errorf("%d documents, want 15 sheets + 34 indicators + 1 revision + 2 sections", len(ix.docs))
	}
	// Each kind of document has its facet, and the search page its option.
	for k, want := range map[int]int{docStrategic: 4, docOperational: 11, docIndicator: 34, docRevision: 1, docSection: 2} {
		if got := len(ix.facets[kindFacet(k)]); got != want {
			t.Errorf("facet of kind %d: %d documents, want %d", k, got, want)
		}
	}
	if len(f.Kinds) != 5 {
		t.Errorf("kind filter options: %v, want the five kinds", f.Kinds)
	}
	if r := urls("p_piao-2024-2026"); !slices.Contains(r, revURL) || slices.Contains(urls(facetRevised), revURL) {
		t.Errorf("the revision is not in its plan's facet, or is among the revised objectives and indicators")
	}
}

// decodeIDs mirrors ids() of the search script.
func decodeIDs(s string) []int {
	var out []int
	if strings.HasPrefix(s, "!") {
		for i := 1; i < len(s); i++ {
			v := strings.IndexByte(base64Digits, s[i])
			for k := 0; k < 6; k++ {
				if v>>k&1 == 1 {
					out = append(out, (i-1)*6+k)
				}
			}
		}
		return out
	}
	prev, n := -1, 0
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(base64Digits, s[i])
		if v >= 32 {
			n = n*32 + v - 32
		} else {
			prev += n*32 + v + 1
			out = append(out, prev)
			n = 0
		}
	}
	return out
}

func TestEncodeIDs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, density := range []float64{0.0005, 0.01, 0.2, 0.9} {
		for trial := 0; trial < 20; trial++ {
			var ids []int
			for id := 0; id < 40000; id++ {
				if r.Float64() < density {
					ids = append(ids, id)
				}
			}
			if len(ids) == 0 {
				continue
			}
			enc := encodeIDs(ids)
			if got := decodeIDs(enc); !slices.Equal(got, ids) {
				t.Fatalf("density %v: %d ids decode to %d", density, len(ids), len(got))
			}
			if density > 0.5 && enc[0] != '!' {
				t.Errorf("density %v: not a bitmap", density)
			}
			gaps, bitmap := encodeGaps(ids), encodeBitmap(ids)
			if bitmapLen(ids) != len(bitmap) || len(enc) != min(len(gaps), len(bitmap)) {
				t.Errorf("density %v: bitmapLen %d, bitmap %d bytes; encoded %d, want the shorter of %d and %d",
					density, bitmapLen(ids), len(bitmap), len(enc), len(gaps), len(bitmap))
			}
		}
	}
	if got := decodeIDs(encodeIDs([]int{0, 31, 32, 1023, 1024, 40000, 1 << 30})); !slices.Equal(got, []int{0, 31, 32, 1023, 1024, 40000, 1 << 30}) {
		t.Errorf("large gaps decode to %v", got)
	}
}

// TestSearchFiles: every term is in the shard the directory sends it to,
// the files are scripts handing their data to PIAO_SEARCH, and a build
// puts them in one folder named after their content.
func TestSearchFiles(t *testing.T) {
	ix := indexOfExample(t)
	out := ix.encode()
	read := func(name string) any {
		b, ok := out.Files[path.Join(out.Dir, name+".js")]
		if !ok {
			t.Fatalf("no file %s", name)
		}
		prefix := `PIAO_SEARCH.push("` + name + `",`
		if !bytes.HasPrefix(b, []byte(prefix)) || !bytes.HasSuffix(b, []byte(");\n")) {
			t.Fatalf("%s: not a PIAO_SEARCH.push script: %.60s", name, b)
		}
		var v any
		if err := json.Unmarshal(b[len(prefix):len(b)-3], &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	dir := read("indice").(map[string]any)
	var bounds []string
	for _, b := range dir["s"].([]any) {
		bounds = append(bounds, b.(string))
	}
	if !sort.StringsAreSorted(bounds) || bounds[0] != "" {
		t.Fatalf("shard bounds %q", bounds)
	}
	found, oneString := 0, 0
	for term, post := range ix.terms {
		i := sort.Search(len(bounds), func(i int) bool { return bounds[i] > term }) - 1
		shard := read("t" + strconv.Itoa(i)).(map[string]any)
		var got [levels][]int
		switch v := shard[term].(type) {
		case string:
			got = decodeLevels(v)
			oneString++
		case []any:
			for l, s := range v {
				got[l] = decodeIDs(s.(string))
			}
		default:
			t.Errorf("term %q is not in shard %d", term, i)
			continue
		}
		for l := range post {
			if !slices.Equal(got[l], asInts(post[l])) {
				t.Errorf("term %q, weight level %d: %v, want %v", term, l, got[l], post[l])
			}
		}
		found++
	}
	if found != len(ix.terms) || found < 500 {
		t.Errorf("%d of %d terms found", found, len(ix.terms))
	}
	if oneString == 0 || oneString == found { // both forms, for the script's tests on this index
		t.Errorf("%d of %d terms in one string", oneString, found)
	}
	chunk := read("d0").([]any)
	if len(chunk) != docsPerChunk || chunk[0].([]any)[0] != ix.docs[0].URL {
		t.Errorf("first chunk: %v", chunk)
	}
	if again := indexOfExample(t).encode(); again.Dir != out.Dir || !strings.HasPrefix(out.Dir, searchDataRoot+"/") {
		t.Errorf("data folder %q, then %q", out.Dir, again.Dir)
	}
}

// TestSearchScriptsAsPushScript: the scripts of the documents, the term
// shards and the facets are byte for byte what pushScript (encoding/json)
// writes of the same data, for the index of the example and for texts the
// encoder escapes.
func TestSearchScriptsAsPushScript(t *testing.T) {
	hostile := []string{"", "piano", "è perché — «così»", `a "quote" and a \ backslash`, "tab\tnew\nline\rcr",
		"\x00\x01\x1f\x7f", "\b\f", "<script>alert(1)</script> & &amp;", "line\u2028para\u2029end",
		"bad \xff utf-8 \xc3", "a\u2028", "b\u2029", "\x1f", "\"", "\\", "emoji 😀 and \ufffd", "\u007f\u0080\u009f"}
	for _, s := range hostile {
		if got, want := endScript(appendJSONString(startScript("f_x", 0), s)), pushScript("f_x", s); !bytes.Equal(got, want) {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
	ix := indexOfExample(t)
	for i, s := range hostile {
		ix.docs = append(ix.docs, searchDoc{URL: s, Title: s + "!", Kind: i, Sheet: "<" + s, Where: s + s, Plan: i % 2, Status: i % 4, Text: s})
		ix.post(s, 1+i%levels, len(ix.docs)-1)
	}
	for i := 0; i*docsPerChunk < len(ix.docs); i++ {
		docs := ix.docs[i*docsPerChunk : min((i+1)*docsPerChunk, len(ix.docs))]
		var recs [][]any
		for _, d := range docs {
			recs = append(recs, []any{d.URL, d.Title, d.Kind, d.Sheet, d.Where, d.Plan, d.Status, d.Text})
		}
		name := "d" + strconv.Itoa(i)
		if got, want := docsScript(name, docs), pushScript(name, recs); !bytes.Equal(got, want) {
			t.Fatalf("%s:\n%s\nwant\n%s", name, got, want)
		}
	}
	terms := slices.Sorted(maps.Keys(ix.terms))
	enc := map[string]any{}
	forms := map[string]int{}
	for _, term := range terms {
		enc[term], _ = encodePostings(ix.terms[term])
		forms[reflect.TypeOf(enc[term]).String()]++
	}
	if forms["string"] == 0 || forms["[]string"] == 0 {
		t.Fatalf("postings of both forms wanted: %v", forms)
	}
	for start := 0; start < len(terms); start += 40 {
		shard := terms[start:min(start+40, len(terms))]
		m := map[string]any{}
		for _, term := range shard {
			m[term] = enc[term]
		}
		name := "t" + strconv.Itoa(start)
		if got, want := shardScript(name, shard, enc, 0), pushScript(name, m); !bytes.Equal(got, want) {
			t.Fatalf("%s:\n%s\nwant\n%s", name, got, want)
		}
	}
	out := ix.encode()
	for key, ids := range ix.facets {
		name := "f_" + key
		if got, want := out.Files[path.Join(out.Dir, name+".js")], pushScript(name, encodeIDs(ids)); !bytes.Equal(got, want) {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}

// decodeLevels mirrors levels() of the search script, for the string
// form: the lists of each weight.
func decodeLevels(s string) [levels][]int {
	var out [levels][]int
	all, digits, _ := strings.Cut(s, "|")
	for i, id := range decodeIDs(all) {
		d := strings.IndexByte(base64Digits, digits[i/3])
		l := d / []int{1, 3, 9}[i%3] % 3
		out[l] = append(out[l], id)
	}
	return out
}

// TestEncodeLevels: the postings of a term at several weights come back
// as they were, from whichever form is shorter, and the one-string form
// is chosen for a term in most documents.
func TestEncodeLevels(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, density := range []float64{0.001, 0.05, 0.3, 0.6, 0.95} {
		var post [levels][]docID // as the index holds them
		for id := range docID(30000) {
			if r.Float64() < density {
				l := r.IntN(levels)
				post[l] = append(post[l], id)
			}
		}
		v, size := encodePostings(&post)
		var got [levels][]int
		switch v := v.(type) {
		case string:
			got = decodeLevels(v)
			if size != len(v)+2 {
				t.Errorf("density %v: size %d for %d bytes", density, size, len(v))
			}
		case []string:
			for l, s := range v {
				got[l] = decodeIDs(s)
			}
		}
		for l := range post {
			if !slices.Equal(got[l], asInts(post[l])) {
				t.Fatalf("density %v, level %d: %d ids decode to %d", density, l, len(post[l]), len(got[l]))
			}
		}
		lists := 2 // the brackets of the list
		for _, ids := range post {
			lists += len(encodeIDs(ids)) + 3
		}
		if c := encodeLevels(&post); size != min(lists, len(c)+2) {
			t.Errorf("density %v: %d bytes, not the shorter of %d (a list per weight) and %d (one string)", density, size, lists, len(c)+2)
		}
		if _, one := v.(string); density > 0.5 && !one {
			t.Errorf("density %v: a list per weight (%d bytes)", density, size)
		}
	}
	if encodeLevels(&[levels][]int{nil, {1, 2, 3}}) != "" {
		t.Error("a term at one weight has the one-string form")
	}
}

// TestTermMemoSameIndex: the index built through the memo of short texts'
// terms is, file for file, the index built without it, on the example
// site and on a synthetic one.
func TestTermMemoSameIndex(t *testing.T) {
	for _, dir := range []string{"..", synthDir(t, 300)} {
		model, ds := LoadAndCheck(os.DirFS(dir))
		if ds.HasErrors() {
			t.Fatal(ds.Error())
		}
		w := italian(t)
		memo := &termMemo{}
		with := buildSearchIndexWith(model, w, memo).encode()
		without := buildSearchIndexWith(model, w, nil).encode()
		if with.Dir != without.Dir || !reflect.DeepEqual(with.Files, without.Files) {
			t.Errorf("%s: the index through the memo differs", dir)
		}
		kept := 0
		memo.m.Range(func(any, any) bool { kept++; return true })
		if kept == 0 {
			t.Errorf("%s: the memo kept nothing", dir)
		}
	}
}

// asInts are the index's document numbers as the decoders give them.
func asInts(ids []docID) []int {
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = int(id)
	}
	return out
}

// TestSearchIndexBatches: the postings of a batch of sheets are added
// while the terms of the next are made; the index is the same whatever
// the batches: one sheet each, seven, or all at once.
func TestSearchIndexBatches(t *testing.T) {
	model, ds := LoadAndCheck(os.DirFS(synthDir(t, 300)))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	defer func(n int) { searchBatch = n }(searchBatch)
	var want *searchOutput
	for _, n := range []int{1 << 20, 1, 7} {
		searchBatch = n
		got := buildSearchIndex(model, italian(t)).encode()
		if want == nil {
			want = got
			continue
		}
		if got.Dir != want.Dir || !maps.EqualFunc(got.Files, want.Files, bytes.Equal) {
			t.Errorf("batches of %d sheets: another index (%s, %d files) than one batch (%s, %d files)", n, got.Dir, len(got.Files), want.Dir, len(want.Files))
		}
	}
}

// TestSettle: a document settled holds its terms encoded, their weights
// those of its map, and its Text cut; and an index made of settled
// documents is the one made of their maps.
func TestSettle(t *testing.T) {
	model, ds := LoadAndCheck(os.DirFS(synthDir(t, 300)))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	w := italian(t)
	s := model.Plans[0].Sheets()[0]
	docs := []preparedDoc{prepareSheet(w, 0, s, nil)}
	for _, ind := range s.Indicators() {
		docs = append(docs, prepareIndicator(w, 0, s, ind, nil))
	}
	type want struct {
		weight map[string]int
		text   string
	}
	var wants []want
	for _, d := range docs {
		wants = append(wants, want{maps.Clone(d.terms.weight), snippetText(d.terms)})
	}
	settle(docs)
	for i, d := range docs {
		if d.terms != nil {
			t.Fatalf("document %d not settled", i)
		}
		if got := keptWeights(d.kept); len(got) == 0 || !maps.Equal(got, wants[i].weight) {
			t.Errorf("document %d: terms %v settled, %v made", i, got, wants[i].weight)
		}
		if d.doc.Text != wants[i].text {
			t.Errorf("document %d: text %q settled, %q made", i, d.doc.Text, wants[i].text)
		}
	}

	defer func() { settleDocs = true }()
	var outs [2]*searchOutput
	for i, on := range []bool{false, true} {
		settleDocs = on
		outs[i] = buildSearchIndex(model, w).encode()
	}
	if outs[0].Dir != outs[1].Dir || !maps.EqualFunc(outs[0].Files, outs[1].Files, bytes.Equal) {
		t.Errorf("settled documents: another index (%s, %d files) than their maps (%s, %d files)", outs[1].Dir, len(outs[1].Files), outs[0].Dir, len(outs[0].Files))
	}
}

// TestClipSnippet: clip and snippetText give what cutting the whole text
// as runes gives (how they were written before: the text joined whole,
// made a slice of runes), for texts of every length around the cut, of
// letters of one to four bytes, with bytes that are not UTF-8.
func TestClipSnippet(t *testing.T) {
	asRunes := func(s string, n int) string {
		rs := []rune(s)
		if len(rs) <= n {
			return s
		}
		cut := string(rs[:n])
		if i := strings.LastIndex(cut, " "); i > n/2 {
			cut = cut[:i]
		}
		return cut + " …"
	}
	pieces := []string{"a", "è", "€", "𝄞", " ", "parola ", "\xff", "\xe2\x82", "«più»"}
	rnd := rand.New(rand.NewPCG(1, 2))
	for k := range 3000 {
		var texts []string
		for range rnd.IntN(6) + 1 {
			var b strings.Builder
			for range rnd.IntN(1200) {
				b.WriteString(pieces[rnd.IntN(len(pieces))])
			}
			texts = append(texts, b.String())
		}
		n := []int{0, 1, 2, 10, maxSnippetText}[k%5]
		if got, want := clip(texts[0], n), asRunes(texts[0], n); got != want {
			t.Fatalf("clip(%q, %d) = %q; want %q", texts[0], n, got, want)
		}
		d := &docTerms{text: texts}
		if got, want := snippetText(d), asRunes(strings.Join(texts, " · "), maxSnippetText); got != want {
			t.Fatalf("snippetText of %d texts: %q; want %q", len(texts), got, want)
		}
	}
}

// TestEncodeKnownDocs: the chunks of documents whose digest the last
// build recorded are not encoded; the folder is named as when they are,
// and each one's pending encoding gives the very bytes encode gives. A
// chunk whose digest is not the recorded one is encoded.
func TestEncodeKnownDocs(t *testing.T) {
	ix := indexOfExample(t)
	full := ix.encode()
	if len(full.Docs) < 4 || len(full.Pending) != 0 {
		t.Fatalf("%d chunks of documents, %d pending without anything known", len(full.Docs), len(full.Pending))
	}
	asked := 0
	known := func(name string, id [sha256.Size]byte) ([sha256.Size]byte, bool) {
		asked++
		p := path.Join(full.Dir, name+".js")
		n, _ := strconv.Atoi(strings.TrimPrefix(name, "d"))
		if full.Docs[p] != id || n%2 == 1 { // the odd ones: as if their documents had changed
			return [sha256.Size]byte{}, false
		}
		return full.Sums[p], true
	}
	part := ix.encodeKnown(known)
	if asked != len(full.Docs) || part.Dir != full.Dir || !maps.Equal(part.Sums, full.Sums) || !maps.Equal(part.Docs, full.Docs) {
		t.Fatalf("asked %d of %d chunks; folder %s, want %s; sums or digests differ: %v", asked, len(full.Docs), part.Dir, full.Dir,
			!maps.Equal(part.Sums, full.Sums))
	}
	for p, b := range full.Files {
		n, isDocs := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(p), "d"), ".js"))
		switch pending := part.Pending[p]; {
		case isDocs == nil && n%2 == 0:
			if _, ok := part.Files[p]; ok || pending == nil || !bytes.Equal(pending(), b) {
				t.Errorf("%s: encoded %v, pending %v: want pending, and its bytes those of encode", p, ok, pending != nil)
			}
		case pending != nil || !bytes.Equal(part.Files[p], b):
			t.Errorf("%s: pending %v, or bytes not those of encode", p, pending != nil)
		}
	}
}

// TestDocsDigest: every field of a document is part of its chunk's digest,
// as are the chunk's name and the documents' number and order: a field
// docsScript writes and the digest left out would give a chunk the bytes
// of the last build's for other documents.
func TestDocsDigest(t *testing.T) {
	docs := []searchDoc{{URL: "a/", Title: "A", Kind: 1, Sheet: "s", Where: "w", Plan: 0, Status: 1, Text: "t"}, {URL: "b/", Title: "B"}}
	base := docsDigest("d0", docs)
	if docsDigest("d0", slices.Clone(docs)) != base {
		t.Fatal("the same documents, another digest")
	}
	ty := reflect.TypeFor[searchDoc]()
	for i := range ty.NumField() {
		changed := slices.Clone(docs)
		f := reflect.ValueOf(&changed[0]).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Int:
			f.SetInt(f.Int() + 1)
		default:
			t.Fatalf("field %s of kind %s: digest it, and set it here", ty.Field(i).Name, f.Kind())
		}
		if docsDigest("d0", changed) == base {
			t.Errorf("field %s changed, the digest the same", ty.Field(i).Name)
		}
	}
	moved := []searchDoc{{URL: "a/", Title: "AB"}, {URL: "b/", Title: ""}} // the same bytes, cut elsewhere
	if docsDigest("d0", moved) == docsDigest("d0", []searchDoc{{URL: "a/", Title: "A"}, {URL: "b/", Title: "B"}}) {
		t.Error("fields cut elsewhere, the same digest")
	}
	if docsDigest("d1", docs) == base || docsDigest("d0", docs[:1]) == base || docsDigest("d0", []searchDoc{docs[1], docs[0]}) == base {
		t.Error("another name, number or order of documents, the same digest")
	}
}

// TestDocsDigestStreamed: the digest hashed through a buffer is that of
// the chunk's bytes put together whole, whatever the length of the
// fields (one far longer than the buffer, many that fill it).
func TestDocsDigestStreamed(t *testing.T) {
	whole := func(name string, docs []searchDoc) [sha256.Size]byte {
		var b []byte
		str := func(s string) { b = append(binary.AppendUvarint(b, uint64(len(s))), s...) }
		str(name)
		b = binary.AppendUvarint(b, uint64(len(docs)))
		for _, d := range docs {
			str(d.URL)
			str(d.Title)
			b = binary.AppendVarint(b, int64(d.Kind))
			str(d.Sheet)
			str(d.Where)
			b = binary.AppendVarint(b, int64(d.Plan))
			b = binary.AppendVarint(b, int64(d.Status))
			str(d.Text)
		}
		return sha256.Sum256(b)
	}
	long := strings.Repeat("indicatore di efficacia ", 900) // 21,600 bytes
	var docs []searchDoc
	for i := range 300 {
		docs = append(docs, searchDoc{URL: fmt.Sprintf("piano/operativi/%05d/", i), Title: strings.Repeat("T", i%97),
			Kind: i % 5, Sheet: "s", Where: strings.Repeat("w", i*7%4100), Plan: i % 3, Status: -i, Text: long[:i*71%len(long)]})
	}
	docs = append(docs, searchDoc{Text: long}, searchDoc{})
	for n := 0; n <= len(docs); n += 7 {
		if got, want := docsDigest("d3", docs[:n]), whole("d3", docs[:n]); got != want {
			t.Fatalf("%d documents: digest %x, the whole bytes' %x", n, got, want)
		}
	}
}

// TestPendingDocsChecked: a chunk of documents encoded after all (its
// file not in the previous output) must have the digest the folder was
// named after; other bytes are an error, and nothing is written.
func TestPendingDocsChecked(t *testing.T) {
	o := newOutputs(nil, nil)
	right := docsScript("d0", []searchDoc{{URL: "a/", Title: "A"}})
	sum := sha256.Sum256(right)
	if err := o.putKeyed("d0.js", nil, sum, "k", func() []byte { return right }); err != nil || !bytes.Equal(o.files["d0.js"], right) {
		t.Fatalf("a chunk with its digest: %v, %q", err, o.files["d0.js"])
	}
	other := func() []byte { return docsScript("d1", []searchDoc{{URL: "b/", Title: "B"}}) }
	if err := o.putKeyed("d1.js", nil, sum, "k", other); !errors.Is(err, errDocsChanged) {
		t.Errorf("a chunk of other bytes: %v, want errDocsChanged", err)
	}
	if _, ok := o.files["d1.js"]; ok {
		t.Error("a chunk of other bytes written")
	}
}

// TestBadgeOptions: the badges the search page offers, taken from the
// facets of the search index (as a build makes it, and as piao check
// names its files), are those found looking at every sheet and
// indicator, for the example site and each plan of testdata.
func TestBadgeOptions(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "plans", "*"))
	badged := 0
	for _, dir := range append([]string{".."}, dirs...) {
		site, ds := LoadAndCheck(os.DirFS(dir))
		if ds.HasErrors() {
			t.Fatalf("%s: %s", dir, ds.Error())
		}
		w := italian(t)
		want := badgeOptions(site, w, nil)
		if len(want) > 0 {
			badged++
		}
		for _, out := range []*searchOutput{buildSearchIndex(site, w).encode(), searchFileNames(site)} {
			if got := badgeOptions(site, w, func(f string) bool { return out.Facets[f] }); !slices.Equal(got, want) {
				t.Errorf("%s: from the index's facets %v, looking at every sheet %v", dir, got, want)
			}
		}
	}
	if badged < 3 {
		t.Errorf("%d sites with badges: the test shows little", badged)
	}
}

// TestKindFacet: the facet of a kind of document, made once for the kinds
// 0 to 9, is the one the search script asks for ("k_" and the kind's
// digit), for those and for any other.
func TestKindFacet(t *testing.T) {
	for k := -1; k < 13; k++ {
		if got, want := kindFacet(k), "k_"+string(rune('0'+k)); got != want {
			t.Errorf("kindFacet(%d) = %q, want %q", k, got, want)
		}
	}
	if kindFacet(docIndicator) != "k_"+strconv.Itoa(docIndicator) {
		t.Errorf("the indicators' facet is %q", kindFacet(docIndicator))
	}
}
