//go:build unix

package publish

import (
	"errors"
	"syscall"
)

// causeOf tells the system errors it knows.
func causeOf(err error) Cause {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return DiskFull
	case errors.Is(err, syscall.EROFS):
		return ReadOnly
	}
	return Other
}
