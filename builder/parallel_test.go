package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/publish"
)

// preparedSynth loads a synthetic site of n sheets and prepares its pages.
func preparedSynth(t *testing.T, n int) *Pages {
	t.Helper()
	pages, ds := prepare(Input{Site: os.DirFS(synthDir(t, n)), Themes: piao.Themes, Minify: true})
	if pages == nil {
		t.Fatal(ds.Error())
	}
	return pages
}

// TestParallelSameBytes: the site is the same, byte for byte, whether one
// goroutine renders it or several, in memory (All) and on disk (Publish),
// and with GOMAXPROCS 1 or 2.
func TestParallelSameBytes(t *testing.T) {
	pages := preparedSynth(t, 400)
	pages.workers = 1
	want, err := pages.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{2, 3, 16} {
		pages.workers = n
		got, err := pages.All()
		if err != nil {
			t.Fatal(err)
		}
		if diff := diffFiles(want.Files, got.Files); diff != "" {
			t.Errorf("%d goroutines: %s", n, diff)
		}
	}
	root := t.TempDir()
	for _, procs := range []int{1, 2} {
		prev := runtime.GOMAXPROCS(procs)
		pages := preparedSynth(t, 400)
		dest := filepath.Join(root, "gomaxprocs-"+string(rune('0'+procs)))
		w, err := pages.Publish(dest, PublishOptions{})
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		got := readTree(t, dest)
		if diff := diffFiles(want.Files, got); diff != "" {
			t.Errorf("published with GOMAXPROCS=%d: %s", procs, diff)
		}
		if w.Files != len(want.Files) || w.Pages != want.Pages || w.Bytes != want.Size() {
			t.Errorf("GOMAXPROCS=%d: wrote %+v, want %d pages, %d files, %d bytes", procs, w, want.Pages, len(want.Files), want.Size())
		}
	}
}

// TestSearchBesideSameBytes: the site is the same, byte for byte, whether
// its search index is made before the open data or beside it.
func TestSearchBesideSameBytes(t *testing.T) {
	defer func(n int) { searchBesideSheets = n }(searchBesideSheets)
	var outs []map[string][]byte
	for _, n := range []int{0, 1 << 30} {
		searchBesideSheets = n
		got, err := preparedSynth(t, 400).All()
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, got.Files)
	}
	if diff := diffFiles(outs[0], outs[1]); diff != "" {
		t.Errorf("the index made beside the open data: %s", diff)
	}
}

// TestParallelFirstError: when pages fail to render, the error is the one
// of the first failing page in path order, however many goroutines render,
// and a publish that fails leaves nothing behind.
func TestParallelFirstError(t *testing.T) {
	dir := synthDir(t, 120)
	layouts := filepath.Join(dir, "themes", "default", "layouts")
	if err := os.MkdirAll(layouts, 0o755); err != nil {
		t.Fatal(err)
	}
	// Sheets with fewer than three indicators fail: an index out of range.
	broken := `{{define "main"}}<h1>{{.SheetName .Sheet}}</h1>{{(index .Sheet.Indicatori 2).ID}}{{end}}`
	if err := os.WriteFile(filepath.Join(layouts, "sheet.html"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	pages, ds := prepare(Input{Site: os.DirFS(dir), Themes: piao.Themes})
	if pages == nil {
		t.Fatal(ds.Error())
	}
	first := ""
	for _, name := range pages.Paths() {
		if pg := pages.pages[name]; pg != nil && pg.Kind == "sheet" && len(pg.Sheet.Indicatori) < 3 {
			first = name
			break
		}
	}
	if first == "" {
		t.Fatal("no sheet with fewer than 3 indicators: the test tests nothing")
	}
	for _, n := range []int{1, 2, 5} {
		pages.workers = n
		_, err := pages.All()
		var pe *pageError
		if !errors.As(err, &pe) || pe.pg.Path != first {
			t.Errorf("%d goroutines: error %v, want one for %s", n, err, first)
		}
		dest := filepath.Join(t.TempDir(), "public")
		_, err = pages.Publish(dest, PublishOptions{})
		ds := pages.Diagnose(err)
		if len(ds) != 1 || !strings.Contains(ds[0].Msg, first) || ds[0].Pos.File() == "" {
			t.Errorf("%d goroutines: publish diagnostics %v, want one naming %s and its sheet", n, ds, first)
		}
		if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a failed publish left %s", dest)
		}
		if l := leftBeside(t, dest); len(l) > 0 {
			t.Errorf("a failed publish left %v", l)
		}
	}
}

// leftBeside lists what a publish left beside dest, its lock, its build
// cache and its spare aside.
func leftBeside(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !besideOutput(dest, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// readTree reads every file under root, the marker aside.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == publish.Marker {
			return nil
		}
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffFiles says how two sites differ, or "".
func diffFiles(want, got map[string][]byte) string {
	var diffs []string
	for name, b := range want {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, name+" is missing")
		case !bytes.Equal(g, b):
			diffs = append(diffs, name+" differs")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, name+" is one file too many")
		}
	}
	if len(diffs) == 0 {
		return ""
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, "; ")
}

// besideOutput reports whether name is one of the files and folders a
// publish keeps beside dest: its lock, its build cache, its sheet store,
// its spare, its sheets' search documents.
func besideOutput(dest, name string) bool {
	base := "." + filepath.Base(dest) + ".piao-"
	return name == base+"lock" || name == base+"cache" || name == base+"spare" || name == base+"sheets" || name == base+"search"
}

// TestLongPagesAtOnce: however many goroutines render, no more than the
// limit of long pages (those that list many sheets) render at a time,
// every file is rendered once, the long pages are taken first, and a
// goroutine's buffers grown by a long page are kept for its next long
// page but let go before any other file.
func TestLongPagesAtOnce(t *testing.T) {
	pages := preparedSynth(t, 120)
	order := pages.workOrder()
	if len(order.long) < 4 || len(order.rest) < 100 {
		t.Fatalf("synthetic site: %d long pages, %d others", len(order.long), len(order.rest))
	}
	for _, tt := range []struct{ workers, long int }{{1, 1}, {2, 1}, {4, 2}, {16, 1}, {16, 16}} {
		var mu sync.Mutex
		rendering, most, seen := 0, 0, map[int]int{}
		firstRest := -1
		var kept []int               // the capacities other files were given
		grown := map[*buffers]bool{} // the goroutines that grew a buffer for a long page
		reused := 0                  // long pages given a buffer grown by the one before
		err := pages.eachOn(tt.workers, tt.long, func(i int, name string, buf *buffers) error {
			pg := pages.pages[name]
			isLong := pg != nil && pg.Kind != "sheet"
			mu.Lock()
			seen[i]++
			if isLong {
				rendering++
				most = max(most, rendering)
			} else if firstRest < 0 {
				firstRest = len(seen)
			}
			switch {
			case !isLong:
				kept = append(kept, buf.page.Cap(), buf.min.Cap())
			case grown[buf] && buf.page.Cap() < 2*keptBuffer:
				t.Errorf("%d goroutines: a long page was not given the buffer grown by the one before", tt.workers)
			case grown[buf]:
				reused++
			}
			mu.Unlock()
			if isLong {
				time.Sleep(time.Millisecond) // long enough for the others to try
				buf.page.Reset()
				buf.page.Grow(2 * keptBuffer)
				mu.Lock()
				grown[buf] = true
				rendering--
				mu.Unlock()
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if most > tt.long {
			t.Errorf("%d goroutines, limit %d: %d long pages rendered at once", tt.workers, tt.long, most)
		}
		if tt.workers > 1 && tt.long > 1 && most < 2 {
			t.Errorf("%d goroutines, limit %d: long pages never rendered together", tt.workers, tt.long)
		}
		if len(seen) != len(pages.paths) {
			t.Errorf("%d goroutines: %d of %d files rendered", tt.workers, len(seen), len(pages.paths))
		}
		for i, n := range seen {
			if n != 1 {
				t.Errorf("%s rendered %d times", pages.paths[i], n)
			}
		}
		if tt.workers == 1 && firstRest != len(order.long)+1 {
			t.Errorf("one goroutine: the first other file came %dth, after %d long pages", firstRest, len(order.long))
		}
		if slices.ContainsFunc(kept, func(c int) bool { return c > keptBuffer }) {
			t.Errorf("%d goroutines: a buffer of more than %d bytes was kept for a file that is not a long page", tt.workers, keptBuffer)
		}
		if tt.workers == 1 && reused != len(order.long)-1 {
			t.Errorf("one goroutine: %d of %d long pages after the first were given the grown buffer", reused, len(order.long)-1)
		}
	}
}

// TestWorkOrderBySize: a page other than a sheet's is taken as long
// unless the previous output had it shorter than keptBuffer; without
// sizes (a clean build) every one of them is long, as before.
func TestWorkOrderBySize(t *testing.T) {
	pages := preparedSynth(t, 120)
	pages.workers = 1
	files, err := pages.All()
	if err != nil {
		t.Fatal(err)
	}
	plain := pages.workOrder()
	if len(plain.long) < 4 {
		t.Fatalf("synthetic site: %d long pages", len(plain.long))
	}
	unknown, grown := pages.paths[plain.long[0]], pages.paths[plain.long[1]]
	pages.prevSize = func(name string) (int64, bool) {
		switch name {
		case unknown:
			return 0, false
		case grown:
			return 2 * keptBuffer, true
		}
		b, ok := files.Files[name]
		return int64(len(b)), ok
	}
	order := pages.workOrder()
	var long []string
	for _, i := range order.long {
		long = append(long, pages.paths[i])
	}
	if !slices.Equal(long, []string{unknown, grown}) && !slices.Equal(long, []string{grown, unknown}) {
		t.Errorf("long pages with the sizes of a build before: %v, want %s (no size) and %s (%d bytes)", long, unknown, grown, 2*keptBuffer)
	}
	if len(order.long)+len(order.rest) != len(pages.paths) {
		t.Errorf("%d + %d files in the order, %d in the site", len(order.long), len(order.rest), len(pages.paths))
	}
}
