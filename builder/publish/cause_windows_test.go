//go:build windows

package publish

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// TestCauseWindows: the system's errors become the causes the office is
// told.
func TestCauseWindows(t *testing.T) {
	tests := []struct {
		err  windows.Errno
		want Cause
	}{
		{windows.ERROR_DISK_FULL, DiskFull}, {windows.ERROR_HANDLE_DISK_FULL, DiskFull},
		{windows.ERROR_WRITE_PROTECT, ReadOnly}, {windows.ERROR_SHARING_VIOLATION, InUse},
		{windows.ERROR_LOCK_VIOLATION, InUse}, {windows.ERROR_ACCESS_DENIED, Permission},
	}
	for _, tt := range tests {
		err := failed("public", &os.PathError{Op: "write", Path: `public\x`, Err: tt.err})
		if err.Cause != tt.want || err.Dest != "public" {
			t.Errorf("%v: cause %d, dest %q; want %d", tt.err, err.Cause, err.Dest, tt.want)
		}
	}
}

// TestRenameInUse: a folder with a file held open by another handle cannot
// be renamed on Windows; rename tries again, then says the folder is in
// use, and the folder is where it was.
func TestRenameInUse(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "public"), filepath.Join(dir, ".public.piao-old")
	if err := os.MkdirAll(from, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(from, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	err = rename(from, to)
	f.Close()
	var pe *Error
	if !errors.As(err, &pe) || pe.Cause != InUse {
		t.Fatalf("rename of a folder in use: %v, want an *Error of Cause InUse", err)
	}
	if _, err := os.Stat(from); err != nil {
		t.Error("the folder in use moved")
	}
	if err := rename(from, to); err != nil {
		t.Errorf("once the file is closed: %v", err)
	}
}
