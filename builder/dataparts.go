package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
	// Joined: between two parts that follow each other the file has Sep
	// and nothing else. Then two parts whose spans are Sep apart follow
	// each other, and are copied into the next file, with Sep between
	// them, at once.
	Joined bool
	Sep    string
	// Ends is the key of what the file holds before its first part and
	// after its last (dataParts.ends), "" for none: piano.json's plan.
	Ends string
}

// tableContext is the context of the parts of a table: its header.
func tableContext(header []string) string {
	sum := sha256.Sum256([]byte(strings.Join(header, "\x00")))
	return hex.EncodeToString(sum[:])
}

// partsWriter writes a file of parts, and records where each goes. A
// part taken from the previous output's file is not read: the parts that
// follow each other there as they do here are copied from that file at
// once, as a run, when something else is to be written (flush) — by the
// system where it can (publish: copy_file_range on Linux), never through
// this process's memory. The parts are separated by sep (next), and by
// nothing else but for what is written before the first and after the
// last.
type partsWriter struct {
	w     io.Writer
	n     int64 // the length of the file so far, the run still to copy included
	err   error
	parts fileParts
	sep   string
	after bool // something was written after a part (write): then parts.Joined is false
	seps  int  // separators since the last part

	run partsRun
}

// partsRun is a run of parts of a previous file still to copy: its bytes
// from off to end, and a separator after them (sep).
type partsRun struct {
	pp       *priorParts
	off, end int64
	sep      bool
}

func newPartsWriter(w io.Writer, context, sep string) *partsWriter {
	return &partsWriter{w: w, sep: sep, parts: fileParts{Context: context, Joined: true, Sep: sep}}
}

// write writes what is between parts, until the first error.
func (pw *partsWriter) write(parts ...[]byte) {
	pw.flush()
	if len(pw.parts.Names) > 0 {
		pw.after = true
	}
	for _, b := range parts {
		pw.put(b)
	}
}

// put writes b, counted.
func (pw *partsWriter) put(b []byte) {
	if pw.err != nil {
		return
	}
	n, err := pw.w.Write(b)
	pw.n += int64(n)
	pw.err = err
}

// copied writes, as write does, the n bytes from off of the previous
// output's file pp.
func (pw *partsWriter) copied(pp *priorParts, off, n int64) {
	pw.flush()
	if len(pw.parts.Names) > 0 {
		pw.after = true
	}
	if pw.err == nil {
		pw.err = pp.copyTo(pw.w, off, n)
		pw.n += n
	}
}

// next writes the separator before a part that is not the first.
func (pw *partsWriter) next() {
	if pw.seps++; pw.seps > 1 {
		pw.after = true // two separators between two parts: not joined
	}
	if pw.run.pp != nil && !pw.run.sep {
		pw.run.sep = true // with the run, or copied with the next part
		pw.n += int64(len(pw.sep))
		return
	}
	pw.flush()
	pw.put([]byte(pw.sep))
}

// part writes the part of the sheet whose data file is name.
func (pw *partsWriter) part(name string, b []byte) {
	pw.flush()
	pw.record(name, int64(len(b)))
	pw.put(b)
}

// record records the part of name, of n bytes, as the next bytes.
func (pw *partsWriter) record(name string, n int64) {
	if pw.after {
		pw.parts.Joined = false
	}
	pw.seps = 0
	pw.parts.Names = append(pw.parts.Names, name)
	pw.parts.Spans = append(pw.parts.Spans, pw.n, n)
}

// prior writes the part of name as the previous output's file pp has it,
// if it has it whole; false if not, and nothing is written.
func (pw *partsWriter) prior(name string, pp *priorParts) bool {
	off, n, ok := pp.span(name)
	if !ok || pw.err != nil {
		return false
	}
	r := &pw.run
	gap := int64(0)
	if r.sep {
		gap = int64(len(pw.sep))
	}
	// The bytes between the run and the part are those written here
	// between them: none, or, when pp's parts are joined by the same
	// separator, the separator.
	follows := r.pp == pp && off-r.end == gap && (gap == 0 || pp.joined(pw.sep))
	if !follows {
		pw.flush()
		*r = partsRun{pp: pp, off: off, end: off}
	}
	pw.record(name, n)
	r.end, r.sep = off+n, false
	pw.n += n
	pp.took()
	return true
}

// close ends the file: the run still to copy is copied. It gives the
// first error of writing.
func (pw *partsWriter) close() error {
	pw.flush()
	return pw.err
}

// flush copies the run, if there is one.
func (pw *partsWriter) flush() {
	r := pw.run
	if r.pp == nil {
		return
	}
	pw.run = partsRun{}
	if pw.err == nil {
		pw.err = r.pp.copyTo(pw.w, r.off, r.end-r.off)
	}
	if r.sep && pw.err == nil {
		_, pw.err = io.WriteString(pw.w, pw.sep)
	}
}

// dataParts are one build's parts: those of the previous output's files,
// to splice, and those written, for the cache.
type dataParts struct {
	to    *publish.Target
	known func(name string, s *plan.Sheet) (publish.Stamp, bool) // see buildCache.dataParts
	whole func(name string) (publish.Stamp, bool)                // and outputs.kept
	ends  func(name string) string                               // see buildCache.dataParts
	same  func(name, key string) (publish.Stamp, bool)           // and outputs.putSame
	// prevKey gives the key the last build recorded for its file name
	// ("" for none): the search's chunks of documents (docsRecorded).
	prevKey func(name string) string
	prev    map[string]fileParts     // the last build's (nil: none)
	st      map[string]publish.Stamp // the stamps the last build left its files with
	facts   factsMemo                // for known

	mu      sync.Mutex
	open    map[string]*priorParts // by file: opened once (nil: unusable)
	written map[string]fileParts
	spliced atomic.Int64 // parts taken from the previous output's files
	endsOK  atomic.Int64 // files whose ends (fileParts.Ends) were taken so
}

// priorParts are the parts of a file of the previous output, open: the
// very file the last build wrote (its stamp, looked at on the open file),
// size bytes long. Its parts are copied by one writer at a time.
type priorParts struct {
	f     *os.File
	size  int64
	index map[string]int // name → its part
	spans []int64
	sep   string // the separator that joins its parts, if join
	join  bool
	ends  string // fileParts.Ends

	taken *atomic.Int64 // the parts taken, counted (dataParts.spliced)

	mu sync.Mutex // f's offset
}

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
	pp := &priorParts{f: f, size: st.Size, index: make(map[string]int, len(fp.Names)), spans: fp.Spans,
		sep: fp.Sep, join: fp.Joined, ends: fp.Ends, taken: &d.spliced}
	for i, n := range fp.Names {
		pp.index[n] = i
	}
	d.open[name] = pp
	return pp
}

// span is where the part of the sheet whose data file is name is in the
// file, if the file holds it.
func (pp *priorParts) span(name string) (off, n int64, ok bool) {
	if pp == nil {
		return 0, 0, false
	}
	i, ok := pp.index[name]
	if !ok {
		return 0, 0, false
	}
	off, n = pp.spans[2*i], pp.spans[2*i+1]
	if off < 0 || n < 0 || off > pp.size || n > pp.size-off {
		return 0, 0, false
	}
	return off, n, true
}

// endsOf gives where the file's bytes before its first part end and
// those after its last part start, if they are those of the key ends
// (fileParts.Ends) and the file has parts.
func (pp *priorParts) endsOf(ends string) (head, tail int64, ok bool) {
	if pp == nil || ends == "" || pp.ends != ends || len(pp.spans) < 2 {
		return 0, 0, false
	}
	head, last := pp.spans[0], len(pp.spans)-2
	tail = pp.spans[last] + pp.spans[last+1]
	if head < 0 || pp.spans[last] < 0 || pp.spans[last+1] < 0 || head > tail || tail > pp.size {
		return 0, 0, false
	}
	return head, tail, true
}

// joined reports whether the file's parts are joined by sep.
func (pp *priorParts) joined(sep string) bool { return pp.join && pp.sep == sep }

// took counts a part taken into the new file.
func (pp *priorParts) took() { pp.taken.Add(1) }

// copyTo writes the n bytes of the file from off to w: a file being
// streamed takes them from the file itself (io.ReaderFrom, publish).
func (pp *priorParts) copyTo(w io.Writer, off, n int64) error {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if _, err := pp.f.Seek(off, io.SeekStart); err != nil {
		return err
	}
	got, err := io.Copy(w, &io.LimitedReader{R: pp.f, N: n})
	if err == nil && got != n {
		err = fmt.Errorf("%s: %d bytes from %d, %d read: %w", pp.f.Name(), n, off, got, io.ErrUnexpectedEOF)
	}
	return err
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

// tookEnds counts a file whose ends were taken from the previous output's.
func (d *dataParts) tookEnds() { d.endsOK.Add(1) }

// endsTaken is the number of files whose ends were taken from the
// previous output's files.
func (d *dataParts) endsTaken() int {
	if d == nil {
		return 0
	}
	return int(d.endsOK.Load())
}

// taken is the number of parts taken from the previous output's files.
func (d *dataParts) taken() int {
	if d == nil {
		return 0
	}
	return int(d.spliced.Load())
}
