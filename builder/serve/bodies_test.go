//go:build unix

package serve

import (
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/piao-pa/piao/internal/synth"
)

// The rebuild on save, with the body of a sheet of each shape of
// synth.Bodies (see builder's TestBodiesGrowLinearly): saved twice as
// long, it costs at most about twice as much.

const bodySheet = "content/piao-2024-2026/operativi/registro-imprese.md"

// bodyServer serves a copy of the example with its watcher held, so that
// the test itself runs each rebuild, and returns a function that saves
// the Markdown sheet with another body and rebuilds the whole site, as a
// save followed by a look at every page does.
func bodyServer(t testing.TB) func(body string) {
	dir := exampleSite(t)
	file := filepath.Join(dir, filepath.FromSlash(bodySheet))
	front := regexp.MustCompile(`(?s)^---\n.*?\n---\n`).FindString(readFile(t, file))
	srv, _ := startServer(t, dir, func(o *Options) { o.hold = make(chan struct{}) })
	saves := 0
	return func(body string) {
		saves++
		writeFile(t, file, fmt.Sprintf("%s%s\n\nSalvataggio %d.\n", front, body, saves))
		srv.rebuild(batch{paths: map[string]bool{bodySheet: true}})
		_, _ = srv.Files() // every page, as the background pass renders them
		srv.work.Wait()
	}
}

// least is the least CPU time and allocation of one save of each body,
// over five rounds in which the bodies take turns (each measure of as many
// saves as take 50 ms), after a first save of each: the load of a busy
// machine, which changes from one second to the next, weighs on both
// alike. Each measure follows a save of the same body, not measured: a
// save after a refused one (the largest bodies are refused) takes another
// way, the site rebuilt from the error, which renders less (with 128 kB
// of paragraphs, 66 MB allocated against 111 MB after a good save), and
// in turns the smallest body always came after the largest.
func least(save func(string), bodies ...string) ([]time.Duration, []uint64) {
	measure := func(body string, n int) (time.Duration, uint64) {
		var before, after runtime.MemStats
		save(body)
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := cpuTime()
		for range n {
			save(body)
		}
		cpu := cpuTime() - start
		runtime.ReadMemStats(&after)
		return cpu / time.Duration(n), (after.TotalAlloc - before.TotalAlloc) / uint64(n)
	}
	runs := make([]int, len(bodies))
	bestCPU, bestAlloc := make([]time.Duration, len(bodies)), make([]uint64, len(bodies))
	for i, body := range bodies {
		save(body)
		runs[i] = 1
		if cpu, _ := measure(body, 1); cpu < 50*time.Millisecond {
			runs[i] = int(50*time.Millisecond/max(cpu, time.Millisecond)) + 1
		}
		bestCPU[i], bestAlloc[i] = time.Duration(1<<63-1), uint64(1<<64-1)
	}
	for range 5 {
		for i, body := range bodies {
			cpu, alloc := measure(body, runs[i])
			bestCPU[i], bestAlloc[i] = min(bestCPU[i], cpu), min(bestAlloc[i], alloc)
		}
	}
	return bestCPU, bestAlloc
}

// TestRebuildGrowsLinearly: for each shape, saving a body of 128, 256 and
// 512 kB, each doubling costs at most synth.MaxMemoryGrowth the memory,
// and not both more than synth.MaxStep the CPU time (synth.Quadratic),
// whether the body is published or refused.
func TestRebuildGrowsLinearly(t *testing.T) {
	const size = 128 << 10
	save := bodyServer(t)
	for _, b := range synth.Bodies {
		t.Run(b.Name, func(t *testing.T) {
			cpu, mem := least(save, b.Make(size), b.Make(2*size), b.Make(4*size))
			t.Logf("%s: %v, %d kB → %v, %d kB → %v, %d kB", b.Name, cpu[0], mem[0]>>10, cpu[1], mem[1]>>10, cpu[2], mem[2]>>10)
			if q, r := synth.Quadratic([3]time.Duration(cpu)); q {
				t.Errorf("saving a body twice as long costs %.1f× the CPU time, and twice as long again %.1f×", r[0], r[1])
			}
			for i := range 2 {
				if m := float64(mem[i+1]) / float64(mem[i]); m > synth.MaxMemoryGrowth {
					t.Errorf("saving a body twice as long as %d kB takes %.1f× the memory (%d → %d kB)",
						(size<<i)>>10, m, mem[i]>>10, mem[i+1]>>10)
				}
			}
		})
	}
}

// BenchmarkRebuildBody saves the example's Markdown sheet with a 1 MB body
// of each shape and rebuilds the whole site, as piao serve does on save:
// cpu-ms/op is the CPU time, peak-MB the most the heap's objects took (the
// site before the save included), B/op what was allocated. The targets
// are 2 s and 200 MB.
func BenchmarkRebuildBody(b *testing.B) {
	for _, shape := range synth.Bodies {
		b.Run(strings.ReplaceAll(shape.Name, " ", "-"), func(b *testing.B) {
			save := bodyServer(b)
			body := shape.Make(1 << 20)
			b.ReportAllocs()
			cpu, peak := cpuTime(), uint64(0)
			for b.Loop() {
				peak = max(peak, peakHeap(func() { save(body) }))
			}
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}

// peakHeap runs work and returns the most bytes the heap's objects took
// while it ran, sampled every millisecond.
func peakHeap(work func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
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
