package builder

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
)

// The search documents of each sheet, kept from one build to the next in
// a file beside the build cache (.OUT.piao-search): gathering the terms
// of every sheet and indicator is most of the work of the search index,
// and a rebuild after one edit needs only those of the sheets that
// changed. An entry is the documents of one sheet in one language (its
// own, and one per indicator: doc, terms with their weights, facets), as
// they were before the glossary added to their terms; its key is that of
// the sheet's own page (pageKey: the sheet's bytes and its bodies in
// other languages, everything of its plan but the other operational
// sheets, config.yaml, the themes, the program, the options) with the
// language's folder, the plan's place among the plans and what the
// documents read of the other operational sheets (cycleFacts). An entry
// whose key differs is not used. The file is sealed as the build cache is
// (a corrupt file, or one of another program, is never read) and, its
// entries being named by what they are made of, it is written as the
// index is built, under the output's lock, entry by entry.

// searchDocsFormat names the layout of the file.
const searchDocsFormat = "piao-search-docs 2"

// searchDocsPath is where the kept search documents of the output dest
// live: a hidden file beside it.
func searchDocsPath(dest string) string { return publish.Beside(dest, "search") }

// searchDocsData is what the file holds.
type searchDocsData struct {
	Format, Program string
	Sheets          map[string]string // language folder + "\x00" + sheet file → its documents (encodeKept)
	// The file: Format, Program, then each entry's name and documents,
	// and an empty name, each with its length before it (sealedWriter).
}

// keptSheet is the documents of a sheet and the key they were made with.
type keptSheet struct {
	Key  string
	Docs []keptDoc
}

// keptDoc is a prepared document: Terms are its terms, each as the digit
// of its weight, the term and "\x00" (keptTerms).
type keptDoc struct {
	Doc    searchDoc
	Terms  string
	Facets []string
}

// sheetDocs is one build's kept documents: those of the last build, and
// the file of this one's, written as the index is built (never whole in
// memory: at 50,000 sheets it is 150 MB).
type sheetDocs struct {
	path, program string
	key           func(file, name string) string // pageKey; "" when a sheet has none
	prev          map[string]string
	had           int           // entries prev had when read (it is released once the index is made)
	next          *sealedWriter // nil until the first entry, and if it cannot be written
	failed        bool
	kept, made    int // sheets whose documents were taken from prev, made
	facts         factsMemo
}

// openSheetDocs reads the kept documents of dest; nil without a build
// cache that can key them.
func (c *buildCache) openSheetDocs(dest string) *sheetDocs {
	if c.src == nil {
		os.Remove(searchDocsPath(dest))
		return nil
	}
	d := &sheetDocs{path: searchDocsPath(dest), program: c.program,
		key: func(file, name string) string { return pageKey(c.src, c.plans, name, file) }}
	if data, err := readSearchDocs(d.path); err == nil && data.Format == searchDocsFormat && data.Program == c.program {
		d.prev, d.had = data.Sheets, len(data.Sheets)
	}
	return d
}

// keep writes an entry of this build's file; it runs under the output's
// lock, as the index is built.
func (d *sheetDocs) keep(entry, b string) {
	if d.failed || b == "" {
		return
	}
	if d.next == nil {
		w, err := createSealed(d.path)
		if err != nil {
			d.failed = true
			return
		}
		d.next = w
		d.next.str(searchDocsFormat)
		d.next.str(d.program)
	}
	d.next.str(entry)
	d.next.str(b)
}

// save ends this build's file and puts it in place of the last one,
// unless it holds what the last one does. Its entries being named by what
// they are made of, the file is right whatever the output holds: one that
// cannot be written leaves the last one, as right.
func (d *sheetDocs) save() {
	if d == nil || d.next == nil {
		return
	}
	if d.failed || (d.made == 0 && d.kept == d.had) {
		d.abort()
		return
	}
	d.next.str("") // the end
	d.next.close()
	d.next = nil
}

// abort leaves the last build's file as it is.
func (d *sheetDocs) abort() {
	if d != nil && d.next != nil {
		d.next.abort()
		d.next = nil
	}
}

// release lets go of the last build's documents once the search index is
// made: each is a part of the bytes of the file read (readSearchDocs),
// which one kept document would hold whole through the open data and the
// render (~150 MB at 50,000 sheets).
func (d *sheetDocs) release() {
	if d != nil {
		d.prev = nil
	}
}

// reusing reports whether the last build's documents are there to take.
func (d *sheetDocs) reusing() bool { return d != nil && len(d.prev) > 0 }

// langDocs is the view of the kept documents of one language.
type langDocs struct {
	all    *sheetDocs
	prefix string
}

// in is the view of the language whose pages are in the folder prefix.
func (d *sheetDocs) in(prefix string) *langDocs {
	if d == nil {
		return nil
	}
	return &langDocs{d, prefix}
}

// keyOf is the key of the documents of sheet s, the plan's place among
// the plans being pi; "" for none.
func (l *langDocs) keyOf(pi int, s *plan.Sheet) (entry, key string) {
	name := "search\x00" + l.prefix + "\x00" + strconv.Itoa(pi) + "\x00" + l.all.facts.of(s.Plan)
	return l.prefix + "\x00" + s.Pos.File(), l.all.key(s.Pos.File(), name)
}

// get gives the kept documents of sheet s, nil if it has none, and
// their entry in the file (keep).
func (l *langDocs) get(pi int, s *plan.Sheet) ([]preparedDoc, string) {
	if l == nil || l.all.prev == nil {
		return nil, ""
	}
	entry, key := l.keyOf(pi, s)
	b, ok := l.all.prev[entry]
	if !ok || key == "" {
		return nil, ""
	}
	k, ok := decodeKept(b)
	if !ok || k.Key != key {
		return nil, ""
	}
	docs := make([]preparedDoc, len(k.Docs))
	for i, kd := range k.Docs {
		if kd.Doc.Plan != pi {
			return nil, ""
		}
		docs[i] = preparedDoc{doc: kd.Doc, facets: kd.Facets, kept: kd.Terms}
	}
	return docs, b
}

// keep writes the entry b of sheet s (from get or put) into this build's
// file, in the order of the index; kept says whether it is the last
// build's.
func (l *langDocs) keep(s *plan.Sheet, b string, kept bool) {
	if l == nil || b == "" {
		return
	}
	if kept {
		l.all.kept++
	} else {
		l.all.made++
	}
	l.all.keep(l.prefix+"\x00"+s.Pos.File(), b)
}

// put encodes the documents just made of sheet s, before the glossary
// adds to their terms, as its entry of the file (keep); "" for none.
func (l *langDocs) put(pi int, s *plan.Sheet, docs []preparedDoc) string {
	if l == nil {
		return ""
	}
	_, key := l.keyOf(pi, s)
	if key == "" {
		return ""
	}
	k := keptSheet{Key: key, Docs: make([]keptDoc, len(docs))}
	for i, d := range docs {
		var ok bool
		if k.Docs[i], ok = keptDocOf(d); !ok {
			return ""
		}
	}
	return encodeKept(k)
}

// keptDocOf is document d as the file of kept documents holds it: its
// terms encoded and its Text cut (already so when settled); false if a
// term cannot be encoded.
func keptDocOf(d preparedDoc) (keptDoc, bool) {
	if d.terms == nil {
		return keptDoc{Doc: d.doc, Terms: d.kept, Facets: d.facets}, true
	}
	terms, ok := encodeKeptTerms(d.terms.weight)
	if !ok {
		return keptDoc{}, false
	}
	doc := d.doc
	doc.Text = snippetText(d.terms)
	return keptDoc{Doc: doc, Terms: terms, Facets: d.facets}, true
}

// encodeKeptTerms writes terms and their weights as keptTerms reads them;
// false if a term holds the separator.
func encodeKeptTerms(weight map[string]int) (string, bool) {
	size := 0
	for term := range weight {
		if strings.IndexByte(term, 0) >= 0 {
			return "", false
		}
		size += 1 + len(term) + 1
	}
	var b strings.Builder
	b.Grow(size) // at its size: grown by doubling, a document's terms were copied five or six times
	for term, w := range weight {
		b.WriteByte(byte('0' + w))
		b.WriteString(term)
		b.WriteByte(0)
	}
	return b.String(), true
}

// keptTerms are the terms of an encoded list and their weights; a term
// is a part of the list's string.
func keptTerms(s string) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for len(s) > 1 {
			end := strings.IndexByte(s, 0)
			if end < 1 {
				return
			}
			w := int(s[0] - '0')
			if w >= 1 && w <= levels && !yield(s[1:end], w) {
				return
			}
			s = s[end+1:]
		}
	}
}

// keptWeights are the terms of an encoded list as a map of their weights.
func keptWeights(s string) map[string]int {
	m := map[string]int{}
	for term, w := range keptTerms(s) {
		m[term] = w
	}
	return m
}

// encodeKept writes a sheet's documents as decodeKept reads them: each
// string with its length before it, each number as a varint.
func encodeKept(k keptSheet) string {
	size := len(k.Key) + 2*binary.MaxVarintLen64 // made at its size: grown by doubling, it allocated twice the bytes
	for _, d := range k.Docs {
		size += len(d.Doc.URL) + len(d.Doc.Title) + len(d.Doc.Sheet) + len(d.Doc.Where) + len(d.Doc.Text) + len(d.Terms) +
			10*binary.MaxVarintLen64
		for _, f := range d.Facets {
			size += len(f) + binary.MaxVarintLen64
		}
	}
	w := make(keptWriter, 0, size)
	w.str(k.Key)
	w.num(len(k.Docs))
	for _, d := range k.Docs {
		for _, s := range []string{d.Doc.URL, d.Doc.Title, d.Doc.Sheet, d.Doc.Where, d.Doc.Text, d.Terms} {
			w.str(s)
		}
		for _, n := range []int{d.Doc.Kind, d.Doc.Plan, d.Doc.Status, len(d.Facets)} {
			w.num(n)
		}
		for _, f := range d.Facets {
			w.str(f)
		}
	}
	return unsafe.String(unsafe.SliceData(w), len(w)) // w is not written again: not copied
}

// decodeKept reads what encodeKept wrote; false if it is not that.
func decodeKept(s string) (keptSheet, bool) {
	r := &keptReader{s: s}
	k := keptSheet{Key: r.str()}
	n := r.count()
	if r.bad {
		return keptSheet{}, false
	}
	k.Docs = make([]keptDoc, n)
	for i := range k.Docs {
		d := &k.Docs[i]
		d.Doc.URL, d.Doc.Title, d.Doc.Sheet, d.Doc.Where, d.Doc.Text, d.Terms = r.str(), r.str(), r.str(), r.str(), r.str(), r.str()
		d.Doc.Kind, d.Doc.Plan, d.Doc.Status = r.num(), r.num(), r.num()
		nf := r.count()
		if r.bad {
			return keptSheet{}, false
		}
		if nf > 0 {
			d.Facets = make([]string, nf)
		}
		for j := range d.Facets {
			d.Facets[j] = r.str()
		}
	}
	return k, !r.bad && r.s == ""
}

// readSearchDocs reads the file a build wrote (sheetDocs.keep, save); an
// error if it is missing, corrupt or not that.
func readSearchDocs(file string) (*searchDocsData, error) {
	b, err := readSealedBytes(file)
	if err != nil {
		return nil, err
	}
	// Every entry is a part of the file's bytes, never copied: b is not
	// written again (at 50,000 sheets the file is ~150 MB, and a copy
	// would hold it twice while the site loads).
	r := &keptReader{s: unsafe.String(unsafe.SliceData(b), len(b))}
	d := &searchDocsData{Format: r.str(), Program: r.str(), Sheets: map[string]string{}}
	for !r.bad {
		name := r.str()
		if name == "" {
			break
		}
		d.Sheets[name] = r.str()
	}
	if r.bad || r.s != "" {
		return nil, errSealBroken
	}
	return d, nil
}

// sealedWriter writes, as keptWriter does, a file that readSealedBytes
// reads: in a temporary file beside it until close.
type sealedWriter struct {
	file, tmp string
	f         *os.File
	buf       *bufio.Writer
	sum       hash.Hash32
	err       error
	scratch   keptWriter
}

// createSealed starts writing file. It runs under the output's lock, so
// the temporary files of other builds it finds are those of builds that
// died: it removes them.
func createSealed(file string) (*sealedWriter, error) {
	removeStale(file)
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		return nil, err
	}
	h := newSeal()
	return &sealedWriter{file: file, tmp: tmp, f: f, buf: bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20), sum: h}, nil
}

func (w *sealedWriter) str(s string) {
	w.scratch = binary.AppendUvarint(w.scratch[:0], uint64(len(s)))
	if w.err == nil {
		_, w.err = w.buf.Write(w.scratch)
	}
	if w.err == nil {
		_, w.err = w.buf.WriteString(s)
	}
}

// close writes the seal and puts the file in place.
func (w *sealedWriter) close() error {
	if w.err == nil {
		w.err = w.buf.Flush()
	}
	if w.err == nil {
		_, w.err = w.f.Write(sealOf(w.sum))
	}
	if err := w.f.Close(); w.err == nil {
		w.err = err
	}
	if w.err == nil {
		w.err = os.Rename(w.tmp, w.file)
	}
	if w.err != nil {
		os.Remove(w.tmp)
	}
	return w.err
}

// abort removes what was written.
func (w *sealedWriter) abort() {
	w.f.Close()
	os.Remove(w.tmp)
}

// keptWriter writes strings, each with its length before it, and numbers
// as varints.
type keptWriter []byte

func (w *keptWriter) str(s string) {
	*w = binary.AppendUvarint(*w, uint64(len(s)))
	*w = append(*w, s...)
}

func (w *keptWriter) num(n int) { *w = binary.AppendVarint(*w, int64(n)) }

// keptReader reads what a keptWriter wrote; once something is not that,
// bad is set and every read gives "" or 0.
type keptReader struct {
	s   string
	bad bool
}

func (r *keptReader) str() string {
	n, w := binary.Uvarint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if w <= 0 || n > uint64(len(r.s)-w) {
		r.bad, r.s = true, ""
		return ""
	}
	out := r.s[w : w+int(n)]
	r.s = r.s[w+int(n):]
	return out
}

func (r *keptReader) num() int {
	n, w := binary.Varint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if w <= 0 || n < 0 || n > 1<<30 {
		r.bad, r.s = true, ""
		return 0
	}
	r.s = r.s[w:]
	return int(n)
}

// count reads a number of things to come, each at least a byte long.
func (r *keptReader) count() int {
	n := r.num()
	if n > len(r.s) {
		r.bad, r.s = true, ""
		return 0
	}
	return n
}
