package builder

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// filler sets every exported field of a value, however deep, to a value
// that is not its zero, as the store's types allow: each string a new
// one or one given before, integers of both signs up to their limits,
// slices and maps of one to three elements (and, in turn, empty ones,
// which must not come back nil), pointers set. It stops at depth, so
// that a type holding itself (a sheet's plan) ends.
type filler struct {
	n     int
	strs  []string
	kinds map[reflect.Kind]bool // the kinds set, for the test to check
}

func (f *filler) next() int { f.n++; return f.n }

func (f *filler) fill(v reflect.Value, depth int) {
	f.kinds[v.Kind()] = true
	switch v.Kind() {
	case reflect.String:
		switch k := f.next(); {
		case k%5 == 0 && len(f.strs) > 0:
			v.SetString(f.strs[k%len(f.strs)]) // written before: a reference
		case k%7 == 0:
			v.SetString(strings.Repeat("è lungo ", 40)) // a tag of two bytes
		default:
			s := fmt.Sprintf("testo %d «%d»", k, k*k)
			f.strs = append(f.strs, s)
			v.SetString(s)
		}
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		limits := []int64{-1, 1, math.MinInt64, math.MaxInt64, -300, 70000}
		x := limits[f.next()%len(limits)]
		for v.OverflowInt(x) {
			x /= 3
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		x := uint64(math.MaxUint64) - uint64(f.next())
		for v.OverflowUint(x) {
			x /= 3
		}
		v.SetUint(x)
	case reflect.Array:
		for i := range v.Len() {
			f.fill(v.Index(i), depth)
		}
	case reflect.Slice:
		n := f.next()%3 + 1
		if f.n%11 == 0 {
			n = 0
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			f.fill(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range f.next()%3 + 1 {
			k := reflect.New(v.Type().Key()).Elem()
			f.fill(k, depth+1)
			x := reflect.New(v.Type().Elem()).Elem()
			f.fill(x, depth+1)
			m.SetMapIndex(k, x)
		}
		v.Set(m)
	case reflect.Pointer:
		if depth > 3 {
			return
		}
		p := reflect.New(v.Type().Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == posType { // its file, a number, by a name
			var name string
			f.fill(reflect.ValueOf(&name).Elem(), depth)
			pos := plan.At(name, 0, 0)
			f.fill(reflect.ValueOf(&pos.Line).Elem(), depth)
			f.fill(reflect.ValueOf(&pos.Col).Elem(), depth)
			v.Set(reflect.ValueOf(pos))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i), depth)
			}
		}
	}
}

// filledSheets is a list of entries whose every field is set, and a
// zero entry between them.
func filledSheets(t *testing.T) []storedSheet {
	t.Helper()
	f := &filler{kinds: map[reflect.Kind]bool{}}
	list := make([]storedSheet, 4)
	for i := range list {
		if i != 2 {
			f.fill(reflect.ValueOf(&list[i]).Elem(), 0)
		}
	}
	for _, k := range []reflect.Kind{reflect.String, reflect.Bool, reflect.Int, reflect.Int32, reflect.Uint8,
		reflect.Array, reflect.Slice, reflect.Map, reflect.Pointer, reflect.Struct} {
		if !f.kinds[k] {
			t.Fatalf("no field of kind %s filled", k)
		}
	}
	list[0].Sheet.Plan = nil // a plan holds what the store cannot keep, and pristine never stores one
	list[1].Sheet.Plan = nil
	list[3].Sheet.Plan = nil
	list[3].Sheet.Indicatori = []plan.Indicator{} // empty, not nil
	return list
}

// TestStoreCodec: entries whose every field is set, however deep, come
// back as they were, empty slices empty and nil ones nil; the encoding is
// the same at every run (a map's keys in order) and holds a string
// written twice once; strings decoded are parts of the chunk's bytes.
func TestStoreCodec(t *testing.T) {
	list := filledSheets(t)
	b, err := encodeStored(list)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeStored(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, list) {
		t.Fatalf("decoded entries differ from those encoded:\n%+v\nwant\n%+v", got, list)
	}
	if got[3].Sheet.Indicatori == nil || got[2].Sheet != nil || got[2].Langs != nil {
		t.Errorf("nil and empty not kept apart: %v %v %v", got[3].Sheet.Indicatori, got[2].Sheet, got[2].Langs)
	}
	for range 5 {
		again, err := encodeStored(list)
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("the same entries encoded otherwise: %v", err)
		}
	}
	long := strings.Repeat("è lungo ", 40)
	if n := bytes.Count(b, []byte(long)); n != 1 {
		t.Errorf("a string written %d times in the chunk; want once", n)
	}
	body := storedChunk(t)
	real, err := decodeStored(body)
	if err != nil || len(real) == 0 {
		t.Fatalf("a chunk of a build: %d sheets, %v", len(real), err)
	}
	strs, made := countValues(reflect.ValueOf(real))
	if allocs := testing.AllocsPerRun(5, func() { decodeStored(body) }); allocs > float64(made+32) {
		t.Errorf("%.0f allocations to decode %d strings and %d slices, maps and pointers: strings allocated one by one?", allocs, strs, made)
	}
}

// countValues counts the strings that are not empty in v, and the slices,
// maps and pointers that are not nil.
func countValues(v reflect.Value) (strs, made int) {
	add := func(s, m int) { strs, made = strs+s, made+m }
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 {
			strs++
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && !v.IsNil() {
			made++
		}
		for i := range v.Len() {
			add(countValues(v.Index(i)))
		}
	case reflect.Map:
		if !v.IsNil() {
			made++
		}
		for it := v.MapRange(); it.Next(); {
			add(countValues(it.Key()))
			add(countValues(it.Value()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			made++
			add(countValues(v.Elem()))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				add(countValues(v.Field(i)))
			}
		}
	}
	return strs, made
}

// TestStoreCodecRefused: what the codec cannot keep is an error, not a
// value lost: an interface, a function, a float, a struct without
// exported fields, a map with other keys than strings.
func TestStoreCodecRefused(t *testing.T) {
	type noFields struct{ x int }
	values := []any{
		&struct{ A any }{A: 1},
		&struct{ F func() }{F: func() {}},
		&struct{ X float64 }{X: 1},
		&struct{ N noFields }{},
		&struct{ M map[int]string }{M: map[int]string{1: "a"}},
	}
	for _, v := range values {
		e := &storeEncoder{seen: map[string]uint64{}}
		rv := reflect.ValueOf(v).Elem()
		codecOf(rv.Type()).enc(e, rv.Addr().UnsafePointer())
		if e.err == nil {
			t.Errorf("%T encoded", v)
		}
		d := &storeDecoder{s: string(e.b) + "\x00\x00\x00"}
		codecOf(rv.Type()).dec(d, reflect.New(rv.Type()).UnsafePointer())
		if d.err == nil {
			t.Errorf("%T decoded", v)
		}
	}
}

// storedChunk is the encoding of a chunk of the sheet store a build of
// synthetic sheets writes, its header cut off.
func storedChunk(t *testing.T) []byte {
	t.Helper()
	chunks := storeChunks(t, 150)
	if len(chunks) == 0 {
		t.Fatal("no chunk in the store")
	}
	return chunks[0]
}

// TestStoreCodecBadBytes: a chunk cut short anywhere, or with bytes after
// its value, is an error; a chunk with any byte changed decodes or is an
// error, never a panic.
func TestStoreCodecBadBytes(t *testing.T) {
	bodies := [][]byte{}
	if b, err := encodeStored(filledSheets(t)); err == nil {
		bodies = append(bodies, b)
	} else {
		t.Fatal(err)
	}
	bodies = append(bodies, storedChunk(t))
	var twice struct{ M map[string]int }
	if err := decodeInto("\x03\x02a\x02\x01\x04", &twice); err == nil || twice.M != nil {
		t.Errorf("a map with a key twice decoded: %v", twice.M)
	}
	if err := decodeInto("\x03\x02a\x02\x02b\x04", &twice); err != nil || len(twice.M) != 2 {
		t.Errorf("a map of two keys: %v, %v", twice.M, err)
	}
	for i, b := range bodies {
		if list, err := decodeStored(b); err != nil || len(list) == 0 {
			t.Fatalf("body %d: %d sheets, %v", i, len(list), err)
		}
		for n := 0; n < len(b); n += max(1, len(b)/1000) {
			if _, err := decodeStored(b[:n]); err == nil || errors.Is(err, errStoreBug) {
				t.Fatalf("body %d cut at %d of %d: %v", i, n, len(b), err)
			}
		}
		if _, err := decodeStored(append(bytes.Clone(b), 0)); err == nil {
			t.Errorf("body %d with a byte after it decoded", i)
		}
		for at := 0; at < len(b); at += max(1, len(b)/300) {
			for _, x := range []byte{0x00, 0x01, 0x7f, 0x80, 0xff} {
				bad := bytes.Clone(b)
				bad[at] = x
				if _, err := decodeStored(bad); errors.Is(err, errStoreBug) {
					t.Fatalf("body %d with byte %d set to %#x: %v", i, at, x, err)
				}
			}
		}
	}
}

// FuzzStoreCodec: whatever the bytes, decoding never panics, and what
// decodes encodes to bytes that decode to the same entries.
func FuzzStoreCodec(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{2, 1, 0x85, 0, 0, 0})
	f.Add([]byte{2, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := decodeStored(b)
		if errors.Is(err, errStoreBug) {
			t.Fatal(err)
		}
		if err != nil {
			return
		}
		again, err := encodeStored(list)
		if err != nil {
			t.Fatal(err)
		}
		back, err := decodeStored(again)
		if err != nil || !reflect.DeepEqual(back, list) {
			t.Fatalf("encoded again, decodes otherwise: %v", err)
		}
	})
}

// storeChunks are the encodings of the chunks of the sheet store a build
// of n synthetic sheets writes, their headers and seals cut off.
func storeChunks(tb testing.TB, n int) [][]byte {
	tb.Helper()
	_, dest, _, _ := storeSite(tb, n)
	st, _ := openSheetStore(dest, programDigest())
	var bodies [][]byte
	for name := range st.read {
		c, err := os.ReadFile(filepath.Join(st.dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		if !sealed(c[len(st.header()):]) {
			tb.Fatalf("%s: the chunk is not sealed", name)
		}
		bodies = append(bodies, c[len(st.header()):len(c)-sealSize])
	}
	return bodies
}

// BenchmarkStoreDecode decodes every chunk of the sheet store of a build
// of 1,000 synthetic sheets: what a rebuild reads back of its sheets.
func BenchmarkStoreDecode(b *testing.B) {
	bodies := storeChunks(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			if _, err := decodeStored(body); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestStoreCodecIntegerBounds: an integer comes back exactly at the
// limits of its type, and one beyond them is an error, never a value cut
// to fit; so is a bool other than 0 or 1.
func TestStoreCodecIntegerBounds(t *testing.T) {
	type wide struct {
		A, B, C int64
		D, E, F uint64
	}
	type narrow struct {
		A int8
		B int16
		C int32
		D uint8
		E uint16
		F uint32
	}
	limits := wide{math.MinInt8, math.MaxInt16, math.MinInt32, math.MaxUint8, math.MaxUint16, math.MaxUint32}
	encode := func(v any) string {
		var b bytes.Buffer
		if err := encodeTo(&b, v, false); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var got narrow
	if err := decodeInto(encode(&limits), &got); err != nil || got != (narrow{math.MinInt8, math.MaxInt16, math.MinInt32, math.MaxUint8, math.MaxUint16, math.MaxUint32}) {
		t.Fatalf("limits: %+v, %v", got, err)
	}
	for i, beyond := range []wide{
		{A: math.MinInt8 - 1}, {A: math.MaxInt8 + 1}, {B: math.MinInt16 - 1}, {C: math.MaxInt32 + 1},
		{D: math.MaxUint8 + 1}, {E: math.MaxUint16 + 1}, {F: math.MaxUint32 + 1},
	} {
		got = narrow{}
		if err := decodeInto(encode(&beyond), &got); !errors.Is(err, errStoreBytes) || got != (narrow{}) {
			t.Errorf("%d: %+v decoded as %+v (%v); want an error and nothing", i, beyond, got, err)
		}
	}
	var flag struct{ B bool }
	if err := decodeInto("\x02", &flag); !errors.Is(err, errStoreBytes) {
		t.Errorf("a bool of 2: %v", err)
	}
}

// BenchmarkStoreEncode encodes every chunk of the sheet store of a build
// of 1,000 synthetic sheets, as a build that parsed them all saves them.
func BenchmarkStoreEncode(b *testing.B) {
	var chunks [][]storedSheet
	for _, body := range storeChunks(b, 1000) {
		list, err := decodeStored(body)
		if err != nil {
			b.Fatal(err)
		}
		chunks = append(chunks, list)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, list := range chunks {
			if _, err := encodeStored(list); err != nil {
				b.Fatal(err)
			}
		}
	}
}
