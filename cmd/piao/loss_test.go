package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildReportsLoss: piao build after sheets were removed ends its
// summary with the loss, says it in --format json, and piao check
// foresees it; the report of a build that loses nothing has no loss.
func TestBuildReportsLoss(t *testing.T) {
	site := copyExample(t)
	dest := filepath.Join(t.TempDir(), "public")
	var first buildReport
	out, errOut, code := runPiao(t, "build", "-s", site, "-d", dest, "--format", "json")
	if code != 0 || json.Unmarshal([]byte(out), &first) != nil || !first.Published || first.Loss != nil || first.Pages == 0 {
		t.Fatalf("first build: exit %d, %s %s", code, out, errOut)
	}
	for _, s := range []string{"suap.yaml", "metrologia-vigilanza.yaml"} {
		if err := os.Remove(filepath.Join(site, "content/piao-2024-2026/operativi", s)); err != nil {
			t.Fatal(err)
		}
	}
	unlinkSheets(t, site, "suap", "metrologia-vigilanza")
	out, _, code = runPiao(t, "check", "-s", site, "-d", dest)
	if code != 0 || !strings.Contains(out, "la prossima pubblicazione avrebbe") || !strings.Contains(out, "piano piao-2024-2026: 2 schede in meno (15 → 13)") {
		t.Errorf("check: exit %d:\n%s", code, out)
	}
	out, errOut, code = runPiao(t, "build", "-s", site, "-d", dest)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	if code != 0 || !strings.HasPrefix(last, "ATTENZIONE: questa pubblicazione ha 4 pagine in meno") || !strings.Contains(last, "2 schede in meno (15 → 13)") ||
		!strings.Contains(errOut, "avviso: questa pubblicazione ha 4 pagine in meno") {
		t.Errorf("build: exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// Once more, with the sheets back, and in JSON: the loss is an object.
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	site2 := copyExample(t)
	buildOK(t, site2, dest)
	var r buildReport
	out, _, code = runPiao(t, "build", "-s", site, "-d", dest, "--format", "json")
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 {
		t.Fatalf("json: exit %d, %v: %s", code, err, out)
	}
	if r.Loss == nil || r.Loss.PagesBefore != first.Pages || r.Loss.PagesAfter != first.Pages-4 || len(r.Loss.Plans) != 1 ||
		r.Loss.Plans[0].Plan != "piao-2024-2026" || r.Loss.Plans[0].SheetsBefore != 15 || r.Loss.Plans[0].SheetsAfter != 13 {
		t.Errorf("loss in JSON: %+v", r.Loss)
	}
	found := false
	for _, f := range r.Findings {
		found = found || (f.File == dest && f.Severity == "warning" && strings.Contains(f.Message, "4 pagine in meno"))
	}
	if r.Warnings != 4 || len(r.Findings) != 4 || !found { // the loss, and the example lacks url_base, codice_ipa and contacts
		t.Errorf("findings in JSON: %+v", r.Findings)
	}
}

// unlinkSheets takes out of the example's section that lists the annex the
// rows that link the given sheets, as an office that removes a sheet
// does: a link to a sheet that is not there is an error of check.
func unlinkSheets(t *testing.T, site string, names ...string) {
	t.Helper()
	file := filepath.Join(site, "content/piao-2024-2026/sezioni/02-dispositivo.md")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, line := range strings.Split(string(b), "\n") {
		linked := false
		for _, n := range names {
			linked = linked || strings.Contains(line, "(scheda:"+n+")")
		}
		if !linked {
			keep = append(keep, line)
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(keep, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}
