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
and %s. Two stages stand in the way of the 1.5 s target and of half of
Hugo's time:

1. **Writing the files.** Writing the very same output again — %s files in
   %s folders, %s, their bytes already in memory, on every core, each
   folder made once and each file in one call, with nothing else to do —
   took **%s** (median of %d runs; fastest %s, slowest %s; CPU %s). That
   is the disk's floor: no build can publish this output faster here, and
   this virtual machine's disk is as erratic as it is slow. In the
   profile of the build, system calls are %.1f%% of the CPU time.%s
2. **Rendering the pages.** In the profile, rendering is %s of CPU
   (%.1f%%), on average %s a page (the long index pages included), and
   minifying %s (%.1f%%). With the built-in theme, the sheets' pages, the
   indexes, the tables of the units and of the revisions and every page's
   frame are written in Go; the main of the other kinds of page still
   walks its html/template, which calls every method, field and escaper
   by reflection.

`, thousands(row.Sheets), secs(row.Build.Wall), secs(row.Build.CPU), thousands(row.Pages), thousands(row.Files),
		mb(row.Bytes),
		thousands(fl.Files), thousands(fl.Folders), mb(fl.Bytes), secs(floor.Wall), len(fl.Runs), secs(fast), secs(slow),
		secs(floor.CPU), sys.Share, flatFloor(fl),
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

// flatFloor is what the floor says of a file per page instead of a
// folder per page, measured in the same runs: "" when it was not.
func flatFloor(fl *floor) string {
	if len(fl.FlatRuns) == 0 {
		return ""
	}
	flat := fl.FlatMedian()
	fast, slow := fl.FlatRange()
	return fmt.Sprintf(`
   The same files with a file per page instead of a folder per page
   (`+"`operativi/00042.html`"+`, `+"`00042.json`"+` and `+"`00042.originale.html`"+` for
   `+"`operativi/00042/index.html`"+`, its `+"`scheda.json`"+` and `+"`originale/index.html`"+`:
   %s folders instead of %s), written after each of those runs, took
   **%s** (median of %d runs; fastest %s, slowest %s; CPU %s): %.2f
   times the floor as it is. The difference is what the folders cost, the
   figure a decision on the addresses needs (every address of a sheet
   would change).`,
		thousands(fl.FlatFolders), thousands(fl.Folders), secs(flat.Wall), len(fl.FlatRuns), secs(fast), secs(slow),
		secs(flat.CPU), ratio(flat.Wall, fl.Median().Wall))
}

// ratio is a / b, 0 when b is.
func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// micros formats a duration as "312 µs".
func micros(d time.Duration) string { return fmt.Sprintf("%d µs", d.Microseconds()) }

const findingsByHand = `### What was done

The first run of ` + "`make bench`" + ` (commit 0e5ad99) built 10,000 sheets in 18.69 s,
CPU 31.47 s, 289 MB, writing 16,046 pages and 30,778 files, 365 MB; 50,000
sheets in 106.89 s. Since then:

- **A build cache beside the output (issue 18).** ` + "`piao build -d OUT`" + ` keeps
  ` + "`.OUT.piao-cache`" + ` next to the output folder (never inside it, so never
  published, archived or summed): the digest of every source file, of the
  program itself and of the options; the key of each sheet's page (its
  sheet's bytes, everything of its plan but the other operational sheets,
  config.yaml, the themes, the archive); and the size, time and inode of
  every file and folder written. With nothing changed and the output as it
  was left, nothing is loaded, rendered or written: the build repeats what
  the last one said. After an edit, every sheet's page whose key is the
  same is linked from the previous output without being rendered (with a
  theme of the site's own, every page is rendered). A cache that is
  corrupt (its own seal fails: a SHA-256 until the twenty-third session, a CRC-32C since), of another build of piao, or an output
  changed by hand since, is not used: the build says so in its summary and
  renders everything. ` + "`TestBuildCacheSameAsClean`" + ` proves the output byte
  for byte that of a clean build after each kind of edit (a sheet, a
  strategic sheet, piano.yaml, config.yaml, a theme file, a deleted sheet,
  a renamed plan, the output edited by hand, a corrupt cache, another
  version's cache). Atomic publish, determinism and crash tests are
  unchanged: the cache is written under the publish lock once the new
  output is in place, and a stale one is caught by the stamps.
- **The output replaced is kept and brought up to date (issue 18).** Where
  the system exchanges two folders in one step (Linux, macOS), the output
  replaced is kept beside the new one as ` + "`.OUT.piao-spare`" + `; the next
  build writes into it only what changed (a file the output has with the
  same bytes is linked, one that is already that very file stays) and
  removes what went, then exchanges it in. A rebuild no longer makes a
  folder for each page and a link for each file, and no longer removes a
  whole output after the swap. The spare is never trusted
  (` + "`TestSpare`" + `: tampered files, files where folders must be, a symbolic
  link to a folder outside), and a publish killed while it updates it
  leaves the output whole.
- **piao check judges without rendering what it need not (issue 18).**
  With the built-in theme, which the golden pages of every shape of plan
  and the hostile and fuzzed sheets of the tests prove to render every
  site that passes the rules, it renders one page of each kind; with a
  theme of the site's own, every page (` + "`TestCheckRendersSiteTheme`" + `). The open
  data are named (their names are judged), not made.
- **A quadratic step removed.** schede.csv asked, for each row, whether
  any sheet of the plan was added or removed: 1.5 s of CPU at 10,000
  sheets, 25 times that at 50,000.
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
- **Work done once, not on every call (second session).** Each sheet's
  changes by revision are worked out once per plan (badges, indexes,
  revisions, CSV and feed asked for them again and again: 12% of a build's
  CPU at 10,000 sheets), an indicator's badges from its own changes only
  (they were quadratic in a sheet's indicators), a revision's changed units
  of measure once per list, and the header and footer of every page
  rendered once for each set of values they show (with the built-in theme:
  the same bytes, ` + "`TestFrameCacheSameOutput`" + `). CPU of a build of 10,000
  sheets: 27–28 s at dd9761d, 23.5 s in the run above.
- **The rebuild after one edit renders what changed (second session).** The
  pages that list sheets (units, areas, lines, indexes, revisions, home)
  have a key too: every source, a sheet counting only its front matter and
  whether it has a body; a page that shows what the key leaves out (a
  body, the open data's sizes) is marked while it renders and rendered
  again next time. Each sheet's JSON is read back from the previous output
  when its key is unchanged (its stamp checked) and spliced into
  piano.json. After the bench's edit, 5 pages of 13,342 are rendered.
- **piao check on both cores (second session).** The rules of each sheet, its
  field texts and the personal-data scan run on every core, diagnostics in
  the order of the sheets; the search index is named, not built; the page
  list builds each index on every core.
- **piao serve starts at once (second session).** It answers as soon as the
  site is checked and its pages listed (each page rendered when asked for,
  the rest in the background); when nothing changed since ` + "`piao build`" + `,
  it serves that output while it builds in the background.
- **Less memory at 50,000 sheets (second session).** While build or check
  runs, the collector's headroom is held to 256 MB or the live heap,
  whichever is larger (GOGC set from the live heap): a big site no longer
  holds twice its live heap; up to about 10,000 sheets nothing changes.
- **Open data without indentation (second session).** piano.json (a sheet a
  line), scheda.json and the other JSON files are compact: piano.json at
  10,000 sheets 52.9 MB → 34.8 MB, the sheets' JSON 4.2 KB → 3.1 KB each.
- **Shorter search postings (second session).** A term at several weights
  is one list of documents with each one's weight when shorter: the
  heaviest first query at 50,000 sheets 257 KB → 237 KB.
- **A sheet store beside the output (third session).** ` + "`piao build -d OUT`" + `
  keeps ` + "`.OUT.piao-sheets/`" + `: every sheet as decoded (gob), with what
  decoding it and the rules of its own texts (inline Markdown, personal
  data) found, keyed by the SHA-256 of its file's bytes, the program and
  the languages; in chunk files of about 128 sheets, each with its own
  SHA-256, so that a rebuild writes only the chunks whose sheets changed
  and a damaged chunk costs only the parsing of its sheets. A rebuild
  parses and judges only the sheets whose bytes changed, and does not even
  read again a sheet the build cache digested a moment before (40,000
  opens fewer at 10,000 sheets). piao check (through the store of the
  output it compares with) and piao serve's start (through that of
  ` + "`public/`" + `) read it too. ` + "`TestSheetStoreSameSheets`" + ` (every sheet of the
  example and of the seven plans comes back as it decodes, with the same
  findings), ` + "`TestSheetStoreKeepsUnchangedChunks`, `TestSheetStoreNotTrusted`" + `
  (a changed or cut chunk, another program, a stray file),
  ` + "`TestCheckThroughStore`" + ` and ` + "`TestBuildCacheSameAsClean`" + ` (every kind of edit,
  byte for byte a clean build) hold it. A single load (piao build, piao
  check) takes the sheets themselves instead of a copy; the indicators'
  default ids are given as a sheet is decoded, so no stage writes a sheet
  a cache keeps.
- **Less memory at 50,000 sheets (third session).** A value keeps its
  rare parts (a date, earlier values, a footnote's marker) behind one
  pointer, nil for most: 168 → 72 bytes, an indicator 1,696 → 896; a
  position's line and column are 32-bit; pages keep their breadcrumb as
  output paths, resolved as they render; at most half the goroutines
  render a page that lists many sheets at a time, and a buffer grown past
  1 MB is let go after its page. While a build runs with a lowered
  percent (a large heap), the memory limit is the live heap, its headroom
  and 64 MB, so that memory freed goes back to the system as the build
  goes: by hand on a quiet machine at 50,000 sheets, 1,180 MB and 76.8 s
  (130 s of CPU) without it, 964 MB and 89.3 s (154 s) with it; nothing
  changes up to about 10,000 sheets, where the percent is not lowered.
- **Short texts' search terms once (third session).** The search index
  works out the terms of each short text (a unit's, an area's, a line's
  name, a field's label) once per index: at 10,000 sheets 248,000 of the
  302,000 texts indexed are short, and 935 of them differ.
- **Fewer system calls in a rebuild (fourth session).** Counted with
  ` + "`strace -f -c`" + ` on a rebuild after the bench's edit at 10,000 sheets,
  the spare in place: 850,000 system calls before, 520,000 after. The
  sources are digested through a root opened at each folder of sheets
  (through an os.Root every name was looked up folder by folder: openat
  111,000 → 38,000); the stamps of the files the publish wrote or linked
  are taken from it, not read again after the swap, and the output being
  replaced is counted from the build cache while it is the very folder the
  last build left (newfstatat 175,000 → 107,000, getdents 54,000 →
  27,000); in the spare, a file in a folder the publish has just made (the
  search index's, every build) is no longer removed before it is written
  (unlinkat 12,200 → 4,100). This machine's times vary with the host more
  than these counts: between identical rebuilds here the system time went
  from 1.1 s to 5.8 s, mostly faults of memory touched for the first time
  (about 90,000 of them per rebuild).
- **piao check: the lightest page of each kind (fifth session).** With
  the built-in theme, check renders one page of each kind, to judge the
  templates. It took the first of each kind in order: at 10,000 sheets an
  area of 411 KB, a line of 308 KB, a group of an index of 476 KB, a
  revision of 1.3 MB. It now takes the one that shows least (the fewest
  sheets, index entries or changes; ` + "`TestVerifySample`" + `): the same templates
  run. The revisions page of a plan (5.4 MB at 10,000 sheets, one per
  plan) is left, the longest part of a check. The output check compares
  with (` + "`-d`" + `) is counted from the build cache there, as a rebuild counts
  it, while the sheets load, instead of a walk of its 27,000 files. By
  hand at 10,000 sheets, alternating with the previous binary on a busy
  machine: check given the last build's output 2.0–2.3 s → 1.5–1.6 s,
  cold 2.2–2.8 s → 2.1–2.4 s.
- **The search index's folder keeps the files that did not change (fifth
  session).** The folder is named after the digest of the whole index (a
  browser never mixes the files of two builds), so every edit gave it a
  new name, and its 4,065 files (24 MB at 10,000 sheets) were written anew
  and the old ones removed. ` + "`publish.Target.Moved`" + ` tells the publish that
  the new folder holds the last one's files: one of the same bytes is
  linked from the previous output, and in the spare the old folder takes
  the new name, so that such a file stays where it is. ` + "`strace -f -c`" + ` of
  a rebuild after the bench's edit at 10,000 sheets, the spare in place:
  write 4,828 → 765, unlinkat 4,083 → 16 (newfstatat 107,000 → 115,000
  and read 30,000 → 38,000: each file is compared). ` + "`TestMoved`" + ` (through
  a new folder, the spare, a spare tampered with; under Wine too),
  ` + "`TestRebuildKeepsSearchFiles`" + ` (edit after edit: the same bytes are the
  same file, the output that of a clean build).
- **The monitoring a revision followed (fifth session).** The revisions
  page and each revision's page list the monitoring entries whose
  proposal the revision took up; they named every sheet and indicator of
  the plan to find them (at 10,000 sheets 60 ms per revision); now only
  those that have one (6 ms).
- **Stage by stage (fifth session).** ` + "`PIAO_STAGES=FILE`" + ` makes piao build and
  piao check write when they reached each stage; make bench runs the
  rebuilds after an edit and the cold check with it: the table under
  *Side by side with Hugo*.
- **The first rebuild after a clean build, and the disk (fifth session).**
  make bench measured it at 10.60 s, the next one at 2.55 s; by hand,
  right after a clean build, 3.46 s and 2.41 s. The stages told where:
  7.6 s in the stage that writes the open data, the first to write into
  each sheet's folder. ` + "`strace -f -c -w`" + `: 13,357 folders made at 559 µs each,
  7.5 s, after the output had been written and removed three times (what
  the disk's floor, measured just before, does); about 100 µs each
  without. The bench now times the rebuilds and checks before the floor.
  The first rebuild after a clean build makes a folder per page (a new
  output beside the old one; from the second on, the spare's folders are
  there): a floor of its own, which only fewer folders (a page per file)
  or a spare made by the clean build would lower.
- **Where html/template's time goes (fifth session).** In the CPU profile
  of a full build at 10,000 sheets, html/template is 49% of the CPU. Of
  the whole: reflection's own work about 16% (methods and fields looked
  up by name at every action, 5.5%, with a function type built for each
  method found; calls through reflect, their argument slices and
  results, about 11%), the functions and methods the templates call about
  13%, the walk of the templates the rest. A copy of text/template that
  kept its lookups and called the escapers directly would save at most
  the 16%: half of Hugo's time needs a renderer compiled to Go.

- **Two partials of the built-in theme written in Go (sixth session).**
  ` + "`revgroups`" + ` (what a revision did to a sheet: each revised sheet's page,
  and the revisions page of a plan, the longest part of a check) and
  ` + "`value`" + ` (every value of every field, target and indicator row) are, with
  the built-in theme, Go functions writing the same bytes with
  html/template's own escapers (builder/builtin_partials.go); a site's
  own theme renders them from its files. ` + "`TestBuiltinPartialsSameAsTemplates`" + `
  renders every page of the example site, of the example plans and of
  300 generated sheets both ways and compares them byte for byte. The
  revisions page of 10,000 sheets renders in about half the time; the
  rest of the theme is still html/template.
- **piao check's load (sixth session).** The decoder and the rules' text
  checks read each struct type's tags once instead of once per value
  (0.42 → 0.12 s and 0.36 → 0.15 s of CPU at 10,000 sheets), the loader
  reads a folder's sheets through a root opened at that folder (opens
  40,053 → 10,044), and ` + "`slug`" + ` gives back a text that already is one.
- **The indicators and the cycle in Go (seventh session).** The
  partials that show each indicator (` + "`indicator`" + `, ` + "`indheading`" + `, ` + "`indbody`" + `,
  ` + "`copylink`" + `, ` + "`mark`" + `, ` + "`revref`" + `, ` + "`notes`" + `, ` + "`revnotes`" + `) and its results and
  monitoring (` + "`indicator-cycle`" + `, ` + "`results`" + `, ` + "`monitoring`" + `, ` + "`outcome`" + `,
  ` + "`progress`" + `) are Go functions too with the built-in theme
  (builder/builtin_indicator.go, builtin_cycle.go), held to their
  templates by the same test on every page (now also of the example site
  in English, French and Slovenian). A sheet's page of the 1,000-sheet
  bench: 3,100 → 2,159 allocations and 449 → 339 µs of rendering
  (` + "`go test -bench RenderKind`" + `, 12 runs each side); a page with results
  and monitoring (the f-ciclo example plan): 3,143 → 1,832 and
  465 → 296 µs. In the profile of the build of 10,000 sheets (make bench
  before and after), rendering went from 10.36 s to 8.13 s of CPU; the output is the same,
  byte for byte (` + "`diff -r`" + ` of the 10,000-sheet site, before and after).
- **A rebuild reads only the sources that changed (seventh session).**
  The build cache keeps each source's stat (size, modification and inode
  change times, inode, device) with its digest; a file whose stat is
  unchanged, and that had not changed for 2 s when the last build read
  it, is not read again (on Linux and macOS; elsewhere every source is
  read, as before). The inode change time cannot be set back by any
  program, so bytes changed with the size and time restored are read.
  Stage *sources digested* at 10,000 sheets 156 → 99 ms; a rebuild with
  nothing changed 236 → 181 ms.
- **The spare pruned on every core (seventh session).** Its folders are
  read a level at a time on every core, and those the publish made are
  not read: stage *spare pruned* 153 → 109 ms.
- **The search index in 32 bits, the kept search documents read without
  a copy (eighth session).** The postings and facets hold document numbers
  as int32: at 50,000 sheets the live heap while the search index is built
  went 419 → 371 MB (` + "`GODEBUG=gctrace=1`" + `, one build each, quiet
  machine). ` + "`.OUT.piao-search`" + ` is read into one buffer whose parts the
  entries are, not copied again: at 10,000 sheets 60.5 → 30.9 MB allocated
  and 38 → 23 ms a read (benchmark, six runs each); at 50,000 sheets the
  file is 148 MB, and a rebuild no longer holds it twice while the site
  loads. The output is the same, byte for byte.
- **The built-in theme's pages written in Go (ninth session).** With the
  built-in theme, every page's frame (base.html's ` + "`base`" + ` and
  _share.html's ` + "`head-meta`" + `) is written in Go around the page's main;
  the sheet's main (sheet.html) is Go too, and so are the indexes' lists
  (listing.html's ` + "`lbody`" + ` and ` + "`ltitle`" + `, with ` + "`sheetlink`" + ` and
  ` + "`badges`" + `), a unit's table rows, a revision's table of changes and
  the revisions' changes sheet by sheet (three new partials of the
  theme's files, ` + "`unitrows`" + `, ` + "`changerows`" + ` and ` + "`revchanges`" + `,
  which the Go code replaces). The other kinds' main stays a template. The
  theme's files stay the reference:
  ` + "`TestBuiltinPartialsSameAsTemplates`" + ` renders every page of the
  example site (in four languages), of every example plan, of a German
  page shown in Italian and of 300 generated sheets both ways and
  compares the bytes, and finds in the pages every branch of the new Go
  code (76 marks: a sheet removed, added, as approved, revised by an act
  with and without a link, missions, coefficients, a picture for shared
  links, a crumb, an update…). Rendering the 13,342 pages of the 10,000
  sheets one at a time, in the process: 7.0 → 2.1 s (sheets' pages
  2.88 → 0.82 s, indexes 1.87 → 0.43 s, pages as approved 0.81 → 0.21 s,
  units 0.56 → 0.12 s, revisions 0.20 → 0.09 s);
  ` + "`BenchmarkRenderKind/sheet`" + ` 316 → 100 µs a page, 472 allocations.
  The 10,000 sheets built by hand into empty folders, alternating with
  the last session's binary: user CPU 19.7 and 18.2 s → 14.0 and 14.3 s
  (with the sheet's main and the indexes), then 12.2–13.6 s (with the
  frame, the links and the units); the output the same, byte for byte
  (` + "`diff -r`" + `).
- **Links made without splitting paths (ninth session).** ` + "`relURL`" + `, which
  makes every link of every page, walks the two paths in place:
  ` + "`TestRelURLSameAsSplit`" + ` compares it with the version that split
  them on 20,000 pairs.
- **The program's digest trusted by its stat (ninth session).** The build
  cache keeps the stat of piao's own file when it was digested; a build
  whose program file has that stat, settled two seconds before the
  digest began, takes the cache's digest instead of reading 24 MB and
  hashing them (60 ms at every build; Linux and macOS, as the sources).
- **Files created without the runtime's poller (ninth session).** Each
  file of the output is opened with the system's call and wrapped, where
  os.OpenFile also tried to put it in the runtime's poller (four fcntl
  and a failed epoll_ctl a regular file): creating 10,000 files of 6 KB
  took 240 → 200 ms of CPU (three runs each); a build of 1,000 sheets
  makes 76,761 → 65,725 system calls (` + "`strace -c`" + `); the
  previous output's files and the spare's folders are read the same way:
  a rebuild of 1,000 sheets after an edit makes 40,413 → 32,703.

### What stands in the way of the targets not met

- **Peak memory at 50,000 sheets (tenth session).** This run 699 MB:
  under 700 MB, by a hair. By hand, with a heap profile written at each
  new maximum of the live heap: the live heap peaked at the very end,
  while the build cache was saved (535 MB), with the model and the pages
  still held and the cache gathered twice in memory (gob's buffer and a
  copy of it). Neither is held now, and the cache is streamed to its file
  (the save 2.96 → 1.03 s; ` + "`TestCacheSavedWithoutTheModel`" + `). The
  peak is then in the render: the buffer of the largest open data file
  (24 MB, revisioni.json) stayed alive in encoding/json's pool, which has
  no bound, because the frame cache's key was JSON for every page (now
  written without it); and the long pages (the revisions, 27 MB at
  50,000 sheets; the largest index, 19 MB) were held twice, their
  partials (in Go) made whole strings beside the page (now given to the
  template in parts of 32 KB, what a revision changed made one sheet at
  a time). One build each by hand: 705 MB before, 686–702 MB after (the
  live heap's peak 535 → 498 MB). From one run to the next the peak moves
  by some 30 MB: the live heap jumps by 50–70 MB while a long page
  renders, and where a collection falls decides. Measured and dropped: a
  memory limit's slack of 32 MB instead of 64 (657 MB, but 188
  collections instead of 162, 114 s instead of 104 s) and of 48 MB (719
  and 679 MB). Under 700 MB in every run needs a smaller model: at 50,000
  sheets, 50 MB of plan.Sheet (984 bytes each) and 130 MB of indicators
  (896 bytes each) in the heap profile, a Pos of 24 bytes in every Text.
- **Rebuilds at 50,000 sheets (tenth session, by hand; make bench
  measures them at 10,000 only).** With the build cache beside the
  output, a rebuild of 50,000 sheets after one edit peaked at 1.01–1.03
  GB (27.9–34.3 s), and a build whose output folder was deleted but whose
  cache was kept at 1.08 GB (93.5 s): the heap profile found the search
  documents kept from the last build (~141 MB, every entry a part of the
  file's bytes) held through the open data and the render. They are let
  go once the search index is made: after an edit 941 MB, 24.4 s (one
  run). The rest of the peak, while the site loads and the index is
  made (694 MB live): the sheets decoded from the sheet store, larger
  than the same sheets parsed (gob gives every string its own
  allocation: 152 MB of strings), beside those documents. Of a chunk of
  the store (100 sheets, 291 KB), 46% of the bytes are the sheet's own
  file name, written again in the place (Pos) of each of its texts, 33
  times a sheet: decoded, some 79 MB at 50,000 sheets. Under 700 MB for
  a rebuild too would need those names shared (written once per sheet,
  set again as the sheet is decoded, without changing the sheets the
  build holds while the store is saved beside the render), or the
  documents read as they are used.
- **This run against the last (tenth session).** The disk was ten times
  slower: a folder and a file cost 833 µs to create (72 µs in the last
  run), system calls were 61.9% of the build's CPU (32.7%), and writing
  the output alone took 8.65 s (4.49 s). The full build of 10,000 sheets
  took 15.07 s, CPU 27.02 s: 1.46 times Hugo's wall time and 1.55 times
  its CPU (1.32 and 1.04 in the last run); at 1,000 sheets 1.99 and 2.07
  (1.74 and 1.70). Without the disk (the output on tmpfs, by hand,
  alternating with the last session's binary, three or four runs each)
  this session's binary is the faster: 10,000 sheets 7.37 against
  7.81 s (user CPU 12.04 against 13.05 s), 1,000 sheets 1.03 against
  1.12 s. piao's CPU at 1,000 sheets is 1.7–1.8 s on tmpfs and 3.74 s in
  this run: the rest is the disk's, where Hugo and Pagefind write 2,095
  files and piao 2,973 in 1,483 folders. The rebuilds: after an edit 2.88 s (3.89), edited again
  1.95 s (3.44), nothing changed 243 ms (471); piao check 1.74 s (2.35),
  under 2 s again; 50,000 sheets 694 MB (699), 7.24 times the time of
  10,000 (6.23).
- **The collector on a small heap (eleventh session).** A build kept the
  program's percent (GOGC=100) as its ceiling, piao check twice that:
  at 10,000 sheets, whose live heap is well under the memory budget, the
  build collected 60 times. A build now has check's ceiling too, within
  the same budget, so a site of 50,000 sheets is governed as before. On
  tmpfs, three alternating runs each: 33 collections instead of 60,
  CPU 13.05 → 12.04 s, wall 7.81 → 7.37 s, peak memory 329 → 466 MB; at
  1,000 sheets 1.71 → 1.54 s of user CPU, 78 → 104 MB; at 50,000 sheets
  the peak 704 against 706 MB (one run each). GOGC=300 and 400 by hand
  gave nothing more (the 256 MB headroom bounds them).
- **Long pages minified into their file (eleventh session).** A page of
  1 MB or more, once rendered, is minified straight into its file (the
  publish's stream) instead of into a second buffer written afterwards:
  the revisions of a plan of 50,000 sheets (27 MB) and its largest
  indexes (19 and 12 MB) are no longer held twice. The live heap's peak
  at 50,000 sheets 472 → 452 MB, the peak of memory 684 MB in two runs
  (688 and 704 before, this machine's noise is some 30 MB); the output
  the same (` + "`diff -r`" + ` at 10,000 sheets; ` + "`TestBuildToSameAsBuild`" + ` with
  every page streamed, seen failing with the stream emptied). The cost:
  such a page, rendered again in a rebuild with the same bytes, is
  written rather than linked to the previous output's file (at 1,000
  sheets the four parts of the whole plan, 4 MB).
- **What the folders cost (eleventh session).** make bench now writes
  the disk's floor twice, alternately: as the output is, and with a file
  per page (30 folders instead of 13,350 at 10,000 sheets): this run
  8.65 against 6.57 s. By hand the same day, on tmpfs, 0.50 against
  0.33 s (the kernel's own work, a third less); on this disk, six runs
  each one after the other, as it is 1.3, 10.3, 14.4, 17.1, 21.0 and
  24.2 s (its system time from 2.3 to 43 s for the same writes) against
  4.1, 7.5, 8.1, 8.0, 7.6 and 8.2 s with a file per page: the folders
  are what grows. The file system is ext4, mounted with ` + "`discard`" + `.
  A file per page would change every address of a sheet; the decision
  is not the bench's.
- **Rebuild after one edit under 1 s: where the 2 s go (eleventh
  session).** Edited again, on tmpfs by hand, 1.86 s: sources digested
  106 ms; sheets loaded 459 (the sheet store decoded, 0.26 s of CPU; the
  rules of every sheet run again, 0.23 s, since their findings name
  other sheets and files); search index 312 (the kept documents merged
  and the index encoded, one core, 0.25 s); open data and index pages
  547 (each sheet's JSON read back from the last output, 0.24 s of CPU;
  the CSV files made again, 0.26 s; the indexes' listings, 0.19 s);
  pages listed 63; pages written 193; spare pruned 81; cache saved 103.
  Each stage is work over the whole site of 60 to 550 ms, none of it
  large: under a second needs each to become work over what changed
  (the CSV rows and the listings kept per sheet with the plan's facts in
  their key, the rules' findings kept per sheet with the names of the
  site in theirs, the store read only for the sheets a page needs), a
  design of its own. The first rebuild after a clean build also makes a
  folder for every page and a link for every file (this run 1.39 s of
  open data against 558 ms edited again), the floor of the two-folder
  swap that keeps a reader from ever seeing two builds mixed.
- **This run against the last (eleventh session).** The disk was fast
  again (a folder and a file 80 µs to create, 833 µs in the last run;
  writing the output alone 9.54 s, from 1.77 to 15.57 s, against 8.65 s).
  The full build of 10,000 sheets took 14.92 s, CPU 21.30 s: 1.32 times
  Hugo's wall time and 1.15 times its CPU (1.46 and 1.55 in the last
  run); at 1,000 sheets 1.26 and 1.35 (1.99 and 2.07). The rebuilds:
  after an edit 2.47 s (2.88), edited again 1.92 s (1.95), nothing
  changed 202 ms (243); piao check 1.75 s (1.74); 50,000 sheets 688 MB
  (694), 7.32 times the time of 10,000 (7.24). With the search index
  made beside the open data, the stages of a rebuild overlap: the table
  of stages gives each the time from the mark before, the search index's
  mark falling inside the open data's work.
- **The open data spliced from the last build's (twelfth session).** A
  rebuild read every unchanged sheet's ` + "`scheda.json`" + ` back from the last
  output for ` + "`piano.json`" + ` (10,000 opens and reads) and made every row of
  ` + "`schede.csv`" + ` and ` + "`indicatori.csv`" + ` again. Each sheet's line of
  ` + "`piano.json`" + ` and its rows of a table are now parts whose place the
  build cache keeps, with the table's header as what every part depends
  on besides its sheet: an unchanged sheet's part is read, a window at a
  time, from the last build's file, opened once when its stamp is the
  one recorded. The tests that found it: a rebuild through the cache
  gave other bytes than a clean build after a past value was given where
  no indicator had one, since an optional field is in every sheet's data
  once a sheet gives it: the key of a sheet's data now names the plan's
  fields. On tmpfs, nine alternating rebuilds after an edit at 10,000
  sheets: 2.15 → 2.03 s wall, 3.41 → 3.18 s of CPU.
- **More of a rebuild on both cores (twelfth session).** At a rebuild the
  search index, mostly merged from the last build's documents on one
  core, is made while the open data and the indexes are made on the
  other (1.93 against 2.03 s, seven alternating runs; 29 MB more at the
  peak); the pages' keys, a digest each, are worked out on every core
  (the pages written 205 → 189 ms); a plan's facts that a sheet's data
  reads of the others are worked out once a build, not for each sheet;
  the four indexes that list every indicator sort them once, not each
  (0.13 s of CPU at 10,000 sheets, at every build). Edited again, on
  tmpfs, by hand: sources digested 110 ms, sheets loaded 478 (the store
  decoded, 0.25 s of CPU; the rules of every sheet, 0.20 s), search index
  beside the open data and index pages 767, pages listed 99, written 174,
  spare pruned 88, cache saved 85: 1.80 s.
- **After this run (twelfth session, by hand).** A sheet's own body and
  the short links in its fields are judged with its file's texts, whose
  findings the sheet store keeps for the file's bytes (sheets loaded
  484 → 428 ms, seven alternating rebuilds on tmpfs); the sources are
  listed while the build cache is read (sources digested 108 → 81 ms).
  Edited again on tmpfs, the last binary: sources digested 74 ms, sheets
  loaded 401, search index and open data and index pages 710, pages
  listed 57, written 178, spare pruned 103, cache saved 115: 1.64 s. What
  is left is each stage's work over the whole site: the store decoded
  (0.26 s of CPU), the rules of every sheet (0.11 s), the kept search
  documents merged and the index encoded (0.2 s), two looks at each of
  30,000 files kept (the last output's and the spare's, 0.35 s of CPU,
  most of it system calls), the spare's 13,350 folders read to prune
  them (0.16 s), the cache written (7 MB, 0.09 s).
- **A build that wrote nothing kept the spare (thirteenth session).**
  With nothing changed, the look at the output under the lock took the
  spare as a publish's folder and, the publish ending with nothing to
  write, removed it: 13,000 folders and 27,000 links at 10,000 sheets,
  and the next rebuild made its folder from nothing. The look now only
  holds the lock: nothing changed, a spare beside the output, 0.53–0.61
  → 0.18–0.20 s on tmpfs (make bench measures it after a clean build,
  where there is no spare yet).
- **The spare read once, as the publish begins (thirteenth session).** On
  Linux the spare's folders are listed with ` + "`getdents64`" + `, each name with
  its kind and inode: a file kept is the very file when its inode is the
  last output's, a folder is known real, and the prune needs no second
  reading of every folder. ` + "`strace -f -c`" + ` of a rebuild after an edit at
  10,000 sheets: ` + "`newfstatat`" + ` 115,000 → 74,000, ` + "`fcntl`" + ` 18,000 → 4,700; pages
  written and spare pruned 297 → 217 ms (fifteen alternating rebuilds on
  tmpfs), the reading itself now inside the open data's stage: on tmpfs,
  where a system call is cheap, the wall time is the same; on a disk
  whose metadata calls cost more, fewer of them.
- **Less of the whole site redone at every rebuild (thirteenth
  session).** Each change with its test, the output byte for byte the
  same: the loader lists the folders the sources' digest listed (10,000
  ` + "`lstat`" + ` fewer through the site's ` + "`os.Root`" + `); the sheet store decoded with one
  gob decoder a core, which compiles the model's types once, not for
  each of 128 chunks (50 ms of CPU); the targets judged once between two
  revisions that change them, and a body lowered into a buffer to look
  for short links (80 ms); a sheet's folder joined without ` + "`path.Join`" + `
  (50 ms); a plan's sheets' pages made on every core; a plan's changes
  made once for revisioni.csv, piano.json and revisioni.json (0.1 s);
  and the open data's page (1.9 MB at 10,000 sheets, rendered at every
  build) kept when the sizes it shows ("3,3 kB") are those it showed.
  The session's first binary against its last, nine alternating
  rebuilds after an edit, edited again, 10,000 sheets, tmpfs: 1.79 →
  1.56 s wall, 3.00 → 2.61 s of CPU; by stage (medians) sources digested
  84 → 84 ms, sheets loaded 418 → 350, search index with open data and
  index pages 762 → 753, pages listed 61 → 58, written 190 → 116, spare
  pruned 94 → 15, cache saved 115 → 102. Tried and dropped: the publish
  begun before the site loads, so that the spare is read while the load
  leaves a core idle at times: 1.58 against 1.56 s (fifteen alternating
  runs), not worth the lock held through the load.
- **What a rebuild after an edit still does over the whole site
  (thirteenth session).** The open data and index pages are now the
  longer of the two branches of their stage (the search index ends
  ~170 ms before them): each sheet's line of piano.json and rows of the
  tables taken from the last build's files (0.25 s of CPU, a look at
  each sheet's ` + "`scheda.json`" + ` among it), the indexes' listings built (0.2 s)
  and the pages whose key changed rendered. Then the sheet store decoded
  (0.27 s of CPU, most of it the allocation of the model), the search
  index (0.45 s: the kept documents merged, the index encoded, 40 ms of
  it escaping its strings), the 27,000 files kept (a look at each, to
  trust its stamp) and the cache written (7 MB). Under a second needs
  the model decoded without reflection, the indexes and the search index
  brought up to date rather than made again, and fewer files to look at.
- **This run against the last (thirteenth session).** make bench ran
  twice: on ca80a2e, then on 4b59481 (this run), which lets go of the
  sources' listing once the site is loaded. The disk was slow this time
  (a folder and a file 1,034 µs to create, 60 µs in the run before;
  writing the output alone 13.69 s, from 1.44 to 19.74 s). The full
  build of 10,000 sheets took 14.57 s, CPU 21.94 s: 1.11 times Hugo's
  wall time and 1.01 times its CPU (1.27 and 1.32 in the run on ca80a2e,
  1.32 and 1.15 in the last session's); at 1,000 sheets 1.67 and 1.81
  (1.37 and 1.28; 1.26 and 1.35). The rebuilds: after an edit 3.54 s
  (3.51; 2.47), the first after a clean build making a folder for every
  page on this disk; edited again 1.75 s (1.64; 1.92); nothing changed
  235 ms (180; 202). Peak memory at 50,000 sheets 723 MB (700; 688): by
  hand, the session's first binary and its last, one after the other,
  693,124 and 690,496 KB; the spread of the peak from run to run is
  larger than what this session changed, and the target, met in the last
  session's run with 12 MB to spare, is not met in either of this
  session's. 50,000 sheets took 6.33 times the time of 10,000 (6.35;
  7.32).
- **Allocation, the collector's work at 50,000 sheets (fourteenth
  session).** On tmpfs, 50,000 sheets took 8.4 times the time of 10,000
  and 8.5 times its CPU: comparing the two profiles function by
  function, the collector made the difference (its assists 29 s of CPU
  against 0.18 s, its workers 23.5 s against 1.1 s), the heap being held
  within its budget (the peak under 700 MB), where every byte allocated
  brings the next collection nearer and each one marks a live heap of
  some 450 MB. The largest allocation was the partials' HTML: a
  strings.Builder per partial, grown by doubling, three or four times the
  bytes of every page (770 MB of the 3.27 GB a build of 10,000 sheets
  allocated). The partials now write into pooled buffers and copy their
  HTML out at its size; the open data's JSON is encoded into pooled
  buffers too, a sheet's members in place; a sheet's kept search
  documents are made at their size; a snippet is cut without making the
  text a slice of runes, nor joining more of it than the cut reaches;
  Markdown is rendered into a buffer goldmark takes as it is (it gave any
  other a bufio.Writer at every render). Allocated at 10,000 sheets
  (runtime.MemStats): 2.89 → 2.54 GB. The session's first binary
  against its last, on tmpfs: 50,000 sheets 72.9 → 48.6 s, CPU 140 →
  93.5 s, peak 729 → 685 MB (one run each); 10,000 sheets, three
  alternating runs, 7.76–9.46 → 7.18–8.43 s, peak 443–477 → 361–408 MB;
  the output byte for byte the same.
- **The sheet store and the build cache in an encoding of their own
  (fourteenth session).** gob gave every string of every sheet an
  allocation of its own and wrote a sheet's file name again in each of
  its texts' positions. The store's chunks and the cache file are now
  written by codecs compiled once per type from the program's own types
  (the header of every chunk names the program to the byte): a string
  decoded is a part of the file's bytes, a string written twice in a
  chunk is written once. The store at 10,000 sheets 29 → 8.9 MB; per
  rebuild, decoding it 0.22 → 0.09 s of CPU, reading the cache 60 → 35
  ms and writing it 47 → 30 ms. And piao check judges the pages'
  addresses beside the plans' rules, on the core they left idle. The
  session's first binary against its last, nine alternating rebuilds
  after an edit, edited again, 10,000 sheets, tmpfs: 1.67 → 1.52 s wall,
  2.76 → 2.58 s of CPU, peak 468 → 427 MB; sheets loaded 467 → 389 ms,
  cache saved 103 → 76 ms (medians). What is left over the whole site in
  such a rebuild: the indexes' listings (fields, A–Z, revisions: 0.2 s
  of CPU), each sheet's line of piano.json taken from the last build's
  (0.2 s), the kept search documents merged and the index encoded again
  (0.3 s), the spare read (0.13 s) and 27,000 files kept (a look at
  each), all within one stage that keeps both cores busy for ~0.7 s.
- **This run against the last (fourteenth session).** make bench on
  c7cab02. The disk was faster than in the last run (a folder and a file
  138 µs to create, 1,034 µs then) and as erratic: the three builds of
  10,000 sheets took from 11.64 to 20.16 s, writing the output alone
  9.81 s (from 1.30 to 14.38 s). The full build of 10,000 sheets took
  16.60 s, CPU 23.29 s: 1.41 times Hugo's wall time and 1.19 times its
  CPU (1.11 and 1.01 in the last run); at 1,000 sheets 1.10 and 1.15
  (1.67 and 1.81). Peak memory 417 MB at 10,000 sheets (462) and 666 MB
  at 50,000 (723): under 700 MB, with the margin that the allocation
  cut gave by hand (729 → 685 MB, one run each, tmpfs). 50,000 sheets
  took 84.53 s (92.31), 5.09 times the time of 10,000 (6.33): under 5.5,
  but this run's median of 10,000 sheets is the disk's as much as
  piao's; their CPU, which the disk moves less, 6.80 times (7.97). The
  rebuilds: after an edit 2.60 s (3.54), edited again 1.87 s (1.75),
  nothing changed 246 ms (235); piao check 1.85 s (1.76); piao serve's
  second start 464 ms (558).
- **Less of the open data made again at a rebuild (fifteenth
  session).** A rebuild after an edit, edited again, 10,000 sheets,
  tmpfs, stage by stage with the CPU the process had used at each mark:
  the stage that makes the search index, the open data and the indexes'
  listings keeps both cores busy (1.95 of 2), then the open data's tail
  ran on one core for 100 to 150 ms (revisioni.json, then the feed).
  Now: a sheet's part of piano.json and of the tables is no longer read
  from the last build's file and written again from memory (35 + 15 MB
  at every rebuild): the parts that follow each other there as here are
  copied as one run, by the system (os.File.ReadFrom:
  copy_file_range), and a file records whether its parts are joined by
  its separator alone, the only case where what lies between two of
  them is copied with them; revisioni.json and the feed, made of the
  plans and the fronts of the operational sheets only, are taken from
  the last build when the sources but the sheets' bodies are as they
  were (keyed as the pages other than a sheet's are); revisioni.json is
  made beside piano.json and the tables, the feed beside them all. In a
  clean build, a sheet's JSON and its indicators' are written as they
  encode themselves: encoding/json scanned and copied them again (0.29
  s of CPU at 10,000 sheets). The session's first binary against its
  last, nine alternating rebuilds, medians: 1.87 → 1.58 s wall, 3.21 →
  2.62 s of CPU, peak 424 → 385 MB (the machine slower than at the
  session's start, when the first binary took 1.38–1.45 s and an
  intermediate one 1.27 s). Tried and dropped: the indexes of every
  indicator sorted only as their pages render (~50 ms of CPU less per
  rebuild at 10,000 sheets), which kept every indicator's key and place
  alive until then: 50,000 sheets peaked at 709 MB against 672, the
  collector 108 times against 94, 117.6 s of CPU against 105.1
  (GODEBUG=gctrace=1, one run each).
- **This run against the last (fifteenth session).** make bench on
  b719dd2. The disk: a folder and a file 201 µs to create (138 µs in the
  last run); writing the output alone 8.87 s (from 1.28 to 12.37 s). The
  full build of 10,000 sheets took 15.75 s, CPU 21.74 s: 1.25 times
  Hugo's wall time and 1.00 times its CPU (1.41 and 1.19 in the last
  run); at 1,000 sheets 1.31 and 1.40 (1.10 and 1.15). Peak memory 431
  MB at 10,000 sheets (417) and 657 MB at 50,000 (666). 50,000 sheets
  took 74.87 s (84.53), 4.75 times the time of 10,000 (5.09), their CPU
  6.43 times (6.80). The rebuilds: after an edit 1.77 s (2.60), edited
  again 1.32 s (1.87) — search index 510 ms, open data and index pages
  92 ms, pages written 182 ms, sheets loaded 272 ms —, nothing changed
  164 ms (246); piao check 1.66 s (1.85); piao serve's second start
  461 ms (464).
- **The indexes listed from the last build's, the search index taken
  unread (sixteenth session).** A profile of four rebuilds after an
  edit (edited again, 10,000 sheets, tmpfs) gave the indexes' listings
  0.22 s of CPU per rebuild, though none of their pages renders after an
  edit of a sheet's body. A build now keeps, in its cache, the stubs of
  each plan's indexes in each language (the path and title of each
  index's page and of each group's page, with the sources' aggregate
  they were made of); a rebuild whose aggregate is the same lists the
  pages of the indexes from them, and makes the indexes only if one of
  those pages renders (a page of the output edited by hand or removed:
  ` + "`TestBuildCacheSameAsClean`" + `, a new edit; ` + "`TestIndexPagesFromStubs`" + `, at
  400 sheets with split indexes, every page and its index the same, a
  stale stub an error, never another index's page). A file of the search
  index whose SHA-256 is the one the last build recorded is linked from
  the previous output unread (publish's Keep follows the folder Moved);
  each file's digest is made once, on every core, and the folder is
  named after them (4,064 files read and compared at every rebuild
  before). The scripts of the documents, shards and facets are written
  without encoding/json's reflection (` + "`TestSearchScriptsAsPushScript`" + `
  holds them to it, texts that need escaping included). A folder of the
  previous output with more than eight folders is listed once to tell
  its real folders (` + "`strace -c`" + `: newfstatat 64,210 → 54,049 per
  rebuild). The output names are audited and judged portable at once
  (the serial tail before the write 64 → 47 ms). The session's first
  binary (af65261) against its last (c770f82), fifteen alternating
  rebuilds, tmpfs, at a slow moment of the machine: 1.45 → 1.33 s wall
  (paired difference, median, −0.21 s), CPU 2.48 → 2.23 s (−0.33 s),
  peak 370 → 339 MB; the middle stage (search index, open data,
  listings) 659 → 540 ms. At a quieter moment an intermediate binary
  took 1.08–1.13 s (three runs). Unchanged, by hand: the full build of
  10,000 sheets on tmpfs (5.95 against 6.08 s, three runs each), piao
  check (1.69 against 1.71 s, five each), the peak at 50,000 sheets
  (the last binary 696, 680 and 677 MB, the first 667 and 689; live
  heap's peak 470 against 490 MB, one run each with
  GODEBUG=gctrace=1).
- **This run against the last (sixteenth session).** make bench on
  c770f82, twice: the disk was erratic in both. The second run, whose
  figures are above: a folder and a file 69 µs to create (201 µs in the
  last run), but writing the output alone 11.65 s (from 1.61 to 17.75
  s; 8.87 s then) and the three builds of 10,000 sheets from 8.11 to
  18.18 s. The full build of 10,000 sheets took 12.75 s, CPU 18.82 s:
  1.04 times Hugo's wall time and 0.92 times its CPU (1.25 and 1.00 in
  the last run); at 1,000 sheets 1.02 and 1.06 (1.31 and 1.40). Peak
  memory 413 MB at 10,000 sheets (431) and 679 MB at 50,000 (657).
  50,000 sheets took 98.42 s, CPU 183.19 s (74.87 s, 139.83 s): 7.72
  times the time of 10,000 (4.75), the disk's more than piao's (on
  tmpfs by hand 52.7–59.5 s, 93–106 s of CPU). The rebuilds: after an
  edit 4.18 s (1.77; its open data's stage 2.40 s, the new folder's
  links on this disk), edited again 1.90 s (1.32), nothing changed 272
  ms (164); piao check 2.47 s (1.66), its sheets loaded, cold from the
  disk, 1,600 ms (1,028; warm, by hand, the session's first binary and
  its last alike, 1.63–2.19 s); piao serve's second start 562 ms (461).
  The first run, a moment before, on a slower disk (631 µs for a folder
  and a file, writing the output alone 11.81 s): 10,000 sheets 13.26 s,
  CPU 18.00 s, 1.00 and 1.04 times Hugo; 1,000 sheets 1.36 and 1.45;
  after an edit 3.05 s, edited again 1.61 s; check 2.50 s; 50,000
  sheets 90.51 s, 688 MB, 6.82 times. By hand on this disk, seven
  alternating rebuilds edited again, the session's first binary against
  its last: 1.52 against 1.52 s (paired difference, median, −0.08 s;
  CPU 2.58 → 2.43 s).
- **The store's codec through field offsets; the search's chunks of
  documents not encoded; the folders' stamps from the spare's listing
  (seventeenth session).** A profile of four rebuilds after an edit
  (edited again, 10,000 sheets, tmpfs) gave, per rebuild: the sheet
  store decoded 0.15 s of CPU, the scripts of the search's documents 90
  ms (3,880 files encoded again though one sheet's documents changed),
  the stamps of 16,000 folders looked at after the swap 45–55 ms of the
  serial end. The store's codec now reaches a struct's fields and a
  slice's elements by their offsets, a struct's strings, bools and
  integers (and those of the structs it holds by value) in the struct's
  own loop: a chunk of 1,000 sheets' store decoded in 7.8 ms instead of
  13.5 (` + "`BenchmarkStoreDecode`" + `, alternating binaries), encoded 35%
  faster (` + "`BenchmarkStoreEncode`" + `), to the same bytes; an integer
  beyond its type is an error (` + "`TestStoreCodecIntegerBounds`" + `). A
  chunk of documents whose digest (its name and every field of each
  document, with their lengths) the last build recorded beside the
  file's SHA-256 is not encoded: that SHA-256 names the folder, and the
  file is linked from the previous output; one the previous output lacks
  is encoded then, and must have it (` + "`TestEncodeKnownDocs`" + `,
  ` + "`TestDocsDigest`" + `, ` + "`TestPendingDocsChecked`" + `; ` + "`TestBuildCacheSameAsClean`" + `
  asserts chunks taken unencoded after every edit of a body, and a new
  edit edits and removes chunks of the output by hand). The spare's
  listing reads each folder's stamp on the open folder before its
  entries; a folder the publish left as listed keeps that stamp in the
  cache, and only the folders it changed are looked at after the swap
  (the end of a rebuild 94 → 60 ms, fifteen alternating runs;
  ` + "`stampsTrue`" + ` holds every stamp the cache records to the output after
  each of the edits, and fails with any of the three marks of a changed
  folder removed). A body is folded rune by rune to look for the short
  links' schemes, not lowercased whole (` + "`TestMayLink`" + `). The session's
  first binary (dabd6e9) against its last (f64a497), alternating
  rebuilds edited again, tmpfs, a slow moment of the machine: fifteen
  runs 1.39 → 1.33 s wall (paired difference, median, −0.02 s), CPU 2.32
  → 2.22 s (−0.07 s); eleven more 1.41 → 1.31 s (−0.09 s), CPU 2.41 →
  2.25 s (−0.13 s); CPU profiles of four rebuilds each, back to back,
  9.70 → 8.16 s (−16%). Unchanged: the full build of 10,000 sheets on
  tmpfs (7.30–8.15 against 7.07–8.41 s, three runs each); the peak at
  50,000 sheets on tmpfs 678 MB (one run). Tried and dropped: the search
  page's filter of badges stopping once every badge is found (the
  synthetic sheets never have them all: nothing gained); the filter now
  takes the badges from the facets of the search index instead (27 ms
  of CPU less at every rebuild, which renders the search page;
  ` + "`TestBadgeOptions`" + `), after the make bench run below: pages written 135 →
  116 ms, nine alternating runs at a quieter moment (1.12 against 1.10
  s the whole rebuild). What a rebuild
  after an edit still spends, per rebuild, CPU (profile of the last
  binary, four rebuilds): the 27,000 files kept 0.27 s (the look at each
  file 0.10, its path and folder in the new tree 0.07), the spare's
  listing 0.13 (16,000 folders opened and read), the open data's parts
  taken 0.24, the kept search documents merged and the terms' shards
  encoded 0.17, the rules of every sheet 0.09 and the pages' addresses
  0.06 (both a function of the sources but the bodies, which a rebuild
  could skip when their aggregate is the last published build's, once
  the load is known to have read the very sources digested), the sheet
  store 0.10, the collector 0.13.
- **This run against the last (seventeenth session).** make bench on
  f64a497, at a slow moment of the machine and of its disk: a folder and
  a file 125 µs to create (69 µs in the last run), writing the output
  alone 10.59 s (from 2.19 to 18.65 s; 11.65 s then), the three builds
  of 10,000 sheets from 14.19 to 23.63 s. The full build of 10,000
  sheets took 14.53 s, CPU 26.95 s: 1.21 times Hugo's wall time and
  1.31 times its CPU (1.04 and 0.92 in the last run); at 1,000 sheets
  1.36 and 1.45 (1.02 and 1.06). By hand on tmpfs the full build is the
  same for the session's first binary and its last (above): the
  difference is the machine's. Peak memory 376 MB at 10,000 sheets (413)
  and 694 MB at 50,000 (679; 678 MB by hand on tmpfs): the margin under
  700 MB is thin. 50,000 sheets took 113.21 s, CPU 203.55 s: 7.79 times
  the time of 10,000 (7.72). The rebuilds: after an edit 2.29 s (4.18),
  edited again 1.83 s (1.90), nothing changed 299 ms (272); piao check
  2.35 s (2.47); piao serve's second start 449 ms (562).
- **The sheets' YAML parsed by a parser of the subset they are written
  in; piano.json's plan taken from the last build's (eighteenth
  session).** A profile of four cold checks of 10,000 sheets (tmpfs) gave
  yaml.v3 a third of the CPU: 1.0 s of 3.3–3.8 s per check, about 100 µs
  for a sheet of 1.2 KB, most of it its scanner and allocations. fastYAML
  (builder/fastyaml.go) parses the subset sheets are written in — block
  mappings and sequences, scalars on one line (plain, single-quoted,
  double-quoted with yaml.v3's escapes), flow sequences and mappings of
  scalars on one line, comments — into yaml.v3's very tree but for
  comments, which nothing in piao reads (` + "`TestNoYAMLComments`" + `); anything
  else (anchors, tags, block scalars, values on several lines, nested
  flow collections, tabs, a plain scalar that might be a boolean, null,
  an infinity or an integer in binary or octal…) is left to yaml.v3, its
  errors included; an empty value is read as yaml.v3 reads it (null, just
  after the colon: since the make bench run below).
  ` + "`TestFastYAMLSameAsYAML`" + ` compares the two, node for node with positions and
  styles, on every YAML file and front matter of the repository, on
  generated sheets and on texts at the subset's edges (every word yaml.v3
  resolves to other than a string alone as a key, a value, an item and in
  a flow mapping), and must read every file of the example and every
  generated one; ` + "`FuzzFastYAML`" + ` (640,000 inputs in three minutes; the one
  difference it found at once, a plain "0?" inside brackets, closed by
  reading only letters, digits and ".%/()_-" unquoted inside a flow
  collection). Seen failing: columns off by one (119 differences), "NULL"
  read as a string (5). The text's scalars are copied into one string per
  file, so that the model does not hold the keys, indentation and
  comments. The session's first binary against the one with fastYAML,
  six alternating cold checks: 1.66 → 1.39 s (medians), user CPU 2.55 →
  1.95 s; the full build of 10,000 sheets on tmpfs, three alternating
  runs, 5.65–6.03 → 5.10–5.76 s, user CPU 9.36–10.09 → 8.33–9.45 s; of
  50,000 sheets 47.8 → 44.6 s, peak 681 → 683 MB (one run each); the
  output of 10,000 sheets byte for byte the same (` + "`diff -rq`" + `: 0 files), the
  check's diagnostics the same. The texts' walk of the rules made a
  slice for each text (` + "`everyLang`" + `, 30 ms of CPU per check): now an
  iterator small enough to inline. In a rebuild, the open data's task was
  the longest of the middle stage (piano.json 390–650 ms wall, tables and
  the rest beside it), and re-encoded piano.json's plan (3.2 MB at 10,000
  sheets, most of it the plan's changes) at every rebuild: the bytes
  before the sheets' parts and after them are now copied from the last
  build's file when the sources but the sheets' bodies are unchanged
  (the key revisioni.json has; ` + "`fileParts.Ends`" + `, ` + "`Written.Ends`" + `;
  ` + "`TestBuildCacheSameAsClean`" + ` asserts it taken exactly where the files made
  of the plans are and parts are spliced, and fails with the key left
  unchecked, 12 edits differing from a clean build, or the count left
  out, 10). Seven alternating rebuilds edited again: 1.04 → 1.00 s, CPU
  1.75 → 1.73 s; the output the same as a clean build's. Per rebuild the
  profile still gives: the spare's listing 0.14 s of CPU, the search
  index 0.14 (built 180–215 ms wall on one core, its chunks' digests and
  shards 110–140 ms), the open data's parts and links 0.13, the tables
  0.09, the rules of every sheet 0.08, the sheet store 0.08, the
  collector 0.10; the middle stage's two branches (search; open data)
  take about 400 ms each.
- **This run against the last (eighteenth session).** make bench on
  51a7cc0, its disk slower still: a folder and a file 642 µs to create
  (125 µs in the last run), writing the output alone 9.51 s (from 1.45 to
  15.50 s), the three builds of 10,000 sheets from 7.40 to 14.38 s. The
  full build of 10,000 sheets took 12.47 s, CPU 16.14 s: 1.11 times
  Hugo's wall time and 1.02 times its CPU (1.21 and 1.31); at 1,000
  sheets 1.91 and 1.90 (1.36 and 1.45: piao 2.31 s against Hugo's 1.15
  s, the disk's weight at that size). piao check 1.41 s (2.35): under 2
  s. Peak memory 392 MB at 10,000 sheets (376) and 653 MB at 50,000
  (694). 50,000 sheets took 81.29 s, CPU 151.92 s: 6.52 times the time
  of 10,000 (7.79). The rebuilds: after an edit 1.94 s (2.29), edited
  again 1.23 s (1.83), nothing changed 194 ms (299); piao serve's second
  start 458 ms (449).
- **The bench's own removals (nineteenth session).** ` + "`perf`" + ` on the first
  rebuild of 10,000 sheets after a clean build gave a third of the samples
  to ext4's allocation of inodes skipping those freed a moment before
  (` + "`recently_deleted`" + `, ` + "`find_get_block_common`" + `, ` + "`ext4_get_group_desc`" + `) and
  a sixth to two cores spinning on the lock of the folder they made
  folders in (` + "`rwsem_spin_on_owner`" + `). This disk's ext4 has no journal, and
  without one Linux does not give a new file an inode freed in the last
  60 s, 300 s while the inode's block is not written back (which a build
  making inodes in the same blocks keeps it), and reads each one's block
  to skip it (fs/ext4/ialloc.c). make bench removed every output, cache
  and copy of the floor before the next run: each build paid for the
  removals before it, piao's and Hugo's alike. By hand: 10,000 folders in
  0.36–0.45 s, 2.1–2.4 s after 10,000 were removed; a clean build of
  10,000 sheets 7.1–7.6 s (Hugo 8.8–9.2 s beside it), 10.4–12.4 s in the
  two minutes after make bench removed its folders. The ninth session had
  seen these functions in the kernel, not their cause. What the runs
  leave is now moved into a trash folder and removed once every figure is
  taken (cmd/piaobench/trash.go): the floor went from 1.45–15.50 s to
  1.18–1.19 s, the build of 10,000 sheets from 12.47 to 6.99 s, Hugo's
  from 12.94 to 8.73 s. Making folders one at a time in a parent (a lock
  per parent in publish) took the spinning out of the profile but not the
  time: ten alternating first rebuilds, 1.47 s (median) without it, 1.67
  s with it; not kept.
- **The built-in theme's pages written as rendered (nineteenth
  session).** Without the removals, the profile of the build of 10,000
  sheets gave minifying 2.55 s of 12.77 s of CPU (20.0%), as much as
  rendering. What the minifier took out of the built-in theme's pages,
  whose frame and sheets' pages are written in Go and whose layouts have
  no indentation or comments: line breaks between tags, and escapes of
  quotes turned back into quotes. 1.0% of their bytes (333 MB as
  rendered, 330 MB minified, at 10,000 sheets; a sheet's page 14,375
  bytes against 14,175, gzipped 3,435 against 3,371). They are written as
  rendered now; the style sheet and the scripts (a fifth smaller
  minified) and every page of a theme of the site's own are minified as
  before (Pages.renderRaw; ` + "`TestMinifyWhatPiaoDoesNotWrite`" + ` holds the
  built-in pages within 2% of their minified bytes, 1.5% on the example,
  and fails either way the rule is broken). What a reader sees is the
  same: a line break between tags or in text is shown as the minifier's
  single space, and the theme's style sheet sets no whitespace that keeps
  them. Three alternating full builds on tmpfs: 5.42–5.72 → 4.18–4.44 s,
  user CPU 8.89–9.32 → 6.43–6.83 s; piao check 1.34–1.42 → 1.29–1.30 s.
- **This run against the last (nineteenth session).** make bench on
  73ee1d7 (the minifier change; a run on d2805b1 just before it, the
  first without the removals, is in brackets second): a folder and a file
  168 µs to create (642 µs; 82), writing the output alone 1.16 s (9.51 s;
  1.18). The full build of 10,000 sheets took 6.28 s, CPU 11.68 s (12.47
  s and 16.14 s; 6.99 s and 13.10 s): 0.67 times Hugo's wall time and
  0.73 times its CPU (1.11 and 1.02; 0.82 and 0.89); at 1,000 sheets 1.01
  and 0.98 (1.91 and 1.90; 1.12 and 1.15). Hugo's own build of 10,000
  sheets took 8.41 s (12.94 s; 8.73). The output of 10,000 sheets is 317
  MB (314), a sheet's page 12.6 KB (12.4). Peak memory 431 MB at 10,000
  sheets (392; 417) and 687 MB at 50,000 (653; 664): 13 MB under 700,
  within what this measure moves from run to run. 50,000 sheets took
  44.19 s (81.29; 52.85): 7.04 times the time of 10,000 (6.52; 7.56), now
  that 10,000 no longer pays for the disk. The rebuilds: after an edit
  1.35 s (1.94; 1.37), edited again 1.01 s (1.23; 1.21), nothing changed
  172 ms (194; 167); piao check 1.17 s (1.41; 1.31); piao serve's second
  start 400 ms (458; 441). The example site 134 ms (295; 152).
- **A target changed (twentieth session).** make bench timed the rebuild
  after an edit of a sheet's body, which only the sheet's own pages show.
  An office's usual edit is of a sheet's data: changing one target of
  sheet 00042 at 10,000 sheets rendered 279 pages again (13,063 linked)
  for 1.2 s of CPU, and every one of them came out byte for byte as it
  was. The key of a page other than a sheet's own is of every sheet's
  front matter (` + "`sources.aggregate`" + `): any change to any sheet's data
  renders again every page that lists sheets — the plan's revisions (5.6
  MB), the indexes, the pages of the units, areas and lines, the
  strategic sheets. make bench now times it too ("a target changed",
  after the two edits of the body; ` + "`editTarget`" + `), and the target's check
  takes the slowest of the three. By hand on disk: 2.15–2.38 s, against
  0.94–1.09 s for the body edited again. Every page that is not a sheet's
  was "long" for the work queue, which lets one goroutine of two render
  long pages: the 279 rendered one at a time while the other goroutine
  had nothing left. 266 of them are of tens of kilobytes (0.75 s of CPU
  together), the 13 others over 1 MB (0.45 s): a page to render again
  that the previous output had shorter than 1 MB is no longer long
  (` + "`Pages.workOrder`" + `, ` + "`buildCache.sizer`" + `; a page to link, not render, stays
  where its kind put it: two goroutines linking into the same folders
  wait on each other's lock of them, and the first rebuild after a clean
  build was slower that way). Six alternating cycles on disk: a target
  changed 2.15–2.38 → 1.77–1.81 s, the body's edits unchanged. What stands
  in the way of under 1 s is the key: with a key of what each kind of
  page shows of a sheet, the 279 pages would be linked, as after the
  body's edit (5 pages rendered). As far as the layouts and the partials
  written in Go read it, the value of a target that no revision touched is
  shown outside the sheet's own pages by the reports (results against
  targets) and the whole plan (always rendered); the revisions' pages
  show the targets a revision changed, whose previous value the sheet
  keeps beside them; and whether a year has a target at all (none, or
  "//") decides the outcome of an indicator without a result
  (` + "`Indicator.OutcomeIn`" + `), which the indexes by outcome and the reports'
  figures show. A key that keeps that but leaves out the words of
  untouched targets, for the kinds that do not show them, and a test that
  changes such a target in the example and in a synthetic site and
  compares every page of those kinds between two clean builds (so that a
  layout that starts showing them fails it), is the next step.
- **The model's places and the long pages' buffers (twentieth
  session).** At 50,000 sheets the collector is four tenths of the CPU,
  and what it walks is the model: a text held its file's name (a string:
  16 bytes and a pointer) beside its line and column. A place now names
  its file by a number in a table of the names seen (` + "`plan.FileOf`" + `; the
  sheet store keeps the name): a text is 40 bytes, not 48, with no
  pointer to a name. Four alternating clean builds of 50,000 sheets on
  tmpfs: 35.9 → 32.8 s (CPU 62.8 → 57.7 s), 96 → 86 collections; the
  output of the example and of 10,000 sheets byte for byte the same. A
  goroutine also keeps the buffer a long page grew for its next long page
  (they come first), and lets it go before any other file: growing it
  anew for every long page, doubling, was 723 MB of the 7.7 GB a build of
  50,000 sheets allocated (38.0 → 36.1 s, peak 706–734 → 676–686 MB,
  alternating). Tried and not kept: the badges of each sheet and
  indicator worked out once and kept with its changes saved 5% of the CPU
  of a rebuild after a target changed, but at 50,000 sheets the memo's
  live heap made the collector run 93 times instead of 86 (34.0 →
  35.5–36.4 s).
- **This run against the last (twentieth session).** make bench on
  87174a2: the disk was faster, a folder and a file 51 µs to create (168
  µs), writing the output alone 856 ms (1.16 s). The full build of 10,000
  sheets took 3.91 s, CPU 7.24 s (6.28 s and 11.68 s): 0.57 times Hugo's
  wall time and 0.61 times its CPU (0.67 and 0.73); at 1,000 sheets 0.94
  and 0.89 (1.01 and 0.98). Hugo's own build of 10,000 sheets took 6.81 s
  (8.41). Without the disk (tmpfs, by hand, three alternating runs), the
  session's first binary against its last: 10,000 sheets 3.50–3.82 →
  3.43–3.51 s; 50,000 sheets (two runs each) 36.5–38.2 → 32.7–33.6 s,
  CPU 64.6–64.7 → 57.7–58.8 s, peak 700–703 → 672–690 MB. Peak memory
  408 MB at 10,000 sheets (431) and 656 MB at 50,000 (687). 50,000
  sheets took 37.64 s (44.19): 9.62 times the time of 10,000 (7.04), the
  ratio worse because 10,000 sheets no longer wait on the disk (38% less
  time) while 50,000 are held by the collector within the memory budget
  (15% less). The rebuilds: after an edit 1.07 s (1.35), edited again
  971 ms (1.01), a target changed 1.84 s (first measured), nothing
  changed 134 ms (172); piao check 1.13 s (1.17); piao serve's second
  start 326 ms (400). The example site 113 ms (134).
- **The light key (twenty-first session).** The pages that list a sheet
  are now keyed by a light aggregate (` + "`lightkey.go`" + `): each
  operational sheet's front replaced by the digest of its model in the
  sheet store's encoding with the words of every target no revision
  touched left out (kept: whether the year has a target at all, none,
  "//" or words) and its body left out (kept: whether it has one). Every
  kind keyed by the aggregate uses it but the reports (results against
  targets) and the open data's page (keyed by the sizes the words
  change); so do the indexes' stubs and the open data taken whole from
  the last build (revisioni.json, the feed, piano.json's plan). The digest
  is of the model, not of the source, so that nothing the decoder makes
  of a sheet is missed; it is kept with the sheet's entry and in the sheet
  store, worked out again only for a sheet parsed again (4.4 ms and 38 KB
  per 1,000 sheets, ` + "`BenchmarkLightDigest`" + `). ` + "`TestLightPages`" + ` builds the
  example, the seven example plans and a synthetic site with their sheets
  lightened as they load and compares every page of those kinds and those
  files with a normal build's (a layout that shows a target's words there
  fails it: seen failing with the reports made light);
  ` + "`TestBuildCacheTargets`" + ` (a plan with reports: a target's words, its
  result removed, the target made "//") and three edits of
  ` + "`TestBuildCacheSameAsClean`" + ` compare with clean builds. A target changed
  at 10,000 sheets, on this disk, two alternating cycles: 1.77–1.78 →
  0.96–1.06 s, 5 pages rendered instead of 279 (on tmpfs 0.93 s); clean
  builds as before (10,000: 3.46–3.68 against 3.50–3.52 s; 50,000:
  30.8–31.5 against 30.9–31.5 s). What is left of a rebuild after an edit
  is flat: at 10,000 sheets on tmpfs, 1.4 s of CPU in 0.85 s, the sources'
  digest 55 ms, the sheet store read 100 ms, the rules 104 ms (95 ms the
  sheets' own, on both cores), the search index and the open data 340–400
  ms (both cores busy: the index's merge, piano.json spliced, each
  sheet's JSON linked), the pages linked 120 ms, the cache written 50 ms;
  no part over 10% of the CPU. The first rebuild after a clean build
  spends 0.55 s more in the kernel (0.99 against 0.44 s of system time):
  13,000 folders made and 27,000 files linked into a new output, which an
  atomic publish cannot skip; on this disk it took 1.04–1.25 s. Tried and
  not kept: making the search index beside the open data in a clean
  build too (as a rebuild does): 10,000 sheets 3.59–3.63 against
  3.59–4.28 s, the stage as long (both already use both cores).
- **This run against the last (twenty-first session).** make bench ran
  three times on clean clones of e9c48da, the machine slower at each run:
  Hugo's build of 10,000 sheets took 7.37, 7.82 and 8.32 s (6.81 s in the
  last session's run), a folder and a file 47, 61 and 82 µs to create
  (51). The figures above are the first run's, the closest to the last
  session's machine. piao's full build of 10,000 sheets took 4.74 s, CPU
  8.85 s (3.91 s and 7.24 s): 0.66 times Hugo's wall time and 0.71 times
  its CPU (0.57 and 0.61); the second and third runs 0.60/0.64 and
  0.59/0.62; at 1,000 sheets 0.98/0.91, 1.00/0.95 and 0.93/0.91 (0.94 and
  0.89). On tmpfs the session's first and last binaries are equal (four
  alternating runs: 3.80–3.91 against 3.74–3.93 s): what moved is the
  machine. The rebuilds: a target changed 964 ms (1.84 s), edited again
  963 ms (971 ms), after an edit 1.19 s (1.07 s), nothing changed 137 ms
  (134 ms); in the second and third runs a target changed 1.18 and 1.15
  s, edited again 1.10 and 1.11 s, after an edit 1.14 and 1.26 s. piao
  check 1.14 s (1.13 s); piao serve's second start 346 ms (326 ms). 50,000
  sheets took 37.12 s (37.64 s), 7.84 times the time of 10,000 (9.62),
  peak 650 MB (656 MB); the example site 120 ms (113 ms).
- **The whole plan in Go (twenty-second session).** Up to 2,000 sheets
  the whole plan's page ("Piano completo") shows every sheet again, and
  its "fullsheet" and "fullindicator" were the last partials of the
  built-in theme that html/template ran by reflection for every sheet:
  a part of 250 sheets took 42.8 ms to render against 146 µs for a
  sheet's own page, and at 1,000 sheets the whole plan cost as much CPU
  as the 1,005 sheets' pages. They are now written in Go
  (` + "`builtin_fullplan.go`" + `), sharing the table of fields and the resources
  with the sheet's page; ` + "`TestBuiltinPartialsSameAsTemplates`" + ` compares
  every whole-plan page with its template's rendering, and
  ` + "`fullplanBranches`" + ` checks that the pages compared hold every branch
  (seen failing with a row's marker, a heading and the resources'
  caption changed). A part of 250 sheets 42.8 → 11.6 ms
  (` + "`BenchmarkRenderKind/fullplan`" + `); 1,000 sheets on tmpfs 0.57–0.61 →
  0.45–0.52 s (four alternating runs); 100 sheets 0.14–0.15 → 0.12–0.14 s.
  Beyond 2,000 sheets the whole plan is its first page alone: no change.
  Then the indicator's view (36% of a sheet's page): a target's label
  made once, not twice, its fields' word keys made once for the program,
  the words' arguments without fmt's reflection when they are strings or
  numbers, and the index of each value's field by plan: a sheet's page
  74–76 → 63–67 µs, a part of the whole plan 10.5–10.9 → 9.0–9.1 ms; a
  build of 10,000 sheets on tmpfs 3.38–3.55 → 3.31–3.41 s. Tried and not
  kept: the program's own digest (16 ms of a clean build, 24 MB hashed)
  made while the sources are digested: 4 ms less, within the noise (the
  sources' digest already uses both cores); the search index built beside
  the open data at 1,000 sheets: 10 ms, within the noise; more headroom
  for the collector at 10,000 sheets (384 or 512 MB instead of 256): no
  change. The Go build ID, which would spare that digest, is not in the
  release's binaries (built with -buildid= to be reproducible).
- **This run against the last (twenty-second session).** make bench ran
  three times on clean clones: of 3b332f8 with these findings, then twice
  of 4af4c4a (the same code, the findings committed); the figures above
  are the second run's, the first of the commit measured. The disk was
  faster than in the last session's runs at first (a folder and a file
  27 and 23 µs to create, against 47–82 µs), then far slower (264 µs);
  Hugo's build of 10,000 sheets took 6.31, 6.62 and 7.19 s (7.37–8.32 s).
  piao's full build of 10,000 sheets: 0.63/0.66, 0.62/0.66 and 0.61/0.65
  times Hugo's wall and CPU (0.59–0.66 and 0.62–0.71 in the last
  session's three runs); at 1,000 sheets 0.79/0.78, 0.76/0.76 and, on
  the slow disk, 0.96/0.91 (0.93–1.00 and 0.91–0.95): the whole plan in
  Go. The rebuilds at 10,000 sheets: after an edit 897 ms, 1.00 s and
  1.08 s (1.14–1.26 s); edited again 893, 979 and 975 ms (0.96–1.11 s);
  a target changed 900 ms, 947 ms and 1.03 s (0.96–1.18 s); nothing
  changed 124, 132 and 139 ms. 50,000 sheets took 33.90, 32.20 and 34.62
  s, 8.86, 7.82 and 8.04 times the time of 10,000 (7.30–8.51), peak 654,
  664 and 650 MB. piao check 1.03, 1.05 and 1.12 s; piao serve's second
  start 295, 294 and 346 ms; the example site 107, 105 and 139 ms.
- **An area's and a line's lists in Go (twenty-second session, after the
  runs).** At 10,000 sheets an area's page lists thousands of sheets
  (4 pages of 446 KB, 41 ms each to render) and so does a line's (5 pages,
  23 ms each), each item through "sheetlink" and "value" called by
  html/template's reflection. area.html and line.html now name those lists
  ("areaunits", "linesheets"), which the built-in theme writes in Go; a
  site's own layouts are rendered as they are. ` + "`BenchmarkRenderKind`" + `
  (kinds area and line added, 1,000 sheets): an area's page 5.1–5.3 →
  1.2–1.4 ms, a line's 5.4 → 1.4–1.5 ms. ` + "`TestBuiltinPartialsSameAsTemplates`" + `
  compares them on every example and on a copy of a-piao without weights,
  with a unit without sheets and a line without objectives. Against the
  code of the runs (3b332f8), on tmpfs, alternating: 10,000 sheets
  3.82–3.91 against 3.90–4.54 s (user 6.07–6.16 against 6.17–6.73 s,
  three runs), 1,000 sheets 0.51–0.53 against 0.53–0.59 s (four runs).
- **A rebuild's last costs: a page, the seals, the collector
  (twenty-third session).** Each page a rebuild renders was timed: after
  the bench's edit at 10,000 sheets five are, and the Dati aperti page,
  which shows every sheet's JSON with its size (1.9 MB), took 89 ms on
  one core, each row through html/template's reflection. opendata.html
  now names its rows ("downloadrows"), which the built-in theme writes in
  Go: 89 → 17 ms; the rebuild on tmpfs 1.00–1.11 → 0.92–0.98 s (six
  alternating runs). The files kept beside the output for the next build
  (the build cache, the search documents, the sheet store's chunks, 45 MB
  at 10,000 sheets) were sealed with SHA-256, 60 ms of a rebuild's CPU;
  they are sealed with CRC-32C, which finds a file cut short or damaged as
  well (neither is a defence against who can write beside the output, who
  could write the output itself), and a cache an older piao sealed is told
  as another version's, not as a corrupt one: user time 1.21–1.33 →
  1.13–1.26 s. Then the collector: the governor gave a small heap at most
  twice the program's percent, so a heap growing from nothing was
  collected again and again (` + "`GODEBUG=gctrace=1`" + `: a rebuild at 10,000
  sheets collected seven times, the last two on 120 and 140 MB live; a
  full build of 1,000 sheets spent a quarter of its CPU collecting). A
  build that starts on a heap below the budget less half the headroom
  (448 MB) now runs with the collector off and the memory limit there,
  until the runtime's first collection; from then the governor works as
  before. A rebuild at 10,000 sheets is not collected at all: 0.79–0.92 →
  0.77–0.91 s (medians 0.87 → 0.82 s, user 0.93–1.12 → 0.83–0.98 s), its
  peak 340–360 → 490 MB; a full build of 1,000 sheets 0.47–0.50 →
  0.42–0.44 s (user 0.64–0.69 → 0.49–0.53 s), peak 90–105 → 275 MB; of
  10,000 sheets 3.68–3.99 → 3.59–3.75 s, peak 420–450 → 520 MB; of 50,000
  sheets 31.37 → 31.09 s, peak 675 MB both (with the whole budget before
  the first collection it was 702 MB: hence half the headroom less).
  Tried and not kept: each sheet's folder kept in the sheet once loaded
  (a sheet's page 77–86 against 76–81 µs, within the noise); more room for
  the collector on a heap of 100–200 MB (the budget less the live heap,
  without the cap of twice the program's percent): a full build of 10,000
  sheets 8% less CPU but a peak of 672–692 MB; a floor of 448 MB on every
  collection's goal: 3.5% less CPU for 40 MB more. Memory traded for so
  little was not taken.
- **This run against the last (twenty-third session).** make bench ran
  three times on clean clones of 84d95b2 (all of this session's code, with
  its findings); the figures above are the third run's. The machine was
  slower than in the last session's runs (Hugo's rebuild after an edit at
  10,000 sheets 10.42, 8.51 and 9.59 s, against 8.28 s; its full build
  8.28, 7.91 and 7.65 s) and noisy (the three builds of 10,000 sheets of a
  run took from 4.23 to 8.72 s in the first); the second run began four
  minutes after the first had removed what it left, and its disk was six
  times slower (a folder and a file 352 µs to create, against 71 and 57
  µs). piao's full build of 10,000 sheets: 0.54/0.57, 0.78/0.76 and
  0.59/0.63 times Hugo's wall and CPU (0.61–0.63 and 0.65–0.66 in the
  last session's three runs); of 1,000 sheets 0.67/0.68, 0.99/0.98 and
  0.68/0.65 (0.76–0.96 and 0.76–0.91). The rebuilds at 10,000 sheets:
  after an edit 1.05, 1.44 (the slow disk: the first rebuild after a
  clean build makes a new folder) and 1.00 s (0.90–1.08 s); edited again
  1.04 s, 874 and 953 ms (893–979 ms); a target changed 1.07 s, 837 and
  978 ms (0.90–1.03 s); nothing changed 153, 126 and 140 ms. Against
  Hugo's rebuild in the same run, piao's is a tenth of it (0.10–0.17;
  0.12 in the last session's docs). 50,000 sheets took 39.21, 36.76 and
  31.82 s, 8.32, 5.99 and 7.00 times the time of 10,000 (7.82–8.86), peak
  665, 661 and 665 MB. piao check 1.21, 1.00 and 1.09 s; piao serve's
  second start 342, 328 and 348 ms; the example site 110, 161 and 110 ms.
- **What the rules found kept; a cycle under way not taken for the
  first collection; a hung Hugo (twenty-fourth session).** The bench's
  first two rebuilds append a sentence to a sheet's body; the third
  changes one of its targets. After a body's edit every rule ran again
  over the whole site (at 10,000 sheets 80 ms of CPU on each sheet's
  own, ` + "`checker.sheet`" + ` and ` + "`explainSheet`" + `, some 60 ms on the rest),
  though what they find is a function of the sheets' bytes and of the
  build cache's aggregate (every source but the operational sheets'
  bodies; the rules over the site read no such body but in other
  languages, which the aggregate digests whole). The build cache now
  keeps, under that aggregate (piao-build-cache 6), what the rules found:
  each sheet's, by its place among the model's sheets (the SHA-256 of
  the bytes judged, 320 KB at 10,000 sheets, and the findings of the few
  that had some), and the rest's whole; a build takes a sheet's when its
  bytes are the same, the rest's when the aggregate is. On tmpfs, ten
  alternating rounds of a body's edit and its undoing: wall medians 0.800
  → 0.710 s, user 0.855 → 0.727 s; after a target's edit the aggregate
  changes and every rule runs, as before, the rulings made and written
  anew: 0.850 → 0.870 s, user 0.917 → 0.967 s (sixteen rounds). The
  collector's governor took any cycle that ended after a build began for
  the first collection of its heap, then collected at twice the
  program's percent: a cycle under way as the collector was turned off
  (the process's first, at 4 MB, which a profiled run's start makes
  likely) made a rebuild at 10,000 sheets under ` + "`PIAO_CPUPROFILE`" + `
  collect five times instead of twice (` + "`GODEBUG=gctrace=1`" + `; the
  process's own first cycle in both), and a full build 18 or 19 times
  instead of 10 or 11 (two profiled builds of the old binary: 19 and 10):
  the profiles make bench writes, and one of its three timed builds of
  10,000 sheets, showed the collector busier than it is. The first
  collection is now a cycle that ends once the heap has allocated half
  of what parts it from its first limit. Debian's Hugo (0.111.3) once
  stopped in the middle of a build of 10,000 sheets (every thread
  waiting, no I/O for minutes) and make bench waited for it: a run of
  Hugo past two minutes is now killed and run once more. Measured and not
  kept, each within the noise: the part of a sheet's keys that comes from
  its sources digested once a sheet (40,000 keys at a rebuild: 0.770
  against 0.765 s, ten rounds); the kept files' bookkeeping (folders of
  the previous output in a ` + "`sync.Map`" + `, names and stamps under one lock,
  paths joined without cleaning them: ` + "`BenchmarkKeepAll`" + `, 15,000 files
  kept, 85–89 ms both); the search documents' file (30 MB) not written
  again (an upper bound, measured by skipping the write: some 20 ms on
  disk). The first rebuild after a clean build, the bench's headline
  figure, has no spare to bring up to date: ` + "`strace -f -c`" + ` counts 13,357
  folders made and 27,432 links, system time 0.76–1.01 s against 0.4 s
  with a spare (0.98–1.14 s wall on this disk, against 0.79–0.96 s for
  the next rebuilds).
- **This run against the last (twenty-fourth session).** make bench ran
  four times: on a clean clone of 9e3a5d9 (the sheets' rulings kept, not
  yet the rest's), twice on 6f89aab (all of this session's code) and on
  5364891 (its findings); the figures above are the last run's. A fifth,
  begun two minutes after the first ended, hung on Hugo (killed; hence
  6f89aab). The second run on 6f89aab began three and a half minutes
  after the first ended and its disk was five times slower (the output
  of 10,000 sheets written alone in 2.98 s, against 0.62 s). piao's full
  build of 10,000 sheets: 0.62/0.65, 0.51/0.54, 0.80/0.82 (the slow disk)
  and 0.59/0.63 times Hugo's wall and CPU (0.54–0.78 / 0.57–0.76 in the
  last session's three runs); of 1,000 sheets 0.92/0.80, 0.77/0.72,
  0.89/0.89 and 0.69/0.68 (0.67–0.99 / 0.65–0.98). The rebuilds at 10,000
  sheets: after an edit 878, 795 ms, 1.18 s (the slow disk: the first
  rebuild after a clean build has no spare, and makes 13,357 folders and
  27,432 links) and 800 ms (1.00–1.44 s in the last session's); edited
  again 814, 767, 793 and 788 ms (874 ms–1.04 s); a target changed 876,
  882, 933 and 877 ms (837 ms–1.07 s); nothing changed 128, 126, 129 and
  132 ms. Hugo's rebuild after the same edit 7.99, 8.33, 8.78 and 8.49 s.
  50,000 sheets took 35.15, 33.10, 38.21 and 32.76 s: 8.64, 9.65, 5.98 and
  7.96 times the time of 10,000 (the ratio follows the luck of the
  10,000-sheet runs as much as its own), peak 651, 650, 672 and 666 MB.
  piao check 1.02 s, 994 ms, 1.13 and 1.02 s; piao serve's second start
  343, 329, 369 and 334 ms; the example site 130, 103, 112 and 95 ms.
- **Less CPU in a clean build (twenty-fifth session).** A clean build of
  10,000 sheets on tmpfs, with the CPU time taken at each stage's mark
  and a CPU profile of each stage's window: load 0.52 s, check 0.41 s,
  search index 1.25 s, open data and index pages 0.9 s, pages written
  2.2 s of 5.6 s. What was done for nothing, and is no longer: after the
  collector's first collection (at 448 MB, 82 MB live) the governor let
  the heap grow to three times the live heap, nine collections in all;
  a build's heap may now grow back to the 448 MB the first collection
  already let it reach (six collections, 4% less CPU, the peak at 10,000
  sheets 527 → 575 MB, at 50,000 unchanged: the twenty-third session
  tried this floor and left it for its 40 MB; the full build's target is
  its CPU, and the only peak with a target, at 50,000 sheets, does not
  move). Every text of every page was escaped rune by rune (byte by byte
  now: every byte replaced is ASCII); each link took its page's folder
  with ` + "`path.Dir`" + `, which copies it; a sheet's and its indicators' badges
  were worked out for each page and index listing them (now once, in the
  plan's memo beside its changes); each field of the open data went
  through encoding/json's reflection with an encoder of its own, and each
  sheet's JSON was copied out of three buffers (now written as the
  encoder writes it, into one); ` + "`textnorm.Fold`" + ` looked every rune of an
  accented text up in two maps; titles already on one line were split
  and joined twice on every page; a search document's terms map grew
  three or four times (made for 48 terms now: 38 a sheet and 30 an
  indicator on average); the theme's words were escaped at each of some
  three million uses (once now, when read); the program's file was
  digested before the sources were (now at once). Every file of the
  output at 10,000 sheets is byte for byte the last session's. On tmpfs,
  alternating with the session's first binary: 10,000 sheets 3.66 → 3.24
  s wall, 6.77 → 5.84 s CPU (medians of five, the machine slower than
  earlier that day); 1,000 sheets 0.43 → 0.40 s, 0.71 → 0.68 s (of
  eight). At 50,000 sheets every sheet's page was
  marked volatile as its body rendered (a ` + "`sync.Map`" + ` of 19 MB), though the
  cache keeps a sheet's own page's key whatever the mark: no longer.
  Tried and not kept: the YAML parser's nodes (152 bytes, two a line, a
  tenth of what a build of 10,000 sheets allocates) made in an arena per
  worker and lent again: within the noise at 10,000 sheets, at 50,000
  slower (27.9–30.2 → 30.6–32.2 s, three alternating pairs) and a peak
  of 703–716 MB against 670–680; a first collection at 32, 64 or 128 MB
  instead of 448 MB (at 1,000 sheets the heap faults in 64,000 pages, 0.2
  s of system time): CPU 0.66, 0.64 and 0.62 against 0.60 s. make bench
  now times five paired runs where Hugo builds the same sheets (three
  let two runs of a slow spell decide a ratio: one run of this session
  had its builds of 10,000 sheets take from 2.98 to 6.60 s, ratio
  0.82/0.71), and profiles a build of its own instead of one of those
  timed.
- **This run against the last (twenty-fifth session).** make bench ran
  four times on clean clones: on dd18536 (the session's code but its last
  three commits), on 511e554 (all of its code, three paired runs) and
  twice on 2a39594 (five paired runs); the figures above are the last
  run's. In the second run the builds of 10,000 sheets took from 2.98 to
  6.60 s (a slow spell of the machine, two of the three paired runs in
  it); the third began a minute after the second had removed what it
  left, and its disk was slow (a folder and a file 156 µs to create, the
  output of 10,000 sheets written alone in 2.10 s, against 71 µs and 0.64
  s in the last run). piao's full build of 10,000 sheets: 0.49/0.51,
  0.82/0.71, 0.69/0.68 and 0.47/0.49 times Hugo's wall and CPU (0.51–0.80
  / 0.54–0.82 in the last session's four runs); of 1,000 sheets
  0.61/0.60, 0.94/0.99, 0.84/0.82 and 0.61/0.62 (0.69–0.92 / 0.68–0.89).
  The rebuilds at 10,000 sheets: after an edit 770, 806 ms, 1.51 s (the
  slow disk: the first rebuild after a clean build has no spare) and 900
  ms (795 ms–1.18 s); edited again 732, 739, 725 and 800 ms (767–814 ms);
  a target changed 840, 815, 803 and 860 ms (876–933 ms); nothing changed
  119, 113, 115 and 157 ms. Hugo's rebuild after the same edit 8.59,
  8.22, 8.07 and 8.93 s. 50,000 sheets took 35.00, 31.88, 35.57 and 35.23
  s: 10.56, 6.35, 7.02 and 10.58 times the time of 10,000 (the ratio
  follows the 10,000-sheet runs' luck; the builds of 50,000 sheets
  themselves 31.9–35.6 s against 32.8–38.2 s), peak 678, 671, 650 and 663
  MB. piao check 972 ms, 1.00 s, 963 ms and 1.02 s; piao serve's second
  start 340, 320, 306 and 343 ms; the example site 95, 109, 122 and 108
  ms.
- **What a build of 1,000 sheets pays the kernel (twenty-sixth
  session).** On tmpfs a clean build of 1,000 sheets takes 0.45–0.51 s
  of user time and 0.24–0.45 s of system time (five runs): a third to a
  half of its CPU is the kernel's. The heap grows to some 250 MB without
  a collection (the first is at 448 MB), and each of its 62,000 pages is
  faulted in once: on this machine a page costs 1.3–3.4 µs to fault in
  (a program touching 256 MB: 87–225 ms of system time over nine runs),
  some 0.08–0.21 s of the build. The system calls are some 0.1 s more
  (writes 40 ms, opens 26, reads 15, folders made 13: CPU profiles of
  twelve builds). Neither has a cheap way out: the heap marked for huge
  pages (` + "`madvise(MADV_HUGEPAGE)`" + `, this kernel's transparent huge pages
  being "madvise") faulted 256 MB in 31 ms of system time once and in
  720–795 ms twice (the kernel compacting memory to find huge pages: not
  a thing to leave a build to); ` + "`MADV_POPULATE_WRITE`" + ` saves a third of the
  faults' cost (69–89 ms of wall time against 97–187 ms), and the Go heap
  does not tell where it will grow; a collection before 448 MB costs more than
  the faults it saves (twenty-fifth session). What a build of 1,000
  sheets can still give is less memory touched (250 MB allocated, no
  allocator above 5% of it) and fewer, smaller files. A rebuild after a
  target changed at 10,000 sheets, stage by stage with its CPU: the window where
  the search index and the open data are made (each some 330 ms of wall
  time, beside the index pages' list) keeps 1.85 of the 2 cores busy
  (0.57 s of CPU in 0.31 s): making the index while the pages are
  written instead, tried, gave 0.895 s against 0.905 s (medians of ten
  alternating rebuilds: within the noise), the open data being as long
  and the cores as busy. What CPU profiles of the pages' window (three clean
  builds of 10,000 sheets) named, cut: a change's word-level difference
  was worked out for each page showing it (21,546 for 1,836 changes: the
  sheet's page, the whole plan, the act's page, the revisions…), now
  once per language (0.39 → 0.13 s of CPU in the three builds); every
  link went through html/template's filter, normaliser and escaper,
  three passes, though nearly every one is a relative path of slugs that
  none of them changes (written as it is now: 0.26 s before);
  ` + "`markup.plainText`" + ` (asked of every text a page shows) went through
  ` + "`strings.ContainsAny`" + `, which makes its set at each call (0.42 →
  0.25 s); the levels' names were joined and looked up at each ask (kept
  when the words are read now); a document's kept terms grew by
  doubling (0.24 → 0.19 s); a sheet's address was made as two strings;
  the header's and footer's keys (some 700 bytes, two a page) were made
  on the heap and copied to be looked up. Outputs identical. On tmpfs,
  the session's last binary alternating with its first: 10,000 sheets
  2.75 → 2.58 s wall, 5.05 → 4.76 s CPU (medians of six); 1,000 sheets
  0.35 → 0.32 s, 0.59 → 0.54 s (of eight); a rebuild after a target
  changed at 10,000 sheets 785 → 765 ms (of eight: it renders few
  pages).
- **This run against the last (twenty-sixth session).** make bench ran
  twice on clean clones of 0036bed (all of the session's code), the
  second begun seven minutes after the first ended; the figures above
  are the second's. The disk was fast in the first (a folder and a file
  20 µs to create), less in the second (83 µs); in both, the five builds
  of 10,000 sheets took from some 2.7 s to 5.7–5.9 s (the side-by-side
  ratios are medians of the paired runs). piao's full build of 10,000
  sheets: 0.44/0.46 times Hugo's wall and CPU in both runs (0.47–0.82 /
  0.49–0.71 in the last session's four); of 1,000 sheets 0.57/0.56 in
  both (0.61–0.94 / 0.60–0.99). The rebuilds at 10,000 sheets: after an
  edit 762 and 812 ms (770 ms–1.51 s); edited again 683 and 741 ms
  (725–800 ms); a target changed 797 and 828 ms (803–860 ms); nothing
  changed 103 and 136 ms. Hugo's rebuild after the same edit 7.19 and
  8.01 s. 50,000 sheets took 29.23 and 27.59 s (31.9–35.6 s): 10.92 and
  9.63 times the time of 10,000 (which is faster too), peak 654 and 657
  MB. piao check 881 and 941 ms; piao serve's second start 270 and 310
  ms; the example site 85 and 88 ms (its target of 100 ms met, 95–122
  ms before).
- **Less memory faulted in, the layouts parsed beside the index
  (twenty-seventh session).** Where a build of 1,000 sheets spends what
  Hugo's ratio asks it to give up (some 70 ms of CPU and 30 of wall
  time), measured again on tmpfs with the kernel's clock (` + "`perf record -e cpu-clock`" + `
  with call graphs: this machine has no hardware counters): 17.5% of its
  CPU is faulting memory in (the heap, not collected below 448 MB,
  touches each page once: 56,000 faults, of which 8.9% copy a page on
  write and flush the other core's TLB) and 10.6% is system calls
  (writes 35% of them, opens 21%, reads 10%, folders made 8%). What a
  clean build does only for the next one (the program's digest, the
  sheet store, the search documents kept, the other digests, the cache
  file) is some 45 ms of it. Heap profiles at each stage's mark, 10,000
  sheets: loading allocated 402 MB, the search index 507, the open data
  334, the pages 446 (1.78 GB in all). Cut, each commit with its test:
  5790c66, a sheet's YAML nodes (152 bytes, two a line: 150 of the 402
  MB) made in an arena lent again, only while the governor keeps the
  collector off (` + "`uncollected`" + `): lent throughout, a build of 50,000 sheets
  took 10% longer (27.8 and 26.3 → 31.2 and 29.5 s): the collector,
  which recycles that memory anyway, marks there almost without pause
  while the nodes are zeroed and written again; gated, 50,000 sheets
  within the noise (five alternating
  pairs), 1,000 sheets −2.6% of CPU, 10,000 −2.5%. 09580b4, 4ce01e2,
  377c842, copies nothing needed: the YAML text copied before being cut
  into lines (its values are copied out of it anyway), a sheet's kept
  search documents copied out of the buffer written, a sheet store's
  chunk encoded into one buffer and copied behind its header into
  another, a text's folded runes made anew for every text indexed (now
  buffers lent again: bytes only, safe whatever the collector does). At
  10,000 sheets a build now allocates 1.51 GB (loading 255 MB, the index
  415); at 1,000 sheets it faults in 49,800 pages instead of 56,300.
  d857185, the theme's layouts (parsed, and cloned for each kind of
  page: 12 ms of CPU) were parsed alone on one core once the pages were
  listed: now on a goroutine of their own while the search index is
  made ("pages listed" 17.3 → 5.1 ms, the index 55 → 61 ms: medians of
  ten builds of 1,000 sheets). 59248f6, an indicator's name shortened
  (2 µs for a long description) on every page showing it: now once per
  language (CPU 497 → 489 ms at 1,000 sheets, medians of sixteen). 69bfae1,
  ` + "`make piao`" + ` strips the binary as make release already did for the
  binaries offices download (24.6 → 17.7 MB, read whole for its digest
  at every clean build). Every output byte-identical to the session's
  first binary (the SHA-256 of every file, 1,000 and 10,000 sheets). On
  tmpfs against the session's first code, both stripped: 1,000 sheets
  CPU 500 → 485 ms (` + "`perf stat`" + `, medians of twelve), the stages 281 →
  269 ms; 10,000 sheets 2.42 → 2.35 s wall, 4.41 → 4.30 s CPU (of
  four); 50,000 sheets within the noise (23.2–27.2 s both, three
  pairs). Tried and not kept: profile-guided optimisation (a
  ` + "`default.pgo`" + ` of six builds): 10,000 sheets 4% less, 1,000 sheets nothing
  (ten alternating pairs), for a profile to keep true as the code moves.
  Not built: a memo of the program's digest in the user's cache folder,
  keyed by the file's stamp (the one a rebuild trusts): state of piao's
  outside the site, for 2% of a build of 1,000 sheets. What stands in
  the way at 1,000 sheets is the same in kind: the faults (some 85 ms),
  the system calls (55 ms), the next build's cache (45 ms), and no part
  left above 7% (the whole plan's four pages 37 ms, the sheets' own
  pages 51 ms: each indicator's view made for both). At 50,000 sheets,
  the collector: in the window of the open data 88% of the CPU is the
  runtime's, mostly marking; the unused slots of the heap's spans
  (90–160 MB, ` + "`/memory/classes/heap/unused`" + `) count against the memory
  limit, so that each cycle has some 70 MB over a live heap of 431 MB.
- **This run against the last (twenty-seventh session).** make bench ran
  four times on clean clones: on 69bfae1 (the arenas, the kept
  documents' copy and the stripped binary) and three times on 59248f6
  (all of the session's code); the figures above are the second's. The
  third and the fourth, begun one and six minutes after the run before
  ended, met a slow spell of the machine (its system time 1m25s → 2m14s
  for the same work): piao's builds of 1,000 sheets 663 and 667 ms
  against 320, Hugo's 699 and 913 ms against 584, ratios 0.87/0.92 and
  0.73/0.74; they are not compared here. piao's full build of 1,000
  sheets: 0.58/0.55 and 0.55/0.54 times Hugo's wall and CPU (0.57/0.56
  in both of the last session's runs); of 10,000 sheets 0.44/0.44 and
  0.44/0.45 (0.44/0.46). The rebuilds at 10,000 sheets: after an edit
  792 and 746 ms (762 and 812 ms); edited again 750 and 666 ms (683 and
  741 ms); a target changed 776 and 774 ms (797 and 828 ms); nothing
  changed 117 and 114 ms (103 and 136 ms). Hugo's rebuild after the same
  edit 7.71 and 7.39 s. 50,000 sheets took 25.97 and 26.16 s (29.23 and
  27.59 s): 9.50 and 10.21 times the time of 10,000, peak 650 and 654
  MB. piao check 853 and 793 ms; piao serve's second start 276 and 264
  ms; the example site 74 and 69 ms.
- **Half of Hugo's time at 1,000 sheets (twenty-eighth session).** The
  build of 1,000 sheets, a tenth from its target, cut by what it did
  twice or needlessly, and by the cores it left waiting. 20ddbf2, the
  program's identity (what a build cache belongs to) is its Go build ID,
  read from the file's first 32 KB, instead of the SHA-256 of the whole
  17.7 MB file (11 ms of CPU at every clean build); an ID set by hand or
  none, the SHA-256 as before. d8174e8, a sheet's body (shown on its
  page, on its page as approved and in the whole plan; its parse four
  fifths of its rendering, 23 ms at 1,000 sheets) is rendered once per
  build when no option changes its HTML (no "[", no "<", no heading:
  ` + "`markup.Doc.RenderAny`" + `), kept by the build's renderer. a809840, the
  check for images another site would serve parses only a body with
  "![". f0211ee and 9369077, less memory faulted in: the chunks of the Go
  partials given to the template as the writer's buffer, not copies, and
  the indicators' views lent from a pool (page faults 47.8k → 42.8k).
  ec0f0cc, the search index's term shards encoded beside its documents'
  chunks (the stage at 10,000 sheets 622 → 582 ms). f16fea2, up to 5,000
  sheets the search index made beside the open data, each taking the
  core the other leaves as it ends (the two stages 99.7 → 92.5 ms at
  1,000 sheets; at 50,000 sheets beside each other they took 15% longer
  and peaked at 765 MB: larger sites keep the index alone). c44c88a, the
  theme's assets written during the open data ("pages listed" 5.1 →
  2.8 ms). 8c32c48, the entries each indicator links in the indexes of
  its source, unit and typology kept by the renderer (` + "`slug`" + ` 2.7% → 0.65%
  of the CPU). Every output byte-identical. On tmpfs against the
  session's first code: 1,000 sheets CPU 517 → 463 ms (` + "`perf stat`" + `, medians
  of sixteen), the stages 289 → 257 ms, page faults 49.6k → 42.8k; 10,000
  sheets 2.48 → 2.38 s, CPU 4.49 → 4.30 s; 50,000 sheets 26.4 → 24.7 s.
  Tried and not kept: huge pages for the heap (on this virtual machine a
  huge-page fault took 30 to 746 ms for 256 MB against 97 ms in small
  pages), the collector without Go 1.26's green tea marking (50,000
  sheets no faster), an earlier first collection at 1,000 sheets (fewer
  faults, 7–15% more CPU), every goroutine on the long pages (10% more
  CPU for the same time). At 50,000 sheets the collector marks 45% of
  the CPU (assists 12.1 s, background 10.4 s of 49.5 s) on a live heap of
  420–460 MB; given 100 or 200 MB more heap the build took 21.7 and 21.0
  s, still 8.6 times 10,000 sheets, because the rest of the CPU is itself
  6.0 times 10,000's: linearity needs a smaller live model and that rest
  linear, not tuning.
- **This run against the last (twenty-eighth session).** make bench ran
  five times on clean clones: on 9369077 and 8c32c48 (part of the
  session's code) and three times on 328fa7a (all of it); the figures
  above are the third's, on a calm machine (Hugo's build of 1,000 sheets
  618 ms, 584 in the last session's). piao's full build of 1,000 sheets
  303 ms and 505 ms of CPU: 0.48 and 0.48 times Hugo's (0.55/0.54 in the
  last session), its target met; of 10,000 sheets 0.44/0.43 (0.44/0.45).
  On 9369077 the build of 1,000 sheets was 0.54/0.50, and on 8c32c48
  0.55/0.58, begun minutes after removals of thousands of files (the
  run before's, and by hand). The fourth run began three minutes after
  the third removed what it left, on this disk's file system without a
  journal (trash.go): piao's 1,000 sheets 595 ms against Hugo's 742,
  0.80/0.82, its 10,000 sheets 4.45 s. The fifth met a slow spell of the
  machine (Hugo's 1,000 sheets 773 ms and 10,000 sheets 8.24 s, a
  quarter above its calm figures): 0.62/0.64 at 1,000 sheets, 0.44/0.45
  at 10,000, the rebuild after an edit at 10,000 sheets 1.23 s. piao,
  whose output is six times Hugo's in bytes with 1,400 folders, loses
  more than Hugo when the disk is slow: half of Hugo's time at 1,000
  sheets holds on a calm machine only. The rebuilds at 10,000 sheets in
  the third run: after an edit 943 ms (746 in the last session's),
  edited again 802 ms (666), a target changed 891 ms (774), nothing
  changed 141 ms (114); by hand on tmpfs, the session's first and last
  code rebuild in the same time (751 and 753 ms, medians of ten).
  50,000 sheets 27.07 s, 9.62 times 10,000 (10.21), peak 659 MB (654).
  piao check 859 ms (793); piao serve's second start 302 ms (264); the
  example site 62 ms (69).
- **The collector at 50,000 sheets (twenty-ninth session).** By hand on
  tmpfs, a build of 50,000 sheets with the collector off (` + "`GOGC=off`" + `,
  7.5 GB at its peak) took 15.5 s, its stages 3.6 to 5.1 times those of
  10,000 sheets (the sheets loaded 4.7, the search index 3.6, the open
  data 4.6, the pages 5.1): without collections the build is linear, and
  the whole of what makes 50,000 sheets nine times 10,000 is the
  collector. With it (28.7 to 32.5 s on this day's slower machine) the
  build collected 59 times, each time marking 430 to 500 MB; the heap's
  objects reach 470 to 519 MB and the spans hold 80 to 110 MB more that no
  object fills, so that under the memory limit (live heap, headroom and
  64 MB) a collection comes every 60 to 80 MB allocated, and the
  collector marks during 60% of the pages' stage. Without the limit (the
  percent alone) the build took 23.8 s against 28.7, for a peak of 893
  MB, past the 700 MB allowed. Within that peak, what is left is to
  allocate less and hold less. d4f8909, each sheet's JSON written to its
  file and into piano.json from its pooled buffer (208 MB of copies), and
  a field's values by year a sorted list, not a map (195 MB); ad2b407 and
  1166d1f, the search's tokens scanned into the pooled buffer's list (236
  MB) and a long text's terms into a pooled room (80 MB); b914e36, the
  checks of every text walked without an iterator that escaped (93 MB);
  dd86097, an indicator's CSV row appended into the slice of the row
  before (0.27 GB); 7146d80, a long page of the built-in theme written to
  its file in pieces once past 1 MB instead of grown whole by doubling
  (a site with a glossary or in several languages, whose pages are marked
  again as a whole, keeps them whole). Against the session's first code,
  alternating on tmpfs (` + "`runtime/metrics`" + ` at the end of the build): 6.83–6.88
  → 5.92–5.96 GB allocated, 56–59 → 49–50 collections; the stages
  at 50,000 sheets, with their collections (` + "`GODEBUG=gctrace=1`" + `): the
  search index 6.2 s and 14 → 5.9 s and 13, the open data 7.85 s and 19
  → 6.5 s and 14, the pages 10.8 s and 17 → 9.5 s and 13. The wall time
  followed the machine more than the code this day (the first code 27.6
  to 37.7 s, the last 29.9 to 39.5 s in the same hours); every output at
  10,000 sheets and of the example byte-identical. Tried and not kept: the
  search's maps of terms lent from a pool (360 MB less allocated, the same
  49–50 collections and the same time). What allocates most now: the
  sheets' YAML nodes (0.45 GB; lent again only while the collector is
  off, since lending them while it marks made a build slower), the pages'
  relative links as strings (141 MB), the search's kept documents (167
  MB, the cache of the next rebuild); and what is held through the pages,
  besides the model's 200 MB, is spread over tens of structures of 5 to
  40 MB. The peak of memory comes at the end of the pages, where the live
  heap rose to 590 MB in one run of the first code and the collector's
  floor (25% of it) let the process reach 719 MB (by hand, the first code
  peaked at 668 to 738 MB, the last at 668 to 686 MB): under 700 MB in
  every run asks for a smaller live heap, as the time does.
- **This run against the last (twenty-ninth session).** make bench ran
  three times on clean clones in a slow spell of the machine: on ad2b407
  (part of the session's code; Hugo's 1,000 sheets 787 ms, 618 in the
  last session's calm run) and twice on 7146d80 (all of it; Hugo's 1,000
  sheets 878 ms and 1.12 s); the figures above are the third run's, the
  last. piao's full build of 1,000 sheets 0.51/0.51, 0.50/0.49 and
  0.66/0.72 times Hugo's wall and CPU in the three runs (0.48/0.48 in
  the last session's), its target met in none; of 10,000 sheets
  0.45/0.46, 0.40/0.42 and 0.41/0.42 (0.44/0.43). The rebuild after an
  edit at 10,000 sheets 1.17, 1.14 and 1.32 s (943 ms); edited again 937
  ms, 1.05 and 1.18 s (802 ms); a target changed 968 ms, 1.18 and 1.37 s
  (891 ms); nothing changed 159, 201 and 199 ms (141). 50,000 sheets 36.60,
  38.46 and 33.59 s: 9.47, 10.99 and 8.34 times 10,000 (9.62), peak 663,
  666 and 670 MB (659). piao check 1.11, 1.14 and 1.24 s (859 ms); piao
  serve's second start 430, 496 and 486 ms (302); the example site 82, 91
  and 112 ms (62), its target of 100 ms not met in the third. The second
  run's report was written whole; its removal of its files was then cut
  short by hand, and the third began five minutes after they were
  removed.
- **What 50,000 sheets hold, and the start of every build (thirtieth
  session).** By hand on tmpfs. A heap profile taken after a forced
  collection in the middle of the open data's stage at 50,000 sheets finds
  421 MB live: the model 183 MB, the open data's files being written 70 MB
  (piano.json 44, the CSV tables 26), the index pages' lists 87 MB; the
  collector found 360 to 457 MB live at each cycle of the stage
  (` + "`/gc/heap/live`" + `). What it marks again and again is what the build
  holds, not its garbage. With the budget of the heap 100 MB larger (an
  experiment: a peak of 776 MB, past the 700 allowed) the build collected
  35 times instead of 50 and took 25.2 s against 27.7; 200 MB larger
  (968 MB), 31 times and 25.0 s: a live heap even 200 MB smaller would
  leave 50,000 sheets far from five and a half times 10,000 (16.5 s
  against 3.0 at 10,000 by hand). In a CPU profile of that build the
  collector's marking is 36% of the CPU (its workers 19.5%, the
  allocations' assists 16.6%), most of it per pointer it follows
  (` + "`scanObject`" + ` and what it calls 25.6% of the samples): the way to the
  target is a model and lists with a
  fraction of their pointers (a text as offsets into one string per
  sheet, not a string of its own), a change of every part of piao that
  reads the model. Tried and not kept: the open data made alone before
  the index pages' lists, so that less is held at once: 45 collections
  against 48 and 49, the time within the machine's noise. At the other end,
  the example site's build spent 7 ms reading the built-in words with
  yaml.v3 before anything else, and 20 ms parsing the layouts, two
  thirds of them copying the shared templates into a set for each of the
  21 kinds of page: b628e21 reads the words with fastYAML (loading the
  theme 6.97 → 2.42 ms, ` + "`go test -bench`" + `), f4f0e09 parses the built-in
  kinds into one set, each kind's main under a name of its own (20.0 →
  7.0 ms; the example's build 0.22 → 0.19 s of CPU, medians of fifteen
  alternated); c984791 adds a document's kind facet to the search index
  without a list and a name made again for each (12 ms of a rebuild's
  CPU at 10,000 sheets). The output of 10,000 sheets and of the example
  byte-identical (SHA-256 of every file). Every start of piao also runs
  its packages' initialisation: some 7 ms in a calm moment (the Excel
  reader of piao importa 2 ms of it), 66 to 95 ms when the machine's
  memory is cold (` + "`GODEBUG=inittrace=1`" + `).
- **This run against the last (thirtieth session).** make bench ran
  twice on clean clones, the machine calmer than in the last session's
  runs (Hugo's 1,000 sheets 855 and 754 ms against 1.12 s): on c984791
  (all of the session's code) and on 2f40983 (its docs besides); the
  figures above are the second run's. piao's full build of 1,000 sheets
  0.47/0.48 and 0.44/0.46 times Hugo's wall and CPU (0.66/0.72), its
  target met again; of 10,000 sheets 0.38/0.41 and 0.36/0.38
  (0.41/0.42). The rebuild after an edit at 10,000 sheets 983 ms in both
  (1.32 s), met again by 17 ms; edited again 936 and 844 ms (1.18 s), a
  target changed 945 and 920 ms (1.37 s), nothing changed 152 and 142 ms
  (199). 50,000 sheets 29.68 and 25.37 s: 9.11 and 8.77 times 10,000's
  3.26 and 2.89 s (8.34), peak 660 and 661 MB (670). piao check 1.05 s
  and 983 ms (1.24 s); piao serve's second start 435 and 384 ms (486);
  the example site 78 and 56 ms (112), met again.
- **The collector is the whole gap (thirty-first session).** By hand on
  tmpfs, one moment of the machine: 50,000 sheets built with the
  collector off (` + "`GOGC=off`" + `, a peak of 6.5 GB) took 15.5 and 16.2 s
  against 27.3 and 28.3 s with the governor, 5.0 and 5.3 times the 3.08
  s of 10,000 sheets (whose build never collects): without its 49
  collections the target would be met, and the CPU is 21 s of user time
  against 46. Stage by stage, 50,000 sheets against 10,000: the sources
  digested 5.5 times, the sheets loaded 6.9, the search index 7.6, the
  open data and index pages 14, the pages written 10, the cache saved 9
  — longest where the live heap is largest. ` + "`GODEBUG=gctrace=1`" + ` shows
  each late cycle marking 410 to 422 MB, its goal 500 to 530 MB, for 450
  to 710 ms of clock and 650 to 750 ms of CPU (the allocations' assists
  300 to 400 of them). Tried and not kept: the runtime's limit alone
  (` + "`GOGC=off GOMEMLIMIT`" + `): 640 MiB 29.8 s (44 collections, peak 667
  MB), 600 MiB 43.0 s (59, collecting again and again near it); the
  collector before Go 1.26's (` + "`GOEXPERIMENT=nogreenteagc`" + `), 31.9 and 32.1
  s against 33.9 and 33.1 in a slow moment, within the noise; the terms'
  map of each search document made again rather than anew (a pool):
  330 MB less allocated at 50,000 sheets in the search's stage (1.64 →
  1.31 GB), the same 13 collections there, and nothing at 10,000. The 50,000
  sheets allocate 5.95 GB (55 million objects): loading 1.42 GB, the
  search 1.64, the open data and index pages 1.22, the pages 1.27, spread
  over hundreds of places, none past half a gigabyte and most under a
  tenth: less allocation is no shorter way to the target than fewer
  pointers. What did shorten it: the spans the model lies in. A heap
  profile after a collection forced at the end of the load found 229 MB
  of model in spans holding 341 MB (` + "`/memory/classes/heap/unused`" + ` 112
  MB): each sheet and each of its lists made alone among the load's
  garbage, and every text a part of its file's whole text. The runtime's
  memory limit counts that room, so the heap that grows had that much
  less before each collection. 6c06309 makes the sheets and their lists
  in blocks of 32 KB, side by side, and the interner copies each text
  into a block of texts: after the load 224 MB in 283 MB, and 50,000
  sheets took 18.1 to 20.4 s against 25.0 and 28.5 s just before, with
  36 to 38 collections against 49 to 52 (the late ones still marking 413
  to 440 MB); 10,000 sheets, which never collect, unchanged. For the
  rebuild after an edit at 10,000 sheets (sixteen
  profiled): linking each unchanged file is 238 ms of its CPU (the look
  at each file's stamp 80, naming its folder 60, the spare's index 36),
  maps grown again and again 52 ms. 382f7ce makes the maps of the files
  written at the size the last build left (` + "`Target.Expect`" + `) and the
  stamps' map at once, and gathers the sources' stamps beside the
  output's while the cache is saved (that stage 60 → 50 ms); 638fc10
  records each sheet's folder as the loader gives it its plan (its slugs
  were checked at every address asked for: 50 ms of CPU). The rebuild
  0.890 → 0.845 s, its CPU 1.425 → 1.375 s (medians of sixteen
  alternated). e10b563 takes revisioni.csv from the last build whenever
  revisioni.json is (the same rows; made again at every rebuild, 37 ms
  of CPU and 1.8 MB written). The output of 10,000 sheets, of a rebuild
  and of the example byte-identical after each (SHA-256 of every file).
- **This run against the last (thirty-first session).** make bench ran
  three times on clean clones, the disk far slower than in the last
  session's runs (a folder and its file 81, 461 and 708 µs to create,
  against 24): on 638fc10 (before the model's blocks, the machine slow
  too: Hugo's 10,000 sheets 12.16 s against 7.20 and 7.50 in the other
  two) and twice on 9d7494c (all of the session's code); the figures
  above are the third run's. 50,000 sheets 33.95, 21.35 and 20.60 s
  (25.37), 6.57, 8.05 and 6.17 times 10,000's 5.17, 2.65 and 3.34 s
  (8.77), peak 660, 650 and 654 MB (661). piao's full build of 1,000
  sheets 0.53/0.56, 0.57/0.58 and 0.46/0.49 times Hugo's wall and CPU
  (0.44/0.46), its target missed in the two runs whose disk was the
  slowest as the run began; of 10,000 sheets 0.45/0.46, 0.35/0.36 and
  0.43/0.44 (0.36/0.38). The rebuild after an edit at 10,000 sheets
  1.49 s, 812 and 896 ms (983 ms); edited again 1.27 s, 781 and 819 ms
  (844), a target changed 1.30 s, 778 and 918 ms (920); nothing changed
  255, 136 and 141 ms (142). piao check 1.22 s, 771 and 872 ms (983);
  piao serve's second start 427, 320 and 386 ms (384). The example site
  95, 110 and 126 ms (56), its target of 100 ms missed in the last two:
  its first build, cold, writes 172 files in some 80 folders on a disk
  that took 0.5 to 0.7 ms for each; by hand on the same disk right
  after, 60 to 70 ms for this session's binary as for the last
  session's first.
- **The limit, not the percent, in the late stages (thirty-second
  session).** By hand on tmpfs, on another machine (an AMD EPYC of 2
  cores; the last sessions' an Intel Xeon), about twice as slow (the
  same binary built 10,000 sheets in 4.9 to 6.2 s and 50,000 in 27 to
  44 s within half an hour), with
  ` + "`GODEBUG=gctrace=1`" + `, two alternated builds each. The memory limit the
  governor sets is the live heap, its headroom and 64 MB; in the late
  stages the spans' unused room (` + "`/memory/classes/heap/unused`" + `, 80 to
  100 MB), the free memory not yet given back and the runtime's own pass
  those 64 MB, so the limit, not the percent, starts each collection:
  with 96 MB instead, 30 collections against 33 to 35, 10% fewer bytes
  marked, and a peak of 681 and 682 MB against 649 to 662 (not kept:
  the target of 700 MB is too near). The room the heap keeps half empty
  is then worth as much as the heap's objects. The late cycles mark some
  450 MB where a collection forced at the same stage finds 350 to 380 MB
  of objects: what is allocated while a cycle marks (0.5 to 1 s of it)
  is marked too. What was done, each measured by the bytes allocated,
  the collections and the bytes they marked (deterministic where the
  wall time is not): 732a173 records each sheet's page path as the loader
  gives it its plan, its folder a part of it (no string made at each
  address asked for: 110 MB allocated at 50,000 sheets); 9b6d2b1 settles
  each search document as soon as it is made (its terms encoded and its
  text cut, once, as a document kept from the last build is) and gives
  its map of terms back for the next document: the search's stage 1.64
  → 1.30 GB, the build 5.94 → 5.51 GB. The last session pooled the same
  maps and kept none of it (the maps then lived until their batch was
  added, in a pool the collector empties); settled, the map lives only
  while its document is made. 978982b copies each sheet's body into the
  blocks of texts and makes the cache's entries and the values' extras
  in blocks: the room left unused by the model after the load 61 → 40
  MB, at "pages listed" 81 → 72, at "pages written" 100 → 92. 9cde530
  judges the config's URLs once per renderer (parsed again for the frame
  of every page: 40 MB), fc40cbe makes the rows of the changes at their
  size. Together: 33 and 34 collections marking 11.93 and 11.98 GB,
  against 35 and 36 marking 12.76 and 13.20 GB; the peak 663 and 668 MB
  against 654 and 659. Tried and not kept: the open data made before the
  search index at 50,000 sheets, while the heap holds the model alone
  (34 collections marking 12.3 to 12.5 GB either way). The rebuild after
  an edit at 10,000 sheets unchanged (medians of sixteen alternated:
  1.620 and 1.615 s, CPU 2.56 and 2.57 s); the output of 10,000 sheets
  (27,443 files), of a rebuild after an edit and of the example (172
  files) byte-identical to the session's first binary's after each
  commit. And a build into an output whose cache files are still beside
  it (` + "`.OUT.piao-*`" + `) is a warm build even with the folder removed: its
  sheets come from the sheet store (a by-hand measure of 50,000 sheets
  found 24 collections and 4.16 GB allocated that way).
- **This run against the last (thirty-second session).** make bench on
  a clean clone of fc40cbe, on another machine (an AMD EPYC; the last
  run's an Intel Xeon), slower (Hugo's 10,000 sheets 15.49 s against
  7.50), its disk as slow (a folder and its file 551 µs to create,
  against 708): every time about twice the last run's, ratios to Hugo
  as they were. 50,000 sheets 45.47 s, 5.90 times the 7.71 s of
  the two builds of 10,000 sheets made just before and after it (8.30
  and 7.13 s), 6.77 times the median of 10,000's own five (6.71 s; last
  run 6.17 times, 20.60 against 3.34 s): piaobench now measures the
  large size against builds of 10,000 made beside it (dd703c0), as
  Hugo's ratios pair runs made side by side. Peak 653 MB (654). 1,000
  sheets 0.49/0.52 of Hugo's wall and CPU (0.46/0.49), its CPU target
  missed; 10,000 sheets 0.42/0.44 (0.43/0.44). The rebuild after an edit
  at 10,000 sheets 2.68 s (896 ms), edited again 1.94 s (819), a target
  changed 1.99 s (918), nothing changed 320 ms (141); by hand on tmpfs
  right after, the same edit 1.62 s with this session's binary as with
  its first: the machine, and a disk on which the first rebuild's 13,000
  folders cost most (its open data and index pages 553 ms against 25,
  its pages written 542 against 168). piao check 1.90 s (872 ms), serve's
  second start 768 ms (386), the example 130 ms (126). make bench took
  15m11s, its report 9m08s (last run 5m51s and 4m17s): past the ten
  minutes its issue allows, on this machine.
- **Where 50,000 sheets lose their linearity (thirty-third session).**
  By hand on tmpfs, ` + "`PIAO_STAGES`" + ` and ` + "`GODEBUG=gctrace=1`" + ` in the same
  run, the collections counted in each stage. Against 10,000 sheets,
  most stages take five times as long (sources digested 4.8 times,
  sheets loaded 4.9, the search index 5.3, the cache 5.6); the open data
  and index pages 8.3 times (1.09 → 9.07 s), the pages listed 12 times
  (0.07 → 0.90 s) and the pages written 7.1 times (1.94 → 13.68 s). A
  build of 10,000 sheets collects 4 times (0.09 s of its 8.85 s of CPU
  in the collector's workers); one of 50,000 sheets 33 or 34 times (8.5 of 60.5
  s, and more in the allocations' assists): the load 6 (live after each
  145 to 336 MB), the search index 8 (280 to 417), the open data 9 (383
  to 456), the pages written 8 or 9 (415 to 429). In those late stages
  the heap (a heap profile after a forced collection at 20, 27 and 33 s)
  is some 430 MB: the model 180 (its slices made by the decoder 104, its
  sheets' blocks 47), the pages and the indexes' listings 60 (the pages
  of sheets 40, the listings' entries of sheets 19, the groups by unit,
  line and revision 30), what the build records of the 135,000 files it
  writes for its cache some 100 (their names 15, keys as hexadecimal
  strings 14, the map of keys 10, stamps 10, folders made 9, the files'
  records and parts 30), the memos of the changes 25; in the open data,
  110 MB more in flight (the plan's JSON 56 at once in its batches and
  head, the tables 37, the feed 10). Every one of these is 5 to 20 MB:
  there is no one part to cut. What such a profile shows of the
  rendering (some 45 MB at 33 s, the pages' frames and links among it)
  is not kept by the pages, which render as copies: counted with weak
  pointers at 10,000 sheets, 850 to 1,900 of the frames made so far
  were alive after a forced collection, those of the pages rendered
  while it marked: the late cycles' floating garbage the last session
  found, not a leak. Tried and not kept: the three parts of the open data made one after the other, not
  side by side (32 collections against 33, the bytes marked 3.5% fewer,
  10,000 sheets' wall the same, the 50,000 within the machine's noise);
  a budget of 600 MB instead of 576 (29 collections against 33, 9% fewer
  bytes marked, but a peak of 676 and 685 MB against 650: too near the
  700 MB target); at 1,000 sheets the collector started at 64 MB
  instead of kept off (the pages faulted in 34,000 → 30,000, the CPU
  the same). On this virtual machine a page of memory touched for the
  first time costs 4.4 µs (150 MB: 170 ms, 38,000 faults; with huge
  pages asked for, 327 ms): at 1,000 sheets the 34,000 pages a build
  faults in are some 150 ms of its 1.2 to 1.3 s of CPU, collected or
  not. The next step stays the one the last sessions named: fewer and
  smaller objects in the model and in what the build records of its
  files (keys as bytes, not hexadecimal text; the listings' entries and
  the pages of sheets in blocks), each measured by the collections and
  the bytes they mark.
- **A rebuild's CPU, part by part (thirty-third session).** Six
  profiles of a rebuild after the bench's edit at 10,000 sheets, edited
  again, on tmpfs (1.36 to 1.65 s wall, 2.28 s of CPU each on average):
  publishing is the largest part and grows with the site, not with the
  edit. For each of the 27,000 files that did not change, ` + "`Target.Keep`" + `
  reads the stamp of the published file (an ` + "`lstat`" + `: 0.12 s) and
  makes sure the spare holds the same file (lookups of names, folders
  and inodes: 0.28 s), and the spare's 13,000 folders are read to know
  what it holds (` + "`open`" + `, ` + "`getdents`" + `, ` + "`close`" + `: 0.24 s): 0.64 s, 28% of
  the CPU. Then the open data (the plan's JSON and the tables, most of
  them copied from the last build's parts: 0.35 s), the search index
  (the kept documents merged and encoded again: 0.35 s), the sheet
  store decoded (0.15 s), the pages' keys (0.10 s), the cache saved
  (0.10 s), the sources digested (0.06 s). System calls are 0.5 s of the
  2.28. Every part is work over the whole site; a rebuild under one
  second on this machine needs publishing that does not look at every
  unchanged file (for example the published folder's state trusted from
  its folders' own stamps, each folder's entries read again only where
  its stamp moved), and an index and open data patched rather than
  merged: a design of its own, not a saving in the present one.
- **This run against the last (thirty-third session).** make bench on
  a clean clone of c59cf59, on the same machine as the last run (an AMD
  EPYC), its disk slower this time (a folder and its file 948 µs to
  create, against 551), piao's code the last run's. 50,000 sheets 40.29
  s, 5.66 times the 7.13 s of the two builds of 10,000 sheets made just
  before and after it (last run 5.90), 6.97 times the median of 10,000's
  own five (5.78 s; one of them took 15.40 s, a slow spell of the
  machine); peak 650 MB (653). 1,000 sheets 0.46/0.49 of Hugo's wall
  and CPU (0.49/0.52): both met again; 10,000 sheets 0.39/0.42
  (0.42/0.44). The rebuild after an edit at 10,000 sheets 2.32 s (2.68),
  edited again 1.85 s (1.94), a target changed 2.05 s (1.99), nothing
  changed 309 ms (320); piao check 1.81 s (1.90); serve's second start
  643 ms (768); the example 191 ms (130), on the slower disk. make bench
  took 8m27s on the clean clone, its report 8m15s (15m11s and 9m08s):
  Pagefind now runs after three of Hugo's five runs at each size (its
  figures are no target; c59cf59), and the 700,000 files
  the runs leave are removed by a process of its own once the report is
  written (582be5c), some four minutes on this disk that make bench no
  longer waits for; a run started meanwhile removes what is left before
  it measures. Each line of the bench's log now says how long it had
  run.
- **The collector's share at 50,000 sheets, measured by turning it off
  (thirty-fourth session).** With ` + "`GOGC=off`" + ` (the governor then leaves
  the collector off: no collection at all) 50,000 sheets built on tmpfs
  in 33.3 and 33.6 s, against 31.0 to 34.3 s collected, faulting in 5.9
  GB (19.5 to 22.7 s of system time); 10,000 sheets in 5.77 s against
  4.49. Without the collector every byte the build allocates is fresh
  memory, and the page faults (4.4 µs each on this machine) cost what
  the collections cost: 50,000 sheets take 5.8 times 10,000 on tmpfs
  either way. What a build allocates is linear (844 MB at 10,000 sheets,
  5.3 GB at 50,000: some 106 KB a sheet, the YAML nodes alone growing
  faster, as they are lent again only while the collector is off); the
  time past linear is the cost of that memory, whoever pays it: the
  lever is allocating less, not collecting otherwise. Tried and not
  kept, alternated with the session's binary: the YAML nodes lent again
  throughout the build (gcheadroom.go says that made a build 10% slower
  in the twenty-ninth session, on the other machine): 30 collections
  against 33, 11% fewer bytes marked (the load 3 collections and 1.4 GB
  marked against 6 and 2.9), the wall the same within the noise (ten
  pairs, 315.6 s against 313.1); Go's earlier collector
  (` + "`GOEXPERIMENT=nogreenteagc`" + `: 35.27 and 32.34 s against 33.93 and 32.39);
  ` + "`GOMAXPROCS=4`" + ` on the two cores (32.90 and 38.09 s against 34.01 and
  31.03). The same binary's wall at 50,000 sheets ranged from 26.0 to
  34.6 s within the hour on this virtual machine: make bench's one run
  of 50,000 sheets cannot tell 5.66 from 5.5.
- **The indexes by field and A–Z, no longer sorted group by group
  (thirty-fourth session).** A CPU profile of a build with each of its
  tasks labelled (pprof labels, a profiling build not committed) showed
  the indexes' listing at 50,000 sheets taking 11.7 times its CPU at
  10,000 (2.11 s against 0.18): 0.68 s of it gathering and sorting each
  index's groups of indicators by rank, 0.18 s the stable sort that
  ranks them (Go's stable sort, n log² n). Now each index takes every
  indicator once, in the order of the keys, into its group (b28b63d),
  and the ranking is a sort whose ties fall to the plan's order (228bada;
  the same order, tested with 2,000 indicators of five descriptions).
  With the first alone the listing took 1.20 s of CPU at 50,000
  sheets, 0.13 at 10,000, 0.22 in piao check at 10,000 (0.40): one
  profile each; piao check at 10,000 sheets on tmpfs, twelve pairs
  alternated, a median of 1.66 s against 1.75 (its CPU 2.81 against
  2.91), within the noise.
- **A rebuild's wall, slice by slice (thirty-fourth session).** The CPU
  of a rebuild after the bench's edit at 10,000 sheets, sampled every 4
  ms from its threads' ` + "`schedstat`" + ` beside its stages: both cores busy
  from the search index to the pages written, one core only in part of
  the load (0.15 to 0.30 s), at the end (the spare pruned, the cache
  saved: 0.15 s) and in the open data's tail: were every slice to fill
  both cores, some 0.2 s shorter, not the 0.6 s the target needs. By a
  labelled CPU profile (three rebuilds): the search index 0.45 s, the
  spare's index 0.28, the plan's JSON 0.25, the tables 0.12, the rest
  (load, keys, pages kept, cache) 1.18. Reading the spare is system
  calls: its 13,400 folders opened, stamped, listed and closed take 180
  ms on one core with nothing else (137 to 169 ms with each folder
  opened from its parent's descriptor), 250 ms with the index's own
  work. A rebuild faults in 100,000 pages (411 MB, the collector off
  until 448 MB: some 0.44 s of its 0.7 to 0.9 s of system time);
  started at 64 or 128 MB with 64 or 96 MB of headroom, the collector
  runs 3 to 6 times and the faults fall to 59,000 to 65,000, but the
  user CPU rises by what the system's falls, the wall the same (nine
  runs). And the rebuild make bench times first, after a clean build
  and a build that changed nothing, has no spare: on this disk it took
  2.24 s, 2.1 s of it system time against 0.9 s for a rebuild with a
  spare, making 13,000 folders and linking 27,000 files (its open data
  0.45 s and its pages written 0.21 s longer than with a spare).
- **This run against the last (thirty-fourth session).** Two runs of
  make bench on clean clones of 228bada, the same AMD EPYC machine as
  the last run, its disk faster this time (a folder and its file 157
  and 233 µs to create, against 948). This page is the second's. The
  50,000 sheets 6.45 and 6.54 times the two builds of 10,000 made beside
  them (49.46 s against 7.36 and 7.99; 36.70 against 6.11 and 5.11),
  against 5.66 the last run: with a faster disk the linear cost of
  writing weighs less, and the ratio comes nearer the 7.6 it is on
  tmpfs (see the collector's share, above); peak 650 and 651 MB. 10,000
  sheets 0.47/0.43 and 0.43/0.46 of Hugo's wall and CPU (0.39/0.42);
  1,000 sheets 0.47/0.51 in the first run, 0.66/0.68 in the second,
  whose first minute (100 and 1,000 sheets: piao 1.03 s against 596 ms
  in the first run, Hugo 1.58 s against 1.23) came within five minutes
  of the removal of the first run's 700,000 files, which its log warns
  makes new files cost more: the author's haste, not piao's code (the
  CPU ratio was 0.46 to 0.52 in the runs before). The rebuild after an
  edit at 10,000 sheets 2.46 and 1.68 s (2.32), edited again 1.81 and
  1.35 s (1.85), a target changed 1.88 and 1.65 s (2.05), nothing
  changed 392 and 254 ms (309); piao check 1.67 and 1.41 s (1.81);
  serve's second start 716 and 582 ms (643); the example 122 and 129 ms
  (191). make bench took 8m51s and 6m58s (8m27s); in the first, the
  five builds of 10,000 sheets took from 6.23 to 13.41 s.
- **The floor of a rebuild under the atomic swap (thirty-fifth
  session).** ` + "`BenchmarkPublishKept`" + ` (builder/publish) publishes again
  an output shaped as that of 10,000 sheets (27,335 files in 13,000
  folders) with every file kept, into its spare: what a rebuild costs
  the publish alone when nothing changed, whatever it renders — each
  name of the new output found in the spare (its index read: 13,000
  folders opened, listed and closed), each file of the output it
  replaces looked at (its stamp), the spare pruned, the two exchanged.
  On tmpfs 335 to 421 ms an op (six runs of three, median 399; 0.55 to
  0.63 s of CPU, half of it system calls at some 3 to 5 µs each on this
  virtual machine), on this disk 0.35 to 0.49 s: a third of the 1 s
  the target allows, before anything is read, loaded or rendered. The
  first rebuild after a clean build has no spare and makes the 13,000
  folders and 27,000 links anew: by hand on this disk (the output
  copied, synced, left a minute) 1.08 and 2.48 s for the publish alone,
  so that the rebuild make bench times first cannot come under 1 s
  while the output is swapped whole and the clean build leaves no spare
  (leaving one would cost the clean build that same second, and its
  ratio to Hugo). The paths of the files kept, put together without
  cleaning them again (a name is valid, the roots clean), took the
  benchmark to 334 to 394 ms (median 350): 610 to 568 ms of CPU on a
  tool publishing the bench's own output (25 publishes each).
- **What the search index costs a rebuild (thirty-fifth session).**
  A profiling build that made no search index at all (not committed)
  rebuilt after the bench's edit at 10,000 sheets on tmpfs in 0.965 s
  against 1.175 (medians of ten, alternated), 1.48 s of CPU against
  1.87, 65,000 page faults against 100,000: the search index is 0.21 s
  of a rebuild's wall, 0.39 s of its CPU and 140 MB of its memory,
  though the documents of every unchanged sheet are kept from the last
  build (searchdocs.go): decoding them and their keys (0.08 s of CPU),
  merging their postings (0.08), the chunks' digests (0.04), the term
  shards (0.04), the kept documents' file written again (30 MB, 0.03).
  It is the largest part of a rebuild that grows with the site and not
  with the edit, and its stage the longest of a rebuild on this disk
  (560 ms in the last run): the next step is an index patched where
  sheets changed, from the last build's postings, not merged again.
  Two savings now: the chunks' digests hashed through a buffer, not
  made whole first (16 MB allocated at every build), and the index's
  documents made as many as they will be (17 MB of growing): a rebuild
  faults 100,380 → 92,492 pages.
- **The spare read while the site loads (thirty-fifth session).** A
  rebuild read the spare's index once the publish had its lock, while
  the search index and the open data kept both cores busy; 0.22 s of
  CPU. The build now starts reading it as the site loads, when one core
  is often idle, and the publish takes that index under the lock only
  if the spare is still the very folder read, unchanged since before
  it was read (its inode, modification and change time: another
  publish takes the spare by renaming it, and leaves another), reading
  it again otherwise. Rebuild after an edit at 10,000 sheets on tmpfs,
  16 runs each alternated, twice: wall medians 1.435 → 1.340 and 1.435
  → 1.275 s.
- **Tried and not kept (thirty-fifth session).** The spare trusted by
  its folders' stamps: a folder of the spare whose stamp is still the
  one recorded when it was published taken to hold the names recorded
  in it, and not listed (the stamps of the output it replaced kept in
  the build cache for the next build). The system calls of a rebuild
  fell from 128,738 to 67,009 (getdents64 26,814 → 88, openat 13,592 →
  236, newfstatat 40,702 → 54,058), the spare's index from 0.22 to 0.16
  s of CPU (a look at a folder is 4.9 µs here, the index's own work the
  rest), but the cache that now held a second map of 40,000 stamps took
  0.03 s more to read and 0.04 s more to save: the same wall and CPU
  (eight alternated pairs, 1.381/2.171 s against 1.464/2.290).
  Transparent huge pages for the heap (a pre-mapped region given
  ` + "`MADV_HUGEPAGE`" + `, the system's setting being ` + "`madvise`" + `): a rebuild's
  page faults 100,000 → 3,700, its system time the same (0.77 to 1.18
  s against 0.82 to 1.10): on this virtual machine the cost is in
  making the memory, not in the number of faults.
- **This run against the last (thirty-fifth session).** Two runs of
  make bench, the same AMD EPYC machine: the first on a clean clone of
  7f95064, its disk slow (a folder and its file 685 µs to create), the
  second on one of c8cfc95 (the same piao, make bench measuring the
  publish floor too), its disk fast (100 µs). This page is the
  second's. The 50,000 sheets 5.92 and 6.30 times the two builds of
  10,000 made beside them (39.31 s against 7.64 and 5.65; 34.96 against
  6.28 and 4.82), against 6.45 and 6.54 the last session (fast disk) and
  5.66 the one before (slow): the ratio follows the disk, as the last
  session found; peak 651 MB both times. 10,000 sheets 0.44/0.47 and
  0.36/0.38 of Hugo's wall and CPU (0.47/0.43 and 0.43/0.46). 1,000
  sheets 0.78/0.80 in the first run (piao 1.19 s and 2.15 s of CPU,
  Hugo 1.54 s: at 1,000 sheets piao makes 2,973 files in some 1,400
  folders where Hugo makes 1,050, and on that disk each cost), 0.49/0.52
  in the second (713 ms against 1.53 s; 0.47/0.51 and 0.66/0.68 last
  session). The rebuild after an edit at 10,000 sheets, with no spare,
  1.96 and 1.78 s (2.46 and 1.68), edited again 1.41 and 1.39 s (1.81
  and 1.35), a target changed 1.50 and 1.61 s (1.88 and 1.65), nothing
  changed 300 and 273 ms (392 and 254); the publish floor 355 ms on
  tmpfs; piao check 1.75 and 1.45 s (1.67 and 1.41); serve's second
  start 811 and 668 ms (716 and 582); the example 171 and 130 ms (122
  and 129). Edited again, the search index's stage took 487 and 451 ms
  against 560 last session, and the publish 68 and 77 ms to be ready
  against 16: it waits for the end of the spare read early, which on
  this disk lasts longer than the load. make bench took 7m54s and 7m29s.
- **This run against the last (ninth session).** Rendering is 3.18 s of
  CPU at 10,000 sheets (16.1%), against 7.38 s (33%) in the last run;
  system calls are 7.46 s (37.7%), and writing the output alone took
  3.09 s (1.44 to 4.11 s). The full build took 11.95 s, 1.41 times Hugo's
  wall time and 1.35 times its CPU (1.37 and 1.49 in the last run); by
  hand, the same 10,000 sheets took 12.2–13.6 s of user CPU against
  18.2–19.7 s for the last session's binary, and 4.5–7.7 s of system
  time, from one build to the next. Where the system time goes (by hand):
  ` + "`perf`" + ` finds the kernel in ext4's inode allocation (` + "`find_inode_bit`" + `,
  ` + "`recently_deleted`" + `, ` + "`find_get_block_common`" + `: this disk's file system has
  no journal) and in the virtual machine's interrupts; ` + "`strace -c`" + ` counts
  47,647 openat, 13,361 mkdirat and 190,402 fcntl (Go's os.OpenFile puts
  each file in its poller: four fcntl and a failed epoll_ctl a file, a
  few hundredths of a second in all). 13,000 folders with two 6 KB files
  each took from 2.4 to 6.0 s (4.3 to 10.6 s of CPU) to create, from one
  moment to the next, with or without a tree as large deleted just
  before (2.6 s right after, 3.9 s 45 s after: no pattern). Half of
  Hugo's time on this machine now needs fewer files and folders (below),
  not a faster render.
- **Peak memory at 50,000 sheets (ninth session).** This run 712 MB, not
  under 700 MB. By hand, one build each into an empty folder, the last
  session's binary and this one's both peaked at 696 MB (117 s and 74 s);
  the live heap at most 506 and 476 MB (` + "`GODEBUG=gctrace=1`" + `). The peak
  is the collector's floor: past the budget the headroom is 25% of the
  live heap (476 MB live, a heap of 595 MB), plus what the runtime holds
  beyond it. Measured and dropped: a budget of 544 MB instead of 576 MB
  peaked at 699 MB and took 103 s. Under 700 MB in every run needs a
  smaller live heap through the render.
- **Rebuild after one edit under 1 s (ninth session).** This run 3.72 s,
  edited again 3.21 s; by hand 3.07–3.20 s, every stage over the whole
  site (edited again: sources digested 0.23 s, sheets loaded 0.78 s,
  search index 0.42 s, open data and index pages 0.85 s, pages written
  0.22 s, spare pruned 0.19 s, cache saved 0.21 s). Measured and dropped:
  each sheet's JSON kept with its key in ` + "`.OUT.piao-search`" + `, so that the
  open data link the previous scheda.json files without reading them
  back: over five alternating rebuilds, the open data stage 100 ms
  shorter on average, the load and the search index together 95 ms
  longer (the kept file grew from 30 to 62 MB, read and hashed while the
  site loads), the median rebuild 2.85 against 2.83 s: no gain.

- **This run against the last (eighth session).** The full build of
  10,000 sheets took 11.61 s, 1.37 times Hugo's wall time, the closest
  yet: writing the output alone took 3.74 s this time against 9.42 s in
  the last run. The same run found the CPU slower on the rebuilds
  (every stage 1.5 to 2 times the last run's, piao check 1.89 s against
  1.49 s on the same code), so the rebuilds are no measure of this
  session's changes: edited again 2.74 s, nothing changed 411 ms. Of the
  411 ms, by hand: 40,800 lstat of the output's files and folders, to
  know it is as the last build left it, 0.19 s of CPU (the same stats
  through an ` + "`os.Root`" + ` opened once for each folder were slower:
  230–287 ms against 131–137 ms); the cache read 80 ms; the program's own
  SHA-256 60 ms.
  Of a rebuild after an edit (profile by hand): the open data read back
  10,000 sheets' scheda.json from the previous output, 0.46 s of CPU
  (lstat, open, fstat, read, close and a link each; a file of all of
  them beside the output would spare four of the seven calls and cost
  some 32 MB more written at every build: not measured yet); the sheet
  store decoded whole, 0.27 s (gob); the SHA-256 of the sealed files
  read and written, 0.22 s.
- **Peak memory at 50,000 sheets (eighth session).** This run 665 MB,
  under 700 MB. Sampled every 100 ms (VmRSS), a build of 50,000 sheets
  holds 640–667 MB from the load to the end: the governor's plateau
  (budget 576 MB, and what the runtime holds beyond the heap); its live
  heap peaks while the search index is built (371 MB now), while the
  pages render (458–479 MB) and while the cache is saved (~456 MB).
  Measured and dropped: letting the model and the pages go before the
  cache is saved took the live heap at that moment from ~456 MB to 68 MB,
  but the peak went up (711, 716, 736 MB against 667, 672 MB, each run
  alone): with so little live, the governor gives the program its own
  percent and limit back, and the cache's 33 MB encoding then takes new
  memory instead of reusing what was freed. Under 700 MB in every run
  still needs a smaller live heap through the render.

- **Full build at half of Hugo's time (seventh session).** With the
  indicators in Go, rendering is 8.1 s of CPU at 10,000 sheets and system
  calls 18.9 s (53%): writing the same output alone, with nothing
  rendered, took 9.42 s (4.05 to 13.37 s), more than Hugo's whole build
  (7.40 s), because piao writes 27,442 files in 13,350 folders where Hugo
  writes about 10,000 pages. By hand in this session the same 13,000
  folders with an 8 KB file each took from 0.48 s to 12.4 s on this
  virtual machine's disk, from one moment to the next. Half of Hugo's time
  here needs fewer files and folders (below), not only a faster render.
- **Full build at half of Hugo's time.** Rendering is the largest share
  (html/template: reflection for every action and escaper), then system
  calls and the collector. What is left of a sheet's page is the
  template's walk itself: about 60 µs for the frame (head, breadcrumb,
  the cached header and footer) and 385 µs for the sheet (its indicators
  180 µs, the revision notice 90 µs, the table of fields 115 µs), measured
  by taking each part out in turn. Half of Hugo means about a third of
  today's CPU: only a renderer compiled to Go for the built-in theme
  (below) gets there.
- **Rebuild after one edit under 1 s (seventh session).** Edited again,
  1.63 s (sources digested 99 ms, sheets loaded 368, search index 238,
  open data and index pages 457, pages listed 54, pages written 188,
  spare pruned 109, cache saved 79); the first after a clean build
  3.55 s. Each stage is still work over the whole site, and the process
  uses both cores for most of it (2.58 s of CPU): under a second needs
  about a third less CPU in every stage, not one more stage skipped.
  Measured and dropped: the search index built beside the open data
  instead of before it, 0.05 s less and 60 MB more.
- **Rebuild after one edit under 1 s (sixth session).** Each sheet's
  search documents are now kept beside the output and reused
  (` + "`.OUT.piao-search`" + `), and piano.json and the CSV files are made on two
  cores: edited again, 1.84 s (the stage table above: sources digested
  0.16 s, sheets loaded 0.40 s, search index 0.26 s, open data and index
  pages 0.51 s, pages written 0.16 s, spare pruned 0.15 s, cache saved
  0.10 s). What is left is each of these over the whole site: the open
  data read back from 10,000 sheets' JSON files and the CSV rows made
  again (per-sheet pieces kept would need the plan's facts each row
  reads in their key), the rules across sheets (per-sheet results kept
  would need every sheet's name in the key, for the links), the sheet
  store decoded whole (gob). The first rebuild after a clean build adds
  a folder per page (4.63 s).
- **Rebuild after one edit under 1 s.** With the sheet store, a rebuild
  no longer parses or judges the sheets again; what is left is work over
  the whole site that any edit redoes. CPU profile of a rebuild after the
  bench's edit at 10,000 sheets, the spare in place (4.6 s of CPU; by
  hand, commit a205d9d): the search index 0.7 s (every document's terms
  gathered again, its 4,065 files written into a new folder named by the
  digest of the whole index, and the spare's old one removed; the fifth
  session keeps those that did not change), system
  calls 0.7 s (then 175,000 stats and 111,000 opens; the fourth session
  took 330,000 of 850,000 system calls away, above), the collector
  0.7 s, the list of pages 0.6 s (each index's items, needed to know its
  pages), the open data 0.5 s (piano.json and the CSV files written whole),
  the sheet store read 0.3 s, the rules that compare sheets 0.3 s. The
  first rebuild after a clean build costs more: it links every file into a
  new folder (the next ones bring the spare up to date); on a disk where a
  folder and a file cost 178 µs to create (the run of 2026-12-04 16:56)
  rather than 31 µs, that first rebuild took 8.67 s and the next 3.11 s.
  Under a second needs each of these kept per sheet and spliced: the
  search index from per-sheet postings (its files named so that unchanged
  ones stay), the open data from per-sheet rows, the indexes' pages from
  per-sheet entries. An edit
  of a sheet's front matter (a target, a weight) also renders every page
  that lists sheets: those pages show facts of the whole plan drawn from
  every sheet, and keying them by the sheets they list needs those facts
  in the key.
- **Peak memory at 50,000 sheets under 700 MB (seventh session).** This
  run: 725 MB. By hand, the same 50,000 sheets into an empty folder: the
  sixth session's code 673 and 683 MB, this session's 694, 697, 675 and
  678 MB (and 721 MB with two other builds running); the live heap at its
  peak is the same (473 and 478 MB, ` + "`GODEBUG=gctrace=1`" + `), and so is the
  collector's floor (25% of it). The peak moves by ±25 MB from run to run
  around the target, with the memory the runtime gives back and takes
  again while the collector marks: a floor of 20% instead of 25% gave
  698 and 692 MB. Under 700 MB in every run needs a smaller live heap
  (the same levers as below).
- **Peak memory at 50,000 sheets under 700 MB, and linear time to
  50,000 (sixth session).** Met for memory by a budget: while a build
  runs, the collector's governor keeps live heap and headroom within
  576 MB, the headroom shrinking to 25% of the live heap past it
  (builder/gcheadroom.go). At 50,000 sheets 430–515 MB is live through
  the render (model ~200 MB: 105,000 indicators at 896 bytes, 50,000
  sheets at 984; a long page's render ~26 MB of HTML and ~60 MB of
  values made while the collector marks), so the heap sits on that floor
  and the collector runs about 208 times instead of 143. The cost is CPU
  and, on this virtual machine, system time that varies from run to run
  (memory given back and faulted in again): by hand, quiet, the same
  50,000 sheets took 80.9 s (121 s user, 32 s system, 841 MB) without the
  budget and 84.6 s (149 s, 13 s, 667 MB) and 129.3 s (159 s, 84 s,
  667 MB) with it; the 7.15 times of 10,000 measured above is that cost.
  Both figures at once need less live heap: file positions as 32-bit
  handles and an indicator's rare fields out of line (about 40 MB), the
  long pages written as they render rather than whole, the open data's
  revision rows streamed.

### Output: what each kind of file costs, and what could go

The tables under *Side by side with Hugo* give each kind's bytes per
sheet. The largest are the sheets' pages, the open data and each sheet's
JSON; then the index pages and the pages *as approved* of the revised
sheets. Nothing a reader or a re-user has today was removed in this
issue (the JSON files lost only their indentation); the numbers say where
the bytes are:

- a sheet's page carries the frame of the site (header, menu, footer,
  breadcrumb) and every indicator's table with its revision history: what
  a reader sees; the Hugo layout of the comparison shows less (no site
  menu, no breadcrumb, no links to the open data);
- the page *as approved* repeats the frame and the sheet as first
  approved: a lighter template (the approved values only, without the
  frame's menu) would cut the frame's share of it (not measured);
- piano.json repeats each sheet's JSON, which scheda.json also holds: a
  re-user who reads piano.json has everything, one who reads a sheet's
  JSON needs only it; keeping both is a choice for re-users, the cost is
  the figure in the table;
- the index pages list each indicator of each sheet (by typology, unit of
  measure, source, A–Z, revision): linking to the sheet rather than
  repeating the indicator would cut them, and lose the list a reader
  scans on one page.

### What would close the gap

Each of these is a change of design, not of tuning; only the compiled
renderer is done, for most pages.

- **A page per file, not a folder per page.** ` + "`operativi/SLUG.html`" + ` instead of
  ` + "`operativi/SLUG/index.html`" + ` takes 13,000 folders out of the output at
  10,000 sheets (make bench measures the floor both ways, above), but
  changes every address of the published plans: links from elsewhere and
  the archived snapshots would break, so it needs a migration (redirect
  pages) and a decision.
- **A compiled renderer for the built-in theme.** Go code writing the
  pages directly runs several times faster than html/template (no
  reflection), as a second implementation of the theme kept
  byte-identical to the templates (which a site can override, file by
  file). Begun in the sixth session with two partials and the test that
  guards them; since the ninth session the sheets' pages, the indexes,
  the units' and revisions' tables and every page's frame are Go. Left:
  the main of the other kinds (home, plan, areas, lines, sections, the
  whole plan, open data, search), some 0.4 s of the render at 10,000
  sheets done one page at a time.
- **Less memory.** The rare parts of a value (its date, footnote marker,
  year, earlier values) behind a pointer and file positions as 32-bit
  numbers would halve an indicator; index pages that stream their rows
  rather than build them, and a page list that does not keep every
  listing's items, would take most of the rest.
- **Fewer pointers for the collector to follow (thirtieth session).** At
  50,000 sheets the collector marks 360 to 457 MB at each of some fifty
  cycles, and spends most of its time on each pointer it follows: the
  strings of the model (a string of its own for each text of each
  sheet) and of the lists made from it. A model whose texts are
  offsets into one string per sheet, and lists of fixed-size records
  rather than of strings, would be marked at a fraction of the cost; it
  changes how every part of piao reads a text. Built with the collector
  off, 50,000 sheets take 5.0 to 5.3 times 10,000 (thirty-first
  session): the collection is all that stands between piao and the
  target. The same session's blocks (the model side by side in its
  spans) took a fifth of the collections away; what is still made
  alone among garbage and kept (the pages listed, the publish's record
  of each file, the keys of the cache) is the next room to win back.
`
