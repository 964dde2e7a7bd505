package builder

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/piao-pa/piao/builder/publish"
)

// partsFile is a file of parts written by a partsWriter, on disk: the
// last build's file a new one takes its parts from.
type partsFile struct {
	path  string
	bytes []byte
	parts fileParts
	want  map[string][]byte // each part's bytes
}

// open opens it as the previous output's parts (priorParts).
func (pf partsFile) open(t *testing.T, spans []int64) *priorParts {
	t.Helper()
	f, err := os.Open(pf.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	pp := &priorParts{f: f, size: int64(len(pf.bytes)), index: map[string]int{}, spans: spans,
		sep: pf.parts.Sep, join: pf.parts.Joined, taken: new(atomic.Int64)}
	for i, n := range pf.parts.Names {
		pp.index[n] = i
	}
	return pp
}

// writePartsFile writes n random parts (some empty, some longer than
// 256 KB) joined by sep, between a head and a tail, as piano.json is.
func writePartsFile(t *testing.T, rnd *rand.Rand, n int, sep string) partsFile {
	t.Helper()
	var file bytes.Buffer
	pw := newPartsWriter(&file, "ctx", sep)
	pw.write([]byte("intestazione\n"))
	pf := partsFile{want: map[string][]byte{}}
	for i := range n {
		size := rnd.IntN(3000)
		switch {
		case i%97 == 5:
			size = 256<<10 + rnd.IntN(256<<10)
		case i%50 == 7:
			size = 0
		}
		b := randomBytes(rnd, size)
		name := fmt.Sprintf("p/operativi/%03d/scheda.json", i)
		pf.want[name] = b
		if i > 0 {
			pw.next()
		}
		pw.part(name, b)
	}
	pw.write([]byte("\n]"))
	if pw.err != nil || pw.n != int64(file.Len()) {
		t.Fatalf("wrote %d bytes, counted %d: %v", file.Len(), pw.n, pw.err)
	}
	if !pw.parts.Joined || pw.parts.Sep != sep {
		t.Fatalf("parts joined by %q only, recorded as %v %q", sep, pw.parts.Joined, pw.parts.Sep)
	}
	pf.bytes, pf.parts = file.Bytes(), pw.parts
	checkSpans(t, "the last build's file", pf.bytes, pf.parts, pf.want)
	pf.path = filepath.Join(t.TempDir(), "piano.json")
	if err := os.WriteFile(pf.path, pf.bytes, 0o644); err != nil {
		t.Fatal(err)
	}
	return pf
}

func randomBytes(rnd *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for j := range b {
		b[j] = byte('a' + rnd.IntN(26))
	}
	return b
}

// checkSpans checks that each part recorded is where its bytes are.
func checkSpans(t *testing.T, how string, file []byte, fp fileParts, want map[string][]byte) {
	t.Helper()
	if len(fp.Spans) != 2*len(fp.Names) {
		t.Fatalf("%s: %d names, %d spans", how, len(fp.Names), len(fp.Spans))
	}
	for i, name := range fp.Names {
		off, n := fp.Spans[2*i], fp.Spans[2*i+1]
		if off < 0 || off+n > int64(len(file)) || !bytes.Equal(file[off:off+n], want[name]) {
			t.Fatalf("%s: part %d (%s) is not at %d, %d bytes", how, i, name, off, n)
		}
	}
}

// copyCounter is a file being written that counts the parts of other
// files copied into it (io.ReaderFrom, as publish's).
type copyCounter struct {
	bytes.Buffer
	copies int
}

func (c *copyCounter) ReadFrom(r io.Reader) (int64, error) {
	c.copies++
	return c.Buffer.ReadFrom(r)
}

// TestPriorParts: a file of parts taken from the last build's file holds
// the bytes it would hold made anew — parts taken in order, out of order,
// some left out, some made again, the long and the empty — and each part
// is recorded where it is; the parts that follow each other in both are
// copied at once (the whole file, when nothing changed); written into a
// file, through publish.Target.Stream, as into memory. A part whose span
// the file does not hold is not taken; two parts that are a separator's
// length apart in a file whose parts are not joined by it are not copied
// with what is between them.
func TestPriorParts(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	const sep = ",\n"
	pf := writePartsFile(t, rnd, 300, sep)
	names := pf.parts.Names

	// takes writes a new file of the parts of names: each taken from the
	// last build's file if take says so, else made (the same bytes, or
	// new ones if made says so); it checks the bytes and spans, and gives
	// the writer.
	takes := func(how string, w io.Writer, got func() []byte, pp *priorParts, names []string, take func(i int) bool, made map[string][]byte) *partsWriter {
		t.Helper()
		pw := newPartsWriter(w, "ctx", sep)
		pw.write([]byte("intestazione\n"))
		var want [][]byte
		for i, name := range names {
			if i > 0 {
				pw.next()
			}
			b, ok := made[name]
			if !ok {
				b = pf.want[name]
			}
			want = append(want, b)
			if take(i) {
				if !pw.prior(name, pp) {
					t.Fatalf("%s: part %d (%s) not taken", how, i, name)
				}
				continue
			}
			pw.part(name, b)
		}
		pw.write([]byte("\n]"))
		expect := "intestazione\n" + string(bytes.Join(want, []byte(sep))) + "\n]"
		if pw.err != nil || pw.n != int64(len(expect)) {
			t.Fatalf("%s: %v, %d bytes counted, want %d", how, pw.err, pw.n, len(expect))
		}
		file := got()
		if file != nil && string(file) != expect {
			t.Fatalf("%s: %d bytes, not the %d expected", how, len(file), len(expect))
		}
		wantOf := map[string][]byte{}
		for i, name := range names {
			wantOf[name] = want[i]
		}
		checkSpans(t, how, []byte(expect), pw.parts, wantOf)
		if !pw.parts.Joined {
			t.Fatalf("%s: parts joined by the separator only, recorded as not joined", how)
		}
		return pw
	}
	all := func(int) bool { return true }

	var whole copyCounter
	takes("everything, in order", &whole, whole.Bytes, pf.open(t, pf.parts.Spans), names, all, nil)
	if whole.copies != 1 {
		t.Errorf("everything, in order: %d copies, want 1", whole.copies)
	}

	var mixed copyCounter
	order := append([]string(nil), names...)
	for i := 0; i < len(order)-1; i += 1 + rnd.IntN(20) { // some pairs swapped
		order[i], order[i+1] = order[i+1], order[i]
	}
	kept := order[:0:0]
	for i, name := range order {
		if i%37 != 3 { // some left out (sheets removed)
			kept = append(kept, name)
		}
	}
	made := map[string][]byte{}
	for i, name := range kept {
		if i%11 == 4 { // some changed
			made[name] = randomBytes(rnd, rnd.IntN(500))
		}
	}
	takeKept := func(i int) bool { _, changed := made[kept[i]]; return !changed && i%13 != 6 } // and some made again as they were
	takes("some taken, some made, some out of order", &mixed, mixed.Bytes, pf.open(t, pf.parts.Spans), kept, takeKept, made)
	if mixed.copies < 2 || mixed.copies > len(kept)/2 {
		t.Errorf("some taken: %d copies for %d parts", mixed.copies, len(kept))
	}

	dir := t.TempDir()
	to := publish.NewTarget(dir)
	var pw *partsWriter
	if _, err := to.Stream("piano.json", func(w io.Writer) error {
		pw = takes("into a file, through publish", w, func() []byte { return nil }, pf.open(t, pf.parts.Spans), kept, takeKept, made)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join(dir, "piano.json"))
	if err != nil || string(file) != mixed.String() {
		t.Fatalf("into a file: %d bytes, want the %d written into memory: %v", len(file), mixed.Len(), err)
	}
	checkSpans(t, "into a file", file, pw.parts, func() map[string][]byte {
		m := map[string][]byte{}
		for name, b := range pf.want {
			m[name] = b
		}
		for name, b := range made {
			m[name] = b
		}
		return m
	}())

	beyond := append([]int64(nil), pf.parts.Spans...)
	beyond[2*10] = int64(len(pf.bytes)) - 1 // a span past the end of the file
	beyond[2*10+1] = 100
	var out bytes.Buffer
	pw = newPartsWriter(&out, "ctx", sep)
	if pw.prior(names[10], pf.open(t, beyond)) || pw.prior("p/operativi/altra/scheda.json", pf.open(t, pf.parts.Spans)) {
		t.Error("a part past the end of the file, or of a sheet it does not have, taken")
	}
	if pw.close(); out.Len() != 0 || pw.n != 0 || len(pw.parts.Names) != 0 {
		t.Errorf("a part not taken wrote %d bytes, counted %d", out.Len(), pw.n)
	}
}

// TestPriorPartsNotJoined: parts with something else than the separator
// between them are recorded as not joined, and are then copied one by
// one: what was between them is never copied into the next file.
func TestPriorPartsNotJoined(t *testing.T) {
	const sep = ",\n"
	for _, between := range []func(pw *partsWriter){
		func(pw *partsWriter) { pw.write([]byte("X\n")) }, // as long as the separator
		func(pw *partsWriter) { pw.next(); pw.next() },    // two separators
	} {
		var file bytes.Buffer
		pw := newPartsWriter(&file, "", sep)
		pw.part("a", []byte("AAA"))
		between(pw)
		pw.part("b", []byte("BBB"))
		if pw.parts.Joined {
			t.Fatalf("parts with %q between them recorded as joined", file.String()[3:len(file.String())-3])
		}
		pf := partsFile{bytes: file.Bytes(), parts: pw.parts, path: filepath.Join(t.TempDir(), "f")}
		if err := os.WriteFile(pf.path, pf.bytes, 0o644); err != nil {
			t.Fatal(err)
		}
		pp := pf.open(t, pf.parts.Spans)
		var out bytes.Buffer
		next := newPartsWriter(&out, "", sep)
		next.prior("a", pp)
		next.next()
		next.prior("b", pp)
		if err := next.close(); out.String() != "AAA,\nBBB" || err != nil {
			t.Errorf("parts not joined, taken: %q", out.String())
		}
	}

	// Without a separator (the tables' rows), parts that follow each other
	// are copied at once, an empty one between them too.
	var file bytes.Buffer
	pw := newPartsWriter(&file, "", "")
	for _, p := range []string{"r1\r\n", "", "r3\r\nr3\r\n", "r4\r\n"} {
		pw.part(strings.TrimSpace(p)+fmt.Sprint(len(pw.parts.Names)), []byte(p))
	}
	pf := partsFile{bytes: file.Bytes(), parts: pw.parts, path: filepath.Join(t.TempDir(), "f")}
	if err := os.WriteFile(pf.path, pf.bytes, 0o644); err != nil {
		t.Fatal(err)
	}
	pp := pf.open(t, pf.parts.Spans)
	var out copyCounter
	next := newPartsWriter(&out, "", "")
	for i, name := range pf.parts.Names {
		if i != 1 { // the empty part left out
			next.prior(name, pp)
		}
	}
	if err := next.close(); err != nil || out.String() != string(pf.bytes) || out.copies != 1 { // the last part taken: copied as the file closes
		t.Errorf("rows taken: %q in %d copies, want %q in one: %v", out.String(), out.copies, pf.bytes, err)
	}
}
