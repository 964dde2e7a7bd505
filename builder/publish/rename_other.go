//go:build !windows

package publish

import "os"

// rename renames a file or folder; from and to are on one file system.
func rename(from, to string) error { return os.Rename(from, to) }
