package builder

import (
	"bytes"
	"encoding/csv"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/plan"
)

// The CSV tables of a plan: sheets, indicators (one column per target
// year) and revision changes. RFC 4180 (comma, CRLF, quotes doubled),
// UTF-8 with a byte order mark so that spreadsheets read the accented
// letters right. docs/open-data.md documents every column.

// table is one CSV file, whose rows are made as they are written; title
// is the key of the words that name it.
type table struct {
	file, title string
	header      []string
	rows        iter.Seq[[]string]
	// A table whose rows are each of a sheet (schede.csv, indicatori.csv)
	// has its sheets, in order (those of the main language), and gives
	// the rows of each (of): its rows are theirs, one sheet after the
	// other; its file is made of a part per sheet (writeParts).
	sheets []*plan.Sheet
	of     func(i int) iter.Seq[[]string]
	// changes: the table is the plan's changes (revisioni.csv), made of
	// the very rows revisioni.json holds, and taken from the last build
	// as that file is (outputs.kept).
	changes bool
}

// bySheet makes t a table of the rows of each of the sheets.
func (t *table) bySheet(sheets []*plan.Sheet, of func(i int) iter.Seq[[]string]) {
	t.sheets, t.of = sheets, of
	t.rows = func(yield func([]string) bool) {
		for i := range sheets {
			for r := range of(i) {
				if !yield(r) {
					return
				}
			}
		}
	}
}

const utf8BOM = "\ufeff"

// csv renders the table. A cell that a spreadsheet would run as a formula
// (see formulaStarts) gets a leading apostrophe.
func (t table) csv() []byte {
	var buf bytes.Buffer
	_ = t.write(&buf)
	return buf.Bytes()
}

// write writes the table as csv says.
func (t table) write(out io.Writer) error {
	if _, err := io.WriteString(out, utf8BOM); err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true
	_ = w.Write(t.header)
	if err := writeRows(w, t.rows, len(t.header)); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

// writeRows writes rows, each cell neutralised.
func writeRows(w *csv.Writer, rows iter.Seq[[]string], columns int) error {
	cells := make([]string, 0, columns)
	for r := range rows {
		cells = cells[:0]
		for _, c := range r {
			cells = append(cells, neutralise(c))
		}
		if err := w.Write(cells); err != nil {
			return err
		}
	}
	return nil
}

// writeParts writes the table as write does, into the file name of out:
// the rows of each sheet are a part of the file (dataparts.go), and those
// of a sheet whose data is unchanged since the last build are the bytes
// of its part of the last build's file, when its header was the same.
func (t table) writeParts(to io.Writer, out *outputs, name string) error {
	if t.of == nil {
		return t.write(to)
	}
	pw := newPartsWriter(to, tableContext(t.header), "") // a sheet's rows right after the last sheet's
	prior := out.priorParts(name, pw.parts.Context)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(t.header)
	w.Flush()
	pw.write([]byte(utf8BOM), buf.Bytes())
	for i, s := range t.sheets {
		data := sheetDataPath(s)
		if prior != nil && out.unchanged(data, s) && pw.prior(out.prefix+data, prior) {
			continue
		}
		buf.Reset()
		if err := writeRows(w, t.of(i), len(t.header)); err != nil {
			return err
		}
		if w.Flush(); w.Error() != nil {
			return w.Error()
		}
		pw.part(out.prefix+data, buf.Bytes())
	}
	if err := pw.close(); err != nil {
		return err
	}
	out.recordParts(name, pw.parts)
	return nil
}

// formulaStarts are the characters that make a spreadsheet read a cell as
// a formula: = + - @, tab and carriage return, and the fullwidth and
// small forms of the first four, which spreadsheets fold to them.
const formulaStarts = "=+-@\t\r＝＋－＠﹦﹢﹣﹫"

// neutralise defuses spreadsheet formulas (CSV injection).
func neutralise(c string) string {
	if r, _ := utf8.DecodeRuneInString(c); c != "" && strings.ContainsRune(formulaStarts, r) {
		return "'" + c
	}
	return c
}

// planTables are the CSV tables of plan p; changes gives its changes
// (changeRows), when revisioni.csv is written.
func planTables(model *plan.Site, w *words, p *plan.Plan, changes func() []changeJSON) []table {
	return append([]table{sheetTable(model, w, p), indicatorTable(model, w, p), changeTable(changes)}, cycleTables(model, w, p)...)
}

// withOriginal lists a column and its "_iniziale" twin.
func withOriginal(names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, n, n+"_iniziale")
	}
	return out
}

func yearColumns(years []string, prefix string) []string {
	var out []string
	for _, y := range years {
		out = append(out, withOriginal(prefix+"_"+y)...)
	}
	return out
}

// fieldColumns are the columns of the fields of the table of fields: each
// field and its "_iniziale" twin, a per-year field once per year.
func fieldColumns(p *plan.Plan, specs []*plan.Spec) []string {
	var out []string
	for _, s := range specs {
		if s.PerYear {
			out = append(out, yearColumns(p.FieldYears(s), s.Key)...)
		} else {
			out = append(out, withOriginal(s.Key)...)
		}
		if s.Dated {
			out = append(out, s.Key+"_data")
		}
	}
	return out
}

// appendFieldCells appends to out the cells of fieldColumns for one
// sheet or indicator: values(spec) gives its values of a field; with
// original unset, the "_iniziale" cells are empty (an indicator that a
// revision added had no approved values).
func appendFieldCells(out []string, p *plan.Plan, w *words, specs []*plan.Spec, values func(*plan.Spec) []plan.Value, original bool) []string {
	for _, s := range specs {
		vs := values(s)
		switch {
		case s.PerYear:
			out = appendYearCells(out, w, p.FieldYears(s), vs, original)
		case len(vs) == 0:
			out = append(out, "", "")
		case original:
			out = append(out, w.Plain(vs[0].S), w.Plain(vs[0].Original()))
		default:
			out = append(out, w.Plain(vs[0].S), "")
		}
		if s.Dated {
			date := ""
			if len(vs) > 0 {
				date = vs[0].Date().S
			}
			out = append(out, date)
		}
	}
	return out
}

// appendYearCells appends to out, for each of the years, the value in
// force and, when original is set, the one first approved; empty where
// the value has no such year.
func appendYearCells(out []string, w *words, years []string, values []plan.Value, original bool) []string {
	for _, y := range years {
		cur, orig := "", ""
		for _, v := range values {
			if v.Anno == y {
				cur = w.Plain(v.S)
				if original {
					orig = w.Plain(v.Original())
				}
			}
		}
		out = append(out, cur, orig)
	}
	return out
}

// sheetsAddedOrRemoved reports whether a revision of the plan added or
// removed a whole sheet: schede.csv then says which sheets are in force.
func sheetsAddedOrRemoved(p *plan.Plan) bool {
	return slices.ContainsFunc(p.Sheets(), func(s *plan.Sheet) bool { return s.Added() || s.Removed() })
}

func yesNo(b bool) string {
	if b {
		return "si"
	}
	return "no"
}

func sheetTable(model *plan.Site, w *words, p *plan.Plan) table {
	t := table{file: "schede.csv", title: "data.sheets.title"}
	for _, c := range placeColumns(p, w) {
		t.header = append(t.header, c.name)
	}
	t.header = append(t.header, fieldColumns(p, p.Specs(plan.SheetSpecs()))...)
	t.header = append(t.header, "indicatori_in_vigore", "rivista")
	if sheetsAddedOrRemoved(p) {
		t.header = append(t.header, "in_vigore", "in_vigore_iniziale", "inserita_da", "stralciata_da")
	}
	t.header = append(t.header, "pagina")
	row, sheets := sheetRow(model, w, p), p.Sheets()
	t.bySheet(sheets, func(i int) iter.Seq[[]string] {
		return func(yield func([]string) bool) { yield(row(sheets[i])) }
	})
	return t
}

// column is a column of schede.csv that says where a sheet sits.
type column struct {
	name string
	cell func(*plan.Sheet) string
}

// placeColumns are the columns of where a sheet sits: those of the levels
// the plan has (a level it lacks has no column), and the sheet's code and
// responsabile when some sheet gives one.
func placeColumns(p *plan.Plan, w *words) []column {
	some := func(f func(*plan.Sheet) bool) bool { return slices.ContainsFunc(p.Sheets(), f) }
	cols := []column{{"piano", func(*plan.Sheet) string { return p.Slug }}, {"scheda", func(s *plan.Sheet) string { return s.Slug }}}
	if some(func(s *plan.Sheet) bool { return s.Codice.S != "" }) {
		cols = append(cols, column{"codice", func(s *plan.Sheet) string { return w.Plain(s.Codice.S) }})
	}
	cols = append(cols, column{"tipo", sheetKind}, column{"titolo", w.SheetName})
	if p.HasLines() {
		cols = append(cols, column{"linea", p.LineKey})
	}
	if p.HasObjectives() {
		cols = append(cols, column{"obiettivi_strategici", func(s *plan.Sheet) string { return joinTexts(s.Obiettivi) }})
	}
	cols = append(cols, column{"missioni", func(s *plan.Sheet) string {
		var missions []string
		for _, m := range s.Missioni {
			missions = append(missions, m.Codice.S+" - "+m.Nome.S)
		}
		return strings.Join(missions, "; ")
	}}, column{"programma", func(s *plan.Sheet) string {
		if s.Programma == nil {
			return ""
		}
		return s.Programma.Codice.S + " - " + s.Programma.Nome.S
	}})
	if p.HasAreas() {
		cols = append(cols, column{"area", func(s *plan.Sheet) string { return areaKey(p, s) }})
	}
	if p.HasUnits() {
		cols = append(cols, column{"unita", func(s *plan.Sheet) string { return s.Unita.S }})
	}
	if some(func(s *plan.Sheet) bool { return s.Responsabile.S != "" }) {
		cols = append(cols, column{"responsabile", func(s *plan.Sheet) string { return w.Plain(s.Responsabile.S) }})
	}
	return cols
}

// sheetRow gives the row of a sheet of p.
func sheetRow(model *plan.Site, w *words, p *plan.Plan) func(s *plan.Sheet) []string {
	place := placeColumns(p, w)
	addedOrRemoved := sheetsAddedOrRemoved(p) // once: it looks at every sheet
	n, order := len(p.Revisioni), p.RevisionOrder()
	return func(s *plan.Sheet) []string {
		inForce := 0
		for _, ind := range s.Indicators() {
			if ind.InForce(n, order) {
				inForce++
			}
		}
		row := make([]string, 0, len(place)+24)
		for _, c := range place {
			row = append(row, c.cell(s))
		}
		row = appendFieldCells(row, p, w, p.Specs(plan.SheetSpecs()), func(f *plan.Spec) []plan.Value {
			if !s.Has(f) {
				return nil
			}
			return s.FieldValues(f)
		}, true)
		row = append(row, strconv.Itoa(inForce), yesNo(s.Revised()))
		if addedOrRemoved {
			row = append(row, yesNo(s.InForce(n, order)), yesNo(s.InForce(0, order)), s.Inserito.S, s.Stralcio.S)
		}
		return append(row, siteURL(model, sheetPath(s)))
	}
}

func indicatorTable(model *plan.Site, w *words, p *plan.Plan) table {
	t := table{file: "indicatori.csv", title: "data.indicators.title"}
	t.header = append([]string{"piano", "scheda", "tipo_scheda", "indicatore", "numero", "in_vigore",
		"in_vigore_iniziale", "inserito_da", "stralciato_da"}, fieldColumns(p, p.Specs(plan.IndicatorSpecs()))...)
	t.header = append(t.header, "pagina")
	sheets := p.Sheets()
	t.bySheet(sheets, func(i int) iter.Seq[[]string] {
		return func(yield func([]string) bool) { indicatorRows(model, w, p, sheets[i], yield) }
	})
	return t
}

// indicatorRows yields the rows of the indicators of the sheet s of p.
//
// A row is yielded in the same slice as the one before it, which it
// overwrites: its reader (writeRows, joinRows) is done with a row once it
// asks for the next. Each indicator's row, grown as its cells were
// appended, was 0.17 GB allocated at 50,000 sheets.
func indicatorRows(model *plan.Site, w *words, p *plan.Plan, s *plan.Sheet, yield func([]string) bool) {
	order, n := p.RevisionOrder(), len(p.Revisioni)
	var row []string
	for i, ind := range s.Indicators() {
		row = append(row[:0], p.Slug, s.Slug, sheetKind(s), ind.ID.S, strconv.Itoa(i+1), yesNo(ind.InForce(n, order)),
			yesNo(ind.InForce(0, order)), ind.Inserito.S, ind.Stralcio.S)
		row = appendFieldCells(row, p, w, p.Specs(plan.IndicatorSpecs()), ind.FieldValues, !ind.Added())
		row = append(row, siteURL(model, sheetPath(s)+"#"+IndicatorAnchor(ind)))
		if !yield(row) {
			return
		}
	}
}

func joinTexts(ts []plan.Text) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.S)
	}
	return strings.Join(out, "; ")
}

// changeJSON is one thing a revision changed: a row of revisioni.csv and
// an entry of "modifiche" in piano.json.
type changeJSON struct {
	Piano            string `json:"piano"`
	Revisione        string `json:"revisione"`
	Data             string `json:"data"`
	Atto             string `json:"atto"`
	Documento        string `json:"documento"`
	Scheda           string `json:"scheda"`
	Indicatore       string `json:"indicatore"`
	Modifica         string `json:"modifica"`
	Oggetto          string `json:"oggetto"`
	Campo            string `json:"campo"`
	Etichetta        string `json:"etichetta"`
	ValorePrecedente string `json:"valore_precedente"`
	ValoreAttuale    string `json:"valore_attuale"`
	Pagina           string `json:"pagina"`
}

var changeColumns = []string{"piano", "revisione", "data", "atto", "documento", "scheda", "indicatore",
	"modifica", "oggetto", "campo", "etichetta", "valore_precedente", "valore_attuale", "pagina"}

func (c changeJSON) cells() []string {
	return []string{c.Piano, c.Revisione, c.Data, c.Atto, c.Documento, c.Scheda, c.Indicatore,
		c.Modifica, c.Oggetto, c.Campo, c.Etichetta, c.ValorePrecedente, c.ValoreAttuale, c.Pagina}
}

func changeTable(changes func() []changeJSON) table {
	rows := func(yield func([]string) bool) {
		for _, c := range changes() { // a small table: the changes only
			if !yield(c.cells()) {
				return
			}
		}
	}
	return table{file: "revisioni.csv", title: "data.changes.title", header: changeColumns, rows: rows, changes: true}
}

var changeKinds = map[plan.ChangeKind]string{plan.Modified: "modificato", plan.Added: "inserito", plan.Removed: "stralciato"}

// changeRows lists every change of every revision, oldest revision first.
func changeRows(model *plan.Site, w *words, p *plan.Plan) []changeJSON {
	changes, n := make([][]plan.Change, len(p.Revisioni)), 0
	for i, r := range p.Revisioni {
		changes[i] = p.Changes(r.ID.S)
		n += len(changes[i])
	}
	if n == 0 {
		return nil
	}
	out := make([]changeJSON, 0, n) // at its size: grown by doubling, 55 MB more allocated at 50,000 sheets
	for i, r := range p.Revisioni {
		for _, c := range changes[i] {
			row := changeJSON{Piano: p.Slug, Revisione: r.ID.S, Data: r.Data.S, Atto: r.Atto.S,
				Documento: r.Documento.S, Scheda: c.Sheet.Slug, Modifica: changeKinds[c.Kind],
				Oggetto: "scheda", Pagina: siteURL(model, sheetPath(c.Sheet))}
			if c.Indicator != nil {
				row.Indicatore, row.Oggetto = c.Indicator.ID.S, "indicatore"
				row.Pagina = siteURL(model, sheetPath(c.Sheet)+"#"+IndicatorAnchor(c.Indicator))
			}
			changeValues(w, &row, c)
			out = append(out, row)
		}
	}
	return out
}

// changeValues fills the field and the values before and after a change.
func changeValues(w *words, row *changeJSON, c plan.Change) {
	before := ""
	switch {
	case c.OfSheet():
		row.Oggetto, row.Campo, row.Etichetta = "scheda", "scheda", w.T("data.changes.sheet")
		before = w.SheetName(c.Sheet)
	case c.Note != nil:
		row.Oggetto, row.Campo, row.Etichetta = "nota", "note", w.T("note.label")
		before = c.Note.Testo.S
	case c.Kind == plan.Modified:
		row.Campo, row.Etichetta = c.Field.Key, w.Field(c.Sheet.Plan, c.Field)
		if c.Field.Value.Anno != "" {
			row.Campo += "_" + c.Field.Value.Anno
		}
		row.ValorePrecedente, row.ValoreAttuale = c.Old, c.New
		return
	default:
		row.Campo, row.Etichetta = "indicatore", w.T("data.changes.indicator")
		before = c.Indicator.Descrizione.S
	}
	if c.Kind == plan.Added {
		row.ValoreAttuale = before
	} else {
		row.ValorePrecedente = before
	}
}
