package builder

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/publish"
)

// TestOutputLoss: a build that would publish fewer pages or sheets than
// the output it replaces says so — piao check before, piao build after —
// naming the plans and their sheets; a build that loses nothing, or has
// no output to replace, says nothing.
func TestOutputLoss(t *testing.T) {
	due := "content/p/operativi/due.yaml"
	dir := diskSite(t, map[string][]byte{due: []byte(strings.Replace(testSheet, "Fare qualcosa", "Fare altro", 1))})
	dest := filepath.Join(t.TempDir(), "public")
	build := func() (Written, Diagnostics) {
		t.Helper()
		w, ds, err := BuildTo(Input{Site: rootFS(t, dir), Themes: piao.Themes}, dest, PublishOptions{})
		if err != nil || ds.HasErrors() {
			t.Fatalf("build: %v\n%s", err, ds.Error())
		}
		return w, ds
	}
	check := func() Diagnostics {
		return Check(Input{Site: rootFS(t, dir), Themes: piao.Themes, Previous: dest})
	}
	if w, ds := build(); w.Loss != nil || strings.Contains(ds.Error(), "in meno") {
		t.Fatalf("the first build reports a loss: %+v\n%s", w.Loss, ds.Error())
	}
	pages := countOutput(dest).Pages
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(due))); err != nil {
		t.Fatal(err)
	}
	want := "piano p: 1 scheda in meno (2 → 1)"
	if ds := check(); !strings.Contains(ds.Error(), dest+": avviso: la prossima pubblicazione avrebbe") || !strings.Contains(ds.Error(), want) {
		t.Errorf("check does not foresee the loss:\n%s", ds.Error())
	}
	w, ds := build()
	if w.Loss == nil || w.Loss.Before.Pages != pages || w.Loss.After.Pages != w.Pages || w.Pages >= pages {
		t.Fatalf("loss %+v, %d pages before, %d after", w.Loss, pages, w.Pages)
	}
	if got := w.Loss.Plans(); len(got) != 1 || got[0] != (PlanLoss{Plan: "p", SheetsBefore: 2, SheetsAfter: 1}) {
		t.Errorf("plans that lost sheets: %+v", got)
	}
	if !strings.Contains(ds.Error(), dest+": avviso: questa pubblicazione ha") || !strings.Contains(ds.Error(), want) ||
		!strings.HasPrefix(LossSummary(w.Loss), "ATTENZIONE: ") {
		t.Errorf("build does not report the loss:\n%s", ds.Error())
	}
	if w, _ := build(); w.Loss != nil {
		t.Errorf("a build equal to the output reports %+v", w.Loss)
	}
	// A plan folder renamed: its pages move, the old plan is gone.
	if err := os.Rename(filepath.Join(dir, "content/p"), filepath.Join(dir, "content/q")); err != nil {
		t.Fatal(err)
	}
	if w, ds := build(); w.Loss == nil || !strings.Contains(ds.Error(), dest+": avviso: questa pubblicazione ha tolto schede che erano pubblicate in "+dest+"; piano p assente (aveva 1 scheda)") {
		t.Errorf("renamed plan: %+v\n%s", w.Loss, ds.Error())
	}
}

// TestCountOutputFromCache: a rebuild counts the output it replaces from
// the build cache — what the last build published there — while the
// output is the very folder that build left; a folder put in its place is
// read again. A published snapshot's pages are not the site's.
func TestCountOutputFromCache(t *testing.T) {
	dir := exampleSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	in := Input{Site: rootFS(t, dir), Themes: piao.Themes}
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("build: %v\n%s", err, ds.Error())
	}
	read := countOutput(dest)
	if read == nil || read.Pages == 0 || len(read.Sheets) == 0 {
		t.Fatalf("the output counted %+v", read)
	}
	if got := countReplaced(openBuildCache(in, dest).prev, dest); !reflect.DeepEqual(got, read) {
		t.Fatalf("from the cache %+v, read %+v", got, read)
	}
	// A page added by hand in a folder of the output: the cache counts
	// what the build published, reading would count it too.
	extra := filepath.Join(dest, "piao-2024-2026", "a-mano", "index.html")
	if err := os.MkdirAll(filepath.Dir(extra), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(extra, []byte("a mano"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := countReplaced(openBuildCache(in, dest).prev, dest); !reflect.DeepEqual(got, read) {
		t.Errorf("from the cache, with a page added by hand: %+v, want %+v", got, read)
	}
	// piao check counts it as a rebuild does; without the build cache, it reads.
	if got := previousCount(dest); !reflect.DeepEqual(got, read) {
		t.Errorf("piao check, from the cache, with a page added by hand: %+v, want %+v", got, read)
	}
	cache, err := os.ReadFile(CachePath(dest))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(CachePath(dest)); err != nil {
		t.Fatal(err)
	}
	if got := previousCount(dest); got == nil || got.Pages != read.Pages+1 {
		t.Errorf("piao check without the build cache counted %+v, want %d pages (read)", got, read.Pages+1)
	}
	if err := os.WriteFile(CachePath(dest), cache, 0o644); err != nil {
		t.Fatal(err)
	}
	// Another folder in the place of the output: read.
	moved := dest + "-spostata"
	if err := os.Rename(dest, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dest, os.DirFS(moved)); err != nil {
		t.Fatal(err)
	}
	got := countReplaced(openBuildCache(in, dest).prev, dest)
	if got == nil || got.Pages != read.Pages+1 {
		t.Errorf("another folder in the output's place counted %+v, want %d pages (read)", got, read.Pages+1)
	}
	// Without piao's marker it is not an output piao wrote.
	if err := os.Remove(filepath.Join(moved, publish.Marker)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(moved, dest); err != nil {
		t.Fatal(err)
	}
	if got := countReplaced(openBuildCache(in, dest).prev, dest); got != nil {
		t.Errorf("a folder without the marker counted %+v", got)
	}
	// The pages of a published snapshot are not counted; the Archivio page is.
	c := &OutputCount{Sheets: map[string]int{}}
	for _, name := range []string{"archivio/index.html", "archivio/2024-06-30/index.html", "archivio/2024-06-30/p/operativi/x/index.html", "p/operativi/x/index.html", "p/operativi/x/scheda.json"} {
		c.count(name)
	}
	if c.Pages != 2 || c.Sheets["p"] != 1 || len(c.Sheets) != 1 {
		t.Errorf("counted %+v, want 2 pages, 1 sheet of p", c)
	}
}
