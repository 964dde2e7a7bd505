package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"sync"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
	"github.com/tdewolff/minify/v2"
)

// outputs receive the files of a site that are not pages — assets, open
// data, the search index, feed, sitemap, snapshots — as they are made:
// into memory for Build and piao serve, or straight to disk for piao build
// (BuildTo), which then keeps only their names and sizes, so that a large
// site is never held whole. They are safe for concurrent use.
type outputs struct {
	prefix string // a folder the names are in: a language's ("de/"), or none
	*outputStore
}

// outputStore is where outputs put their files.
type outputStore struct {
	min *minify.M       // minifies HTML, CSS and JS when not nil
	to  *publish.Target // nil: keep the files in files; else write them there (or nowhere)

	// namesOnly: the files are written nowhere (piao check), and those
	// whose bytes nothing judges (the open data of each plan, the search
	// index: searchFileNames) are named, not made.
	namesOnly bool

	// parts, if not nil, are what the previous output offers: the sheets'
	// own data files the build cache knows unchanged, and the parts of the
	// files made of a part per sheet; and they record those written
	// (buildCache.dataParts, dataparts.go).
	parts *dataParts

	mu    sync.Mutex
	files map[string][]byte // in memory: name → content
	sizes map[string]int64  // on disk: name → size
	taken int               // files taken whole from the previous output (kept)
	same  int               // files of the search index taken from the previous output, unread (putSame)
	// unencoded: those of them, chunks of documents, never encoded
	// (searchOutput.Pending)
	unencoded int
}

func newOutputs(min *minify.M, to *publish.Target) *outputs {
	return &outputs{outputStore: &outputStore{min: min, to: to, files: map[string][]byte{}, sizes: map[string]int64{},
		namesOnly: to != nil && to.Nowhere()}}
}

// under is the same outputs, with the names in folder prefix ("de/").
func (o *outputs) under(prefix string) *outputs {
	return &outputs{prefix: prefix, outputStore: o.outputStore}
}

// put adds a file, minified if its type asks for it.
func (o *outputs) put(name string, b []byte) error {
	b, err := minifyFile(o.min, name, b)
	if err != nil {
		return err
	}
	return o.putRaw(name, b)
}

// putRaw adds a file as it is.
func (o *outputs) putRaw(name string, b []byte) error {
	name = o.prefix + name
	if o.to == nil {
		b = slices.Clip(bytes.Clone(b)) // without the spare room of the buffer it was written in
		o.mu.Lock()
		o.files[name] = b
		o.mu.Unlock()
		return nil
	}
	if err := o.to.Write(name, b); err != nil {
		return err
	}
	o.mu.Lock()
	o.sizes[name] = int64(len(b))
	o.mu.Unlock()
	return nil
}

// putSame is putRaw for a file that is most often the one of the same
// name in the previous output (a file of the search index, its folder
// Moved): sum, the SHA-256 of b, its key, is compared with the one the
// last build recorded, and the file linked from there, unread, when they
// are the same and its stamp is the one the last build left.
func (o *outputs) putSame(name string, b []byte, sum [sha256.Size]byte) error {
	if sum == [sha256.Size]byte{} {
		return o.putRaw(name, b)
	}
	return o.putKeyed(name, b, sum, hex.EncodeToString(sum[:]), nil)
}

// putKeyed is putSame with the key the file is recorded with, key; a
// file not encoded (a chunk of the search's documents whose digest the
// last build recorded, searchOutput.Pending) has no bytes but pending,
// which makes them should the previous output not have the file after
// all: then they must have the SHA-256 sum the file was named after.
func (o *outputs) putKeyed(name string, b []byte, sum [sha256.Size]byte, key string, pending func() []byte) error {
	full := o.prefix + name
	if o.to != nil && o.parts != nil && o.parts.same != nil {
		if st, ok := o.parts.same(full, key); ok && (pending != nil || st.Size == int64(len(b))) && o.to.Keep(full, st) {
			o.mu.Lock()
			o.sizes[full] = st.Size
			o.same++
			if pending != nil {
				o.unencoded++
			}
			o.mu.Unlock()
			return nil
		}
	}
	if pending != nil {
		if b = pending(); sha256.Sum256(b) != sum {
			return fmt.Errorf("%s: %w", full, errDocsChanged)
		}
	}
	return o.putRaw(name, b)
}

// errDocsChanged is a chunk of the search's documents made again whose
// bytes are not those the last build recorded for the same documents: a
// fault of the program's, never of the content.
var errDocsChanged = errors.New("the chunk of documents is not the one the last build made of the same documents")

// prior reports whether a sheet's own data file name (of the sheet s)
// is unchanged since the last build: it is then in the output already,
// linked, size bytes long. Its part of piano.json is then its part of
// the last build's, parts, where that has it (fromParts); else b, its
// bytes read from the file.
func (o *outputs) prior(name string, s *plan.Sheet, parts *priorParts) (b []byte, size int64, fromParts, ok bool) {
	if o.parts == nil || o.parts.known == nil {
		return nil, 0, false, false
	}
	name = o.prefix + name
	st, ok := o.parts.known(name, s)
	if !ok {
		return nil, 0, false, false
	}
	// The file is its part and a line break (or, had it none, its part).
	if _, n, has := parts.span(name); has && (st.Size == n+1 || st.Size == n) && o.to.Keep(name, st) {
		fromParts, size = true, st.Size
	} else if b, ok = o.to.Prior(name, st); ok {
		size = int64(len(b))
	}
	if ok {
		o.mu.Lock()
		o.sizes[name] = size
		o.mu.Unlock()
	}
	return b, size, fromParts, ok
}

// kept links the open data file name from the previous output, and gives
// its size, when it is the file this build would make (dataParts.whole):
// a file made of the plans and the front of the operational sheets only.
func (o *outputs) kept(name string) (int, bool) {
	if o.parts == nil || o.parts.whole == nil {
		return 0, false
	}
	name = o.prefix + name
	st, ok := o.parts.whole(name)
	if !ok || !o.to.Keep(name, st) {
		return 0, false
	}
	o.mu.Lock()
	o.sizes[name] = st.Size
	o.taken++
	o.mu.Unlock()
	return int(st.Size), true
}

// unchanged reports whether the sheet s's data (its own file, name) is
// unchanged since the last build.
func (o *outputs) unchanged(name string, s *plan.Sheet) bool {
	if o.parts == nil || o.parts.known == nil {
		return false
	}
	_, ok := o.parts.known(o.prefix+name, s)
	return ok
}

// priorParts are the parts of the previous output's file name, if they
// are of context.
func (o *outputs) priorParts(name, context string) *priorParts {
	return o.parts.prior(o.prefix+name, context)
}

// endsKey is the key of what the file name holds before its first part
// and after its last (fileParts.Ends), "" when the build has none.
func (o *outputs) endsKey(name string) string {
	if o.parts == nil || o.parts.ends == nil {
		return ""
	}
	return o.parts.ends(o.prefix + name)
}

// recordParts keeps the parts of the file name, written.
func (o *outputs) recordParts(name string, fp fileParts) {
	o.parts.record(o.prefix+name, fp)
}

// stream adds a file that fill writes in pieces, never minified, and
// returns its size: on disk, the file is never whole in memory.
func (o *outputs) stream(name string, fill func(w io.Writer) error) (int64, error) {
	if o.to == nil {
		var buf bytes.Buffer
		if err := fill(&buf); err != nil {
			return 0, err
		}
		return int64(buf.Len()), o.putRaw(name, buf.Bytes())
	}
	name = o.prefix + name
	n, err := o.to.Stream(name, fill)
	if err != nil {
		return 0, err
	}
	o.mu.Lock()
	o.sizes[name] = n
	o.mu.Unlock()
	return n, nil
}

// name adds a file by its name only, not made (namesOnly).
func (o *outputs) name(name string) error {
	name = o.prefix + name
	if !publish.ValidPath(name) {
		return o.to.Write(name, nil) // says why
	}
	o.mu.Lock()
	o.sizes[name] = 0
	o.mu.Unlock()
	return nil
}

// names lists the files added, in no order.
func (o *outputs) names() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]string, 0, len(o.files)+len(o.sizes))
	for name := range o.files {
		out = append(out, name)
	}
	for name := range o.sizes {
		out = append(out, name)
	}
	return out
}

// written is what the outputs wrote to disk.
func (o *outputs) written() Written {
	o.mu.Lock()
	defer o.mu.Unlock()
	w := Written{Files: len(o.sizes), Kept: o.taken, Indexed: o.same, Unencoded: o.unencoded}
	for _, n := range o.sizes {
		w.Bytes += n
	}
	return w
}

// minifyFile minifies a file whose type the minifier knows, when there is
// a minifier.
func minifyFile(m *minify.M, name string, b []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if m == nil || !ok {
		return b, nil
	}
	var out bytes.Buffer
	if err := m.Minify(mt, &out, bytes.NewReader(b)); err != nil {
		return nil, &renderError{fmt.Errorf("%s: %w", name, err)}
	}
	return out.Bytes(), nil
}
