package publish

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// reuse takes into a new output the files that the previous output holds
// with the very same bytes, as hard links rather than written anew. The
// new output is still a whole folder of its own, swapped in at once; the
// previous one, removed after the swap, only loses its names for those
// files. An unchanged file keeps its inode and modification time, so that
// a copy to the web server (rsync) skips it; and a link costs the disk far
// less than a new file. Where links cannot be made (a file system without
// them), files are written as usual.
//
// Only regular files reached through real folders of the previous output
// are taken: a symbolic link in it, to a file or a folder, could lead out
// of it, and is never followed.
type reuse struct {
	prev, next string // the previous output and the new one

	mu   sync.Mutex
	dirs map[string]bool // folders of prev, slash-separated: a real folder, reached through real folders
}

// openReuse prepares to reuse the files of dest in tmp; nil when dest is
// not a folder.
func openReuse(dest, tmp string) *reuse {
	if info, err := os.Lstat(dest); err != nil || !info.IsDir() {
		return nil
	}
	return &reuse{prev: dest, next: tmp, dirs: map[string]bool{".": true}}
}

// link makes the file of the new output at full a link to the previous
// output's file name, if that holds b, and reports whether it did, with
// the stamp of the file linked. The folder of full must exist. Where the name may be occupied (in a spare), a name that is
// already that very file stays as it is.
func (r *reuse) link(name string, b []byte, full string, at spareName) (Stamp, bool) {
	if r == nil || !r.realDir(path.Dir(name)) {
		return Stamp{}, false
	}
	old := filepath.Join(r.prev, filepath.FromSlash(name))
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(b)) {
		return Stamp{}, false
	}
	cur, err := readWhole(old)
	if err != nil || !bytes.Equal(cur, b) {
		return Stamp{}, false
	}
	return StampOf(info), linkInto(old, info, full, at)
}

// linkInto links the file old (whose metadata is info) at full; where
// the name may be occupied (in a spare, at says), a name that is already
// that file stays, any other goes first.
func linkInto(old string, info os.FileInfo, full string, at spareName) bool {
	if at.occupied {
		if at.same(info, full) {
			return true
		}
		clear(full)
	}
	return os.Link(old, full) == nil
}

// realDir reports whether the folder dir of the previous output, and every
// folder on the way to it, is a real folder, not a symbolic link.
func (r *reuse) realDir(dir string) bool {
	r.mu.Lock()
	ok, seen := r.dirs[dir]
	r.mu.Unlock()
	if seen {
		return ok
	}
	ok = r.realDir(path.Dir(dir))
	if ok {
		info, err := os.Lstat(filepath.Join(r.prev, filepath.FromSlash(dir)))
		ok = err == nil && info.IsDir()
	}
	r.mu.Lock()
	r.dirs[dir] = ok
	r.mu.Unlock()
	return ok
}
