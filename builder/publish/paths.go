package publish

import (
	"path"
	"path/filepath"
	"strings"
)

// Paths of a publish's files, put together without the cleaning of
// filepath.Join and filepath.Dir: a name is a ValidPath, clean already,
// and the roots are clean, so there is nothing to clean. A rebuild of
// 10,000 sheets asks for some 27,000 files kept, each named three or four
// times (in the previous output, in the new one, its folder in each).

// under is filepath.Join(root, filepath.FromSlash(name)) for root a clean
// path and name a ValidPath.
func under(root, name string) string {
	if filepath.Separator != '/' || root == "" || strings.HasSuffix(root, "/") || name == "." {
		return filepath.Join(root, filepath.FromSlash(name))
	}
	return root + "/" + name
}

// dirOf is filepath.Dir(full) for full a clean path.
func dirOf(full string) string {
	if i := strings.LastIndexByte(full, filepath.Separator); i > 0 && filepath.Separator == '/' {
		return full[:i]
	}
	return filepath.Dir(full)
}

// slashDir is path.Dir(name) for name a ValidPath: "." for a name in the
// root.
func slashDir(name string) string {
	if i := strings.LastIndexByte(name, '/'); i > 0 {
		return name[:i]
	}
	return path.Dir(name)
}
