package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// The side by side: the same sheets as a piao site and as a Hugo site,
// written by sheets/gen.py and sheets/to_piao.py (copies of
// ../shared/bench), built alternately by piao and by hugo --minify, with
// Pagefind over Hugo's output for the search a piao site has.

// sheetsDir holds gen.py and to_piao.py.
const sheetsDir = "cmd/piaobench/sheets"

// editedSheet is the sheet the rebuild after one edit changes, in both sites.
const editedSheet = "00042"

// makeSites writes the piao site and, if hugo is wanted, the Hugo site
// of n sheets (seed 1) into the working folder.
func makeSites(o options, n int, hugo bool) (piaoSite, hugoSite string, err error) {
	piaoSite = filepath.Join(o.work, fmt.Sprintf("site-%d", n))
	jsonl := filepath.Join(o.work, fmt.Sprintf("sheets-%d.jsonl", n))
	defer os.Remove(jsonl)
	py := func(args ...string) error {
		_, _, err := runProcess(nil, "python3", args...)
		return err
	}
	gen, conv := filepath.Join(o.sheets, "gen.py"), filepath.Join(o.sheets, "to_piao.py")
	if err := py(gen, "--n", fmt.Sprint(n), "--seed", "1", "--emit", "jsonl", "--out", jsonl); err != nil {
		return "", "", err
	}
	if err := py(conv, jsonl, piaoSite); err != nil {
		return "", "", err
	}
	if !hugo {
		return piaoSite, "", nil
	}
	hugoSite = filepath.Join(o.work, fmt.Sprintf("hugo-%d", n))
	return piaoSite, hugoSite, py(gen, "--n", fmt.Sprint(n), "--seed", "1", "--out", hugoSite)
}

// hugoRun is one build of the Hugo site and, if WithPagefind, its
// Pagefind index.
type hugoRun struct {
	Hugo, Pagefind usage
	WithPagefind   bool
}

// pagefindRuns is how many of Hugo's runs at a size Pagefind runs after:
// the first ones, paired with piao's builds as Hugo's are. Pagefind
// after each of the five runs of 10,000 sheets took some 75 s of the
// fifteen minutes make bench took on a slow machine, for figures that
// are no target (piao against Hugo alone is); the median of three is
// still one of runs made side by side.
const pagefindRuns = 3

// Both is Hugo followed by Pagefind, as one job: walls and CPU add up,
// the peak memory is the larger.
func (h hugoRun) Both() usage {
	return usage{Wall: h.Hugo.Wall + h.Pagefind.Wall, CPU: h.Hugo.CPU + h.Pagefind.CPU, RSS: max(h.Hugo.RSS, h.Pagefind.RSS)}
}

// buildHugo runs hugo --minify on site into an empty out, then Pagefind
// over it when o.pagefind is set and pagefind is true.
func buildHugo(o options, site, out string, pagefind bool) (hugoRun, error) {
	var h hugoRun
	if err := discard(out); err != nil {
		return h, err
	}
	syncDisks()
	var err error
	if h.Hugo, err = runHugo(o.hugo, site, out, func() error { return discard(out) }); err != nil {
		return h, err
	}
	if o.pagefind != "" && pagefind {
		h.Pagefind, _, err = runProcess(nil, o.pagefind, "--site", out)
		h.WithPagefind = err == nil
	}
	return h, err
}

// hugoLimit is how long a run of Hugo may take before it is taken for
// hung. Debian's Hugo (0.111.3) once stopped in the middle of a build of
// 10,000 sheets, which takes it 8 s, every thread waiting on another, and
// make bench waited for it until killed (twenty-fourth session).
var hugoLimit = 2 * time.Minute

// runHugo runs hugo --minify on site into out. A run that hangs (past
// hugoLimit) is killed and, after again (when not nil), run once more:
// the run timed is the one that ended.
func runHugo(hugo, site, out string, again func() error) (usage, error) {
	for attempt := 0; ; attempt++ {
		u, _, err := runProcessWithin(hugoLimit, nil, hugo, "--quiet", "--minify", "-s", site, "-d", out)
		if !errors.Is(err, errHung) || attempt > 0 {
			return u, err
		}
		logf("Hugo hung on %s: killed after %v, run again", site, hugoLimit)
		if again != nil {
			if err := again(); err != nil {
				return u, err
			}
		}
		syncDisks()
	}
}

// editSheet appends a sentence to the body of sheet editedSheet of a piao
// site (content/PLAN/operativi/ID.md) or of a Hugo site
// (content/schede/ID.md): the same edit in both.
func editSheet(site string, hugo bool) error {
	file := filepath.Join(site, "content", "schede", editedSheet+".md")
	if !hugo {
		matches, _ := filepath.Glob(filepath.Join(site, "content", "*", "operativi", editedSheet+".md"))
		if len(matches) != 1 {
			return fmt.Errorf("%s: no sheet %s to edit", site, editedSheet)
		}
		file = matches[0]
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString("\nTesto aggiunto dalla misura dei tempi di ricostruzione.\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// editTarget changes, in sheet editedSheet of a piao site, the first
// target of a year written as a plain value (`2024: "≥ 100"`, not one
// with its previous value and revision): "≥ 100" becomes "≥ 100 (misura)",
// and again "≥ 100 (misura) (misura)". An office's usual edit is of a
// sheet's data, not its body: the pages that list the sheet are keyed by
// the data of every sheet but the words of such targets (lightkey.go), the
// reports by all of it.
func editTarget(site string) error {
	matches, _ := filepath.Glob(filepath.Join(site, "content", "*", "operativi", editedSheet+".md"))
	if len(matches) != 1 {
		return fmt.Errorf("%s: no sheet %s to edit", site, editedSheet)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		return err
	}
	out, ok := changeTarget(string(b))
	if !ok {
		return fmt.Errorf("%s: no target written as a plain value", matches[0])
	}
	return os.WriteFile(matches[0], []byte(out), 0o644)
}

// changeTarget is the sheet text with the first plain target of a year,
// in a block "target:", marked as changed.
func changeTarget(text string) (string, bool) {
	lines := strings.Split(text, "\n")
	in := -1 // the indentation of the block "target:" the lines are in, or -1
	for i, l := range lines {
		indent := len(l) - len(strings.TrimLeft(l, " "))
		trimmed := strings.TrimSpace(l)
		switch {
		case trimmed == "target:":
			in = indent
		case in >= 0 && indent > in && plainYear.MatchString(trimmed):
			lines[i] = strings.TrimSuffix(l, `"`) + ` (misura)"`
			return strings.Join(lines, "\n"), true
		case in >= 0 && indent <= in:
			in = -1
		}
	}
	return text, false
}

// plainYear is a year's value written as a quoted string.
var plainYear = regexp.MustCompile(`^[0-9]{4}: "[^"\\]*"$`)

// kind is the output of one kind of file.
type kind struct {
	Name   string
	Files  int
	Bytes  int64
	Median int64 // the median size of a file
}

// piaoKind says what a file of piao's output is, by its path.
func piaoKind(p string) string {
	switch {
	case strings.Contains(p, "/operativi/") && strings.HasSuffix(p, "/originale/index.html"),
		strings.Contains(p, "/strategici/") && strings.HasSuffix(p, "/originale/index.html"):
		return "sheet pages as approved (originale/)"
	case (strings.Contains(p, "/operativi/") || strings.Contains(p, "/strategici/")) && strings.HasSuffix(p, "/index.html"):
		return "sheet pages"
	case strings.HasSuffix(p, "/scheda.json"):
		return "sheet JSON (scheda.json)"
	case strings.HasPrefix(p, "cerca/dati/"):
		return "search index"
	case strings.Contains(p, "/dati/") || strings.HasPrefix(p, "schema/"):
		return "open data (JSON, CSV, schemas)"
	case strings.Contains(p, "/indici/"):
		return "index pages (indici/)"
	case strings.HasSuffix(p, ".html"):
		return "other pages (home, units, areas, lines, revisions …)"
	}
	return "assets and the rest"
}

// hugoKind says what a file of Hugo's output is, by its path.
func hugoKind(p string) string {
	switch {
	case strings.HasPrefix(p, "schede/") && strings.HasSuffix(p, ".html") && p != "schede/index.html":
		return "sheet pages"
	case strings.HasPrefix(p, "pagefind/"):
		return "search index (Pagefind)"
	case strings.HasSuffix(p, ".html"):
		return "other pages (taxonomies, A–Z, revisions …)"
	}
	return "assets and the rest"
}

// kinds sums the files under root by kind, piao's marker aside.
func kinds(root string, of func(string) string) []kind {
	sizes := map[string][]int64{}
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".piao-output" {
			return err
		}
		if info, err := d.Info(); err == nil {
			rel, _ := filepath.Rel(root, p)
			k := of(filepath.ToSlash(rel))
			sizes[k] = append(sizes[k], info.Size())
		}
		return nil
	})
	var out []kind
	for name, s := range sizes {
		slices.Sort(s)
		k := kind{Name: name, Files: len(s), Median: s[len(s)/2]}
		for _, n := range s {
			k.Bytes += n
		}
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Bytes > out[j].Bytes })
	return out
}

// pairRatio is the median, over runs paired in time, of piao's figure
// over the other's.
func pairRatio(piao []usage, other []usage, of func(usage) time.Duration) float64 {
	var rs []float64
	for i := range min(len(piao), len(other)) {
		if d := of(other[i]); d > 0 {
			rs = append(rs, float64(of(piao[i]))/float64(d))
		}
	}
	if len(rs) == 0 {
		return 0
	}
	slices.Sort(rs)
	return rs[len(rs)/2]
}

func wallOf(u usage) time.Duration { return u.Wall }
func cpuOf(u usage) time.Duration  { return u.CPU }

// findTool returns the path of a command: name on PATH, or the first of
// paths that exists; "" if none.
func findTool(name string, paths ...string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			abs, _ := filepath.Abs(p)
			return abs
		}
	}
	return ""
}
