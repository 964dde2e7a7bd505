package publish

import (
	"os"
	"path"
	"path/filepath"
)

// A folder named after its content, such as the search index's, has a new
// name at every build that changes any of its files, though most of them
// are the same bytes as before. Moved tells a Target so: the files of the
// new folder are compared with, and linked from, those of the previous
// output's folder; and in a spare, the folder the spare has in its place
// takes the new name, so that a file still the previous output's stays
// where it is instead of being linked anew and the old one removed. A
// rebuild after a small change then costs the disk the files that
// changed, not a new folder of thousands.

// PrevFolders lists, sorted, the real folders directly in the folder dir
// (slash-separated) of the previous output, reached through real folders:
// nil when there is no previous output or no such folder.
func (t *Target) PrevFolders(dir string) []string {
	if t == nil || t.root == "" || t.prev == nil || !ValidPath(dir) || !t.prev.realDir(dir) {
		return nil
	}
	var out []string
	for _, name := range folders(filepath.Join(t.prev.prev, filepath.FromSlash(dir))) {
		out = append(out, path.Join(dir, name))
	}
	return out
}

// folders lists, sorted, the names of the real folders directly in the
// folder full: ReadDir does not follow symbolic links.
func folders(full string) []string {
	entries, err := os.ReadDir(full)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// Moved tells t that the folder dir of the new output holds what the
// folder prev of the previous output held, under another name: the files
// directly in dir are compared with prev's, and linked from there when
// they are the same bytes. Call it before writing any file in dir. In a
// spare, a real folder the spare has beside dir (in the same parent),
// when it has one only and not dir itself, is renamed dir first: the
// spare's content is never trusted, so only its files that are the very
// files of prev with the right bytes stay (Write), and the rest go
// (prune).
func (t *Target) Moved(dir, prev string) error {
	if t == nil || t.root == "" || t.prev == nil || dir == prev || !ValidPath(dir) || !ValidPath(prev) ||
		path.Dir(dir) == "." || !t.prev.realDir(prev) {
		return nil
	}
	t.moved.Store(dir, prev)
	t.anyMoved.Store(true)
	if !t.spare {
		return nil
	}
	parent := filepath.Join(t.root, filepath.FromSlash(path.Dir(dir)))
	t.state.mu.Lock()
	defer t.state.mu.Unlock()
	if err := t.realDirsLocked(parent); err != nil {
		return failed(t.dest, err)
	}
	if _, fresh := t.state.fresh.Load(parent); fresh {
		return nil // made now: nothing of the spare is in it
	}
	target := filepath.Join(t.root, filepath.FromSlash(dir))
	if _, err := os.Lstat(target); err == nil {
		return nil // the spare has the name already: it is judged as any other
	}
	if dirs := folders(parent); len(dirs) == 1 {
		from := filepath.Join(parent, dirs[0])
		t.touch(from)
		t.state.touched.Store(target, true) // its stamp was listed under its other name, if at all
		if os.Rename(from, target) == nil { // if not, files are linked anew
			t.index().renamed(from, target, dir)
		}
	}
	return nil
}

// PrevName is the name in the previous output of the file name of the new
// one: name itself, or its name in the folder Moved says its folder was.
func (t *Target) PrevName(name string) string { return t.prevName(name) }

func (t *Target) prevName(name string) string {
	if !t.anyMoved.Load() {
		return name
	}
	if prev, ok := t.moved.Load(slashDir(name)); ok {
		return path.Join(prev.(string), path.Base(name))
	}
	return name
}
