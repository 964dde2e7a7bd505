package stages

import (
	"strings"
	"testing"
	"time"
)

// TestMarks: nothing is recorded before Start; after it, every mark in
// order, with the time since Start, written a line each.
func TestMarks(t *testing.T) {
	Mark("prima")
	if len(Marks()) != 0 {
		t.Fatalf("recorded before Start: %v", Marks())
	}
	Start()
	Mark("uno")
	time.Sleep(2 * time.Millisecond)
	Mark("due")
	m := Marks()
	if len(m) != 2 || m[0].Name != "uno" || m[1].Name != "due" || m[1].At-m[0].At < 2*time.Millisecond {
		t.Fatalf("marks %v", m)
	}
	var b strings.Builder
	if err := Write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "uno\t0.") || !strings.HasPrefix(lines[1], "due\t0.") {
		t.Errorf("written %q", b.String())
	}
	Start() // again: from nothing
	if len(Marks()) != 0 {
		t.Errorf("Start kept %v", Marks())
	}
}
