//go:build !unix

package main

import (
	"errors"
	"os"
	"time"
)

// The measures make bench takes where the system has them (sys_unix.go):
// make bench runs on Linux, and the program builds elsewhere only to be
// vetted with the rest; here it measures wall time alone.

func syncDisks() {}

func startDetached(string, ...string) error { return errors.ErrUnsupported }

func selfCPU() time.Duration { return 0 }

func processUsage(*os.ProcessState) (time.Duration, int64, bool) { return 0, 0, false }
