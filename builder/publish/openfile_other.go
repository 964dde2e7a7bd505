//go:build !unix

package publish

import "os"

// openNew creates the file full, which must not exist, for writing.
func openNew(full string) (*os.File, error) {
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// openRead opens the file or folder full for reading.
func openRead(full string) (*os.File, error) { return os.Open(full) }
