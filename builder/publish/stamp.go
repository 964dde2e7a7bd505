package publish

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Stamp is what a file's metadata says of its bytes: its size, its
// modification time and, where the system has them, its inode. A file
// whose stamp is the one recorded when it was written is taken to hold
// the same bytes, as make and rsync take it; nothing piao writes keeps a
// stamp across a change of its bytes (a file is replaced, never written
// in place).
type Stamp struct {
	Size, ModTime int64
	Ino           uint64
	Dir           bool
}

// StampOf is the stamp of a file's metadata.
func StampOf(info fs.FileInfo) Stamp {
	return Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Ino: inode(info), Dir: info.IsDir()}
}

// Stamps reads the stamps of the files and folders names (slash-separated,
// "." the folder itself) of the folder root, on n goroutines; a name that
// cannot be read (or is a symbolic link) is left out.
func Stamps(root string, names []string, n int) map[string]Stamp {
	return StampsKnown(root, names, nil, n)
}

// StampsKnown is Stamps, taking the stamp of a name from known where it
// is there (Target.Stamped) instead of reading it.
func StampsKnown(root string, names []string, known map[string]Stamp, n int) map[string]Stamp {
	var look []string
	for _, name := range names {
		if _, ok := known[name]; !ok {
			look = append(look, name)
		}
	}
	m := stamps(root, look, n, len(names))
	for _, name := range names {
		if st, ok := known[name]; ok {
			m[name] = st
		}
	}
	return m
}

// stamps reads the stamps of names into a map made for size entries.
func stamps(root string, names []string, n, size int) map[string]Stamp {
	out := make([]Stamp, len(names))
	ok := make([]bool, len(names))
	var wg sync.WaitGroup
	for w := range max(1, n) {
		wg.Go(func() {
			for i := w; i < len(names); i += max(1, n) {
				var full string
				if ValidPath(names[i]) {
					full = under(root, names[i]) // what filepath.Join gives, not cleaned again
				} else {
					full = filepath.Join(root, filepath.FromSlash(names[i]))
				}
				info, err := os.Lstat(full)
				if err == nil && info.Mode()&fs.ModeSymlink == 0 {
					out[i], ok[i] = StampOf(info), true
				}
			}
		})
	}
	wg.Wait()
	m := make(map[string]Stamp, max(size, len(names)))
	for i, name := range names {
		if ok[i] {
			m[name] = out[i]
		}
	}
	return m
}

// Keep makes the file name of the new folder a link to the previous
// folder's (PrevName), without reading it, if that file's stamp is st,
// and reports whether it did: for a file the caller knows unchanged.
func (t *Target) Keep(name string, st Stamp) bool {
	pn := t.prevName(name)
	if t.root == "" || t.prev == nil || !ValidPath(name) || (pn != name && !ValidPath(pn)) || !t.prev.realDir(slashDir(pn)) {
		return false
	}
	old := under(t.prev.prev, pn)
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || StampOf(info) != st {
		return false
	}
	full, err := t.file(name)
	if err != nil {
		return false
	}
	if !linkInto(old, info, full, t.spareAt(full), t.touch) {
		return false
	}
	t.wrote(name)
	t.stamped(name, st)
	return true
}

// Prior is Keep for a file whose bytes the caller needs: if the previous
// folder's file name has the stamp st, it reads it, makes the new folder's
// name a link to it, and returns its bytes.
func (t *Target) Prior(name string, st Stamp) ([]byte, bool) {
	f, info, ok := t.priorFile(name, st)
	if !ok {
		return nil, false
	}
	defer f.Close()
	b := make([]byte, st.Size)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, false
	}
	full, err := t.file(name)
	if err != nil || !linkInto(f.Name(), info, full, t.spareAt(full), t.touch) {
		return nil, false
	}
	t.wrote(name)
	t.stamped(name, st)
	return b, true
}

// PriorFile opens the previous folder's file name, if its stamp is st,
// for the caller to read parts of it (ReadAt) and close; the new folder
// is left as it is. It is the file the stamp was taken of, open: a file
// put in its place after the stamp was looked at is not read.
func (t *Target) PriorFile(name string, st Stamp) (*os.File, bool) {
	f, _, ok := t.priorFile(name, st)
	return f, ok
}

// priorFile opens the previous folder's file name if its stamp is st.
func (t *Target) priorFile(name string, st Stamp) (*os.File, os.FileInfo, bool) {
	if t.root == "" || t.prev == nil || !ValidPath(name) || !t.prev.realDir(slashDir(name)) {
		return nil, nil, false
	}
	old := under(t.prev.prev, name)
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || StampOf(info) != st {
		return nil, nil, false
	}
	f, err := openRead(old)
	if err != nil {
		return nil, nil, false
	}
	if now, err := f.Stat(); err != nil || StampOf(now) != st { // the very file looked at
		f.Close()
		return nil, nil, false
	}
	return f, info, true
}
