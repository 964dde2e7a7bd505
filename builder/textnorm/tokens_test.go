package textnorm

import (
	"slices"
	"testing"
)

// TestSameDate: the ways a citizen may write a date are one query term,
// and a text with the date and its year is found by each of them.
func TestSameDate(t *testing.T) {
	groups := []struct {
		forms []string
		text  string // a text they all find
	}{
		{[]string{"30.06", "30/06", "30-06", "30 giugno", "30 GIUGNO", "30\u00a0giugno"}, "entro il 30.06.2024"},
		{[]string{"30.06.2024", "30/06/2024", "30-06-2024", "30 giugno 2024", "2024-06-30", "2024/6/30"}, "Entro 30 giugno 2024"},
		{[]string{"01.07", "1/07", "1-07", "1° luglio", "1º luglio", "01 luglio"}, "scadenza: 1/7/2024"},
		{[]string{"12.09.2024", "12/9/2024", "12 settembre 2024"}, "deliberazione n. G/59 del 12.09.2024"},
	}
	for _, g := range groups {
		want := QueryTerms(g.forms[0])
		if len(want) != 1 {
			t.Fatalf("QueryTerms(%q) = %q, want one term", g.forms[0], want)
		}
		for _, f := range g.forms[1:] {
			if got := QueryTerms(f); !slices.Equal(got, want) {
				t.Errorf("QueryTerms(%q) = %q, want %q like %q", f, got, want, g.forms[0])
			}
		}
		if terms := Terms(g.text); !slices.Contains(terms, want[0]) {
			t.Errorf("Terms(%q) = %q, want %q among them", g.text, terms, want[0])
		}
	}
}

// TestNotDates: codes, amounts, times, periods and impossible dates stay
// as they are written.
func TestNotDates(t *testing.T) {
	for _, s := range []string{"4.2", "1.11", "2.6", "9.30", "12.50", "1.105.500,00", "32.13", "31.13.2024",
		"00.06", "30.00", "30.06.24", "4.2.1"} {
		if got := Words(s); !slices.Equal(got, []string{s}) {
			t.Errorf("Words(%q) = %q, want it as written", s, got)
		}
	}
	tests := []struct {
		in   string
		want []string
	}{
		{"2024-2026", []string{"2024", "2026"}},
		{"2021/2027", []string{"2021", "2027"}},
		{"n. 38/2024", []string{"38", "2024"}},
		{"1/2", []string{"1", "2"}},
		{"30 giugnoo", []string{"30", "giugnoo"}},
		{"32 giugno", []string{"32", "giugno"}},
		{"giugno 30", []string{"giugno", "30"}},
		{"RI/REA TMR/TMP", []string{"ri", "rea", "tmr", "tmp"}},
		{"gestionale/ economica", []string{"gestionale", "economica"}},
		{"ABCDE/12", []string{"abcde", "12"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestActs: an act is one term, also found by its number.
func TestActs(t *testing.T) {
	tests := []struct {
		in          string
		words, more []string
	}{
		{"deliberazione n. G/59", []string{"deliberazione", "g/59"}, []string{"deliberazion", "g/59", "59"}},
		{"DG/123 del 2024", []string{"dg/123", "2024"}, []string{"dg/123", "123", "2024"}},
		{"(G/59)", []string{"g/59"}, []string{"g/59", "59"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.words) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.words)
		}
		if got := Terms(tt.in); !slices.Equal(got, tt.more) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.more)
		}
	}
	if got := QueryTerms("G/59"); !slices.Equal(got, []string{"g/59"}) {
		t.Errorf("QueryTerms(G/59) = %q", got)
	}
}

// TestScanMadeAtSize: scan's list is made as long as the words that
// begin in the text, and no token is beyond it (it is never grown):
// dates, acts, numbers and compounds included. Terms and Words give nil
// for a text without a term, as ever.
func TestScanMadeAtSize(t *testing.T) {
	texts := []string{
		"", "di il la", "Entro il 30/06/2024 e il 1° luglio 2024, la delibera G/59 (n. 4.2): € 1.105.500,00.",
		"Zahlungsfristen 30. Juni 2024 – Beschluss Nr. 12/2024", "a.b,c 1.2.3 ,,, 12,5% 2024-07-01T10:00",
		"l'ufficio dell'ente: SG3/B, SUAP; «più» — fine",
	}
	for _, lang := range []*Lang{Italian, German, English} {
		for _, s := range texts {
			toks := lang.scan([]rune(Fold(s)))
			starts := 0
			rs := []rune(Fold(s))
			for i, r := range rs {
				if isWordRune(r) && (i == 0 || !isWordRune(rs[i-1])) {
					starts++
				}
			}
			if cap(toks) != starts { // a list grown by append has another size
				t.Errorf("%q: %d tokens in a list of %d, for %d words", s, len(toks), cap(toks), starts)
			}
		}
		if lang.Terms("") != nil || lang.Words("") != nil || lang.Terms(". , ;") != nil {
			t.Errorf("a text without terms does not give nil")
		}
	}
}
