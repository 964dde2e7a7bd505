package publish

import (
	"os"
	"path/filepath"
	"strings"
)

// safeDest refuses destinations whose replacement would destroy what is
// not a published folder: the root, the current folder or a folder above
// it, the site folder or one above it, and the site's sources.
func safeDest(dest string, opt Options) error {
	abs, err := realPath(dest)
	if err != nil {
		return failed(dest, err)
	}
	if filepath.Dir(abs) == abs {
		return &DestError{Dest: dest, Reason: Root}
	}
	if cwd, err := os.Getwd(); err == nil {
		if cwd, err = realPath(cwd); err == nil && within(cwd, abs) {
			return &DestError{Dest: dest, Reason: HoldsCwd}
		}
	}
	if opt.Site == "" {
		return nil
	}
	siteAbs, err := realPath(opt.Site)
	if err != nil {
		return nil // no site folder: nothing of it to protect
	}
	if within(siteAbs, abs) {
		return &DestError{Dest: dest, Reason: HoldsSite}
	}
	for _, src := range opt.Sources {
		if within(abs, filepath.Join(siteAbs, src)) {
			return &DestError{Dest: dest, Reason: InSources, Source: src}
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
