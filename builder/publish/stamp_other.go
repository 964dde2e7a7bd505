//go:build !unix

package publish

import "io/fs"

// inode is 0 where the system gives none: the size and the time remain.
func inode(fs.FileInfo) uint64 { return 0 }
