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

func lockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".piao-lock")
}

func tempPrefix(dest string) string { return "." + filepath.Base(dest) + ".piao-new-" }

func oldPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".piao-old")
}

// swapIn puts the folder tmp in the place of dest in one step; the
// previous dest, if any, ends up in tmp. Where the file system cannot
// exchange two names, it renames twice, and recoverStale repairs a publish
// killed between the two.
func swapIn(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	err := exchange(tmp, dest)
	if err == nil || !errors.Is(err, errNoExchange) {
		return err
	}
	old := oldPath(dest)
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		return err
	}
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
			_ = os.Rename(old, dest)
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
