package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// floor is what the disk alone costs for a site's output: the same files
// and folders, their bytes already in memory, written on every core as
// piao writes them (each folder made once, each file in one call), with
// nothing rendered. No build can publish that output faster.
type floor struct {
	Sheets, Files, Folders int
	Bytes                  int64
	Runs                   []usage // in the order run
}

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

// measureFloor writes the output in out again, runs times, into a folder
// beside it.
func measureFloor(out string, sheets, runs int) (*floor, error) {
	type file struct {
		rel string
		b   []byte
	}
	var files []file
	folders := map[string]bool{}
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
		files = append(files, file{rel, b})
		folders[filepath.Dir(rel)] = true
		f.Bytes += int64(len(b))
		return err
	})
	if err != nil {
		return nil, err
	}
	f.Files, f.Folders = len(files), len(folders)
	dst := out + "-floor"
	defer os.RemoveAll(dst)
	for range runs {
		if err := os.RemoveAll(dst); err != nil {
			return nil, err
		}
		syscall.Sync()
		start, cpu0 := time.Now(), selfCPU()
		var made sync.Map
		var next atomic.Int64
		var firstErr atomic.Value
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
					full := filepath.Join(dst, files[i].rel)
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
			return nil, err
		}
		f.Runs = append(f.Runs, usage{Wall: time.Since(start), CPU: selfCPU() - cpu0})
	}
	return f, nil
}

// selfCPU is the CPU time this process has used, on every core.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
