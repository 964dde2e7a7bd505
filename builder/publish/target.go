package publish

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Target is where a publish writes: the new folder, and the previous one
// whose unchanged files it reuses. The zero Target writes nothing: it only
// checks the names and measures what would be written. A Target is safe
// for concurrent use.
type Target struct {
	root     string // the new folder; "" writes nothing
	dest     string // the destination, named in errors
	prev     *reuse
	made     sync.Map    // the folders made so far
	moved    sync.Map    // folder of the new output → the previous output's it holds (Moved)
	anyMoved atomic.Bool // whether moved holds any

	spare bool       // root is a spare brought up to date (spare.go)
	state spareState // what a spare's filling wrote

	stampsMu sync.Mutex
	stamps   map[string]Stamp // the stamp of each file as it was left: written (its descriptor's) or linked (the previous one's)
}

// Expect tells t that the publish will write or link about n files (the
// number the last build left): the maps that record each file are made
// that large at once, rather than grown again and again as they fill (at
// 10,000 sheets, 27,000 files, each map made anew some fifteen times).
// A hint only: more or fewer files are recorded all the same.
func (t *Target) Expect(n int) {
	if t == nil || t.root == "" || n <= 0 {
		return
	}
	t.stampsMu.Lock()
	if t.stamps == nil {
		t.stamps = make(map[string]Stamp, n)
	}
	t.stampsMu.Unlock()
	if t.spare {
		t.state.mu.Lock()
		if t.state.names == nil {
			t.state.names = make(map[string]bool, n)
		}
		t.state.mu.Unlock()
	}
}

// NewTarget writes into the folder root as it is, without a swap or a
// lock: for tests and tools that write a scratch folder.
func NewTarget(root string) *Target {
	if root != "" {
		root = filepath.Clean(root) // its files' paths are put together as they are (paths.go)
	}
	return &Target{root: root, dest: root}
}

// Nowhere reports whether t writes nothing (the zero Target).
func (t *Target) Nowhere() bool { return t.root == "" }

// Write writes the file name (slash-separated) of the new folder, or
// links the previous folder's if it holds the same bytes (at the same
// name, or in the folder Moved says).
func (t *Target) Write(name string, b []byte) error {
	if t.root == "" {
		if !ValidPath(name) {
			return badName(t.dest, name)
		}
		return nil
	}
	full, err := t.file(name)
	if err != nil {
		return err
	}
	t.wrote(name)
	at := t.spareAt(full)
	if st, ok := t.prev.link(t.prevName(name), b, full, at, t.touch); ok {
		t.stamped(name, st)
		return nil
	}
	t.touch(full)
	f, err := createNew(full, at.occupied)
	if err != nil {
		return failed(t.dest, err)
	}
	_, err = f.Write(b)
	if err == nil {
		t.stampOpen(name, f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return failed(t.dest, err)
	}
	return nil
}

// stamped records the stamp of the file name as this publish left it.
func (t *Target) stamped(name string, st Stamp) {
	t.stampsMu.Lock()
	if t.stamps == nil {
		t.stamps = map[string]Stamp{}
	}
	t.stamps[name] = st
	t.stampsMu.Unlock()
}

// stampOpen records the stamp of the file name, open in f and written
// whole, where that stamp is final (stampWritten).
func (t *Target) stampOpen(name string, f *os.File) {
	if !stampWritten {
		return
	}
	if info, err := f.Stat(); err == nil {
		t.stamped(name, StampOf(info))
	}
}

// Stamped is the stamp of each file this publish wrote or linked, as it
// left it: what Stamps would read of them once the publish is done
// (nothing changes a file's stamp when its folder is renamed), without a
// look at each. A caller that needs the stamps of the output reads only
// the others (StampsKnown).
func (t *Target) Stamped() map[string]Stamp {
	if t == nil {
		return nil
	}
	t.stampsMu.Lock()
	defer t.stampsMu.Unlock()
	return maps.Clone(t.stamps)
}

// createNew creates the file at full as a new file, never opening one
// that is there: that may be a link to a file of dest (of the spare, or a
// name written twice), which a write in place would change. Where the
// name may be occupied it is cleared first; a file found there all the
// same is cleared, and the file created again.
func createNew(full string, occupied bool) (*os.File, error) {
	if occupied {
		clear(full)
	}
	f, err := openNew(full)
	if errors.Is(err, fs.ErrExist) {
		clear(full)
		f, err = openNew(full)
	}
	return f, err
}

// Stream writes the file name from what fill writes in pieces, so that it
// is never whole in memory, and returns its size. An error of writing is
// an *Error; any other error fill returns comes back as it is.
func (t *Target) Stream(name string, fill func(w io.Writer) error) (int64, error) {
	f, err := t.Create(name)
	if err != nil {
		return 0, err
	}
	ferr := fill(f.c)
	n, werr := f.Close(ferr == nil)
	switch {
	case f.c.f == nil: // written nowhere
		return f.c.n, ferr
	case werr != nil:
		return 0, werr
	case ferr != nil:
		return 0, ferr
	}
	return n, nil
}

// A File is a file of the new folder written in pieces (Create): Write
// as many times as needed, then Close.
type File struct {
	t    *Target
	name string
	c    *countingWriter
}

// Create makes the file name of the new folder, to be written in pieces
// and closed. A Target that writes nothing gives a File that counts what
// it is given.
func (t *Target) Create(name string) (*File, error) {
	if t.root == "" {
		if !ValidPath(name) {
			return nil, badName(t.dest, name)
		}
		return &File{c: &countingWriter{w: io.Discard}}, nil
	}
	full, err := t.file(name)
	if err != nil {
		return nil, err
	}
	t.wrote(name)
	occupied := t.spareAt(full).occupied
	t.touch(full)
	f, err := createNew(full, occupied)
	if err != nil {
		return nil, failed(t.dest, err)
	}
	buf := bufio.NewWriterSize(f, 64<<10)
	return &File{t: t, name: name, c: &countingWriter{w: buf, buf: buf, f: f}}, nil
}

// Write writes p at the end of the file. An error of writing is kept:
// every later Write and Close give it too.
func (f *File) Write(p []byte) (int, error) { return f.c.Write(p) }

// Close ends the file and gives its size. With done false (what was to
// fill it failed), the file is closed as it is and not recorded: the
// publish fails anyway. An error of writing is an *Error.
func (f *File) Close(done bool) (int64, error) {
	if f.c.f == nil {
		return f.c.n, nil
	}
	werr := f.c.err
	if done && werr == nil {
		werr = f.c.buf.Flush()
	}
	if done && werr == nil {
		f.t.stampOpen(f.name, f.c.f)
	}
	if cerr := f.c.f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return 0, failed(f.t.dest, werr)
	}
	return f.c.n, nil
}

// file returns where the file name goes, its folder made.
func (t *Target) file(name string) (string, error) {
	if !ValidPath(name) {
		return "", badName(t.dest, name)
	}
	full := under(t.root, name)
	dir := dirOf(full)
	if _, ok := t.made.Load(dir); ok {
		return full, nil
	}
	mkdir := t.mkdirs
	if t.spare {
		mkdir = t.realDirs
	}
	if err := mkdir(dir); err != nil {
		return "", failed(t.dest, err)
	}
	t.made.Store(dir, true)
	return full, nil
}

// mkdirs makes the folder dir of a new folder and those on the way to it.
// Where its parent is a folder made already, dir is made in one call
// (os.MkdirAll looks at dir, then at its parent, before it makes it: at
// 10,000 sheets, 27,000 calls of the 40,000 that make the output's
// folders); every folder on the way is remembered as made.
func (t *Target) mkdirs(dir string) error {
	if _, ok := t.made.Load(dirOf(dir)); ok {
		if os.Mkdir(dir, 0o755) == nil {
			return nil
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for d := dirOf(dir); len(d) > len(t.root); d = dirOf(d) {
		if _, loaded := t.made.LoadOrStore(d, true); loaded {
			break
		}
	}
	return nil
}

// countingWriter counts what it writes, and keeps the first error of
// writing. Writing into a file through buf, it takes a part of another
// file (ReadFrom) from that file itself.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error

	buf *bufio.Writer // w, when it writes into f
	f   *os.File
}

// ReadFrom writes what r gives. Into a file, a part of another file (an
// *io.LimitedReader of an *os.File) is copied by the system where it can
// (on Linux copy_file_range, within the kernel and, on a file system
// that shares extents, without copying at all): what is buffered goes
// first, then the file itself takes the part (os.File.ReadFrom, which
// falls back to reading and writing where the system cannot).
func (c *countingWriter) ReadFrom(r io.Reader) (int64, error) {
	if c.f == nil {
		return io.Copy(struct{ io.Writer }{c}, r) // as writes, counted
	}
	if err := c.buf.Flush(); err != nil {
		c.keep(err)
		return 0, err
	}
	n, err := c.f.ReadFrom(r)
	c.n += n
	c.keep(err)
	return n, err
}

// keep keeps the first error of writing.
func (c *countingWriter) keep(err error) {
	if err != nil && c.err == nil {
		c.err = err
	}
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.keep(err)
	return n, err
}
