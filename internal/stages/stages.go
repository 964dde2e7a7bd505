// Package stages records, when asked, the moment a build or a check
// reaches each of its stages, so that a run can be told stage by stage
// (make bench does, for a rebuild after one edit): a CPU profile says what
// the cores did, not how long each stage kept the run waiting.
//
// Marks are taken only after Start: otherwise Mark costs an atomic load.
package stages

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// A Stage is one mark: its name and when it was reached, since Start.
type Stage struct {
	Name string
	At   time.Duration
}

var (
	on    atomic.Bool
	mu    sync.Mutex
	start time.Time
	marks []Stage
)

// Start begins recording, from now.
func Start() {
	mu.Lock()
	start, marks = time.Now(), nil
	mu.Unlock()
	on.Store(true)
}

// Mark records that the stage name is reached, if recording.
func Mark(name string) {
	if !on.Load() {
		return
	}
	mu.Lock()
	marks = append(marks, Stage{name, time.Since(start)})
	mu.Unlock()
}

// Marks returns the stages recorded, in order.
func Marks() []Stage {
	mu.Lock()
	defer mu.Unlock()
	return append([]Stage(nil), marks...)
}

// Write writes the stages recorded, a line each: the name, a tab, the
// seconds since Start.
func Write(w io.Writer) error {
	for _, s := range Marks() {
		if _, err := fmt.Fprintf(w, "%s\t%.6f\n", s.Name, s.At.Seconds()); err != nil {
			return err
		}
	}
	return nil
}
