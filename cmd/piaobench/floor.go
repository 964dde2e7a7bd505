package main

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// floor is what the disk alone costs for a site's output: the same files
// and folders, their bytes already in memory, written on every core as
// piao writes them (each folder made once, each file in one call), with
// nothing rendered. No build can publish that output faster.
//
// The same files are also written with a file per page instead of a
// folder per page (flatName), alternately with the output as it is: what
// the folders cost, the figure a decision on the addresses needs.
type floor struct {
	Sheets, Files, Folders int
	Bytes                  int64
	Runs                   []usage // in the order run
	FlatFolders            int     // the folders of the output with a file per page
	FlatRuns               []usage // each run after the one of Runs of the same index
}

// FlatMedian is the run of median wall time with a file per page.
func (f *floor) FlatMedian() usage { return median(f.FlatRuns) }

// FlatRange is the fastest and the slowest of FlatRuns.
func (f *floor) FlatRange() (fast, slow time.Duration) { return wallRange(f.FlatRuns) }

// Median is the run of median wall time.
func (f *floor) Median() usage { return median(f.Runs) }

// Range is the fastest and the slowest run.
func (f *floor) Range() (fast, slow time.Duration) { return wallRange(f.Runs) }

// wallRange is the shortest and the longest wall time of runs, at least one.
func wallRange(runs []usage) (fast, slow time.Duration) {
	walls := make([]time.Duration, len(runs))
	for i, u := range runs {
		walls[i] = u.Wall
	}
	return slices.Min(walls), slices.Max(walls)
}

// floorFile is a file of the output: its path and its bytes.
type floorFile struct {
	rel string
	b   []byte
}

// measureFloor writes the output in out again, runs times, into a folder
// beside it; and after each run, the same files with a file per page.
func measureFloor(out string, sheets, runs int) (*floor, error) {
	var files []floorFile
	f := &floor{Sheets: sheets}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, p)
		files = append(files, floorFile{filepath.ToSlash(rel), b})
		f.Bytes += int64(len(b))
		return err
	})
	if err != nil {
		return nil, err
	}
	f.Files, f.Folders = len(files), countFolders(files)
	flat := flatFiles(files)
	f.FlatFolders = countFolders(flat)
	dst := out + "-floor"
	defer discard(dst)
	for range runs {
		u, err := writeFloor(dst, files)
		if err != nil {
			return nil, err
		}
		f.Runs = append(f.Runs, u)
		if u, err = writeFloor(dst, flat); err != nil {
			return nil, err
		}
		f.FlatRuns = append(f.FlatRuns, u)
	}
	return f, nil
}

// writeFloor writes files into dst, emptied first, on every core, and
// times it.
func writeFloor(dst string, files []floorFile) (usage, error) {
	if err := discard(dst); err != nil {
		return usage{}, err
	}
	syncDisks()
	start, cpu0 := time.Now(), selfCPU()
	var made sync.Map
	var next atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				full := filepath.Join(dst, filepath.FromSlash(files[i].rel))
				dir := filepath.Dir(full)
				if _, ok := made.Load(dir); !ok {
					if err := os.MkdirAll(dir, 0o755); err != nil {
						firstErr.CompareAndSwap(nil, err)
						return
					}
					made.Store(dir, true)
				}
				if err := os.WriteFile(full, files[i].b, 0o644); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return usage{}, err
	}
	return usage{Wall: time.Since(start), CPU: selfCPU() - cpu0}, nil
}

// flatFiles are files with a file per page: a page's folder D that holds
// no folder but its page as approved (D/originale) becomes the file
// D.html, a file D/NAME beside it D.NAME, and its page as approved
// D.originale.html: operativi/00042/index.html is operativi/00042.html,
// its scheda.json operativi/00042.json and its originale/index.html
// operativi/00042.originale.html. Folders that hold other pages' folders
// (a plan's, an index's) and the search index's stay as they are.
func flatFiles(files []floorFile) []floorFile {
	page, subs := map[string]bool{}, map[string]map[string]bool{}
	for _, f := range files {
		dir, base := path.Split(f.rel)
		dir = strings.TrimSuffix(dir, "/")
		if base == "index.html" && dir != "" {
			page[dir] = true
		}
		for d := dir; d != ""; d = path.Dir(d) {
			parent := path.Dir(d)
			if parent == "." {
				parent = ""
			}
			if subs[parent] == nil {
				subs[parent] = map[string]bool{}
			}
			subs[parent][d] = true
			if parent == "" {
				break
			}
		}
	}
	leaf := func(d string) bool { return page[d] && len(subs[d]) == 0 }
	folded := func(d string) bool {
		if !page[d] {
			return false
		}
		for sub := range subs[d] {
			if sub != d+"/originale" || !leaf(sub) {
				return false
			}
		}
		return true
	}
	out := make([]floorFile, len(files))
	for i, f := range files {
		out[i] = floorFile{flatName(f.rel, folded), f.b}
	}
	return out
}

// flatName is the name of the file rel when the page folders folded says
// are files.
func flatName(rel string, folded func(dir string) bool) string {
	dir, base := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	if parent := strings.TrimSuffix(dir, "/originale"); parent != dir && folded(parent) {
		dir, base = parent, "originale."+base
	}
	if dir == "" || !folded(dir) {
		return rel
	}
	switch ext := path.Ext(base); {
	case base == "index.html":
		return dir + ".html"
	case base == "originale.index.html":
		return dir + ".originale.html"
	case base == "scheda"+ext:
		return dir + ext
	default:
		return dir + "." + base
	}
}

// countFolders is the number of folders files are in.
func countFolders(files []floorFile) int {
	folders := map[string]bool{}
	for _, f := range files {
		folders[path.Dir(f.rel)] = true
	}
	return len(folders)
}
