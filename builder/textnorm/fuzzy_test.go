package textnorm

import "testing"

func TestMaxEdits(t *testing.T) {
	tests := []struct {
		w    string
		want int
	}{
		{"", 0}, {"oiv", 0}, {"smvp", 0}, {"tempi", 1}, {"registro", 1}, {"pagamneti", 2},
		{"digitalizzazione", 2}, {"x1000", 0}, {"4.2", 0}, {"g/59", 0}, {"30.06", 0}, {"pagamento2", 0},
	}
	for _, tt := range tests {
		if got := MaxEdits(tt.w); got != tt.want {
			t.Errorf("MaxEdits(%q) = %d, want %d", tt.w, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int // with no bound
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "abc", 0},
		{"pagamnet", "pagament", 1},    // two letters swapped: one edit
		{"pagament", "pagamento", 1},   // one inserted
		{"transizon", "transizion", 1}, // one dropped
		{"ecologc", "ecologic", 1},
		{"registr", "regitsr", 1}, {"registr", "rigistra", 2},
		{"ca", "abc", 3}, // the optimal string alignment distance, not Damerau's (2)
		{"kitten", "sitting", 3},
		{"temp", "tem", 1},
	}
	for _, tt := range tests {
		for max := 0; max <= 4; max++ {
			want := min(tt.want, max+1)
			if got := Distance(tt.a, tt.b, max); got != want {
				t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, max, got, want)
			}
			if got := Distance(tt.b, tt.a, max); got != want {
				t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.b, tt.a, max, got, want)
			}
		}
	}
}

// TestTypoFindsWord: the example's typo reaches the word's term within
// the edits its length allows.
func TestTypoFindsWord(t *testing.T) {
	tests := []struct{ typo, word string }{
		{"pagamneti", "pagamenti"}, {"transizone", "transizione"}, {"ecologca", "ecologica"},
		{"registor", "registro"}, {"anticoruzione", "anticorruzione"},
	}
	for _, tt := range tests {
		q, term := QueryTerms(tt.typo)[0], QueryTerms(tt.word)[0]
		if d := Distance(q, term, MaxEdits(tt.typo)); d > MaxEdits(tt.typo) {
			t.Errorf("%q (%q) is %d edits from %q (%q), more than %d", tt.typo, q, d, tt.word, term, MaxEdits(tt.typo))
		}
	}
}
