package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// stage is a part of piao build and the function whose cumulative time in
// the CPU profile tells its cost; or, for a stage whose work runs on
// goroutines of its own (whose stacks do not hold the function that
// started them), Focus: every sample with one of these functions on its
// stack (pprof -focus).
type stage struct {
	Label, Func, Focus string
	CPU                time.Duration
	Share              float64 // of the CPU time of the whole run, in percent
}

var stages = []stage{
	{Label: "load: read, parse and decode the sheets", Func: "builder.loadWith"},
	{Label: "check: the rules", Focus: `builder\.(check|\(\*checker\)\.)`},
	{Label: "search index, built and encoded", Func: "builder.(*Pages).addSearch"},
	{Label: "open data: JSON, CSV, catalogue", Func: "builder.addOpenData"},
	{Label: "list of pages and static indexes", Focus: `builder\.(listPages|planPages|indexPages|planListings)`},
	{Label: "render the pages (Go and html/template)", Func: "builder.(*renderer).renderTo"},
	{Label: "minify (HTML, CSS, JS)", Func: "minify/v2.(*M).Minify"},
	{Label: "write the files (system calls)", Func: "publish.(*Target).Write"},
	{Label: "all system calls (the disk, mostly)", Func: "linux.Syscall6"},
	{Label: "garbage collection", Func: "runtime.gcBgMarkWorker"},
}

// profile is the CPU profile of the build of the target size.
type profile struct {
	Sheets  int
	Summary string  // pprof's duration and samples line
	Stages  []stage // in the order of stages
	Top     []string
}

// profileStages reads the profile the target size's last build wrote.
func profileStages(o options, r *report) (*profile, error) {
	found := false
	for _, row := range r.Rows {
		found = found || row.Sheets == o.target
	}
	if !found {
		return nil, nil
	}
	out, err := exec.Command("go", "tool", "pprof", "-top", "-cum", "-nodecount=400", o.piao, profileFile(o)).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof: %w", err)
	}
	p := &profile{Sheets: o.target}
	lines := strings.Split(string(out), "\n")
	var rows []string
	for _, l := range lines {
		switch f := strings.Fields(l); {
		case strings.HasPrefix(strings.TrimSpace(l), "Duration:"):
			p.Summary = strings.TrimSpace(l)
		case len(f) >= 6 && strings.HasSuffix(f[4], "%") && f[0] != "flat":
			rows = append(rows, l)
		}
	}
	for _, s := range stages {
		if s.Focus != "" {
			if s.CPU, s.Share, err = focusTotal(o, s.Focus); err != nil {
				return nil, err
			}
			p.Stages = append(p.Stages, s)
			continue
		}
		for _, l := range rows {
			f := strings.Fields(l)
			if strings.Contains(strings.Join(f[5:], " "), s.Func) {
				s.CPU = parseDuration(f[3])
				s.Share, _ = strconv.ParseFloat(strings.TrimSuffix(f[4], "%"), 64)
				break
			}
		}
		p.Stages = append(p.Stages, s)
	}
	for _, l := range rows {
		if len(p.Top) == 30 {
			break
		}
		if !strings.Contains(l, "runtime.") && !strings.Contains(l, "testing.") {
			p.Top = append(p.Top, l)
		}
	}
	return p, nil
}

// focusLine is pprof's total of the samples a focus keeps.
var focusLine = regexp.MustCompile(`Showing nodes accounting for (\S+), ([\d.]+)% of`)

// focusTotal is the CPU time and share of the samples with a function
// that matches focus on their stack.
func focusTotal(o options, focus string) (time.Duration, float64, error) {
	out, err := exec.Command("go", "tool", "pprof", "-top", "-focus="+focus, o.piao, profileFile(o)).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("go tool pprof -focus: %w", err)
	}
	return parseFocus(string(out))
}

// parseFocus reads focusTotal's line; a focus that matches nothing is 0.
func parseFocus(out string) (time.Duration, float64, error) {
	m := focusLine.FindStringSubmatch(out)
	if m == nil {
		return 0, 0, nil
	}
	share, err := strconv.ParseFloat(m[2], 64)
	return parseDuration(m[1]), share, err
}

// parseDuration reads pprof's "1.23s" or "450ms".
func parseDuration(s string) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0
	}
	return d
}
