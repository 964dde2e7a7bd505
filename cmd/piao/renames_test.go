//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCrashBetweenRenames stops a publish by the renames of Windows
// (binRenames) exactly between two of its steps, as a power cut or the
// Task Manager would, and checks what is left and what the next build
// makes of it: the previous site, moved aside whole, is put back before
// anything else; a site moved aside and already unmarked is removed, never
// put back; and the next build publishes whole, leaving nothing beside.
func TestCrashBetweenRenames(t *testing.T) {
	siteA, siteB := variant(t, "Ente A"), variant(t, "Ente B")
	refs := t.TempDir()
	buildOK(t, siteA, filepath.Join(refs, "a"))
	buildOK(t, siteB, filepath.Join(refs, "b"))
	sumA, sumB := treeSum(t, filepath.Join(refs, "a")), treeSum(t, filepath.Join(refs, "b"))
	tests := []struct {
		step          string
		dest, aside   string // the sums left in the output and beside it
		afterRecovery string // the output once the next build has recovered
	}{
		{"aside", "", sumA, sumA},
		{"swapped", sumB, sumA, sumB},
		{"unmarked", sumB, "?", sumB},
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			old := filepath.Join(filepath.Dir(dest), ".public.piao-old")
			buildOK(t, siteA, dest)
			crash(t, tt.step, siteB, dest)
			if got := treeSum(t, dest); got != tt.dest {
				t.Errorf("after the crash the output is %q, want %q", got, tt.dest)
			}
			if tt.aside == "?" { // half a site, without its marker
				if _, err := os.Stat(filepath.Join(old, ".piao-output")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("the site moved aside still has its marker: %v", err)
				}
			} else if got := treeSum(t, old); got != tt.aside {
				t.Errorf("after the crash beside the output lies %q, want %q", got, tt.aside)
			}
			crash(t, "recovered", siteB, dest) // the next build, stopped once it has recovered
			if got := treeSum(t, dest); got != tt.afterRecovery {
				t.Errorf("after recovery the output is %q, want %q", got, tt.afterRecovery)
			}
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("after recovery, left beside the output: %v", l)
			}
			if out, err := exec.Command(binRenames, "build", "-s", siteB, "-d", dest).CombinedOutput(); err != nil {
				t.Fatalf("the next build: %v: %s", err, out)
			}
			if treeSum(t, dest) != sumB || len(leftovers(t, dest)) > 0 {
				t.Error("the next build did not publish the whole site alone")
			}
		})
	}
}

// crash runs binRenames to build site into dest, killed at step.
func crash(t *testing.T, step, site, dest string) {
	t.Helper()
	cmd := exec.Command(binRenames, "build", "-s", site, "-d", dest)
	cmd.Env = append(os.Environ(), "PIAO_CRASH_AT="+step)
	_ = cmd.Run()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the build was not killed at %q: %v", step, cmd.ProcessState)
	}
}
