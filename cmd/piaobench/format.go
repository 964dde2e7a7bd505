package main

import (
	"fmt"
	"time"

	"github.com/piao-pa/piao/internal/searchprobe"
)

func searchQueries() []searchprobe.Query { return searchprobe.FirstQueries }

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
