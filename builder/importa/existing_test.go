package importa

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder"
)

// TestImportIntoExample: importing the annex into the site it was written
// from finds every sheet equal to the existing one and writes nothing.
func TestImportIntoExample(t *testing.T) {
	for _, fixture := range []string{"allegato-barrato.docx", "allegato-revisioni.odt", "allegato.xlsx"} {
		t.Run(fixture, func(t *testing.T) {
			dir := copyExample(t)
			res := importInto(t, dir, fixture, Options{})
			if len(res.Writes) != 0 {
				t.Errorf("wrote %v, want nothing", res.names())
			}
			if len(res.Same) != 15 {
				t.Errorf("%d sheets found equal, want 15: %v", len(res.Same), res.Same)
			}
		})
	}
}

// TestNeverOverwrite: a sheet the office changed by hand stays as it is;
// the reading goes beside it as NAME.importato.yaml, with the difference
// in a comment and in the summary, and the loader does not load it.
func TestNeverOverwrite(t *testing.T) {
	dir := copyExample(t)
	suap := filepath.Join(dir, "content", examplePlan, "operativi", "suap.yaml")
	before, err := os.ReadFile(suap)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(before), "peso: 30%", "peso: 35%", 1)
	if err := os.WriteFile(suap, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importInto(t, dir, "allegato-barrato.docx", Options{Piano: examplePlan})
	want := []string{"content/" + examplePlan + "/operativi/suap.importato.yaml"}
	if got := res.names(); !slices.Equal(got, want) {
		t.Fatalf("wrote %v, want %v", got, want)
	}
	if s := res.Writes[0].Summary; !strings.Contains(s, "operativi/suap.yaml: peso") {
		t.Errorf("summary %q does not name the weight", s)
	}
	if after, _ := os.ReadFile(suap); string(after) != edited {
		t.Error("the existing sheet was changed")
	}
	reading, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(want[0])))
	if err != nil || !strings.Contains(string(reading), "peso: 30%") || !strings.Contains(string(reading), "# Differenze da") {
		t.Errorf("the reading beside it:\n%s", reading)
	}
	model, ds := builder.LoadAndCheck(os.DirFS(dir))
	if ds.HasErrors() || len(model.Plans[0].Operational) != 11 {
		t.Errorf("loading the site with the reading beside a sheet: %d operational sheets\n%s", len(model.Plans[0].Operational), ds.Error())
	}
	// A second import does not overwrite the reading either: it says so.
	res2 := importInto(t, dir, "allegato-barrato.docx", Options{})
	if len(res2.Writes) != 0 || len(res2.Reports) != 1 || !strings.Contains(res2.Reports[0].Msg, "suap.importato.yaml c'è già") {
		t.Errorf("a second import over the reading: writes %v, reports %v", res2.names(), res2.Reports)
	}
	// Nor does a file that appears between the reading and the writing.
	if err := WriteAll(dir, res.Writes); err == nil || !strings.Contains(err.Error(), "suap.importato.yaml") {
		t.Errorf("writing over a file: %v, want a refusal naming it", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyExample copies the example site (config.yaml, content/) into a
// new folder.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	copyFile(t, "../../config.yaml", filepath.Join(dir, "config.yaml"))
	return dir
}
