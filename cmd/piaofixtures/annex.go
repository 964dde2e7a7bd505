package main

import (
	"strings"
	"unicode"

	"github.com/piao-pa/piao/builder/plan"
)

// annex lays out a plan's sheets as a PIAO annex does: for each sheet a
// heading, a table of label/value rows, and the indicators (a table each
// for a strategic sheet, header and value rows for an operational one),
// with revision notes and footnotes.
type annex struct {
	p       *plan.Plan
	dates   map[string]string // revision id → the date of its tracked changes
	out     []block
	sheet   bool // one worksheet per objective sheet
	tracked bool // revisions as tracked changes
	// datedNotes writes each revision note as text its revision inserted.
	datedNotes bool
}

func newAnnex(p *plan.Plan, sheet, tracked bool) *annex {
	a := &annex{p: p, dates: map[string]string{}, sheet: sheet, tracked: tracked}
	for _, r := range p.Revisioni {
		a.dates[r.ID.S] = r.Data.S + "T10:00:00"
	}
	return a
}

func (a *annex) blocks() []block {
	a.out = append(a.out, block{para: para{{text: "ALLEGATO - Schede degli obiettivi", kind: bold}}})
	for _, s := range a.p.Strategic {
		a.strategic(s)
	}
	for _, s := range a.p.Operational {
		a.operational(s)
	}
	return a.out
}

func (a *annex) add(b block) { a.out = append(a.out, b) }

func (a *annex) heading(text, name string) {
	if a.sheet {
		a.add(block{name: name})
	}
	a.add(block{para: para{{text: text, kind: bold}}})
}

// labelRow is a label and a value spanning the other columns.
func labelRow(label string, cols int, paras ...para) []cell {
	return []cell{{paras: []para{{{text: label, kind: bold}}}}, {paras: paras, colspan: cols - 1}}
}

func (a *annex) strategic(s *plan.Sheet) {
	a.heading("SCHEDA OBIETTIVO STRATEGICO", s.Slug)
	var rows [][]cell
	var missions []para
	for _, m := range s.Missioni {
		missions = append(missions, para{{text: m.Codice.S + " - " + m.Nome.S}})
	}
	rows = append(rows, labelRow("MISSIONE", 4, missions...))
	if s.Programma != nil {
		rows = append(rows, labelRow("PROGRAMMA", 4, para{{text: s.Programma.Codice.S + " - " + s.Programma.Nome.S}}))
	}
	line := a.line(s.Linea.S)
	rows = append(rows, labelRow("LINEA STRATEGICA", 4, para{{text: line.Codice.S + " - " + line.Nome.S}}))
	rows = append(rows, labelRow("OBIETTIVO STRATEGICO", 4, a.objectives(s, false)...))
	if s.Descrizione.S != "" {
		rows = append(rows, labelRow("DESCRIZIONE", 4, a.value(s.Descrizione, "")...))
	}
	rows = append(rows, labelRow("PESO OBIETTIVO (rispetto agli obt. str.)", 4, a.value(s.Peso, "")...))
	if len(s.Risorse) > 0 {
		rows = append(rows, a.years("RISORSE STANZIATE", s.Risorse, "")...)
	}
	a.add(block{table: rows})
	a.footnotes(s.Note)
	if len(s.Indicatori) > 0 {
		a.add(block{para: para{{text: "INDICATORE/I", kind: bold}}})
	}
	for i := range s.Indicatori {
		a.strategicIndicator(&s.Indicatori[i])
	}
	a.revNotes(s.Revisioni)
}

// years is a label over two rows, the years in the first, the values
// beneath.
func (a *annex) years(label string, vals []plan.Value, status string) [][]cell {
	head := []cell{{paras: []para{{{text: label, kind: bold}}}, rowspan: 2}}
	var row []cell
	for _, v := range vals {
		head = append(head, cell{paras: []para{{{text: "Anno " + v.Anno, kind: bold}}}})
		row = append(row, cell{paras: a.value(v, status)})
	}
	return [][]cell{head, row}
}

func (a *annex) strategicIndicator(ind *plan.Indicator) {
	st := status(ind)
	mark := func(label, field string) string {
		for _, n := range ind.Note {
			for _, c := range n.Campi {
				if c.S == field {
					return label + " (" + n.Rimando.S + ")"
				}
			}
		}
		return label
	}
	rows := [][]cell{labelRow(mark("DESCRIZIONE", "descrizione"), 4, a.value(ind.Descrizione, st)...)}
	if ind.Algoritmo.S != "" {
		rows = append(rows, labelRow(mark("ALGORITMO DI CALCOLO", "algoritmo"), 4, a.value(ind.Algoritmo, st)...))
	}
	rows = append(rows, a.years(mark("RISULTATO ATTESO - TARGET", "target"), ind.Target, st)...)
	rows = append(rows, labelRow(mark("PESO INDICATORE", "peso"), 4, a.value(ind.Peso, st)...))
	for _, f := range []struct {
		label, field string
		v            plan.Value
	}{{"FONTE DEL DATO", "fonte", ind.Fonte}, {"UNITÀ DI MISURA", "unita_misura", ind.Unita}, {"TIPOLOGIA INDICATORE", "tipologia", ind.Tipologia}} {
		if f.v.S != "" {
			rows = append(rows, labelRow(mark(f.label, f.field), 4, a.value(f.v, st)...))
		}
	}
	rows = append(rows, a.noteRows(ind.Revisioni, 4)...)
	a.add(block{table: rows})
	a.footnotes(ind.Note)
}

func (a *annex) operational(s *plan.Sheet) {
	a.heading("SCHEDA OBIETTIVO OPERATIVO", s.Slug)
	unit, area := a.unit(s.Unita.S)
	a.add(block{para: para{{text: upper(area.Nome.S), kind: bold}}})
	line := a.line(s.Linea.S)
	rows := [][]cell{
		labelRow("UNITÀ ORGANIZZATIVA", 5, para{{text: upper(unit.Nome.S)}}),
		labelRow("LINEA STRATEGICA", 5, para{{text: line.Codice.S + " - " + upper(line.Nome.S)}}),
		labelRow("OBIETTIVO STRATEGICO", 5, a.objectives(s, true)...),
		labelRow("OBIETTIVO OPERATIVO", 5, a.value(s.Obiettivo, "")...),
		labelRow("PESO OBIETTIVO (rispetto agli obt di U.O.)", 5, a.value(s.Peso, "")...),
	}
	if body := strings.TrimSpace(s.Body); body != "" {
		rows = append(rows, labelRow("NOTE", 5, para{{text: body}}))
	}
	years := targetYears(s)
	for i := range s.Indicatori {
		rows = append(rows, a.operationalIndicator(&s.Indicatori[i], years)...)
	}
	a.add(block{table: rows})
	a.revNotes(s.Revisioni)
}

func (a *annex) operationalIndicator(ind *plan.Indicator, years []string) [][]cell {
	st := status(ind)
	b := func(s string) cell { return cell{paras: []para{{{text: s, kind: bold}}}} }
	head := []cell{b("INDICATORE Descrizione"), b("ALGORITMO DI CALCOLO")}
	vals := []cell{{paras: a.value(ind.Descrizione, st)}, {paras: a.value(ind.Algoritmo, st)}}
	for _, y := range years {
		head = append(head, b("TARGET "+y))
		var v plan.Value
		for _, t := range ind.Target {
			if t.Anno == y {
				v = t
			}
		}
		vals = append(vals, cell{paras: a.value(v, st)})
	}
	head = append(head, b("PESO"), b("TIPOLOGIA"))
	vals = append(vals, cell{paras: a.value(ind.Peso, st)}, cell{paras: a.value(ind.Tipologia, st)})
	cols := len(head)
	sub := []cell{{}, b("UNITA' DI MISURA"), {colspan: cols - 3}, b("FONTE DEL DATO")}
	subVals := []cell{{}, {paras: a.value(ind.Unita, st)}, {colspan: cols - 3}, {paras: a.value(ind.Fonte, st)}}
	return append([][]cell{head, vals, sub, subVals}, a.noteRows(ind.Revisioni, cols)...)
}

// noteRows is a row across the table for each revision note.
func (a *annex) noteRows(notes []plan.RevNote, cols int) [][]cell {
	var rows [][]cell
	for _, n := range notes {
		text := "REVISIONE ATTUATA: " + n.Attuata.S
		if n.Causa.S != "" {
			text += " CAUSA: " + n.Causa.S
		}
		k := plain
		if a.datedNotes {
			k = added
		}
		rows = append(rows, []cell{{paras: []para{{{text: text, kind: k, date: a.dates[n.Revisione.S]}}}, colspan: cols}})
	}
	return rows
}

// revNotes writes a sheet's revision notes as paragraphs after its tables.
func (a *annex) revNotes(notes []plan.RevNote) {
	for _, n := range notes {
		a.add(block{para: para{{text: "REVISIONE ATTUATA: " + n.Attuata.S}}})
		if n.Causa.S != "" {
			a.add(block{para: para{{text: "CAUSA: " + n.Causa.S}}})
		}
	}
}

// footnotes writes footnotes as paragraphs: "(*) text".
func (a *annex) footnotes(notes []plan.Note) {
	for _, n := range notes {
		text := n.Testo.S
		if n.Rimando.S != "" {
			text = "(" + n.Rimando.S + ") " + text
		}
		k, rev := plain, ""
		switch {
		case n.Inserita.S != "":
			k, rev = added, n.Inserita.S
		case n.Stralcio.S != "":
			k, rev = old, n.Stralcio.S
		}
		a.add(block{para: para{{text: text, kind: k, date: a.dates[rev]}}})
	}
}

func status(ind *plan.Indicator) string {
	switch {
	case ind.Stralcio.S != "":
		return "-" + ind.Stralcio.S
	case ind.Inserito.S != "":
		return "+" + ind.Inserito.S
	}
	return ""
}

func targetYears(s *plan.Sheet) []string {
	var years []string
	seen := map[string]bool{}
	for _, ind := range s.Indicatori {
		for _, t := range ind.Target {
			if !seen[t.Anno] {
				seen[t.Anno] = true
				years = append(years, t.Anno)
			}
		}
	}
	return years
}

func (a *annex) line(code string) *plan.Line {
	for i := range a.p.Linee {
		if a.p.Linee[i].Codice.S == code {
			return &a.p.Linee[i]
		}
	}
	return &plan.Line{Ref: plan.Ref{Codice: plan.Text{S: code}}}
}

func (a *annex) unit(code string) (*plan.Unit, *plan.Area) {
	for i := range a.p.Aree {
		for j := range a.p.Aree[i].Unita {
			if a.p.Aree[i].Unita[j].Codice.S == code {
				return &a.p.Aree[i].Unita[j], &a.p.Aree[i]
			}
		}
	}
	return &plan.Unit{}, &plan.Area{}
}

// objectives lists the sheet's strategic objectives, "code - name", one
// paragraph each.
func (a *annex) objectives(s *plan.Sheet, caps bool) []para {
	var out []para
	line := a.line(s.Linea.S)
	for _, key := range s.Obiettivi {
		for _, o := range line.Obiettivi {
			if o.Key() == key.S {
				name := o.Nome.S
				if caps {
					name = upper(name)
				}
				out = append(out, para{{text: o.Codice.S + " - " + name}})
			}
		}
	}
	return out
}

// upper writes a name in capitals as offices do on typewriter-era
// keyboards: an accented final vowel becomes the vowel and an apostrophe.
func upper(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'à', 'á':
			b.WriteString("A'")
		case 'è', 'é':
			b.WriteString("E'")
		case 'ì':
			b.WriteString("I'")
		case 'ò':
			b.WriteString("O'")
		case 'ù':
			b.WriteString("U'")
		case '’':
			b.WriteString("'")
		default:
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}
