package serve

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestStreamsDoNotLeak opens 100 reload streams, reloads them all with a
// save, drops them, and expects the server's goroutines and file
// descriptors back where they were.
func TestStreamsDoNotLeak(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	baseG, baseFD := runtime.NumGoroutine(), openFDs(t)
	streams := make([]*stream, 100)
	for i := range streams {
		streams[i] = openStream(t, srv)
	}
	if n := srv.Streams(); n != len(streams) {
		t.Fatalf("server holds %d streams, want %d", n, len(streams))
	}
	file := filepath.Join(dir, suapFile)
	writeFile(t, file, strings.Replace(readFile(t, file), suapName, "Cento-client", 1))
	for i, st := range streams {
		if ev := st.next(t); ev != "reload" {
			t.Fatalf("stream %d: event %q, want reload", i, ev)
		}
	}
	for _, st := range streams {
		st.close()
	}
	waitUntil(t, "the server to drop every stream", func() bool { return srv.Streams() == 0 })
	closeIdle()
	waitUntil(t, "goroutines and descriptors back to the start", func() bool {
		return runtime.NumGoroutine() <= baseG+2 && openFDs(t) <= baseFD+2
	})
	t.Logf("goroutines %d (start %d), descriptors %d (start %d)", runtime.NumGoroutine(), baseG, openFDs(t), baseFD)
}

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// waitUntil polls cond until it holds or the deadline passes; for states
// that no event announces, such as a goroutine having ended.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	end := time.After(deadline)
	for !cond() {
		select {
		case <-tick.C:
		case <-end:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
