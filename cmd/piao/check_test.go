package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// copyExample copies the example site (config.yaml and content/) into a
// new folder and returns it.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sito")
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// listTree maps every path under dir to its size, to prove nothing changed.
func listTree(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err == nil {
			out[p] = info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// exampleWarnings are the only findings on the example site: config.yaml
// lacks the ente's IPA code and the site's public address, which the
// source document does not give (the office must add them).
var exampleWarnings = []string{
	"config.yaml: avviso: il piè di pagina non mostra tutti i recapiti dell'ente",
	"config.yaml: avviso: manca ente.codice_ipa",
	"config.yaml: avviso: manca url_base",
}

// TestCheckExampleClean: no error and no finding on the content of the
// example site; nothing written.
func TestCheckExampleClean(t *testing.T) {
	site := copyExample(t)
	before := listTree(t, filepath.Dir(site))
	out, errOut, code := runPiao(t, "check", "-s", site)
	var heads []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(l, "\t") {
			heads = append(heads, l)
		}
	}
	want := len(exampleWarnings)
	if code != 0 || errOut != "" || len(heads) != want+1 || heads[want] != "0 errori, 3 avvisi" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for i, w := range exampleWarnings {
		if !strings.HasPrefix(heads[i], w) {
			t.Errorf("finding %q, want %q", heads[i], w)
		}
	}
	if after := listTree(t, filepath.Dir(site)); len(after) != len(before) {
		t.Errorf("check wrote files: %d paths before, %d after", len(before), len(after))
	}
}

var findingLine = regexp.MustCompile(`^(content/[^:]+|config\.yaml):(\d+):(\d+): (errore|avviso): \S`)

// wholeFileLine is a finding about a whole file: config.yaml lacks a key.
var wholeFileLine = regexp.MustCompile(`^config\.yaml: avviso: \S`)

// TestCheckText: every finding of the seeded site, as file:line:col lines
// with source and hint beneath, sorted, then a summary; exit 1.
func TestCheckText(t *testing.T) {
	out, _, code := runPiao(t, "check", "-s", "../../builder/testdata/mistakes")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; last != "24 errori, 11 avvisi" {
		t.Errorf("summary %q", last)
	}
	var heads []string
	whole := 0
	for _, l := range lines[:len(lines)-1] {
		switch {
		case strings.HasPrefix(l, "\tsuggerimento: "), strings.HasPrefix(l, "\t"):
		case findingLine.MatchString(l):
			heads = append(heads, l)
		case wholeFileLine.MatchString(l): // the contacts, url_base and codice_ipa, before the lines of config.yaml
			whole++
		default:
			t.Errorf("unexpected line %q", l)
		}
	}
	if len(heads) != 32 || whole != 3 {
		t.Errorf("%d findings and %d about all of config.yaml, want 32 and 3", len(heads), whole)
	}
	if !sort.SliceIsSorted(heads, func(i, j int) bool { return lessFinding(heads[i], heads[j]) }) {
		t.Errorf("findings not sorted:\n%s", strings.Join(heads, "\n"))
	}
	if n := strings.Count(out, "\tsuggerimento: "); n != len(heads)+whole {
		t.Errorf("%d hints for %d findings", n, len(heads))
	}
}

// lessFinding orders "file:line:col: …" by file, then line and column as
// numbers.
func lessFinding(a, b string) bool {
	ma, mb := findingLine.FindStringSubmatch(a), findingLine.FindStringSubmatch(b)
	if ma[1] != mb[1] {
		return ma[1] < mb[1]
	}
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if num(ma[2]) != num(mb[2]) {
		return num(ma[2]) < num(mb[2])
	}
	return num(ma[3]) < num(mb[3])
}

// TestCheckJSON: the JSON output has the documented fields, the same
// findings as the text, and the same exit status.
func TestCheckJSON(t *testing.T) {
	out, _, code := runPiao(t, "check", "-s", "../../builder/testdata/mistakes", "--format", "json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(raw) != 35 {
		t.Fatalf("%d findings, want 35", len(raw))
	}
	keys := []string{"col", "file", "hint", "line", "message", "severity", "source"}
	sev := map[string]int{}
	for _, f := range raw {
		var got []string
		for k := range f {
			got = append(got, k)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(keys, ",") {
			t.Fatalf("fields %v, want %v", got, keys)
		}
		sev[f["severity"].(string)]++
	}
	if sev["error"] != 24 || sev["warning"] != 11 {
		t.Errorf("severities %v, want 24 error and 11 warning", sev)
	}
	first := raw[3] // after the three about the whole of config.yaml (line 0)
	if first["file"] != "config.yaml" || first["line"] != 5.0 || first["col"] != 1.0 ||
		!strings.Contains(first["hint"].(string), "dichiarazione_accessibilita") ||
		!strings.HasPrefix(first["source"].(string), "dichiarazione_accesibilita:") {
		t.Errorf("first finding %v", first)
	}
}

// TestCheckWarningsOnly: warnings alone do not fail the check.
func TestCheckWarningsOnly(t *testing.T) {
	site := copyExample(t)
	sheet := filepath.Join(site, "content/piao-2024-2026/operativi/suap.yaml")
	b, _ := os.ReadFile(sheet)
	b = append(b, []byte("\ntitolo: \"SUAP (referente mario.rossi@example.it)\"\n")...)
	if err := os.WriteFile(sheet, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runPiao(t, "check", "-s", site)
	if code != 0 || !strings.Contains(out, "suap.yaml:79:9: avviso: sembra un dato personale (indirizzo e-mail)") || !strings.HasSuffix(out, "0 errori, 4 avvisi\n") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if _, _, code := runPiao(t, "check", "-s", site, "--format", "xml"); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}
