package builder

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"golang.org/x/tools/txtar"
)

// TestRuleCases runs the rule cases of testdata/rules: each file is a txtar
// archive whose files are laid over a small valid site (rulesBase; a file
// given empty is removed), and whose "want" file is what piao check must
// print of it, in its own format:
//
//	content/p/operativi/uno.yaml:6:7: errore: peso "40" non valido
//		suggerimento: 25%
//
// A line "FILE:LINE:COL: errore|avviso: MESSAGE" must match one finding
// exactly; the "suggerimento:" lines under it are pieces of its hint. Every
// finding of check must be in the list, and nothing else. A new rule gets
// a case: its content next to what it must say.
func TestRuleCases(t *testing.T) {
	cases, _ := filepath.Glob("testdata/rules/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no rule cases in testdata/rules")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{}
			for k, v := range rulesBase {
				files[k] = v
			}
			var want []ruleWant
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = parseWant(t, string(f.Data))
					continue
				}
				files[f.Name] = string(f.Data)
			}
			ds := Check(Input{Site: testSite(files), Themes: piao.Themes})
			matched := make([]bool, len(ds))
			for _, w := range want {
				i := slices.IndexFunc(ds, func(d Diagnostic) bool {
					return d.Where()+": "+d.Severity.String()+": "+d.Msg == w.line
				})
				if i < 0 {
					t.Errorf("missing: %s", w.line)
					continue
				}
				matched[i] = true
				for _, h := range w.hints {
					if !strings.Contains(ds[i].Hint, h) {
						t.Errorf("%s\n\thint %q lacks %q", w.line, ds[i].Hint, h)
					}
				}
			}
			for i, d := range ds {
				if !matched[i] {
					t.Errorf("unexpected: %s: %s: %s\n\tsuggerimento: %s", d.Where(), d.Severity, d.Msg, d.Hint)
				}
			}
		})
	}
}

// rulesBase is the site the rule cases start from: valid, without a
// single finding.
var rulesBase = map[string]string{
	"config.yaml":                  testFullConfig,
	"content/p/piano.yaml":         testPiano,
	"content/p/operativi/uno.yaml": testSheet,
}

type ruleWant struct {
	line  string
	hints []string
}

func parseWant(t *testing.T, s string) []ruleWant {
	var out []ruleWant
	for _, line := range strings.Split(s, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(strings.TrimSpace(line), "suggerimento:") && len(out) > 0:
			last := &out[len(out)-1]
			last.hints = append(last.hints, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "suggerimento:")))
		default:
			out = append(out, ruleWant{line: line})
		}
	}
	return out
}

func TestRulesBaseIsClean(t *testing.T) {
	if ds := Check(Input{Site: testSite(rulesBase), Themes: piao.Themes}); len(ds) > 0 {
		t.Fatalf("the rule cases' base site has findings:\n%s", ds.Error())
	}
	if _, err := os.Stat("testdata/rules"); err != nil {
		t.Fatal(err)
	}
}
