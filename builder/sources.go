package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/piao-pa/piao/builder/plan"
)

// sourceRoots are everything of a site folder that a build reads.
var sourceRoots = []string{"config.yaml", "content", "themes", archiveDir}

// sources are the digests of every file a build reads, read without
// parsing anything: enough to know, before loading, whether anything
// changed, and which pages a change touches.
type sources struct {
	files map[string]string // site-relative path → SHA-256 of its bytes, hex
	names []string          // sorted

	// fronts holds, for an operational sheet's Markdown file, the digest
	// of what a page other than its own may show of it: its front matter
	// and whether it has a body (see sheetFront); for every other file of
	// operativi/, the digest of its bytes.
	fronts map[string]string

	// stats are the files' stats as digested, by names' index (a Ctime of
	// 0: none), and at when the digest began: what the next build may
	// trust of them (digestSources, stamps). Only their stats are kept
	// while the site builds, a few bytes a file.
	stats []sourceStat
	at    int64
}

// errSourcesUnknown means a source cannot be digested as a plain file
// (a symbolic link, a special file, a folder that cannot be read): the
// build cannot tell what changed, and renders everything.
var errSourcesUnknown = errors.New("sources not digestible")

// digestSources reads and digests the sources of a site, on every core.
// With the stamps of the last build's digest (prev, nil if none), a file
// whose stamp is the one it had then, and was already old then
// (trustedStamp), is not read again: its digest is the one it had.
func digestSources(fsys fs.FS, prev *sourceStamps) (*sources, error) {
	return listSources(fsys).digest(fsys, prev)
}

// sourceList is the files of a site's sources, as listed, and when the
// listing began; or why they cannot be listed.
type sourceList struct {
	at    int64
	files []sourceFound            // by name
	dirs  map[string][]fs.DirEntry // each folder of the sources, its entries as listed
	err   error
}

type sourceFound struct {
	name string
	d    fs.DirEntry
}

// listSources lists the files of the sources of a site: the part of
// digestSources that needs nothing of the last build, which a build
// does while it reads its cache.
func listSources(fsys fs.FS) sourceList {
	l := sourceList{at: time.Now().UnixNano(), dirs: map[string][]fs.DirEntry{}} // before any file is looked at
	for _, root := range sourceRoots {
		err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
			switch {
			case errors.Is(err, fs.ErrNotExist) && name == root:
				return fs.SkipDir
			case err != nil:
				return err
			case d.Type()&fs.ModeSymlink != 0 || !(d.IsDir() || d.Type().IsRegular()):
				return errSourcesUnknown
			case !d.IsDir():
				l.files = append(l.files, sourceFound{name, d})
			default:
				l.dirs[name] = []fs.DirEntry{} // its entries follow (WalkDir lists a folder before what it holds)
			}
			if name != root {
				l.dirs[path.Dir(name)] = append(l.dirs[path.Dir(name)], d)
			}
			return nil
		})
		if err != nil {
			return sourceList{err: errSourcesUnknown}
		}
	}
	slices.SortFunc(l.files, func(a, b sourceFound) int { return strings.Compare(a.name, b.name) })
	return l
}

// digest is digestSources of the files listed.
func (l sourceList) digest(fsys fs.FS, prev *sourceStamps) (*sources, error) {
	if l.err != nil {
		return nil, l.err
	}
	at, files := l.at, l.files
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	folders := openFolders(fsys, names)
	defer folders.close()
	sums, fronts := make([]string, len(names)), make([]string, len(names))
	stats := make([]sourceStat, len(names))
	errs := make([]error, len(names))
	parallelFor(len(names), func(i int) {
		if info, err := files[i].d.Info(); err == nil && info.Mode().IsRegular() {
			if st, ok := statOf(info); ok {
				stats[i] = st
			}
		}
		_, sheet := contentPlan(names[i])
		if old, ok := prev.get(names[i]); ok && trustedStamp(stats[i], old, prev.At) && old.HasFront == sheet {
			sums[i] = hex.EncodeToString(old.Sum[:])
			if sheet {
				fronts[i] = hex.EncodeToString(old.Front[:])
			}
			return
		}
		b, err := folders.readFile(names[i])
		sum := sha256.Sum256(b)
		sums[i], errs[i] = hex.EncodeToString(sum[:]), err
		if sheet {
			fronts[i] = sheetFront(names[i], b, sums[i])
		}
	})
	if errors.Join(errs...) != nil {
		return nil, errSourcesUnknown
	}
	s := &sources{files: make(map[string]string, len(names)), names: names, fronts: map[string]string{},
		stats: stats, at: at}
	for i, name := range names {
		s.files[name] = sums[i]
		if fronts[i] != "" {
			s.fronts[name] = fronts[i]
		}
	}
	return s, nil
}

// stamps are the stamps of the sources as digested, for the build cache.
func (s *sources) stamps() sourceStamps {
	out := sourceStamps{At: s.at, Files: make(map[string]sourceStamp, len(s.names))}
	for i, name := range s.names {
		if s.stats[i].Ctime == 0 {
			continue // the system tells no inode change time: read it every time
		}
		st := sourceStamp{Stat: s.stats[i]}
		hex.Decode(st.Sum[:], []byte(s.files[name]))
		if f, ok := s.fronts[name]; ok {
			st.HasFront = true
			hex.Decode(st.Front[:], []byte(f))
		}
		out.Files[name] = st
	}
	return out
}

// sourceStat is what the system says of a source file that changes
// whenever its bytes do: its size, the time of its last change and of
// the last change of its inode (which no program can set back), and its
// inode and device (an editor that saves into a new file gives a new
// one). Where the system tells no inode change time (statOf false), the
// file is always read.
type sourceStat struct {
	Size, Mtime, Ctime int64
	Ino, Dev           uint64
}

// sourceStamp is a source file's stat when it was digested, its digest
// and, for an operational sheet's file, its front's (sheetFront).
type sourceStamp struct {
	Stat       sourceStat
	Sum, Front [sha256.Size]byte
	HasFront   bool
}

// sourceStamps are the stamps of a digest, kept in the build cache, and
// when that digest began (Unix nanoseconds, the system's clock, which
// stamps the files too).
type sourceStamps struct {
	At    int64
	Files map[string]sourceStamp
}

func (s *sourceStamps) get(name string) (sourceStamp, bool) {
	if s == nil {
		return sourceStamp{}, false
	}
	st, ok := s.Files[name]
	return st, ok
}

// racyMargin is how old a file must have been when it was digested for
// its stamp to be trusted: a file changed a moment after it was read may
// keep the times of the change before (a file system records times at
// its clock's step, up to 2 s on some), and then only its bytes would
// tell (a variable for its test).
var racyMargin = int64(2 * time.Second)

// trustedStamp reports whether a file whose stat is now holds the bytes
// it held when it was stamped old, by a digest begun at at: the same
// stat, and both its times at least racyMargin before at.
func trustedStamp(now sourceStat, old sourceStamp, at int64) bool {
	return now == old.Stat && now.Ctime != 0 && max(now.Mtime, now.Ctime) < at-racyMargin
}

// sheetFront is the digest of what the pages other than a sheet's own
// may show of the file name of operativi/ (bytes b, digest sum): for a
// sheet's Markdown file (NAME.md, not a body in another language
// NAME.LANG.md), its front matter and whether its body is empty, split
// as the loader splits it; for any other file, sum. The body itself
// reaches a page only through page.SheetBody, which marks the page it
// renders as one whose key cannot be trusted (Pages.volatile).
func sheetFront(name string, b []byte, sum string) string {
	base := path.Base(name)
	if path.Ext(base) != ".md" || strings.Count(base, ".") != 1 {
		return sum
	}
	fm, body, _, ok := splitFrontMatter(b)
	if !ok {
		return sum
	}
	h := sha256.New()
	h.Write([]byte("front\x00"))
	h.Write(fm)
	h.Write([]byte{0, map[bool]byte{true: 1, false: 0}[len(body) > 0]})
	return hex.EncodeToString(h.Sum(nil))
}

// digest is the SHA-256 of the names and digests of the files that keep
// says, with the parts given first.
func (s *sources) digest(keep func(name string) bool, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p + "\x00"))
	}
	for _, name := range s.names {
		if keep(name) {
			h.Write([]byte(name + "\x00" + s.files[name] + "\n"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// contentPlan is the folder of content/ a file lies in ("" for the
// files of content/ itself and outside it), and whether it is an
// operational sheet's file (in that folder's operativi/).
func contentPlan(name string) (folder string, sheet bool) {
	rest, ok := strings.CutPrefix(name, "content/")
	if !ok {
		return "", false
	}
	folder, rest, ok = strings.Cut(rest, "/")
	if !ok {
		return "", false
	}
	return folder, strings.HasPrefix(rest, kindDir[plan.Operational]+"/")
}

// keys computes the keys of the cache from the sources: base covers what
// every page shows (config.yaml, themes, the archive, the program and
// the options), plan what a plan's pages may show (everything of its
// folder but the operational sheets), inputs everything.
func (s *sources) keys(program string, minify bool) (base string, plans map[string]string, inputs string) {
	opts := "minify=" + map[bool]string{true: "1", false: "0"}[minify]
	base = s.digest(func(name string) bool { f, _ := contentPlan(name); return f == "" }, cacheFormat, program, opts)
	plans = map[string]string{}
	for _, name := range s.names {
		if f, _ := contentPlan(name); f != "" && plans[f] == "" {
			plans[f] = s.digest(func(n string) bool {
				g, sheet := contentPlan(n)
				return g == f && !sheet
			}, base, f)
		}
	}
	inputs = s.digest(func(string) bool { return true }, base)
	return base, plans, inputs
}

// aggregate is the part of the key of every page other than a sheet's
// own that comes from the sources: every file's digest, but only the
// front of the operational sheets (sheetFront), with base.
func (s *sources) aggregate(base string) string {
	h := sha256.New()
	h.Write([]byte("aggregate\x00" + base + "\x00"))
	for _, name := range s.names {
		d := s.files[name]
		if f, ok := s.fronts[name]; ok {
			d = f
		}
		h.Write([]byte(name + "\x00" + d + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// pageKey is the key of the page name that shows the sheet file: the
// page is rendered again only when it changes. "" when the page has none.
func pageKey(s *sources, plans map[string]string, name, file string) string {
	f, sheet := contentPlan(file)
	if f == "" || plans[f] == "" || s.files[file] == "" {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(plans[f] + "\x00" + name + "\x00" + file + "\x00"))
	if sheet {
		h.Write([]byte(s.files[file]))
		for _, b := range s.bodies(file) {
			h.Write([]byte("\x00" + b + "\x00" + s.files[b]))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// bodies lists the files that hold the body of the sheet file NAME.md in
// the site's other languages: NAME.LANG.md beside it (any NAME.*.md, to
// be sure).
func (s *sources) bodies(file string) []string {
	stem, ok := strings.CutSuffix(file, ".md")
	if !ok {
		return nil
	}
	var out []string
	i, _ := slices.BinarySearch(s.names, stem+".")
	for ; i < len(s.names) && strings.HasPrefix(s.names[i], stem+"."); i++ {
		if n := s.names[i]; n != file && strings.HasSuffix(n, ".md") {
			out = append(out, n)
		}
	}
	return out
}

// builtinOnly reports whether the site's own theme files, if any, are
// the built-in themes' very bytes: then, whatever theme config.yaml
// names, a sheet's page shows only that sheet and its plan (see
// Pages.SheetFile).
func (s *sources) builtinOnly(themes fs.FS) bool {
	if themes == nil {
		return false
	}
	for _, n := range s.names {
		if !strings.HasPrefix(n, "themes/") {
			continue
		}
		b, err := fs.ReadFile(themes, n)
		sum := sha256.Sum256(b)
		if err != nil || hex.EncodeToString(sum[:]) != s.files[n] {
			return false
		}
	}
	return true
}

// sum gives the SHA-256 of the bytes of a source file as digested.
func (s *sources) sum(file string) ([sha256.Size]byte, bool) {
	var out [sha256.Size]byte
	h, ok := s.files[file]
	if !ok {
		return out, false
	}
	if n, err := hex.Decode(out[:], []byte(h)); err != nil || n != sha256.Size {
		return out, false
	}
	return out, true
}

// folders reads files of a site through a root opened at each of their
// folders, where the site can open one (folderOpener): one lookup of a
// file's name instead of one for each folder on its path.
type folders struct {
	site   fs.FS
	opened map[string]fs.FS // folder → the site there
	closes []func()
}

// maxOpenFolders is how many folders openFolders holds open at most, each
// a file descriptor: the folders of sheets of a site are a few dozen, and
// a site of thousands of folders must not run out of descriptors (the
// files of the others are read through the site's own root).
const maxOpenFolders = 256

// openFolders opens the folders of names (sorted, so a folder's names
// are together), the first maxOpenFolders of them that hold more than one
// file.
func openFolders(site fs.FS, names []string) *folders {
	f := &folders{site: site, opened: map[string]fs.FS{}}
	o, ok := site.(folderOpener)
	if !ok {
		return f
	}
	for i, name := range names {
		dir := path.Dir(name)
		if i > 0 && path.Dir(names[i-1]) == dir || i+1 == len(names) || path.Dir(names[i+1]) != dir {
			continue // seen, or a folder of one file
		}
		if len(f.opened) == maxOpenFolders {
			break
		}
		if sub, done, err := o.openFolder(dir); err == nil {
			f.opened[dir] = sub
			f.closes = append(f.closes, done)
		}
	}
	return f
}

// readFile reads the file name of the site.
func (f *folders) readFile(name string) ([]byte, error) {
	if sub, ok := f.opened[path.Dir(name)]; ok {
		return fs.ReadFile(sub, path.Base(name))
	}
	return fs.ReadFile(f.site, name)
}

// readRegular is the package's readRegular, through the root opened at
// the file's folder when the file is listed there (f may be nil).
func (f *folders) readRegular(site fs.FS, name string, listed bool) ([]byte, error) {
	if f != nil && listed {
		if sub, ok := f.opened[path.Dir(name)]; ok {
			return readRegular(sub, path.Base(name))
		}
	}
	return readRegular(site, name)
}

func (f *folders) close() {
	for _, c := range f.closes {
		c()
	}
}
