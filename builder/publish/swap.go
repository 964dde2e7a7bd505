package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// This file decides how a new folder takes the place of the previous one:
// the names of the temporary folders beside the destination, the swap,
// and the clean-up after a publish that was killed.

// Beside is the hidden file or folder .DEST.piao-WHAT beside the output
// dest, where piao keeps what belongs to it but is never published: its
// lock, the folders of a swap, the spare, the build cache, the sheet
// store, the search documents.
func Beside(dest, what string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".piao-"+what)
}

func lockPath(dest string) string { return Beside(dest, "lock") }

func tempPrefix(dest string) string { return "." + filepath.Base(dest) + ".piao-new-" }

func oldPath(dest string) string { return Beside(dest, "old") }

// swapIn puts the folder tmp in the place of dest: in one step where the
// file system can exchange two names (Linux, macOS on APFS), the previous
// dest ending up in tmp; elsewhere (Windows, and file systems without an
// exchange) by swapByRenames.
func swapIn(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return rename(tmp, dest)
	}
	err := exchange(tmp, dest)
	if err == nil || !errors.Is(err, errNoExchange) {
		return err
	}
	return swapByRenames(tmp, dest)
}

// swapByRenames renames dest aside, then tmp in its place, then removes
// the previous folder. It is not atomic: between the two renames dest is
// missing for a moment. It is crash-safe: a publish killed between the
// two leaves the previous folder whole under oldPath, with its Marker,
// and recoverStale puts it back at the next publish; the Marker of the
// folder moved aside goes first when it is removed, so that a folder half
// removed is never put back.
func swapByRenames(tmp, dest string) error {
	old := oldPath(dest)
	if err := rename(dest, old); err != nil {
		return err
	}
	crashPoint("aside")
	if err := rename(tmp, dest); err != nil {
		_ = rename(old, dest)
		return err
	}
	crashPoint("swapped")
	_ = os.Remove(filepath.Join(old, Marker))
	crashPoint("unmarked")
	_ = os.RemoveAll(old)
	return nil
}

// recoverStale, under the lock, undoes what a killed publish left beside
// dest: the previous folder moved aside is put back if dest is missing,
// and the temporary folders are removed. Only names a publish made are
// touched.
func recoverStale(dest string) {
	old := oldPath(dest)
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(old, Marker)); err == nil {
			_ = rename(old, dest)
		}
	}
	_ = os.RemoveAll(old)
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), tempPrefix(dest)) {
			_ = os.RemoveAll(filepath.Join(filepath.Dir(dest), e.Name()))
		}
	}
}
