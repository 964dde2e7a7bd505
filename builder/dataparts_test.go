package builder

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestPriorParts: the parts a partsWriter recorded are read back as they
// were written — one by one in order, in any order, a batch at once
// (within), the long and the empty — each bytes of its own that appending
// to does not spoil the next; a part whose span the file does not hold is
// not read.
func TestPriorParts(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	var want [][]byte
	var names []string
	var file bytes.Buffer
	pw := newPartsWriter(&file, "ctx")
	pw.write([]byte("intestazione\n"))
	for i := range 300 {
		n := rnd.IntN(3000)
		if i%97 == 5 {
			n = partsWindow + rnd.IntN(partsWindow) // longer than a window
		}
		if i%50 == 7 {
			n = 0
		}
		b := make([]byte, n)
		for j := range b {
			b[j] = byte('a' + rnd.IntN(26))
		}
		name := fmt.Sprintf("p/operativi/%03d/scheda.json", i)
		want, names = append(want, b), append(names, name)
		if i%2 == 0 { // half the parts follow the one before, with nothing between
			pw.write([]byte(",\n"))
		}
		pw.part(name, b)
	}
	pw.write([]byte("\n]"))
	if pw.err != nil || pw.n != int64(file.Len()) {
		t.Fatalf("wrote %d bytes, counted %d: %v", file.Len(), pw.n, pw.err)
	}
	path := filepath.Join(t.TempDir(), "piano.json")
	if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	open := func(spans []int64) *priorParts {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		pp := &priorParts{f: f, index: map[string]int{}, spans: spans, taken: new(atomic.Int64)}
		for i, n := range pw.parts.Names {
			pp.index[n] = i
		}
		return pp
	}
	check := func(how string, pp *priorParts, order []int) {
		t.Helper()
		for _, i := range order {
			b, ok := pp.part(names[i])
			if !ok || !bytes.Equal(b, want[i]) {
				t.Fatalf("%s: part %d: %v, %d bytes, want %d", how, i, ok, len(b), len(want[i]))
			}
			b = append(b, '!') // the caller's to keep: never into the window
		}
	}
	inOrder := make([]int, len(names))
	for i := range inOrder {
		inOrder[i] = i
	}
	check("in order", open(pw.parts.Spans), inOrder)
	check("in order, again", open(pw.parts.Spans), inOrder)
	shuffled := rnd.Perm(len(names))
	check("in any order", open(pw.parts.Spans), shuffled)
	pp := open(pw.parts.Spans)
	for start := 0; start < len(names); start += 64 {
		batch := names[start:min(start+64, len(names))]
		pp.within(batch)
		check("a batch at once", pp, inOrder[start:min(start+64, len(names))])
	}
	if _, ok := pp.part("p/operativi/altra/scheda.json"); ok {
		t.Error("a part of a sheet the file does not have")
	}
	beyond := append([]int64(nil), pw.parts.Spans...)
	beyond[2*10] = int64(file.Len()) - 1 // a span past the end of the file
	beyond[2*10+1] = 100
	if _, ok := open(beyond).part(names[10]); ok {
		t.Error("a part past the end of the file")
	}
}
