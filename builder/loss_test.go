package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
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
