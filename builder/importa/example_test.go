package importa

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/plan"
)

// The annex fixtures: the example plan's sheets written by LibreOffice
// (make import-fixtures), revisions struck through or tracked.
var annexFixtures = []string{
	"allegato-barrato.docx", "allegato-barrato.odt",
	"allegato-revisioni.docx", "allegato-revisioni.odt",
	"allegato.xlsx", "allegato.ods",
}

const examplePlan = "piao-2024-2026"

// exampleModel loads the example site of the repository.
func exampleModel(t *testing.T) *plan.Plan {
	t.Helper()
	model, ds := builder.LoadAndCheck(os.DirFS("../.."))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	return model.Plans[0]
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "annex", name))
	if err != nil {
		t.Fatalf("%v (make import-fixtures writes the fixtures)", err)
	}
	return b
}

// importInto imports a fixture into the site folder dir and writes the
// files.
func importInto(t *testing.T, dir, fixture string, opt Options) *Result {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	opt.Name, opt.Data, opt.Site = fixture, readFixture(t, fixture), root.FS()
	res, err := Import(opt)
	if err != nil {
		t.Fatalf("Import(%s): %v", fixture, err)
	}
	if err := WriteAll(dir, res.Writes); err != nil {
		t.Fatal(err)
	}
	return res
}

// emptySite is a site folder with the example's config.yaml only.
func emptySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfg, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// completePiano does what the office does after importing into an empty
// site: it writes in piano.yaml the title, the approval and the
// revision's act, which no annex states.
func completePiano(t *testing.T, dir string, ex *plan.Plan) {
	t.Helper()
	file := filepath.Join(dir, "content", examplePlan, "piano.yaml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := ex.Revisioni[0]
	s := strings.Replace(string(b), "# titolo: "+msgTodoTitolo, "titolo: "+quoteAlways(ex.Titolo.S), 1)
	s = strings.Replace(s, "# approvazione: {atto: …, data: AAAA-MM-GG}   "+msgTodoApprovazione,
		fmt.Sprintf("approvazione: {atto: %s, data: %s}\nschede: selezione", quoteAlways(ex.Approvazione.Atto.S), ex.Approvazione.Data.S), 1)
	s = strings.Replace(s, "    # "+msgTodoRevisione, fmt.Sprintf("    data: %s\n    atto: %s\n    motivo: %s", r.Data.S, quoteAlways(r.Atto.S), quoteAlways(r.Motivo.S)), 1)
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// names maps a plan's codes to folded names, to compare plans whose codes
// differ (an import into an empty site makes its own).
type names struct{ p *plan.Plan }

func (n names) unit(code string) string {
	for _, a := range n.p.Aree {
		for _, u := range a.Unita {
			if u.Codice.S == code {
				return nameKey(a.Nome.S) + "/" + nameKey(u.Nome.S)
			}
		}
	}
	return "?" + code
}

func (n names) objective(line, key string) string {
	for _, l := range n.p.Linee {
		for _, o := range l.Obiettivi {
			if l.Codice.S == line && o.Key() == key {
				return o.Codice.S + " " + nameKey(o.Nome.S)
			}
		}
	}
	return "?" + key
}

// sheetKey names a sheet by what it is, not by its file.
func (n names) sheetKey(s *plan.Sheet) string {
	if s.Kind == plan.Strategic {
		return "strategica linea " + s.Linea.S
	}
	return "operativa " + n.unit(s.Unita.S) + " " + nameKey(s.Obiettivo.S)
}

// canon is every field of a sheet, codes written as names.
func (n names) canon(s *plan.Sheet) map[string]string {
	m := fields(fromPlan(s))
	delete(m, "area")
	if s.Kind == plan.Operational {
		m["unita"] = n.unit(s.Unita.S)
	}
	var objs []string
	for _, o := range s.Obiettivi {
		objs = append(objs, n.objective(s.Linea.S, o.S))
	}
	m["obiettivi_strategici"] = strings.Join(objs, ", ")
	return m
}

// compareSheets requires every sheet of the example, field by field, in
// the imported plan.
func compareSheets(t *testing.T, ex, got *plan.Plan) {
	t.Helper()
	en, gn := names{ex}, names{got}
	have := map[string]*plan.Sheet{}
	for _, s := range got.Sheets() {
		have[gn.sheetKey(s)] = s
	}
	if len(got.Sheets()) != len(ex.Sheets()) {
		t.Errorf("imported %d sheets, the example has %d", len(got.Sheets()), len(ex.Sheets()))
	}
	for _, s := range ex.Sheets() {
		g := have[en.sheetKey(s)]
		if g == nil {
			t.Errorf("%s: no imported sheet %s", s.Pos.File(), en.sheetKey(s))
			continue
		}
		want, gotF := en.canon(s), gn.canon(g)
		for _, k := range slices.Sorted(mapKeys(want, gotF)) {
			if want[k] != gotF[k] {
				t.Errorf("%s (imported as %s): %s\n\thave %q\n\twant %q", s.Pos.File(), g.Pos.File(), k, gotF[k], want[k])
			}
		}
	}
}

func mapKeys(ms ...map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		seen := map[string]bool{}
		for _, m := range ms {
			for k := range m {
				if !seen[k] {
					seen[k] = true
					if !yield(k) {
						return
					}
				}
			}
		}
	}
}

// changes lists what each revision changed, by content.
func changes(p *plan.Plan) []string {
	n := names{p}
	var out []string
	for _, r := range p.Revisioni {
		for _, c := range p.Changes(r.ID.S) {
			ind, note := "", ""
			if c.Indicator != nil {
				ind = c.Indicator.Descrizione.S
			}
			if c.Note != nil {
				note = c.Note.Testo.S
			}
			field := ""
			if c.Field.Spec != nil {
				field = c.Field.Key + " " + c.Field.Value.Anno
			}
			out = append(out, fmt.Sprintf("%s %d %s | %s | %s | %s | %s → %s", r.ID.S, c.Kind, n.sheetKey(c.Sheet), ind, note, field, c.Old, c.New))
		}
	}
	slices.Sort(out)
	return out
}

// TestImportExampleAnnex imports each annex fixture into an empty site:
// every sheet, indicator, target, weight, footnote, revision note and
// every earlier value of the example comes back; piano.yaml gets the
// example's areas, units, lines and objectives; and once the office has
// written the title and the acts, piao builds the site with the same
// revisions as the example's, on the revisions page too.
func TestImportExampleAnnex(t *testing.T) {
	ex := exampleModel(t)
	for _, fixture := range annexFixtures {
		t.Run(fixture, func(t *testing.T) {
			dir := emptySite(t)
			res := importInto(t, dir, fixture, Options{Piano: examplePlan, Revisione: "rev-2024-09"})
			for _, r := range res.Reports {
				t.Errorf("report: %s", r.Format(fixture))
			}
			for _, w := range res.Writes {
				// An indicator read as added from underlined text says so.
				if strings.HasSuffix(w.Path, "operativi/suap.yaml") && strings.Contains(string(w.Data), msgInsertedByUnderline) == strings.Contains(fixture, "revisioni") {
					t.Errorf("%s: the comment on the added indicator:\n%s", w.Path, w.Data)
				}
			}
			completePiano(t, dir, ex)
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			site, ds := builder.Build(builder.Input{Site: root.FS(), Themes: piao.Themes})
			if ds.HasErrors() {
				t.Fatalf("build of the imported site:\n%s", ds.Error())
			}
			got := site.Model.Plans[0]
			compareSheets(t, ex, got)
			if want, have := changes(ex), changes(got); !slices.Equal(want, have) {
				t.Errorf("revisions differ:\nhave %s\nwant %s", strings.Join(have, "\n     "), strings.Join(want, "\n     "))
			}
			// Each value, whole or in its word-level difference: the earlier
			// one without the words added, the later without those removed.
			page := string(site.Files[examplePlan+"/revisioni/index.html"])
			before, after := pageText(page, "ins"), pageText(page, "del")
			for _, c := range got.Changes("rev-2024-09") {
				for _, v := range []struct{ text, in string }{{c.Old, before}, {c.New, after}} {
					if v.text != "" && !strings.Contains(v.in, strings.Join(strings.Fields(v.text), " ")) {
						t.Errorf("the revisions page lacks %q", v.text)
					}
				}
			}
		})
	}
}

// pageText is the text of a page without the elements named drop (and
// what they hold), the words only screen readers hear, its tags, entities
// and runs of blank space.
func pageText(page, drop string) string {
	page = regexp.MustCompile(`<span class="(sr-only|rev-tag)"[^>]*>[^<]*</span>`).ReplaceAllString(page, "")
	page = regexp.MustCompile(`(?s)<`+drop+`>.*?</`+drop+`>`).ReplaceAllString(page, "")
	page = html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, ""))
	return strings.Join(strings.Fields(page), " ")
}
