package main

import (
	"fmt"
	"strings"
	"time"
)

// writeFindings writes what the figures mean: for the profiled size, how
// far the build is from its targets and which stages stand in the way,
// from this run's measures; then, by hand, what was done and what would
// close the gap. Keep the hand-written part true when the code moves.
func writeFindings(b *strings.Builder, r *report) {
	b.WriteString("## Findings\n\n")
	p := r.Profile
	var row *row
	if p != nil {
		row = find(r.Rows, p.Sheets)
	}
	if row != nil && row.Floor != nil {
		writeBlockers(b, r, row, p)
	}
	b.WriteString(findingsByHand)
}

func writeBlockers(b *strings.Builder, r *report, row *row, p *profile) {
	fl := row.Floor
	floor := fl.Median()
	fast, slow := fl.Range()
	stage := func(fn string) stage {
		for _, s := range p.Stages {
			if s.Func == fn {
				return s
			}
		}
		return stage{}
	}
	render, minify, sys := stage("builder.(*renderer).renderTo"), stage("minify/v2.(*M).Minify"), stage("linux.Syscall6")
	perPage := time.Duration(0)
	if row.Pages > 0 {
		perPage = render.CPU / time.Duration(row.Pages)
	}
	fmt.Fprintf(b, `At %s sheets, piao build took **%s** (CPU %s) for %s pages, %s files
and %s. Two stages stand in the way of the 1.5 s target:

1. **Writing the files.** Writing the very same output again — %s files in
   %s folders, %s, their bytes already in memory, on every core, each
   folder made once and each file in one call, with nothing else to do —
   took **%s** (median of %d runs; fastest %s, slowest %s; CPU %s). That
   is the disk's floor: no build can publish this output faster here, and
   this virtual machine's disk is as erratic as it is slow. In the
   profile of the build, system calls are %.1f%% of the CPU time.
2. **Rendering the pages with html/template.** `+"`piao check`"+` does everything a
   build does but write: it took **%s**, %.1f times the target. In the
   profile, rendering is %s of CPU (%.1f%%), on average %s a page (the
   long index pages included), and minifying %s (%.1f%%). html/template
   walks each page's template and calls every method, field and escaper by
   reflection; what is left after the changes below is that walk itself.

`, thousands(row.Sheets), secs(row.Build.Wall), secs(row.Build.CPU), thousands(row.Pages), thousands(row.Files),
		mb(row.Bytes),
		thousands(fl.Files), thousands(fl.Folders), mb(fl.Bytes), secs(floor.Wall), len(fl.Runs), secs(fast), secs(slow),
		secs(floor.CPU), sys.Share,
		secs(row.Check.Wall), row.Check.Wall.Seconds()/1.5,
		secs(render.CPU), render.Share, micros(perPage), secs(minify.CPU), minify.Share)
	fmt.Fprintf(b, `Peak memory at %s sheets is %s. The live heap is about 90 MB when
the pages start to render (measured with a heap profile): the model,
where every value keeps the file, line and column it came from so that
each diagnostic can point at it, and the lists of pages and indexes; Go's
collector lets the heap grow to about twice the live data before it
collects (GOGC=100). The pages and the files are streamed to disk, so
memory does not grow with the output; it grows with the sheets, because
the whole model is in memory: the rules compare sheets with one another
(weights per unit, addresses), and the indexes, the open data and the
search index list them all.
`, thousands(row.Sheets), mb(row.Build.RSS))
	if big := find(r.Rows, 5*row.Sheets); big != nil && row.Build.RSS > 0 && row.Bytes > 0 {
		fmt.Fprintf(b, `At %s sheets, memory is %.2f times that of %s, the output %.2f times.
`, thousands(big.Sheets), float64(big.Build.RSS)/float64(row.Build.RSS), thousands(row.Sheets),
			float64(big.Bytes)/float64(row.Bytes))
	}
	b.WriteString("\n")
}

// micros formats a duration as "312 µs".
func micros(d time.Duration) string { return fmt.Sprintf("%d µs", d.Microseconds()) }

const findingsByHand = `### What was done

The first run of ` + "`make bench`" + ` (commit 0e5ad99) built 10,000 sheets in 18.69 s,
CPU 31.47 s, 289 MB, writing 16,046 pages and 30,778 files, 365 MB; 50,000
sheets in 106.89 s. Since then:

- **Less output for the same information.** The indexes by unit, area and
  line link each sheet with the number of its indicators instead of
  repeating every indicator, which the sheet's page shows (the indexes by
  typology, unit of measure, source, A–Z and revision still list every
  indicator). A long revision index gets a page per unit instead of one
  per sheet (2,946 pages fewer at 10,000 sheets). The home and plan pages
  of a plan of more than 200 sheets count each strategic objective's
  operational sheets instead of linking them all (2.9 MB and 2.6 MB pages
  at 10,000 sheets, now about 0.1 MB); the line, unit and index pages list
  them.
- **Cheaper templates.** The frame of every page (head, header, menu,
  footer) and each indicator's table are prepared in Go, once
  (` + "`.Chrome`, `.IndicatorView`" + `), and the index entries at construction: a
  template then reads plain fields instead of calling a method, ` + "`dict`" + ` and a
  sub-template for each value. A sheet's page went from about 450 µs and
  2,660 allocations to about 300 µs and 1,665 allocations of rendering
  (` + "`go test -bench RenderKind ./builder`" + `, 1,000 sheets, before and after).
- **Fewer system calls.** Through an os.Root every look at a file opens
  each folder on its path again: following the path for links, looking at
  the file and reading it cost 17 opens a sheet, counted with strace; a
  sheet that its folder's listing shows as a regular file is now opened
  once, 5 opens in all (174,000 opens fewer at 10,000 sheets). Each output
  folder is made once; the sheets' JSON files and the search index files
  are written on every core, the index files as encoded (compact already,
  they no longer go through the JavaScript minifier).
- **More of the work on both cores.** The search index gathers each
  document's terms on every core (the postings stay in order); ` + "`piao check`" + `
  checks page addresses without building the indexes' pages, which cannot
  collide (they live under ` + "`indici/`" + ` with names made of slugs).

### What would close the gap

Each of these is a change of design, not of tuning; none is done.

- **A page per file, not a folder per page.** ` + "`operativi/SLUG.html`" + ` instead of
  ` + "`operativi/SLUG/index.html`" + ` would halve what the disk does (about 13,000
  folders fewer at 10,000 sheets; a folder costs about as much as a file
  here), but changes every address of the published plans: links from
  elsewhere and the archived snapshots would break, so it needs a
  migration (redirect pages) and a decision.
- **A compiled renderer for the built-in theme.** Go code writing the
  sheet pages directly runs an order of magnitude faster than
  html/template (no reflection), but is a second implementation of the
  theme to keep byte-identical to the templates (which a site can
  override, file by file); a test comparing both on every page of the
  example and of synthetic sites would have to guard it.
- **Building only what changed.** A build over its own output already
  keeps each unchanged file (a hard link, no write); it still renders
  every page to know that it is unchanged. Keeping a hash of each page's
  inputs would let it skip them, as ` + "`piao serve`" + ` already does for a sheet.
- **Less memory.** File positions as 32-bit numbers, and the indexes'
  entries built when their page renders rather than all at once, would
  cut the live heap by perhaps a quarter; setting a lower GOGC trades
  memory for collector time (more CPU).
`
