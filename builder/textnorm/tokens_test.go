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

// TestScanReusesItsList: the tokens of a pooled buffer's runes are
// scanned into the buffer's own list, the same array from one text to the
// next once it is large enough, and they are the tokens a new list gets; the
// buffer given back keeps no word. AppendTerms appends what Terms gives,
// into the room it is lent. Terms and Words give nil for a text without
// a term, as ever.
func TestScanReusesItsList(t *testing.T) {
	texts := []string{
		"", "di il la", "Entro il 30/06/2024 e il 1° luglio 2024, la delibera G/59 (n. 4.2): € 1.105.500,00.",
		"Zahlungsfristen 30. Juni 2024 – Beschluss Nr. 12/2024", "a.b,c 1.2.3 ,,, 12,5% 2024-07-01T10:00",
		"l'ufficio dell'ente: SG3/B, SUAP; «più» — fine",
	}
	for _, lang := range []*Lang{Italian, German, English} {
		b := &runes{tokens: make([]token, 0, 64)}
		array := &b.tokens[:1][0]
		for _, s := range texts {
			b.r = []rune(Fold(s))
			got := b.scan(lang)
			if want := lang.appendTokens(nil, []rune(Fold(s))); !slices.EqualFunc(got, want, func(a, b token) bool {
				return a.word == b.word && a.end == b.end && slices.Equal(a.extra, b.extra)
			}) {
				t.Errorf("%q: the buffer's tokens %v, scan's %v", s, got, want)
			}
			if cap(b.tokens) == 0 || &b.tokens[:1][0] != array {
				t.Errorf("%q: scanned into a new list", s)
			}
		}
		b.release()
		if w := b.tokens[:cap(b.tokens)][0].word; w != "" || len(b.tokens) != 0 {
			t.Errorf("a buffer given back keeps its words (%q, %d tokens)", w, len(b.tokens))
		}
		room := make([]string, 0, 64)
		for _, s := range texts {
			got := lang.AppendTerms(append(room[:0], "x"), s)
			if want := append([]string{"x"}, lang.Terms(s)...); !slices.Equal(got, want) || &got[0] != &room[:1][0] {
				t.Errorf("%q: AppendTerms gives %q (in its room: %v), want %q", s, got, &got[0] == &room[:1][0], want)
			}
		}
		if lang.Terms("") != nil || lang.Words("") != nil || lang.Terms(". , ;") != nil {
			t.Errorf("a text without terms does not give nil")
		}
	}
}
