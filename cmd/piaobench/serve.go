package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// serveRow is a line of the piao serve benchmark (builder/serve,
// BenchmarkEditToReload): the time from saving a sheet to the reload
// event, to the page served anew, and the CPU time per save.
type serveRow struct {
	Sheets                  int
	Settle                  bool
	Saves                   int
	ReloadMs, PageMs, CPUMs float64
}

var benchLine = regexp.MustCompile(`^BenchmarkEditToReload/sheets=(\d+)/settle=(true|false)\S*\s+(\d+)\s+(.*)$`)

// startRow is a line of the piao serve start benchmark (builder/serve,
// BenchmarkServeStart): the time from starting the server to the first
// sheet's page, the first time and when nothing changed since piao build.
type startRow struct {
	Sheets      int
	AfterBuild  bool
	Starts      int
	FirstPageMs float64
}

var startLine = regexp.MustCompile(`^BenchmarkServeStart/sheets=(\d+)/after-build=(true|false)\S*\s+(\d+)\s+.*?([\d.]+) first-page-ms/op`)

// serveLatency runs the serve benchmarks and reads their lines.
func serveLatency() ([]serveRow, []startRow, error) {
	logf("piao serve: edit to reload at 1,000 and 10,000 sheets, start at 10,000 (go test -bench 'EditToReload|ServeStart')")
	var out []byte
	for _, run := range [][]string{{"-bench=EditToReload", "-benchtime=5x"}, {"-bench=ServeStart", "-benchtime=2x"}} {
		cmd := exec.Command("go", append([]string{"test", "-run=NONE", "-timeout=30m"}, append(run, "./builder/serve/")...)...)
		b, err := cmd.CombinedOutput()
		if err != nil {
			return nil, nil, fmt.Errorf("serve benchmark: %w\n%.3000s", err, b)
		}
		out = append(out, b...)
	}
	rows, starts := parseServe(string(out)), parseStart(string(out))
	if len(rows) == 0 || len(starts) == 0 {
		return nil, nil, fmt.Errorf("serve benchmark: no result in\n%.3000s", out)
	}
	return rows, starts, nil
}

// matchLines returns the submatches of re in each line of out it matches.
func matchLines(out string, re *regexp.Regexp) [][]string {
	var ms [][]string
	for _, l := range strings.Split(out, "\n") {
		if m := re.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			ms = append(ms, m)
		}
	}
	return ms
}

// parseStart reads the start benchmark's lines.
func parseStart(out string) []startRow {
	var rows []startRow
	for _, m := range matchLines(out, startLine) {
		r := startRow{AfterBuild: m[2] == "true"}
		r.Sheets, _ = strconv.Atoi(m[1])
		r.Starts, _ = strconv.Atoi(m[3])
		r.FirstPageMs, _ = strconv.ParseFloat(m[4], 64)
		rows = append(rows, r)
	}
	return rows
}

// parseServe reads the lines of the benchmark's output.
func parseServe(out string) []serveRow {
	var rows []serveRow
	for _, m := range matchLines(out, benchLine) {
		r := serveRow{Settle: m[2] == "true"}
		r.Sheets, _ = strconv.Atoi(m[1])
		r.Saves, _ = strconv.Atoi(m[3])
		f := strings.Fields(m[4])
		for i := 0; i+1 < len(f); i += 2 {
			v, _ := strconv.ParseFloat(f[i], 64)
			switch f[i+1] {
			case "reload-ms/op":
				r.ReloadMs = v
			case "page-ms/op":
				r.PageMs = v
			case "cpu-ms/op":
				r.CPUMs = v
			}
		}
		rows = append(rows, r)
	}
	return rows
}
