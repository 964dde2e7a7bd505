package builder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// This file decides where a site may be published and how it takes the
// place of the previous one: the checks on the destination, the names of
// the temporary folders beside it, the swap, and the clean-up after a build
// that was killed.

// safeDest refuses destinations whose replacement would destroy what is
// not a published site: the root, the current folder or a folder above it,
// the site folder or one above it, and the site's sources.
func safeDest(dest, site string) error {
	abs, err := realPath(dest)
	if err != nil {
		return publishError(dest, err)
	}
	if filepath.Dir(abs) == abs {
		return fmt.Errorf(msgDestRoot, dest)
	}
	if cwd, err := os.Getwd(); err == nil {
		if cwd, err = realPath(cwd); err == nil && within(cwd, abs) {
			return fmt.Errorf(msgDestHoldsCwd, dest)
		}
	}
	if site == "" {
		return nil
	}
	siteAbs, err := realPath(site)
	if err != nil {
		return nil // no site folder: nothing of it to protect
	}
	if within(siteAbs, abs) {
		return fmt.Errorf(msgDestHoldsSite, dest)
	}
	for _, src := range []string{"content", "themes", "config.yaml"} {
		if within(abs, filepath.Join(siteAbs, src)) {
			return fmt.Errorf(msgDestInSources, dest, src)
		}
	}
	return nil
}

// realPath is p made absolute, with the symbolic links of its longest
// existing prefix resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// within reports whether p is base or lies inside it.
func within(p, base string) bool {
	rel, err := filepath.Rel(base, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func lockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".piao-lock")
}

func tempPrefix(dest string) string { return "." + filepath.Base(dest) + ".piao-new-" }

func oldPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".piao-old")
}

// swapIn puts the folder tmp in the place of dest in one step; the
// previous dest, if any, ends up in tmp. Where the file system cannot
// exchange two names, it renames twice, and recoverStale repairs a build
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

// recoverStale, under the lock, undoes what a killed build left beside
// dest: the previous site moved aside is put back if dest is missing, and
// the temporary folders are removed. Only names piao made are touched.
func recoverStale(dest string) {
	old := oldPath(dest)
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(old, marker)); err == nil {
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

// publishError says why a publish failed, in words for the office; the
// destination has not been changed.
func publishError(dest string, err error) error {
	reason, _ := osReason(err)
	return fmt.Errorf(msgPublishFailed, dest, reason)
}

// WaitMessage is what piao says while another build publishes to dest.
func WaitMessage(dest string) string { return fmt.Sprintf(msgWaitLock, dest) }
