package main

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseServe(t *testing.T) {
	out := `goos: linux
BenchmarkEditToReload/sheets=1000/settle=false-2         	      10	 123456789 ns/op	        62.00 cpu-ms/op	        81.00 page-ms/op	        45.00 reload-ms/op
BenchmarkEditToReload/sheets=10000/settle=true-2         	      10	 923456789 ns/op	       950.0 cpu-ms/op	       420.0 page-ms/op	       310.0 reload-ms/op
PASS`
	rows := parseServe(out)
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	r := rows[1]
	if r.Sheets != 10000 || !r.Settle || r.Saves != 10 || r.ReloadMs != 310 || r.PageMs != 420 || r.CPUMs != 950 {
		t.Errorf("row %+v", r)
	}
	if rows[0].Settle || rows[0].ReloadMs != 45 {
		t.Errorf("row %+v", rows[0])
	}
}

// TestParseFloor reads the publish benchmark's lines, as go test prints
// them: the median of the runs, and the files of the output; and the
// report says it beside the rebuilds.
func TestParseFloor(t *testing.T) {
	out := `goos: linux
BenchmarkPublishKept-2   	       3	 384399375 ns/op	     27335 files
BenchmarkPublishKept-2   	       3	 363054837 ns/op	     27335 files
BenchmarkPublishKept-2   	       3	 415845691 ns/op	     27335 files
PASS`
	f, ok := parseFloor(out)
	if !ok || f.Runs != 3 || f.Took != 384399375*time.Nanosecond || f.Files != 27335 {
		t.Fatalf("floor %+v, %v", f, ok)
	}
	if _, ok := parseFloor("PASS"); ok {
		t.Error("a floor read from no benchmark line")
	}
	f.Where = "tmpfs"
	r := &report{Rows: []row{{Sheets: 10000, Builds: []usage{{Wall: time.Second}}, Hugo: &hugoSide{Runs: []hugoRun{{WithPagefind: true}}}}}, Floor: &f}
	var b strings.Builder
	writeSideBySide(&b, r)
	if !strings.Contains(b.String(), "an output of 27,335 files") || !strings.Contains(b.String(), "384 ms a publish (the median of 3 runs)") {
		t.Errorf("the report does not say the floor:\n%s", b.String())
	}
}

// TestParseStart reads the lines of the serve start benchmark, as go test
// prints them.
func TestParseStart(t *testing.T) {
	out := `BenchmarkServeStart/sheets=10000/after-build=false-2         	       3	11001936396 ns/op	     10994 first-page-ms/op
BenchmarkServeStart/sheets=10000/after-build=true-2          	       3	8333325038 ns/op	       259.0 first-page-ms/op
PASS`
	rows := parseStart(out)
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	if r := rows[0]; r.Sheets != 10000 || r.AfterBuild || r.Starts != 3 || r.FirstPageMs != 10994 {
		t.Errorf("row %+v", r)
	}
	if r := rows[1]; !r.AfterBuild || r.FirstPageMs != 259 {
		t.Errorf("row %+v", r)
	}
}

// TestChart: the chart has a point and a label per size in each panel,
// the target lines, and the same bytes for the same figures.
func TestChart(t *testing.T) {
	rows := []row{
		{Sheets: 100, Build: usage{Wall: 300 * time.Millisecond, RSS: 30 << 20}},
		{Sheets: 1000, Build: usage{Wall: 2 * time.Second, RSS: 60 << 20}},
		{Sheets: 10000, Build: usage{Wall: 20 * time.Second, RSS: 300 << 20}},
	}
	svg := chart(rows)
	if n := strings.Count(svg, "<circle"); n != 6 {
		t.Errorf("%d points, want 6", n)
	}
	for _, want := range []string{">10,000<", "target at 10,000: 1.5 s", "target at 10,000: 250 MB", ">20<", ">300<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if chart(rows) != svg {
		t.Error("the same figures gave another chart")
	}
}

// TestFindings: the findings quote this run's figures for the profiled
// size: the build, the disk's floor with its range and the render cost
// per page.
func TestFindings(t *testing.T) {
	r := &report{
		Rows: []row{{Sheets: 10000, Pages: 1000, Files: 2000, Bytes: 300 << 20,
			Build: usage{Wall: 9 * time.Second, CPU: 15 * time.Second, RSS: 280 << 20},
			Check: usage{Wall: 7 * time.Second},
			Floor: &floor{Files: 2000, Folders: 900, Bytes: 300 << 20,
				Runs:        []usage{{Wall: 3 * time.Second}, {Wall: 1500 * time.Millisecond}, {Wall: 6 * time.Second}},
				FlatFolders: 30,
				FlatRuns:    []usage{{Wall: 2 * time.Second}, {Wall: time.Second}, {Wall: 2400 * time.Millisecond}}}}},
		Profile: &profile{Sheets: 10000, Stages: []stage{
			{Func: "builder.(*renderer).renderTo", CPU: 5 * time.Second, Share: 33.3},
			{Func: "minify/v2.(*M).Minify", CPU: 2 * time.Second, Share: 13.3},
			{Func: "linux.Syscall6", CPU: 4 * time.Second, Share: 26.7},
		}},
	}
	var b strings.Builder
	writeFindings(&b, r)
	got := b.String()
	for _, want := range []string{"**9.00 s**", "**3.00 s** (median of 3 runs; fastest 1.50 s, slowest 6.00 s", "2,000 files in\n   900 folders",
		"on average 5000 µs a page", "26.7% of the CPU", "30 folders instead of 900", "**2.00 s** (median of 3 runs; fastest 1.00 s, slowest 2.40 s",
		"0.67\n   times the floor as it is", "Peak memory at 10,000 sheets is 280 MB", "### What would close the gap"} {
		if !strings.Contains(got, want) {
			t.Errorf("the findings lack %q:\n%s", want, got)
		}
	}
	var none strings.Builder
	writeFindings(&none, &report{})
	if strings.Contains(none.String(), "stand in the way") || !strings.Contains(none.String(), "### What was done") {
		t.Error("without a profiled size, the findings should keep only the part written by hand")
	}
}

// TestSpread: the machine section says how far apart the timed builds of
// the largest site timed more than once were.
func TestSpread(t *testing.T) {
	r := &report{Rows: []row{
		{Sheets: 1000, Builds: []usage{{Wall: time.Second}, {Wall: 2 * time.Second}, {Wall: 3 * time.Second}}},
		{Sheets: 10000, Builds: []usage{{Wall: 12 * time.Second}, {Wall: 9 * time.Second}, {Wall: 15 * time.Second}}},
		{Sheets: 50000, Builds: []usage{{Wall: 60 * time.Second}}},
	}}
	if got, want := spread(r), ": this time the 3 builds of 10,000 sheets took from 9.00 s to 15.00 s"; got != want {
		t.Errorf("spread = %q, want %q", got, want)
	}
	if spread(&report{}) != "" {
		t.Error("no timed builds, yet a spread")
	}
}

// TestPagefindRuns: Pagefind runs after Hugo's first pagefindRuns runs
// only; Hugo with Pagefind is paired with piao's first builds, and the
// output counted is one with Pagefind's index. Hugo and Pagefind are
// scripts here that write what each would (the bench runs the real ones).
func TestPagefindRuns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Fatal("make bench runs on Linux and macOS")
	}
	dir := t.TempDir()
	hugo, pagefind := filepath.Join(dir, "hugo"), filepath.Join(dir, "pagefind")
	// hugo --quiet --minify -s SITE -d OUT; pagefind --site OUT
	scripts := map[string]string{
		hugo:     "#!/bin/sh\nmkdir -p \"$6\" && echo page > \"$6/index.html\" && echo run >> " + filepath.Join(dir, "hugo.log") + "\n",
		pagefind: "#!/bin/sh\nmkdir -p \"$2/pagefind/index\" && echo ix > \"$2/pagefind/index/x.pf_index\" && echo run >> " + filepath.Join(dir, "pagefind.log") + "\n",
	}
	for name, body := range scripts {
		if err := os.WriteFile(name, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	o := options{hugo: hugo, pagefind: pagefind}
	h := &hugoSide{Pagefind: true}
	out := filepath.Join(dir, "out")
	for range 5 {
		if err := h.run(o, dir, out); err != nil {
			t.Fatal(err)
		}
	}
	count := func(log string) int {
		b, _ := os.ReadFile(filepath.Join(dir, log))
		return strings.Count(string(b), "run")
	}
	if count("hugo.log") != 5 || count("pagefind.log") != pagefindRuns {
		t.Fatalf("Hugo ran %d times, Pagefind %d; want 5 and %d", count("hugo.log"), count("pagefind.log"), pagefindRuns)
	}
	for i, r := range h.Runs {
		if r.WithPagefind != (i < pagefindRuns) {
			t.Errorf("run %d: with Pagefind %v", i, r.WithPagefind)
		}
	}
	if got := len(h.Boths()); got != pagefindRuns {
		t.Errorf("%d runs of Hugo with Pagefind, want %d", got, pagefindRuns)
	}
	if h.Files != 2 {
		t.Errorf("Hugo's output counted with %d files, want 2 (its page and Pagefind's index)", h.Files)
	}
	// Paired: piao's first builds with the runs that had Pagefind.
	h = &hugoSide{Runs: []hugoRun{
		{Hugo: usage{Wall: time.Second}, Pagefind: usage{Wall: time.Second}, WithPagefind: true},
		{Hugo: usage{Wall: time.Second}, Pagefind: usage{Wall: 3 * time.Second}, WithPagefind: true},
		{Hugo: usage{Wall: time.Second}, Pagefind: usage{Wall: 5 * time.Second}, WithPagefind: true},
		{Hugo: usage{Wall: time.Second}},
		{Hugo: usage{Wall: time.Second}},
	}}
	piao := []usage{{Wall: time.Second}, {Wall: 2 * time.Second}, {Wall: 3 * time.Second}, {Wall: time.Hour}, {Wall: time.Hour}}
	if got := pairRatio(piao, h.Boths(), wallOf); got != 0.5 {
		t.Errorf("piao / (Hugo + Pagefind) = %v, want 0.5 (ratios 0.5, 0.5, 0.5 of the first three runs)", got)
	}
}

// TestPairRatio: the ratio is the median of the ratios of runs paired in
// time, not the ratio of the medians.
func TestPairRatio(t *testing.T) {
	piao := []usage{{Wall: 2 * time.Second}, {Wall: 9 * time.Second}, {Wall: 3 * time.Second}}
	hugo := []usage{{Wall: 4 * time.Second}, {Wall: 10 * time.Second}, {Wall: 2 * time.Second}}
	if got := pairRatio(piao, hugo, wallOf); got != 0.9 {
		t.Errorf("pairRatio = %v, want 0.9 (ratios 0.5, 0.9, 1.5)", got)
	}
	if pairRatio(piao, nil, wallOf) != 0 {
		t.Error("no runs to pair, yet a ratio")
	}
}

// TestKinds: each file of either output falls in the kind its path says.
func TestKinds(t *testing.T) {
	for _, c := range []struct{ path, piao, hugo string }{
		{"p/operativi/00042/index.html", "sheet pages", "other pages (taxonomies, A–Z, revisions …)"},
		{"p/operativi/00042/originale/index.html", "sheet pages as approved (originale/)", ""},
		{"p/operativi/00042/scheda.json", "sheet JSON (scheda.json)", ""},
		{"cerca/dati/abc/t_x.js", "search index", ""},
		{"p/dati/piano.json", "open data (JSON, CSV, schemas)", ""},
		{"p/indici/indicatori/a/index.html", "index pages (indici/)", ""},
		{"schede/00042/index.html", "other pages (home, units, areas, lines, revisions …)", "sheet pages"},
		{"pagefind/index/x.pf_index", "assets and the rest", "search index (Pagefind)"},
	} {
		if got := piaoKind(c.path); got != c.piao {
			t.Errorf("piaoKind(%s) = %q, want %q", c.path, got, c.piao)
		}
		if got := hugoKind(c.path); c.hugo != "" && got != c.hugo {
			t.Errorf("hugoKind(%s) = %q, want %q", c.path, got, c.hugo)
		}
	}
}

// TestParseFocus reads the total of pprof -top -focus.
func TestParseFocus(t *testing.T) {
	out := "Active filters:\n   focus=builder\\.listPages\nShowing nodes accounting for 0.38s, 1.61% of 23.64s total\n"
	d, share, err := parseFocus(out)
	if err != nil || d != 380*time.Millisecond || share != 1.61 {
		t.Errorf("parseFocus: %v, %v, %v", d, share, err)
	}
	if d, share, err := parseFocus("Showing nodes accounting for 0, 0% of 23.64s total"); err != nil || d != 0 || share != 0 {
		t.Errorf("no sample: %v, %v, %v", d, share, err)
	}
}

// TestParseStages reads what PIAO_STAGES writes and gives each stage the
// time from the one before; a line out of order or unreadable is refused.
func TestParseStages(t *testing.T) {
	got, err := parseStages("sources digested\t0.250000\nsheets loaded\t0.750000\ncache saved\t1.000000\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []mark{{"sources digested", 250 * time.Millisecond}, {"sheets loaded", 500 * time.Millisecond}, {"cache saved", 250 * time.Millisecond}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parsed %v, want %v", got, want)
	}
	for _, bad := range []string{"a\t1.0\nb\t0.5", "a 1.0", "a\tuno"} {
		if _, err := parseStages(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	var b strings.Builder
	writeStages(&b, row{Sheets: 10000, EditStages: want, AgainStages: want[:2], DataStages: want[1:], CheckStages: []mark{{"sheets loaded", time.Second}}})
	for _, line := range []string{"| sources digested | 250 ms | 250 ms | – | – |", "| sheets loaded | 500 ms | 500 ms | 500 ms | 1000 ms |", "| cache saved | 250 ms | – | 250 ms | – |"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("no line %q in\n%s", line, b.String())
		}
	}
}

// TestFindingsInDocs: docs/performance.md ends with the findings written
// by hand, as make bench writes them, so that an edit of one reaches the
// other.
func TestFindingsInDocs(t *testing.T) {
	b, err := os.ReadFile("../../docs/performance.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(b), findingsByHand) {
		t.Error("docs/performance.md does not end with findingsByHand (cmd/piaobench/findings.go): edit both alike, or run make bench")
	}
}

// TestFlatFiles: with a file per page, a sheet's folder (its page, its
// JSON, its page as approved) becomes files beside it; the folders of a
// plan, of an index and of the search index stay.
func TestFlatFiles(t *testing.T) {
	in := []string{
		"index.html",
		"p/index.html",
		"p/operativi/00042/index.html",
		"p/operativi/00042/scheda.json",
		"p/operativi/00042/originale/index.html",
		"p/operativi/00043/index.html",
		"p/operativi/00043/scheda.json",
		"p/indici/index.html",
		"p/indici/unita/index.html",
		"p/indici/unita/u1/index.html",
		"p/dati/piano.json",
		"cerca/index.html",
		"cerca/dati/abc/t_x.js",
	}
	want := []string{
		"index.html",
		"p/index.html",
		"p/operativi/00042.html",
		"p/operativi/00042.json",
		"p/operativi/00042.originale.html",
		"p/operativi/00043.html",
		"p/operativi/00043.json",
		"p/indici/index.html",
		"p/indici/unita/index.html", // it holds a page's folder that is not its page as approved: it stays
		"p/indici/unita/u1.html",
		"p/dati/piano.json",
		"cerca/index.html",
		"cerca/dati/abc/t_x.js",
	}
	files := make([]floorFile, len(in))
	for i, name := range in {
		files[i] = floorFile{rel: name}
	}
	flat := flatFiles(files)
	for i := range flat {
		if flat[i].rel != want[i] {
			t.Errorf("%s → %s, want %s", in[i], flat[i].rel, want[i])
		}
	}
	if got, want := countFolders(files), 11; got != want { // those that hold files, the root's "." too
		t.Errorf("%d folders as it is, want %d", got, want)
	}
	if got, want := countFolders(flat), 8; got != want {
		t.Errorf("%d folders with a file per page, want %d", got, want)
	}
}

func TestTrash(t *testing.T) {
	work := t.TempDir()
	stale := filepath.Join(work, "trash-1") // a killed run's
	if err := os.MkdirAll(filepath.Join(stale, "7", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := openTrash(work); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "out")
	if err := os.MkdirAll(filepath.Join(out, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "a", "index.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := discard(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Fatalf("discarded %s is still there: %v", out, err)
	}
	if b, err := os.ReadFile(filepath.Join(trash.dir, "1", "a", "index.html")); err != nil || string(b) != "x" {
		t.Fatalf("the trash does not hold the output: %q, %v", b, err)
	}
	if err := discard(filepath.Join(work, "missing")); err != nil {
		t.Fatalf("a missing folder: %v", err)
	}
	if err := emptyTrash(work); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(work, "*"))
	if len(left) != 0 {
		t.Fatalf("left after emptying the trash: %v", left)
	}
	// Without a trash, discard removes.
	if err := os.WriteFile(out, []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := discard(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Fatalf("discarded without a trash, %s is still there: %v", out, err)
	}
}

// TestTrashLater: the trash emptied by a process of its own, which the
// bench does not wait for; what it leaves, the next run's emptyTrash
// removes.
func TestTrashLater(t *testing.T) {
	work := t.TempDir()
	if err := openTrash(work); err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		out := filepath.Join(work, "out", strconv.Itoa(i))
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "index.html"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := discard(filepath.Join(work, "out")); err != nil {
		t.Fatal(err)
	}
	detached, err := emptyTrashLater(work)
	if err != nil {
		t.Fatal(err)
	}
	if trash.dir != "" {
		t.Errorf("the trash is still open after it was emptied: %s", trash.dir)
	}
	if !detached && runtime.GOOS != "windows" {
		t.Errorf("the trash was not emptied by a process of its own")
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		left, _ := filepath.Glob(filepath.Join(work, "*"))
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("left 30 s after the trash was emptied: %v", left)
		}
	}
	if detached, err := emptyTrashLater(work); detached || err != nil {
		t.Errorf("an empty trash: detached %v, %v", detached, err)
	}
}

// TestChangeTarget: the bench's edit of a sheet's data changes the first
// target of a year written as a plain value, inside a block "target:",
// and nothing else; a sheet with none is an error, not a silent no-op.
func TestChangeTarget(t *testing.T) {
	sheet := `---
area: area-2
storico:
  2023: "12"
indicatori:
  - descrizione: "Uno"
    target:
      2024: {valore: "≥ 90", precedente: "≥ 80", revisione: rev-2025-03}
    fonte: "Interna"
  - descrizione: "Due"
    storico:
      2022: "5"
    target:
      2024: "≥ 100"
      2025: "≥ 100"
---
`
	got, ok := changeTarget(sheet)
	want := strings.Replace(sheet, `      2024: "≥ 100"`, `      2024: "≥ 100 (misura)"`, 1)
	if !ok || got != want {
		t.Errorf("changed (%v):\n%s\nwant:\n%s", ok, got, want)
	}
	if _, ok := changeTarget(strings.ReplaceAll(sheet, `      2024: "≥ 100"`+"\n"+`      2025: "≥ 100"`, `      2024: {valore: "1"}`)); ok {
		t.Error("a sheet with no plain target was changed")
	}
}

// TestLinearRatio: a large size is measured against the builds of
// 10,000 sheets made just before and after it, when there are any, and
// otherwise against the median of 10,000's own runs.
func TestLinearRatio(t *testing.T) {
	ten := &row{Sheets: 10000, Build: usage{Wall: 4 * time.Second}}
	large := &row{Sheets: 50000, Build: usage{Wall: 22 * time.Second}}
	if got, text := linearRatio(ten, large); got != 5.5 || text != "5.50 times" {
		t.Errorf("without paired builds: %v, %q; want 5.5 (22 s against the median's 4 s)", got, text)
	}
	large.Paired = []usage{{Wall: 3 * time.Second}, {Wall: 5 * time.Second}}
	got, text := linearRatio(ten, large)
	if got != 5.5 {
		t.Errorf("paired builds of 3 and 5 s: %v, want 5.5", got)
	}
	large.Paired = []usage{{Wall: 5 * time.Second}, {Wall: 5 * time.Second}}
	if got, text = linearRatio(ten, large); got != 4.4 || !strings.Contains(text, "4.40 times") || !strings.Contains(text, "5.50 times the median") {
		t.Errorf("paired builds of 5 s: %v, %q; want 4.4 and the median's 5.5 named", got, text)
	}
}
