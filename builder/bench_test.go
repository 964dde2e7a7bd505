package builder

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/piao-pa/piao"
)

// The benchmarks of the build's stages, on synthetic sites of 1,000 and
// 10,000 sheets (package internal/synth), to compare a change with
// benchstat:
//
//	go test -run '^$' -bench 'Stage' -count 6 ./builder > old.txt
//	(change)
//	go test -run '^$' -bench 'Stage' -count 6 ./builder > new.txt
//	benchstat old.txt new.txt
//
// cmd/piaobench (make bench) measures the whole piao build as a process.

var stageSizes = []int{1000, 10000}

func forSizes(b *testing.B, bench func(b *testing.B, dir string)) {
	for _, n := range stageSizes {
		b.Run(fmt.Sprintf("sheets=%d", n), func(b *testing.B) { bench(b, synthDir(b, n)) })
	}
}

// BenchmarkStageLoad reads and decodes every file and runs the rules.
func BenchmarkStageLoad(b *testing.B) {
	forSizes(b, func(b *testing.B, dir string) {
		for b.Loop() {
			if _, ds := LoadAndCheck(os.DirFS(dir)); ds.HasErrors() {
				b.Fatal(ds.Error())
			}
		}
	})
}

// loaded loads and checks the site in dir.
func loaded(b testing.TB, dir string, minify bool) (Input, *Pages) {
	b.Helper()
	in := Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: minify}
	model, ds := LoadAndCheck(in.Site)
	if ds.HasErrors() {
		b.Fatal(ds.Error())
	}
	pages, ds := NewPages(in, model)
	if pages == nil {
		b.Fatal(ds.Error())
	}
	return in, pages
}

// BenchmarkStagePrepare lists the pages and makes every file that is not
// a page: open data, search index, feed, sitemap, assets.
func BenchmarkStagePrepare(b *testing.B) {
	forSizes(b, func(b *testing.B, dir string) {
		in, pages := loaded(b, dir, true)
		for b.Loop() {
			if p, ds := NewPages(in, pages.model); p == nil {
				b.Fatal(ds.Error())
			}
		}
	})
}

// BenchmarkStageIndex builds and encodes the search index.
func BenchmarkStageIndex(b *testing.B) {
	forSizes(b, func(b *testing.B, dir string) {
		_, pages := loaded(b, dir, false)
		for b.Loop() {
			buildSearchIndex(pages.model, italian(b)).encode()
		}
	})
}

// BenchmarkStageRender renders every page, without minifying.
func BenchmarkStageRender(b *testing.B) {
	forSizes(b, func(b *testing.B, dir string) {
		_, pages := loaded(b, dir, false)
		var size int64
		for b.Loop() {
			site, err := pages.All()
			if err != nil {
				b.Fatal(err)
			}
			size = site.Size()
		}
		b.ReportMetric(float64(size), "bytes")
	})
}

// BenchmarkStageMinify minifies every HTML page of the site.
func BenchmarkStageMinify(b *testing.B) {
	forSizes(b, func(b *testing.B, dir string) {
		_, pages := loaded(b, dir, false)
		site, err := pages.All()
		if err != nil {
			b.Fatal(err)
		}
		m := newMinifier()
		var out bytes.Buffer
		for b.Loop() {
			for name, data := range site.Files {
				if path.Ext(name) != ".html" {
					continue
				}
				out.Reset()
				if err := m.Minify("text/html", &out, bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkStageWrite publishes a built site: writes it into a temporary
// folder that takes the place of the previous one.
func BenchmarkStageWrite(b *testing.B) {
	forSizes(b, func(b *testing.B, dir string) {
		_, pages := loaded(b, dir, true)
		site, err := pages.All()
		if err != nil {
			b.Fatal(err)
		}
		dest := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			if err := Publish(site, dest); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStageBuild is the whole of piao build in the process: load,
// check, render, minify, publish.
func BenchmarkStageBuild(b *testing.B) {
	forSizes(b, func(b *testing.B, dir string) {
		dest := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
			if site == nil {
				b.Fatal(ds.Error())
			}
			if err := Publish(site, dest); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRenderKind renders the pages of one kind at a time, one page
// per iteration, on 1,000 sheets: the cost of a page of each kind, for
// changes to one template.
func BenchmarkRenderKind(b *testing.B) {
	_, pages := loaded(b, synthDir(b, 1000), false)
	byKind := map[string][]*page{}
	for _, name := range pages.Paths() {
		if pg := pages.pages[name]; pg != nil {
			byKind[pg.Kind] = append(byKind[pg.Kind], pg)
		}
	}
	for _, kind := range []string{"sheet", "listing", "unit", "area", "line", "fullplan"} {
		b.Run(kind, func(b *testing.B) {
			list := byKind[kind]
			if len(list) == 0 {
				b.Fatalf("no %s page", kind)
			}
			b.ReportMetric(float64(renderEach(b, pages, list)), "bytes/page")
		})
	}
}

// BenchmarkRenderSheetCycle renders the sheet pages of the example plans
// of the performance cycle (testdata/plans/f-ciclo), one page per
// iteration: indicators with results and monitoring, which the generated
// sheets of BenchmarkRenderKind lack.
func BenchmarkRenderSheetCycle(b *testing.B) {
	_, pages := loaded(b, "testdata/plans/f-ciclo", false)
	var list []*page
	for _, name := range pages.Paths() {
		if pg := pages.pages[name]; pg != nil && pg.Kind == "sheet" && !pg.Original {
			list = append(list, pg)
		}
	}
	renderEach(b, pages, list)
}

// renderEach renders the pages of list in turn, one an iteration, and
// gives the size of the last.
func renderEach(b *testing.B, pages *Pages, list []*page) int {
	var buf bytes.Buffer
	i := 0
	for b.Loop() {
		cp := *list[i%len(list)]
		buf.Reset()
		if err := pages.r.renderTo(&cp, &buf); err != nil {
			b.Fatal(err)
		}
		i++
	}
	return buf.Len()
}
