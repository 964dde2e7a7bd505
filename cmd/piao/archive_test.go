package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/piao-pa/piao/builder"
)

// exampleSite copies the example site into a temporary folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sito")
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../config.yaml")
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "config.yaml"), b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestArchiveCommand: archive, verify, refuse a second archive, name a
// changed file, write the same zip twice; usage errors exit 2.
func TestArchiveCommand(t *testing.T) {
	site := exampleSite(t)
	out, errOut, code := runPiao(t, "archive", "piao-2024-2026", "-s", site, "--zip")
	if code != 0 {
		t.Fatalf("archive: exit %d: %s", code, errOut)
	}
	snap := filepath.Join(site, "archive", "piao-2024-2026")
	manifest, err := os.ReadFile(filepath.Join(snap, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(manifest)
	if !strings.Contains(out, hex.EncodeToString(sum[:])) || !strings.Contains(out, "12 settembre 2024") {
		t.Errorf("archive does not print the manifest's digest and the date:\n%s", out)
	}
	if out, _, code := runPiao(t, "archive", "verify", "-s", site); code != 0 || !strings.Contains(out, "integro") {
		t.Errorf("verify: exit %d, %q", code, out)
	}
	zip1, err := os.ReadFile(filepath.Join(site, "archive", "piao-2024-2026.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zip2 := filepath.Join(t.TempDir(), "deposito.zip")
	if _, errOut, code := runPiao(t, "archive", "zip", "piao-2024-2026", "-s", site, "-o", zip2); code != 0 {
		t.Fatalf("archive zip: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(zip2); !bytes.Equal(b, zip1) {
		t.Error("the zips of two runs differ")
	}
	before, _ := os.ReadFile(filepath.Join(snap, "index.html"))
	_, errOut, code = runPiao(t, "archive", "piao-2024-2026", "-s", site)
	if code != 1 || !strings.Contains(errOut, "esiste già") || !strings.Contains(errOut, "--nome") {
		t.Errorf("second archive: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(snap, "index.html")); !bytes.Equal(before, after) {
		t.Error("a refused archive changed the snapshot")
	}
	page := filepath.Join(snap, "piao-2024-2026", "index.html")
	os.Chmod(page, 0o644)
	os.WriteFile(page, []byte("alterato"), 0o644)
	out, _, code = runPiao(t, "archive", "verify", "piao-2024-2026", "-s", site)
	if code != 1 || !strings.Contains(out, "modificato: piao-2024-2026/index.html") {
		t.Errorf("verify after a change: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"archive"}, {"archive", "a", "b"}, {"archive", "zip"}, {"archive", "x", "--nessuno"}} {
		if _, _, code := runPiao(t, args...); code != 2 {
			t.Errorf("piao %v: exit %d, want 2", args, code)
		}
	}
	if _, _, code := runPiao(t, "archive", "verify", "piao-1999", "-s", site); code != 1 {
		t.Errorf("verify of a plan without snapshots: exit %d, want 1", code)
	}
}

// TestArchiveKill9: `piao archive` killed with SIGKILL at varied moments
// leaves either no snapshot or a whole one that verifies. Half the runs
// are killed after a delay spread over a whole run; the other half while
// the snapshot is being written, as soon as its temporary folder appears.
func TestArchiveKill9(t *testing.T) {
	site := exampleSite(t)
	archiveDir := filepath.Join(site, "archive")
	snap := filepath.Join(archiveDir, "piao-2024-2026")
	start := time.Now()
	if _, errOut, code := runPiao(t, "archive", "piao-2024-2026", "-s", site); code != 0 {
		t.Fatalf("archive: %s", errOut)
	}
	full := time.Since(start)
	const runs = 20
	var none, whole, duringCopy int
	for i := range runs {
		if err := os.RemoveAll(archiveDir); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "archive", "piao-2024-2026", "-s", site)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			time.Sleep(full * time.Duration(i) / runs * 5 / 4) // from at once to past the usual end
		} else {
			waitForTemp(archiveDir, time.Now().Add(10*time.Second))
			time.Sleep(time.Duration(i/2) * 300 * time.Microsecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Lstat(snap); os.IsNotExist(err) {
			none++
			if tempLeft(archiveDir) {
				duringCopy++
			}
			continue
		}
		whole++
		if r := builder.VerifySnapshot(os.DirFS(site), "piao-2024-2026"); !r.OK() {
			t.Fatalf("run %d: a killed archive left a partial snapshot: changed %v missing %v added %v", i, r.Changed, r.Missing, r.Added)
		}
	}
	if duringCopy == 0 {
		t.Errorf("no run was killed while writing the snapshot (%d none, %d whole): the test did not exercise the kill", none, whole)
	}
	t.Logf("%d runs: %d left no snapshot (%d of them killed while writing it), %d whole snapshots; one run takes %v",
		runs, none, duringCopy, whole, full)
}

// waitForTemp polls until a temporary snapshot folder appears in dir.
func waitForTemp(dir string, deadline time.Time) {
	for time.Now().Before(deadline) && !tempLeft(dir) {
		time.Sleep(50 * time.Microsecond)
	}
}

func tempLeft(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".piao-2024-2026.tmp-") {
			return true
		}
	}
	return false
}

// TestArchiveTwoProcesses: two `piao archive` of the same plan started
// together leave exactly one snapshot: one succeeds, the other is
// refused.
func TestArchiveTwoProcesses(t *testing.T) {
	site := exampleSite(t)
	var cmds [2]*exec.Cmd
	var outs [2]bytes.Buffer
	for i := range cmds {
		cmds[i] = exec.Command(bin, "archive", "piao-2024-2026", "-s", site)
		cmds[i].Stderr = &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	ok, refused := 0, 0
	for i, c := range cmds {
		err := c.Wait()
		switch {
		case err == nil:
			ok++
		case strings.Contains(outs[i].String(), "esiste già"):
			refused++
		default:
			t.Errorf("run %d: %v: %s", i, err, outs[i].String())
		}
	}
	if ok != 1 || refused != 1 {
		t.Errorf("%d succeeded, %d refused; want exactly one of each", ok, refused)
	}
	if r := builder.VerifySnapshot(os.DirFS(site), "piao-2024-2026"); !r.OK() {
		t.Errorf("the snapshot does not verify: %+v", r)
	}
	entries, _ := os.ReadDir(filepath.Join(site, "archive"))
	if len(entries) != 1 {
		t.Errorf("archive/ holds %d entries, want the snapshot only", len(entries))
	}
}
