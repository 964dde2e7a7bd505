package builder

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// This file prepares the performance cycle for the pages: monitoring,
// target and result side by side, outcomes in words and signs, and the
// computed achievement with how it is computed. The page methods of
// view.go call these.

// stateView is a state as a page shows it: its key (for the class), its
// words and its sign; never colour alone.
type stateView struct{ Key, Word, Symbol string }

// outcome words an outcome.
func (w *words) outcome(o plan.Outcome) stateView {
	switch o {
	case plan.Reached:
		return stateView{o.Key(), w.T("outcome.raggiunto"), w.T("outcome.raggiunto.symbol")}
	case plan.Partial:
		return stateView{o.Key(), w.T("outcome.parziale"), w.T("outcome.parziale.symbol")}
	case plan.NotReached:
		return stateView{o.Key(), w.T("outcome.non_raggiunto"), w.T("outcome.non_raggiunto.symbol")}
	case plan.Unstated:
		return stateView{o.Key(), w.T("outcome.non_indicato"), w.T("outcome.non_indicato.symbol")}
	case plan.NotMeasured:
		return stateView{o.Key(), w.T("outcome.non_rilevato"), w.T("outcome.non_rilevato.symbol")}
	}
	return stateView{}
}

// outcomes names a number of indicators with an outcome: "Raggiunti".
func (w *words) outcomes(o plan.Outcome) string {
	switch o {
	case plan.Reached:
		return w.T("outcome.many.raggiunto")
	case plan.Partial:
		return w.T("outcome.many.parziale")
	case plan.NotReached:
		return w.T("outcome.many.non_raggiunto")
	case plan.Unstated:
		return w.T("outcome.many.non_indicato")
	}
	return w.T("outcome.many.non_rilevato")
}

// progress words a monitoring state.
func (w *words) progress(p plan.Progress) stateView {
	switch p {
	case plan.Ahead:
		return stateView{p.Key(), w.T("progress.in_anticipo"), p.Symbol()}
	case plan.OnTrack:
		return stateView{p.Key(), w.T("progress.in_linea"), p.Symbol()}
	case plan.Behind:
		return stateView{p.Key(), w.T("progress.in_ritardo"), p.Symbol()}
	}
	return stateView{}
}

// Pct writes a percentage as the pages do: "87,5%", one decimal at most.
func (w *words) Pct(f float64) string { return w.Number(f) + "%" }

// Number writes a number with one decimal at most, in the words' decimal
// separator: "87,5", "100".
func (w *words) Number(f float64) string {
	s := strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
	return strings.Replace(s, ".", w.decimal, 1)
}

// resultRow is one year of an indicator or a sheet: the target in force
// that year beside the result, and its outcome.
type resultRow struct {
	Year    string
	Target  string
	Result  *plan.Result
	Outcome stateView
}

// monitoringRow is an entry of a monitoring, with its state in words and
// the revision that followed it.
type monitoringRow struct {
	*plan.Monitoring
	ID       string // the row's anchor
	Progress stateView
	Rev      *plan.Revision
	RevURL   string
}

// cycleView is what an indicator or a sheet shows of its cycle.
type cycleView struct {
	Rows       []resultRow
	Monitoring []monitoringRow
	Latest     *monitoringRow
	Figures    []figureView // of a sheet: the objective's achievement per year
}

// empty reports whether there is nothing to show.
func (c *cycleView) empty() bool {
	return len(c.Rows) == 0 && len(c.Monitoring) == 0 && len(c.Figures) == 0
}

// cycleShown reports whether a page shows the cycle of the plan at all:
// the plan has a Relazione, or the object its own results or monitoring.
// A sheet's page reads piano.yaml and the sheet only.
func cycleShown(p *plan.Plan, results []plan.Result, ms []plan.Monitoring) bool {
	return len(p.Relazione) > 0 || len(results) > 0 || len(ms) > 0
}

// indicatorCycle prepares an indicator's results and monitoring for its
// sheet's page; nil when there is none to show.
func (pg *page) indicatorCycle(s *plan.Sheet, ind *plan.Indicator) *cycleView {
	p := s.Plan
	if pg.Original || !cycleShown(p, ind.Risultati, ind.Monitoraggio) {
		return nil
	}
	c := &cycleView{}
	order := p.RevisionOrder()
	for _, y := range p.Years() {
		n := p.StageAt(y)
		o := ind.OutcomeIn(y, n, order)
		if o == plan.NotApplicable {
			continue
		}
		c.Rows = append(c.Rows, resultRow{Year: y, Target: ind.TargetIn(y, n, order), Result: ind.ResultIn(y), Outcome: pg.r.words.outcome(o)})
	}
	c.Monitoring, c.Latest = pg.monitoringRows(IndicatorAnchor(ind), ind.Monitoraggio)
	if c.empty() {
		return nil
	}
	return c
}

// sheetCycle prepares a sheet's own results and monitoring, and the
// objective's achievement per year, for its page; nil when there is none.
func (pg *page) sheetCycle(s *plan.Sheet) *cycleView {
	p := s.Plan
	if pg.Original || !cycleShown(p, s.Risultati, s.Monitoraggio) && !anyIndicatorResult(s) {
		return nil
	}
	c := &cycleView{}
	order := p.RevisionOrder()
	for _, y := range p.Years() {
		if len(s.Indicatori) == 0 {
			n := p.StageAt(y)
			r := s.ResultIn(y)
			o := plan.NotApplicable
			switch {
			case r != nil:
				o = r.Outcome()
			case s.InForce(n, order) && sheetTargetIn(s, y, n, order) != "":
				o = plan.NotMeasured
			}
			if o != plan.NotApplicable {
				c.Rows = append(c.Rows, resultRow{Year: y, Target: sheetTargetIn(s, y, n, order), Result: r, Outcome: pg.r.words.outcome(o)})
			}
		}
		if f := p.SheetFigure(s, y); !f.Stated && (f.OK() || f.Lack != plan.NoMethod && hasResultIn(s, y)) {
			c.Figures = append(c.Figures, pg.figure(f, "calcolo-obiettivo-"+y))
		}
	}
	c.Monitoring, c.Latest = pg.monitoringRows("scheda", s.Monitoraggio)
	if c.empty() {
		return nil
	}
	return c
}

func anyIndicatorResult(s *plan.Sheet) bool {
	for i := range s.Indicatori {
		if len(s.Indicatori[i].Risultati) > 0 {
			return true
		}
	}
	return false
}

// hasResultIn reports whether the sheet or one of its indicators has a
// result of year: only then is a missing figure worth explaining.
func hasResultIn(s *plan.Sheet, year string) bool {
	if s.ResultIn(year) != nil {
		return true
	}
	for _, ind := range s.Indicators() {
		if ind.ResultIn(year) != nil {
			return true
		}
	}
	return false
}

// sheetTargetIn is a sheet's own target of year in force after n
// revisions; "" for none or "//".
func sheetTargetIn(s *plan.Sheet, year string, n int, order map[string]int) string {
	for _, t := range s.Target {
		if t.Anno == year {
			if v := strings.TrimSpace(t.At(n, order)); v != noValue {
				return v
			}
		}
	}
	return ""
}

// monitoringRows prepares monitoring entries, oldest first, each with an
// anchor made from prefix, and the latest.
func (pg *page) monitoringRows(prefix string, ms []plan.Monitoring) ([]monitoringRow, *monitoringRow) {
	if len(ms) == 0 {
		return nil, nil
	}
	var out []monitoringRow
	for i := range ms {
		m := &ms[i]
		row := monitoringRow{Monitoring: m, ID: monitoringAnchor(prefix, i), Progress: pg.r.words.progress(m.Progress())}
		if r := pg.Plan.Revision(m.Revisione.S); r != nil {
			row.Rev, row.RevURL = r, pg.RevisionsURL(r.ID.S)
		}
		out = append(out, row)
	}
	sortMonitoring(out)
	latest := plan.Latest(ms)
	for i := range out {
		if out[i].Monitoring == latest {
			return out, &out[i]
		}
	}
	return out, nil
}

// monitoringAnchor is the fragment of the i-th monitoring entry of an
// indicator (prefix its anchor) or of a sheet (prefix "scheda").
func monitoringAnchor(prefix string, i int) string {
	return prefix + "-monitoraggio-" + strconv.Itoa(i+1)
}

// sortMonitoring orders entries by date, keeping the written order of
// those neither before the other.
func sortMonitoring(rows []monitoringRow) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && plan.DateBefore(rows[j].Data.S, rows[j-1].Data.S); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// followed is a monitoring entry whose proposal a revision took up.
type followed struct {
	Sheet     *plan.Sheet
	Name, URL string // the indicator or the sheet, and the entry's anchor
	Row       monitoringRow
}

// monitoringFollowed lists the monitoring entries that revision id
// followed, in sheet order. The names and anchors are worked out only for
// the sheets and indicators that have one: a revisions page of a large
// plan asks once per revision.
func (pg *page) monitoringFollowed(id string) []followed {
	w := pg.r.words
	var out []followed
	add := func(s *plan.Sheet, ind *plan.Indicator, i int, ms []plan.Monitoring) {
		if !slices.ContainsFunc(ms, func(m plan.Monitoring) bool { return m.Revisione.S == id }) {
			return
		}
		name, prefix := w.SheetName(s), "scheda"
		if ind != nil {
			name, prefix = w.T("indicator.number", "n", i+1)+": "+w.Plain(ind.Descrizione.S), IndicatorAnchor(ind)
		}
		rows, _ := pg.monitoringRows(prefix, ms)
		for _, r := range rows {
			if r.Revisione.S == id {
				out = append(out, followed{Sheet: s, Name: name, URL: pg.Rel(sheetPath(s) + "#" + r.ID), Row: r})
			}
		}
	}
	for _, s := range pg.Plan.Sheets() {
		add(s, nil, 0, s.Monitoraggio)
		for i, ind := range s.Indicators() {
			add(s, ind, i, ind.Monitoraggio)
		}
	}
	return out
}

// latestMonitoring is the date of the plan's latest monitoring entry.
func latestMonitoring(p *plan.Plan) string {
	d := ""
	for _, s := range p.Sheets() {
		if m := plan.Latest(s.Monitoraggio); m != nil {
			d = plan.LaterDate(d, m.Data.S)
		}
		for i := range s.Indicatori {
			if m := plan.Latest(s.Indicatori[i].Monitoraggio); m != nil {
				d = plan.LaterDate(d, m.Data.S)
			}
		}
	}
	return d
}
