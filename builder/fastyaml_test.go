package builder

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/piao-pa/piao/internal/synth"
	"go.yaml.in/yaml/v3"
)

// yamlV3 is the tree yaml.v3's Decoder gives for text, as parseYAML reads
// it, without its comments, or nil when it fails or text holds a second
// document.
func yamlV3(text []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(text))
	if err := dec.Decode(&doc); err != nil {
		return nil
	}
	var second yaml.Node
	if err := dec.Decode(&second); err != io.EOF {
		return nil
	}
	withoutComments(&doc)
	return &doc
}

func withoutComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		withoutComments(c)
	}
}

// TestNoYAMLComments holds what fastYAML leaves out: no code of piao's
// reads the comments of a YAML node.
func TestNoYAMLComments(t *testing.T) {
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, field := range []string{".HeadComment", ".LineComment", ".FootComment"} {
			if bytes.Contains(src, []byte(field)) {
				t.Errorf("%s reads %s of a YAML node: fastYAML does not keep comments", path, field[1:])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sameAsYAML fails t when fastYAML gives for text a tree other than
// yaml.v3's (or one where yaml.v3 fails); it reports whether fastYAML
// read text at all.
func sameAsYAML(t *testing.T, name string, text []byte) bool {
	t.Helper()
	read := bytes.Clone(text)
	fast := fastYAML(read)
	if fast == nil {
		return false
	}
	for i := range read { // the tree is the text's, not a view of its bytes: the caller may use them again
		read[i] = 'x'
	}
	want := yamlV3(text)
	if want == nil {
		t.Errorf("%s: fastYAML read what yaml.v3 refuses:\n%s", name, text)
		return true
	}
	if !reflect.DeepEqual(fast, want) {
		t.Errorf("%s: fastYAML's tree differs from yaml.v3's: %s\n%s", name, firstNodeDiff(fast, want), text)
	}
	// Made in an arena that made every text before it (as a sheet's
	// tree is, in one that made others): the same tree.
	lent := fastYAMLIn(text, &testArena)
	if !reflect.DeepEqual(lent, want) {
		t.Errorf("%s: fastYAML's tree in a lent arena differs from yaml.v3's: %s\n%s", name, firstNodeDiff(lent, want), text)
	}
	testArena.reset()
	return true
}

// testArena is lent again to every text sameAsYAML compares.
var testArena nodeArena

// firstNodeDiff describes the first node where a and b differ.
func firstNodeDiff(a, b *yaml.Node) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column ||
		a.Anchor != b.Anchor || a.HeadComment != b.HeadComment || a.LineComment != b.LineComment || a.FootComment != b.FootComment ||
		len(a.Content) != len(b.Content) {
		return fmt.Sprintf("fast %+v, yaml.v3 %+v", *a, *b)
	}
	for i := range a.Content {
		if d := firstNodeDiff(a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// TestFastYAMLSameAsYAML compares fastYAML with yaml.v3 on the YAML of
// every sheet, plan and configuration of the repository (the example
// site, the plans of testdata, the fixtures of piao importa, the docs'
// examples, the built-in theme's words), on generated sheets
// (internal/synth) and on hand-written texts at the edges of the subset:
// where fastYAML reads a text, its tree is yaml.v3's, node for node,
// positions and styles included. It must read every file of the example,
// every generated one and every words file of the built-in theme (which
// every build reads: words.parse): else nothing would be faster.
func TestFastYAMLSameAsYAML(t *testing.T) {
	read, sheets, words := 0, 0, 0
	generated := t.TempDir() // the sheets of the benchmarks and of the cache's tests
	if _, err := synth.GenerateWith(generated, synth.Options{Sheets: 60, Seed: 7, Plans: 2}); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"../content", generated, "testdata", "importa/testdata", "../cmd", "../docs", "../themes"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			text := src
			switch filepath.Ext(path) {
			case ".md":
				fm, _, _, ok := splitFrontMatter(src)
				if !ok {
					return nil
				}
				text = fm
			case ".yaml", ".yml":
			default:
				return nil
			}
			isSheet := strings.HasPrefix(path, "../content/") || strings.HasPrefix(path, generated)
			if isSheet {
				sheets++
			}
			isWords := strings.HasPrefix(path, "../themes/") && filepath.Base(filepath.Dir(path)) == "i18n"
			if isWords {
				words++
			}
			if sameAsYAML(t, path, text) {
				read++
			} else if isSheet || isWords {
				t.Errorf("%s: fastYAML does not read a file of the example or a words file of the built-in theme", path)
			} else {
				t.Logf("left to yaml.v3: %s", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if sheets < 75 || words < 5 || read < sheets+words+40 {
		t.Errorf("fastYAML read %d files, of them %d of the example and %d words files", read, sheets, words)
	}
	edges := fastYAMLEdges
	for _, w := range []string{"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~", "<<", ".nan", ".inf", "-.Inf", "+.INF", "1.0", "1e3", "-1", "0b1", "0o7", "0x1f", "2024-01-02", "2024-1-2 10:00:00"} {
		edges = append(edges, "a: "+w+"\n", w+": a\n", "a: ["+w+"]\n", "a: {"+w+": "+w+"}\n", "l:\n  - "+w+"\n")
	}
	for _, text := range edges {
		sameAsYAML(t, fmt.Sprintf("%q", text), []byte(text))
	}
	for _, text := range fastYAMLRead {
		if !sameAsYAML(t, fmt.Sprintf("%q", text), []byte(text)) {
			t.Errorf("fastYAML does not read %q", text)
		}
	}
}

// fastYAMLRead are texts in the subset, which fastYAML must read.
var fastYAMLRead = []string{
	"a: b\n",
	"a: b",
	"\n\n  \na: b\n\n",
	"a:   b  \nc: d\n",
	"chiave: valore con spazi  interni\n",
	"unità: perché è così\nè: \"già\"\n",
	"a: 'b'\n\"c\": \"d\"\n'e': f\n",
	"anni:\n  2024: \"x\"\n  2025: y\n",
	"a: 0\nb: 123456789012345678\n",
	"a: http://example.org/x:y\n",
	"l:\n  - a\n  - \"b\"\n  - 'c'\n",
	"l:\n- a\n- b\nc: d\n",
	"l:\n  - k: v\n    k2: v2\n  -   k: w\nz: 1\n",
	"l:\n  - k: v\n    m:\n      - x\n      - y\n    n:\n      p: q\n",
	"f: [\"a\", 'b' ,\"c\"]\ng: []\nh: [ ]\n",
	"a: \"  spazi  \"\n",
	"a: \"#non è un commento\"\n",
	"a: 'x'   \n",
	"a: \"\"\n",
	"a:\n\n  b: c\n\n  d: e\n",
	"a: b-c\nx: y.z\n",
	"a: b # c\n",
	"# c\na: b # c\n# d\nl: # e\n  # f\n  - x # g\n  - \"y\" # h\n  - k: [a, \"b\"] # i\n# j\n",
	"a: b#c\nd: e# f\n",
	"a: \"\\\" \\\\ \\n \\t \\u00e8 \\x41 \\U0001F600 \\0 \\_ \\N \\L \\P \\e \\ \"\n",
	"a: 'l''ente'\n",
	"campi: [descrizione, target]\n",
	"a:\nb: c\n", "a:   \nb: c\n", "x:\n  a:\n  b: c\n", "x:\n  a:\nb: c\n", "a:\n", "a: # c\nb: c\n",
	"l:\n  - a:\n  - b\n", "l:\n  - a:\n    b:\n", "x:\n  a:\n\n\nb: c\n", "è:\nà: [a]\n", "\"a\":\nb:\n",
	"l:\n  - k:\n    - a\n    - b\n    m: c\n  - k: d\n",
	"a: b:c\nd: a:b\n",
	"stato: +\nb: =\nc: -x\nd: 2025-06-30\ne: 2023-06\nf: 30%\ng: 1.5\nh: -1\ni: +1\nj: 1e3\nk: 2024-2026\nl: 0x1F\nm: 1_000\nn: 0777\no: 08\n",
	"r:\n  2025: {valore: SI, raggiungimento: 100%}\n  2026: {valore: \"≥ 6\", precedente: '≥ 8', revisione: r1}\n  2027: {}\n",
}

// fastYAMLEdges are texts at the edges of the subset: fastYAML reads
// them as yaml.v3 does or leaves them to it.
var fastYAMLEdges = []string{
	"", "\n", "a", "a:", ":", "a:\n  -x\n", "a:\n  b\n", "a:\n  -\n", ": a\n", "a: :\n", "a: b: c\n", "a: b:\n",
	"---\na: b\n", "a: b\n---\nc: d\n", "a: b\n...\n", "%YAML 1.2\n---\na: b\n",
	"a: b\n  c\n", "a:\n  b\n", "a: \"b\n  c\"\n", "a: \"b\\\"c\"\n", "a: 'b''c'\n",
	"a: \"b\"c\n", "a: \"b\" c\n", "a: \"b\"#c\n", "a: [\"b\"]#c\n", "a:#c\n", "a: #c\n", "- #c\n", "a:\n  - #c\n", "a: b\n #c\n  d\n",
	"a: \"\\/\"\n", "a: \"\\u12\"\n", "a: \"\\ud800\"\n", "a: \"\\U00110000\"\n", "a: \"\\x4g\"\n", "a: \"\\\"\n", "a: \"b\\\n",
	"a:\n  - - b\n", "- a\n", "a:\n  - k:\n  - b\n", "a:\n  - k:\n   - b\n",
	"a: -.inf\nb: +.Inf\nc: 0b101\nd: -0o7\ne: 1e999\nf: -\ng: - \nh: 12345678901234567890123\ni: 2024-01-02T10:00:00Z\n",
	"a: {b}\n", "a: {b: }\n", "a: {b:c}\n", "a: {\"b\":c}\n", "a: {b: c, }\n", "a: {b: [c]}\n", "a: {b: c} d\n", "a: {b: c\n",
	"a: [b c, d]\n", "a: [b: c]\n", "a: [b, , c]\n", "a: [\"b\" c]\n", "a: [b\n", "a: [b]]\n", "a: [,]\n", "a: [1, true, -1]\n",
	"a: &x b\nc: *x\n", "a: !!str 1\n", "a: |\n  b\n", "a: >\n  b\n", "a: {b: c}\n", "a: [b, c]\n",
	"a: [\"b\"\n", "a: [\"b\",]\n", "a: [\"b\"] x\n", "a: [[\"b\"]]\n",
	"a: true\nb: null\nc: ~\nd: 1.5\ne: 0x1F\nf: 2024-01-02\ng: 0777\nh: 08\ni: -1\nj: +1\nk: .5\nl: 1_000\n",
	"a: yes\nb: no\nc: on\nd: Off\ne: y\nf: n\n",
	"a: <<\n<<: b\n", "a: 1234567890123456789012\n",
	"a:\tb\n", "a: b\r\nc: d\r\n", "\ufeffa: b\n", "a: b\u0085c\n", "a: b\u2028c\n", "a: \x01\n", "a: \xff\n",
	"a: b\n b: c\n", "a: b\n  b: c\n", " a: b\n", " a: b\nc: d\n",
	"l:\n  - a\n   - b\n", "l:\n  - a\n - b\n", "l:\n  - a\n  b: c\n", "l:\n  -\n  - a\n", "l:\n  - - a\n",
	"l:\n  - k: v\n   x: y\n", "l:\n  - k: v\n     x: y\n", "- a\n- b\n", "l:\n- a\n  - b\n",
	"a:\n  b: c\n d: e\n", "a:\n    b: c\n  d: e\n", "\"a\nb\": c\n", "? a\n: b\n", "a: -\n", "a: - b\n",
	"a: b\na: c\n", "a: [\"x\", 'y''z']\n", "'a'b: c\n", "\"a\" : b\n", "a : b\n", "a:b\n",
	strings.Repeat("k", 1100) + ": v\n", "a: " + strings.Repeat("v", 5000) + "\n",
	"a: \"é\"\nè: [\"ü\", \"€\"]\nl:\n  - ñ: 𝄞\n",
	"a:\n  - b\n  -\n", "a:\n  - b\n  - \n", "a:\n  -  \n", "a: b\n-\n", "a: -b\n", "a: ?b\n", "a: :b\n",
}

// FuzzFastYAML holds fastYAML to yaml.v3 on any text: where fastYAML
// reads one, the tree is yaml.v3's.
func FuzzFastYAML(f *testing.F) {
	for _, s := range append(append([]string{}, fastYAMLRead...), fastYAMLEdges...) {
		f.Add([]byte(s))
	}
	for _, path := range []string{"../content/piao-2024-2026/piano.yaml", "testdata"} {
		filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml")) {
				if src, err := os.ReadFile(p); err == nil {
					if fm, _, _, ok := splitFrontMatter(src); ok {
						src = fm
					}
					f.Add(src)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		sameAsYAML(t, "fuzz", text)
	})
}
