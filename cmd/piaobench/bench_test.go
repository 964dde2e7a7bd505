package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseServe(t *testing.T) {
	out := `goos: linux
BenchmarkEditToReload/sheets=1000/settle=false-2         	      10	 123456789 ns/op	        62.00 cpu-ms/op	        81.00 page-ms/op	        45.00 reload-ms/op
BenchmarkEditToReload/sheets=10000/settle=true-2         	      10	 923456789 ns/op	       950.0 cpu-ms/op	       420.0 page-ms/op	       310.0 reload-ms/op
PASS`
	rows := parseServe(out)
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	r := rows[1]
	if r.Sheets != 10000 || !r.Settle || r.Saves != 10 || r.ReloadMs != 310 || r.PageMs != 420 || r.CPUMs != 950 {
		t.Errorf("row %+v", r)
	}
	if rows[0].Settle || rows[0].ReloadMs != 45 {
		t.Errorf("row %+v", rows[0])
	}
}

// TestChart: the chart has a point and a label per size in each panel,
// the target lines, and the same bytes for the same figures.
func TestChart(t *testing.T) {
	rows := []row{
		{Sheets: 100, Build: usage{Wall: 300 * time.Millisecond, RSS: 30 << 20}},
		{Sheets: 1000, Build: usage{Wall: 2 * time.Second, RSS: 60 << 20}},
		{Sheets: 10000, Build: usage{Wall: 20 * time.Second, RSS: 300 << 20}},
	}
	svg := chart(rows)
	if n := strings.Count(svg, "<circle"); n != 6 {
		t.Errorf("%d points, want 6", n)
	}
	for _, want := range []string{">10,000<", "target at 10,000: 1.5 s", "target at 10,000: 250 MB", ">20<", ">300<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if chart(rows) != svg {
		t.Error("the same figures gave another chart")
	}
}
