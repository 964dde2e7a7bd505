package textnorm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The search script carries its own copy of the normaliser, and each other
// language's rules are in a script of their own. This test runs them under
// Node, for each language, on the word lists of testdata/parole*.txt,
// every stop word, every line of the example site's content, dates and
// acts written every way, random strings of the characters dates are made
// of, and some awkward strings, and requires the same words and terms as
// the Go normaliser. TestScriptEditsMatchGo does the same for typo
// tolerance.

const (
	searchScript = "../../themes/default/assets/js/search.js"
	harness      = "../testdata/searchjs/harness.js"
)

// langScript is the search script's copy of a language's rules; Italian's
// are in the search script itself.
func langScript(l *Lang) []string {
	if l == Italian {
		return nil
	}
	return []string{"../../themes/default/assets/js/lingue/" + l.Code + ".js"}
}

// runHarness runs the harness in mode on input and decodes its answer.
func runHarness(t *testing.T, mode string, input, answer any, args ...string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("Node.js is needed to test the search script: %v", err)
	}
	in, _ := json.Marshal(input)
	cmd := exec.Command(node, append([]string{harness, mode, searchScript}, args...)...)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(out, answer); err != nil {
		t.Fatal(err)
	}
}

func TestScriptNormaliserMatchesGo(t *testing.T) {
	for _, l := range langs {
		t.Run(l.Code, func(t *testing.T) { scriptMatchesGo(t, l) })
	}
}

func scriptMatchesGo(t *testing.T, l *Lang) {
	inputs := jsInputs(t, l)
	var got []struct{ Words, Terms []string }
	runHarness(t, "norm", inputs, &got, langScript(l)...)
	if len(got) != len(inputs) {
		t.Fatalf("node answered %d strings of %d", len(got), len(inputs))
	}
	differ := 0
	for i, s := range inputs {
		words, terms := l.Words(s), l.Terms(s)
		if !slices.Equal(got[i].Words, words) || !slices.Equal(got[i].Terms, terms) {
			differ++
			if differ <= 10 {
				t.Errorf("%q:\n  Go words %q terms %q\n  JS words %q terms %q", s, words, terms, got[i].Words, got[i].Terms)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d strings normalised differently", differ, len(inputs))
	} else {
		t.Logf("%d strings normalised alike by Go and JavaScript", len(inputs))
	}
}

// jsInputs gathers the strings to compare in language l: the word lists
// of every language, and l's own dates.
func jsInputs(t *testing.T, l *Lang) []string {
	t.Helper()
	var out []string
	for _, other := range langs {
		for _, c := range readWords(t, other) {
			out = append(out, c.in)
		}
		out = append(out, other.StopWords()...)
	}
	out = append(out,
		"Œuvre cœur Æsop", "Đ č ć ž š", "Bauer neue Quelle Pruefung Prüfung zuerst aue eue que uebel Ueber",
		"Zahlungsfristen Verwaltungsverfahrensgesetz ungsungs ionsions tatsache", "l'entreprise d'Aoste qu'il jusqu'à",
		"policies bus class processes yes ies aies", "Straße STRAẞE",
		"İstanbul", "STRASSE straße", "ǅemal", "café\u0301", "e\u0300 perche\u0301", "ΣΊΣΥΦΟΣ", "emoji 😀 ok",
		"constructor toString __proto__ hasOwnProperty valueOf", "1.2.3 ,4, 5,6. .7 8.a a.8 1..2",
		"l'''ente", "ex-post", "\u2028riga\u2029", "A\u00a0B", "   ", "",
	)
	out = append(out, dateForms(l)...)
	out = append(out, randomStrings(3000)...)
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(line) != "" {
				out = append(out, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 1000 {
		t.Fatalf("only %d strings: is the example content missing?", len(out))
	}
	return out
}

// dateForms writes dates, valid and not, every way the tokenizer of l
// knows, and acts.
func dateForms(l *Lang) []string {
	var out []string
	for _, d := range []string{"0", "1", "01", "9", "10", "30", "31", "32", "100"} {
		for _, m := range []string{"0", "1", "01", "6", "06", "12", "13", "123"} {
			for _, sep := range []string{".", "/", "-", ","} {
				for _, y := range []string{"", "2024", "24", "202", "20245"} {
					s := d + sep + m
					if y != "" {
						s += sep + y
					}
					out = append(out, s, "entro il "+s+".", "("+s+")", s+"-31.12", y+sep+m+sep+d)
				}
			}
		}
	}
	days := []string{"1", "1°", "1º", "01", "31", "32", "0", "1.", "1er", "1st", "2nd", "3rd", "4th", "1sth", "1. "}
	for _, d := range days {
		for _, names := range l.months {
			for _, m := range names {
				for _, form := range []string{m, strings.ToUpper(m), strings.ToUpper(m[:1]) + m[1:]} {
					out = append(out, d+" "+form, d+" "+form+" 2024", d+"\u00a0"+form+",2024", d+"  "+form+"  2024x", d+form)
				}
			}
		}
	}
	out = append(out, "1. Jänner 2024", "1. Jaenner", "3. Maerz 2024", "1er février", "1st July 2024", "30. junij 2024")
	for _, a := range []string{"G/59", "DG/123", "g/59/2024", "ABCDE/1", "a/b", "G/59.1", "G/59,1", "G/", "/59"} {
		out = append(out, a, "n. "+a+" del 12.09.2024")
	}
	return out
}

// randomStrings are n strings of the characters that dates, codes and
// acts are made of, from a fixed seed.
func randomStrings(n int) []string {
	chars := []rune("0123123./-,/ °º\u00a0giugnoluglioGx9")
	r := rand.New(rand.NewPCG(14, 6))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := r.IntN(16); k >= 0; k-- {
			b.WriteRune(chars[r.IntN(len(chars))])
		}
		out[i] = b.String()
	}
	return out
}

// TestScriptEditsMatchGo: the search script's typo tolerance counts the
// edits between words as the Go functions do, on pairs of the example's
// words and their typos.
func TestScriptEditsMatchGo(t *testing.T) {
	var words []string
	seen := map[string]bool{}
	for _, s := range jsInputs(t, Italian) {
		for _, w := range Words(s) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 4))
	var pairs [][2]string
	for _, w := range words {
		pairs = append(pairs, [2]string{w, Stem(w)}, [2]string{w, typo(r, w)}, [2]string{typo(r, typo(r, w)), w},
			[2]string{w, words[r.IntN(len(words))]})
	}
	var got [][4]int
	runHarness(t, "edits", pairs, &got)
	if len(got) != len(pairs) {
		t.Fatalf("node answered %d pairs of %d", len(got), len(pairs))
	}
	differ := 0
	for i, p := range pairs {
		want := [4]int{MaxEdits(p[0]), Distance(p[0], p[1], 0), Distance(p[0], p[1], 1), Distance(p[0], p[1], 2)}
		if got[i] != want {
			differ++
			if differ <= 10 {
				t.Errorf("%q, %q: Go %v, JS %v", p[0], p[1], want, got[i])
			}
		}
	}
	if differ > 0 || len(pairs) < 1000 {
		t.Errorf("%d of %d pairs differ", differ, len(pairs))
	}
}

// typo changes w by one edit: a letter dropped, doubled, changed, or two
// swapped.
func typo(r *rand.Rand, w string) string {
	if len(w) < 2 {
		return w + "x"
	}
	i := r.IntN(len(w) - 1)
	switch r.IntN(4) {
	case 0:
		return w[:i] + w[i+1:]
	case 1:
		return w[:i] + w[i:i+1] + w[i:]
	case 2:
		return w[:i] + "z" + w[i+1:]
	}
	return fmt.Sprint(w[:i], w[i+1:i+2], w[i:i+1], w[i+2:])
}
