package builder

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// The garbage collector lets the heap grow, by default, to twice what is
// live before it collects (GOGC=100): on a site of 50,000 sheets, whose
// model and pages hold many hundreds of megabytes while they load and
// render, that headroom alone is as large as everything else; on a site of
// a few thousand sheets, whose live heap is a hundred megabytes or two,
// the same rule collects again and again for a heap far below what a
// large site may use. While piao builds or checks a site, a governor gives
// the heap a headroom of headroomBytes (at least minGCPercent of what is
// live, at most twice the program's percent but never less than lets the
// heap grow back to firstHeap: see gcPercentFor), and for a build less once
// the live heap and its headroom would pass budgetBytes; a program that
// turned the collector off is left as it is. Twice the program's percent
// lets a build of 10,000 sheets collect half as often (33 times instead
// of 60: its CPU time 8% less, its peak of memory some 140 MB more,
// measured by hand on tmpfs) and a build of 50,000 sheets keep within the
// budget all the same; piao check, which keeps nothing, has no budget.
//
// Until the heap first reaches what it may hold (firstHeap: for a build,
// most of the budget), the governor does not let the collector run at
// all: a heap of tens of megabytes, collected at twice the program's
// percent, was collected again and again while it grew (a rebuild after
// an edit at 10,000 sheets collected seven times, the last two on 120 and
// 140 MB live; a full build of 1,000 sheets spent a quarter of its CPU
// collecting). When it starts on a heap smaller than that, the collector
// is off and the memory limit is that and limitSlack (or the program's
// own, if lower): the runtime collects when the process nears it, and
// from that first collection the governor sets the percent as below. The
// peak of a large site is what it was, within the budget (675 MB at
// 50,000 sheets, on tmpfs); a site of a few thousand sheets, and a
// rebuild of ten thousand, is not collected at all, for more memory held
// (at 10,000 sheets a full build's peak 420-450 → 520 MB, a rebuild's
// 340-360 → 490 MB; at 1,000 sheets 90-105 → 275 MB).
//
// The percent bounds the heap's objects, not the memory the process
// holds: memory freed by the collector goes back to the system slowly, and
// on such a heap the process held 1.28 GB with 620 MB live. While a build
// runs with its percent lowered, the governor also sets the runtime's
// memory limit to the live heap, its headroom and limitSlack: the runtime
// then gives freed memory back as it goes (and collects sooner only when
// that is not enough).
const (
	minGCPercent = 25
	governorTick = 20 * time.Millisecond
	limitSlack   = 64 << 20 // beyond live heap and headroom: stacks, the collector's own, fragments
)

// headroomBytes is the headroom the governor allows a large heap (a
// variable for its test).
var headroomBytes uint64 = 256 << 20

// budgetBytes is how large a build's heap may grow, live heap and
// headroom together, before the headroom shrinks below headroomBytes: on
// a site of tens of thousands of sheets the live heap alone is several
// hundred megabytes, and more for a moment while a long page renders, so
// a fixed headroom made the process's peak follow the live heap's. Past
// the budget the headroom is what is left of it, never less than
// minGCPercent of the live heap: the collector then runs more often (a
// variable for its test).
var budgetBytes uint64 = 576 << 20

// uncollected is true while the governor keeps the collector off, until
// the first collection of the build's heap: memory lent again then (a
// nodeArena) is memory the process need not fault in. Once the collector
// runs, it recycles that memory anyway, and lending it costs more than it
// saves: at 50,000 sheets, where the collector marks almost without pause,
// the arenas lent throughout (their nodes zeroed and written again while
// it marks) made a build 10% slower on the machine of the twenty-ninth
// session; on that of the thirty-fourth, 11% fewer bytes marked and 3
// collections fewer of 33, the wall the same within its noise (ten pairs):
// no gain either way.
var uncollected atomic.Bool

var governor struct {
	sync.Mutex
	users    int           // builds and checks running
	builds   int           // those of them that are builds: the heap within budgetBytes
	original int           // the percent the program had, given back when the last one ends
	limit    int64         // the memory limit the program had, given back too
	stop     chan struct{} // ends the governor's goroutine
}

// boundHeadroom starts the governor, if it is not running, until release
// is called: by the last user, the program's own setting comes back. A
// build (not check) keeps the heap within budgetBytes while it runs.
func boundHeadroom(build bool) (release func()) {
	governor.Lock()
	defer governor.Unlock()
	if governor.users == 0 {
		original, ok := readGC()
		if !ok {
			return func() {}
		}
		governor.original, governor.limit, governor.stop = original, debug.SetMemoryLimit(-1), make(chan struct{})
		start := governorStart{percent: original, limit: governor.limit}
		if first, heap := firstHeap(build), heapObjects(); heap < first {
			start.percent, start.limit = -1, min(governor.limit, int64(first+limitSlack))
			debug.SetGCPercent(-1)
			debug.SetMemoryLimit(start.limit)
			uncollected.Store(true)
			start.allocs, start.grow = heapAllocs(), (first-heap)/2
		}
		start.cycles = gcCycles()
		go govern(original, governor.limit, start, governor.stop)
	}
	governor.users++
	if build {
		governor.builds++
	}
	var once sync.Once
	return func() { once.Do(func() { releaseHeadroom(build) }) }
}

func releaseHeadroom(build bool) {
	governor.Lock()
	defer governor.Unlock()
	if build {
		governor.builds--
	}
	if governor.users--; governor.users == 0 {
		uncollected.Store(false)
		close(governor.stop)
		debug.SetGCPercent(governor.original)
		debug.SetMemoryLimit(governor.limit)
	}
}

// firstHeap is how large the heap may grow before its first collection:
// for a build, the budget less half the headroom (at 50,000 sheets the
// first collection comes then while the heap grows fastest, and the
// whole budget made the peak 30 MB higher: 702 MB, past the 700 the
// bench allows); for a check, the headroom.
func firstHeap(build bool) uint64 {
	if build {
		return budgetBytes - min(budgetBytes, headroomBytes/2)
	}
	return headroomBytes
}

// governorStart is how the governor found the collector: the percent
// and memory limit it set (the collector off until the first collection,
// or the program's own), and how many cycles had ended. With the
// collector off, allocs is what the heap had allocated, and grow how much
// more it must allocate before a cycle can be the first collection of
// the build's heap, the one the memory limit makes (half of what parts
// the heap from firstHeap): a cycle that was under way as the collector
// was turned off (the process's first, at 4 MB, often ends as a build
// starts), or that an allocation had already begun, ends after the
// governor started, yet is not that collection. Taken for it, the
// governor collected a heap of tens of megabytes again and again (at
// 10,000 sheets a rebuild under PIAO_CPUPROFILE, whose start allocates,
// collected five times instead of once; a full build eighteen instead
// of twelve).
type governorStart struct {
	percent      int
	limit        int64
	cycles       uint64
	allocs, grow uint64
}

// govern sets the collector's percent, every tick, from the live heap of
// its last cycle, never above twice the program's own; and while a build runs
// with a lowered percent, the memory limit (memoryLimitFor). With the
// collector off from the start, it waits for the first cycle to end.
func govern(original int, limit int64, start governorStart, stop chan struct{}) {
	t := time.NewTicker(governorTick)
	defer t.Stop()
	current, currentLimit := start.percent, start.limit
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		governor.Lock() // never after the last user gave the program's percent back
		select {
		case <-stop:
			governor.Unlock()
			return
		default:
		}
		if current < 0 && !firstCollected(&start) {
			governor.Unlock()
			continue
		}
		uncollected.Store(false)
		live := liveHeap()
		if want := gcPercentFor(live, original, governor.builds > 0); want != current {
			debug.SetGCPercent(want)
			current = want
		}
		if want := memoryLimitFor(live, current, original, limit, governor.builds > 0); want != currentLimit {
			debug.SetMemoryLimit(want)
			currentLimit = want
		}
		governor.Unlock()
	}
}

// firstCollected reports whether the first collection of the build's
// heap has ended, the collector being off from start: a cycle that ends
// once the heap has allocated start.grow more. Until then, start.cycles
// follows the cycles that end.
func firstCollected(start *governorStart) bool {
	cycles := gcCycles()
	if cycles == start.cycles {
		return false
	}
	if heapAllocs()-start.allocs < start.grow {
		start.cycles = cycles // ended too soon to be it
		return false
	}
	return true
}

// memoryLimitFor is the memory limit for a live heap of live bytes
// collected at percent: with build, when percent is below the program's
// own, the live heap, its headroom and limitSlack, rounded up to a
// megabyte (so that a heap that hardly moves leaves it as it is), never
// above the program's own limit; otherwise the program's own.
func memoryLimitFor(live uint64, percent, original int, limit int64, build bool) int64 {
	if !build || percent >= original || live == 0 {
		return limit
	}
	want := live + live*uint64(percent)/100 + limitSlack
	want = (want + 1<<20 - 1) &^ (1<<20 - 1)
	if want >= uint64(limit) {
		return limit
	}
	return int64(want)
}

// gcPercentFor is the percent that gives a live heap of live bytes the
// headroom of headroomBytes (with build, within budgetBytes), between
// minGCPercent and twice original; and, for a live heap below firstHeap,
// at least the percent that lets the heap grow back to firstHeap, which
// the first collection already let it reach: the peak of memory is the
// same, and a build collects less often (at 10,000 sheets, six times
// instead of nine, for 4% less CPU and a peak some 45 MB higher; from 1,000
// sheets down, the heap never reaches firstHeap, and from 50,000 up, the
// live heap leaves less than the budget's headroom).
func gcPercentFor(live uint64, original int, build bool) int {
	if live == 0 {
		return original
	}
	p := min(2*uint64(original), max(minGCPercent, headroomFor(live, build)*100/live))
	if first := firstHeap(build); live < first {
		p = max(p, (first-live)*100/live)
	}
	return int(p)
}

// headroomFor is the headroom of a live heap of live bytes: headroomBytes,
// and for a build no more than what budgetBytes leaves.
func headroomFor(live uint64, build bool) uint64 {
	if !build || live+headroomBytes <= budgetBytes {
		return headroomBytes
	}
	return budgetBytes - min(live, budgetBytes)
}

// readGC reads the collector's percent; false when it is off.
func readGC() (int, bool) {
	p := runtimeMetric("/gc/gogc:percent")
	if p > 1<<20 || p == 0 {
		return 0, false
	}
	return int(p), true
}

// heapAllocs is what the heap has allocated since the program started,
// in bytes.
func heapAllocs() uint64 { return runtimeMetric("/gc/heap/allocs:bytes") }

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 { return runtimeMetric("/gc/heap/live:bytes") }

// gcCycles is how many cycles of the collector have ended.
func gcCycles() uint64 { return runtimeMetric("/gc/cycles/total:gc-cycles") }

// heapObjects is what the heap's objects take now, live or not yet
// collected, in bytes.
func heapObjects() uint64 { return runtimeMetric("/memory/classes/heap/objects:bytes") }

// runtimeMetric reads the runtime's metric name, a count; 0 where the
// runtime does not give it.
func runtimeMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
