package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunHugoHung: a Hugo that hangs is killed after hugoLimit and run
// once more, after the function that readies its output; one that hangs
// twice is an error that says so. The Hugo is a script that hangs (sleeps)
// on the runs its first line says.
func TestRunHugoHung(t *testing.T) {
	defer func(l time.Duration) { hugoLimit = l }(hugoLimit)
	hugoLimit = 300 * time.Millisecond
	for _, c := range []struct {
		name        string
		hangs       int // runs that hang, from the first
		wantRuns    int
		wantReadied int
		wantHungErr bool
	}{
		{name: "hangs once", hangs: 1, wantRuns: 2, wantReadied: 1},
		{name: "hangs twice", hangs: 2, wantRuns: 2, wantReadied: 1, wantHungErr: true},
		{name: "never hangs", hangs: 0, wantRuns: 1},
	} {
		dir := t.TempDir()
		runs := filepath.Join(dir, "runs")
		script := filepath.Join(dir, "hugo")
		body := "#!/bin/sh\necho x >> " + runs + "\nn=$(wc -l < " + runs + ")\n" +
			"if [ \"$n\" -le " + string(rune('0'+c.hangs)) + " ]; then exec sleep 30; fi\necho fatto\n"
		if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		readied := 0
		start := time.Now()
		_, err := runHugo(script, "site", "out", func() error { readied++; return nil })
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("%s: took %v: the killed process was waited for", c.name, took)
		}
		b, _ := os.ReadFile(runs)
		if n := strings.Count(string(b), "x"); n != c.wantRuns || readied != c.wantReadied {
			t.Errorf("%s: %d runs, output readied %d times; want %d and %d", c.name, n, readied, c.wantRuns, c.wantReadied)
		}
		if hung := errors.Is(err, errHung); hung != c.wantHungErr || (err != nil) != c.wantHungErr {
			t.Errorf("%s: error %v; want hung %v", c.name, err, c.wantHungErr)
		}
	}
}
