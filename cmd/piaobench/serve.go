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

// serveLatency runs the serve benchmark and reads its lines.
func serveLatency() ([]serveRow, error) {
	logf("piao serve: edit to reload at 1,000 and 10,000 sheets (go test -bench EditToReload)")
	cmd := exec.Command("go", "test", "-run=NONE", "-bench=EditToReload", "-benchtime=5x", "-timeout=30m", "./builder/serve/")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("serve benchmark: %w\n%.3000s", err, out)
	}
	rows := parseServe(string(out))
	if len(rows) == 0 {
		return nil, fmt.Errorf("serve benchmark: no result in\n%.3000s", out)
	}
	return rows, nil
}

// parseServe reads the lines of the benchmark's output.
func parseServe(out string) []serveRow {
	var rows []serveRow
	for _, l := range strings.Split(out, "\n") {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
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
