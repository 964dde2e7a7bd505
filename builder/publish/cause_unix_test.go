//go:build unix

package publish

import (
	"os"
	"syscall"
	"testing"
)

// TestCauseUnix: the system's errors become the causes the office is told.
func TestCauseUnix(t *testing.T) {
	tests := []struct {
		err  syscall.Errno
		want Cause
	}{
		{syscall.ENOSPC, DiskFull}, {syscall.EDQUOT, DiskFull}, {syscall.EROFS, ReadOnly},
		{syscall.EACCES, Permission}, {syscall.EPERM, Permission}, {syscall.EIO, Other},
	}
	for _, tt := range tests {
		err := failed("public", &os.PathError{Op: "write", Path: "public/x", Err: tt.err})
		if err.Cause != tt.want || err.Dest != "public" {
			t.Errorf("%v: cause %d, dest %q; want %d", tt.err, err.Cause, err.Dest, tt.want)
		}
	}
}
