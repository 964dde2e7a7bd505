package builder

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/piao-pa/piao/internal/synth"
)

// TestIndexPagesFromStubs: the pages of the indexes listed from the stubs
// that a listing of them left are the pages it listed (path, title,
// trail, dates), without their indexes; and each, as it renders, gets the
// very index, group and indexes it had. The plan is large enough for its
// indexes to have a page per group.
func TestIndexPagesFromStubs(t *testing.T) {
	site := t.TempDir()
	if _, err := synth.GenerateWith(site, synth.Options{Sheets: 400, Seed: 3, Plans: 2}); err != nil {
		t.Fatal(err)
	}
	model, ds := LoadAndCheck(os.DirFS(site))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	w := italian(t)
	first := &indexStubs{}
	eager := pagesWith(model, w, langStubs{first, ""})
	again := &indexStubs{prev: first.next}
	lazy := pagesWith(model, w, langStubs{again, ""})
	if first.taken() != 0 || again.taken() != len(model.Plans) || len(first.next) != len(model.Plans) {
		t.Fatalf("stubs taken %d then %d, recorded for %d plans; want 0, %d, %d", first.taken(), again.taken(), len(first.next), len(model.Plans), len(model.Plans))
	}
	if !reflect.DeepEqual(again.next, first.next) {
		t.Error("the stubs recorded from stubs differ from those recorded from the indexes")
	}
	if len(eager) != len(lazy) {
		t.Fatalf("%d pages listed from stubs, %d from the indexes", len(lazy), len(eager))
	}
	kinds := map[string]int{}
	var listing *page
	for i, e := range eager {
		l := lazy[i]
		if e.Path != l.Path || e.Title != l.Title || e.Kind != l.Kind || e.Plan != l.Plan ||
			e.Published != l.Published || e.Updated != l.Updated || !reflect.DeepEqual(e.trail, l.trail) {
			t.Fatalf("page %d: from stubs %s %q, from the indexes %s %q", i, l.Path, l.Title, e.Path, e.Title)
		}
		if e.Kind != "indexes" && e.Kind != "listing" {
			if l.stubbed() != nil {
				t.Errorf("%s: a page of kind %s listed as an index's", l.Path, l.Kind)
			}
			continue
		}
		if l.stubbed() == nil || l.Group != nil || l.Lists != nil {
			t.Fatalf("%s: listed from stubs with its index", l.Path)
		}
		if e.Kind == "listing" && e.Group == nil && listing == nil {
			c := *l
			listing = &c
		}
		if err := l.stubbed().resolve(l); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(e.List, l.List) || !reflect.DeepEqual(e.Group, l.Group) || !reflect.DeepEqual(e.Lists, l.Lists) {
			t.Fatalf("%s: made as it renders, its index differs from the one listed", l.Path)
		}
		switch {
		case e.Group != nil:
			kinds["group"]++
		default:
			kinds[e.Kind]++
		}
	}
	if kinds["indexes"] != len(model.Plans) || kinds["listing"] == 0 || kinds["group"] == 0 {
		t.Fatalf("pages of the indexes: %v; want a page per plan, indexes, and groups of a split index", kinds)
	}
	// A stub that the indexes made do not have, by its path or its title,
	// fails the page: never the page of another index.
	for _, edit := range []func(*page){
		func(pg *page) { pg.Path = "piano/indici/nessuno/index.html" },
		func(pg *page) { pg.Title = "Un indice che non c'è" },
	} {
		pg := *listing
		edit(&pg)
		err := pg.stubbed().resolve(&pg)
		if !errors.Is(err, errStaleIndexes) || pg.List != nil {
			t.Errorf("%s %q: %v, index %v; want errStaleIndexes", pg.Path, pg.Title, err, pg.List)
		}
		// Told as what it is, not as an error of the theme.
		ds := (&Pages{model: model, src: os.DirFS(site)}).Diagnose(&pageError{&pg, errors.Unwrap(err)})
		if len(ds) != 1 || ds[0].Hint != hintStaleIndexes || !strings.Contains(ds[0].Msg, pg.Path) {
			t.Errorf("%s: told %v", pg.Path, ds)
		}
	}
}
