//go:build darwin && !piao_renames

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// errNoExchange means the file system cannot swap two names in one step.
var errNoExchange = errors.New("exchange not supported")

// exchange swaps the names a and b atomically (renamex_np RENAME_SWAP, on
// APFS); file systems that cannot (a network share, exFAT, perhaps HFS+)
// say so, and swapIn renames twice.
func exchange(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return errNoExchange
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return nil
}
