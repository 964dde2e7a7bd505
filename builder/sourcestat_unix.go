//go:build linux || darwin

package builder

import (
	"io/fs"
	"syscall"
)

// statOf is the sourceStat of info, from the system's own stat.
func statOf(info fs.FileInfo) (sourceStat, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return sourceStat{}, false
	}
	return sourceStat{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Ctime: ctimeOf(st),
		Ino: uint64(st.Ino), Dev: uint64(st.Dev)}, true
}
