//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/piao-pa/piao/builder"
)

// leftovers lists the temporary entries of archive/ whose name starts
// with prefix.
func archiveLeftovers(dir, prefix string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestArchiveLeftoversCleaned: runs of piao archive killed while they
// write leave their temporary folders; the next piao build removes them
// and says so, as does the next piao archive; a piao archive at work
// meanwhile keeps its own, and finishes a whole snapshot.
func TestArchiveLeftoversCleaned(t *testing.T) {
	site := exampleSite(t)
	arch := filepath.Join(site, "archive")
	killWhileWriting := func(name string) {
		cmd := exec.Command(bin, "archive", "piao-2024-2026", "-s", site, "--nome", name)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && len(archiveLeftovers(arch, "."+name+".")) == 0; {
			time.Sleep(50 * time.Microsecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
	}
	killed := 0
	for _, name := range []string{"k1", "k2", "k3"} {
		killWhileWriting(name)
		if _, err := os.Stat(filepath.Join(arch, name)); os.IsNotExist(err) {
			killed++
		}
	}
	left := archiveLeftovers(arch, ".k")
	if killed == 0 || len(left) == 0 {
		t.Fatalf("no run was killed while writing (%d killed, left %v)", killed, left)
	}
	out, errOut, code := runPiao(t, "build", "-s", site, "-d", filepath.Join(t.TempDir(), "public"))
	if code != 0 || !strings.Contains(out, "rimossi da archive/ i resti di archiviazioni interrotte") || !strings.Contains(out, left[0]) {
		t.Errorf("build: exit %d, stdout %q, stderr %q; want it to say it removed %v", code, out, errOut, left)
	}
	if l := archiveLeftovers(arch, "."); len(l) > 0 {
		t.Errorf("left after the build: %v", l)
	}

	killWhileWriting("k4")
	if left = archiveLeftovers(arch, ".k4."); len(left) != 1 {
		t.Fatalf("the killed run left %v", left)
	}
	out, errOut, code = runPiao(t, "archive", "piao-2024-2026", "-s", site, "--nome", "k5")
	if code != 0 || !strings.Contains(out, left[0]) || len(archiveLeftovers(arch, ".")) > 0 {
		t.Errorf("archive: exit %d, stdout %q, stderr %q; want it to say it removed %v", code, out, errOut, left)
	}

	// A build while an archive writes: the archive's folder is not a leftover.
	cmd := exec.Command(bin, "archive", "piao-2024-2026", "-s", site, "--nome", "vivo")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && len(archiveLeftovers(arch, ".vivo.")) == 0; {
		time.Sleep(50 * time.Microsecond)
	}
	if _, errOut, code := runPiao(t, "build", "-s", site, "-d", filepath.Join(t.TempDir(), "public")); code != 0 {
		t.Errorf("build beside a running archive: exit %d: %s", code, errOut)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the running archive failed: %v", err)
	}
	if r := builder.VerifySnapshot(os.DirFS(site), "vivo"); !r.OK() {
		t.Errorf("the archive written beside a build does not verify: %+v", r)
	}
}

// TestArchiveFullDisk: piao archive on a full disk says so in Italian,
// names the snapshot and leaves nothing in archive/.
func TestArchiveFullDisk(t *testing.T) {
	site := exampleSite(t)
	work := t.TempDir()
	mnt, out := filepath.Join(work, "mnt"), filepath.Join(work, "out")
	_ = os.MkdirAll(mnt, 0o755)
	_ = os.MkdirAll(out, 0o755)
	script := `set -e
mount -t tmpfs -o size=300k tmpfs "$M"
cp -a "$SITE" "$M/sito"
set +e
"$PIAO" archive piao-2024-2026 -s "$M/sito" >/dev/null 2>"$OUT/stderr"
echo $? >"$OUT/code"
ls -A "$M/sito/archive" >"$OUT/listing"
`
	inNamespace(t, script, "M="+mnt, "OUT="+out, "PIAO="+bin, "SITE="+site)
	code, _ := os.ReadFile(filepath.Join(out, "code"))
	stderr, _ := os.ReadFile(filepath.Join(out, "stderr"))
	want := "versione archiviata non scritta in archive/piao-2024-2026 (spazio su disco esaurito): nessuna cartella parziale è rimasta"
	if strings.TrimSpace(string(code)) != "1" || !strings.Contains(string(stderr), want) || english.MatchString(string(stderr)) {
		t.Errorf("exit %s, stderr %q; want exit 1 and %q", code, stderr, want)
	}
	if listing, _ := os.ReadFile(filepath.Join(out, "listing")); len(strings.TrimSpace(string(listing))) > 0 {
		t.Errorf("left in archive/: %q", listing)
	}
}

// TestLongDestination: a destination whose path the disk cannot hold is
// refused in Italian, the previous output untouched.
func TestLongDestination(t *testing.T) {
	site := exampleSite(t)
	dest := t.TempDir()
	for len(dest) < 4200 {
		dest = filepath.Join(dest, strings.Repeat("d", 200))
	}
	_, errOut, code := runPiao(t, "build", "-s", site, "-d", dest)
	if code != 1 || !strings.Contains(errOut, "nome o percorso troppo lungo per il disco") || english.MatchString(errOut) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
