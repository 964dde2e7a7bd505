package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/piao-pa/piao/internal/searchprobe"
)

// searchQueries are searchprobe's typical first queries, their filter on
// a unit naming one of the units of the sheets of gen.py.
func searchQueries() []searchprobe.Query {
	qs := slices.Clone(searchprobe.FirstQueries)
	for i, q := range qs {
		fs := slices.Clone(q.Filters)
		for j, f := range fs {
			if strings.HasPrefix(f, "u_") {
				fs[j] = "u_piao-2024-2026_registro-imprese-sede-di-novara"
			}
		}
		qs[i].Filters = fs
	}
	return qs
}

func profileSheets(r *report) int {
	if r.Profile != nil {
		return r.Profile.Sheets
	}
	return 0
}

func find(rows []row, n int) *row {
	for i := range rows {
		if rows[i].Sheets == n {
			return &rows[i]
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

func secs(d time.Duration) string {
	if d < time.Second {
		return ms(d)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

// secsOrEmpty is secs, or "" for a run not made.
func secsOrEmpty(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return secs(d)
}

func mb(n int64) string {
	if n < 10<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
}

func kb(n int64) string { return fmt.Sprintf("%.0f KB", float64(n)/(1<<10)) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
