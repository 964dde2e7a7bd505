//go:build !linux && !darwin

package builder

import "io/fs"

// statOf tells nothing where the system's stat is not known to give an
// inode change time: every source is read on every build.
func statOf(fs.FileInfo) (sourceStat, bool) { return sourceStat{}, false }
