package publish

import (
	"path/filepath"
	"testing"
	"time"
)

// TestLockTakesTurns: a second taker of the lock, even in the same
// process, is told to wait and gets the lock only once the first lets it
// go (flock on Unix, LockFileEx on Windows: both lock per open file).
func TestLockTakesTurns(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".public.piao-lock")
	unlock, err := lockDest(path, func() { t.Error("the first taker waited") })
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan bool, 1)
	got := make(chan error, 1)
	go func() {
		unlock2, err := lockDest(path, func() { waited <- true })
		if err == nil {
			unlock2()
		}
		got <- err
	}()
	select {
	case <-waited:
	case err := <-got:
		t.Fatalf("the second taker got the lock while the first held it (%v)", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the second taker neither waited nor got the lock")
	}
	select {
	case err := <-got:
		t.Fatalf("the second taker got the lock while the first held it (%v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second taker never got the lock once it was free")
	}
}
