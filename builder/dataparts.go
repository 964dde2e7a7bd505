package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
)

// The open data files made of a part per sheet — piano.json (a sheet's
// JSON a line), schede.csv and indicatori.csv (a sheet's rows) — are
// spliced, at a rebuild, from the parts of the previous output's files:
// a sheet whose data is unchanged (its scheda.json's key, pageKey with
// cycleFacts, is the one it had) gives the bytes its part had there,
// read from that file rather than made again (at 10,000 sheets, each
// sheet's JSON read back from its own file was 0.3 s of CPU at every
// rebuild, the two tables' rows made again 0.25 s).
//
// The build cache keeps, for each such file, where each sheet's part is
// and the context every part depends on besides its sheet (a table's
// header, which names the years and columns the plan's sheets have
// between them): a part is taken only from the very file the last build
// wrote (its stamp, looked at on the open file), of the same context,
// for a sheet whose key is unchanged. Anything else is made again.

// fileParts are the parts of a file of the output, as the cache keeps
// them.
type fileParts struct {
	Context string   // what every part depends on besides its sheet ("" for none)
	Names   []string // each part's sheet, by its data file (scheda.json)
	Spans   []int64  // each part's offset and length, two a part
	// NamesOf, when Names is nil, is the file whose Names are this file's
	// too: a plan's piano.json and tables list the same sheets in the
	// same order, kept once.
	NamesOf string
}

// tableContext is the context of the parts of a table: its header.
func tableContext(header []string) string {
	sum := sha256.Sum256([]byte(strings.Join(header, "\x00")))
	return hex.EncodeToString(sum[:])
}

// partsWriter writes a file of parts, and records where each goes.
type partsWriter struct {
	w     io.Writer
	n     int64
	err   error
	parts fileParts
}

func newPartsWriter(w io.Writer, context string) *partsWriter {
	return &partsWriter{w: w, parts: fileParts{Context: context}}
}

// write writes what is between parts, until the first error.
func (pw *partsWriter) write(parts ...[]byte) {
	for _, b := range parts {
		if pw.err != nil {
			return
		}
		var n int
		n, pw.err = pw.w.Write(b)
		pw.n += int64(n)
	}
}

// part writes the part of the sheet whose data file is name.
func (pw *partsWriter) part(name string, b []byte) {
	off := pw.n
	pw.write(b)
	pw.parts.Names = append(pw.parts.Names, name)
	pw.parts.Spans = append(pw.parts.Spans, off, int64(len(b)))
}

// dataParts are one build's parts: those of the previous output's files,
// to splice, and those written, for the cache.
type dataParts struct {
	to    *publish.Target
	known func(name string, s *plan.Sheet) (publish.Stamp, bool) // see buildCache.dataParts
	prev  map[string]fileParts                                   // the last build's (nil: none)
	st    map[string]publish.Stamp                               // the stamps the last build left its files with
	facts factsMemo                                              // for known

	mu      sync.Mutex
	open    map[string]*priorParts // by file: opened once (nil: unusable)
	written map[string]fileParts
	spliced atomic.Int64 // parts taken from the previous output's files
}

// priorParts are the parts of a file of the previous output, open. They
// are read a window at a time, not a part at a time: a part whose sheet
// follows the one read before is most often in the same window.
type priorParts struct {
	f     *os.File
	index map[string]int // name → its part
	spans []int64

	taken *atomic.Int64 // the parts taken, counted (dataParts.spliced)

	mu     sync.Mutex
	win    []byte // a window of the file, from winOff
	winOff int64
}

// partsWindow is how much of a file of parts is read at once, at least.
const partsWindow = 256 << 10

// prior gives the parts of the previous output's file name if they are
// of context; nil if none can be used.
func (d *dataParts) prior(name, context string) *priorParts {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.prev == nil {
		return nil
	}
	if pp, seen := d.open[name]; seen {
		return pp
	}
	if d.open == nil {
		d.open = map[string]*priorParts{}
	}
	d.open[name] = nil
	fp, ok := d.prev[name]
	if ok && fp.Names == nil && fp.NamesOf != "" {
		fp.Names = d.prev[fp.NamesOf].Names
	}
	st, stamped := d.st[name]
	if !ok || !stamped || fp.Context != context || len(fp.Spans) != 2*len(fp.Names) {
		return nil
	}
	f, ok := d.to.PriorFile(name, st)
	if !ok {
		return nil
	}
	pp := &priorParts{f: f, index: make(map[string]int, len(fp.Names)), spans: fp.Spans, taken: &d.spliced}
	for i, n := range fp.Names {
		pp.index[n] = i
	}
	d.open[name] = pp
	return pp
}

// part reads the part of the sheet whose data file is name. The bytes
// are the caller's to keep, not to write into.
func (pp *priorParts) part(name string) ([]byte, bool) {
	if pp == nil {
		return nil, false
	}
	i, ok := pp.index[name]
	if !ok {
		return nil, false
	}
	off, n := pp.spans[2*i], pp.spans[2*i+1]
	if off < 0 || n < 0 || n > 1<<30 {
		return nil, false
	}
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if off < pp.winOff || off+n > pp.winOff+int64(len(pp.win)) {
		if !pp.readWindow(off, max(n, partsWindow), n) {
			return nil, false
		}
	}
	at := off - pp.winOff
	return pp.win[at : at+n : at+n], true
}

// took counts a part taken into the new file.
func (pp *priorParts) took() { pp.taken.Add(1) }

// readWindow makes the window the size bytes of the file from off, or
// fewer where the file ends, but at least least.
func (pp *priorParts) readWindow(off, size, least int64) bool {
	win := make([]byte, size)
	got, err := pp.f.ReadAt(win, off)
	if int64(got) < least || (err != nil && err != io.EOF) {
		pp.win = nil
		return false
	}
	pp.win, pp.winOff = win[:got], off
	return true
}

// within reads at once the window that holds the parts of names, if they
// are near each other in the file (the parts of a batch of sheets the
// last build wrote in the same order): then none is read alone.
func (pp *priorParts) within(names []string) {
	if pp == nil {
		return
	}
	from, to, sum := int64(-1), int64(0), int64(0)
	for _, name := range names {
		if i, ok := pp.index[name]; ok {
			off, n := pp.spans[2*i], pp.spans[2*i+1]
			if from < 0 || off < from {
				from = off
			}
			to, sum = max(to, off+n), sum+n
		}
	}
	if from < 0 || to-from > 2*sum+partsWindow || to-from > 64<<20 {
		return
	}
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if from < pp.winOff || to > pp.winOff+int64(len(pp.win)) {
		pp.readWindow(from, to-from, to-from)
	}
}

// record keeps the parts of the file name, written.
func (d *dataParts) record(name string, fp fileParts) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.written == nil {
		d.written = map[string]fileParts{}
	}
	for other, o := range d.written {
		if o.Names != nil && slices.Equal(o.Names, fp.Names) {
			fp.Names, fp.NamesOf = nil, other
			break
		}
	}
	d.written[name] = fp
}

// close closes the previous output's files: before the output is
// swapped (a folder with a file open cannot be renamed everywhere).
func (d *dataParts) close() {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, pp := range d.open {
		if pp != nil {
			pp.f.Close()
		}
	}
	d.open = nil
	d.prev, d.st = nil, nil // no file is opened again
}

// recorded are the parts of the files written.
func (d *dataParts) recorded() map[string]fileParts {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.written
}

// taken is the number of parts taken from the previous output's files.
func (d *dataParts) taken() int {
	if d == nil {
		return 0
	}
	return int(d.spliced.Load())
}
