package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/piao-pa/piao/internal/searchprobe"
)

// usage is what the operating system says a process used.
type usage struct {
	Wall, CPU time.Duration
	RSS       int64 // peak resident memory, in bytes
}

// runProcess runs a command to its end and returns its usage and output.
func runProcess(env []string, name string, args ...string) (usage, string, error) {
	return runProcessWithin(0, env, name, args...)
}

// errHung is a process killed for running past its time.
var errHung = errors.New("hung: killed")

// runProcessWithin is runProcess, killing the process once it has run for
// limit (errHung); 0 is no limit.
func runProcessWithin(limit time.Duration, env []string, name string, args ...string) (usage, string, error) {
	ctx, cancel := context.Background(), context.CancelFunc(func() {})
	if limit > 0 {
		ctx, cancel = context.WithTimeout(ctx, limit)
	}
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = time.Second // a child killed or not, its output is not waited for past that
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	u := usage{Wall: time.Since(start)}
	if cmd.ProcessState != nil {
		if cpu, rss, ok := processUsage(cmd.ProcessState); ok {
			u.CPU, u.RSS = cpu, rss
		}
	}
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("%w after %v", errHung, limit)
	}
	if err != nil {
		return u, out.String(), fmt.Errorf("%s %s: %w\n%.2000s", filepath.Base(name), strings.Join(args, " "), err, out.String())
	}
	return u, out.String(), nil
}

// median returns the run of median wall time.
func median(runs []usage) usage {
	s := slices.Clone(runs)
	slices.SortFunc(s, func(a, b usage) int { return int(a.Wall - b.Wall) })
	return s[len(s)/2]
}

// runsFor is how many times a build of n sheets is timed: the median of
// three where it is cheap, of five where Hugo builds the same sheets
// (sideBySide: a ratio is the median of the runs paired in time, and on
// this shared machine a run of three once had two in a slow spell, the
// builds of 10,000 sheets taking from 2.98 to 6.60 s), one run of the
// largest sites.
func runsFor(n int, sideBySide bool) int {
	switch {
	case n > 10000:
		return 1
	case sideBySide:
		return 5
	}
	return 3
}

// row is the measure of one site size.
type row struct {
	Sheets, Runs          int
	SourceBytes           int64
	Build, Rebuild, Check usage  // medians; Rebuild: again, nothing changed
	CheckAfter            usage  // piao check given the output of the last build (its sheet store)
	Edit                  usage  // again after editing one sheet
	EditAgain             usage  // after editing it once more: the output replaced the first time is the spare (median of rebuildRepeats)
	EditData              usage  // after changing one of its targets (editTarget; median of rebuildRepeats)
	EditStages            []mark // the stages of Edit, of EditAgain, of EditData and of the last cold Check (PIAO_STAGES)
	AgainStages           []mark
	DataStages            []mark
	CheckStages           []mark
	Builds                []usage // every timed build, in order
	Paired                []usage // above pairedSize: a clean build of pairedSize sheets just before and just after the timed one
	Pages, Files          int
	Bytes                 int64
	Kinds                 []kind // the output by kind of file
	IndexFiles            int
	IndexBytes            int64
	QueryBytes, QueryFile int
	QueryMs               float64
	Floor                 *floor // for the profiled size: the disk's share
	Whole                 whole  // the whole plan on one page, or in parts
	Hugo                  *hugoSide
}

// whole measures the pages of the whole plan ("Piano completo"): how many,
// their bytes, and the largest.
type whole struct {
	Pages          int
	Bytes, Largest int64
}

// measureWhole reads the whole plan's pages from the published site.
func measureWhole(out string) whole {
	var w whole
	pages, _ := filepath.Glob(filepath.Join(out, "*", "completo", "index.html"))
	parts, _ := filepath.Glob(filepath.Join(out, "*", "completo", "parte-*", "index.html"))
	for _, p := range append(pages, parts...) {
		if info, err := os.Stat(p); err == nil {
			w.Pages++
			w.Bytes += info.Size()
			w.Largest = max(w.Largest, info.Size())
		}
	}
	return w
}

// hugoSide is Hugo (and Pagefind) on the same sheets, run by run
// alternately with piao's builds.
type hugoSide struct {
	Runs     []hugoRun
	Edit     usage // hugo again after editing the same sheet, into its output
	Files    int
	Bytes    int64
	Kinds    []kind
	Pagefind bool
}

// Median is the run of median Hugo wall time.
func (h *hugoSide) Median() hugoRun {
	s := slices.Clone(h.Runs)
	slices.SortFunc(s, func(a, b hugoRun) int { return int(a.Hugo.Wall - b.Hugo.Wall) })
	return s[len(s)/2]
}

// Hugos and Boths are the runs of Hugo alone and of Hugo with Pagefind
// (the first pagefindRuns: paired with piao's first builds).
func (h *hugoSide) Hugos() []usage { return mapRuns(h.Runs, func(r hugoRun) usage { return r.Hugo }) }
func (h *hugoSide) Boths() []usage {
	n := 0
	for n < len(h.Runs) && h.Runs[n].WithPagefind {
		n++
	}
	return mapRuns(h.Runs[:n], hugoRun.Both)
}

func mapRuns(runs []hugoRun, f func(hugoRun) usage) []usage {
	out := make([]usage, len(runs))
	for i, r := range runs {
		out[i] = f(r)
	}
	return out
}

// measureExample times piao build on the example site, the current
// folder: into an empty folder, and again over its own output.
func measureExample(o options) (fresh, again usage, err error) {
	out := filepath.Join(o.work, "out-example")
	defer cleanOut(out)
	var runs, reruns []usage
	for range 9 {
		if err := cleanOut(out); err != nil {
			return fresh, again, err
		}
		u, _, err := runProcess(nil, o.piao, "build", "-s", ".", "-d", out)
		if err != nil {
			return fresh, again, err
		}
		runs = append(runs, u)
		if u, _, err = runProcess(nil, o.piao, "build", "-s", ".", "-d", out); err != nil {
			return fresh, again, err
		}
		reruns = append(reruns, u)
	}
	fresh, again = median(runs), median(reruns)
	logf("example site: %v, again %v", fresh.Wall.Round(time.Millisecond), again.Wall.Round(time.Millisecond))
	return fresh, again, nil
}

// cleanOut discards an output folder and piao's build cache, sheet store
// and sheets' search documents beside it: the next build is a clean one.
func cleanOut(out string) error {
	beside := filepath.Join(filepath.Dir(out), "."+filepath.Base(out))
	for _, f := range []string{out, beside + ".piao-cache", beside + ".piao-sheets", beside + ".piao-search"} {
		if err := discard(f); err != nil {
			return err
		}
	}
	return nil
}

// pairedSize is the size a larger one is measured against: the target
// is a build of 50,000 sheets in at most 5.5 times the time of 10,000.
// Timed once each, minutes apart, the two sizes were timed on a machine
// of another speed: on this shared machine the same binary built 10,000
// sheets in 4.9 to 6.2 s and 50,000 in 27 to 43 s within half an hour
// (by hand on tmpfs). A larger size is measured against builds of
// pairedSize sheets made just before and just after it (row.Paired), as
// Hugo's ratios pair runs made side by side.
const pairedSize = 10000

// measureSize writes a site of n sheets and measures it; at the sizes of
// o.hugoSizes, Hugo builds the same sheets between piao's builds. It
// gives the site, kept for the caller to discard. Past pairedSize, pair
// is the site of pairedSize sheets (or "", for none), built just before
// and just after the timed build.
func measureSize(o options, n int, pair string) (r row, site string, err error) {
	r = row{Sheets: n, Runs: runsFor(n, o.hugoSizes[n])}
	out, hout := filepath.Join(o.work, fmt.Sprintf("out-%d", n)), filepath.Join(o.work, fmt.Sprintf("hugo-out-%d", n))
	site, hsite, err := makeSites(o, n, o.hugoSizes[n])
	defer discard(hsite)
	defer cleanOut(out)
	defer discard(hout)
	if err != nil {
		return r, site, err
	}
	pout := filepath.Join(o.work, "out-paired")
	defer cleanOut(pout)
	paired := func() error {
		if pair == "" || n <= pairedSize {
			return nil
		}
		u, err := buildClean(o, pairedSize, pair, pout, false)
		r.Paired = append(r.Paired, u)
		return err
	}
	_, r.SourceBytes = tree(site)
	if hsite != "" {
		r.Hugo = &hugoSide{Pagefind: o.pagefind != ""}
	}
	for i := range r.Runs {
		if r.Hugo != nil && i%2 == 1 { // Hugo first every other run: neither always gets the calmer moment
			if err := r.Hugo.run(o, hsite, hout); err != nil {
				return r, site, err
			}
		}
		if err := paired(); err != nil {
			return r, site, err
		}
		u, err := buildClean(o, n, site, out, false)
		if err != nil {
			return r, site, err
		}
		r.Builds = append(r.Builds, u)
		if err := paired(); err != nil {
			return r, site, err
		}
		if r.Hugo != nil && i%2 == 0 {
			if err := r.Hugo.run(o, hsite, hout); err != nil {
				return r, site, err
			}
		}
	}
	if n == o.target { // the profile, from a build of its own: not one of those timed
		if _, err := buildClean(o, n, site, out, true); err != nil {
			return r, site, err
		}
	}
	r.Build = median(r.Builds)
	for _, u := range r.Paired {
		logf("%d sheets: a build of %d sheets beside it took %v", n, pairedSize, u.Wall.Round(time.Millisecond))
	}
	r.Files, r.Bytes = tree(out)
	r.Kinds = kinds(out, piaoKind)
	r.Pages = countHTML(out)
	r.Whole = measureWhole(out)
	// The rebuilds before the disk's floor, which writes the output six
	// times more: the first rebuild after a clean build makes 13,000
	// folders, and the disk is calmer before.
	if err := measureRebuilds(o, site, hsite, out, hout, &r); err != nil {
		return r, site, err
	}
	var checks, after []usage
	syncDisks() // the rebuilds' writing is not the checks'
	for range r.Runs {
		u, st, err := runStaged(o, "check", "-s", site)
		if err != nil {
			return r, site, err
		}
		r.CheckStages = st
		checks = append(checks, u)
		if u, _, err = runProcess(nil, o.piao, "check", "-s", site, "-d", out); err != nil {
			return r, site, err
		}
		after = append(after, u)
	}
	r.Check, r.CheckAfter = median(checks), median(after)
	if n == o.target {
		if err := measureFloorOf(out, &r); err != nil {
			return r, site, err
		}
	}
	if err := probeSearch(o, out, &r); err != nil {
		return r, site, err
	}
	logf("%d sheets: build %v (CPU %v, %d MB), again %v, after an edit %v, check %v; %d files, %d MB",
		n, r.Build.Wall.Round(time.Millisecond), r.Build.CPU.Round(time.Millisecond), r.Build.RSS>>20,
		r.Rebuild.Wall.Round(time.Millisecond), r.Edit.Wall.Round(time.Millisecond), r.Check.Wall.Round(time.Millisecond), r.Files, r.Bytes>>20)
	return r, site, nil
}

// buildClean runs piao build into an empty folder without a cache,
// profiled if asked.
func buildClean(o options, n int, site, out string, profiled bool) (usage, error) {
	if err := cleanOut(out); err != nil {
		return usage{}, err
	}
	var env []string
	if profiled {
		env = []string{"PIAO_CPUPROFILE=" + profileFile(o)}
	}
	syncDisks() // the writing of the previous run is not this one's
	u, _, err := runProcess(env, o.piao, "build", "-s", site, "-d", out)
	return u, err
}

// run builds the Hugo site once more, with Pagefind if it is one of the
// first pagefindRuns; the output is counted after the last run with
// Pagefind (or the first, without it).
func (h *hugoSide) run(o options, site, out string) error {
	withPagefind := h.Pagefind && len(h.Runs) < pagefindRuns
	hr, err := buildHugo(o, site, out, withPagefind)
	if err != nil {
		return err
	}
	h.Runs = append(h.Runs, hr)
	if len(h.Runs) == 1 || withPagefind {
		h.Files, h.Bytes = tree(out)
		h.Kinds = kinds(out, hugoKind)
	}
	return nil
}

func measureFloorOf(out string, r *row) error {
	fl, err := measureFloor(out, r.Sheets, 3)
	if err != nil {
		return err
	}
	r.Floor = fl
	fast, slow := fl.Range()
	logf("%d sheets: writing the output alone took %v (from %v to %v)", r.Sheets,
		fl.Median().Wall.Round(time.Millisecond), fast.Round(time.Millisecond), slow.Round(time.Millisecond))
	return nil
}

// measureRebuilds times piao build into its previous output with nothing
// changed, then after editing one sheet's body twice and one of its
// targets; and Hugo after the same edit of the body.
// The largest site (built once) is not built again: make bench stays
// under ten minutes.
func measureRebuilds(o options, site, hsite, out, hout string, r *row) error {
	syncDisks()
	if r.Runs == 1 {
		return nil
	}
	var err error
	if r.Rebuild, _, err = runProcess(nil, o.piao, "build", "-s", site, "-d", out); err != nil {
		return err
	}
	if err := editSheet(site, false); err != nil {
		return err
	}
	if r.Edit, r.EditStages, err = runStaged(o, "build", "-s", site, "-d", out); err != nil {
		return err
	}
	if r.EditAgain, r.AgainStages, err = rebuildMedian(o, site, out, func() error { return editSheet(site, false) }); err != nil {
		return err
	}
	if r.EditData, r.DataStages, err = rebuildMedian(o, site, out, func() error { return editTarget(site) }); err != nil {
		return err
	}
	if r.Hugo == nil {
		return nil
	}
	if err := editSheet(hsite, true); err != nil {
		return err
	}
	r.Hugo.Edit, err = runHugo(o.hugo, hsite, hout, nil)
	return err
}

// rebuildRepeats is how many times a rebuild after an edit into an
// output that has a spare is timed: on a disk, one such rebuild of
// 10,000 sheets varies by some 50 ms from one run to the next, as much
// as what parts it from the target.
const rebuildRepeats = 3

// rebuildMedian makes the edit and rebuilds site into out rebuildRepeats
// times, and gives the run of median wall time and its stages.
func rebuildMedian(o options, site, out string, edit func() error) (usage, []mark, error) {
	var runs []usage
	stages := map[time.Duration][]mark{}
	for range rebuildRepeats {
		if err := edit(); err != nil {
			return usage{}, nil, err
		}
		u, st, err := runStaged(o, "build", "-s", site, "-d", out)
		if err != nil {
			return usage{}, nil, err
		}
		runs = append(runs, u)
		stages[u.Wall] = st
	}
	m := median(runs)
	return m, stages[m.Wall], nil
}

func profileFile(o options) string { return filepath.Join(o.work, "build.prof") }

// mark is a stage of a piao run and how long the run took to reach it
// from the one before (internal/stages).
type mark struct {
	Name string
	Took time.Duration
}

// runStaged runs piao with args, recording its stages (PIAO_STAGES).
func runStaged(o options, args ...string) (usage, []mark, error) {
	file := filepath.Join(o.work, "stages.tsv")
	os.Remove(file)
	u, _, err := runProcess([]string{"PIAO_STAGES=" + file}, o.piao, args...)
	if err != nil {
		return u, nil, err
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return u, nil, fmt.Errorf("PIAO_STAGES: %w", err)
	}
	st, err := parseStages(string(b))
	return u, st, err
}

// parseStages reads what PIAO_STAGES writes: a stage a line, its name, a
// tab and the seconds since the start; it gives each stage the time since
// the one before.
func parseStages(s string) ([]mark, error) {
	var out []mark
	var last float64
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		name, at, ok := strings.Cut(line, "\t")
		secs, err := strconv.ParseFloat(at, 64)
		if !ok || err != nil || secs < last {
			return nil, fmt.Errorf("PIAO_STAGES: line %q", line)
		}
		out = append(out, mark{name, time.Duration((secs - last) * float64(time.Second))})
		last = secs
	}
	return out, nil
}

// probeSearch measures the search index of the site published in out and
// the bytes its first queries load.
func probeSearch(o options, out string, r *row) error {
	dir, err := searchprobe.DataDir(out)
	if err != nil {
		return err
	}
	if r.IndexFiles, r.IndexBytes, err = searchprobe.Size(dir); err != nil {
		return err
	}
	answers, err := searchprobe.Run(o.harness, filepath.Join(out, "assets", "js", "search.js"), dir, searchQueries())
	if err != nil {
		return err
	}
	for _, a := range answers {
		if a.Bytes > r.QueryBytes {
			r.QueryBytes, r.QueryFile = a.Bytes, a.Files
		}
		r.QueryMs = max(r.QueryMs, a.Ms)
	}
	return nil
}

// tree counts the files under root and their bytes, piao's marker aside.
func tree(root string) (files int, size int64) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".piao-output" {
			return err
		}
		if info, err := d.Info(); err == nil {
			files++
			size += info.Size()
		}
		return nil
	})
	return files, size
}

func countHTML(root string) int {
	n := 0
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".html" {
			n++
		}
		return err
	})
	return n
}
