package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// publishFloor is what the publish benchmark (builder/publish,
// BenchmarkPublishKept) measured: an output of 10,000 sheets published
// again into its spare with every file kept, the floor of a rebuild under
// the atomic swap of the whole output.
type publishFloor struct {
	Where string        // the file system it ran on
	Runs  int           // its runs (each the mean of a few publishes)
	Took  time.Duration // the median of the runs, a publish
	Files int           // the files of the output
}

var floorLine = regexp.MustCompile(`^BenchmarkPublishKept\S*\s+\d+\s+(\d+) ns/op\s+(\d+) files`)

// parseFloor reads the benchmark's lines: the median of their times.
func parseFloor(out string) (publishFloor, bool) {
	var took []time.Duration
	var f publishFloor
	for _, m := range matchLines(out, floorLine) {
		ns, _ := strconv.ParseInt(m[1], 10, 64)
		took = append(took, time.Duration(ns))
		f.Files, _ = strconv.Atoi(m[2])
	}
	if len(took) == 0 {
		return f, false
	}
	slices.Sort(took)
	f.Runs, f.Took = len(took), took[len(took)/2]
	return f, true
}

// floorTmpfs is where the publish benchmark runs when it is there: in
// memory, what the publish costs the processor and the system, not the
// disk (a disk, just after the bench removed hundreds of thousands of
// files, would time its own backlog).
const floorTmpfs = "/dev/shm"

// measurePublishFloor runs the publish benchmark.
func measurePublishFloor(work string) (*publishFloor, error) {
	dir, where := work, "the bench's disk"
	if info, err := os.Stat(floorTmpfs); err == nil && info.IsDir() {
		dir, where = floorTmpfs, "tmpfs"
	}
	logf("publish floor: an output of 10,000 sheets published again, nothing changed, on %s (go test -bench PublishKept)", where)
	cmd := exec.Command("go", "test", "-run=NONE", "-timeout=10m", "-bench=PublishKept", "-benchtime=3x", "-count=3", "./builder/publish/")
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	b, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("publish benchmark: %w\n%.3000s", err, b)
	}
	f, ok := parseFloor(string(b))
	if !ok {
		return nil, fmt.Errorf("publish benchmark: no result in\n%.3000s", b)
	}
	f.Where = where
	return &f, nil
}
