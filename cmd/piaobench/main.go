// Command piaobench measures piao at the scale of a region or a ministry
// and writes docs/performance.md and docs/performance.svg (make bench):
//
//	piaobench [-piao bin/piao] [-sizes 100,1000,10000,50000] [-work DIR] [-docs docs]
//
// For each size it writes a site of synthetic sheets (sheets/gen.py and
// sheets/to_piao.py, seed 1), and at the sizes of -hugo-sizes the same
// sheets as a Hugo site. It runs the real binary as a whole process —
// piao build with minifying into an empty folder, alternately with hugo
// --minify and Pagefind on the same sheets; again over its own output and
// after editing one sheet; piao check — and reads from the operating
// system its wall time, CPU time and peak memory; it counts the output by
// kind of file, measures the search index and the bytes of a first query
// (package internal/searchprobe, under Node), profiles the build of the
// target size, and runs the piao serve benchmark for the edit-to-reload
// latency.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	sheets                    string       // gen.py and to_piao.py
	hugo, pagefind            string       // the commands; "" when not found
	hugoSizes                 map[int]bool // the sizes built by Hugo too
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
	flag.BoolVar(&o.serve, "serve", true, "run the go test benchmarks too: piao serve's, and the publish floor")
	flag.StringVar(&o.sheets, "sheets", sheetsDir, "the folder of gen.py and to_piao.py")
	hugoSizes := flag.String("hugo-sizes", "1000,10000", "the sizes built by Hugo (and Pagefind) too, alternately with piao")
	flag.Parse()
	var err error
	if o.sizes, err = parseSizes("-sizes", sizes); err != nil {
		return o, err
	}
	o.hugoSizes = map[int]bool{}
	if *hugoSizes != "" {
		hs, err := parseSizes("-hugo-sizes", *hugoSizes)
		if err != nil {
			return o, err
		}
		for _, n := range hs {
			o.hugoSizes[n] = true
		}
	}
	o.hugo = findTool("hugo")
	o.pagefind = findTool("pagefind", ".tools/bench/node_modules/.bin/pagefind")
	if len(o.hugoSizes) > 0 && o.hugo == "" {
		return o, fmt.Errorf("-hugo-sizes: hugo is not installed (make bench installs the Debian package)")
	}
	for _, p := range []*string{&o.piao, &o.sheets, &o.harness} {
		if *p, err = filepath.Abs(*p); err != nil {
			return o, err
		}
	}
	return o, os.MkdirAll(o.work, 0o755)
}

func parseSizes(flagName, list string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s: %q is not a number of sheets", flagName, s)
		}
		out = append(out, n)
	}
	return out, nil
}

func run() error {
	o, err := parseOptions()
	if err != nil {
		return err
	}
	start := time.Now()
	if old, _ := trashFolders(o.work); len(old) > 0 { // a run before's, killed or still being removed
		if err := emptyTrash(o.work); err != nil {
			return err
		}
		logf("removed what the runs before left, in %v; on a file system without a journal, files made in the next five minutes cost more", time.Since(start).Round(time.Second))
		start = time.Now()
	}
	if err := openTrash(o.work); err != nil {
		return err
	}
	defer func() { // once every figure is taken (trash.go)
		switch detached, err := emptyTrashLater(o.work); {
		case detached:
			logf("what the runs left in %s is being removed by a process of its own (some minutes on a slow disk; a run started meanwhile removes what is left before it measures); on a file system without a journal, files made in the next five minutes cost more: wait as long before timing anything else", o.work)
		case err == nil:
			logf("removed what the runs left; on a file system without a journal, files made in the next five minutes cost more: wait as long before timing anything else")
		}
	}()
	r := &report{Machine: probeMachine(o.work), Started: start}
	logf("machine: %s, %d cores, %s; a folder and a file cost %.0f µs to create",
		r.Machine.CPU, r.Machine.Cores, r.Machine.Memory, r.Machine.CreateMicros)
	if r.Example, r.ExampleAgain, err = measureExample(o); err != nil {
		return err
	}
	pair := "" // the site of pairedSize sheets, kept while a larger size is measured
	defer func() { discard(pair) }()
	for _, n := range o.sizes {
		row, site, err := measureSize(o, n, pair)
		if n == pairedSize && slices.Max(o.sizes) > pairedSize {
			pair = site
		} else {
			discard(site)
		}
		if err != nil {
			return fmt.Errorf("%d sheets: %w", n, err)
		}
		r.Rows = append(r.Rows, row)
	}
	if r.Profile, err = profileStages(o, r); err != nil {
		return err
	}
	if o.serve {
		if r.Serve, r.Start, err = serveLatency(); err != nil {
			return err
		}
		if r.Floor, err = measurePublishFloor(o.work); err != nil {
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

// began is when the bench started: each line of its log says how long
// it had run (make bench must end within ten minutes).
var began = time.Now()

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "piaobench: %s: "+format+"\n", append([]any{elapsed(time.Since(began))}, args...)...)
}

// elapsed is a run's time so far as the log gives it: 9m08s.
func elapsed(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
