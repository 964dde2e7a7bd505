package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// bin is the binary under test; binRenames is the same built with the tag
// piao_renames: it publishes by the two renames Windows uses, and can be
// told to kill itself between them (PIAO_CRASH_AT).
var bin, binRenames string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "piao-bin-")
	if err != nil {
		panic(err)
	}
	exe := map[bool]string{true: ".exe"}[runtime.GOOS == "windows"]
	bin, binRenames = filepath.Join(dir, "piao"+exe), filepath.Join(dir, "piao-renames"+exe)
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	if out, err := exec.Command("go", "build", "-tags", "piao_renames", "-o", binRenames, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runPiao runs the real binary and returns its output and exit status.
func runPiao(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

func TestBuildExample(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	out, errOut, code := runPiao(t, "build", "-s", "../..", "-d", dest)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "sito generato in") || !strings.Contains(out, "pagine") {
		t.Errorf("summary = %q", out)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error(err)
	}
}

func TestExitCodes(t *testing.T) {
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "config.yaml"), []byte("ente:\n  nom: X\n"), 0o644)
	_, errOut, code := runPiao(t, "build", "-s", site)
	if code != 1 || !strings.Contains(errOut, `config.yaml:2:3: errore: campo sconosciuto "nom"`) {
		t.Errorf("content error: exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("a failed build wrote public/")
	}
	if _, _, code := runPiao(t, "build", "-x"); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if _, _, code := runPiao(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if out, _, code := runPiao(t, "version"); code != 0 || !strings.HasPrefix(out, "piao ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}
