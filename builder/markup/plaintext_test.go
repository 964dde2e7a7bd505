package markup

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlainTextSameAsContainsAny: plainText, a byte at a time against its
// table, says of every string what strings.ContainsAny says of it with
// markdownChars: on each character of the set alone and among others, on
// invalid UTF-8, and on 5,000 random strings of the bytes that matter.
func TestPlainTextSameAsContainsAny(t *testing.T) {
	cases := []string{"", "testo semplice", "\xff\xfe", "è già", "a\x00b"}
	for _, c := range markdownChars {
		cases = append(cases, string(c), "prima "+string(c)+" dopo", "\xff"+string(c))
	}
	alphabet := []string{"a", " ", "*", "_", "`", "[", "]", "<", ">", "!", "\\", "&", "~", "é", "\xff", "\x80", "(", "#", "\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(40) {
			if rng.IntN(3) == 0 {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			} else {
				b.WriteString("x")
			}
		}
		cases = append(cases, b.String())
	}
	plain := 0
	for _, s := range cases {
		want := !strings.ContainsAny(s, markdownChars)
		if got := plainText(s); got != want {
			t.Fatalf("plainText(%q) = %v, strings.ContainsAny says %v", s, got, want)
		}
		if want {
			plain++
		}
	}
	if plain == 0 || plain == len(cases) {
		t.Fatalf("the cases are all of one kind (%d plain of %d): they test nothing", plain, len(cases))
	}
}
