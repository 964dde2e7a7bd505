package builder

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
)

// This file keeps reading and writing inside the site: symbolic links that
// lead out of the site folder, file names that cannot be an address, and
// two sources that would write the same page are refused, each with an
// error naming the source.

// maxLinks bounds the symbolic links followed for one name, as the kernel
// does, so that a loop of links ends.
const maxLinks = 40

// inside reports whether name, with every symbolic link on its way
// resolved, stays inside the site; if not, it records an error naming it.
func (l *loader) inside(name string) bool {
	if _, ok := l.fsys.(fs.ReadLinkFS); !ok {
		return true
	}
	if _, ok := resolveLinks(l.fsys, name, 0); !ok {
		l.diags.errorf(plan.At(name, 0, 0), hintSymlink, msgSymlink)
		return false
	}
	return true
}

// resolveLinks resolves the symbolic links in name, a slash-separated path
// inside fsys, and reports whether every one stays inside fsys.
func resolveLinks(fsys fs.FS, name string, depth int) (string, bool) {
	if depth > maxLinks {
		return name, false
	}
	cur := "."
	for _, part := range strings.Split(name, "/") {
		next := path.Join(cur, part)
		info, err := fs.Lstat(fsys, next)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		link, err := fs.ReadLink(fsys, next)
		if err != nil || path.IsAbs(link) || strings.ContainsAny(link, "\\\x00") {
			return next, false
		}
		joined := path.Join(path.Dir(next), link)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return next, false
		}
		resolved, ok := resolveLinks(fsys, joined, depth+1)
		if !ok {
			return resolved, false
		}
		cur = resolved
	}
	return cur, true
}

const (
	entrySkip = iota
	entryDir
	entryFile
)

// entryKind tells whether a directory entry is a folder or a file for the
// loader, following a symbolic link only when it stays inside the site.
func (l *loader) entryKind(name string, e fs.DirEntry) int {
	if e.Type()&fs.ModeSymlink == 0 {
		if e.IsDir() {
			return entryDir
		}
		return entryFile
	}
	if !l.inside(name) {
		return entrySkip
	}
	info, err := fs.Stat(l.fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.diags.errorf(plan.At(name, 0, 0), hintDanglingLink, msgDanglingLink)
		return entrySkip
	case err != nil:
		reason, hint := osReason(err)
		l.diags.errorf(plan.At(name, 0, 0), hint, msgCannotRead, reason)
		return entrySkip
	case info.IsDir():
		return entryDir
	}
	return entryFile
}

// goodName reports whether the last element of name, a plan folder or a
// sheet file, can become an address; if not it records an error.
func (l *loader) goodName(name string) bool {
	base := path.Base(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	for _, r := range base {
		if r == '\\' || r < 0x20 || r == 0x7F {
			l.diags.errorf(plan.At(name, 0, 0), hintFileName, msgFileName, base)
			return false
		}
	}
	if slug(stem) == "x" && strings.ToLower(stem) != "x" {
		l.diags.errorf(plan.At(name, 0, 0), hintFileName, msgFileName, base)
		return false
	}
	return true
}

// maxOutputName is the longest file or folder name the disks piao writes
// to accept (NAME_MAX).
const maxOutputName = 255

// auditOutputNames checks every output path, pages and other files alike:
// no name longer than a disk accepts, no file where a folder must be. With
// checkPortable (the names and lengths every system holds) it is the last
// guard of what checkPages already ensures, so that piao check refuses
// whatever piao build would fail to write.
func auditOutputNames(paths []string) Diagnostics {
	var ds Diagnostics
	files := make(map[string]bool, len(paths))
	for _, p := range paths {
		files[p] = true
	}
	dirs := map[string]bool{}
	for _, p := range paths {
		for _, part := range strings.Split(p, "/") {
			if len(part) > maxOutputName {
				ds.errorf(plan.At("content", 0, 0), hintOutputNameLong, msgOutputNameLong, p, len(part), maxOutputName)
				break
			}
		}
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			if files[d] {
				ds.errorf(plan.At("content", 0, 0), hintFileVsFolder, msgFileVsFolder, p, d)
			}
		}
	}
	return ds
}

// checkPages reports two sources that would write the same page, and any
// page whose address would leave the output folder. The pages of the
// indexes need no checking (see listPages).
func checkPages(site *plan.Site) Diagnostics {
	var ds Diagnostics
	owners := map[string]plan.Pos{}
	inLangFolder := map[string]bool{}
	for _, pg := range listPages(site, nil, false) {
		pos := pageSource(site, pg)
		if !pos.IsValid() {
			pos = site.Config.Pos
		}
		if codeMissing(pg) {
			continue // reported as a missing field
		}
		if !publish.ValidPath(pg.Path) {
			ds.errorf(pos, hintFileName, msgOutputPath, pg.Path)
			continue
		}
		if prev, dup := owners[pg.Path]; dup {
			ds.errorf(pos, hintDuplicatePage, msgDuplicatePageOf, pg.Path, formatPos(prev))
			continue
		}
		if lang := langFolderOf(&site.Config, pg.Path); lang != "" {
			if first, _, _ := strings.Cut(pg.Path, "/"); !inLangFolder[first] { // once for a folder
				inLangFolder[first] = true
				ds.errorf(pos, hintLangFolder, msgLangFolder, pg.Path, lang, langName(lang))
			}
			continue
		}
		owners[pg.Path] = pos
	}
	for _, f := range []string{feedPath(), "robots.txt", "sitemap.xml"} {
		owners[f] = site.Config.Pos
	}
	reported := map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(owners)) {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, isFile := owners[d]; isFile && !reported[d] {
				reported[d] = true
				ds.errorf(folderOf(site, p, owners[p]), hintFileVsFolder, msgFileVsFolder, p, d)
			}
		}
	}
	return ds
}

// folderOf is the plan folder whose name makes the first folder of the
// output path p, or else pos.
func folderOf(site *plan.Site, p string, pos plan.Pos) plan.Pos {
	first, _, _ := strings.Cut(p, "/")
	for _, pl := range site.Plans {
		if slug(pl.Slug) == first {
			return plan.At(path.Dir(pl.Pos.File()), 0, 0)
		}
	}
	return pos
}

func codeMissing(pg *page) bool {
	return (pg.Unit != nil && pg.Unit.Key() == "") || (pg.Area != nil && pg.Area.Key() == "") ||
		(pg.Line != nil && pg.Line.Key() == "")
}

// pageSource is the place in the content that a page comes from.
func pageSource(site *plan.Site, pg *page) plan.Pos {
	switch {
	case pg.Sheet != nil:
		return pg.Sheet.Pos
	case pg.Section != nil:
		return pg.Section.Pos
	case pg.Unit != nil:
		return pg.Unit.KeyText().Pos
	case pg.Area != nil:
		return pg.Area.KeyText().Pos
	case pg.Line != nil:
		return pg.Line.KeyText().Pos
	case pg.Kind == "section" && pg.Level < len(site.Config.Percorso):
		return site.Config.Percorso[pg.Level].Titolo.Pos
	case pg.Plan != nil && pg.Kind != "home":
		return pg.Plan.Pos
	}
	return site.Config.Pos
}

// regularOnly is the folder dir of fsys, opening only folders and regular
// files, so that a FIFO or a device in a site's theme can never block a
// build. It asks fsys itself for the kind of a file, since fs.Sub's file
// systems can only tell by opening it.
type regularOnly struct {
	fsys fs.FS
	dir  string
}

func (r regularOnly) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := path.Join(r.dir, name)
	info, err := fs.Stat(r.fsys, full)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: full, Err: errors.New(msgNotRegular)}
	}
	return r.fsys.Open(full)
}
