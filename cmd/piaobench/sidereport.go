package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// writeSideBySide writes piao beside Hugo (and Pagefind) on the same
// sheets: times, ratios of runs paired in time, rebuilds, output by kind.
func writeSideBySide(b *strings.Builder, r *report) {
	var rows []row
	for _, row := range r.Rows {
		if row.Hugo != nil && len(row.Hugo.Runs) > 0 {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return
	}
	pf := rows[0].Hugo.Pagefind
	b.WriteString(`## Side by side with Hugo

The same sheets as a piao site and as a Hugo site (` + "`cmd/piaobench/sheets`" + `: gen.py
and to_piao.py, copies of ../shared/bench), each built into an empty folder,
piao and ` + "`hugo --minify`" + ` (Debian's package) one after the other, the one that
goes first alternating from run to run. Hugo's site has no search: Pagefind,
the search a Hugo site would add, runs over its output after it (*Hugo +
Pagefind*) in the first ` + fmt.Sprint(pagefindRuns) + ` runs. A ratio is the median of the ratios of the runs paired in time:
on a shared machine, the only figure that means something.

| Sheets | Runs | piao: wall | CPU | Peak memory | Hugo: wall | CPU | Peak memory | piao / Hugo: wall | CPU |`)
	if pf {
		b.WriteString(" Hugo + Pagefind: wall | CPU | Peak memory | piao / (Hugo + Pagefind): wall | CPU |")
	}
	b.WriteString("\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	if pf {
		b.WriteString("---:|---:|---:|---:|---:|")
	}
	b.WriteString("\n")
	for _, row := range rows {
		h := row.Hugo
		hm, bm := median(h.Hugos()), median(h.Boths())
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s | %s | **%.2f** | **%.2f** |", thousands(row.Sheets), len(h.Runs),
			secs(row.Build.Wall), secs(row.Build.CPU), mb(row.Build.RSS), secs(hm.Wall), secs(hm.CPU), mb(hm.RSS),
			pairRatio(row.Builds, h.Hugos(), wallOf), pairRatio(row.Builds, h.Hugos(), cpuOf))
		if pf {
			fmt.Fprintf(b, " %s | %s | %s | %.2f | %.2f |", secs(bm.Wall), secs(bm.CPU), mb(bm.RSS),
				pairRatio(row.Builds, h.Boths(), wallOf), pairRatio(row.Builds, h.Boths(), cpuOf))
		}
		b.WriteString("\n")
	}
	b.WriteString(`
Rebuilds into the previous output: piao with nothing changed, then both
after appending the same sentence to the same sheet (` + editedSheet + `);
then piao after appending it once more, and after changing one of the
sheet's targets (its data: the office's most usual edit), each of these
two three times over, the median shown (a rebuild on this disk varies
by some 50 ms from one run to the next). The first rebuild after a clean
build makes a new folder and links into it every file that did not
change; from the second on, the output it replaced (kept beside it as the
spare) is brought up to date instead: the office's cycle of edits.

| Sheets | piao, nothing changed | piao, one sheet edited | CPU | Hugo, one sheet edited | CPU | piao, edited again | CPU | piao, a target changed | CPU |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
`)
	for _, row := range rows {
		fmt.Fprintf(b, "| %s | **%s** | **%s** | %s | %s | %s | %s | %s | **%s** | %s |\n", thousands(row.Sheets), secs(row.Rebuild.Wall),
			secs(row.Edit.Wall), secs(row.Edit.CPU), secs(row.Hugo.Edit.Wall), secs(row.Hugo.Edit.CPU),
			secs(row.EditAgain.Wall), secs(row.EditAgain.CPU), secs(row.EditData.Wall), secs(row.EditData.CPU))
	}
	b.WriteString("\n")
	if f := r.Floor; f != nil {
		fmt.Fprintf(b, "The floor under these rebuilds (`go test -bench PublishKept ./builder/publish`, on %s): "+
			"an output of %s files, that of 10,000 sheets, published again into its spare with every file kept, "+
			"%s a publish (the median of %d runs), before anything is read, loaded or rendered. "+
			"The first rebuild after a clean build has no spare, and makes its folders and links anew.\n\n",
			f.Where, thousands(f.Files), secs(f.Took), f.Runs)
	}
	for _, row := range rows {
		writeStages(b, row)
	}
	for _, row := range rows {
		writeKinds(b, row)
	}
}

// writeStages writes how long each stage of the two rebuilds after an
// edit, and of the cold check, kept the run waiting (PIAO_STAGES: the time
// from the stage before; the stages that run side by side inside one are
// not told apart).
func writeStages(b *strings.Builder, row row) {
	if len(row.EditStages) == 0 {
		return
	}
	fmt.Fprintf(b, "Where the time of a rebuild after one edit goes, at %s sheets: each stage, the time from the one before "+
		"(`PIAO_STAGES`); and those of the cold `piao check`.\n\n", thousands(row.Sheets))
	b.WriteString("| Stage | One sheet edited | Edited again | A target changed | piao check |\n|---|---:|---:|---:|---:|\n")
	lists := [][]mark{row.EditStages, row.AgainStages, row.DataStages, row.CheckStages}
	var names []string
	took := map[string][4]time.Duration{}
	for i, list := range lists {
		for _, s := range list {
			t, seen := took[s.Name]
			if !seen {
				names = append(names, s.Name)
			}
			t[i] += s.Took
			took[s.Name] = t
		}
	}
	for _, name := range names {
		t := took[name]
		cells := make([]string, len(lists))
		for i, list := range lists {
			cells[i] = "–"
			if slices.ContainsFunc(list, func(s mark) bool { return s.Name == name }) {
				cells[i] = ms(t[i])
			}
		}
		fmt.Fprintf(b, "| %s | %s |\n", name, strings.Join(cells, " | "))
	}
	b.WriteString("\n")
}

// writeKinds writes what each kind of file costs, per sheet, for piao and
// for Hugo (with Pagefind) at one size.
func writeKinds(b *strings.Builder, row row) {
	fmt.Fprintf(b, "Output at %s sheets: piao %s in %s files, Hugo%s %s in %s files.\n\n",
		thousands(row.Sheets), mb(row.Bytes), thousands(row.Files), plusPagefind(row.Hugo), mb(row.Hugo.Bytes), thousands(row.Hugo.Files))
	b.WriteString("| Tool | Kind of file | Files | Bytes | Per sheet | Median file |\n|---|---|---:|---:|---:|---:|\n")
	for _, side := range []struct {
		name  string
		kinds []kind
	}{{"piao", row.Kinds}, {"Hugo" + plusPagefind(row.Hugo), row.Hugo.Kinds}} {
		for _, k := range side.kinds {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", side.name, k.Name, thousands(k.Files), mb(k.Bytes),
				kbf(float64(k.Bytes)/float64(row.Sheets)), kbf(float64(k.Median)))
		}
	}
	b.WriteString("\n")
}

func plusPagefind(h *hugoSide) string {
	if h != nil && h.Pagefind {
		return " + Pagefind"
	}
	return ""
}

func kbf(n float64) string { return fmt.Sprintf("%.1f KB", n/1024) }

// sideTargets are issue 18's targets that the side by side measures.
func sideTargets(check func(name, got string, ok bool), r *report) {
	for _, n := range []int{1000, 10000} {
		row := find(r.Rows, n)
		if row == nil || row.Hugo == nil || len(row.Hugo.Runs) == 0 {
			continue
		}
		w, c := pairRatio(row.Builds, row.Hugo.Hugos(), wallOf), pairRatio(row.Builds, row.Hugo.Hugos(), cpuOf)
		check(fmt.Sprintf("%s sheets: full build at most 0.5 times Hugo's wall and CPU", thousands(n)),
			fmt.Sprintf("wall %.2f, CPU %.2f times", w, c), w <= 0.5 && c <= 0.5)
	}
	if ten := find(r.Rows, 10000); ten != nil && ten.Edit.Wall > 0 {
		check("10,000 sheets: rebuild after editing one sheet under 1 s",
			fmt.Sprintf("%s (edited again: %s; a target changed: %s)", secs(ten.Edit.Wall), secs(ten.EditAgain.Wall), secs(ten.EditData.Wall)),
			max(ten.Edit.Wall, ten.EditAgain.Wall, ten.EditData.Wall) < time.Second)
		check("10,000 sheets: rebuild with nothing changed under 0.5 s", secs(ten.Rebuild.Wall), ten.Rebuild.Wall < 500*time.Millisecond)
	}
	if ten := find(r.Rows, 10000); ten != nil {
		check("10,000 sheets: piao check under 2 s", secs(ten.Check.Wall), ten.Check.Wall < 2*time.Second)
		check("10,000 sheets: first query at most 150 KB", kb(int64(ten.QueryBytes)), ten.QueryBytes <= 150<<10)
	}
	for _, s := range r.Start {
		if s.Sheets == 10000 && s.AfterBuild {
			check("10,000 sheets: piao serve, a second start (nothing changed since piao build) under 2 s",
				fmt.Sprintf("%.0f ms", s.FirstPageMs), s.FirstPageMs < 2000)
		}
	}
	if fifty := find(r.Rows, 50000); fifty != nil {
		check("50,000 sheets: peak memory under 700 MB", mb(fifty.Build.RSS), fifty.Build.RSS < 700<<20)
		check("50,000 sheets: first query at most 250 KB", kb(int64(fifty.QueryBytes)), fifty.QueryBytes <= 250<<10)
	}
}
