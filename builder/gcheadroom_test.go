package builder

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCPercentFor(t *testing.T) {
	for _, c := range []struct {
		live           uint64
		original, want int
	}{
		{0, 100, 100},
		{100 << 20, 100, 100},     // a site of a few thousand sheets: as it was
		{512 << 20, 100, 50},      // 256 MB of headroom
		{2 << 30, 100, 25},        // never below minGCPercent
		{100 << 20, 50, 50},       // never above the program's own
		{1 << 30, 10, 10},         // nor raised to minGCPercent
		{300 << 20, 200, 85},      // GOGC=200: lowered too
		{128 << 20, 1000, 200},    // a large GOGC, a small heap
		{1 << 40, 100, 25},        // a huge heap
		{headroomBytes, 100, 100}, // exactly the headroom
	} {
		if got := gcPercentFor(c.live, c.original); got != c.want {
			t.Errorf("live %d MB, GOGC %d: %d, want %d", c.live>>20, c.original, got, c.want)
		}
	}
}

// TestBoundHeadroom: while a build runs, a live heap larger than the
// headroom lowers the collector's percent; when the last build ends, the
// program's own comes back.
func TestBoundHeadroom(t *testing.T) {
	prev := debug.SetGCPercent(80)
	defer debug.SetGCPercent(prev)
	defer func(h uint64) { headroomBytes = h }(headroomBytes)
	headroomBytes = 1 << 20
	live := make([]byte, 16<<20) // 16 times the headroom
	runtime.GC()
	release, again := boundHeadroom(), boundHeadroom()
	deadline := time.Now().Add(5 * time.Second)
	for p, _ := readGC(); p != minGCPercent; p, _ = readGC() {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC %d with %d MB live, want %d", p, liveHeap()>>20, minGCPercent)
		}
		time.Sleep(governorTick)
	}
	release()
	release() // once only: the other build still runs
	if p, _ := readGC(); p != minGCPercent {
		t.Errorf("GOGC %d while a build runs, want %d", p, minGCPercent)
	}
	again()
	if p, _ := readGC(); p != 80 {
		t.Errorf("GOGC %d after the builds, want the program's 80", p)
	}
	runtime.KeepAlive(live)
}
