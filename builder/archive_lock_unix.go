//go:build unix

package builder

import (
	"errors"
	"os"
	"syscall"
)

// lockArchive takes the lock of the archive of the site at root: at once,
// or (wait) when the process that holds it ends or lets it go; ok is
// false when it did not wait and the lock was held. The kernel releases
// the lock of a process that dies, kill -9 included.
func lockArchive(root *os.Root, wait bool) (unlock func(), ok bool, err error) {
	f, err := root.OpenFile(archiveLock, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, err
	}
	how := syscall.LOCK_EX
	if !wait {
		how |= syscall.LOCK_NB
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	switch {
	case errors.Is(err, syscall.EWOULDBLOCK):
		f.Close()
		return nil, false, nil
	case err != nil:
		f.Close()
		return nil, false, err
	}
	return func() { f.Close() }, true, nil
}
