package builder

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/piao-pa/piao"
)

// TestPagesMatchBuild renders the example site file by file and compares
// every file with what Build gives it.
func TestPagesMatchBuild(t *testing.T) {
	for _, minify := range []bool{false, true} {
		in := Input{Site: os.DirFS(".."), Themes: piao.Themes, Minify: minify}
		want, ds := Build(in)
		if want == nil {
			t.Fatalf("Build: %s", ds.Error())
		}
		model, ds := LoadAndCheck(in.Site)
		if ds.HasErrors() {
			t.Fatal(ds.Error())
		}
		pages, ds := NewPages(in, model)
		if pages == nil {
			t.Fatalf("NewPages: %s", ds.Error())
		}
		if !slices.Equal(pages.Paths(), want.Paths()) {
			t.Fatalf("minify=%v: Paths() = %v, want %v", minify, pages.Paths(), want.Paths())
		}
		if pages.Count() != want.Pages {
			t.Errorf("Count() = %d, want %d", pages.Count(), want.Pages)
		}
		for _, p := range pages.Paths() {
			got, err := pages.Render(p)
			if err != nil {
				t.Fatalf("Render(%s): %v", p, err)
			}
			if !bytes.Equal(got, want.Files[p]) {
				t.Errorf("minify=%v: Render(%s) differs from Build", minify, p)
			}
		}
	}
}

// TestPagesSheetFile checks which pages show one sheet only.
func TestPagesSheetFile(t *testing.T) {
	in := Input{Site: os.DirFS(".."), Themes: piao.Themes}
	model, _ := LoadAndCheck(in.Site)
	pages, _ := NewPages(in, model)
	tests := map[string]string{
		"piao-2024-2026/operativi/suap/index.html":                             "content/piao-2024-2026/operativi/suap.yaml",
		"piao-2024-2026/operativi/metrologia-convenzioni/originale/index.html": "content/piao-2024-2026/operativi/metrologia-convenzioni.yaml",
		"piao-2024-2026/operativi/registro-imprese/index.html":                 "content/piao-2024-2026/operativi/registro-imprese.md",
		"piao-2024-2026/strategici/linea-1/index.html":                         "", // lists the operational sheets of its objectives
		"piao-2024-2026/strategici/linea-1/originale/index.html":               "content/piao-2024-2026/strategici/linea-1.yaml",
		"index.html":                           "",
		"piao-2024-2026/unita/suap/index.html": "",
		"assets/css/piao.css":                  "",
	}
	for p, want := range tests {
		if got := pages.SheetFile(p); got != want {
			t.Errorf("SheetFile(%s) = %q, want %q", p, got, want)
		}
	}
	if _, err := pages.Render("nope/index.html"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Render of a missing page: err = %v", err)
	}
}

// TestVerifySample: piao check's sample renders one page of every kind,
// the one that shows least (the first in order of those); in all, fewer
// bytes than the first page of every kind, which it sampled before.
func TestVerifySample(t *testing.T) {
	in := Input{Site: os.DirFS(".."), Themes: piao.Themes, Minify: true}
	model, ds := LoadAndCheck(in.Site)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	pages, ds := NewPages(in, model)
	if pages == nil {
		t.Fatal(ds.Error())
	}
	sample := pages.sample()
	first := map[string]string{}  // kind → its first page in order
	chosen := map[string]string{} // kind → the page sampled
	for _, name := range pages.Paths() {
		pg := pages.pages[name]
		if pg == nil {
			continue
		}
		kind := sampleKind(pg)
		if first[kind] == "" {
			first[kind] = name
		}
		if sample[name] {
			if chosen[kind] != "" {
				t.Errorf("kind %s sampled twice: %s and %s", kind, chosen[kind], name)
			}
			chosen[kind] = name
		}
	}
	if len(chosen) != len(first) || len(sample) != len(first) {
		t.Fatalf("sampled %d pages of %d kinds, %d kinds in all", len(sample), len(chosen), len(first))
	}
	for _, name := range pages.Paths() {
		pg := pages.pages[name]
		if pg == nil {
			continue
		}
		c := pages.pages[chosen[sampleKind(pg)]]
		if w, cw := sampleWeight(pg), sampleWeight(c); w < cw || (w == cw && name < c.Path) {
			t.Errorf("%s (weight %d) is lighter than %s sampled (weight %d)", name, w, c.Path, cw)
		}
	}
	size := func(names map[string]string) int {
		n := 0
		for _, name := range names {
			b, err := pages.Render(name)
			if err != nil {
				t.Fatal(err)
			}
			n += len(b)
		}
		return n
	}
	if got, before := size(chosen), size(first); got >= before {
		t.Errorf("the sample renders %d bytes, the first page of each kind %d", got, before)
	} else {
		t.Logf("%d kinds: the sample renders %d bytes, the first page of each kind %d", len(chosen), got, before)
	}
}

// TestPageTrails: the pages of a plan share its trail and take their own
// step, their title, only when their breadcrumb is made; every page's
// breadcrumb ends with that step.
func TestPageTrails(t *testing.T) {
	site, ds := LoadAndCheck(os.DirFS(".."))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	var shared *crumb
	sheets := 0
	for _, pg := range pagesOf(site, italian(t)) {
		steps := pg.steps()
		if len(steps) == 0 {
			continue
		}
		if last := steps[len(steps)-1]; last.Title != pg.Title || last.URL != "" {
			t.Errorf("%s: breadcrumb ends with %+v, want its title %q", pg.Path, last, pg.Title)
		}
		if pg.Kind != "sheet" {
			continue
		}
		sheets++
		if !pg.titled || len(pg.trail) != len(steps)-1 {
			t.Fatalf("%s: trail of %d steps, titled %v: the page holds its own step", pg.Path, len(pg.trail), pg.titled)
		}
		if shared == nil {
			shared = &pg.trail[0]
		} else if &pg.trail[0] != shared {
			t.Errorf("%s: a trail of its own, not its plan's", pg.Path)
		}
	}
	if sheets < 2 {
		t.Errorf("%d sheet pages, want the example's", sheets)
	}
}

// TestPageSize: a large plan lists a page for each sheet, and another
// for each revised one; a page takes at most 288 bytes (the allocator's
// class below 320), its flags side by side.
func TestPageSize(t *testing.T) {
	if n := unsafe.Sizeof(page{}); n > 288 {
		t.Errorf("a page takes %d bytes, want at most 288", n)
	}
}
