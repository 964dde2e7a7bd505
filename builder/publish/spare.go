package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// The spare: after a publish that exchanged two folders, the previous
// output is not removed but kept beside dest as .DEST.piao-spare, and the
// next publish brings it up to date rather than make a new folder from
// nothing: it writes or links only the files that differ from what the
// spare holds, and removes what the new output does not have. A rebuild
// after a small change then costs the disk what changed, not a folder
// and a link per file, and the removal of a whole folder after the swap.
//
// The spare's content is never trusted: a file is kept only when it is
// the very file (the same inode) that dest holds with the right bytes;
// any other name is replaced, never written in place (a file of the spare
// may be a link to one of dest), and symbolic links or files where the
// new output has folders are removed, never followed. While it is brought
// up to date the spare has a temporary name, which recoverStale removes
// if the publish is killed: only a complete output, swapped out by a
// publish, is ever named a spare.

func sparePath(dest string) string { return Beside(dest, "spare") }

// takeSpare returns the folder to fill: the spare under a temporary name
// (spare true), or a new empty temporary folder.
func takeSpare(dest string) (tmp string, spare bool, err error) {
	sp := sparePath(dest)
	if info, err := os.Lstat(sp); err == nil && info.IsDir() {
		tmp = spareTemp(dest)
		_ = os.RemoveAll(tmp)
		if rename(sp, tmp) == nil {
			if info.Mode().Perm() == siteMode || os.Chmod(tmp, siteMode) == nil {
				return tmp, true, nil
			}
			_ = os.RemoveAll(tmp) // a spare whose mode cannot be set: made anew
		}
	}
	_ = os.RemoveAll(sp) // not a folder, or one that cannot be taken
	if tmp, err = os.MkdirTemp(filepath.Dir(dest), tempPrefix(dest)); err != nil {
		return "", false, err
	}
	if err = os.Chmod(tmp, siteMode); err != nil {
		os.Remove(tmp)
		return "", false, err
	}
	return tmp, false, nil
}

// siteMode is the mode of the published folder: MkdirTemp makes it
// private (0700), which a web server running as another user cannot
// read, nor a copy that keeps modes (rsync -a); its folders are made
// 0755, as the root is now. A spare written by a version of piao that
// left the root private is given it when taken.
const siteMode = 0o755

// spareTemp is the name the spare of dest takes while this process's
// publish brings it up to date.
func spareTemp(dest string) string {
	return filepath.Join(filepath.Dir(dest), tempPrefix(dest)+"s"+strconv.Itoa(os.Getpid()))
}

// keepSpare, after a publish, keeps the previous output as the spare if
// the swap left it in tmp; any other tmp (a publish that failed) goes.
func keepSpare(tmp, dest string, swapped bool) {
	if _, err := os.Lstat(tmp); err != nil {
		return // renamed into dest
	}
	if swapped && rename(tmp, sparePath(dest)) == nil {
		return
	}
	_ = os.RemoveAll(tmp)
}

// clear removes whatever the spare has at full — a file, a link, a
// folder — so that a file can be made there anew.
func clear(full string) {
	if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
		_ = os.RemoveAll(full)
	}
}

// spareState is what a Target filling a spare remembers: the names it
// wrote, and the folders it made sure of.
type spareState struct {
	mu    sync.Mutex
	names map[string]bool // files written, slash-separated
	dirs  map[string]bool // real folders of root, full paths (under mu, held while they are made)
	fresh sync.Map        // folders of root this publish made (full path → true): nothing of the spare is in them
	// touched: the folders of root whose entries this publish made,
	// replaced or removed, and those it made or replaced (full path →
	// true): the others are as the spare's index listed them (FolderStamps)
	touched sync.Map

	indexed chan struct{} // closed once idx is read (spareindex.go); nil: no index to wait for
	idx     *spareIndex
	early   bool // idx was read before the publish (Options.Early)
}

// occupied reports whether the file at full may already have something
// of the spare's at its name: in a spare, unless its folder is one this
// publish made (then the name is free, and neither cleared nor compared:
// a new folder, such as the search index's of each build, costs a system
// call less for each file).
func (t *Target) occupied(full string) bool {
	if !t.spare {
		return false
	}
	_, fresh := t.state.fresh.Load(dirOf(full))
	return !fresh
}

// wrote notes the file name written.
func (t *Target) wrote(name string) {
	if !t.spare {
		return
	}
	t.state.mu.Lock()
	if t.state.names == nil {
		t.state.names = map[string]bool{}
	}
	t.state.names[name] = true
	t.state.mu.Unlock()
}

// touch records that this publish changes the entries of the folder that
// holds full, a name of root.
func (t *Target) touch(full string) {
	if t.spare {
		t.state.touched.Store(dirOf(full), true)
	}
}

// FolderStamps gives the stamp of each folder of the spare, by its name
// from the root (slash-separated; the root itself aside), that this
// publish left as the spare's index listed it: no entry of it made,
// replaced or removed. Such a folder's stamp is the one its listing read
// (readDirents), and need not be looked at again once the publish is
// done; a folder changed by something else meanwhile has another. Nil
// without an index.
func (t *Target) FolderStamps() map[string]Stamp {
	if t == nil || !t.spare {
		return nil
	}
	idx := t.index()
	if idx == nil {
		return nil
	}
	out := make(map[string]Stamp, len(idx.dirs))
	for rel, st := range idx.dirs {
		if _, changed := t.state.touched.Load(filepath.Join(t.root, filepath.FromSlash(rel))); !changed {
			out[rel] = st
		}
	}
	return out
}

// realDirs makes sure that dir and every folder on the way to it from the
// root are real folders, replacing whatever else the spare has there. It
// runs one call at a time: two goroutines never replace the same name.
func (t *Target) realDirs(dir string) error {
	t.state.mu.Lock()
	defer t.state.mu.Unlock()
	return t.realDirsLocked(dir)
}

func (t *Target) realDirsLocked(dir string) error {
	if t.state.dirs[dir] || dir == t.root {
		return nil
	}
	if err := t.realDirsLocked(dirOf(dir)); err != nil {
		return err
	}
	create := false
	switch at := t.spareAt(dir); {
	case !at.occupied: // in a folder made now, or not in the spare: nothing is there
		create = true
	case at.known && at.e.kind == entryDir:
	case at.known:
		t.touch(dir)
		clear(dir)
		create = true
	default:
		if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
			t.touch(dir)
			clear(dir)
			create = true
		}
	}
	if create {
		t.touch(dir)
		t.state.touched.Store(dir, true) // made now: its stamp is not one the index listed
		err := os.Mkdir(dir, 0o755)
		if errors.Is(err, fs.ErrExist) { // a name this publish made, where the spare had nothing
			clear(dir)
			err = os.Mkdir(dir, 0o755)
		}
		if err != nil {
			return err
		}
		t.state.fresh.Store(dir, true)
	}
	if t.state.dirs == nil {
		t.state.dirs = map[string]bool{}
	}
	t.state.dirs[dir] = true
	return nil
}

// prune removes from a spare every file and folder the new output did not
// write, the marker aside. It reads the folders a level at a time, each
// level's on every core (a rebuild's spare has a folder per page: 13,000
// at 10,000 sheets); a folder this publish made holds only what it wrote,
// and is not read.
func (t *Target) prune() error {
	if !t.spare {
		return nil
	}
	if idx := t.index(); idx != nil {
		return t.pruneIndexed(idx)
	}
	return byLevel(pruneDir{full: t.root}, t.pruneIn)
}

// byLevel reads a tree of folders from first a level at a time, each
// level's folders on every core: read does what it does with a folder
// and gives the folders in it to read next. It stops at the first level
// where read fails, with its errors.
func byLevel[D any](first D, read func(D) ([]D, error)) error {
	level := []D{first}
	for len(level) > 0 {
		next := make([][]D, len(level))
		errs := make([]error, len(level))
		var wg sync.WaitGroup
		n := max(1, min(runtime.GOMAXPROCS(0), len(level)))
		for w := range n {
			wg.Go(func() {
				for i := w; i < len(level); i += n {
					next[i], errs[i] = read(level[i])
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
		level = slices.Concat(next...)
	}
	return nil
}

// pruneDir is a folder of the spare to prune: its full path, and its
// name from the root, slash-separated ("" for the root).
type pruneDir struct{ full, rel string }

// pruneIn removes from the folder d what the new output did not write,
// and gives the folders in it that are left to read.
func (t *Target) pruneIn(d pruneDir) ([]pruneDir, error) {
	f, err := openRead(d.full)
	if err != nil {
		return nil, err
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return nil, err
	}
	var dirs []pruneDir
	for _, e := range entries {
		full, rel := filepath.Join(d.full, e.Name()), e.Name()
		if d.rel != "" {
			rel = d.rel + "/" + rel
		}
		switch {
		case e.IsDir() && !t.state.dirs[full]:
			t.touch(full)
			if err := os.RemoveAll(full); err != nil {
				return nil, err
			}
		case e.IsDir():
			if _, fresh := t.state.fresh.Load(full); !fresh {
				dirs = append(dirs, pruneDir{full, rel})
			}
		case rel == Marker || t.state.names[rel]:
		default:
			t.touch(full)
			if err := os.Remove(full); err != nil {
				return nil, err
			}
		}
	}
	return dirs, nil
}

// sameFile reports whether the spare's file at full is the very file old.
func sameFile(old fs.FileInfo, full string) bool {
	info, err := os.Lstat(full)
	return err == nil && os.SameFile(old, info)
}
