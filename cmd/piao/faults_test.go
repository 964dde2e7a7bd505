//go:build linux

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The fault suite runs the real binary: killed at any moment, on a full or
// read-only disk, aimed at a destination it must not touch, or racing
// another build. The previous output must stay whole every time.

// TestKillDuringBuild kills builds with SIGKILL at moments spread over a
// build's duration: the output is always one whole site, and the next
// build succeeds and clears what the killed ones left. With the renames
// of Windows (piao_renames), the output may be missing for a moment
// between the two: then the previous site lies whole beside it, where the
// next build puts it back.
func TestKillDuringBuild(t *testing.T) {
	siteA, siteB := variant(t, "Ente A"), variant(t, "Ente B")
	refs := t.TempDir()
	buildOK(t, siteA, filepath.Join(refs, "a"))
	start := time.Now()
	buildOK(t, siteB, filepath.Join(refs, "b"))
	took := time.Since(start)
	sumA, sumB := treeSum(t, filepath.Join(refs, "a")), treeSum(t, filepath.Join(refs, "b"))
	for _, piao := range []string{bin, binRenames} {
		t.Run(filepath.Base(piao), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			buildOK(t, siteA, dest)
			const rounds = 20
			killed := 0
			for i := 0; i < rounds; i++ {
				site := siteA
				if i%2 == 0 {
					site = siteB
				}
				cmd := exec.Command(piao, "build", "-s", site, "-d", dest)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.AfterFunc(took*time.Duration(i)/rounds, func() { _ = cmd.Process.Kill() })
				_ = cmd.Wait()
				if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					killed++
				}
				got := treeSum(t, dest)
				if got == "" && piao == binRenames {
					got = treeSum(t, filepath.Join(filepath.Dir(dest), ".public.piao-old"))
				}
				if got != sumA && got != sumB {
					t.Fatalf("round %d: the output is neither whole site (killed after %v)", i, took*time.Duration(i)/rounds)
				}
			}
			if killed < rounds/4 {
				t.Errorf("only %d of %d builds were killed while running: the test did not test", killed, rounds)
			}
			cmd := exec.Command(piao, "build", "-s", siteB, "-d", dest)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("the build after the kills: %v: %s", err, out)
			}
			if treeSum(t, dest) != sumB {
				t.Error("the build after the kills did not publish the whole site")
			}
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("left beside the output: %v", l)
			}
			t.Logf("%d of %d builds killed while running; a build takes %v", killed, rounds, took)
		})
	}
}

// TestRefusedDestinations: destinations whose replacement would destroy
// something are refused, with a message, before anything is written.
func TestRefusedDestinations(t *testing.T) {
	site := copyExample(t)
	file := filepath.Join(t.TempDir(), "relazione.docx")
	_ = os.WriteFile(file, []byte("importante"), 0o644)
	foreign := t.TempDir()
	_ = os.WriteFile(filepath.Join(foreign, "tesi.pdf"), []byte("mia"), 0o644)
	tests := []struct{ dest, want string }{
		{"/", "è la radice del disco"},
		{".", "è la cartella corrente o la contiene"},
		{"..", "è la cartella corrente o la contiene"},
		{"content", "è dentro content"},
		{"content/piao-2024-2026/public", "è dentro content"},
		{"themes/default", "è dentro themes"},
		{file, "esiste e non è una cartella"},
		{foreign, "non è vuota e non è stata scritta da piao"},
	}
	before := listTree(t, filepath.Dir(site))
	for _, tt := range tests {
		cmd := exec.Command(bin, "build", "-s", ".", "-d", tt.dest)
		cmd.Dir = site
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("-d %s: %v, output %q; want %q", tt.dest, err, out, tt.want)
		}
	}
	// The site folder itself, named from elsewhere.
	if _, errOut, code := runPiao(t, "build", "-s", site, "-d", site); code != 1 || !strings.Contains(errOut, "contiene la cartella del sito") {
		t.Errorf("-d SITE: exit %d, %q", code, errOut)
	}
	if after := listTree(t, filepath.Dir(site)); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Error("a refused build changed the site folder")
	}
	if b, _ := os.ReadFile(file); string(b) != "importante" {
		t.Error("the file given as destination was changed")
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "tesi.pdf")); string(b) != "mia" {
		t.Error("a foreign folder was changed")
	}
}

// TestConcurrentBuildsTakeTurns: a build waits while another holds the
// lock on the same destination, without writing; then publishes whole.
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	siteA, siteB := variant(t, "Ente A"), variant(t, "Ente B")
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, siteA, dest)
	sumA := treeSum(t, dest)

	lock, err := os.OpenFile(filepath.Join(filepath.Dir(dest), ".public.piao-lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "build", "-s", siteB, "-d", dest)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stderr)
		for {
			line, err := r.ReadString('\n')
			if strings.Contains(line, "attendo") || err != nil {
				waiting <- line
				break
			}
		}
		_, _ = io.Copy(io.Discard, r)
	}()
	select {
	case line := <-waiting:
		if !strings.Contains(line, "attendo che finisca") {
			t.Errorf("stderr %q, want the waiting message", line)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the second build neither waited nor said so")
	}
	if treeSum(t, dest) != sumA || len(leftovers(t, dest)) > 0 {
		t.Error("the waiting build wrote while the lock was held")
	}
	lock.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the waiting build failed: %v", err)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	buildOK(t, siteB, ref)
	sumB := treeSum(t, ref)
	if treeSum(t, dest) != sumB {
		t.Error("the build that waited did not publish its whole site")
	}
	// Two builds started together, a few times: both succeed, one whole
	// site remains, nothing is left beside it; with either swap.
	for i := 0; i < 6; i++ {
		piao := []string{bin, binRenames}[i%2] // the renames of Windows, every other round
		a := exec.Command(piao, "build", "-s", siteA, "-d", dest)
		b := exec.Command(piao, "build", "-s", siteB, "-d", dest)
		if err := a.Start(); err != nil {
			t.Fatal(err)
		}
		if err := b.Start(); err != nil {
			t.Fatal(err)
		}
		errA, errB := a.Wait(), b.Wait()
		if errA != nil || errB != nil {
			t.Fatalf("round %d: %v, %v", i, errA, errB)
		}
		if got := treeSum(t, dest); got != sumA && got != sumB {
			t.Fatalf("round %d: the output mixes the two sites", i)
		}
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("left beside the output: %v", l)
	}
}

// inNamespace runs script with sh as root of a new user and mount
// namespace, where it may mount a small tmpfs; the environment passes the
// paths. unshare is part of util-linux, on every Debian machine.
func inNamespace(t *testing.T, script string, env ...string) {
	t.Helper()
	cmd := exec.Command("unshare", "-rm", "sh", "-c", script)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("unshare -rm (user and mount namespace, needed for a real full or read-only disk): %v\n%s", err, out)
	}
}

// diskUsage is what the files under dir take on a disk of 4 kB pages.
func diskUsage(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		n += (info.Size() + 4095) / 4096 * 4096
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFullAndReadOnlyDisk publishes onto a real tmpfs too small for two
// copies of the site, then onto the same tmpfs remounted read-only: each
// build fails with a clear message and leaves the previous site whole,
// with nothing beside it but its lock, its build cache and its sheet store.
func TestFullAndReadOnlyDisk(t *testing.T) {
	siteA, siteB := variant(t, "Ente A"), variant(t, "Ente B")
	// B's sheet gets a long text, so that B is larger than A.
	md := filepath.Join(siteB, "content/piao-2024-2026/operativi/registro-imprese.md")
	f, err := os.OpenFile(md, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("\n\n" + strings.Repeat("Testo lungo della scheda. ", 20000) + "\n")
	f.Close()
	// The disk holds A and half again: B, larger than A, cannot be written
	// beside it.
	ref := filepath.Join(t.TempDir(), "a")
	buildOK(t, siteA, ref)
	size := fmt.Sprintf("size=%dk", diskUsage(t, ref)*3/2/1024)
	for _, tt := range []struct{ name, remount, want string }{
		{"full", "", "spazio su disco esaurito"},
		{"read-only", `mount -o remount,ro "$M"`, "il disco è in sola lettura"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			mnt, out := filepath.Join(work, "mnt"), filepath.Join(work, "out")
			_ = os.MkdirAll(mnt, 0o755)
			_ = os.MkdirAll(out, 0o755)
			script := `set -e
mount -t tmpfs -o "$SIZE" tmpfs "$M"
"$PIAO" build -s "$A" -d "$M/public" >/dev/null
cp -a "$M/public" "$OUT/before"
` + tt.remount + `
set +e
cd "$M"
"$PIAO" build -s "$B" -d public >/dev/null 2>"$OUT/stderr"
echo $? >"$OUT/code"
ls -A "$M" >"$OUT/listing"
cp -a "$M/public" "$OUT/after"
`
			inNamespace(t, script, "M="+mnt, "OUT="+out, "PIAO="+bin, "A="+siteA, "B="+siteB, "SIZE="+size)
			code, _ := os.ReadFile(filepath.Join(out, "code"))
			stderr, _ := os.ReadFile(filepath.Join(out, "stderr"))
			if strings.TrimSpace(string(code)) != "1" || !strings.Contains(string(stderr), tt.want) ||
				!strings.Contains(string(stderr), "la destinazione non è stata modificata") {
				t.Errorf("exit %s, stderr %q; want exit 1 and %q", code, stderr, tt.want)
			}
			if strings.Contains(string(stderr), mnt) {
				t.Errorf("the message holds an absolute path: %q", stderr)
			}
			if treeSum(t, filepath.Join(out, "before")) != treeSum(t, filepath.Join(out, "after")) {
				t.Error("the previous site was changed")
			}
			if listing, _ := os.ReadFile(filepath.Join(out, "listing")); string(listing) != ".public.piao-cache\n.public.piao-lock\n.public.piao-search\n.public.piao-sheets\npublic\n" {
				t.Errorf("beside the output: %q", listing)
			}
		})
	}
}
