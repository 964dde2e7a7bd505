//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

func inode(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// device is the device of a file, where its inode is unique.
func device(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev)
	}
	return 0
}

// stampWritten: a file's stamp, read through its descriptor once its last
// byte is written, is the one it keeps (its modification time is set by
// each write).
const stampWritten = true
