package builder

import (
	"io/fs"
	"os"
	"slices"
)

// OpenSite opens the site folder dir so that nothing read through it can
// leave it, symbolic links included (an os.Root), and returns it with the
// function that closes it. A folder that cannot be opened gives an fs.FS
// on which every read fails, so that the loader says what is missing.
//
// Through an os.Root, every name is looked up folder by folder from the
// root: reading content/PLAN/operativi/NAME.md opens content, PLAN and
// operativi again, each time. The FS OpenSite returns also opens a root
// at a folder (folderOpener), so that a reader of many files of one
// folder (digestSources: every sheet, on every build) opens that folder
// once. (Not fs.SubFS: fs.Sub, which the archive uses, would then open
// the folder at once and fail where it fails later today.)
func OpenSite(dir string) (fs.FS, func()) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir), func() {}
	}
	return rootSite{root: root}, func() { root.Close() }
}

// rootSite is an os.Root as an fs.FS: what root.FS() does, and openFolder.
type rootSite struct {
	root *os.Root
	// dirs are folders listed already, by name (sourceList.dirs): ReadDir
	// gives their entries as listed. Through an os.Root, a listing looks
	// at every file of the folder (10,000 lstat at 10,000 sheets), which
	// the build's loader, listing again what its digest of the sources
	// listed, did a second time; and what it loads is now what was
	// digested.
	dirs map[string][]fs.DirEntry
}

// listedSite is the site fsys whose folders dirs were listed already, where
// it is a folder opened by OpenSite; any other fsys as it is.
func listedSite(fsys fs.FS, dirs map[string][]fs.DirEntry) fs.FS {
	if s, ok := fsys.(rootSite); ok && dirs != nil {
		s.dirs = dirs
		return s
	}
	return fsys
}

// rooted is what root.FS() implements besides fs.FS.
type rooted interface {
	fs.ReadFileFS
	fs.ReadDirFS
	fs.StatFS
	fs.ReadLinkFS
}

func (s rootSite) fs() rooted { return s.root.FS().(rooted) }

func (s rootSite) Open(name string) (fs.File, error)    { return s.fs().Open(name) }
func (s rootSite) ReadFile(name string) ([]byte, error) { return s.fs().ReadFile(name) }
func (s rootSite) ReadDir(name string) ([]fs.DirEntry, error) {
	if entries, ok := s.dirs[name]; ok {
		return slices.Clone(entries), nil
	}
	return s.fs().ReadDir(name)
}
func (s rootSite) Stat(name string) (fs.FileInfo, error)  { return s.fs().Stat(name) }
func (s rootSite) Lstat(name string) (fs.FileInfo, error) { return s.fs().Lstat(name) }
func (s rootSite) ReadLink(name string) (string, error)   { return s.fs().ReadLink(name) }

// folderOpener is a site that can open one of its folders as a site of
// its own, which its reader closes.
type folderOpener interface {
	openFolder(dir string) (fs.FS, func(), error)
}

// openFolder is the folder dir of the site as a site of its own, through
// a root opened there (a symbolic link on the way is refused, as any read
// through the root refuses it), and the function that closes it.
func (s rootSite) openFolder(dir string) (fs.FS, func(), error) {
	if !fs.ValidPath(dir) {
		return nil, nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrInvalid}
	}
	if dir == "." {
		return s, func() {}, nil
	}
	r, err := s.root.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return rootSite{root: r}, func() { r.Close() }, nil
}
