package builder

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sync"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
)

// The encoding of the sheet store (sheetstore.go) and of the build
// cache's file (buildcache.go, writeCache). gob gave every string of
// every sheet an allocation of its own and wrote a sheet's file name
// again in the position of each of its texts (46% of a chunk's bytes):
// decoding the store was a rebuild's largest piece of work after the
// disk's (0.22 s of CPU at 10,000 sheets, half of it allocating). This
// encoding knows the store's types from the program itself, which the
// header of every chunk names to the byte (its digest), so it carries no
// description of them:
//
//   - a string is a tag (an unsigned varint): 0 for "", an odd tag 2i+1
//     for the chunk's i-th string written before, an even tag 2n for a
//     new string of n bytes, which follow. A decoded string is a part of
//     the chunk's bytes, made a string once: no allocation of its own, and
//     a name written a hundred times is held once;
//   - a signed integer is a zigzag varint, an unsigned one a varint, a
//     bool a byte (0 or 1), an array of bytes its bytes;
//   - a slice or a map is 0 when nil, else its length plus one and its
//     elements (a map's keys are strings, each once; in a chunk of the
//     store, in their order), so that an empty slice comes back empty,
//     not nil;
//   - a pointer is a byte, 0 for nil, else 1 and the value it points to;
//   - a struct is its exported fields, in their order; a plan.Pos, whose
//     file is a number of the program's own (plan.FileRef), is its file's
//     name (a string), its line and its column (signed integers).
//
// Any other kind (an interface, a function, a float...) fails to encode
// or decode, and so does a struct with no exported field. Decoding checks
// every length against the bytes left and never panics: bytes that are
// not what the encoding writes give an error, and the store then costs
// the parsing of the chunk's sheets, the cache a build from nothing.

// storeCodec encodes and decodes the values of one type, at p: the
// encoder reads the value there, the decoder writes it there (p the
// address of a zero value of the type). Both reach a struct's fields and
// a slice's elements by their offsets, as the compiler would, rather than
// through reflect.Value (which was most of the decoding's time: 0.1 s of
// CPU per rebuild at 10,000 sheets); maps alone go through reflect. Every
// pointer the decoder writes is of memory allocated with its type
// (reflect.New, a slice grown through reflect), so that the collector
// knows it.
type storeCodec struct {
	enc func(e *storeEncoder, p unsafe.Pointer)
	dec func(d *storeDecoder, p unsafe.Pointer)
}

var (
	storeCodecs   sync.Map // reflect.Type → *storeCodec
	storeCodecsMu sync.Mutex
)

// codecOf is the codec of t, compiled once.
func codecOf(t reflect.Type) *storeCodec {
	if c, ok := storeCodecs.Load(t); ok {
		return c.(*storeCodec)
	}
	storeCodecsMu.Lock()
	defer storeCodecsMu.Unlock()
	building := map[reflect.Type]*storeCodec{}
	c := compileCodec(t, building)
	for t, c := range building {
		storeCodecs.Store(t, c)
	}
	return c
}

// compileCodec makes the codec of t. building holds the codecs being
// made, so that a type that holds itself (a plan's sheets point to their
// plan) refers to its own codec, filled in by then.
func compileCodec(t reflect.Type, building map[reflect.Type]*storeCodec) *storeCodec {
	if c, ok := storeCodecs.Load(t); ok {
		return c.(*storeCodec)
	}
	if c, ok := building[t]; ok {
		return c
	}
	c := &storeCodec{}
	building[t] = c
	unsupported := func(why string) {
		err := fmt.Errorf("sheet store: %s cannot be stored (%s)", t, why)
		c.enc = func(e *storeEncoder, _ unsafe.Pointer) { e.fail(err) }
		c.dec = func(d *storeDecoder, _ unsafe.Pointer) { d.fail(err) }
	}
	if t == posType {
		c.enc = func(e *storeEncoder, p unsafe.Pointer) { e.pos((*plan.Pos)(p)) }
		c.dec = func(d *storeDecoder, p unsafe.Pointer) { d.pos((*plan.Pos)(p)) }
		return c
	}
	switch t.Kind() {
	case reflect.String:
		c.enc = func(e *storeEncoder, p unsafe.Pointer) { e.str(*(*string)(p)) }
		c.dec = func(d *storeDecoder, p unsafe.Pointer) { *(*string)(p) = d.str() }
	case reflect.Bool:
		c.enc = (*storeEncoder).boolAt
		c.dec = (*storeDecoder).boolAt
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := 8 * t.Size()
		c.enc = func(e *storeEncoder, p unsafe.Pointer) { e.intAt(p, bits) }
		c.dec = func(d *storeDecoder, p unsafe.Pointer) { d.intAt(p, bits) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		bits := 8 * t.Size()
		c.enc = func(e *storeEncoder, p unsafe.Pointer) { e.uintAt(p, bits) }
		c.dec = func(d *storeDecoder, p unsafe.Pointer) { d.uintAt(p, bits) }
	case reflect.Array:
		n := t.Len()
		if t.Elem().Kind() == reflect.Uint8 {
			c.enc = func(e *storeEncoder, p unsafe.Pointer) { e.b = append(e.b, unsafe.Slice((*byte)(p), n)...) }
			c.dec = func(d *storeDecoder, p unsafe.Pointer) {
				if b, ok := d.take(n); ok {
					copy(unsafe.Slice((*byte)(p), n), b)
				}
			}
			break
		}
		elem := compileCodec(t.Elem(), building)
		size := t.Elem().Size()
		c.enc = func(e *storeEncoder, p unsafe.Pointer) {
			for i := range n {
				elem.enc(e, unsafe.Add(p, uintptr(i)*size))
			}
		}
		c.dec = func(d *storeDecoder, p unsafe.Pointer) {
			for i := 0; i < n && d.err == nil; i++ {
				elem.dec(d, unsafe.Add(p, uintptr(i)*size))
			}
		}
	case reflect.Slice:
		elem := compileCodec(t.Elem(), building)
		size := t.Elem().Size()
		c.enc = func(e *storeEncoder, p unsafe.Pointer) {
			h := (*sliceHeader)(p)
			if h.data == nil {
				e.uvarint(0)
				return
			}
			e.uvarint(uint64(h.len) + 1)
			for i := range h.len {
				elem.enc(e, unsafe.Add(h.data, uintptr(i)*size))
				e.spill()
			}
		}
		c.dec = func(d *storeDecoder, p unsafe.Pointer) {
			n, ok := d.count()
			if !ok {
				return
			}
			v := reflect.NewAt(t, p).Elem()
			if n == 0 {
				v.Set(reflect.MakeSlice(t, 0, 0)) // empty, not nil
				return
			}
			v.Grow(n) // v is nil: the array alone is allocated, not a header beside it
			v.SetLen(n)
			base := v.UnsafePointer()
			for i := 0; i < n && d.err == nil; i++ {
				elem.dec(d, unsafe.Add(base, uintptr(i)*size))
			}
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			unsupported("a map whose keys are not strings")
			break
		}
		key, elem := compileCodec(t.Key(), building), compileCodec(t.Elem(), building)
		c.enc = func(e *storeEncoder, p unsafe.Pointer) {
			v := reflect.NewAt(t, p).Elem()
			if v.IsNil() {
				e.uvarint(0)
				return
			}
			e.uvarint(uint64(v.Len()) + 1)
			k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
			kp, xp := k.Addr().UnsafePointer(), x.Addr().UnsafePointer()
			if !e.ordered {
				for it := v.MapRange(); it.Next(); {
					k.SetIterKey(it) // no Value allocated for each entry
					x.SetIterValue(it)
					key.enc(e, kp)
					elem.enc(e, xp)
					e.spill()
				}
				return
			}
			keys := make([]string, 0, v.Len())
			for it := v.MapRange(); it.Next(); {
				k.SetIterKey(it)
				keys = append(keys, k.String())
			}
			slices.Sort(keys)
			for _, s := range keys {
				k.SetString(s)
				x.Set(v.MapIndex(k))
				key.enc(e, kp)
				elem.enc(e, xp)
				e.spill()
			}
		}
		c.dec = func(d *storeDecoder, p unsafe.Pointer) {
			n, ok := d.count()
			if !ok {
				return
			}
			m := reflect.MakeMapWithSize(t, n)
			k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
			kp, xp := k.Addr().UnsafePointer(), x.Addr().UnsafePointer()
			for i := 0; i < n && d.err == nil; i++ {
				key.dec(d, kp)
				x.SetZero()
				elem.dec(d, xp)
				m.SetMapIndex(k, x)
			}
			if m.Len() != n && d.err == nil { // a key twice
				d.fail(errStoreBytes)
				return
			}
			reflect.NewAt(t, p).Elem().Set(m)
		}
	case reflect.Pointer:
		elem := compileCodec(t.Elem(), building)
		c.enc = func(e *storeEncoder, p unsafe.Pointer) {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				e.b = append(e.b, 0)
				return
			}
			e.b = append(e.b, 1)
			elem.enc(e, q)
		}
		c.dec = func(d *storeDecoder, p unsafe.Pointer) {
			switch d.byte() {
			case 0:
			case 1:
				q := reflect.New(t.Elem()).UnsafePointer()
				elem.dec(d, q)
				*(*unsafe.Pointer)(p) = q
			default:
				d.fail(errStoreBytes)
			}
		}
	case reflect.Struct:
		ops := fieldOps(t, 0, building)
		if len(ops) == 0 {
			unsupported("a struct without exported fields")
			break
		}
		c.enc = func(e *storeEncoder, p unsafe.Pointer) {
			for _, op := range ops {
				q := unsafe.Add(p, op.off)
				switch op.kind {
				case opString:
					e.str(*(*string)(q))
				case opBool:
					e.boolAt(q)
				case opInt:
					e.intAt(q, op.bits)
				case opUint:
					e.uintAt(q, op.bits)
				case opPos:
					e.pos((*plan.Pos)(q))
				default:
					op.codec.enc(e, q)
				}
			}
		}
		c.dec = func(d *storeDecoder, p unsafe.Pointer) {
			for _, op := range ops {
				if d.err != nil {
					return
				}
				q := unsafe.Add(p, op.off)
				switch op.kind {
				case opString:
					*(*string)(q) = d.str()
				case opBool:
					d.boolAt(q)
				case opInt:
					d.intAt(q, op.bits)
				case opUint:
					d.uintAt(q, op.bits)
				case opPos:
					d.pos((*plan.Pos)(q))
				default:
					op.codec.dec(d, q)
				}
			}
		}
	default:
		unsupported("its kind, " + t.Kind().String())
	}
	return c
}

// sliceHeader is how a slice is laid out.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// fieldOp encodes or decodes one field of a struct, at off from its
// start: a string, a bool or an integer in the struct's own loop,
// anything else by its codec. The fields of a struct held by value are
// the ops of the struct that holds it (a sheet's texts and their
// positions), so that a sheet calls a codec only for its slices, maps and
// pointers.
type fieldOp struct {
	off   uintptr
	kind  uint8
	bits  uintptr // of an integer
	codec *storeCodec
}

const (
	opCodec = iota
	opString
	opBool
	opInt
	opUint
	opPos // a plan.Pos: its file's name, its line and its column
)

// posType is plan.Pos, whose file is a number valid only in the program
// that made it (plan.FileRef): the store keeps the file's name.
var posType = reflect.TypeFor[plan.Pos]()

func (e *storeEncoder) pos(p *plan.Pos) {
	e.str(p.File())
	e.intAt(unsafe.Pointer(&p.Line), 32)
	e.intAt(unsafe.Pointer(&p.Col), 32)
}

func (d *storeDecoder) pos(p *plan.Pos) {
	name := d.str()
	var line, col int32
	d.intAt(unsafe.Pointer(&line), 32)
	d.intAt(unsafe.Pointer(&col), 32)
	if name != d.lastName || d.lastRef == 0 { // a chunk's positions are mostly of one file
		d.lastName, d.lastRef = name, plan.FileOf(name)
	}
	*p = d.lastRef.At(0, 0)
	p.Line, p.Col = line, col // as written, not clamped again
}

// fieldOps are the ops of the exported fields of the struct type t,
// itself at base in the value decoded.
func fieldOps(t reflect.Type, base uintptr, building map[reflect.Type]*storeCodec) []fieldOp {
	var ops []fieldOp
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		op := fieldOp{off: base + f.Offset, bits: 8 * f.Type.Size()}
		switch f.Type.Kind() {
		case reflect.String:
			op.kind = opString
		case reflect.Bool:
			op.kind = opBool
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			op.kind = opInt
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			op.kind = opUint
		case reflect.Struct:
			if f.Type == posType {
				op.kind = opPos
				break
			}
			if inner := fieldOps(f.Type, op.off, building); len(inner) > 0 {
				ops = append(ops, inner...)
				continue
			}
			op.codec = compileCodec(f.Type, building) // one that fails
		default:
			op.codec = compileCodec(f.Type, building)
		}
		ops = append(ops, op)
	}
	return ops
}

var (
	// errStoreBytes is bytes that are not what the store's encoding writes.
	errStoreBytes = errors.New("sheet store: bytes not of the encoding")
	// errStoreBug is a decoding that panicked: a fault of the codec's,
	// never of the bytes, which tests look for.
	errStoreBug = errors.New("sheet store: the decoder failed")
)

// storeEncoder appends values to b, and writes b to w as it passes
// spillBytes.
type storeEncoder struct {
	b       []byte
	w       io.Writer
	seen    map[string]uint64 // the strings written so far, by their number; nil: none remembered
	ordered bool              // a map's entries in the order of their keys
	err     error
}

// spillBytes is how much an encoder holds before it writes.
const spillBytes = 64 << 10

// spill writes what the encoder holds once it is spillBytes: between two
// elements of a slice or a map.
func (e *storeEncoder) spill() {
	if e.w != nil && len(e.b) >= spillBytes && e.err == nil {
		_, e.err = e.w.Write(e.b)
		e.b = e.b[:0]
	}
}

func (e *storeEncoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// boolAt encodes the bool at p.
func (e *storeEncoder) boolAt(p unsafe.Pointer) {
	if *(*bool)(p) {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// intAt encodes the signed integer of bits at p.
func (e *storeEncoder) intAt(p unsafe.Pointer, bits uintptr) {
	x := int64(loadBits(p, bits)<<(64-bits)) >> (64 - bits) // its sign extended
	e.uvarint(uint64(x<<1) ^ uint64(x>>63))
}

// uintAt encodes the unsigned integer of bits at p.
func (e *storeEncoder) uintAt(p unsafe.Pointer, bits uintptr) { e.uvarint(loadBits(p, bits)) }

func (e *storeEncoder) uvarint(x uint64) {
	for x >= 0x80 {
		e.b = append(e.b, byte(x)|0x80)
		x >>= 7
	}
	e.b = append(e.b, byte(x))
}

func (e *storeEncoder) str(s string) {
	if s == "" {
		e.uvarint(0)
		return
	}
	if e.seen != nil {
		if i, ok := e.seen[s]; ok {
			e.uvarint(i<<1 | 1)
			return
		}
		e.seen[s] = uint64(len(e.seen))
	}
	e.uvarint(uint64(len(s)) << 1)
	e.b = append(e.b, s...)
}

// storeDecoder reads values from s, the bytes of a chunk made a string
// once: the strings it decodes are parts of it.
type storeDecoder struct {
	s     string
	off   int
	table []string // the chunk's strings read so far, by their number
	err   error
	// the file of the last position decoded, and its number
	lastName string
	lastRef  plan.FileRef
}

func (d *storeDecoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *storeDecoder) byte() byte {
	if d.off >= len(d.s) {
		d.fail(errStoreBytes)
		return 0
	}
	c := d.s[d.off]
	d.off++
	return c
}

// boolAt decodes a bool at p.
func (d *storeDecoder) boolAt(p unsafe.Pointer) {
	switch d.byte() {
	case 0:
	case 1:
		*(*bool)(p) = true
	default:
		d.fail(errStoreBytes)
	}
}

// intAt decodes a signed integer of bits at p; one that does not fit is
// an error.
func (d *storeDecoder) intAt(p unsafe.Pointer, bits uintptr) {
	u := d.uvarint()
	x := int64(u>>1) ^ -int64(u&1)
	if x<<(64-bits)>>(64-bits) != x {
		d.fail(errStoreBytes)
		return
	}
	storeBits(p, bits, uint64(x)) // two's complement: the low bits are the integer's
}

// uintAt decodes an unsigned integer of bits at p; one that does not fit
// is an error.
func (d *storeDecoder) uintAt(p unsafe.Pointer, bits uintptr) {
	x := d.uvarint()
	if x<<(64-bits)>>(64-bits) != x {
		d.fail(errStoreBytes)
		return
	}
	storeBits(p, bits, x)
}

// storeBits writes the low bits of x, an integer of bits, at p.
func storeBits(p unsafe.Pointer, bits uintptr, x uint64) {
	switch bits {
	case 8:
		*(*uint8)(p) = uint8(x)
	case 16:
		*(*uint16)(p) = uint16(x)
	case 32:
		*(*uint32)(p) = uint32(x)
	default:
		*(*uint64)(p) = x
	}
}

// loadBits reads the integer of bits at p, unsigned.
func loadBits(p unsafe.Pointer, bits uintptr) uint64 {
	switch bits {
	case 8:
		return uint64(*(*uint8)(p))
	case 16:
		return uint64(*(*uint16)(p))
	case 32:
		return uint64(*(*uint32)(p))
	}
	return *(*uint64)(p)
}

func (d *storeDecoder) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.off >= len(d.s) {
			break
		}
		c := d.s[d.off]
		d.off++
		if c < 0x80 {
			if shift == 63 && c > 1 {
				break // more than 64 bits
			}
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
	}
	d.fail(errStoreBytes)
	return 0
}

// count reads a slice's or map's length: ok is false for nil, and for a
// length larger than the bytes left, each element taking one at least.
func (d *storeDecoder) count() (int, bool) {
	u := d.uvarint()
	if u == 0 || d.err != nil {
		return 0, false
	}
	if u-1 > uint64(len(d.s)-d.off) {
		d.fail(errStoreBytes)
		return 0, false
	}
	return int(u - 1), true
}

// take reads n bytes.
func (d *storeDecoder) take(n int) (string, bool) {
	if n > len(d.s)-d.off {
		d.fail(errStoreBytes)
		return "", false
	}
	s := d.s[d.off : d.off+n]
	d.off += n
	return s, true
}

func (d *storeDecoder) str() string {
	tag := d.uvarint()
	if tag&1 == 1 {
		if i := tag >> 1; i < uint64(len(d.table)) {
			return d.table[i]
		}
		d.fail(errStoreBytes)
		return ""
	}
	if tag == 0 || tag>>1 > uint64(len(d.s)-d.off) {
		if tag != 0 {
			d.fail(errStoreBytes)
		}
		return ""
	}
	s, _ := d.take(int(tag >> 1))
	d.table = append(d.table, s)
	return s
}

// encodeTo writes the encoding of the value v points to to w, a piece
// at a time (spillBytes), so that a large value is never whole in
// memory twice. A sheet store's chunk (store) is written the same at
// every run, a string written again as its number. The build cache's
// strings are names, each once, which remembering would cost memory for
// nothing, and its maps (tens of thousands of files) are written as the
// runtime gives them: sorting their names took more time than the rest of
// the encoding, for a file that only piao reads.
func encodeTo(w io.Writer, v any, store bool) error {
	e := &storeEncoder{w: w, ordered: store}
	if store {
		e.seen = map[string]uint64{}
	}
	rv := reflect.ValueOf(v)
	codecOf(rv.Type().Elem()).enc(e, rv.UnsafePointer())
	if e.err == nil && len(e.b) > 0 {
		_, e.err = w.Write(e.b)
	}
	return e.err
}

// decodeInto decodes s, what encodeTo wrote, into the value v points to:
// an error for anything else, bytes after the value included. The strings
// decoded are parts of s.
func decodeInto(s string, v any) (err error) {
	d := &storeDecoder{s: s}
	rv := reflect.ValueOf(v).Elem()
	rv.SetZero() // decoded into zero values only: a slice is grown from nil
	defer func() {
		if r := recover(); r != nil { // still only a cache not used
			rv.SetZero()
			err = fmt.Errorf("%w: %v", errStoreBug, r)
		}
	}()
	codecOf(rv.Type()).dec(d, rv.Addr().UnsafePointer())
	if d.err == nil && d.off != len(d.s) {
		d.fail(errors.New("sheet store: bytes after the value"))
	}
	if d.err != nil {
		rv.SetZero()
	}
	return d.err
}

// encodeStored is the encoding of a chunk's list.
func encodeStored(list []storedSheet) ([]byte, error) { return appendStored(nil, list) }

// appendStored appends what encodeStored writes to dst.
func appendStored(dst []byte, list []storedSheet) ([]byte, error) {
	e := &storeEncoder{b: dst, ordered: true, seen: map[string]uint64{}} // no writer: never spilled
	codecOf(reflect.TypeOf(list)).enc(e, unsafe.Pointer(&list))
	return e.b, e.err
}

// decodeStored decodes what encodeStored wrote.
func decodeStored(body []byte) ([]storedSheet, error) {
	var list []storedSheet
	err := decodeInto(string(body), &list)
	return list, err
}
