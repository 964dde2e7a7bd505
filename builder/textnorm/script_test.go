package textnorm

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The search script carries its own copy of the normaliser. This test runs
// it under Node on the word list of testdata/parole.txt, every stop word,
// every line of the example site's content and some awkward strings, and
// requires the same words and terms as the Go normaliser.

const (
	searchScript = "../../themes/default/assets/js/search.js"
	harness      = "../testdata/searchjs/harness.js"
)

func TestScriptNormaliserMatchesGo(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("Node.js is needed to test the search script: %v", err)
	}
	inputs := jsInputs(t)
	in, _ := json.Marshal(inputs)
	cmd := exec.Command(node, harness, "norm", searchScript)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got []struct{ Words, Terms []string }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(inputs) {
		t.Fatalf("node answered %d strings of %d", len(got), len(inputs))
	}
	differ := 0
	for i, s := range inputs {
		words, terms := Words(s), Terms(s)
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

// jsInputs gathers the strings to compare.
func jsInputs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, c := range readWords(t) {
		out = append(out, c.in)
	}
	out = append(out, StopWords()...)
	out = append(out,
		"İstanbul", "STRASSE straße", "ǅemal", "café\u0301", "e\u0300 perche\u0301", "ΣΊΣΥΦΟΣ", "emoji 😀 ok",
		"constructor toString __proto__ hasOwnProperty valueOf", "1.2.3 ,4, 5,6. .7 8.a a.8 1..2",
		"l'''ente", "ex-post", "\u2028riga\u2029", "A\u00a0B", "   ", "",
	)
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
