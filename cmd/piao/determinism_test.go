package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// copyReversed copies the files of src into dst creating them in reverse
// order, so that directory listings may come back in another order.
func copyReversed(t *testing.T, src, dst string) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(files)))
	for _, p := range files {
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runIn runs the binary in dir with extra environment and returns its
// combined output and exit status.
func runIn(t *testing.T, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestDeterministicOutput builds the example again and again, changing
// what must not matter — time zone, locale, GOMAXPROCS, the site's absolute
// path, the order its files were created in — and wants the same bytes
// every time, with no absolute path of the machine in any file or message.
func TestDeterministicOutput(t *testing.T) {
	example := copyExample(t)
	ref := filepath.Join(t.TempDir(), "ref")
	buildOK(t, example, ref)
	want := treeSum(t, ref)
	runs := []struct {
		name string
		env  []string
	}{
		{"again", nil},
		{"time zone", []string{"TZ=Pacific/Kiritimati"}},
		{"another time zone", []string{"TZ=America/Los_Angeles"}},
		{"Italian locale", []string{"LC_ALL=it_IT.UTF-8", "LANG=it_IT.UTF-8"}},
		{"Turkish locale", []string{"LC_ALL=tr_TR.UTF-8", "LANG=tr_TR.UTF-8"}},
		{"C locale", []string{"LC_ALL=C", "LANG=C"}},
		{"one processor", []string{"GOMAXPROCS=1"}},
		{"many processors", []string{"GOMAXPROCS=16"}},
	}
	for i, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			// Each run has its own folder at another depth, with its files
			// created in reverse order every other run.
			work := filepath.Join(t.TempDir(), strings.Repeat("livello/", i))
			site := filepath.Join(work, "sito")
			if i%2 == 0 {
				copyReversed(t, example, site)
			} else if err := os.CopyFS(site, os.DirFS(example)); err != nil {
				t.Fatal(err)
			}
			out, code := runIn(t, work, r.env, "build", "-s", "sito", "-d", "pubblico")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, out)
			}
			if got := treeSum(t, filepath.Join(work, "pubblico")); got != want {
				t.Errorf("the output differs from the first build's")
			}
			noAbsolutePaths(t, work, out, filepath.Join(work, "pubblico"))
		})
	}
}

// noAbsolutePaths fails if a message or any output file names abs.
func noAbsolutePaths(t *testing.T, abs, messages, outDir string) {
	t.Helper()
	if strings.Contains(messages, abs) {
		t.Errorf("a message names the absolute path %s: %q", abs, messages)
	}
	_ = filepath.WalkDir(outDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b, _ := os.ReadFile(p); strings.Contains(string(b), abs) {
			t.Errorf("%s holds the absolute path %s", p, abs)
		}
		return nil
	})
}

// TestMessagesHaveNoAbsolutePaths: the findings of check and build, on a
// site full of mistakes, name files relative to the site.
func TestMessagesHaveNoAbsolutePaths(t *testing.T) {
	work := t.TempDir()
	site := filepath.Join(work, "sito")
	if err := os.CopyFS(site, os.DirFS("../../builder/testdata/mistakes")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "-s", "sito"}, {"check", "-s", "sito", "--format", "json"}, {"build", "-s", "sito", "-d", "out"}} {
		out, code := runIn(t, work, nil, args...)
		if code != 1 || !strings.Contains(out, "content/piao-2024-2026/operativi/valori.yaml") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
		noAbsolutePaths(t, work, out, filepath.Join(work, "out"))
	}
}
