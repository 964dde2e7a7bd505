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

	mu     sync.Mutex
	dirs   map[string]bool        // folders of prev, slash-separated: a real folder, reached through real folders
	listed map[string]*subfolders // folders of prev whose real subfolders were listed, by name
}

// subfolders are the names of the real folders in a folder of prev, read
// at once (where readDirents is not supported, or the folder cannot be
// read: none, each looked at on its own).
type subfolders struct {
	asked int // names asked about, under reuse.mu
	once  sync.Once
	names map[string]bool // nil: not listed
}

// listAfter is how many of a folder's names are looked at one by one
// before the folder is listed: most folders of an output hold one folder
// or none (a sheet's holds its page as approved), and listing one costs
// four calls where a look costs one.
const listAfter = 8

// openReuse prepares to reuse the files of dest in tmp; nil when dest is
// not a folder.
func openReuse(dest, tmp string) *reuse {
	if info, err := os.Lstat(dest); err != nil || !info.IsDir() {
		return nil
	}
	return &reuse{prev: dest, next: tmp, dirs: map[string]bool{".": true}, listed: map[string]*subfolders{}}
}

// link makes the file of the new output at full a link to the previous
// output's file name, if that holds b, and reports whether it did, with
// the stamp of the file linked. The folder of full must exist. Where the name may be occupied (in a spare), a name that is
// already that very file stays as it is.
func (r *reuse) link(name string, b []byte, full string, at spareName, touch func(string)) (Stamp, bool) {
	if r == nil || !r.realDir(slashDir(name)) {
		return Stamp{}, false
	}
	old := under(r.prev, name)
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(b)) {
		return Stamp{}, false
	}
	cur, err := readWhole(old)
	if err != nil || !bytes.Equal(cur, b) {
		return Stamp{}, false
	}
	return StampOf(info), linkInto(old, info, full, at, touch)
}

// linkInto links the file old (whose metadata is info) at full; where
// the name may be occupied (in a spare, at says), a name that is already
// that file stays, any other goes first. touch is told of full before
// its folder changes.
func linkInto(old string, info os.FileInfo, full string, at spareName, touch func(string)) bool {
	if at.occupied && at.same(info, full) {
		return true
	}
	touch(full)
	if at.occupied {
		clear(full)
	}
	return os.Link(old, full) == nil
}

// realSubfolder reports whether name, in the real folder parent of the
// previous output, is a real folder. Past listAfter names of it, the
// folder parent is listed, once: a rebuild asks about each sheet's
// folder, 10,000 of them in one folder at 10,000 sheets, and a listing
// gives the type of every name in a few calls, where each name looked at
// costs one.
func (r *reuse) realSubfolder(parent, name string) bool {
	r.mu.Lock()
	sub := r.listed[parent]
	if sub == nil {
		sub = &subfolders{}
		r.listed[parent] = sub
	}
	sub.asked++
	list := sub.asked > listAfter
	r.mu.Unlock()
	if !list {
		return isRealDir(filepath.Join(r.prev, filepath.FromSlash(parent), name))
	}
	sub.once.Do(func() {
		names := map[string]bool{}
		_, err := readDirents(filepath.Join(r.prev, filepath.FromSlash(parent)), func(n string, kind entryKind, _ uint64) {
			if kind == entryDir {
				names[n] = true
			}
		})
		if err == nil {
			sub.names = names
		}
	})
	if sub.names != nil {
		return sub.names[name]
	}
	return isRealDir(filepath.Join(r.prev, filepath.FromSlash(parent), name))
}

// isRealDir reports whether dir is a folder, not a symbolic link to one.
func isRealDir(dir string) bool {
	info, err := os.Lstat(dir)
	return err == nil && info.IsDir()
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
	ok = r.realDir(slashDir(dir))
	if ok {
		ok = r.realSubfolder(slashDir(dir), path.Base(dir))
	}
	r.mu.Lock()
	r.dirs[dir] = ok
	r.mu.Unlock()
	return ok
}
