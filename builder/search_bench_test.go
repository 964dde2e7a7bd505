package builder

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/publish"
	"github.com/piao-pa/piao/internal/searchprobe"
	"github.com/piao-pa/piao/internal/synth"
)

// The search benchmark, on synthetic sites (package internal/synth):
//
//	go test -run '^$' -bench BenchmarkSearch ./builder
//
// reports, at 1,000 and 10,000 sheets, the bytes of the whole index, the
// bytes a first query downloads (script and index files), and the time a
// query takes once its files are loaded, measured in Node's V8.

// synthDir writes a synthetic site of n sheets into a temporary folder.
func synthDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := synth.Generate(dir, n, 1); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sheets=%d", n), func(b *testing.B) { benchSearch(b, n) })
	}
}

func benchSearch(b *testing.B, n int) {
	model, ds := LoadAndCheck(os.DirFS(synthDir(b, n)))
	if ds.HasErrors() {
		b.Fatalf("the synthetic site has errors:\n%.2000s", ds.Error())
	}
	var out *searchOutput
	for b.Loop() {
		out = buildSearchIndex(model, italian(b)).encode()
	}
	b.StopTimer()
	root := b.TempDir()
	script, err := os.ReadFile("../themes/default/assets/js/search.js")
	if err != nil {
		b.Fatal(err)
	}
	if script, err = newMinifier().Bytes("application/javascript", script); err != nil {
		b.Fatal(err)
	}
	files := &Site{Files: map[string][]byte{"assets/js/search.js": script}}
	for name, data := range out.Files {
		files.Files[name] = data
	}
	if err := writeTree(files, publish.NewTarget(root)); err != nil {
		b.Fatal(err)
	}
	var total int
	for _, data := range out.Files {
		total += len(data)
	}
	answers := runScript(b, root, filepath.Join(root, filepath.FromSlash(out.Dir)), searchprobe.FirstQueries)
	var maxBytes int
	var maxMs float64
	for _, a := range answers {
		label := fmt.Sprintf("%q", a.Q)
		if len(a.Filters) > 0 {
			label += " filtri " + strings.Join(a.Filters, ",")
		}
		fmt.Printf("%s %-30s %6d results; first query: %3d files, %7d bytes; %6.2f ms\n",
			b.Name(), label, a.Total, a.Files, a.Bytes, a.Ms)
		maxBytes, maxMs = max(maxBytes, a.Bytes), max(maxMs, a.Ms)
	}
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(len(out.Files)), "index-files")
	b.ReportMetric(float64(len(script)), "script-bytes")
	b.ReportMetric(float64(maxBytes), "max-first-query-bytes")
	b.ReportMetric(maxMs, "max-query-ms")
	if maxBytes > 150<<10 {
		b.Errorf("a first query downloads %d bytes, over the 150 KB budget", maxBytes)
	}
}

// TestSynthSite: a synthetic site's long indexes are split into pages, all
// linked.
func TestSynthSite(t *testing.T) {
	site, ds := Build(Input{Site: os.DirFS(synthDir(t, 200)), Themes: piao.Themes, Minify: false})
	if site == nil {
		t.Fatalf("synthetic site:\n%.2000s", ds.Error())
	}
	az := site.Files["piao-2024-2026/indici/indicatori/index.html"]
	if az == nil {
		t.Fatal("no A-Z index")
	}
	parts := regexp.MustCompile(`href="([a-z0-9-]+/index.html)"`).FindAllSubmatch(az, -1)
	if len(parts) < 5 {
		t.Fatalf("the A-Z index of %d sheets links %d part pages", 200, len(parts))
	}
	links := 0
	for _, m := range parts {
		p := path.Join("piao-2024-2026/indici/indicatori", string(m[1]))
		page, ok := site.Files[p]
		if !ok {
			t.Errorf("part %s not built", p)
		}
		links += strings.Count(string(page), "#ind-")
	}
	var indicators int
	for _, s := range site.Model.Plans[0].Sheets() {
		indicators += len(s.Indicatori)
	}
	if indicators <= splitOver || links != indicators {
		t.Errorf("A-Z parts link %d indicators, want all %d", links, indicators)
	}
}
