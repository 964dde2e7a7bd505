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
