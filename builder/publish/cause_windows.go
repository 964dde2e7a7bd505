//go:build windows

package publish

import (
	"errors"

	"golang.org/x/sys/windows"
)

// causeOf tells the system errors it knows.
func causeOf(err error) Cause {
	switch {
	case errors.Is(err, windows.ERROR_DISK_FULL), errors.Is(err, windows.ERROR_HANDLE_DISK_FULL):
		return DiskFull
	case errors.Is(err, windows.ERROR_WRITE_PROTECT):
		return ReadOnly
	case inUse(err):
		return InUse
	}
	return Other
}

// inUse reports an error Windows gives when another program holds a file
// open: an antivirus or the search indexer for a moment, or a window of
// File Explorer, a terminal or an editor opened inside the folder.
func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
