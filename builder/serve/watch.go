package serve

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/piao-pa/piao/builder"
)

// The watcher turns fsnotify events into site-relative paths to read
// again. It does not trust an event's kind: whatever happened to a path,
// the path is read again from disk when the rebuild starts, so that every
// way of saving a file (in place, truncate and write, a temporary file
// renamed over, delete and recreate) ends in the same state.

// outputMarker is the file piao build leaves in a folder it wrote: such a
// folder is never read or watched.
const outputMarker = ".piao-output"

// editorTemp matches the temporary files editors write beside the file
// they save, beyond those the loader already skips (builder.IgnoredName):
// vim's 4913 probe, JetBrains' safe-write files, Kate's swap files,
// Chromium's swap files, sed -i's temporaries.
var editorTemp = regexp.MustCompile(`^(4913|sed[A-Za-z0-9]{6})$|___jb_(tmp|old)___$|\.kate-swp$|\.crswap$|\.part$`)

// skipName reports whether a file or folder name is never part of the site.
func skipName(name string) bool {
	return builder.IgnoredName(name) || editorTemp.MatchString(name)
}

// relevant returns the site-relative path an event is about, or false if
// the event cannot change the site: CHMOD-only events, paths outside
// config.yaml, content/ and themes/, and editors' temporary files.
func relevant(root string, ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return "", false
	}
	rel, err := filepath.Rel(root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if !mirrored(rel) {
		return "", false
	}
	for _, part := range strings.Split(rel, "/") {
		if skipName(part) {
			return "", false
		}
	}
	return rel, true
}

// reader reads the mirrored part of the site from disk, and watches every
// folder it reads.
type reader struct {
	root string
	fsw  *fsnotify.Watcher
	log  func(string)
}

// readAll reads config.yaml, content/ and themes/ from scratch.
func (r *reader) readAll() map[string]*file {
	out := map[string]*file{}
	for _, top := range []string{"config.yaml", "content", "themes"} {
		r.read(top, out)
	}
	for k, f := range out {
		if f == nil {
			delete(out, k)
		}
	}
	return out
}

// read reads path rel (a file, a folder with all it holds, or nothing)
// into changes; a nil entry means rel is gone. A folder is watched before
// it is listed, so that nothing created in it is missed.
func (r *reader) read(rel string, changes map[string]*file) {
	full := filepath.Join(r.root, filepath.FromSlash(rel))
	fi, err := os.Lstat(full)
	if err == nil && fi.Mode()&os.ModeSymlink != 0 {
		fi, err = os.Stat(full)
		if err == nil && fi.IsDir() {
			err = errors.New("symlinked folder") // the loader does not follow them either
		}
	}
	if err != nil || r.skipped(rel, full, fi) {
		changes[rel] = nil
		return
	}
	if !fi.IsDir() {
		changes[rel] = loadFile(full, fi)
		return
	}
	if err := r.fsw.Add(full); err != nil {
		r.log(fmt.Sprintf(builder.ServeWatchFailed, full, builder.WatchReason(err)))
	}
	entries, err := os.ReadDir(full)
	if err != nil {
		changes[rel] = nil
		return
	}
	changes[rel] = &file{mode: fi.Mode(), size: fi.Size(), modTime: fi.ModTime()}
	for _, e := range entries {
		r.read(path.Join(rel, e.Name()), changes)
	}
}

// skipped reports whether a path is left out of the mirror: editor debris,
// hidden files, folders written by piao build.
func (r *reader) skipped(rel, full string, fi os.FileInfo) bool {
	if skipName(path.Base(rel)) {
		return true
	}
	if fi.IsDir() {
		if _, err := os.Lstat(filepath.Join(full, outputMarker)); err == nil {
			return true
		}
	}
	return false
}

func loadFile(full string, fi os.FileInfo) *file {
	f := &file{size: fi.Size(), mode: fi.Mode() &^ os.ModeSymlink, modTime: fi.ModTime()}
	switch {
	case !f.mode.IsRegular():
		f.err = errors.New("not a regular file")
	case fi.Size() > maxMirrored:
		f.err = errors.New("file too large")
	default:
		f.data, f.err = os.ReadFile(full)
		f.size = int64(len(f.data))
	}
	return f
}

// batch collects the paths to read again, and tells when to rebuild: once
// no event has come for quiet, or at the latest maxWait after the first.
type batch struct {
	paths       map[string]bool
	full        bool // read everything again (the event queue overflowed)
	first, last time.Time
}

func (b *batch) add(rel string, now time.Time) {
	if b.paths == nil {
		b.paths = map[string]bool{}
	}
	if b.empty() {
		b.first = now
	}
	b.paths[rel] = true
	b.last = now
}

func (b *batch) overflow(now time.Time) {
	if b.empty() {
		b.first = now
	}
	b.full, b.last = true, now
}

func (b *batch) empty() bool { return len(b.paths) == 0 && !b.full }

// due returns how long to wait before the batch should be built.
func (b *batch) due(now time.Time, quiet, maxWait time.Duration) time.Duration {
	return max(0, min(b.last.Add(quiet).Sub(now), b.first.Add(maxWait).Sub(now)))
}
