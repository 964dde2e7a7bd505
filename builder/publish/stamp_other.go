//go:build !unix

package publish

import "io/fs"

// inode is 0 where the system gives none: the size and the time remain.
func inode(fs.FileInfo) uint64 { return 0 }

// device is 0 where the system gives none.
func device(fs.FileInfo) uint64 { return 0 }

// stampWritten is false where a file's modification time may still change
// when its handle is closed (NTFS may set it then): the stamp of a file
// written is read by name, after the publish (StampsKnown).
const stampWritten = false
