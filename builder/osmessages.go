package builder

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// osReason words an error of the operating system for the office, without
// the English of Go's own error texts; hint says what to do about it, and
// may be empty.
func osReason(err error) (reason, hint string) {
	var errno syscall.Errno
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return reasonDiskFull, hintDiskFull
	case errors.Is(err, syscall.EROFS):
		return reasonReadOnly, ""
	case errors.Is(err, fs.ErrPermission):
		return reasonPermRead, hintPermRead
	case errors.Is(err, syscall.ENAMETOOLONG):
		return reasonNameTooLong, hintNameTooLong
	case errors.Is(err, syscall.ELOOP):
		return reasonLinkLoop, hintSymlink
	case errors.Is(err, syscall.ENOTDIR):
		return reasonNotDir, ""
	case errors.Is(err, syscall.EISDIR):
		return reasonIsDir, ""
	case errors.Is(err, fs.ErrNotExist):
		return reasonNotExist, ""
	case errors.Is(err, fs.ErrInvalid):
		return reasonInvalidName, ""
	case errors.Is(err, syscall.EIO):
		return reasonIO, hintIO
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return reasonTooMany, ""
	case errors.As(err, &errno):
		return fmt.Sprintf(reasonOther, errno.Error()), ""
	}
	return fmt.Sprintf(reasonOther, innermost(err)), ""
}

// NetReason words why piao serve could not listen on an address.
func NetReason(err error) string {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return reasonAddrInUse
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return reasonAddrNotHere
	case errors.Is(err, fs.ErrPermission):
		return reasonPortDenied
	}
	reason, _ := osReason(err)
	return reason
}

// WatchReason words why piao serve could not watch a folder: the kernel
// says "no space" when its limit of watched folders is reached.
func WatchReason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return reasonWatchLimit
	case errors.Is(err, syscall.EMFILE):
		return reasonWatchInstances
	}
	reason, _ := osReason(err)
	return reason
}

// DiskError is a file or folder piao could not write, worded for the
// office: Msg has a %s for the path and one for the reason.
type DiskError struct {
	Msg, Path string
	Err       error
}

func (e *DiskError) Error() string {
	reason, hint := osReason(e.Err)
	s := fmt.Sprintf(e.Msg, e.Path, reason)
	if hint != "" {
		s += "\n\t" + msgHint + ": " + hint
	}
	return s
}

func (e *DiskError) Unwrap() error { return e.Err }

// ZipNotWritten is the error of a zip that could not be written to path.
func ZipNotWritten(path string, err error) error {
	return &DiskError{Msg: msgZipNotWritten, Path: path, Err: err}
}

// innermost is the text of the deepest error err wraps: the cause, without
// the operation and path Go puts before it.
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
