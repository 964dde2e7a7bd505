package builder

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
)

// newMinifier minifies HTML keeping end tags, attribute quotes and document
// tags, so that archived pages stay robust for any parser; URLs are never
// shortened.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepEndTags: true, KeepQuotes: true, KeepDocumentTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}

var mediaTypes = map[string]string{".html": "text/html", ".css": "text/css", ".js": "application/javascript"}

// marker is the file piao writes in every output folder, so that it only
// ever replaces a folder it wrote itself.
const marker = ".piao-output"

// Publish writes the site into dest atomically: into a temporary folder
// beside dest, which replaces dest only once every file is written. A
// failed or interrupted publish leaves the previous dest untouched. It
// refuses a dest that piao did not write, unless it is empty.
func Publish(s *Site, dest string) error {
	dest = filepath.Clean(dest)
	if err := checkDest(dest); err != nil {
		return err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".piao-new-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := writeTree(s, tmp); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = tmp + "-old"
		if err := os.Rename(dest, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			_ = os.Rename(old, dest)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// checkDest refuses destinations piao must not replace.
func checkDest(dest string) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf(msgDestNotDir, dest)
	}
	if _, err := os.Stat(filepath.Join(dest, marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf(msgDestForeign, dest, marker)
	}
	return nil
}

func writeTree(s *Site, root string) error {
	dirs := map[string]bool{}
	for _, p := range s.Paths() {
		if !validOutputPath(p) {
			return fmt.Errorf("percorso di uscita non valido: %q", p)
		}
		full := filepath.Join(root, filepath.FromSlash(p))
		dir := filepath.Dir(full)
		if !dirs[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			dirs[dir] = true
		}
		if err := os.WriteFile(full, s.Files[p], 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(root, marker), []byte("piao\n"), 0o644)
}

// validOutputPath reports whether p stays inside the output folder.
func validOutputPath(p string) bool {
	return p != "" && !path.IsAbs(p) && path.Clean(p) == p && !strings.HasPrefix(p, "../") &&
		p != ".." && !strings.ContainsAny(p, "\\\x00")
}
