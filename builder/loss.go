package builder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
)

// A publication that loses pages says so. Before piao build replaces an
// output it wrote itself, it counts that output's pages — every
// index.html but those of the archived snapshots — and each plan's sheets;
// once the new site is built, it compares. Fewer pages, or fewer sheets
// of a plan, is a warning that names the plans and how many pages they
// lost: a folder that could not be read, a sheet moved by mistake, a plan
// folder renamed. piao check makes the same comparison with the output
// it would replace. The counts read the output only, never the content
// it came from, so that they see what visitors saw.

// OutputCount is what an output publishes: its pages, and the sheets of
// each plan, by the plan's folder in the output.
type OutputCount struct {
	Pages  int
	Sheets map[string]int
}

// OutputLoss is what a build publishes less than the output it replaces.
type OutputLoss struct {
	Dest          string // the output, as the command line names it
	Before, After OutputCount
}

// PlanLoss is a plan that publishes fewer sheets than before.
type PlanLoss struct {
	Plan         string `json:"plan"`
	SheetsBefore int    `json:"sheets_before"`
	SheetsAfter  int    `json:"sheets_after"`
}

// Plans lists the plans that lost sheets, by name.
func (l *OutputLoss) Plans() []PlanLoss {
	var out []PlanLoss
	for p, n := range l.Before.Sheets {
		if m := l.After.Sheets[p]; m < n {
			out = append(out, PlanLoss{Plan: p, SheetsBefore: n, SheetsAfter: m})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Plan < out[j].Plan })
	return out
}

// countOutput counts the pages and sheets of the output at dest; nil when
// dest is not an output piao wrote (missing, or without its marker,
// publish.Marker): only such a folder is read as a previous output.
func countOutput(dest string) *OutputCount {
	root, err := os.OpenRoot(dest)
	if err != nil {
		return nil
	}
	defer root.Close()
	fsys := root.FS()
	if _, err := fs.Stat(fsys, publish.Marker); err != nil {
		return nil
	}
	c := &OutputCount{Sheets: map[string]int{}}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path.Dir(p) == path.Dir(archivePath()):
			return fs.SkipDir // a published snapshot: archived pages, not the site's
		case !d.IsDir():
			c.count(p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil // an output that cannot be read whole is not counted
	}
	return c
}

// count counts the file name (slash-separated) of an output, if it is a
// page of the site (not of a published snapshot).
func (c *OutputCount) count(name string) {
	if path.Base(name) != indexFile {
		return
	}
	if snap, ok := strings.CutPrefix(name, path.Dir(archivePath())+"/"); ok && strings.Contains(snap, "/") {
		return
	}
	c.Pages++
	if parts := strings.Split(name, "/"); len(parts) == 4 && (parts[1] == kindDir[plan.Strategic] || parts[1] == kindDir[plan.Operational]) {
		c.Sheets[parts[0]]++
	}
}

// countReplaced is countOutput from the build cache: the files the last
// build published in dest, when dest is still the very folder it left
// (the stamp of the folder itself, taken by the cache) and piao's (its
// marker); otherwise countOutput reads dest. It spares a rebuild a walk of
// the whole output.
func countReplaced(prev *cacheData, dest string) *OutputCount {
	if prev == nil {
		return countOutput(dest)
	}
	st, ok := prev.Stamps["."]
	info, err := os.Lstat(dest)
	if !ok || err != nil || publish.StampOf(info) != st {
		return countOutput(dest)
	}
	if m, err := os.Lstat(filepath.Join(dest, publish.Marker)); err != nil || !m.Mode().IsRegular() {
		return nil
	}
	n := &OutputCount{Sheets: map[string]int{}}
	for name, st := range prev.Stamps {
		if !st.Dir && name != "." {
			n.count(name)
		}
	}
	return n
}

// previousCount is countOutput for piao check: from the build cache beside
// dest, when this program wrote it (countReplaced), as a rebuild counts
// it; read otherwise.
func previousCount(dest string) *OutputCount {
	prev, _ := readCache(CachePath(dest), programDigest())
	return countReplaced(prev, dest)
}

// siteCount is what the model publishes, with pages its page count.
func siteCount(model *plan.Site, pages int) OutputCount {
	c := OutputCount{Pages: pages, Sheets: map[string]int{}}
	for _, p := range model.Plans {
		c.Sheets[slug(p.Slug)] += len(p.Strategic) + len(p.Operational)
	}
	return c
}

// compareOutput returns the loss from before to after, or nil if nothing
// was lost (or there was nothing before).
func compareOutput(dest string, before *OutputCount, after OutputCount) *OutputLoss {
	if before == nil {
		return nil
	}
	l := &OutputLoss{Dest: dest, Before: *before, After: after}
	if after.Pages >= before.Pages && len(l.Plans()) == 0 {
		return nil
	}
	return l
}

// Warning is the finding that reports the loss: done is true once the
// new site is published, false when piao check foresees it.
func (l *OutputLoss) Warning(done bool) Diagnostic {
	var plans []string
	for _, p := range l.Plans() {
		plans = append(plans, lossOfPlan(p))
	}
	var msg string
	switch lost := l.Before.Pages - l.After.Pages; {
	case lost > 0 && done:
		msg = fmt.Sprintf(msgLossDone, quantity(lost, "pagina", "pagine"), l.Dest, l.Before.Pages, l.After.Pages)
	case lost > 0:
		msg = fmt.Sprintf(msgLossWould, quantity(lost, "pagina", "pagine"), l.Dest, l.Before.Pages, l.After.Pages)
	case done:
		msg = fmt.Sprintf(msgSheetsLossDone, l.Dest)
	default:
		msg = fmt.Sprintf(msgSheetsLossWould, l.Dest)
	}
	if len(plans) > 0 {
		msg += "; " + strings.Join(plans, "; ")
	}
	return Diagnostic{Pos: plan.At(l.Dest, 0, 0), Severity: Warning, Msg: msg, Hint: hintLoss}
}
