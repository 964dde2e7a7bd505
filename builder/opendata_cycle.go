package builder

import (
	"math"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The open data of the performance cycle: risultati.csv (one row per
// indicator, or sheet without indicators, and year), raggiungimento.csv
// (the achievement of objectives, units, areas and lines that piao
// computes, with its terms), monitoraggio.csv (one row per monitoring
// entry), and the same in piano.json and each sheet's scheda.json. A plan
// without results or monitoring has none of these files or keys.
// docs/open-data.md documents every column and key.

// cycleTables are the cycle's CSV tables of a plan that has them.
func cycleTables(model *plan.Site, w *words, p *plan.Plan) []table {
	var out []table
	if p.HasResults() || len(p.Relazione) > 0 {
		out = append(out, resultTable(model, w, p))
		if p.Computes() {
			out = append(out, figureTable(model, w, p))
		}
	}
	if p.HasMonitoring() {
		out = append(out, monitoringTable(model, w, p))
	}
	return out
}

// resultRowOf is one year of an indicator (ind nil: of a sheet without
// indicators), or nil when it has neither target nor result that year.
type resultData struct {
	Anno           string `json:"-"`
	InVigore       bool   `json:"in_vigore"`
	Peso           string `json:"peso,omitempty"`
	Target         string `json:"target"`
	Valore         string `json:"valore"`
	Raggiungimento string `json:"raggiungimento"`
	Esito          string `json:"esito"`
	Nota           string `json:"nota"`
}

// yearResults lists the years of an indicator (or of a sheet without
// indicators, ind nil) that have a target in force or a result.
func yearResults(w *words, s *plan.Sheet, ind *plan.Indicator) []resultData {
	p := s.Plan
	order := p.RevisionOrder()
	var out []resultData
	for _, y := range p.Years() {
		n := p.StageAt(y)
		var d resultData
		var r *plan.Result
		o := plan.NotApplicable
		if ind != nil {
			r, o = ind.ResultIn(y), ind.OutcomeIn(y, n, order)
			d = resultData{InVigore: ind.InForce(n, order), Target: w.Plain(ind.TargetIn(y, n, order))}
			if p.Weighted() {
				d.Peso = ind.Peso.At(n, order)
			}
		} else {
			r = s.ResultIn(y)
			d = resultData{InVigore: s.InForce(n, order), Target: w.Plain(sheetTargetIn(s, y, n, order))}
			switch {
			case r != nil:
				o = r.Outcome()
			case d.InVigore && d.Target != "":
				o = plan.NotMeasured
			}
		}
		if o == plan.NotApplicable {
			continue
		}
		d.Anno, d.Esito = y, o.Key()
		if r != nil {
			d.Valore, d.Raggiungimento, d.Nota = w.Plain(r.Valore.S), r.Raggiungimento.S, w.Plain(r.Nota.S)
		}
		out = append(out, d)
	}
	return out
}

func resultTable(model *plan.Site, w *words, p *plan.Plan) table {
	t := table{file: "risultati.csv", title: "data.results.title"}
	t.header = []string{"piano", "scheda", "tipo_scheda", "indicatore", "numero", "anno", "in_vigore"}
	if p.Weighted() {
		t.header = append(t.header, "peso")
	}
	t.header = append(t.header, "target", "valore", "raggiungimento", "esito", "nota", "pagina")
	t.rows = func(yield func([]string) bool) {
		for _, s := range p.Sheets() {
			rows := func(ind *plan.Indicator, id, number, page string) bool {
				for _, d := range yearResults(w, s, ind) {
					row := []string{p.Slug, s.Slug, sheetKind(s), id, number, d.Anno, yesNo(d.InVigore)}
					if p.Weighted() {
						row = append(row, d.Peso)
					}
					row = append(row, d.Target, d.Valore, d.Raggiungimento, d.Esito, d.Nota, siteURL(model, page))
					if !yield(row) {
						return false
					}
				}
				return true
			}
			if len(s.Indicatori) == 0 && !rows(nil, "", "", sheetPath(s)) {
				return
			}
			for i, ind := range s.Indicators() {
				if !rows(ind, ind.ID.S, strconv.Itoa(i+1), sheetPath(s)+"#"+IndicatorAnchor(ind)) {
					return
				}
			}
		}
	}
	return t
}

// figureData is a computed (or stated) achievement as the open data give
// it: the figure as the pages write it and as a number, where it comes
// from, the terms of its computation, or why there is none.
type figureData struct {
	Raggiungimento string     `json:"raggiungimento"`
	Percentuale    *float64   `json:"percentuale"`
	Origine        string     `json:"origine"` // "calcolato", "dichiarato", or "" when there is none
	Termini        []termData `json:"termini"`
	Nota           string     `json:"nota"`
}

type termData struct {
	Scheda         string `json:"scheda"`
	Indicatore     string `json:"indicatore,omitempty"`
	Peso           string `json:"peso"`
	Raggiungimento string `json:"raggiungimento"`
}

func newFigureData(w *words, p *plan.Plan, f plan.Figure, sheet *plan.Sheet) figureData {
	d := figureData{Termini: []termData{}}
	if !f.OK() {
		d.Nota = w.lack(p, f, sheet)
		return d
	}
	pct := math.Round(f.Percent*100) / 100
	d.Raggiungimento, d.Percentuale, d.Origine = w.Pct(f.Percent), &pct, "calcolato"
	if f.Stated {
		d.Origine = "dichiarato"
	}
	for _, t := range f.Terms {
		td := termData{Scheda: t.Sheet.Slug, Peso: t.Weight, Raggiungimento: t.Stated}
		if t.Indicator != nil {
			td.Indicatore = t.Indicator.ID.S
		}
		if t.Stated == "" {
			td.Raggiungimento = w.Pct(t.A)
		}
		d.Termini = append(d.Termini, td)
	}
	return d
}

// terms writes the terms of a figure for a CSV cell: "60% × 94% + 40% ×
// 100%".
func (d figureData) terms() string {
	parts := make([]string, len(d.Termini))
	for i, t := range d.Termini {
		parts[i] = t.Peso + " × " + t.Raggiungimento
	}
	return strings.Join(parts, " + ")
}

// levelFigureData is a row of raggiungimento.csv and of "raggiungimento"
// in piano.json: one objective, unit, area or line in one year.
type levelFigureData struct {
	Anno    string `json:"anno"`
	Livello string `json:"livello"` // obiettivo, unita, area, linea
	Chiave  string `json:"chiave"`
	Nome    string `json:"nome"`
	Peso    string `json:"peso,omitempty"` // of an objective: its weight in force that year
	figureData
	Pagina string `json:"pagina"`

	sheet *plan.Sheet // of an objective row
}

// levelFigures lists the achievement of every objective, unit, area and
// line of a weighted plan in each year it reports on.
func levelFigures(model *plan.Site, w *words, p *plan.Plan) []levelFigureData {
	var out []levelFigureData
	if !p.Computes() {
		return nil
	}
	order := p.RevisionOrder()
	for _, y := range p.ResultYears() {
		n := p.StageAt(y)
		for _, s := range p.Sheets() {
			if !s.InForce(n, order) {
				continue
			}
			out = append(out, levelFigureData{Anno: y, Livello: "obiettivo", Chiave: s.Slug, Nome: w.SheetName(s),
				Peso: s.Peso.At(n, order), figureData: newFigureData(w, p, p.SheetFigure(s, y), s),
				Pagina: siteURL(model, sheetPath(s)), sheet: s})
		}
		for _, u := range p.Units() {
			out = append(out, levelFigureData{Anno: y, Livello: "unita", Chiave: u.Key(), Nome: u.Nome.S,
				figureData: newFigureData(w, p, p.UnitFigure(u.Key(), y), nil), Pagina: siteURL(model, unitPath(p, u.Key()))})
		}
		for i := range p.Aree {
			a := &p.Aree[i]
			out = append(out, levelFigureData{Anno: y, Livello: "area", Chiave: a.Key(), Nome: a.Nome.S,
				figureData: newFigureData(w, p, p.AreaFigure(a.Key(), y), nil), Pagina: siteURL(model, areaPath(p, a.Key()))})
		}
		for i := range p.Linee {
			l := &p.Linee[i]
			out = append(out, levelFigureData{Anno: y, Livello: "linea", Chiave: l.Key(), Nome: w.LineName(p, l),
				figureData: newFigureData(w, p, p.LineFigure(l.Key(), y), nil), Pagina: siteURL(model, linePath(p, l.Key()))})
		}
	}
	return out
}

func figureTable(model *plan.Site, w *words, p *plan.Plan) table {
	t := table{file: "raggiungimento.csv", title: "data.figures.title"}
	t.header = []string{"piano", "anno", "livello", "chiave", "nome", "tipo_scheda"}
	place := []column{}
	if p.HasAreas() {
		place = append(place, column{"area", func(s *plan.Sheet) string { return areaKey(p, s) }})
	}
	if p.HasUnits() {
		place = append(place, column{"unita", func(s *plan.Sheet) string { return s.Unita.S }})
	}
	if p.HasLines() {
		place = append(place, column{"linea", p.LineKey})
	}
	for _, c := range place {
		t.header = append(t.header, c.name)
	}
	t.header = append(t.header, "peso", "raggiungimento", "origine", "termini", "nota", "pagina")
	t.rows = func(yield func([]string) bool) {
		for _, f := range levelFigures(model, w, p) {
			row := []string{p.Slug, f.Anno, f.Livello, f.Chiave, f.Nome, ""}
			if f.sheet != nil {
				row[5] = sheetKind(f.sheet)
			}
			for _, c := range place {
				cell := ""
				if f.sheet != nil {
					cell = c.cell(f.sheet)
				}
				row = append(row, cell)
			}
			row = append(row, f.Peso, f.Raggiungimento, f.Origine, f.terms(), f.Nota, f.Pagina)
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// monitoringData is a monitoring entry as the open data give it.
type monitoringData struct {
	Data      string `json:"data"`
	Stato     string `json:"stato"`     // +, = or −, as the act marks it
	Andamento string `json:"andamento"` // in_anticipo, in_linea, in_ritardo
	Valore    string `json:"valore"`
	Nota      string `json:"nota"`
	Proposta  string `json:"proposta"`
	Revisione string `json:"revisione"`
	Pagina    string `json:"pagina"`
}

// monitoringList gives the entries of a sheet (ind nil) or an indicator,
// by date, each with the address of its row.
func monitoringList(model *plan.Site, w *words, s *plan.Sheet, ind *plan.Indicator) []monitoringData {
	ms, prefix := s.Monitoraggio, "scheda"
	if ind != nil {
		ms, prefix = ind.Monitoraggio, IndicatorAnchor(ind)
	}
	out := []monitoringData{}
	idx := make([]int, len(ms))
	for i := range idx {
		idx[i] = i
	}
	for i := 1; i < len(idx); i++ { // by date, as the pages
		for j := i; j > 0 && plan.DateBefore(ms[idx[j]].Data.S, ms[idx[j-1]].Data.S); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	for _, i := range idx {
		m := &ms[i]
		pr := m.Progress()
		out = append(out, monitoringData{Data: m.Data.S, Stato: pr.Symbol(), Andamento: pr.Key(), Valore: w.Plain(m.Valore.S),
			Nota: w.Plain(m.Nota.S), Proposta: w.Plain(m.Proposta.S), Revisione: m.Revisione.S,
			Pagina: siteURL(model, sheetPath(s)+"#"+monitoringAnchor(prefix, i))})
	}
	return out
}

func monitoringTable(model *plan.Site, w *words, p *plan.Plan) table {
	t := table{file: "monitoraggio.csv", title: "data.monitoring.title",
		header: []string{"piano", "scheda", "tipo_scheda", "indicatore", "numero", "data", "andamento", "valore", "nota", "proposta", "revisione", "pagina"}}
	t.rows = func(yield func([]string) bool) {
		for _, s := range p.Sheets() {
			emit := func(ind *plan.Indicator, id, number string) bool {
				for _, m := range monitoringList(model, w, s, ind) {
					if !yield([]string{p.Slug, s.Slug, sheetKind(s), id, number, m.Data, m.Andamento, m.Valore, m.Nota, m.Proposta, m.Revisione, m.Pagina}) {
						return false
					}
				}
				return true
			}
			if !emit(nil, "", "") {
				return
			}
			for i, ind := range s.Indicators() {
				if !emit(ind, ind.ID.S, strconv.Itoa(i+1)) {
					return
				}
			}
		}
	}
	return t
}

// reportData is a Relazione sulla performance in piano.json.
type reportData struct {
	Anno         string         `json:"anno"`
	Approvazione reportActData  `json:"approvazione"`
	Validazione  *reportActData `json:"validazione"`
	Testo        string         `json:"testo"`
	Pagina       string         `json:"pagina"`
}

type reportActData struct {
	Atto     string         `json:"atto"`
	Data     string         `json:"data"`
	URL      string         `json:"url"`
	Allegati []documentData `json:"allegati"`
}

type documentData struct {
	Titolo string `json:"titolo"`
	URL    string `json:"url"`
}

func newReportAct(a *plan.ReportAct) *reportActData {
	d := &reportActData{Atto: a.Atto.S, Data: a.Data.S, URL: a.URL.S, Allegati: []documentData{}}
	for _, doc := range a.Allegati {
		d.Allegati = append(d.Allegati, documentData{doc.Titolo.S, doc.URL.S})
	}
	return d
}

// reportsData lists the plan's Relazioni for piano.json.
func reportsData(model *plan.Site, p *plan.Plan) []reportData {
	var out []reportData
	for i := range p.Relazione {
		r := &p.Relazione[i]
		d := reportData{Anno: r.Anno, Approvazione: *newReportAct(&r.Approvazione), Testo: r.Testo.S,
			Pagina: siteURL(model, reportPath(p, r.Anno))}
		if r.Validazione != nil {
			d.Validazione = newReportAct(r.Validazione)
		}
		out = append(out, d)
	}
	return out
}

// sheetCycleData fills a sheet's cycle keys of scheda.json: its own
// monitoring and results, the objective's achievement per year, and its
// indicators'.
func sheetCycleData(model *plan.Site, w *words, s *plan.Sheet, out *sheetJSON) {
	p := s.Plan
	if p.HasMonitoring() {
		out.Monitoraggio = monitoringList(model, w, s, nil)
	}
	if p.HasResults() || len(p.Relazione) > 0 {
		if len(s.Indicatori) == 0 {
			out.Risultati = resultsByYear(yearResults(w, s, nil))
		}
		if p.Computes() {
			out.Raggiungimento = map[string]figureData{}
			for _, y := range p.ResultYears() {
				if s.InForce(p.StageAt(y), p.RevisionOrder()) {
					out.Raggiungimento[y] = newFigureData(w, p, p.SheetFigure(s, y), s)
				}
			}
		}
	}
	for i, ind := range s.Indicators() {
		j := &out.Indicatori[i]
		if p.HasMonitoring() {
			j.Monitoraggio = monitoringList(model, w, s, ind)
		}
		if p.HasResults() || len(p.Relazione) > 0 {
			j.Risultati = resultsByYear(yearResults(w, s, ind))
		}
	}
}

func resultsByYear(rs []resultData) map[string]resultData {
	out := map[string]resultData{}
	for _, r := range rs {
		out[r.Anno] = r
	}
	return out
}
