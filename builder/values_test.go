package builder

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/markup"
)

// TestValuesThatAreNotValues: a value that only looks like one — a weight
// that Go would read as a number, a date no plan can have, an address
// that is not one — is an error at its place, with a hint.
func TestValuesThatAreNotValues(t *testing.T) {
	piano := "content/p/piano.yaml"
	tests := []struct {
		name  string
		extra map[string]string
		want  string // the first line of the finding
	}{
		{"NaN weight", map[string]string{unoYAML: strings.Replace(testSheet, "peso: 50%", "peso: NaN%", 1)},
			unoYAML + `:6:7: errore: peso "NaN%" non valido`},
		{"exponent weight", map[string]string{unoYAML: strings.Replace(testSheet, "peso: 100%", "peso: 1e2%", 1)},
			unoYAML + `:11:11: errore: peso "1e2%" non valido`},
		{"approval in 9999", map[string]string{piano: strings.Replace(testPiano, "data: 2024-01-10", "data: 9999-12-31", 1)},
			piano + ":5:9: errore: data 9999-12-31 fuori dagli anni del piano (2024-2026)"},
		{"revision in 1900", map[string]string{piano: strings.Replace(testPiano, "data: 2024-09-12", "data: 1900-09-12", 1)},
			piano + ":8:11: errore: data 1900-09-12 fuori dagli anni del piano (2024-2026)"},
		{"revision before the approval", map[string]string{piano: strings.Replace(testPiano, "data: 2024-09-12", "data: 2023-12-01", 1)},
			piano + ":8:11: errore: data 2023-12-01 precedente all'approvazione del piano (2024-01-10)"},
		{"publication before the approval", map[string]string{piano: testPiano + "pubblicazione: 2024-01-01\n"},
			piano + ":27:16: errore: data 2024-01-01 precedente all'approvazione del piano (2024-01-10)"},
		{"relative url_base", map[string]string{"config.yaml": testConfig + "url_base: piao/\n"},
			`config.yaml:3:11: avviso: url_base "piao/" non è un indirizzo assoluto http o https`},
		{"url_base with quotes and brackets", map[string]string{"config.yaml": testConfig + "url_base: 'https://example.org/\"<>'\n"},
			`config.yaml:3:11: errore: url_base "https://example.org/\"<>" contiene un carattere che un indirizzo non ammette: "\""`},
		{"a title that is a text", map[string]string{piano: strings.Replace(testPiano, "titolo: Piano di prova", "titolo: "+strings.Repeat("x&", 151), 1)},
			piano + ":1:9: errore: titolo troppo lungo: 302 caratteri, al massimo 300"},
		{"an address too long", map[string]string{"config.yaml": testConfig + "privacy: https://example.org/" + strings.Repeat("a&b", 700) + "\n"},
			"config.yaml:3:10: errore: indirizzo troppo lungo: 2120 caratteri, al massimo 2000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := LoadAndCheck(testSite(tt.extra))
			if !strings.Contains("\n"+headlines(ds), "\n"+tt.want) {
				t.Errorf("want %q; got:\n%s", tt.want, ds.Error())
			}
			for _, d := range ds {
				if strings.HasPrefix(d.String(), tt.want) && d.Hint == "" {
					t.Errorf("no hint: %s", d)
				}
			}
		})
	}
}

// TestTextsChange: for every indicator of the example plans, its unit of
// measure and targets after any number of revisions are those after the
// last number textsChange lists below it: judging them there judges them
// all (checker.targets). Some plans revise them, so that the list is not
// only 0.
func TestTextsChange(t *testing.T) {
	dirs := []string{".."}
	for name := range plansGolden {
		dirs = append(dirs, filepath.Join("testdata", "plans", name))
	}
	revised := 0
	for _, dir := range dirs {
		model, ds := LoadAndCheck(os.DirFS(dir))
		if ds.HasErrors() {
			t.Fatalf("%s: %s", dir, ds.Error())
		}
		for _, p := range model.Plans {
			order := p.RevisionOrder()
			for _, s := range p.Sheets() {
				for _, ind := range s.Indicators() {
					ns := textsChange(order, len(p.Revisioni), ind.Unita, ind.Target)
					if len(ns) > 1 {
						revised++
					}
					texts := func(n int) string {
						out := textAt(ind.Unita, n, order).S
						for _, v := range ind.Target {
							out += fmt.Sprintf("|%s@%v", textAt(v, n, order).S, textAt(v, n, order).Pos)
						}
						return out
					}
					for n, k := 0, 0; n <= len(p.Revisioni); n++ {
						for k+1 < len(ns) && ns[k+1] <= n {
							k++
						}
						if got, want := texts(ns[k]), texts(n); got != want {
							t.Errorf("%s, %s: after %d revisions %q, after %d (listed) %q", s.Pos.File(), ind.ID.S, n, want, ns[k], got)
						}
					}
				}
			}
		}
	}
	if revised == 0 {
		t.Error("no indicator of the example plans has a unit or target revised")
	}
}

// TestMayLink: whether a body may hold a short link is what lowering it
// whole says (as markup.IsShort lowers a destination): schemes in any
// case, letters of other alphabets that lower to the schemes' letters,
// none at all.
func TestMayLink(t *testing.T) {
	c := &checker{}
	for _, body := range []string{"", "testo senza collegamenti", "vedi [qui](sezione:obiettivi)", "[x](SCHEDA:op-1)",
		"[x](Sezione:a) e altro", "sezione senza due punti", "scheda : no", "[x](sezİone:a)", "ſcheda: no",
		"perché [x](SEZIONE:b)", "è tutto", strings.Repeat("A", 5000) + "scheDa:", "ScHeDa\u00a0:",
		"perché [x](sche\u0301da:a)", "\xffSCHEDA:a", "sche\xffda:a", "è [x](\u212A)" + "sezione:", "sez\u0130one:"} {
		l := strings.ToLower(body)
		want := strings.Contains(l, markup.SectionScheme) || strings.Contains(l, markup.SheetScheme)
		if got := c.mayLink(body); got != want {
			t.Errorf("%q: may hold a short link %v, want %v", body, got, want)
		}
	}
}
