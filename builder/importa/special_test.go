package importa

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/plan"
)

// importExample runs an import of a fixture into a copy of the example
// site, writing nothing.
func importExample(t *testing.T, fixture string, opt Options) (*Result, error) {
	t.Helper()
	dir := copyExample(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	opt.Name, opt.Data, opt.Site = fixture, readFixture(t, fixture), root.FS()
	return Import(opt)
}

func plans(paths ...string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = "content/" + examplePlan + "/" + p
	}
	slices.Sort(out)
	return out
}

// TestUnknownLabels: a sheet written with an office's own labels is not
// read; the report names every label and the map entry that would read
// them; with that map the sheet reads as the example's.
func TestUnknownLabels(t *testing.T) {
	res, err := importExample(t, "etichette-sconosciute.docx", Options{})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "importazione interrotta") {
		t.Fatalf("err = %v, want the import stopped", err)
	}
	var table *Report
	for i, r := range res.Reports {
		if strings.HasPrefix(r.Msg, "tabella non letta") {
			table = &res.Reports[i]
		}
	}
	if table == nil || table.Warning {
		t.Fatalf("no error for the table not read; reports: %v", res.Reports)
	}
	for _, label := range []string{"STRUTTURA COMPETENTE", "AMBITO DEL PIANO", "OBIETTIVO DI PERFORMANCE", "RILEVANZA", "MISURA",
		"MODALITÀ DI RILEVAZIONE", "ATTESO 2024", "INCIDENZA", "CLASSE", "SCALA", "ORIGINE"} {
		if !strings.Contains(table.Msg, "«"+label+"»") || !strings.Contains(table.Hint, label+":") {
			t.Errorf("the report lacks %q:\n%s\n%s", label, table.Msg, table.Hint)
		}
	}
	if !strings.Contains(table.Hint, "etichette:\n") || !strings.Contains(table.Hint, "STRUTTURA COMPETENTE: unita") {
		t.Errorf("the hint gives no map entry:\n%s", table.Hint)
	}
	m, err := ReadMappa(readFixture(t, "mappa-ente.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err = importExample(t, "etichette-sconosciute.docx", Options{Mappa: m})
	if err != nil {
		t.Fatal(err)
	}
	if want := plans("operativi/suap.yaml"); !slices.Equal(res.Same, want) || len(res.Writes) != 0 {
		t.Errorf("with the map: same %v, writes %v; want %v the same and nothing written", res.Same, res.names(), want)
	}
}

// TestMappaErrors: a map that names no field is refused at its line.
func TestMappaErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"etichette:\n  \"X\": obiettivo\n", `riga 2: "obiettivo" non è un campo`},
		{"etichete:\n  X: peso\n", "riga 1: la mappa ha un solo campo"},
		{"etichette: [\n", "non è YAML valido"},
		{"", "la mappa è vuota"},
	} {
		if _, err := ReadMappa([]byte(tc.src)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadMappa(%q) = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// TestFlatMergedTable: the operational sheets as one worksheet, a row per
// indicator, the sheet's cells merged down its rows, read as the
// example's sheets; what a row per indicator cannot hold (the notes of a
// sheet as a whole, the sheet's text) is all that differs.
func TestFlatMergedTable(t *testing.T) {
	for _, fixture := range []string{"foglio-unico.xlsx", "foglio-unico.ods"} {
		t.Run(fixture, func(t *testing.T) {
			doc, err := Read(fixture, readFixture(t, fixture))
			if err != nil {
				t.Fatal(err)
			}
			if c := doc.Blocks[0].Table.Rows[2].Cells[0]; c.Origin == nil || c.Text() != "Area 3 - Contabilità e servizi di supporto" {
				t.Errorf("A3 is not merged with A2: %q", c.Text())
			}
			res, err := importExample(t, fixture, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Same) != 8 {
				t.Errorf("%d sheets the same, want 8: %v", len(res.Same), res.Same)
			}
			want := map[string]string{
				"operativi/comunicazione-esterna.importato.yaml":  "comunicazione-esterna.yaml: note_revisione 1",
				"operativi/metrologia-convenzioni.importato.yaml": "metrologia-convenzioni.yaml: note_revisione 1",
				"operativi/registro-imprese.importato.yaml":       "registro-imprese.md: testo",
			}
			if len(res.Writes) != len(want) {
				t.Errorf("wrote %v", res.names())
			}
			for _, w := range res.Writes {
				if s := want[strings.TrimPrefix(w.Path, "content/"+examplePlan+"/")]; s == "" || !strings.HasSuffix(w.Summary, s) {
					t.Errorf("%s: %q, want a summary ending %q", w.Path, w.Summary, s)
				}
			}
		})
	}
}

// TestSplitTable: an operational sheet whose table a page break split,
// the second part without headings, and a strategic sheet in a table for
// the sheet and one per indicator, read as the example's.
func TestSplitTable(t *testing.T) {
	for _, fixture := range []string{"tabella-divisa.docx", "tabella-divisa.odt"} {
		res, err := importExample(t, fixture, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := plans("strategici/linea-2.yaml", "operativi/comunicazione-esterna.yaml")
		if slices.Sort(res.Same); !slices.Equal(res.Same, want) || len(res.Writes) > 0 {
			t.Errorf("%s: same %v, writes %v; want %v the same", fixture, res.Same, res.names(), want)
		}
	}
}

// TestTwoRevisions: a target raised by two revisions and an algorithm
// changed by the second come back with both earlier values, each tied to
// its revision: by the dates of the tracked changes, or, struck through,
// by their order.
func TestTwoRevisions(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		notes   []string
	}{
		{"due-revisioni.docx", []string{"rev-2024-09", "rev-2025-03"}},
		{"due-revisioni.odt", []string{"rev-2024-09", "rev-2025-03"}},
		{"due-revisioni-barrato.docx", []string{"rev-2025-03"}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			dir := copyExample(t)
			pianoFile := filepath.Join(dir, "content", examplePlan, "piano.yaml")
			piano, _ := os.ReadFile(pianoFile)
			piano = []byte(strings.Replace(string(piano), "\naree:", "\n  - id: rev-2025-03\n    data: 2025-03-20\n    atto: \"deliberazione n. G/20 del 20.03.2025\"\n    motivo: \"Monitoraggio del secondo semestre.\"\n\naree:", 1))
			if err := os.WriteFile(pianoFile, piano, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, "content", examplePlan, "operativi", "pianificazione-strategica.yaml")); err != nil {
				t.Fatal(err)
			}
			importInto(t, dir, tc.fixture, Options{Revisione: "rev-2025-03"})
			model, ds := builder.LoadAndCheck(os.DirFS(dir))
			if ds.HasErrors() {
				t.Fatal(ds.Error())
			}
			var s *plan.Sheet
			for _, x := range model.Plans[0].Operational {
				if x.Slug == "pianificazione-strategica" {
					s = x
				}
			}
			if s == nil {
				t.Fatal("no sheet pianificazione-strategica")
			}
			ind := s.Indicatori[0]
			if got, want := fields(fromPlan(s))["indicatore 1 target 2024"], "≥ 45 ← ≥ 25 @rev-2024-09 ← ≥ 40 @rev-2025-03"; got != want {
				t.Errorf("target %q, want %q", got, want)
			}
			if got, want := fields(fromPlan(s))["indicatore 1 algoritmo"], "n. azioni svolte ← n. azioni @rev-2025-03"; got != want {
				t.Errorf("algoritmo %q, want %q", got, want)
			}
			var notes []string
			for _, r := range ind.Revisioni {
				notes = append(notes, r.Revisione.S)
			}
			if !slices.Equal(notes, tc.notes) {
				t.Errorf("revision notes of %v, want %v", notes, tc.notes)
			}
		})
	}
}
