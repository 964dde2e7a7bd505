package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/fnv"
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

// sheetStore is one build's view of the store: what it read, to write
// back only what changed.
type sheetStore struct {
	path, program string
	chunks        map[uint32][]byte // chunk → its gob, as read
	entries       map[uint32][]entryID
	count         int // the number of chunks the file was written with
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

// openSheetStore reads the store of dest into a new Cache. Nothing is
// read when program is "".
func openSheetStore(dest, program string) (*sheetStore, *Cache) {
	st := &sheetStore{path: StorePath(dest), program: program, chunks: map[uint32][]byte{}, entries: map[uint32][]entryID{}}
	cache := NewCache()
	if program == "" {
		return st, cache
	}
	raw, err := os.ReadFile(st.path)
	if err != nil {
		return st, cache
	}
	chunks := st.split(raw)
	decoded := make([][]storedSheet, len(chunks))
	parallelFor(len(chunks), func(i int) {
		if err := gob.NewDecoder(bytes.NewReader(chunks[i])).Decode(&decoded[i]); err != nil {
			decoded[i] = nil
		}
	})
	st.count = len(chunks)
	for i, list := range decoded {
		if list == nil {
			continue
		}
		k := uint32(i)
		st.chunks[k] = chunks[i]
		for _, e := range list {
			cs := &cachedSheet{kind: e.Kind, langs: e.Langs, sum: e.Sum, sheet: e.Sheet, diags: e.Diags}
			st.entries[k] = append(st.entries[k], idOf(e.File, cs))
			cache.sheets[e.File] = cs
		}
	}
	return st, cache
}

// StoredCache is a Cache holding the sheets of the store of dest, the
// output of a piao build: piao serve starts with it, and parses again only
// the sheets edited since that build. A store of another program, or
// none, gives an empty Cache.
func StoredCache(dest string) *Cache {
	_, c := openSheetStore(dest, programDigest())
	return c
}

// split checks the header and cuts the chunks out of raw; a chunk whose
// SHA-256 does not match is nil. A header of another format or program
// gives none.
func (st *sheetStore) split(raw []byte) [][]byte {
	head := storeFormat + "\n" + st.program + "\n"
	if !bytes.HasPrefix(raw, []byte(head)) {
		return nil
	}
	var out [][]byte
	for rest := raw[len(head):]; len(rest) > 0; {
		if len(rest) < 8+sha256.Size {
			return out
		}
		n := binary.BigEndian.Uint64(rest)
		sum, body := rest[8:8+sha256.Size], rest[8+sha256.Size:]
		if n > uint64(len(body)) {
			return out
		}
		chunk := body[:n]
		if got := sha256.Sum256(chunk); !bytes.Equal(got[:], sum) {
			chunk = nil
		}
		out = append(out, chunk)
		rest = body[n:]
	}
	return out
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

// save writes the sheets the cache holds after a load: the chunks whose
// entries are those read are copied, the others encoded. Nothing is
// written when every chunk is as read.
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
	byChunk := make([][]string, count)
	for _, f := range files {
		k := chunkOf(f, count)
		byChunk[k] = append(byChunk[k], f)
	}
	out := make([][]byte, count)
	kept := make([]bool, count)
	errs := make([]error, count)
	parallelFor(count, func(k int) {
		ids := make([]entryID, len(byChunk[k]))
		for i, f := range byChunk[k] {
			ids[i] = idOf(f, c.sheets[f])
		}
		if count == st.count && st.chunks[uint32(k)] != nil && slices.Equal(ids, st.entries[uint32(k)]) {
			out[k], kept[k] = st.chunks[uint32(k)], true
			return
		}
		list := make([]storedSheet, len(ids))
		for i, f := range byChunk[k] {
			e := c.sheets[f]
			list[i] = storedSheet{File: f, Kind: e.kind, Langs: e.langs, Sum: e.sum, Sheet: e.sheet, Diags: e.diags}
		}
		var buf bytes.Buffer
		errs[k] = gob.NewEncoder(&buf).Encode(list)
		out[k] = buf.Bytes()
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if !slices.Contains(kept, false) {
		return nil
	}
	return st.write(out)
}

// write writes the store atomically: into a temporary file beside it,
// which takes its place.
func (st *sheetStore) write(chunks [][]byte) error {
	var buf bytes.Buffer
	buf.WriteString(storeFormat + "\n" + st.program + "\n")
	for _, ch := range chunks {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(ch)))
		sum := sha256.Sum256(ch)
		buf.Write(n[:])
		buf.Write(sum[:])
		buf.Write(ch)
	}
	tmp := fmt.Sprintf("%s.%d.tmp", st.path, os.Getpid())
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, st.path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
