//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// An unreadable folder or file under content/ is an error naming it, for
// piao check and piao build alike, never a site without it. The test runs
// the real binary as an ordinary user (uid 65534 when the suite runs as
// root, which reads every file), on real files whose permissions deny it.

// unprivileged returns the credentials to run piao as an ordinary user, or
// nil when the suite already is one; it opens to that user the folders it
// must cross to reach dirs and the binary, and gives it the folder that
// holds dest, so that a build may replace dest as it would its own.
func unprivileged(t *testing.T, dest string, dirs ...string) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	err := filepath.WalkDir(filepath.Dir(dest), func(p string, _ os.DirEntry, err error) error {
		if err == nil {
			err = os.Lchown(p, 65534, 65534)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append(dirs, dest, filepath.Dir(bin)) {
		for ; d != "/" && d != "."; d = filepath.Dir(d) {
			if info, err := os.Stat(d); err == nil && info.Mode().Perm()&0o005 != 0o005 {
				if err := os.Chmod(d, info.Mode().Perm()|0o005); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return &syscall.Credential{Uid: 65534, Gid: 65534}
}

// runAs runs the real binary with the given credentials (nil: as is).
func runAs(t *testing.T, cred *syscall.Credential, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
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

func TestUnreadableContent(t *testing.T) {
	plan := "content/piao-2024-2026"
	tests := []struct {
		name, path string // what is made unreadable, relative to the site
		want       string // the finding's first line
	}{
		{"folder of operational sheets", plan + "/operativi", plan + "/operativi: errore: impossibile leggere la cartella: permesso negato"},
		{"folder of strategic sheets", plan + "/strategici", plan + "/strategici: errore: impossibile leggere la cartella: permesso negato"},
		{"plan folder", plan, plan + ": errore: impossibile leggere la cartella: permesso negato"},
		{"content folder", "content", "content: errore: impossibile leggere la cartella: permesso negato"},
		{"one sheet", plan + "/operativi/suap.yaml", plan + "/operativi/suap.yaml: errore: impossibile leggere il file: permesso negato"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copyExample(t)
			dest := filepath.Join(t.TempDir(), "public")
			buildOK(t, site, dest) // the complete site a broken build must not replace
			before := treeSum(t, dest)
			cred := unprivileged(t, dest, site)
			target := filepath.Join(site, filepath.FromSlash(tt.path))
			if err := os.Chmod(target, 0); err != nil {
				t.Fatal(err)
			}
			defer os.Chmod(target, 0o755)
			for _, args := range [][]string{{"check", "-s", site}, {"build", "-s", site, "-d", dest}} {
				out, errOut, code := runAs(t, cred, args...)
				if code != 1 || !strings.Contains(out+errOut, tt.want+"\n") {
					t.Errorf("piao %s: exit %d, want 1 and %q; output:\n%s%s", args[0], code, tt.want, out, errOut)
				}
				if strings.Contains(out+errOut, "permission denied") {
					t.Errorf("piao %s speaks English:\n%s%s", args[0], out, errOut)
				}
			}
			if treeSum(t, dest) != before {
				t.Error("the build replaced the complete site")
			}
		})
	}
}

// TestReadOnlySiteBuilds: a site piao may only read, snapshots and all,
// is built as ever: the clean-up of archive/ has nothing to do there.
func TestReadOnlySiteBuilds(t *testing.T) {
	site := copyExample(t)
	if _, errOut, code := runPiao(t, "archive", "piao-2024-2026", "-s", site); code != 0 {
		t.Fatalf("archive: %s", errOut)
	}
	dest := filepath.Join(t.TempDir(), "public")
	cred := unprivileged(t, dest, site)
	if cred == nil { // an ordinary user: take the site's writing away
		if err := os.Chmod(site, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(site, 0o755)
	}
	out, errOut, code := runAs(t, cred, "build", "-s", site, "-d", dest)
	if code != 0 || !strings.Contains(out, "sito generato") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dest, "archivio", "piao-2024-2026", "SHA256SUMS")); err != nil {
		t.Error("the snapshot is not published")
	}
}
