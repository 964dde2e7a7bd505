package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestStagesFile: with PIAO_STAGES, piao build and piao check write the
// stages they reached, in order, each with the seconds since the start;
// without it, nothing is written.
func TestStagesFile(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	for _, run := range []struct {
		args   []string
		stages []string
	}{
		{[]string{"build", "-s", "../..", "-d", dest}, []string{"sources digested", "sheets loaded", "publish ready", "search index",
			"open data and index pages", "pages listed", "pages written", "spare pruned", "swapped", "cache saved"}},
		{[]string{"check", "-s", "../..", "-d", dest}, []string{"sheets loaded", "search index", "open data and index pages",
			"pages listed", "pages rendered", "output compared"}},
	} {
		file := filepath.Join(dir, run.args[0]+".tsv")
		cmd := exec.Command(bin, run.args...)
		cmd.Env = append(os.Environ(), "PIAO_STAGES="+file)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", run.args, err, out)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		last := 0.0
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			name, at, _ := strings.Cut(line, "\t")
			secs, err := strconv.ParseFloat(at, 64)
			if err != nil || secs < last {
				t.Errorf("%s: line %q", run.args[0], line)
			}
			names, last = append(names, name), secs
		}
		if strings.Join(names, ",") != strings.Join(run.stages, ",") {
			t.Errorf("%s: stages %q, want %q", run.args[0], names, run.stages)
		}
	}
	t.Setenv("PIAO_STAGES", "")
	if _, _, code := runPiao(t, "check", "-s", "../..", "-d", dest); code != 0 {
		t.Fatalf("check without PIAO_STAGES: exit %d", code)
	}
	if tsv, _ := filepath.Glob(filepath.Join(dir, "*.tsv")); len(tsv) != 2 {
		t.Errorf("stage files: %v", tsv)
	}
}
