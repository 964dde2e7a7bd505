package serve

import (
	"bytes"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
)

// A snapshot is the site's files in memory at one moment: what one build
// reads. It is never changed once made; a change on disk makes a new
// snapshot. Only the folders a build reads from are held (config.yaml,
// content/, themes/: see mirrored); any other path is read from disk.
type snapshot struct {
	disk  fs.FS                    // the site folder, for paths outside mirrored
	files map[string]*file         // file or folder, by site-relative path
	dirs  map[string][]fs.DirEntry // folder → its entries (info values), by name
}

// file is one file or folder of a snapshot. A file that changes on disk
// gets a new *file, so pointers tell changed files from unchanged ones.
type file struct {
	data    []byte
	size    int64
	mode    fs.FileMode
	modTime time.Time
	err     error // why the data could not be read (too big, unreadable)
}

// maxMirrored is the largest file held in memory. The loader refuses
// content files long before (builder.MaxFileSize); this bounds theme
// assets.
const maxMirrored = 64 << 20

// mirrored reports whether the build's reads of a site-relative path are
// served from memory: config.yaml, and everything under content/ and
// themes/.
func mirrored(name string) bool {
	top, _, _ := strings.Cut(name, "/")
	return top == "config.yaml" || top == "content" || top == "themes"
}

// newSnapshot indexes files (which it keeps) into a snapshot.
func newSnapshot(disk fs.FS, files map[string]*file) *snapshot {
	s := &snapshot{disk: disk, files: files, dirs: map[string][]fs.DirEntry{}}
	for name, f := range files {
		dir := path.Dir(name)
		if dir == "." {
			continue
		}
		s.dirs[dir] = append(s.dirs[dir], info{path.Base(name), f})
	}
	for _, items := range s.dirs {
		slices.SortFunc(items, byName)
	}
	return s
}

// with returns a snapshot with changes applied: a nil *file deletes the
// path and everything under it. It returns s itself when nothing changes.
// Only the listings of the folders concerned are made again.
func (s *snapshot) with(changes map[string]*file) *snapshot {
	t := &snapshot{disk: s.disk, files: maps.Clone(s.files), dirs: maps.Clone(s.dirs)}
	copied := map[string]bool{}
	changed := false
	for name, f := range changes { // deletions first: a folder read again replaces its subtree
		if f != nil {
			continue
		}
		for k := range t.files {
			if k == name || strings.HasPrefix(k, name+"/") {
				delete(t.files, k)
				delete(t.dirs, k)
				t.setItem(copied, k, nil)
				changed = true
			}
		}
	}
	for name, f := range changes {
		if f == nil {
			continue
		}
		if old := s.files[name]; old != nil && old.same(f) {
			continue // keep the old pointer: unchanged
		}
		t.files[name] = f
		t.setItem(copied, name, f)
		changed = true
	}
	if !changed {
		return s
	}
	return t
}

// setItem puts f (nil: nothing) under its name in its folder's listing,
// copying the listing first if it is still shared with another snapshot.
func (t *snapshot) setItem(copied map[string]bool, name string, f *file) {
	dir, base := path.Dir(name), path.Base(name)
	if dir == "." {
		return
	}
	items := t.dirs[dir]
	if !copied[dir] {
		items = slices.Clone(items)
		copied[dir] = true
	}
	i, found := slices.BinarySearchFunc(items, base, func(it fs.DirEntry, name string) int { return strings.Compare(it.Name(), name) })
	switch {
	case f == nil && found:
		items = slices.Delete(items, i, i+1)
	case f != nil && found:
		items[i] = info{base, f}
	case f != nil:
		items = slices.Insert(items, i, fs.DirEntry(info{base, f}))
	}
	t.dirs[dir] = items
}

// same reports whether two versions of a path have the same content; a
// folder is the same folder.
func (f *file) same(g *file) bool {
	if f.mode.IsDir() || g.mode.IsDir() {
		return f.mode.IsDir() && g.mode.IsDir()
	}
	return f.mode == g.mode && f.size == g.size && f.err == nil && g.err == nil && string(f.data) == string(g.data)
}

// changed lists the paths whose files differ between s and t.
func (s *snapshot) changed(t *snapshot) map[string]bool {
	out := map[string]bool{}
	for k, f := range s.files {
		if g := t.files[k]; g != f {
			out[k] = true
		}
	}
	for k := range t.files {
		if s.files[k] == nil {
			out[k] = true
		}
	}
	return out
}

// Open implements fs.FS.
func (s *snapshot) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if !mirrored(name) {
		return s.disk.Open(name)
	}
	f := s.files[name]
	switch {
	case f == nil:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case f.err != nil:
		return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
	case f.mode.IsDir():
		return &openDir{info: info{path.Base(name), f}, items: s.dirs[name]}, nil
	}
	return &openFile{info: info{path.Base(name), f}, r: bytes.NewReader(f.data)}, nil
}

// ReadFile implements fs.ReadFileFS.
func (s *snapshot) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) || !mirrored(name) {
		return fs.ReadFile(onlyFS{s.disk}, name)
	}
	f := s.files[name]
	if f == nil || f.mode.IsDir() || f.err != nil {
		_, err := s.Open(name)
		if err == nil {
			err = &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
		}
		return nil, err
	}
	return slices.Clone(f.data), nil
}

// Stat implements fs.StatFS.
func (s *snapshot) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) || !mirrored(name) {
		return fs.Stat(onlyFS{s.disk}, name)
	}
	if f := s.files[name]; f != nil {
		return info{path.Base(name), f}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (s *snapshot) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) || !mirrored(name) {
		return fs.ReadDir(onlyFS{s.disk}, name)
	}
	if f := s.files[name]; f == nil || !f.mode.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(s.dirs[name]), nil
}

// onlyFS hides the optional interfaces of an fs.FS, so that the fs helpers
// fall back to Open.
type onlyFS struct{ fsys fs.FS }

func (o onlyFS) Open(name string) (fs.File, error) { return o.fsys.Open(name) }

// info is a file's fs.FileInfo and fs.DirEntry.
func byName(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) }

type info struct {
	name string
	f    *file
}

func (i info) Name() string               { return i.name }
func (i info) Size() int64                { return i.f.size }
func (i info) Mode() fs.FileMode          { return i.f.mode }
func (i info) ModTime() time.Time         { return i.f.modTime }
func (i info) IsDir() bool                { return i.f.mode.IsDir() }
func (i info) Sys() any                   { return nil }
func (i info) Type() fs.FileMode          { return i.f.mode.Type() }
func (i info) Info() (fs.FileInfo, error) { return i, nil }

type openFile struct {
	info
	r *bytes.Reader
}

func (o *openFile) Stat() (fs.FileInfo, error) { return o.info, nil }
func (o *openFile) Read(b []byte) (int, error) { return o.r.Read(b) }
func (o *openFile) Close() error               { return nil }

type openDir struct {
	info
	items []fs.DirEntry
	next  int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *openDir) Close() error               { return nil }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: fs.ErrInvalid}
}

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.items[d.next:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	d.next += len(rest)
	return slices.Clone(rest), nil
}
