package textnorm

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

type wordCase struct {
	in   string
	want []string
}

// wordsFile is the list of words of language l: testdata/parole.txt for
// Italian, testdata/parole-LANG.txt for the others.
func wordsFile(l *Lang) string {
	if l == Italian {
		return "testdata/parole.txt"
	}
	return "testdata/parole-" + l.Code + ".txt"
}

// readWords reads the words of language l: input, a tab, the expected
// terms.
func readWords(t *testing.T, l *Lang) []wordCase {
	t.Helper()
	b, err := os.ReadFile(wordsFile(l))
	if err != nil {
		t.Fatal(err)
	}
	var out []wordCase
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s:%d: no tab", wordsFile(l), i+1)
		}
		out = append(out, wordCase{in, strings.Fields(want)})
	}
	if len(out) < 20 {
		t.Fatalf("%s: %d cases, want the whole list", wordsFile(l), len(out))
	}
	return out
}

// TestTermsWordLists: each language's list of words gives the terms it
// says.
func TestTermsWordLists(t *testing.T) {
	for _, l := range langs {
		for _, c := range readWords(t, l) {
			got := l.Terms(c.in)
			if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("%s: Terms(%q) = %q, want %q", l.Code, c.in, got, c.want)
			}
		}
	}
}

// TestSameTerm: the forms a citizen may type for one word meet.
func TestSameTerm(t *testing.T) {
	groups := [][]string{
		{"attività", "attivita", "ATTIVITA'", "Attività", "ATTIVITÀ", "attivita\u0300"},
		{"pagamento", "pagamenti", "Pagamènti", "PAGAMENTO"},
		{"impresa", "imprese", "IMPRESE"},
		{"tempo", "tempi"},
		{"pubblico", "pubblica", "pubblici", "pubbliche"},
		{"servizio", "servizi"},
		{"comunicazione", "comunicazioni"},
		{"sede", "sedi"},
		{"Ente", "dell'Ente", "dell’Ente", "DELL'ENTE", "all'ente"},
	}
	for _, g := range groups {
		want := Terms(g[0])
		if len(want) != 1 {
			t.Fatalf("Terms(%q) = %q, want one term", g[0], want)
		}
		for _, w := range g[1:] {
			if got := Terms(w); !slices.Equal(got, want) {
				t.Errorf("Terms(%q) = %q, want %q like %q", w, got, want, g[0])
			}
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ATTIVITÀ", "attivita"},
		{"Perché così", "perche cosi"},
		{"e\u0301", "e"}, // decomposed é
		{"Città dell’Ente", "citta dell’ente"},
		{"€ ≤ 20%", "€ ≤ 20%"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldTablesNotASCII: Fold writes an ASCII rune lowered without
// looking it up, so neither table may hold one.
func TestFoldTablesNotASCII(t *testing.T) {
	for r := range foldTable {
		if r < 0x80 {
			t.Errorf("foldTable folds ASCII %q", r)
		}
	}
	for r := range foldMulti {
		if r < 0x80 {
			t.Errorf("foldMulti folds ASCII %q", r)
		}
	}
	// And every ASCII rune, in a text that is not ASCII, as the tables
	// and unicode.ToLower would fold it.
	for r := rune(0); r < 0x80; r++ {
		if got, want := Fold("è"+string(r)), "e"+string(unicode.ToLower(r)); got != want {
			t.Errorf("Fold(%q) = %q, want %q", "è"+string(r), got, want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Il piano dell'Ente e le sue imprese", []string{"piano", "ente", "imprese"}},
		{"data 31.12.2023, poi 4.2.", []string{"data", "31.12.2023", "poi", "4.2"}},
		{"a, b, c: 1, 2", []string{"1", "2"}},
		{"G/59 x100", []string{"g/59", "x100"}},
		{"entro il 30 giugno, poi 1/07 e 30-06-2024", []string{"entro", "30.06", "poi", "01.07", "30.06.2024"}},
		{"30 giugno2024 30.06,5 30.06.24 4.2.1", []string{"30", "giugno2024", "30.06,5", "30.06.24", "4.2.1"}},
		{"ABCDE/1 a/1/2 G/59.1", []string{"abcde", "1", "a/1", "2", "59.1"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"imprese", "impres"}, {"impresa", "impres"},
		{"servizio", "serviz"}, {"servizi", "serviz"},
		{"pratiche", "pratic"}, {"pratica", "pratic"},
		{"bianchi", "bianc"}, {"bianco", "bianc"},
		{"mese", "mes"}, {"del", "del"}, {"tmr", "tmr"}, {"2024", "2024"}, {"output", "output"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStopWords(t *testing.T) {
	list := StopWords()
	if !slices.IsSorted(list) {
		t.Error("the stop list is not sorted")
	}
	for _, w := range list {
		if got := Words("piano " + w + " piano"); Fold(w) != w || !slices.Equal(got, []string{"piano", "piano"}) {
			t.Errorf("stop word %q is not dropped", w)
		}
	}
	for _, w := range []string{"piano", "ente", "registro", "imprese"} {
		if IsStop(w) {
			t.Errorf("%q is a stop word", w)
		}
	}
}
