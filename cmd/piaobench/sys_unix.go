//go:build unix

package main

import (
	"os"
	"syscall"
	"time"
)

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
