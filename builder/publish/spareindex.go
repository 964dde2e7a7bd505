package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The spare's index: what the spare holds, read once as the publish
// begins — each folder's entries with their kind and inode, as the
// system lists them (on Linux, getdents: no look at each file) — so that
// bringing the spare up to date needs no look at each name before making
// it (is it a real folder? the very file to link?), and its pruning no
// second reading of every folder. At 10,000 sheets, 40,000 lstat and a
// walk of 13,000 folders fewer.
//
// An entry answers once: the first question about its name. A name asked
// about again (one written twice in a publish) is taken as free: making it
// with a link or an exclusive create then fails, and it is cleared first,
// as without the index. Where the index cannot be read (another system,
// an error while reading), every name is looked at, as without it.

// indexSpare: a publish into a spare reads its index (tests turn it off,
// to test what a system without one does).
var indexSpare = true

// spareEntry is a name of the spare as it was read.
type spareEntry struct {
	full, rel string // its path, and its name from the root, slash-separated
	kind      entryKind
	ino       uint64
}

type entryKind uint8

const (
	entryOther entryKind = iota // a symbolic link, a device…: never followed, always replaced
	entryFile                   // a regular file
	entryDir                    // a real folder
)

// spareIndex is what the spare held when the publish took it.
type spareIndex struct {
	dev  uint64           // the device of the spare: an inode names a file only there
	all  []spareEntry     // every name
	dirs map[string]Stamp // the stamp of each folder but the root as it was listed, by its name from the root

	mu    sync.Mutex
	first map[string]int32 // full path → index in all, until its name is asked about
}

// readSpare reads the spare at root, on every core a level of folders at a
// time; nil where it cannot be read as an index (readDirents).
func readSpare(root string) *spareIndex { return readSpareAs(root, root) }

// readSpareAs is readSpare, its names given as they will be once the
// folder root is renamed label.
func readSpareAs(root, label string) *spareIndex {
	info, err := os.Lstat(root)
	if err != nil || !info.IsDir() {
		return nil
	}
	idx := &spareIndex{dev: device(info), dirs: map[string]Stamp{}}
	var mu sync.Mutex
	err = byLevel(spareEntry{full: root}, func(d spareEntry) ([]spareEntry, error) {
		entries, st, err := readSpareDir(d)
		var dirs []spareEntry
		for _, e := range entries {
			if e.kind == entryDir {
				dirs = append(dirs, e)
			}
		}
		mu.Lock()
		idx.all = append(idx.all, entries...) // in no order: the prune needs none
		if err == nil && d.rel != "" {
			idx.dirs[d.rel] = st
		}
		mu.Unlock()
		return dirs, err
	})
	if err != nil {
		return nil
	}
	idx.first = make(map[string]int32, len(idx.all))
	for i := range idx.all {
		e := &idx.all[i]
		if label != root {
			e.full = label + e.full[len(root):]
		}
		idx.first[e.full] = int32(i)
	}
	return idx
}

// readSpareDir lists the folder d of the spare, and gives its stamp.
func readSpareDir(d spareEntry) ([]spareEntry, Stamp, error) {
	var out []spareEntry
	st, err := readDirents(d.full, func(name string, kind entryKind, ino uint64) {
		rel := name
		if d.rel != "" {
			rel = d.rel + "/" + name
		}
		out = append(out, spareEntry{full: filepath.Join(d.full, name), rel: rel, kind: kind, ino: ino})
	})
	return out, st, err
}

// kindOf is the kind of a name whose listing did not say it.
func kindOf(full string) (entryKind, uint64, error) {
	info, err := os.Lstat(full)
	switch {
	case err != nil:
		return entryOther, 0, err
	case info.Mode().IsRegular():
		return entryFile, inode(info), nil
	case info.IsDir():
		return entryDir, inode(info), nil
	}
	return entryOther, inode(info), nil
}

// ask answers the first question about the name full: what the spare
// held there (ok), known when there is an index. A name asked about
// before, or made by this publish, is not in the index: it is answered
// as free, which is safe, since the caller then makes it with a link or
// an exclusive create that fails where the name is taken, and clears it.
// Below a folder this publish made, nothing is asked (Target.occupied).
func (idx *spareIndex) ask(full string) (e spareEntry, ok, known bool) {
	if idx == nil {
		return spareEntry{}, false, false
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	i, there := idx.first[full]
	if !there {
		return spareEntry{}, false, true
	}
	delete(idx.first, full)
	return idx.all[i], true, true
}

// renamed tells the index that the spare's folder from (a full path) was
// renamed to (whose name from the root is rel): what it held is now there.
func (idx *spareIndex) renamed(from, to, rel string) {
	if idx == nil {
		return
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	for i := range idx.all {
		e := &idx.all[i]
		if e.full != from && !strings.HasPrefix(e.full, from+string(filepath.Separator)) {
			continue
		}
		j, there := idx.first[e.full]
		delete(idx.first, e.full)
		e.full = to + e.full[len(from):]
		e.rel = rel + filepath.ToSlash(e.full[len(to):])
		if there {
			idx.first[e.full] = j
		}
	}
}

// spareName is what the spare has at a name about to be made, as far as
// it is known.
type spareName struct {
	occupied bool // something may be there
	known    bool // what is there is known: e (nothing, if !occupied)
	e        spareEntry
	dev      uint64 // the spare's device, where known
}

// spareAt tells what the spare has at full, a name about to be made.
func (t *Target) spareAt(full string) spareName {
	if !t.occupied(full) {
		return spareName{}
	}
	idx := t.index()
	e, ok, known := idx.ask(full)
	at := spareName{occupied: ok || !known, known: known, e: e}
	if known {
		at.dev = idx.dev
	}
	return at
}

// same reports whether what the spare has at the name is known to be the
// very file old (an index's entry), or, not known, is found to be.
func (n spareName) same(old fs.FileInfo, full string) bool {
	if n.known {
		return n.occupied && n.e.kind == entryFile && n.e.ino != 0 && n.e.ino == inode(old) && n.dev == device(old)
	}
	return sameFile(old, full)
}

// index waits for the spare's index, nil where there is none.
func (t *Target) index() *spareIndex {
	if t.state.indexed == nil {
		return nil
	}
	<-t.state.indexed
	return t.state.idx
}

// pruneIndexed is prune with the index: every name the spare held that the
// new output did not write goes; a name in a folder that went, or became
// a file, went with it.
func (t *Target) pruneIndexed(idx *spareIndex) error {
	for _, e := range idx.all {
		parent := filepath.Dir(e.full)
		if parent != t.root && !t.state.dirs[parent] {
			continue // its folder went whole, or became a file
		}
		var err error
		switch {
		case e.rel == Marker || t.state.names[e.rel] || t.state.dirs[e.full]:
		case e.kind == entryDir:
			t.touch(e.full)
			err = os.RemoveAll(e.full)
		default:
			t.touch(e.full)
			if err = os.Remove(e.full); errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
