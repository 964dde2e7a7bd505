// Command piaobench measures piao at the scale of a region or a ministry
// and writes docs/performance.md and docs/performance.svg (make bench):
//
//	piaobench [-piao bin/piao] [-sizes 100,1000,10000,50000] [-work DIR] [-docs docs]
//
// For each size it writes a synthetic site (package internal/synth, seed
// 1), runs the real binary as a whole process — piao build with minifying
// into an empty folder and again over its own output, piao check — and
// reads from the operating system its wall time, CPU time and peak
// memory; it counts the output, measures the search index and the bytes
// of a first query (package internal/searchprobe, under Node), profiles the
// build of the target size, and runs the piao serve benchmark for the
// edit-to-reload latency.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "piaobench:", err)
		os.Exit(1)
	}
}

// options are the driver's flags.
type options struct {
	piao, work, docs, harness string
	sizes                     []int
	target                    int // the size whose build is profiled
	serve                     bool
}

func parseOptions() (options, error) {
	var o options
	var sizes string
	flag.StringVar(&o.piao, "piao", "bin/piao", "the piao binary to measure")
	flag.StringVar(&sizes, "sizes", "100,1000,10000,50000", "numbers of sheets, comma separated")
	flag.IntVar(&o.target, "target", 10000, "the size whose build is profiled")
	flag.StringVar(&o.work, "work", filepath.Join(os.TempDir(), "piaobench-work"), "working folder for the sites and their output")
	flag.StringVar(&o.docs, "docs", "docs", "where performance.md and performance.svg go")
	flag.StringVar(&o.harness, "harness", "builder/testdata/searchjs/harness.js", "the search script harness")
	flag.BoolVar(&o.serve, "serve", true, "run the piao serve benchmark (go test) too")
	flag.Parse()
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-sizes: %q is not a number of sheets", s)
		}
		o.sizes = append(o.sizes, n)
	}
	var err error
	if o.piao, err = filepath.Abs(o.piao); err != nil {
		return o, err
	}
	return o, os.MkdirAll(o.work, 0o755)
}

func run() error {
	o, err := parseOptions()
	if err != nil {
		return err
	}
	start := time.Now()
	r := &report{Machine: probeMachine(o.work), Started: start}
	logf("machine: %s, %d cores, %s; a folder and a file cost %.0f µs to create",
		r.Machine.CPU, r.Machine.Cores, r.Machine.Memory, r.Machine.CreateMicros)
	if r.Example, r.ExampleAgain, err = measureExample(o); err != nil {
		return err
	}
	for _, n := range o.sizes {
		row, err := measureSize(o, n)
		if err != nil {
			return fmt.Errorf("%d sheets: %w", n, err)
		}
		r.Rows = append(r.Rows, row)
	}
	if r.Profile, err = profileStages(o, r); err != nil {
		return err
	}
	if o.serve {
		if r.Serve, err = serveLatency(); err != nil {
			return err
		}
	}
	r.Took = time.Since(start)
	if err := writeReport(o.docs, r); err != nil {
		return err
	}
	logf("wrote %s and %s in %v", filepath.Join(o.docs, "performance.md"), filepath.Join(o.docs, "performance.svg"), r.Took.Round(time.Second))
	return nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "piaobench: "+format+"\n", args...)
}
