package builder

import (
	"io/fs"
	"path"
	"sort"
	"strings"
)

// themeFS returns the theme named in the config: the site's own
// themes/NAME files over the built-in ones.
func themeFS(in Input, name string) (fs.FS, error) {
	if name == "" {
		name = "default"
	}
	if strings.ContainsAny(name, `/\`) || name == ".." || name == "." {
		return nil, fs.ErrInvalid
	}
	var layers []fs.FS
	if info, err := fs.Stat(in.Site, path.Join("themes", name)); err == nil && info.IsDir() {
		layers = append(layers, regularOnly{in.Site, path.Join("themes", name)})
	}
	if in.Themes != nil {
		if sub, err := fs.Sub(in.Themes, path.Join("themes", name)); err == nil {
			if _, err := fs.Stat(sub, "."); err == nil {
				layers = append(layers, sub)
			}
		}
	}
	if len(layers) == 0 {
		return nil, fs.ErrNotExist
	}
	return overlay(layers), nil
}

// overlay is a read-only file system whose first layer holding a path wins;
// directory listings merge every layer.
type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		entries, err := fs.ReadDir(l, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
