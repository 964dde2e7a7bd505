package builder

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

func TestGCPercentFor(t *testing.T) {
	defer func(b uint64) { budgetBytes = b }(budgetBytes)
	budgetBytes = 576 << 20
	for _, c := range []struct {
		live           uint64
		original, want int
		build          bool
	}{
		{0, 100, 100, true},
		{100 << 20, 100, 348, true},     // a site of a few thousand sheets: back to firstHeap (448 MB)
		{200 << 20, 100, 128, true},     // 256 MB of headroom, more than firstHeap leaves
		{224 << 20, 100, 114, true},     // 256 MB of headroom
		{320 << 20, 100, 80, true},      // 256 MB of headroom, within the budget
		{400 << 20, 100, 44, true},      // past it: what the budget leaves (176 MB)
		{512 << 20, 100, 25, true},      // never below minGCPercent
		{2 << 30, 100, 25, true},        // never below minGCPercent
		{224 << 20, 50, 100, true},      // never above twice the program's own
		{100 << 20, 50, 348, true},      // but the heap may grow back to firstHeap
		{1 << 30, 10, 20, true},         // nor raised past it to minGCPercent
		{300 << 20, 200, 85, true},      // GOGC=200: lowered too
		{128 << 20, 1000, 250, true},    // a large GOGC, a small heap: back to firstHeap
		{400 << 20, 1000, 44, true},     // a large GOGC, a large heap: what the budget leaves
		{1 << 40, 100, 25, true},        // a huge heap
		{headroomBytes, 100, 100, true}, // exactly the headroom
		{128 << 20, 100, 200, false},    // check: 256 MB of headroom on a small heap
		{96 << 20, 50, 166, false},      // back to its firstHeap (256 MB), above twice the program's percent
		{512 << 20, 100, 50, false},     // and a large heap 256 MB: the budget bounds builds only
		{0, 100, 100, false},
	} {
		if got := gcPercentFor(c.live, c.original, c.build); got != c.want {
			t.Errorf("live %d MB, GOGC %d, build %v: %d, want %d", c.live>>20, c.original, c.build, got, c.want)
		}
	}
}

// TestHeadroomFor: a build's heap, live and headroom together, stays
// within budgetBytes while the live heap leaves room for minGCPercent;
// piao check keeps its headroom.
func TestHeadroomFor(t *testing.T) {
	for _, c := range []struct {
		live  uint64
		build bool
		want  uint64
	}{
		{0, true, headroomBytes},
		{budgetBytes - headroomBytes, true, headroomBytes},
		{budgetBytes - headroomBytes + 1<<20, true, headroomBytes - 1<<20},
		{budgetBytes - 100<<20, true, 100 << 20},
		{budgetBytes, true, 0},
		{2 * budgetBytes, true, 0},
		{budgetBytes, false, headroomBytes},
	} {
		if got := headroomFor(c.live, c.build); got != c.want {
			t.Errorf("headroomFor(%d MB, %v) = %d MB, want %d MB", c.live>>20, c.build, got>>20, c.want>>20)
		}
	}
	// The percent it gives, with minGCPercent as the floor.
	for live := uint64(64 << 20); live <= 2*budgetBytes; live += 16 << 20 {
		p := gcPercentFor(live, 100, true)
		if heap := live + live*uint64(p)/100; p > minGCPercent && heap > budgetBytes {
			t.Errorf("live %d MB: GOGC %d lets the heap reach %d MB, over the budget of %d MB", live>>20, p, heap>>20, budgetBytes>>20)
		}
	}
}

func TestMemoryLimitFor(t *testing.T) {
	const none = math.MaxInt64
	for _, c := range []struct {
		live             uint64
		percent, program int
		limit            int64
		build            bool
		want             int64
	}{
		{512 << 20, 50, 100, none, true, 832 << 20},   // live, 256 MB of headroom, the slack
		{512 << 20, 100, 100, none, true, none},       // the program's own percent: its own limit
		{100 << 20, 100, 100, 1 << 30, true, 1 << 30}, // and a limit the program set
		{512 << 20, 50, 100, none, false, none},       // piao check: no limit
		{0, 50, 100, none, true, none},                // nothing collected yet
		{2 << 30, 25, 100, 1 << 30, true, 1 << 30},    // never above the program's own
		{(512 << 20) + 1, 50, 100, none, true, 833 << 20},
	} {
		if got := memoryLimitFor(c.live, c.percent, c.program, c.limit, c.build); got != c.want {
			t.Errorf("live %d, GOGC %d of %d, limit %d, build %v: %d, want %d", c.live, c.percent, c.program, c.limit, c.build, got, c.want)
		}
	}
}

// TestBoundHeadroom: while a build runs, a live heap larger than the
// headroom lowers the collector's percent; when the last build ends, the
// program's own comes back.
func TestBoundHeadroom(t *testing.T) {
	prev, prevLimit := debug.SetGCPercent(80), debug.SetMemoryLimit(3<<30)
	defer debug.SetGCPercent(prev)
	defer debug.SetMemoryLimit(prevLimit)
	defer func(h, b uint64) { headroomBytes, budgetBytes = h, b }(headroomBytes, budgetBytes)
	headroomBytes, budgetBytes = 1<<20, 1<<20
	live := make([]byte, 16<<20) // 16 times the headroom, past the budget: governed from the start
	runtime.GC()
	release, again := boundHeadroom(true), boundHeadroom(false) // a build and a check
	deadline := time.Now().Add(5 * time.Second)
	for p, _ := readGC(); p != minGCPercent; p, _ = readGC() {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC %d with %d MB live, want %d", p, liveHeap()>>20, minGCPercent)
		}
		time.Sleep(governorTick)
	}
	for l := debug.SetMemoryLimit(-1); l >= 3<<30; l = debug.SetMemoryLimit(-1) {
		if time.Now().After(deadline) {
			t.Fatalf("memory limit %d MB with %d MB live", l>>20, liveHeap()>>20)
		}
		time.Sleep(governorTick)
	}
	release()
	release() // once only: the check still runs
	if p, _ := readGC(); p != minGCPercent {
		t.Errorf("GOGC %d while the check runs, want %d", p, minGCPercent)
	}
	again()
	if p, _ := readGC(); p != 80 {
		t.Errorf("GOGC %d after the build and the check, want the program's 80", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 3<<30 {
		t.Errorf("memory limit %d after the build and the check, want the program's %d", l, 3<<30)
	}
	runtime.KeepAlive(live)
}

// TestHeadroomBeforeFirstCollection: a build that starts on a heap
// smaller than the budget runs with the collector off and the memory
// limit at the budget less half the headroom (and the slack) until a
// collection ends; then the
// governor sets the percent from the live heap, and at the end the
// program's own percent and limit come back.
func TestHeadroomBeforeFirstCollection(t *testing.T) {
	withGovernorRoom(t, 80)
	release := boundHeadroom(true)
	defer release() // also when a check fails: the governor stops
	if p, on := readGC(); on {
		t.Errorf("GOGC %d before the first collection, want the collector off", p)
	}
	if l, want := debug.SetMemoryLimit(-1), int64(budgetBytes-headroomBytes/2+limitSlack); l != want {
		t.Errorf("memory limit %d MB before the first collection, want %d MB", l>>20, want>>20)
	}
	time.Sleep(3 * governorTick) // the governor leaves it off while nothing is collected
	if p, on := readGC(); on {
		t.Errorf("GOGC %d with nothing collected, want the collector off", p)
	}
	if !uncollected.Load() {
		t.Error("uncollected false with the collector off: the sheets' node arenas would not be lent")
	}
	runtime.GC() // a collection of a heap that did not grow: not the first of the build's
	time.Sleep(3 * governorTick)
	if p, on := readGC(); on {
		t.Errorf("GOGC %d after a collection of a heap that did not grow, want the collector off", p)
	}
	collectedByLimit(t) // the build's heap reaches the limit
	deadline := time.Now().Add(5 * time.Second)
	for p, on := readGC(); !on || p != gcPercentFor(liveHeap(), 80, true); p, on = readGC() { // as the governor sets it
		if time.Now().After(deadline) {
			t.Fatalf("GOGC %d (on: %v) after a collection with %d MB live, want %d", p, on, liveHeap()>>20, gcPercentFor(liveHeap(), 80, true))
		}
		time.Sleep(governorTick)
	}
	for l := debug.SetMemoryLimit(-1); l != 3<<30; l = debug.SetMemoryLimit(-1) {
		if time.Now().After(deadline) {
			t.Fatalf("memory limit %d MB after a collection, want the program's", l>>20)
		}
		time.Sleep(governorTick)
	}
	if uncollected.Load() {
		t.Error("uncollected true once the build's heap is collected: the arenas would be lent under the write barrier")
	}
	release()
	if p, _ := readGC(); p != 80 {
		t.Errorf("GOGC %d after the build, want the program's 80", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 3<<30 {
		t.Errorf("memory limit %d after the build, want the program's %d", l, 3<<30)
	}

	// The garbage that reached the limit, gone (swept: the heap's objects
	// count it until then): the check starts on a small heap.
	runtime.GC()
	check := boundHeadroom(false) // a check: the headroom, not the budget
	defer check()
	if l, want := debug.SetMemoryLimit(-1), int64(headroomBytes+limitSlack); l != want {
		t.Errorf("memory limit %d MB before a check's first collection, want %d MB", l>>20, want>>20)
	}
	check()

	budgetBytes, headroomBytes = 1<<20, 1<<20 // a heap larger than the budget: governed from the start
	large := boundHeadroom(true)
	defer large()
	if uncollected.Load() {
		t.Error("uncollected true on a heap past the budget, the collector on")
	}
	if p, on := readGC(); !on || p != 80 {
		t.Errorf("GOGC %d (on: %v) on a heap past the budget, want the program's 80 until the governor's tick", p, on)
	}
	large()
}

// withGovernorRoom sets the program's percent and a memory limit of 3 GB,
// and a budget and headroom well above the heap and above what the
// process holds (the limit counts it all: nothing collects while the
// governor waits); all are given back when the test ends.
func withGovernorRoom(t *testing.T, percent int) {
	prev, prevLimit := debug.SetGCPercent(percent), debug.SetMemoryLimit(3<<30)
	h, b := headroomBytes, budgetBytes
	t.Cleanup(func() {
		debug.SetGCPercent(prev)
		debug.SetMemoryLimit(prevLimit)
		headroomBytes, budgetBytes = h, b
	})
	debug.FreeOSMemory()
	held := heldBytes(t)
	budgetBytes, headroomBytes = held+512<<20, held+128<<20
}

// collectedByLimit makes garbage until the runtime collects it (the
// memory limit, the collector being off).
func collectedByLimit(t *testing.T) {
	var sink atomic.Pointer[[]byte]
	for before, made := gcCycles(), 0; gcCycles() == before; made++ {
		if made > 1<<16 {
			t.Fatalf("%d GB of garbage and no collection", made>>10)
		}
		b := make([]byte, 1<<20)
		sink.Store(&b)
	}
}

// heldBytes is the memory the runtime holds from the system.
func heldBytes(t *testing.T) uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		t.Fatal("the runtime does not tell the memory it holds")
	}
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

// TestHeadroomCycleUnderWay: a collection under way when a build starts
// (the process's first, at a few megabytes, often is) is not taken for
// the first collection of the build's heap: the collector stays off until
// the heap reaches what it may hold. Garbage made on another goroutine at
// a low percent keeps a cycle under way most of the time; each of the
// trials starts the governor in the middle of that.
func TestHeadroomCycleUnderWay(t *testing.T) {
	withGovernorRoom(t, 5)
	var sink atomic.Pointer[[]byte]
	for trial := range 20 {
		stop, stopped := make(chan struct{}), make(chan struct{})
		go func() { // garbage, collected at 5%: a cycle every few hundred kilobytes
			defer close(stopped)
			for {
				select {
				case <-stop:
					return
				default:
					b := make([]byte, 32<<10)
					sink.Store(&b)
				}
			}
		}()
		for before := gcCycles(); gcCycles() < before+2; { // cycles are under way
			runtime.Gosched()
		}
		release := boundHeadroom(true)
		close(stop)
		<-stopped
		time.Sleep(3 * governorTick)
		p, on := readGC()
		release()
		if on {
			t.Fatalf("trial %d: GOGC %d after a cycle under way as the build started, want the collector off until the heap reaches %d MB",
				trial, p, firstHeap(true)>>20)
		}
	}
}
