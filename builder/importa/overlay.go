package importa

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// overlay is the site as the import would leave it: the site's files,
// with the files to write laid over them. The check runs on it before
// anything is written, and `--prova` shows its findings without writing.
type overlay struct {
	base  fs.FS
	files map[string][]byte
}

func newOverlay(base fs.FS, writes []Write) *overlay {
	o := &overlay{base: base, files: map[string][]byte{}}
	for _, w := range writes {
		o.files[w.Path] = w.Data
	}
	return o
}

// dir reports whether name is a folder only the new files make.
func (o *overlay) dir(name string) bool {
	for f := range o.files {
		if strings.HasPrefix(f, name+"/") || name == "." {
			return true
		}
	}
	return false
}

func (o *overlay) Open(name string) (fs.File, error) {
	if b, ok := o.files[name]; ok {
		return &memFile{r: bytes.NewReader(b), info: memInfo{name: path.Base(name), size: int64(len(b))}}, nil
	}
	f, err := o.base.Open(name)
	if err != nil && errors.Is(err, fs.ErrNotExist) && o.dir(name) {
		return &memFile{r: bytes.NewReader(nil), info: memInfo{name: path.Base(name), dir: true}}, nil
	}
	return f, err
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if b, ok := o.files[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(b))}, nil
	}
	info, err := fs.Stat(o.base, name)
	if err != nil && errors.Is(err, fs.ErrNotExist) && o.dir(name) {
		return memInfo{name: path.Base(name), dir: true}, nil
	}
	return info, err
}

func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	if err != nil && !(errors.Is(err, fs.ErrNotExist) && o.dir(name)) {
		return nil, err
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range entries {
		seen[e.Name()] = true
		if b, ok := o.files[path.Join(name, e.Name())]; ok {
			out = append(out, fs.FileInfoToDirEntry(memInfo{name: e.Name(), size: int64(len(b))}))
			continue
		}
		out = append(out, e)
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	for f := range o.files {
		rest, ok := strings.CutPrefix(f, prefix)
		if !ok {
			continue
		}
		first, _, isDir := strings.Cut(rest, "/")
		if seen[first] {
			continue
		}
		seen[first] = true
		info := memInfo{name: first, dir: isDir}
		if !isDir {
			info.size = int64(len(o.files[f]))
		}
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

type memFile struct {
	r    *bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) {
	if f.info.dir {
		return 0, io.EOF
	}
	return f.r.Read(b)
}
func (f *memFile) Close() error { return nil }

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
