package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// report is everything docs/performance.md says.
type report struct {
	Machine machine
	Started time.Time
	Took    time.Duration
	Example usage // into an empty folder
	// ExampleAgain is the example built again over its own output.
	ExampleAgain usage
	Rows         []row
	Profile      *profile
	Serve        []serveRow
	Start        []startRow
	Floor        *publishFloor // the publish benchmark, nil if not run
}

func writeReport(docs string, r *report) error {
	if err := os.MkdirAll(docs, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(docs, "performance.svg"), []byte(chart(r.Rows)), 0o644); err != nil {
		return err
	}
	var b strings.Builder
	writeIntro(&b, r)
	writeResults(&b, r)
	writeTargets(&b, r)
	writeSideBySide(&b, r)
	writeSearch(&b, r)
	writeWhole(&b, r)
	writeServe(&b, r)
	writeProfile(&b, r)
	writeFindings(&b, r)
	return os.WriteFile(filepath.Join(docs, "performance.md"), []byte(b.String()), 0o644)
}

func writeIntro(b *strings.Builder, r *report) {
	m := r.Machine
	fmt.Fprintf(b, `# Performance

How long piao takes, and how much memory, from the example site to a
site of 50,000 sheets: a Camera di Commercio publishes a few dozen sheets,
a region, a ministry or a large university thousands, and keeps ten years
of plans on one site. Everything below the method is written by `+"`make bench`"+`
(cmd/piaobench), which took %s this time; run it again to update the
figures and the chart.

## Method

- **Sites.** `+"`cmd/piaobench/sheets/gen.py`"+` writes N sheets (seed 1, vocabulary
  of a real PIAO revision act of a Camera di Commercio: 40 units in 4 areas, 5
  strategic lines, 1 to 4 indicators a sheet, about 30%% of the sheets revised
  by one of 3 acts), as a Hugo site and as data that `+"`to_piao.py`"+` turns into
  a piao site with the same sheets and the same text (its docstring says
  where piao's rules asked for an adaptation). Every rule of `+"`piao check`"+`
  passes.
- **Whole process.** The real binary runs as `+"`piao build -s SITE -d OUT`"+` (minifying
  on: the style sheet and the scripts; the built-in theme's pages are
  written as rendered, see the findings) into an empty folder; the operating system gives its wall time, its CPU
  time (user and system, on every core) and its peak resident memory
  (`+"`ru_maxrss`"+`). The disk is synced before each build. What the runs leave
  (outputs, caches, the floor's copies) is moved aside, not removed, until
  every figure is taken: on a file system without a journal (the ext4 of
  the virtual machine these figures come from has none), files and folders
  made for minutes after thousands are removed cost up to five times as
  much (cmd/piaobench/trash.go), and each build would pay for the removals
  of the runs before it; once the report is written, a process of its own
  removes them (some minutes on such a disk), and the next run removes
  what it left before measuring. Builds and checks
  of up to 10,000 sheets are timed three times (five where Hugo builds
  the same sheets) and the median run is shown; those of 50,000 sheets once,
  between two clean builds of 10,000 sheets, which its ratio to 10,000 is
  taken against (the machine's speed changes within minutes). *Again* is the same build over its own output
  (nothing changed; not run at 50,000 sheets, to keep
  `+"`make bench`"+` under ten minutes), *check* is `+"`piao check`"+`. A clean build
  starts without piao's build cache (`+"`.OUT.piao-cache`"+` beside the output).
- **Search.** The index files in `+"`cerca/dati/`"+`, and the most bytes that any of
  %d typical first queries loads (script included) to show its first page of
  results, measured by running the site's own search script under Node
  (`+"`internal/searchprobe`"+`).
- **piao serve.** `+"`go test -bench EditToReload ./builder/serve`"+`: the time from saving a
  sheet to the reload event sent to the open pages, and to the sheet's page
  served with the new text.
- **Profile.** The build of %s sheets runs once more, not timed, with `+"`PIAO_CPUPROFILE=FILE`"+`, which makes
  piao write a CPU profile of its whole run; each stage's share is the
  cumulative share of its function. The rebuilds after an edit and the
  cold check run with `+"`PIAO_STAGES=FILE`"+`: how long each stage kept the
  run waiting.
- **The disk's floor.** The output of that build is read into memory and
  written again, three times, into an empty folder beside it, as piao writes
  it (on every core, each folder made once, each file in one call) with
  nothing rendered: no build can publish that output faster on this disk.
  After each of those runs, the same files are written with a file per
  page instead of a folder per page (`+"`operativi/00042.html`"+` for
  `+"`operativi/00042/index.html`"+`): what the folders cost.
- **Stages, for benchstat.** `+"`go test -run '^$' -bench Stage -count 6 ./builder`"+` times
  load, prepare, index, render, minify, write and the whole build in the
  process, at 1,000 and 10,000 sheets, and `+"`-bench RenderKind`"+` a page of each
  heavy kind; compare two versions with `+"`benchstat`"+`.

## Machine

| | |
|---|---|
| CPU | %s, %d cores (`+"`nproc`"+`) |
| Memory | %s |
| Kernel, Go | Linux %s, %s |
| File system of the output | %s |
| A folder holding one 8 KB file costs the disk | %.0f µs to create |
| Commit measured | %s |
| Measured on | %s |

The machine is a virtual machine shared with other work, whose speed,
and above all its disk's, varies from one run to the next%s.

`, r.Took.Round(time.Second), len(searchQueries()), thousands(profileSheets(r)), m.CPU, m.Cores, m.Memory,
		m.Kernel, m.Go, m.FS, m.CreateMicros, orDash(m.Commit), r.Started.UTC().Format("2006-01-02 15:04 UTC"),
		spread(r))
}

func writeResults(b *strings.Builder, r *report) {
	fmt.Fprintf(b, `## Results

The example site (content/, 15 sheets): piao build in **%s** into an empty
folder (CPU %s, peak memory %s), %s again over its own output; medians of
nine runs. *Check* is piao check of the site alone; *after a build*, given
the output of the last build (`+"`-d OUT`"+`, as `+"`public/`"+` is by default), whose
sheet store spares it the parsing of the sheets that did not change.

| Sheets | Pages | Files | Output | Build: wall | CPU | Peak memory | Again: wall | Check: wall | CPU | Peak memory | Check after a build: wall | CPU |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
`, ms(r.Example.Wall), ms(r.Example.CPU), mb(r.Example.RSS), ms(r.ExampleAgain.Wall))
	for _, row := range r.Rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | **%s** | %s | **%s** | %s | %s | %s | %s | %s | %s |\n",
			thousands(row.Sheets), thousands(row.Pages), thousands(row.Files), mb(row.Bytes),
			secs(row.Build.Wall), secs(row.Build.CPU), mb(row.Build.RSS), orDash(secsOrEmpty(row.Rebuild.Wall)),
			secs(row.Check.Wall), secs(row.Check.CPU), mb(row.Check.RSS), secs(row.CheckAfter.Wall), secs(row.CheckAfter.CPU))
	}
	b.WriteString(`
![piao build: wall time and peak memory against the number of sheets](performance.svg)

Per sheet, the cost should stay flat as the site grows (no stage quadratic):

| Sheets | Build wall per 1,000 sheets | CPU per 1,000 sheets | Peak memory per 1,000 sheets | Output per 1,000 sheets |
|---:|---:|---:|---:|---:|
`)
	for _, row := range r.Rows {
		k := float64(row.Sheets) / 1000
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", thousands(row.Sheets),
			secs(time.Duration(float64(row.Build.Wall)/k)), secs(time.Duration(float64(row.Build.CPU)/k)),
			mb(int64(float64(row.Build.RSS)/k)), mb(int64(float64(row.Bytes)/k)))
	}
	b.WriteString("\n")
}

func writeTargets(b *strings.Builder, r *report) {
	b.WriteString("## Targets\n\n| Target | Measured | Met |\n|---|---|---|\n")
	check := func(name, got string, ok bool) {
		fmt.Fprintf(b, "| %s | %s | %s |\n", name, got, yesNo(ok))
	}
	check("Example site: piao build under 100 ms", ms(r.Example.Wall), r.Example.Wall < 100*time.Millisecond)
	ten, fifty := find(r.Rows, 10000), find(r.Rows, 50000)
	if ten != nil {
		check("10,000 sheets: at most 1.5 s wall", secs(ten.Build.Wall), ten.Build.Wall <= 1500*time.Millisecond)
		check("10,000 sheets: at most 250 MB peak memory", mb(ten.Build.RSS), ten.Build.RSS <= 250<<20)
	}
	if ten != nil && fifty != nil {
		t, got := linearRatio(ten, fifty)
		check("50,000 sheets: at most 5.5 times the time of 10,000", got, t <= 5.5)
		m, o := float64(fifty.Build.RSS)/float64(ten.Build.RSS), float64(fifty.Bytes)/float64(ten.Bytes)
		check("50,000 sheets: memory grows no faster than the output",
			fmt.Sprintf("memory %.2f times, output %.2f times", m, o), m <= o*1.05)
	}
	sideTargets(check, r)
	b.WriteString("\n")
}

func writeSearch(b *strings.Builder, r *report) {
	b.WriteString(`## Search

| Sheets | Index files | Index bytes | Most bytes a first query loads | Its files | Slowest query, files loaded |
|---:|---:|---:|---:|---:|---:|
`)
	for _, row := range r.Rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %d | %.1f ms |\n", thousands(row.Sheets), thousands(row.IndexFiles),
			mb(row.IndexBytes), kb(int64(row.QueryBytes)), row.QueryFile, row.QueryMs)
	}
	b.WriteString("\n")
}

func writeWhole(b *strings.Builder, r *report) {
	b.WriteString(`## The whole plan on one page

The "Piano completo" of each plan, to read, print or save as PDF: one page up
to 250 sheets; up to 2,000 a first page (sections, contents, the list of
parts) and a page per part of 250 sheets, rendered on every core like the
other pages; beyond that the first page alone, with the sections and the way
to the sheets (see builder/fullplan.go for the figures that decided it; the
render of one such page alone: ` + "`go test -run '^$' -bench RenderKind/fullplan ./builder`" + `).

| Sheets | Pages | Bytes | Largest page |
|---:|---:|---:|---:|
`)
	for _, row := range r.Rows {
		fmt.Fprintf(b, "| %s | %d | %s | %s |\n", thousands(row.Sheets), row.Whole.Pages, mb(row.Whole.Bytes), kb(row.Whole.Largest))
	}
	b.WriteString("\n")
}

func writeServe(b *strings.Builder, r *report) {
	if len(r.Serve) == 0 {
		return
	}
	b.WriteString(`## piao serve: from saving a sheet to the reload

Saves come one after the other; with *settled*, each waits for the site of
the previous save to be complete, as when someone saves, then looks. CPU is
per save, the complete build that follows the reload included.

| Sheets | Settled | Saves | To the reload event | To the page with the new text | CPU per save |
|---:|---|---:|---:|---:|---:|
`)
	for _, s := range r.Serve {
		fmt.Fprintf(b, "| %s | %s | %d | %.0f ms | %.0f ms | %.0f ms |\n", thousands(s.Sheets), yesNo(s.Settle),
			s.Saves, s.ReloadMs, s.PageMs, s.CPUMs)
	}
	b.WriteString("\n")
	if len(r.Start) == 0 {
		return
	}
	b.WriteString(`From starting piao serve to the first sheet's page served (` + "`go test -bench ServeStart ./builder/serve`" + `,
synthetic sheets): the first start checks the site and lists its pages, then
answers, each page rendered when asked for and the rest in the background;
a start when nothing changed since piao build wrote public/ serves that
output (its build cache says a build would write it again as it is) while
the site is built in the background.

| Sheets | Since the last piao build, nothing changed | Starts | To the first page |
|---:|---|---:|---:|
`)
	for _, s := range r.Start {
		fmt.Fprintf(b, "| %s | %s | %d | %.0f ms |\n", thousands(s.Sheets), yesNo(s.AfterBuild), s.Starts, s.FirstPageMs)
	}
	b.WriteString("\n")
}

func writeProfile(b *strings.Builder, r *report) {
	p := r.Profile
	if p == nil {
		return
	}
	fmt.Fprintf(b, `## Where the time goes: piao build of %s sheets

CPU profile of the whole process (%s). The shares are of the CPU time
on every core; stages overlap, and the search index and the open data
include their own minifying and writing.

| Stage | CPU | Share |
|---|---:|---:|
`, thousands(p.Sheets), p.Summary)
	for _, s := range p.Stages {
		fmt.Fprintf(b, "| %s | %s | %.1f%% |\n", s.Label, secs(s.CPU), s.Share)
	}
	b.WriteString("\nThe heaviest functions, cumulative (`go tool pprof -top -cum`):\n\n```\n")
	b.WriteString("      flat  flat%   sum%        cum   cum%\n")
	for _, l := range p.Top {
		b.WriteString(l + "\n")
	}
	b.WriteString("```\n\n")
}

// spread says how far apart the timed runs of the largest site timed more
// than once were, in this run.
func spread(r *report) string {
	var best *row
	for i := range r.Rows {
		if len(r.Rows[i].Builds) > 1 {
			best = &r.Rows[i]
		}
	}
	if best == nil {
		return ""
	}
	fast, slow := wallRange(best.Builds)
	return fmt.Sprintf(": this time the %d builds of %s sheets took from %s to %s", len(best.Builds),
		thousands(best.Sheets), secs(fast), secs(slow))
}

// linearRatio is the wall time of the build of large sheets against that
// of ten: against the mean of the builds of ten's size made just before
// and after it (large.Paired), or, without them, the median of ten's own
// runs; and the figure as the targets' table shows it.
func linearRatio(ten, large *row) (float64, string) {
	median := large.Build.Wall.Seconds() / ten.Build.Wall.Seconds()
	if len(large.Paired) == 0 {
		return median, fmt.Sprintf("%.2f times", median)
	}
	var sum time.Duration
	walls := make([]string, len(large.Paired))
	for i, u := range large.Paired {
		sum += u.Wall
		walls[i] = secs(u.Wall)
	}
	t := large.Build.Wall.Seconds() / (sum.Seconds() / float64(len(large.Paired)))
	return t, fmt.Sprintf("%.2f times (%s against %s sheets built just before and after it in %s; %.2f times the median of their own runs, %s)",
		t, secs(large.Build.Wall), thousands(ten.Sheets), strings.Join(walls, " and "), median, secs(ten.Build.Wall))
}
