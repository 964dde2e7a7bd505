//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// The Windows file system, here: a real NTFS volume (mkntfs) mounted with
// lowntfs-3g, the FUSE driver, with windows_names (it refuses every name
// Windows refuses) and ignore_case (names differing only in case are one
// file, as on Windows). make test installs ntfs-3g when it is missing.

// mountNTFS mounts a new NTFS volume and returns its folder; it is
// unmounted when the test ends.
func mountNTFS(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	img, mnt := filepath.Join(dir, "ntfs.img"), filepath.Join(dir, "mnt")
	if err := os.MkdirAll(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(img)
	if err == nil {
		err = f.Truncate(256 << 20)
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][]string{{"mkntfs", "-F", "-Q", "-q", img}, {"lowntfs-3g", "-o", "windows_names,ignore_case", img, mnt}} {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s (ntfs-3g, which make test installs; FUSE as root): %v\n%s", c[0], err, out)
		}
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", mnt, err, out)
		}
	})
	return mnt
}

// foldedTree is every file under dir, by its name in lower case (NTFS
// with ignore_case lists names so), with its content's digest.
func foldedTree(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %x", strings.ToLower(rel), b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestWindowsFileSystem builds the example and a synthetic site onto NTFS
// with Windows' rules for names, twice each (the second publish takes
// the place of the first): every file of the site is created there, with
// the bytes of a build on Linux's own file system.
func TestWindowsFileSystem(t *testing.T) {
	mnt := mountNTFS(t)
	synth := filepath.Join(t.TempDir(), "synth")
	if out, err := exec.Command("go", "run", "../piaosynth", "-n", "300", "-plans", "2", synth).CombinedOutput(); err != nil {
		t.Fatalf("piaosynth: %v\n%s", err, out)
	}
	for name, site := range map[string]string{"example": "../..", "synth": synth} {
		ref := filepath.Join(t.TempDir(), "ref")
		buildOK(t, site, ref)
		dest := filepath.Join(mnt, name, "public")
		for round := range 2 {
			if _, errOut, code := runPiao(t, "build", "-s", site, "-d", dest); code != 0 {
				t.Fatalf("%s, build %d onto NTFS: exit %d: %s", name, round+1, code, errOut)
			}
			if foldedTree(t, dest) != foldedTree(t, ref) {
				t.Errorf("%s, build %d: NTFS holds another site than ext4", name, round+1)
			}
		}
		if l := leftovers(t, dest); len(l) > 0 {
			t.Errorf("%s: left beside the output on NTFS: %v", name, l)
		}
	}
}

// TestWindowsRefusesWhatCheckReports: each name piao check reports as one
// Windows cannot hold is indeed refused, or merged with another, by NTFS
// with Windows' rules; the names slugs make of device names are created.
func TestWindowsRefusesWhatCheckReports(t *testing.T) {
	site := copyExample(t)
	assets := filepath.Join(site, "themes", "default", "assets", "img")
	if err := os.MkdirAll(assets, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := []string{"aux.png", "a:b.png", "punto.", "COM1.txt", "domanda?.png", "spazio "}
	for _, n := range append(bad, "Logo.png", "logo.png") {
		if err := os.WriteFile(filepath.Join(assets, n), []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runPiao(t, "check", "-s", site)
	errOut = out + errOut
	if code != 1 {
		t.Fatalf("piao check: exit %d, want 1: %s", code, errOut)
	}
	mnt := mountNTFS(t)
	for _, n := range bad {
		if !strings.Contains(errOut, "assets/img/"+n+": errore: il file") {
			t.Errorf("piao check does not report %q:\n%s", n, errOut)
		}
		err := os.WriteFile(filepath.Join(mnt, n), []byte("x"), 0o644)
		if !errors.Is(err, syscall.EINVAL) {
			t.Errorf("NTFS with Windows' rules: creating %q: %v, want it refused", n, err)
		}
	}
	if !strings.Contains(errOut, "assets/img/Logo.png e assets/img/logo.png differiscono solo per maiuscole") {
		t.Errorf("piao check does not report Logo.png and logo.png:\n%s", errOut)
	}
	_ = os.WriteFile(filepath.Join(mnt, "Logo.png"), []byte("uno"), 0o644)
	_ = os.WriteFile(filepath.Join(mnt, "logo.png"), []byte("due"), 0o644)
	if b, _ := os.ReadFile(filepath.Join(mnt, "Logo.png")); !bytes.Equal(b, []byte("due")) {
		t.Errorf("NTFS kept Logo.png and logo.png apart (%q): the test's file system is not Windows'", b)
	}
	for _, n := range []string{"con_", "aux_.1", "nul_", "lpt1_"} {
		if err := os.Mkdir(filepath.Join(mnt, n), 0o755); err != nil {
			t.Errorf("NTFS refuses the slug %q: %v", n, err)
		}
	}
}
