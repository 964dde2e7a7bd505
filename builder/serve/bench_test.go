//go:build unix

package serve

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/piao-pa/piao/internal/synth"
)

// BenchmarkEditToReload measures, on synthetic sites of 1,000 and 10,000
// sheets, the time from saving one sheet to the reload event (reload-ms),
// and to the sheet's page served with the new text (page-ms); cpu-ms is the
// CPU time the process spent per save, the complete build that follows
// the reload included. The targets are 100 ms and 500 ms to the reload
// event on a 2-core machine.
//
// Saves come one after the other; with settle, each save waits first for
// the site of the previous one to be complete (the home page served anew),
// as when someone saves, then looks.
func BenchmarkEditToReload(b *testing.B) {
	for _, settle := range []bool{false, true} {
		for _, n := range []int{1000, 10000} {
			b.Run(fmt.Sprintf("sheets=%d/settle=%v", n, settle), func(b *testing.B) { benchEdit(b, n, settle) })
		}
	}
}

var objectiveLine = regexp.MustCompile(`(?m)^obiettivo_operativo: .*$`)

func benchEdit(b *testing.B, n int, settle bool) {
	dir := b.TempDir()
	sheets, err := synth.Generate(dir, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	srv, _ := startServer(b, dir)
	b.Logf("%d sheets: first build %v", n, time.Since(start).Round(time.Millisecond))
	st := openStream(b, srv)
	sheet := sheets[len(sheets)/2]
	file := filepath.Join(dir, filepath.FromSlash(sheet))
	orig := readFile(b, file)
	slug := strings.TrimSuffix(path.Base(sheet), path.Ext(sheet))
	page := "/" + synth.PlanSlug + "/operativi/" + slug + "/"
	var toReload, toPage time.Duration
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		if settle {
			get(b, srv, "/")
		}
		i++
		marker := fmt.Sprintf("Modifica-%d", i)
		text := objectiveLine.ReplaceAllString(orig, `obiettivo_operativo: "`+marker+`"`)
		t0 := time.Now()
		writeFile(b, file, text)
		for st.next(b) != "reload" {
		}
		toReload += time.Since(t0)
		st.waitFor(b, marker, pageHas(b, srv, page, marker))
		toPage += time.Since(t0)
	}
	b.ReportMetric(float64(toReload.Milliseconds())/float64(i), "reload-ms/op")
	b.ReportMetric(float64(toPage.Milliseconds())/float64(i), "page-ms/op")
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(i), "cpu-ms/op")
}

// cpuTime is the CPU time this process has used, on every core: the work
// of a save, whatever else the machine is doing.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFirstBuild measures the full build into memory that piao serve
// does when it starts, or after the event queue overflowed: the same
// pipeline as piao build (minified), without writing to disk.
func BenchmarkFirstBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sheets=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := synth.Generate(dir, n, 1); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				srv, _ := startServer(b, dir)
				srv.Close()
			}
		})
	}
}

// BenchmarkServeStart measures, on a synthetic site of 10,000 sheets, the
// time from starting the server to the first sheet's page served
// (first-page-ms): the first start, and a start when nothing changed
// since piao build wrote public/ (after-build), which serves that output
// while the complete build runs in the background. The target of the
// second is 2 s.
func BenchmarkServeStart(b *testing.B) {
	for _, built := range []bool{false, true} {
		b.Run(fmt.Sprintf("sheets=10000/after-build=%v", built), func(b *testing.B) {
			dir := b.TempDir()
			sheets, err := synth.Generate(dir, 10000, 1)
			if err != nil {
				b.Fatal(err)
			}
			if built {
				buildPublic(b, dir)
			}
			sheet := sheets[len(sheets)/2] // an operational sheet, as benchEdit takes
			slug := strings.TrimSuffix(path.Base(sheet), path.Ext(sheet))
			page := "/" + synth.PlanSlug + "/operativi/" + slug + "/"
			var total time.Duration
			for b.Loop() {
				t0 := time.Now()
				srv, log := startServer(b, dir)
				if code, _ := get(b, srv, page); code != 200 {
					b.Fatalf("GET %s: %d", page, code)
				}
				total += time.Since(t0)
				if fromOutput(srv) != built {
					b.Fatalf("started from the output: %v, want %v\n%s", !built, built, log)
				}
				srv.Close()
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "first-page-ms/op")
		})
	}
}
