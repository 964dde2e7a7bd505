package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
)

// The sheet store of piao build: a folder beside the output
// (.OUT.piao-sheets, never inside the published folder) that keeps every
// sheet as the last build decoded it, with what decoding it and the rules
// of its own texts found (checker.sheetTexts), so that the next build
// parses and judges again only the sheets whose bytes changed
// (parsing and decoding are most of a load: 1.1 s of CPU at 10,000
// sheets; reading them back from the store, 0.2 s). piao check and piao
// serve's start read it too.
//
// An entry is trusted only for the same file, kind and languages and the
// same SHA-256 of the file's bytes, and only from the same program (its
// digest heads every file of the store): it caches a pure function of the
// bytes, so it cannot be stale. The sheets are spread over chunks by
// their file's name, one file a chunk, so that a build writes only the
// chunks whose sheets changed; a chunk whose digest does not match its
// bytes costs only the parsing of its sheets. A store that cannot be read
// or written costs time, never a wrong page: the sheets are parsed.
//
// A chunk's file is named COUNT-K (chunk K of COUNT) and holds the header
// (storeFormat, a new line, the program's digest, a new line), the
// SHA-256 of the rest, and the rest: the gob of the chunk's
// []storedSheet. It is written only into a destination piao build has
// accepted and locked.

const storeFormat = "piao-sheet-store 3"

// storeChunkSheets is about how many sheets a chunk holds.
const storeChunkSheets = 128

// StorePath is where the sheet store of the output dest lives: a hidden
// folder beside it.
func StorePath(dest string) string { return publish.Beside(dest, "sheets") }

// storedSheet is one entry of the store.
type storedSheet struct {
	File    string
	Kind    plan.Kind
	Langs   []string
	Sum     [sha256.Size]byte
	Sheet   *plan.Sheet
	Diags   Diagnostics
	Texts   Diagnostics // what the rules of its own texts found, if TextsOK
	TextsOK bool
}

// sheetStore is one build's view of the store: what each chunk file it
// read holds, so as to write only the chunks that changed.
type sheetStore struct {
	dir, program string
	read         map[string][]entryID // chunk file → its entries; nil for one that could not be used
	stale        []string             // temporary files of builds killed while saving
}

// entryID is what tells two entries apart.
type entryID struct {
	file    string
	sum     [sha256.Size]byte
	kind    plan.Kind
	langs   string
	textsOK bool
}

func idOf(file string, e *cachedSheet) entryID {
	return entryID{file, e.sum, e.kind, strings.Join(e.langs, ","), e.textsOK}
}

func (st *sheetStore) header() string { return storeFormat + "\n" + st.program + "\n" }

// openSheetStore reads the store of dest into a new Cache. Nothing is
// read when program is "".
func openSheetStore(dest, program string) (*sheetStore, *Cache) {
	st := &sheetStore{dir: StorePath(dest), program: program, read: map[string][]entryID{}}
	cache := NewCache()
	if program == "" {
		return st, cache
	}
	entries, err := os.ReadDir(st.dir)
	if err != nil {
		return st, cache
	}
	var names []string
	for _, e := range entries {
		switch {
		case !e.Type().IsRegular():
		case strings.HasSuffix(e.Name(), ".tmp"):
			st.stale = append(st.stale, e.Name())
		default:
			names = append(names, e.Name())
		}
	}
	decoded := make([][]storedSheet, len(names))
	var decoders sync.Pool // of *chunkDecoder: one a core, reused from chunk to chunk
	parallelFor(len(names), func(i int) {
		d, _ := decoders.Get().(*chunkDecoder)
		if d == nil {
			d = &chunkDecoder{}
		}
		decoded[i] = st.decode(names[i], d)
		decoders.Put(d)
	})
	for i, list := range decoded {
		st.read[names[i]] = nil
		for _, e := range list {
			cs := &cachedSheet{kind: e.Kind, langs: e.Langs, sum: e.Sum, sheet: e.Sheet, diags: e.Diags, texts: e.Texts, textsOK: e.TextsOK}
			st.read[names[i]] = append(st.read[names[i]], idOf(e.File, cs))
			cache.sheets[e.File] = cs // any entry is right: each is keyed by its file's bytes
		}
	}
	return st, cache
}

// decode reads a chunk file; one of another format or program, whose
// digest does not match its bytes, or that does not decode gives nothing.
func (st *sheetStore) decode(name string, d *chunkDecoder) []storedSheet {
	b, err := os.ReadFile(filepath.Join(st.dir, name))
	head := st.header()
	if err != nil || !bytes.HasPrefix(b, []byte(head)) || len(b) < len(head)+sha256.Size {
		return nil
	}
	sum, body := b[len(head):len(head)+sha256.Size], b[len(head)+sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil
	}
	list, err := d.decode(body)
	if err != nil {
		return nil
	}
	return list
}

// chunkDecoder decodes chunks one after another with one gob decoder
// while their type definitions are the same bytes. A chunk's gob is the
// definitions of its types, then its value; a decoder compiles what it
// needs of each type once (at 10,000 sheets, 128 chunks each compiled
// the model's types again: 50 ms of CPU in every rebuild). Chunks written
// by one build have the same definitions; a chunk of another build whose
// definitions differ (its types numbered otherwise) gets a decoder of its
// own.
type chunkDecoder struct {
	dec   *gob.Decoder
	in    chunkFeed
	types []byte // the definitions dec has read
}

func (d *chunkDecoder) decode(body []byte) ([]storedSheet, error) {
	at, ok := gobValueAt(body)
	if !ok {
		return nil, errors.New("sheet store: no value in the chunk")
	}
	if d.dec != nil && bytes.Equal(body[:at], d.types) {
		d.in.b = body[at:] // the value only: dec knows its types
	} else {
		d.dec, d.types, d.in.b = gob.NewDecoder(&d.in), bytes.Clone(body[:at]), body
	}
	var list []storedSheet
	err := d.dec.Decode(&list)
	if err == nil && len(d.in.b) > 0 {
		err = errors.New("sheet store: bytes after the chunk's value")
	}
	if err != nil {
		d.dec = nil // a decoder that failed is not trusted with the next chunk
		return nil, err
	}
	return list, nil
}

// chunkFeed is what a chunkDecoder's decoder reads: the bytes of one
// chunk at a time. It is an io.ByteReader, so that gob reads it exactly,
// without a buffer that would read ahead.
type chunkFeed struct{ b []byte }

func (f *chunkFeed) Read(p []byte) (int, error) {
	if len(f.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.b)
	f.b = f.b[n:]
	return n, nil
}

func (f *chunkFeed) ReadByte() (byte, error) {
	if len(f.b) == 0 {
		return 0, io.EOF
	}
	c := f.b[0]
	f.b = f.b[1:]
	return c, nil
}

// gobValueAt is where the first value message of the gob stream b begins,
// after the messages that define its types: each message is its length
// (a gob unsigned integer) and its bytes, which begin with a type id (a
// gob integer), negative for a definition.
func gobValueAt(b []byte) (int, bool) {
	for off := 0; off < len(b); {
		count, n, ok := gobUint(b[off:])
		if !ok || count == 0 || count > uint64(len(b)-off-n) {
			return 0, false
		}
		id, _, ok := gobUint(b[off+n : off+n+int(count)])
		if !ok {
			return 0, false
		}
		if id&1 == 0 { // a type id of 0 or more: a value
			return off, true
		}
		off += n + int(count)
	}
	return 0, false
}

// gobUint reads the gob unsigned integer at the start of b: its value and
// how many bytes it takes. Below 128 it is the byte itself; otherwise the
// byte is the negated count of the big-endian bytes that follow.
func gobUint(b []byte) (uint64, int, bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	if b[0] < 0x80 {
		return uint64(b[0]), 1, true
	}
	n := -int(int8(b[0]))
	if n > 8 || len(b) < 1+n {
		return 0, 0, false
	}
	var x uint64
	for _, c := range b[1 : 1+n] {
		x = x<<8 | uint64(c)
	}
	return x, 1 + n, true
}

// StoredCache is a Cache holding the sheets of the store of dest, the
// output of a piao build: piao serve starts with it, and piao check
// judges through it, parsing again only the sheets edited since that
// build.
func StoredCache(dest string) *Cache {
	_, c := openSheetStore(dest, programDigest())
	return c
}

// chunkOf is the chunk of a sheet file, of count.
func chunkOf(file string, count int) int {
	h := fnv.New32a()
	h.Write([]byte(file))
	return int(h.Sum32() % uint32(count))
}

// chunkCount is the number of chunks for n sheets: a power of two, so
// that a site that grows slowly keeps its chunks.
func chunkCount(n int) int {
	c := 1
	for c*storeChunkSheets < n {
		c *= 2
	}
	return c
}

func chunkName(count, k int) string { return fmt.Sprintf("%d-%d", count, k) }

// saving saves the store on a goroutine of its own; the function it
// returns waits for the end. A store is a cache: a failure to write it
// costs the next build time, never a wrong page, and is not reported.
func (st *sheetStore) saving(c *Cache) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = st.save(c)
	}()
	return func() { <-done }
}

// save writes the chunks whose sheets are not those of the chunk file of
// the same name read, and removes the files of the chunks that are no
// more.
func (st *sheetStore) save(c *Cache) error {
	if st.program == "" {
		return nil
	}
	files := make([]string, 0, len(c.sheets))
	for f := range c.sheets {
		files = append(files, f)
	}
	slices.Sort(files)
	count := chunkCount(len(files))
	chunks := make([][]string, count)
	for _, f := range files {
		k := chunkOf(f, count)
		chunks[k] = append(chunks[k], f)
	}
	if err := os.MkdirAll(st.dir, 0o755); err != nil {
		return err
	}
	errs := make([]error, count)
	parallelFor(count, func(k int) {
		ids := make([]entryID, len(chunks[k]))
		for i, f := range chunks[k] {
			ids[i] = idOf(f, c.sheets[f])
		}
		if read, ok := st.read[chunkName(count, k)]; ok && read != nil && slices.Equal(ids, read) {
			return
		}
		errs[k] = st.writeChunk(chunkName(count, k), c, chunks[k])
	})
	for name := range st.read {
		if k, ok := chunkIndex(name, count); !ok || k >= count {
			os.Remove(filepath.Join(st.dir, name))
		}
	}
	for _, name := range st.stale { // under the output's lock: no other build is saving
		os.Remove(filepath.Join(st.dir, name))
	}
	return errors.Join(errs...)
}

// chunkIndex is K of a chunk file named COUNT-K, if COUNT is count.
func chunkIndex(name string, count int) (int, bool) {
	var c, k int
	if n, err := fmt.Sscanf(name, "%d-%d", &c, &k); err != nil || n != 2 || c != count || chunkName(c, k) != name {
		return 0, false
	}
	return k, true
}

// writeChunk writes the sheets of files as the chunk file name,
// atomically: into a temporary file that takes its place.
func (st *sheetStore) writeChunk(name string, c *Cache, files []string) error {
	list := make([]storedSheet, len(files))
	for i, f := range files {
		e := c.sheets[f]
		list[i] = storedSheet{File: f, Kind: e.kind, Langs: e.langs, Sum: e.sum, Sheet: pristine(e.sheet), Diags: e.diags,
			Texts: e.texts, TextsOK: e.textsOK}
	}
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(list); err != nil {
		return err
	}
	sum := sha256.Sum256(body.Bytes())
	b := append(append([]byte(st.header()), sum[:]...), body.Bytes()...)
	file := filepath.Join(st.dir, name)
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	err := os.WriteFile(tmp, b, 0o644)
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
