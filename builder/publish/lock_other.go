//go:build !unix && !windows

package publish

// lockDest does not lock where neither flock nor LockFileEx exists (no
// system piao is released for): builds must not overlap.
func lockDest(path string, onWait func()) (func(), error) { return func() {}, nil }
