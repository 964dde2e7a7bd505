package builder

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
)

// TestModelBlocks: the lists handed out are of the length asked, empty,
// each its own (one grown by append never writes into the next), a
// large one made alone; sheets are new and distinct; a nil modelBlocks
// makes each alone.
func TestModelBlocks(t *testing.T) {
	b := &modelBlocks{lists: map[reflect.Type]*modelBlock{}}
	valuesType := reflect.TypeOf([]plan.Value(nil))
	var parts [][]plan.Value
	for n := range 200 {
		v := b.makeSlice(valuesType, n%7+1)
		part := v.Interface().([]plan.Value)
		if len(part) != n%7+1 || cap(part) != len(part) {
			t.Fatalf("part %d: length %d, capacity %d; want %d, %d", n, len(part), cap(part), n%7+1, n%7+1)
		}
		for _, x := range part {
			if x != (plan.Value{}) {
				t.Fatalf("part %d: not empty: %+v", n, x)
			}
		}
		for i := range part {
			part[i].S = strings.Repeat("x", n)
		}
		parts = append(parts, part)
	}
	if len(b.lists) != 1 {
		t.Errorf("%d blocks' lists for one type", len(b.lists))
	}
	grown := append(parts[0], plan.Value{Text: plan.Text{S: "in più"}})
	grown[0].S = "cambiato"
	for n, part := range parts {
		for _, x := range part {
			if x.S != strings.Repeat("x", n) {
				t.Fatalf("part %d holds %q: written through another part", n, x.S)
			}
		}
	}
	large := b.makeSlice(valuesType, blockBytes/int(reflect.TypeOf(plan.Value{}).Size()))
	if large.Len() == 0 || large.Cap() != large.Len() {
		t.Errorf("a large list: length %d, capacity %d", large.Len(), large.Cap())
	}
	if z := b.makeSlice(valuesType, 0); z.Len() != 0 || z.IsNil() {
		t.Errorf("an empty list: length %d, nil %v (want empty, not nil: as reflect.MakeSlice)", z.Len(), z.IsNil())
	}
	seen := map[*plan.Sheet]bool{}
	for range 3 * blockBytes / int(sheetSize) {
		s := b.sheet()
		if seen[s] || s.Slug != "" {
			t.Fatal("a sheet handed out twice, or not empty")
		}
		s.Slug = "usata"
		seen[s] = true
	}
	first, second := blockPart[plan.Prior](b, 2), blockPart[plan.Prior](b, 1)
	first[0].Valore.S, first[1].Valore.S, second[0].Valore.S = "a", "b", "c"
	if len(first) != 2 || cap(first) != 2 || len(second) != 1 || first[1].Valore.S != "b" || &first[1] == &second[0] {
		t.Errorf("typed parts: %d/%d and %d, %q", len(first), cap(first), len(second), first[1].Valore.S)
	}
	entries := map[*cachedSheet]bool{}
	for range 3 * blockBytes / int(entrySize) {
		e := b.entry()
		if entries[e] || e.load != 0 || e.sheet != nil {
			t.Fatal("an entry handed out twice, or not empty")
		}
		e.load = 1
		entries[e] = true
	}
	var none *modelBlocks
	if s := none.sheet(); s == nil || none.entry() == nil || none.makeSlice(valuesType, 3).Len() != 3 {
		t.Error("a nil modelBlocks hands out nothing")
	}
}

// TestInternerCopies: the interner gives each text once, as its own copy
// (never a part of the text it was given, which is a part of a whole
// file), equal to it, long texts as well.
func TestInternerCopies(t *testing.T) {
	in := newInterner()
	file := "descrizione: Tempo medio di evasione delle pratiche\nunita_misura: giorni\n" + strings.Repeat("lungo ", textBlock/4)
	first := in.of(file[13:51])
	if first != "Tempo medio di evasione delle pratiche" {
		t.Fatalf("copy %q", first)
	}
	within := func(s string) bool {
		p, f := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(file)))
		return p >= f && p < f+uintptr(len(file))
	}
	if within(first) {
		t.Error("the text held is a part of the file's text")
	}
	again := in.of(strings.Clone(file[13:51]))
	if unsafe.StringData(again) != unsafe.StringData(first) {
		t.Error("the same text held twice")
	}
	long := file[72:]
	if got := in.of(long); got != long || within(got) {
		t.Errorf("a long text: equal %v, a part of the file's %v", got == long, within(got))
	}
	for i := range 10000 { // blocks filled and made anew
		s := strings.Repeat("t", i%50+1) + string(rune('a'+i%26)) + strings.Repeat("u", i/26)
		if got := in.of(s); got != s {
			t.Fatalf("text %d: %q, want %q", i, got, s)
		}
	}
	if got := in.of("Tempo medio di evasione delle pratiche"); got != first {
		t.Errorf("after many texts, %q", got)
	}

	// A body: its bytes copied, not kept for the next; the file's bytes
	// written again change nothing of it.
	src := []byte("---\nperi: 1\n---\nIl testo della scheda, *in Markdown*.\n")
	body := src[16:]
	got := in.copyBytes(body)
	again = in.copyBytes(body)
	copy(src[16:], "XXXXXXXX")
	if got != "Il testo della scheda, *in Markdown*.\n" || again != got {
		t.Errorf("a body copied: %q, %q", got, again)
	}
	if unsafe.StringData(again) == unsafe.StringData(got) {
		t.Error("a body kept for the next")
	}
	if in.copyBytes(nil) != "" || (*interner)(nil).copyBytes(body) != string(body) {
		t.Error("an empty body, or a nil interner's")
	}
}
