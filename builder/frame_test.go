package builder

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// renderAll renders every page of the site in dir, with the frame cache
// on or off.
func renderAll(t *testing.T, dir string, frames bool) (map[string][]byte, *Pages) {
	t.Helper()
	_, pages := loaded(t, dir, false)
	if !frames {
		for _, pg := range pages.pages {
			pg.r.frames = nil
		}
	}
	out := map[string][]byte{}
	for name, pg := range pages.pages {
		b, err := pg.r.render(pg)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out, pages
}

// TestFrameCacheSameOutput: every page rendered with the header and
// footer kept from an earlier page is the page rendered whole, in the
// example site and in every example plan (one of several languages among
// them, where each page's header links its own twins).
func TestFrameCacheSameOutput(t *testing.T) {
	dirs := []string{exampleSite(t)}
	plans, err := filepath.Glob("testdata/plans/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, plans...)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cached, pages := renderAll(t, dir, true)
			if pages.r.frames == nil {
				t.Fatal("the built-in theme renders without the frame cache")
			}
			if len(pages.r.frames.byID) == 0 {
				t.Fatal("no frame was kept")
			}
			whole, _ := renderAll(t, dir, false)
			if len(cached) != len(whole) {
				t.Fatalf("%d pages with the cache, %d without", len(cached), len(whole))
			}
			for name, b := range whole {
				if !bytes.Equal(cached[name], b) {
					t.Errorf("%s differs when its header and footer come from the cache", name)
				}
			}
		})
	}
}

// TestFrameCacheOffWithSiteTheme: a site theme whose header shows the
// page's title gets each page's own header: the cache, which keys the
// built-in header by the frame alone, is not used.
func TestFrameCacheOffWithSiteTheme(t *testing.T) {
	dir := exampleSite(t)
	base, err := os.ReadFile("../themes/default/layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	mine := strings.Replace(string(base), `<a class="skip"`, `<p class="mine">{{.Title}}</p><a class="skip"`, 1)
	if mine == string(base) {
		t.Fatal("the built-in header has no skip link to mark")
	}
	layouts := filepath.Join(dir, "themes", "default", "layouts")
	if err := os.MkdirAll(layouts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(layouts, "base.html"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	out, pages := renderAll(t, dir, true)
	if pages.r.frames != nil {
		t.Fatal("a site theme is rendered with the frame cache")
	}
	titles := map[string]bool{}
	for name, pg := range pages.pages {
		if pg.Kind != "sheet" || strings.ContainsAny(pg.Title, `&<>"'+`) { // escaped in the page
			continue
		}
		want := `<p class="mine">` + pg.Title + `</p>`
		if !bytes.Contains(out[name], []byte(want)) {
			t.Errorf("%s: header without its own title %q", name, want)
		}
		titles[pg.Title] = true
	}
	if len(titles) < 2 {
		t.Fatalf("%d sheet titles: the test needs pages that differ", len(titles))
	}
}

// TestAppendKeyUnambiguous: values of the frame that differ have keys that
// differ, where a plain concatenation would join them (strings cut
// elsewhere, a nil pointer and a pointer to an empty value, an empty and
// a one-element list, a field moved to the next), and a kind the key
// cannot write is refused.
func TestAppendKeyUnambiguous(t *testing.T) {
	type pair struct{ A, B string }
	type frame struct {
		P    pair
		Nav  *navPlan
		Ls   []langLink
		On   bool
		N    int
		Note template.HTML
	}
	values := []frame{
		{},
		{P: pair{"ab", "c"}},
		{P: pair{"a", "bc"}},
		{P: pair{"", "abc"}},
		{P: pair{"abc", ""}},
		{Nav: &navPlan{}},
		{Nav: &navPlan{Title: "n"}},
		{Ls: []langLink{}}, // as nil for a template: the same key
		{Ls: []langLink{{}}},
		{Ls: []langLink{{Lang: "de"}}},
		{Ls: []langLink{{Lang: "d"}, {Lang: "e"}}},
		{On: true},
		{N: 1},
		{N: -1},
		{Note: "x"},
		{P: pair{"1:", "x"}},
		{P: pair{"1", ":x"}},
	}
	seen := map[string]int{}
	for i, v := range values {
		b, err := appendKey(nil, reflect.ValueOf(v))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if j, ok := seen[string(b)]; ok && !(i == 7 && j == 0) {
			t.Errorf("%+v and %+v have the same key %q", values[j], v, b)
		}
		seen[string(b)] = i
	}
	if len(seen) != len(values)-1 {
		t.Errorf("%d keys for %d values, one of them the same as the empty frame's", len(seen), len(values))
	}
	for _, v := range []any{map[string]string{"a": "b"}, struct{ F func() }{}, 1.5} {
		if _, err := appendKey(nil, reflect.ValueOf(v)); err == nil {
			t.Errorf("%T: a key without an error", v)
		}
	}
	if _, err := appendKey(nil, reflect.ValueOf(chromeView{Plan: &navPlan{}, Links: []link{{}}, Langs: []langLink{{}}})); err != nil {
		t.Errorf("the frame itself: %v", err)
	}
}
