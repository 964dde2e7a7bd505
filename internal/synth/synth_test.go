package synth_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/internal/synth"
)

// TestGenerateBuilds checks that a generated site is valid content: it
// builds with no diagnostics at all, with a page per sheet.
func TestGenerateBuilds(t *testing.T) {
	for _, o := range []synth.Options{{Sheets: 1, Seed: 1}, {Sheets: 7, Seed: 1}, {Sheets: 300, Seed: 1}, {Sheets: 90, Seed: 5, Plans: 3}} {
		n := o.Sheets
		dir := t.TempDir()
		sheets, err := synth.GenerateWith(dir, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(sheets) != n {
			t.Fatalf("Generate(%+v) wrote %d sheets", o, len(sheets))
		}
		site, ds := builder.Build(builder.Input{Site: os.DirFS(dir), Themes: piao.Themes})
		if len(ds) > 0 {
			t.Fatalf("Generate(%+v): build diagnostics:\n%s", o, ds.Error())
		}
		for _, s := range sheets {
			slug := strings.TrimSuffix(filepath.Base(s), filepath.Ext(s))
			page := filepath.ToSlash(filepath.Join(filepath.Dir(strings.TrimPrefix(s, "content/")), slug, "index.html"))
			if _, ok := site.Files[page]; !ok {
				t.Errorf("Generate(%+v): no page %s for %s", o, page, s)
			}
		}
		if got, want := len(site.Model.Plans), max(o.Plans, 1); got != want {
			t.Errorf("Generate(%+v): %d plans, want %d", o, got, want)
		}
	}
}

// TestGenerateDeterministic checks that the same size and seed give the
// same bytes, and another seed other bytes.
func TestGenerateDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	sheets, err := synth.Generate(a, 60, 42)
	if err == nil {
		_, err = synth.Generate(b, 60, 42)
	}
	if err == nil {
		_, err = synth.Generate(c, 60, 43)
	}
	if err != nil {
		t.Fatal(err)
	}
	differs := false
	for _, s := range append(sheets, "config.yaml", "content/"+synth.PlanSlug+"/piano.yaml") {
		x, _ := os.ReadFile(filepath.Join(a, s))
		y, _ := os.ReadFile(filepath.Join(b, s))
		z, _ := os.ReadFile(filepath.Join(c, s))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", s)
		}
		if !bytes.Equal(x, z) {
			differs = true
		}
	}
	if !differs {
		t.Error("seeds 42 and 43 wrote the same site")
	}
}

// TestGenerateShape checks the site against what the generator promises:
// 40 units in 4 areas, 5 lines, 1 to 4 indicators a sheet, 3 years of
// targets, about 30% of the sheets revised, some indicators removed and
// some added by the revision, one operational sheet in five in Markdown.
func TestGenerateShape(t *testing.T) {
	dir := t.TempDir()
	const n = 2000
	if _, err := synth.Generate(dir, n, 3); err != nil {
		t.Fatal(err)
	}
	model, ds := builder.LoadAndCheck(os.DirFS(dir))
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%.3000s", ds.Error())
	}
	p := model.Plans[0]
	units := 0
	for _, a := range p.Aree {
		units += len(a.Unita)
	}
	if len(p.Aree) != 4 || units != 40 || len(p.Linee) != 5 || len(p.Years()) != 3 {
		t.Errorf("%d areas, %d units, %d lines, %d years; want 4, 40, 5, 3", len(p.Aree), units, len(p.Linee), len(p.Years()))
	}
	revised, removed, added, markdown := 0, 0, 0, 0
	perSheet := map[int]int{}
	for _, s := range p.Sheets() {
		inForce := 0
		for _, ind := range s.Indicators() {
			if ind.Removed() {
				removed++
			}
			if ind.Added() {
				added++
			}
			if !ind.Added() {
				inForce++
			}
			if len(ind.Target) != 3 {
				t.Fatalf("%s: %d targets, want 3", s.Pos.File(), len(ind.Target))
			}
		}
		perSheet[inForce]++
		if s.Revised() {
			revised++
		}
		if strings.HasSuffix(s.Pos.File(), ".md") {
			markdown++
		}
	}
	for k := range perSheet {
		if k < 1 || k > 4 {
			t.Errorf("%d sheets have %d indicators as approved, want 1 to 4", perSheet[k], k)
		}
	}
	if len(perSheet) != 4 {
		t.Errorf("indicators per sheet as approved: %v, want every count from 1 to 4", perSheet)
	}
	if share := float64(revised) / n; share < 0.25 || share > 0.35 {
		t.Errorf("%d of %d sheets revised (%.0f%%), want about 30%%", revised, n, 100*share)
	}
	if removed < n/100 || added < n/100 {
		t.Errorf("%d indicators removed, %d added by the revision, want some of each", removed, added)
	}
	if share := float64(markdown) / float64(len(p.Operational)); share < 0.18 || share > 0.22 {
		t.Errorf("%d of %d operational sheets in Markdown, want one in five", markdown, len(p.Operational))
	}
}

// TestCorpusFromExample: every text the generator learns its words from
// is a text of the example site.
func TestCorpusFromExample(t *testing.T) {
	var example strings.Builder
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, err := os.ReadFile(p)
			example.Write(b)
			return err
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := os.ReadFile("corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(corpus)), "\n")
	if len(lines) < 100 {
		t.Fatalf("corpus.txt has %d texts, want the example's (over 100)", len(lines))
	}
	for _, l := range lines {
		if !strings.Contains(example.String(), l) {
			t.Errorf("corpus.txt: %q is not in the example site", l)
		}
	}
}
