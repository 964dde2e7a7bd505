package builder

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/fnv"
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
// chunks whose sheets changed; a chunk whose seal does not match its
// bytes costs only the parsing of its sheets. A store that cannot be read
// or written costs time, never a wrong page: the sheets are parsed.
//
// A chunk's file is named COUNT-K (chunk K of COUNT) and holds the header
// (storeFormat, a new line, the program's digest, a new line), the
// chunk's []storedSheet in the store's encoding (storecodec.go), and the
// seal of those (writeSealedWith). It is written only into a
// destination piao build has accepted and locked.

const storeFormat = "piao-sheet-store 6"

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
	Light   [sha256.Size]byte // its light digest (lightDigest), if LightOK
	LightOK bool
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
	lightOK bool
}

func idOf(file string, e *cachedSheet) entryID {
	return entryID{file, e.sum, e.kind, strings.Join(e.langs, ","), e.textsOK, e.lightOK}
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
	parallelFor(len(names), func(i int) { decoded[i] = st.decode(names[i]) })
	for i, list := range decoded {
		st.read[names[i]] = nil
		for _, e := range list {
			cs := &cachedSheet{kind: e.Kind, langs: e.Langs, sum: e.Sum, sheet: e.Sheet, diags: e.Diags, texts: e.Texts, textsOK: e.TextsOK,
				light: e.Light, lightOK: e.LightOK}
			st.read[names[i]] = append(st.read[names[i]], idOf(e.File, cs))
			cache.sheets[e.File] = cs // any entry is right: each is keyed by its file's bytes
		}
	}
	return st, cache
}

// decode reads a chunk file; one of another format or program, whose
// seal does not match its bytes, or that does not decode gives nothing.
func (st *sheetStore) decode(name string) []storedSheet {
	b, err := os.ReadFile(filepath.Join(st.dir, name))
	head := st.header()
	if err != nil || !bytes.HasPrefix(b, []byte(head)) || !sealed(b[len(head):]) {
		return nil
	}
	body := b[len(head) : len(b)-sealSize]
	list, err := decodeStored(body)
	if err != nil {
		return nil
	}
	return list
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

// chunkBufs are the buffers chunks are written from (writeChunk): bytes
// only, whatever the collector is doing. A buffer larger than
// maxChunkBuf is let go.
var chunkBufs = sync.Pool{New: func() any { return new([]byte) }}

const maxChunkBuf = 16 << 20

func putChunkBuf(b *[]byte) {
	if cap(*b) <= maxChunkBuf {
		chunkBufs.Put(b)
	}
}

// writeChunk writes the sheets of files as the chunk file name,
// atomically: into a temporary file that takes its place.
func (st *sheetStore) writeChunk(name string, c *Cache, files []string) error {
	list := make([]storedSheet, len(files))
	for i, f := range files {
		e := c.sheets[f]
		list[i] = storedSheet{File: f, Kind: e.kind, Langs: e.langs, Sum: e.sum, Sheet: pristine(e.sheet), Diags: e.diags,
			Texts: e.texts, TextsOK: e.textsOK, Light: e.light, LightOK: e.lightOK}
	}
	// The header, the body and the seal made in one buffer, lent again to
	// the next chunk: encoded into a buffer of its own and then copied
	// behind the header, a chunk allocated three to four times its bytes.
	buf := chunkBufs.Get().(*[]byte)
	defer putChunkBuf(buf)
	head := st.header()
	b, err := appendStored(append((*buf)[:0], head...), list)
	*buf = b
	if err != nil {
		return err
	}
	h := newSeal()
	h.Write(b[len(head):])
	b = append(b, sealOf(h)...)
	*buf = b
	file := filepath.Join(st.dir, name)
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	err = os.WriteFile(tmp, b, 0o644)
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
