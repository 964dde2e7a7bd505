package builder

import (
	"reflect"
	"sync"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
)

// modelBlocks hands out the sheets a load decodes, and the lists (slices)
// of their indicators, targets, notes and the like, as parts of larger
// blocks, one goroutine's at a time (modelBlocksMade): each made alone,
// they lay among the garbage of the load (the files' bytes, the YAML
// trees), and once it was collected the model held its spans half empty.
// At 50,000 sheets a collection after the load found 229 MB of model in
// 341 MB of spans; every megabyte of those spans' room is one the
// collector's memory limit leaves no longer to the heap that grows, so
// the build collected more often. A part never grows into the next (its
// capacity is its length); a block lives as long as any sheet holding a
// part of it, which for a model is the build (a sheet decoded again, as
// piao serve does for an edited file, leaves its old parts in their
// block: bounded by the edits).
type modelBlocks struct {
	sheets  []plan.Sheet
	entries []cachedSheet // a Cache's entry for each sheet decoded
	lists   map[reflect.Type]*modelBlock
}

type modelBlock struct {
	v    reflect.Value // a slice of as many elements as fill blockBytes
	used int
}

// blockBytes is the size of a block; a list larger than a quarter of it
// is made alone.
const blockBytes = 32 << 10

var modelBlocksMade = sync.Pool{New: func() any { return &modelBlocks{lists: map[reflect.Type]*modelBlock{}} }}

// sheet is a new, empty sheet (on a nil modelBlocks, made alone).
func (b *modelBlocks) sheet() *plan.Sheet {
	if b == nil {
		return new(plan.Sheet)
	}
	if len(b.sheets) == 0 {
		b.sheets = make([]plan.Sheet, max(1, blockBytes/int(sheetSize)))
	}
	s := &b.sheets[0]
	b.sheets = b.sheets[1:len(b.sheets):len(b.sheets)]
	return s
}

var sheetSize = reflect.TypeOf(plan.Sheet{}).Size()

// entry is a new, empty entry of a Cache, for a sheet just decoded (on a
// nil modelBlocks, made alone): it lives as long as the sheet.
func (b *modelBlocks) entry() *cachedSheet {
	if b == nil {
		return new(cachedSheet)
	}
	if len(b.entries) == 0 {
		b.entries = make([]cachedSheet, max(1, blockBytes/int(entrySize)))
	}
	e := &b.entries[0]
	b.entries = b.entries[1:len(b.entries):len(b.entries)]
	return e
}

var entrySize = reflect.TypeOf(cachedSheet{}).Size()

// blockPart is a new list of n T, made as makeSlice makes it.
func blockPart[T any](b *modelBlocks, n int) []T {
	return unsafe.Slice((*T)(b.makeSlice(reflect.TypeFor[[]T](), n).UnsafePointer()), n)
}

// makeSlice is reflect.MakeSlice(t, n, n) (on a nil modelBlocks, or for a
// list that is large, made alone).
func (b *modelBlocks) makeSlice(t reflect.Type, n int) reflect.Value {
	size := int(t.Elem().Size())
	if b == nil || n == 0 || size == 0 || n*size > blockBytes/4 {
		return reflect.MakeSlice(t, n, n)
	}
	k := b.lists[t]
	if k == nil || k.v.Len()-k.used < n {
		k = &modelBlock{v: reflect.MakeSlice(t, blockBytes/size, blockBytes/size)}
		b.lists[t] = k
	}
	out := k.v.Slice3(k.used, k.used+n, k.used+n)
	k.used += n
	return out
}
