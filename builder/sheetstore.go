package builder

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The sheet store of piao build: a file beside the output
// (.OUT.piao-sheets, never inside the published folder) that keeps every
// sheet as the last build decoded it, with what decoding it found, so
// that the next build parses again only the sheets whose bytes changed
// (parsing and decoding are most of a load: 1.1 s of CPU at 10,000
// sheets; reading them back from the store, 0.15 s). It fills the Cache
// that piao serve keeps in memory across its rebuilds.
//
// An entry is trusted only for the same file, kind and languages and the
// same SHA-256 of the file's bytes, and only from the same program (its
// digest is in the header): it caches a pure function of the bytes, so it
// cannot be stale. The sheets are spread over chunks by their file's
// name; each chunk is a gob stream of its own with its SHA-256, so that a
// build re-encodes only the chunks whose sheets changed, and a corrupt
// chunk costs only the parsing of its sheets. A store that cannot be read
// or written costs time, never a wrong page: the sheets are parsed.
//
// The layout: the header (storeFormat, a new line, the program's digest,
// a new line), then chunks, each an 8-byte big-endian length n, the
// SHA-256 of the n bytes that follow, and the n bytes: the gob of the
// chunk's []storedSheet.

const storeFormat = "piao-sheet-store 1"

// storeChunkSheets is about how many sheets a chunk holds.
const storeChunkSheets = 128

// StorePath is where the sheet store of the output dest lives: a hidden
// file beside it.
func StorePath(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".piao-sheets")
}

// storedSheet is one entry of the store.
type storedSheet struct {
	File  string
	Kind  plan.Kind
	Langs []string
	Sum   [sha256.Size]byte
	Sheet *plan.Sheet
	Diags Diagnostics
}

// sheetStore is one build's view of the store: where each chunk it read
// lies in the file, to copy it into the next store when its sheets are
// the same, rather than keep its bytes in memory.
type sheetStore struct {
	path, program string
	file          *os.File // the store read, open until saved
	chunks        []chunkRecord
}

// chunkRecord is where a chunk lies in the file read, and what it holds;
// n is 0 for a chunk that could not be used.
type chunkRecord struct {
	off, n  int64 // the whole record: length, digest and gob
	entries []entryID
}

// entryID is what tells two entries apart.
type entryID struct {
	file  string
	sum   [sha256.Size]byte
	kind  plan.Kind
	langs string
}

func idOf(file string, e *cachedSheet) entryID {
	return entryID{file, e.sum, e.kind, strings.Join(e.langs, ",")}
}

// recordHead is the length and the digest before each chunk's gob.
const recordHead = 8 + sha256.Size

// openSheetStore reads the store of dest into a new Cache. Nothing is
// read when program is "".
func openSheetStore(dest, program string) (*sheetStore, *Cache) {
	st := &sheetStore{path: StorePath(dest), program: program}
	cache := NewCache()
	if program == "" {
		return st, cache
	}
	f, err := os.Open(st.path)
	if err != nil {
		return st, cache
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return st, cache
	}
	st.file = f
	st.chunks = st.records(info.Size())
	decoded := make([][]storedSheet, len(st.chunks))
	parallelFor(len(st.chunks), func(i int) { decoded[i] = st.decode(&st.chunks[i]) })
	for i, list := range decoded {
		for _, e := range list {
			cs := &cachedSheet{kind: e.Kind, langs: e.Langs, sum: e.Sum, sheet: e.Sheet, diags: e.Diags}
			st.chunks[i].entries = append(st.chunks[i].entries, idOf(e.File, cs))
			cache.sheets[e.File] = cs
		}
	}
	return st, cache
}

// records checks the header of the file read and lists its chunks, up to
// the first whose length runs past the end of the file (size).
func (st *sheetStore) records(size int64) []chunkRecord {
	head := storeFormat + "\n" + st.program + "\n"
	b := make([]byte, len(head))
	if _, err := st.file.ReadAt(b, 0); err != nil || string(b) != head {
		return nil
	}
	var out []chunkRecord
	var n [8]byte
	for off := int64(len(head)); off < size; {
		if _, err := st.file.ReadAt(n[:], off); err != nil {
			return out
		}
		length := binary.BigEndian.Uint64(n[:])
		if length > uint64(size-off-recordHead) {
			return out
		}
		out = append(out, chunkRecord{off: off, n: recordHead + int64(length)})
		off += recordHead + int64(length)
	}
	return out
}

// decode reads a chunk and decodes it; a chunk whose digest does not
// match its bytes, or that does not decode, gives nothing and is marked
// unusable.
func (st *sheetStore) decode(r *chunkRecord) []storedSheet {
	b := make([]byte, r.n)
	var list []storedSheet
	_, err := st.file.ReadAt(b, r.off)
	if err == nil {
		body := b[recordHead:]
		if got := sha256.Sum256(body); bytes.Equal(got[:], b[8:recordHead]) {
			err = gob.NewDecoder(bytes.NewReader(body)).Decode(&list)
		} else {
			err = errors.New("digest")
		}
	}
	if err != nil {
		r.n = 0
		return nil
	}
	return list
}

// StoredCache is a Cache holding the sheets of the store of dest, the
// output of a piao build: piao serve starts with it, and piao check
// judges through it, parsing again only the sheets edited since that
// build. A store of another program, or
// none, gives an empty Cache.
func StoredCache(dest string) *Cache {
	st, c := openSheetStore(dest, programDigest())
	if st.file != nil {
		st.file.Close()
	}
	return c
}

// chunkOf is the chunk of a sheet file, of count.
func chunkOf(file string, count int) uint32 {
	h := fnv.New32a()
	h.Write([]byte(file))
	return h.Sum32() % uint32(count)
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

// save writes the sheets the cache holds after a load, chunk after
// chunk: a chunk whose entries are those of a chunk read is copied from
// the file read, the others encoded. Nothing is written when every chunk
// is as read.
func (st *sheetStore) save(c *Cache) error {
	if st.file != nil {
		defer st.file.Close()
	}
	if st.program == "" {
		return nil
	}
	chunks := st.plan(c)
	if chunks == nil {
		return nil
	}
	tmp := fmt.Sprintf("%s.%d.tmp", st.path, os.Getpid())
	err := st.write(tmp, c, chunks)
	if err == nil {
		err = os.Rename(tmp, st.path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// storeChunk is a chunk to write: the files of its sheets, and the chunk
// read that holds the same, if one does.
type storeChunk struct {
	files []string
	same  *chunkRecord
}

// plan spreads the cache's sheets over chunks and finds those that can
// be copied; nil when every chunk is as read.
func (st *sheetStore) plan(c *Cache) []storeChunk {
	files := make([]string, 0, len(c.sheets))
	for f := range c.sheets {
		files = append(files, f)
	}
	slices.Sort(files)
	count := chunkCount(len(files))
	chunks := make([]storeChunk, count)
	for _, f := range files {
		k := chunkOf(f, count)
		chunks[k].files = append(chunks[k].files, f)
	}
	same := count == len(st.chunks)
	for k := range chunks {
		ids := make([]entryID, len(chunks[k].files))
		for i, f := range chunks[k].files {
			ids[i] = idOf(f, c.sheets[f])
		}
		if r := st.chunkAt(k); r != nil && r.n > 0 && slices.Equal(ids, r.entries) {
			chunks[k].same = r
		}
		same = same && chunks[k].same != nil
	}
	if same {
		return nil
	}
	return chunks
}

func (st *sheetStore) chunkAt(k int) *chunkRecord {
	if k >= len(st.chunks) {
		return nil
	}
	return &st.chunks[k]
}

// write writes the store into tmp: the header, then each chunk, copied
// from the file read or encoded.
func (st *sheetStore) write(tmp string, c *Cache, chunks []storeChunk) error {
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	w.WriteString(storeFormat + "\n" + st.program + "\n")
	for _, ch := range chunks {
		if ch.same != nil { // the store is replaced, never written in place: the file read is as read
			if _, err := io.Copy(w, io.NewSectionReader(st.file, ch.same.off, ch.same.n)); err != nil {
				f.Close()
				return err
			}
			continue
		}
		if err := writeChunk(w, c, ch.files); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeChunk encodes the sheets of files as a chunk record.
func writeChunk(w io.Writer, c *Cache, files []string) error {
	list := make([]storedSheet, len(files))
	for i, f := range files {
		e := c.sheets[f]
		list[i] = storedSheet{File: f, Kind: e.kind, Langs: e.langs, Sum: e.sum, Sheet: pristine(e.sheet), Diags: e.diags}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(list); err != nil {
		return err
	}
	var head [recordHead]byte
	binary.BigEndian.PutUint64(head[:], uint64(buf.Len()))
	sum := sha256.Sum256(buf.Bytes())
	copy(head[8:], sum[:])
	if _, err := w.Write(head[:]); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
