//go:build windows

package publish

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// rename renames a file or folder. Windows refuses to rename a folder
// while another program holds a file in it open: an antivirus or the
// search indexer does so for a moment after a file is written, so the
// rename is tried again for about two seconds. A folder still held after
// that (a window of File Explorer, a terminal or an editor open inside
// it) is an *Error of Cause InUse.
func rename(from, to string) error {
	delay := 10 * time.Millisecond
	for {
		err := os.Rename(from, to)
		if err == nil || !renameBusy(err) {
			return err
		}
		if delay > time.Second {
			return &Error{Cause: InUse, Err: err}
		}
		time.Sleep(delay)
		delay *= 2
	}
}

// renameBusy reports an error of a rename that another program holding a
// file open causes; for a folder, Windows says "access denied".
func renameBusy(err error) bool {
	return inUse(err) || errors.Is(err, windows.ERROR_ACCESS_DENIED)
}
