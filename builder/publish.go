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
	m.Add("text/html", linearHTML{&html.Minifier{KeepEndTags: true, KeepQuotes: true, KeepDocumentTags: true, KeepDefaultAttrVals: true}})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}

var mediaTypes = map[string]string{".html": "text/html", ".css": "text/css", ".js": "application/javascript"}

// marker is the file piao writes in every output folder, so that it only
// ever replaces a folder it wrote itself.
const marker = ".piao-output"

// PublishOptions tune PublishWith.
type PublishOptions struct {
	// Site is the site folder: the output may not contain it, nor lie
	// among its sources (content/, themes/, config.yaml).
	Site string
	// OnWait is called, if not nil, when another build is publishing to
	// the same destination and this one waits for it.
	OnWait func()
}

// Publish writes the site into dest atomically; see PublishWith.
func Publish(s *Site, dest string) error { return PublishWith(s, dest, PublishOptions{}) }

// PublishWith writes the site into dest atomically: into a temporary
// folder beside dest, which takes the place of dest in one step once every
// file is written. A failed or interrupted publish (even by kill -9) leaves
// the previous dest whole. Two publishes to the same dest take turns, by a
// lock file beside it. It refuses, before touching anything, a dest that is
// not a folder, a folder piao did not write (unless empty), the root, the
// current folder or one above it, and the site or its sources.
func PublishWith(s *Site, dest string, opt PublishOptions) error {
	return publishTree(dest, opt, func(to *target) error { return writeTree(s, to) })
}

// publishTree publishes into dest what fill writes into a temporary
// folder, as PublishWith says. An error of rendering from fill comes back
// as it is; any other, as the reason the publish failed.
func publishTree(dest string, opt PublishOptions, fill func(to *target) error) error {
	dest = filepath.Clean(dest)
	if err := safeDest(dest, opt.Site); err != nil {
		return err
	}
	if err := checkDest(dest); err != nil {
		return err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return publishError(dest, err)
	}
	unlock, err := lockDest(lockPath(dest), opt.OnWait)
	if err != nil {
		return publishError(dest, err)
	}
	defer unlock()
	if err := checkDest(dest); err != nil { // another build may have run meanwhile
		return err
	}
	recoverStale(dest)
	tmp, err := os.MkdirTemp(parent, tempPrefix(dest))
	if err != nil {
		return publishError(dest, err)
	}
	defer os.RemoveAll(tmp) // after the swap, the previous site
	prev := openReuse(dest, tmp)
	if err := fill(&target{root: tmp, prev: prev}); err != nil {
		if errors.As(err, new(*pageError)) || errors.As(err, new(*renderError)) || errors.Is(err, errContent) {
			return err
		}
		return publishError(dest, err)
	}
	if err := swapIn(tmp, dest); err != nil {
		return publishError(dest, err)
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
		return publishError(dest, err)
	}
	if !info.IsDir() {
		return fmt.Errorf(msgDestNotDir, dest)
	}
	if _, err := os.Stat(filepath.Join(dest, marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return publishError(dest, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf(msgDestForeign, dest, marker)
	}
	return nil
}

func writeTree(s *Site, to *target) error {
	for _, p := range s.Paths() {
		if err := to.write(p, s.Files[p]); err != nil {
			return err
		}
	}
	return writeMarker(to.root)
}

func writeMarker(root string) error {
	return os.WriteFile(filepath.Join(root, marker), []byte("piao\n"), 0o644)
}

// validOutputPath reports whether p stays inside the output folder.
func validOutputPath(p string) bool {
	return p != "" && !path.IsAbs(p) && path.Clean(p) == p && !strings.HasPrefix(p, "../") &&
		p != ".." && !strings.ContainsAny(p, "\\\x00")
}
