package builder

import (
	"reflect"
	"sync"
	"testing"

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
