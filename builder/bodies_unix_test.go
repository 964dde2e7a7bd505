//go:build unix

package builder

import (
	"runtime"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/synth"
)

// Linear growth and the cost at 1 MB of the shapes of synth.Bodies,
// measured in CPU time (getrusage) and memory.

// cost is what a piece of work took: CPU time on every core, and bytes
// allocated.
type cost struct {
	cpu   time.Duration
	alloc uint64
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// leastCosts returns, for each piece of work, the least CPU time and the
// least allocation that one run took, over reps measurements taken in
// turns: the cost of the work itself, with as little as possible of what
// else the machine was doing, and a load that comes or goes weighing on
// each alike. Work that takes less than 50 ms is run as many times as
// that takes, per measurement.
func leastCosts(reps int, works ...func()) []cost {
	const enough = 50 * time.Millisecond
	ns := make([]int, len(works))
	best := make([]cost, len(works))
	for i, work := range works {
		work() // as the measured runs find things
		ns[i] = 1
		if c := measure(1, work); c.cpu < enough {
			ns[i] = int(enough/max(c.cpu, time.Millisecond)) + 1
		}
		best[i] = cost{cpu: time.Duration(1<<63 - 1), alloc: 1<<64 - 1}
	}
	for range reps {
		for i, work := range works {
			c := measure(ns[i], work)
			best[i].cpu, best[i].alloc = min(best[i].cpu, c.cpu), min(best[i].alloc, c.alloc)
		}
	}
	return best
}

// measure is the cost of one of n runs of work.
func measure(n int, work func()) cost {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := processCPU()
	for range n {
		work()
	}
	cpu := processCPU() - start
	runtime.ReadMemStats(&after)
	return cost{cpu: cpu / time.Duration(n), alloc: (after.TotalAlloc - before.TotalAlloc) / uint64(n)}
}

// TestBodiesGrowLinearly: for every shape of text in synth.Bodies — the
// ones that made a stage quadratic (goldmark's links, emphasis, brackets
// and nesting, the minifier's character references, a table's padding)
// and prose — building the site with the text twice and four times as
// long, as a sheet's body or as the description of an indicator (a
// field's inline Markdown), costs about twice the CPU time and the
// memory at each doubling, whether it is published or refused: at most
// synth.MaxMemoryGrowth the memory, and not more than synth.MaxStep the CPU
// time at both.
// Each is measured as ratios in one run (the least of five runs at each
// size, the sizes in turns), so that the machine's speed and load cancel
// out.
func TestBodiesGrowLinearly(t *testing.T) {
	const size = 128 << 10
	for _, where := range []struct {
		name string
		site func(string) fstest.MapFS
	}{{"body", bodySite}, {"field", fieldTextSite}} {
		for _, b := range synth.Bodies {
			t.Run(where.name+"/"+b.Name, func(t *testing.T) { growsLinearly(t, size, b, where.site) })
		}
	}
}

// growsLinearly measures the build of a site made by site with text of the
// shape b, at size, twice and four times that.
func growsLinearly(t *testing.T, size int, b synth.Body, site func(string) fstest.MapFS) {
	build := func(text string) func() {
		fsys := site(text)
		return func() { Build(Input{Site: fsys, Themes: piao.Themes, Minify: true}) }
	}
	costs := leastCosts(5, build(b.Make(size)), build(b.Make(2*size)), build(b.Make(4*size)))
	t.Logf("%s: %v, %d kB → %v, %d kB → %v, %d kB", b.Name, costs[0].cpu, costs[0].alloc>>10,
		costs[1].cpu, costs[1].alloc>>10, costs[2].cpu, costs[2].alloc>>10)
	if q, r := synth.Quadratic([3]time.Duration{costs[0].cpu, costs[1].cpu, costs[2].cpu}); q {
		t.Errorf("doubling the text costs %.1f× the CPU time, and doubling it again %.1f×", r[0], r[1])
	}
	for i := range 2 {
		if mem := float64(costs[i+1].alloc) / float64(costs[i].alloc); mem > synth.MaxMemoryGrowth {
			t.Errorf("doubling the text from %d kB takes %.1f× the memory (%d → %d kB)",
				(size<<i)>>10, mem, costs[i].alloc>>10, costs[i+1].alloc>>10)
		}
	}
}

// TestQuadraticTold: the measure and the rule of TestBodiesGrowLinearly
// tell a quadratic work from a linear one, on the same machine and load.
func TestQuadraticTold(t *testing.T) {
	var sink uint64
	spin := func(n int) {
		for i := range n {
			sink = sink*31 + uint64(i)
		}
	}
	linear := func(n int) func() { return func() { spin(n * 2000) } }
	square := func(n int) func() { return func() { spin(n * n / 4) } }
	const n = 4000 // about 4 ms of spinning for the smallest of each
	for _, c := range []struct {
		name string
		work func(int) func()
		want bool
	}{{"linear", linear, false}, {"quadratic", square, true}} {
		costs := leastCosts(5, c.work(n), c.work(2*n), c.work(4*n))
		got, r := synth.Quadratic([3]time.Duration{costs[0].cpu, costs[1].cpu, costs[2].cpu})
		t.Logf("%s: %v → %v → %v", c.name, costs[0].cpu, costs[1].cpu, costs[2].cpu)
		if got != c.want {
			t.Errorf("%s work told quadratic %v (%.1f×, %.1f×), want %v", c.name, got, r[0], r[1], c.want)
		}
	}
	_ = sink
}

// BenchmarkBodies builds the test site with a 1 MB body of each shape of
// synth.Bodies, minified, as piao build does, into memory: cpu-ms/op is
// the CPU time on every core, peak-MB the most the heap's objects took
// at once (sampled every millisecond), B/op what was allocated in all.
// The targets are 2 s and 200 MB.
func BenchmarkBodies(b *testing.B) {
	for _, shape := range synth.Bodies {
		b.Run(strings.ReplaceAll(shape.Name, " ", "-"), func(b *testing.B) {
			fsys := bodySite(shape.Make(1 << 20))
			b.ReportAllocs()
			cpu, peak := processCPU(), uint64(0)
			for b.Loop() {
				peak = max(peak, peakHeap(func() { Build(Input{Site: fsys, Themes: piao.Themes, Minify: true}) }))
			}
			b.ReportMetric(float64((processCPU()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}

// peakHeap runs work and returns the most bytes the heap's objects took
// while it ran, sampled every millisecond.
func peakHeap(work func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	runtime.GC()
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		most := uint64(0)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			most = max(most, sample[0].Value.Uint64())
			select {
			case <-done:
				peak <- most
				return
			case <-tick.C:
			}
		}
	}()
	work()
	close(done)
	return <-peak
}
