//go:build piao_renames

package publish

import "os"

// crashPoint kills the process, as kill -9 would, at the named step of a
// publish when PIAO_CRASH_AT names it: the tests' way to stop a publish
// exactly between two steps. Only in builds with the tag piao_renames,
// which the tests use and no release has.
func crashPoint(step string) {
	if os.Getenv("PIAO_CRASH_AT") != step {
		return
	}
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		_ = p.Kill()
	}
	select {}
}
