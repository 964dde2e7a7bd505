//go:build unix

package main

import (
	"os"
	"os/exec"
	"syscall"
	"time"
)

// startDetached starts a command that outlives this process: in a session
// of its own (no signal of the terminal's reaches it), its input and
// output /dev/null (make, or a pipe the bench's log goes into, does not
// wait for it). It is not waited for.
func startDetached(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Process.Release()
}

// syncDisks writes what the system holds of every file to its disk, so
// that one run's writing is not timed in the next.
func syncDisks() { syscall.Sync() }

// selfCPU is the CPU time this process has used, on every core.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// processUsage is the CPU time a process that ended used, on every core,
// and its peak of memory (bytes).
func processUsage(ps *os.ProcessState) (cpu time.Duration, rss int64, ok bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Maxrss << 10, true // kilobytes on Linux
}
