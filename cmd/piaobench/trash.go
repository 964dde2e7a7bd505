package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
)

// The trash: what the bench would remove between runs (outputs, caches,
// sites, the floor's copies) is moved aside instead, and removed once
// every figure is taken.
//
// On a file system without a journal (this virtual machine's ext4 has
// none), Linux does not give a new file or folder an inode freed in the
// last minute, five while its block is not yet written back; to skip
// them it reads each one's inode table block (recently_deleted in
// fs/ext4/ialloc.c). After an output of 27,000 files is removed, every
// file and folder made for minutes walks past them: in a perf profile of
// the first rebuild of 10,000 sheets after such removals, the kernel's
// recently_deleted and its block lookups were a third of the samples, and
// a folder took five times as long to make (10,000 folders: 2.1–2.4 s
// after removing 10,000, 0.36–0.45 s otherwise). Removing before every
// build, as the bench did, made each build pay for the removals before
// it, piao's and Hugo's alike, by however much had been removed and how
// long before; an office does not remove thousands of files a minute
// before each build.
type trashBin struct {
	dir string       // this run's trash folder; "" removes at once
	n   atomic.Int64 // names given
}

var trash trashBin

// openTrash makes this run's trash folder in work.
func openTrash(work string) error {
	trash.dir = filepath.Join(work, fmt.Sprintf("trash-%d", os.Getpid()))
	return os.MkdirAll(trash.dir, 0o755)
}

// discard moves p, a file or a folder, into the trash; where it cannot
// (no trash, another file system), it removes it. A missing p is no error.
func discard(p string) error {
	if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if trash.dir != "" && os.Rename(p, filepath.Join(trash.dir, strconv.FormatInt(trash.n.Add(1), 10))) == nil {
		return nil
	}
	return os.RemoveAll(p)
}

// emptyTrash removes every trash folder in work: those of the runs
// before, killed before they could or still being removed by the process
// they left (emptyTrashLater; removing alongside it, each skips what the
// other removed), and this run's.
func emptyTrash(work string) error {
	old, err := trashFolders(work)
	if err != nil {
		return err
	}
	trash.dir = ""
	for _, d := range old {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	return nil
}

// emptyTrashLater empties the trash as emptyTrash does, but in a process
// of its own that outlives the bench (rm, in a session of its own), so
// that make bench ends once its report is written: removing the 700,000
// files a run leaves took some four minutes of the fifteen that make
// bench took on a slow disk, after the last figure was taken. Where it
// cannot start that process, it empties the trash itself. The next run
// removes whatever is left before it measures anything.
func emptyTrashLater(work string) (detached bool, err error) {
	old, err := trashFolders(work)
	if err != nil || len(old) == 0 {
		return false, err
	}
	trash.dir = ""
	if startDetached("rm", append([]string{"-rf", "--"}, old...)...) == nil {
		return true, nil
	}
	return false, emptyTrash(work)
}

// trashFolders are the trash folders in work.
func trashFolders(work string) ([]string, error) {
	return filepath.Glob(filepath.Join(work, "trash-*"))
}
