package builder

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// outputs receive the files of a site that are not pages — assets, open
// data, the search index, feed, sitemap, snapshots — as they are made:
// into memory for Build and piao serve, or straight to disk for piao build
// (BuildTo), which then keeps only their names and sizes, so that a large
// site is never held whole. They are safe for concurrent use.
type outputs struct {
	min *minify.M // minifies HTML, CSS and JS when not nil
	to  *target   // nil: keep the files in files; else write them there (or nowhere)

	mu    sync.Mutex
	files map[string][]byte // in memory: name → content
	sizes map[string]int64  // on disk: name → size
}

func newOutputs(min *minify.M, to *target) *outputs {
	return &outputs{min: min, to: to, files: map[string][]byte{}, sizes: map[string]int64{}}
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
	if o.to == nil {
		b = slices.Clip(bytes.Clone(b)) // without the spare room of the buffer it was written in
		o.mu.Lock()
		o.files[name] = b
		o.mu.Unlock()
		return nil
	}
	if err := o.to.write(name, b); err != nil {
		return &writeError{err}
	}
	o.mu.Lock()
	o.sizes[name] = int64(len(b))
	o.mu.Unlock()
	return nil
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
	if o.to.root == "" { // made and measured only
		c := &countingWriter{w: io.Discard}
		if err := fill(c); err != nil {
			return 0, err
		}
		o.mu.Lock()
		o.sizes[name] = c.n
		o.mu.Unlock()
		return c.n, nil
	}
	full, err := o.to.file(name)
	if err != nil {
		return 0, &writeError{err}
	}
	f, err := os.Create(full)
	if err != nil {
		return 0, &writeError{err}
	}
	c := &countingWriter{w: bufio.NewWriterSize(f, 64<<10)}
	err = fill(c)
	if err == nil {
		err = c.w.(*bufio.Writer).Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if !errors.As(err, new(*renderError)) {
			err = &writeError{err}
		}
		return 0, err
	}
	o.mu.Lock()
	o.sizes[name] = c.n
	o.mu.Unlock()
	return c.n, nil
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
	w := Written{Files: len(o.sizes)}
	for _, n := range o.sizes {
		w.Bytes += n
	}
	return w
}

// writeError is a file that could not be written to disk.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

func (e *writeError) Unwrap() error { return e.err }

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
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

// file returns where the output file name goes, its folder made.
func (t *target) file(name string) (string, error) {
	if !validOutputPath(name) {
		return "", fmt.Errorf("percorso di uscita non valido: %q", name)
	}
	full := filepath.Join(t.root, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if _, ok := t.made.Load(dir); ok {
		return full, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	t.made.Store(dir, true)
	return full, nil
}

// target is where a publish writes: the new output folder, and the
// previous output whose unchanged files it reuses (nil: none). A target
// without a folder writes nothing: piao check makes the files only to
// know that they can be made.
type target struct {
	root string
	prev *reuse
	made sync.Map // the folders made so far
}

// write writes the file name of the new output, or links the previous
// output's if it holds the same bytes.
func (t *target) write(name string, b []byte) error {
	if t.root == "" {
		if !validOutputPath(name) {
			return fmt.Errorf("percorso di uscita non valido: %q", name)
		}
		return nil
	}
	full, err := t.file(name)
	if err != nil {
		return err
	}
	if t.prev.link(name, b) {
		return nil
	}
	return os.WriteFile(full, b, 0o644)
}
