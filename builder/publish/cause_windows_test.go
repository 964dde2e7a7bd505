//go:build windows

package publish

import (
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

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

// TestRenameRetries: a file another handle holds open without sharing
// delete (as Go, File Explorer's preview and most programs open files)
// cannot be renamed: rename says it is in use after its retries, and
// succeeds when the handle is closed while it retries.
func TestRenameRetries(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, ".piao-marker"), filepath.Join(dir, "spostato")
	f, err := os.Create(from)
	if err != nil {
		t.Fatal(err)
	}
	err = rename(from, to)
	var pe *Error
	if !errors.As(err, &pe) || pe.Cause != InUse || !errors.Is(err, windows.ERROR_SHARING_VIOLATION) {
		f.Close()
		t.Fatalf("rename of a file held open: %v, want an *Error of Cause InUse (sharing violation)", err)
	}
	if _, err := os.Stat(from); err != nil {
		t.Error("the file in use moved")
	}
	var closing atomic.Bool
	go func() {
		time.Sleep(100 * time.Millisecond)
		closing.Store(true)
		f.Close()
	}()
	if err := rename(from, to); err != nil {
		t.Fatalf("the handle closed while rename retried: %v", err)
	}
	if !closing.Load() {
		t.Fatal("the rename succeeded while the file was still open")
	}
	if _, err := os.Stat(to); err != nil {
		t.Error(err)
	}
}
