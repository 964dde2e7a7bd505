//go:build linux || darwin

package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path"
	"path/filepath"
	"testing"
	"time"
)

// TestDigestTrustsOldStamps: a source whose stamp is the one the last
// digest kept, and that was already old then, is not read again (a digest
// planted in its stamp comes back); one changed since, even to bytes of
// the same size with its modification time set back, or one that was
// new when the last digest began, is read.
func TestDigestTrustsOldStamps(t *testing.T) {
	dir := exampleSite(t)
	site := os.DirFS(dir)
	first, err := digestSources(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.stamps().Files) != len(first.names) {
		t.Fatalf("%d stamps for %d files", len(first.stamps().Files), len(first.names))
	}
	var sheet string
	for _, n := range first.names {
		if _, ok := contentPlan(n); ok && path.Ext(n) == ".md" {
			sheet = n
			break
		}
	}
	if sheet == "" {
		t.Fatal("no operational sheet in the example site")
	}
	planted := sha256.Sum256([]byte("piantato"))
	plant := func(at int64) *sourceStamps {
		prev := sourceStamps{At: at, Files: map[string]sourceStamp{}}
		for n, st := range first.stamps().Files {
			prev.Files[n] = st
		}
		st := prev.Files[sheet]
		st.Sum, st.Front = planted, planted
		prev.Files[sheet] = st
		return &prev
	}
	digest := func(prev *sourceStamps) *sources {
		t.Helper()
		s, err := digestSources(site, prev)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	later := time.Now().Add(time.Hour).UnixNano()
	got := digest(plant(later))
	if got.files[sheet] != hex.EncodeToString(planted[:]) || got.fronts[sheet] != hex.EncodeToString(planted[:]) {
		t.Errorf("an old file with its stamp was read again: %s", got.files[sheet])
	}
	for _, n := range first.names {
		if n != sheet && got.files[n] != first.files[n] {
			t.Errorf("%s: digest %s, read %s", n, got.files[n], first.files[n])
		}
	}
	if got.stamps().Files[sheet].Sum != planted {
		t.Error("the trusted stamp is not kept for the next build")
	}

	st := first.stamps().Files[sheet].Stat
	if got := digest(plant(max(st.Mtime, st.Ctime) + racyMargin/2)); got.files[sheet] != first.files[sheet] {
		t.Error("a file new when the last digest began was trusted")
	}

	file := filepath.Join(dir, filepath.FromSlash(sheet))
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-2] ^= 1 // a letter of the body, the size the same
	time.Sleep(20 * time.Millisecond)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(b)
	if got := digest(plant(later)); got.files[sheet] != hex.EncodeToString(want[:]) {
		t.Errorf("bytes changed with size and time as they were: digest %s, want %x", got.files[sheet], want)
	}
}
