package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/synth"
)

// TestGenerateBuilds checks that a generated site is valid content: it
// builds with no diagnostics at all, with a page per sheet.
func TestGenerateBuilds(t *testing.T) {
	for _, n := range []int{1, 7, 120} {
		dir := t.TempDir()
		sheets, err := synth.Generate(dir, n, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(sheets) != n {
			t.Fatalf("Generate(%d) wrote %d sheets", n, len(sheets))
		}
		site, ds := builder.Build(builder.Input{Site: os.DirFS(dir), Themes: piao.Themes})
		if len(ds) > 0 {
			t.Fatalf("Generate(%d): build diagnostics:\n%s", n, ds.Error())
		}
		for _, s := range sheets {
			slug := strings.TrimSuffix(filepath.Base(s), filepath.Ext(s))
			page := filepath.ToSlash(filepath.Join(filepath.Dir(strings.TrimPrefix(s, "content/")), slug, "index.html"))
			if _, ok := site.Files[page]; !ok {
				t.Errorf("Generate(%d): no page %s for %s", n, page, s)
			}
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
