package main

import (
	"slices"

	"github.com/piao-pa/piao/builder/plan"
)

// specials are the special cases of the importer's tests, each written
// by LibreOffice like the annex.
func specials(p *plan.Plan) []conversion {
	docx := map[string]string{"docx": "<w:strike"}
	return []conversion{
		{name: "etichette-sconosciute", flat: fodt(relabel(sheetBlocks(p, "suap", false), officeLabels), strike), ext: ".fodt", to: []string{"docx"}, marks: docx},
		{name: "foglio-unico", flat: fods(flatSheet(p)), ext: ".fods", to: []string{"xlsx", "ods"}, marks: map[string]string{"xlsx": "<strike", "ods": "text-line-through-type"}},
		{name: "tabella-divisa", flat: fodt(split(p), strike), ext: ".fodt", to: []string{"docx", "odt"}, marks: map[string]string{"docx": "<w:strike", "odt": "text-line-through-style"}},
		{name: "due-revisioni", flat: fodt(twoRevisions(p, true), tracked), ext: ".fodt", to: []string{"docx", "odt"}, marks: map[string]string{"docx": "<w:del ", "odt": "<text:tracked-changes"}},
		{name: "due-revisioni-barrato", flat: fodt(twoRevisions(p, false), strike), ext: ".fodt", to: []string{"docx"}, marks: docx},
		{name: "seme", flat: fodt(sheetBlocks(p, "amministrazione-contabilita", false), strike), ext: ".fodt", to: []string{"docx", "odt"}},
		{name: "seme", flat: fods(sheetBlocks(p, "amministrazione-contabilita", true)), ext: ".fods", to: []string{"xlsx", "ods"}},
	}
}

// sheetBlocks is the annex of one sheet.
func sheetBlocks(p *plan.Plan, slug string, sheet bool) []block {
	a := newAnnex(p, sheet, false)
	for _, s := range p.Sheets() {
		if s.Slug == slug {
			if s.Kind == plan.Strategic {
				a.strategic(s)
			} else {
				a.operational(s)
			}
		}
	}
	return a.out
}

// officeLabels are an office's own labels, which piao does not know.
var officeLabels = map[string]string{
	"UNITÀ ORGANIZZATIVA":    "STRUTTURA COMPETENTE",
	"LINEA STRATEGICA":       "AMBITO DEL PIANO",
	"OBIETTIVO STRATEGICO":   "FINALITÀ STRATEGICA",
	"OBIETTIVO OPERATIVO":    "OBIETTIVO DI PERFORMANCE",
	"INDICATORE Descrizione": "MISURA",
	"ALGORITMO DI CALCOLO":   "MODALITÀ DI RILEVAZIONE",
	"TARGET 2024":            "ATTESO 2024",
	"PESO":                   "INCIDENZA",
	"TIPOLOGIA":              "CLASSE",
	"UNITA' DI MISURA":       "SCALA",
	"FONTE DEL DATO":         "ORIGINE",
	"PESO OBIETTIVO (rispetto agli obt di U.O.)": "RILEVANZA",
}

// relabel writes the labels (bold runs) of blocks with other words.
func relabel(blocks []block, words map[string]string) []block {
	fix := func(p para) {
		for i := range p {
			if w, ok := words[p[i].text]; ok && p[i].kind == bold {
				p[i].text = w
			}
		}
	}
	for _, b := range blocks {
		for _, row := range b.table {
			for _, c := range row {
				for _, p := range c.paras {
					fix(p)
				}
			}
		}
	}
	return blocks
}

// flatSheet is the operational sheets as one worksheet, a row per
// indicator, the sheet's cells merged down its rows.
func flatSheet(p *plan.Plan) []block {
	a := newAnnex(p, true, false)
	head := []string{"AREA", "UNITÀ ORGANIZZATIVA", "LINEA STRATEGICA", "OBIETTIVO STRATEGICO", "OBIETTIVO OPERATIVO", "PESO OBIETTIVO",
		"DESCRIZIONE INDICATORE", "ALGORITMO DI CALCOLO", "TARGET 2024", "PESO INDICATORE", "FONTE DEL DATO", "UNITÀ DI MISURA",
		"TIPOLOGIA INDICATORE", "REVISIONE ATTUATA", "CAUSA"}
	var row []cell
	for _, h := range head {
		row = append(row, cell{paras: []para{{{text: h, kind: bold}}}})
	}
	rows := [][]cell{row}
	for _, s := range p.Operational {
		unit, area := a.unit(s.Unita.S)
		line := a.line(s.Linea.S)
		n := len(s.Indicatori)
		for i := range s.Indicatori {
			ind := &s.Indicatori[i]
			st := status(ind)
			var r []cell
			if i == 0 {
				for _, c := range [][]para{{{{text: area.Nome.S}}}, {{{text: unit.Nome.S}}}, {{{text: line.Codice.S + " - " + line.Nome.S}}},
					a.objectives(s, false), a.value(s.Obiettivo, ""), a.value(s.Peso, "")} {
					r = append(r, cell{paras: c, rowspan: n})
				}
			}
			var target plan.Value
			for _, t := range ind.Target {
				if t.Anno == "2024" {
					target = t
				}
			}
			for _, v := range []plan.Value{ind.Descrizione, ind.Algoritmo, target, ind.Peso, ind.Fonte, ind.Unita, ind.Tipologia} {
				r = append(r, cell{paras: a.value(v, st)})
			}
			attuata, causa := "", ""
			if len(ind.Revisioni) > 0 {
				attuata, causa = ind.Revisioni[0].Attuata.S, ind.Revisioni[0].Causa.S
			}
			r = append(r, cell{paras: []para{{{text: attuata}}}}, cell{paras: []para{{{text: causa}}}})
			rows = append(rows, r)
		}
	}
	return []block{{name: "Obiettivi operativi"}, {table: rows}}
}

// split is two sheets whose tables a page break split: the operational
// sheet's after the headings of its second indicator (the next table
// starts without headings), the strategic sheet's as the annex has it
// (one table for the sheet, one per indicator).
func split(p *plan.Plan) []block {
	out := sheetBlocks(p, "linea-2", false)
	for _, b := range sheetBlocks(p, "comunicazione-esterna", false) {
		if b.table == nil {
			out = append(out, b)
			continue
		}
		heads := 0
		for i, row := range b.table {
			if len(row) > 0 && len(row[0].paras) > 0 && len(row[0].paras[0]) > 0 && row[0].paras[0][0].text == "INDICATORE Descrizione" {
				heads++
				if heads == 2 {
					out = append(out, block{table: b.table[:i+1]}, block{para: para{}}, block{table: b.table[i+1:]})
					break
				}
			}
		}
	}
	return out
}

// The second revision of the two-revision fixture.
const (
	rev2     = "rev-2025-03"
	rev2Date = "2025-03-20"
)

// twoRevisions is the sheet of "pianificazione strategica" after a second
// revision: its target, raised by the first, raised again; its algorithm
// changed by the second only. As tracked changes, each dated with its
// revision (and the revision notes inserted on those dates); struck
// through, both earlier targets struck one after the other, and only the
// second revision's note.
func twoRevisions(p *plan.Plan, trackedNotes bool) []block {
	q := *p
	q.Revisioni = append(slices.Clone(p.Revisioni), plan.Revision{ID: plan.Text{S: rev2}, Data: plan.Text{S: rev2Date}})
	var s plan.Sheet
	for _, x := range p.Operational {
		if x.Slug == "pianificazione-strategica" {
			s = *x
		}
	}
	ind := s.Indicatori[0]
	ind.Target = []plan.Value{{Text: plan.Text{S: "≥ 45"}, Anno: "2024", Extra: &plan.ValueExtra{Precedenti: []plan.Prior{
		{Valore: plan.Text{S: "≥ 25"}, Revisione: plan.Text{S: "rev-2024-09"}}, {Valore: plan.Text{S: "≥ 40"}, Revisione: plan.Text{S: rev2}}}}}}
	ind.Algoritmo = plan.Value{Text: plan.Text{S: "n. azioni svolte"}, Extra: &plan.ValueExtra{Precedenti: []plan.Prior{{Valore: plan.Text{S: "n. azioni"}, Revisione: plan.Text{S: rev2}}}}}
	second := plan.RevNote{Revisione: plan.Text{S: rev2}, Attuata: plan.Text{S: "ulteriore incremento target e precisazione dell'algoritmo."},
		Causa: plan.Text{S: "esito del monitoraggio del secondo semestre."}}
	if trackedNotes {
		ind.Revisioni = append(slices.Clone(ind.Revisioni), second)
	} else {
		ind.Revisioni = []plan.RevNote{second}
	}
	s.Indicatori = []plan.Indicator{ind}
	q.Operational = []*plan.Sheet{&s}
	q.Strategic = nil
	a := newAnnex(&q, false, trackedNotes)
	a.datedNotes = trackedNotes
	a.operational(&s)
	return a.out
}
