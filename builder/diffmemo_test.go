package builder

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/worddiff"
)

// TestDiffMemo: page.diff gives what worddiff gives for the page's
// language, works each change out once per renderer (the second page
// asking gets the very spans the first got), keeps a change it has no
// difference for as none, tells changes apart by both their texts, and
// holds under pages rendering at once.
func TestDiffMemo(t *testing.T) {
	r := &renderer{words: &words{}, diffs: &sync.Map{}}
	pg, other := &page{r: r}, &page{r: r}
	changes := [][2]string{
		{"Numero di pratiche evase entro 30 giorni dalla domanda", "Numero di pratiche evase entro 20 giorni dalla domanda"},
		{"Numero di pratiche evase entro 30 giorni dalla domanda", "Numero di pratiche evase entro 25 giorni dalla domanda"},
		{"Numero di pratiche evase entro 20 giorni dalla domanda", "Numero di pratiche evase entro 30 giorni dalla domanda"},
		{"100%", "90%"},
		{"Tutt'altro testo, senza nulla in comune", "Numero di pratiche evase entro 20 giorni dalla domanda"},
	}
	helped := 0
	for _, c := range changes {
		want, ok := worddiff.Diff(r.words.Plain(c[0]), r.words.Plain(c[1]))
		if !ok {
			want = nil
		} else {
			helped++
		}
		got := pg.diff(c[0], c[1])
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q → %q: %v, want %v", c[0], c[1], got, want)
		}
		again := other.diff(c[0], c[1])
		if !reflect.DeepEqual(again, got) || len(got) > 0 && &again[0] != &got[0] {
			t.Errorf("%q → %q: worked out again for another page", c[0], c[1])
		}
	}
	if helped < 3 || helped == len(changes) {
		t.Fatalf("%d of %d changes have a difference: the cases test too little", helped, len(changes))
	}
	if _, ok := r.diffs.Load(diffKey{changes[4][0], changes[4][1]}); !ok {
		t.Error("a change without a difference is not kept: it is worked out on every page")
	}
	var wg sync.WaitGroup
	fresh := &renderer{words: &words{}, diffs: &sync.Map{}}
	for range 8 {
		wg.Go(func() {
			p := &page{r: fresh}
			for _, c := range changes {
				want := pg.diff(c[0], c[1])
				if got := p.diff(c[0], c[1]); !reflect.DeepEqual(got, want) {
					t.Errorf("%q → %q at once: %v, want %v", c[0], c[1], got, want)
				}
			}
		})
	}
	wg.Wait()
}

// TestNameMemo: page.shortName gives shortName of the description's plain
// text, works each description out once per renderer, and tells apart
// descriptions that differ only past the cut.
func TestNameMemo(t *testing.T) {
	r := &renderer{words: &words{}, names: &sync.Map{}}
	pg, other := &page{r: r}, &page{r: r}
	long := "Numero di pratiche del registro delle imprese evase entro i termini di legge rispetto al totale delle pratiche pervenute nell'anno"
	for _, desc := range []string{
		"Percentuale di riscossione del diritto annuale",
		long,
		long + " solare", // cut at the same place: the same name, from a description of its own
		"Numero  di   pratiche\tevase",
	} {
		wantName, wantCut := shortName(r.words.Plain(desc))
		name, cut := pg.shortName(desc)
		if name != wantName || cut != wantCut {
			t.Errorf("%q: %q %v, want %q %v", desc, name, cut, wantName, wantCut)
		}
		if _, ok := r.names.Load(desc); !ok {
			t.Errorf("%q: not kept", desc)
		}
		if again, againCut := other.shortName(desc); again != name || againCut != cut {
			t.Errorf("%q: another page got %q %v", desc, again, againCut)
		}
	}
	if n, cut := pg.shortName(long); !cut || n == long {
		t.Fatalf("%q is not cut: the case tests too little", long)
	}
	none := &page{r: &renderer{words: &words{}}} // a renderer without a memo works them out each time
	if n, _ := none.shortName(long); n != func() string { s, _ := shortName(long); return s }() {
		t.Errorf("without a memo: %q", n)
	}
}

// TestFieldEntryMemo: page.fieldIndexURL links a value's entry in a
// field's index as worked out anew, from pages of any depth, keeping each
// entry once per renderer, and tells apart the plans and the fields that
// share a value.
func TestFieldEntryMemo(t *testing.T) {
	a, b := &plan.Plan{Slug: "piao-2024-2026"}, &plan.Plan{Slug: "piao-2025-2027"}
	r := &renderer{words: &words{}, fieldEntries: &sync.Map{}}
	none := &renderer{words: &words{}} // a renderer without a memo works them out each time
	for _, p := range []*plan.Plan{a, b} {
		for _, path := range []string{"index.html", "piao-2024-2026/operativi/00042/index.html", "piao-2024-2026/operativi/00042/originale/index.html"} {
			for _, folder := range []string{"fonti", "tipologie"} {
				for _, value := range []string{"Interna", " Realizzazione fisica ", "Unità di misura è già", "interna"} {
					got := (&page{r: r, Plan: p, Path: path}).fieldIndexURL(folder, value)
					want := (&page{r: none, Plan: p, Path: path}).Rel(listingPath(p, folder) + "#" + slug(strings.TrimSpace(value)))
					if got != want {
						t.Errorf("%s, %s, %q from %s: %q, want %q", p.Slug, folder, value, path, got, want)
					}
					if again := (&page{r: none, Plan: p, Path: path}).fieldIndexURL(folder, value); again != want {
						t.Errorf("without a memo: %q, want %q", again, want)
					}
				}
			}
		}
	}
	n := 0
	r.fieldEntries.Range(func(_, _ any) bool { n++; return true })
	if n != 2*2*4 {
		t.Errorf("%d entries kept, want one for each plan, field and value (16)", n)
	}
}

// TestBodyMemo: renderer.body renders a body as the words' Doc does with
// the options given, keeps the HTML of a body that renders the same with
// any options (and only that, within bodyMemoBytes), and a renderer made
// for another build starts with none kept: piao serve, which renders
// again after every save, never keeps the bodies saved before.
func TestBodyMemo(t *testing.T) {
	pages := preparedSynth(t, 20)
	r := pages.r
	doc := r.words.doc
	plainBody := "Un testo *semplice*, su\ndue righe."
	heading := "## Titolo\n\nTesto."
	a, b := markup.DocOptions{Level: 2}, markup.DocOptions{Level: 4, Prefix: "s1-"}
	for _, src := range []string{plainBody, heading} {
		for _, opt := range []markup.DocOptions{a, b, a} {
			if got, want := r.body(src, opt), doc.Render(src, opt); got != want {
				t.Errorf("%q, level %d: %q, want %q", src, opt.Level, got, want)
			}
		}
	}
	if _, ok := r.bodies.html.Load(plainBody); !ok {
		t.Error("a body the same on every page not kept")
	}
	if _, ok := r.bodies.html.Load(heading); ok {
		t.Error("a body with a heading kept")
	}
	m := markup.Mark{Start: 3, End: 8, Label: "<span>ora</span>"}
	marked := "Un altro testo semplice."
	if got, want := r.body(marked, markup.DocOptions{Marks: []markup.Mark{m}}), doc.Render(marked, markup.DocOptions{Marks: []markup.Mark{m}}); got != want {
		t.Errorf("with marks: %q, want %q", got, want)
	}
	if _, ok := r.bodies.html.Load(marked); ok {
		t.Error("a body rendered with marks kept")
	}
	r.bodies.size.Store(bodyMemoBytes - 10)
	if r.body(marked, a); func() bool { _, ok := r.bodies.html.Load(marked); return ok }() {
		t.Error("a body kept past the bound")
	}
	r.attach(&theme{words: r.words}, r.site, nil, nil, nil) // the next build's
	if _, ok := r.bodies.html.Load(plainBody); ok {
		t.Error("a body kept from one build to the next")
	}
}
