package builder

import (
	"github.com/piao-pa/piao/builder/plan"
)

// figureView is an achievement as a page shows it: the figure, whether
// the act states it or piao computed it, and how (the parts with their
// weights and achievements, the formula with its numbers); or why there is
// none.
type figureView struct {
	ID           string // the anchor of its explanation
	Year         string
	OK           bool
	Value        string // "87,5%"
	Stated       bool
	Coefficients bool
	Terms        []termView
	Weights      string // the sum of the weights, as written ("100%", "3,5")
	Formula      string // the formula with its numbers
	Why          string // why there is none; "" when the plan has no weights
}

// termView is a part of a computed figure.
type termView struct {
	Name, URL           string
	Weight, Achievement string
	Computed            bool // the part's achievement is itself computed
}

// figure prepares a figure of the page's plan; id is the anchor of its
// explanation, unique in the page.
func (pg *page) figure(f plan.Figure, id string) figureView {
	w, p := pg.r.words, pg.Plan
	v := figureView{ID: id, Year: f.Year, OK: f.OK(), Stated: f.Stated, Coefficients: p.Coefficients()}
	if !f.OK() {
		v.Why = pg.lackWords(f)
		return v
	}
	v.Value = w.Pct(f.Percent)
	if f.Stated {
		return v
	}
	sum := 0.0
	for _, t := range f.Terms {
		sum += t.W * t.A
		v.Terms = append(v.Terms, pg.term(t))
	}
	v.Weights = w.Number(f.SumWeights())
	if !p.Coefficients() {
		v.Weights += "%"
	}
	args := []any{"year", f.Year, "sum", w.Number(sum), "weights", w.Number(f.SumWeights()), "value", v.Value}
	if p.Coefficients() {
		v.Formula = w.T("cycle.figure.formula.coefficients", args...)
	} else {
		v.Formula = w.T("cycle.figure.formula", args...)
	}
	return v
}

// term prepares a part of a figure: an indicator (named by its number,
// linked to its anchor) or an objective.
func (pg *page) term(t plan.FigureTerm) termView {
	w := pg.r.words
	v := termView{Weight: t.Weight, Achievement: t.Stated}
	if t.Stated == "" {
		v.Achievement, v.Computed = w.Pct(t.A), true
	}
	if t.Indicator != nil {
		v.Name = w.T("indicator.number", "n", pg.IndicatorNumber(t.Sheet, t.Indicator)) + ": " + w.Plain(t.Indicator.Descrizione.S)
		v.URL = pg.IndicatorURL(t.Sheet, t.Indicator)
	} else {
		v.Name, v.URL = w.SheetName(t.Sheet), pg.SheetURL(t.Sheet)
	}
	return v
}

// lackWords says why a figure is missing, on this page.
func (pg *page) lackWords(f plan.Figure) string { return pg.r.words.lack(pg.Plan, f, pg.Sheet) }

// lack says why a figure is missing, naming the part that lacks (an
// indicator of sheet by its number alone); nothing for a plan without
// weights, which never has one.
func (w *words) lack(p *plan.Plan, f plan.Figure, sheet *plan.Sheet) string {
	part := ""
	if t := f.Part; t != nil && t.Indicator != nil {
		n := indicatorNumber(t.Sheet, t.Indicator)
		part = w.T("cycle.figure.indicator", "n", n)
		if sheet != t.Sheet {
			part = w.T("cycle.figure.indicatorOf", "n", n, "name", w.SheetName(t.Sheet))
		}
	} else if t != nil {
		part = w.T("cycle.figure.sheet", "name", w.SheetName(t.Sheet))
	}
	switch f.Lack {
	case plan.NoPercent:
		return w.T("cycle.figure.none.noPercent", "part", part)
	case plan.BadWeight:
		return w.T("cycle.figure.none.badWeight", "part", part)
	case plan.NotWhole:
		return w.T("cycle.figure.none.notWhole")
	case plan.NoParts:
		return w.T("cycle.figure.none.noParts")
	case plan.ManyUnits:
		return w.Levelled(p, "cycle.figure.none.manyUnits", "unita")
	case plan.NoStrategic:
		return w.Levelled(p, "cycle.figure.none.noStrategic", "obiettivo_strategico")
	}
	return ""
}

// countView is how many indicators have an outcome.
type countView struct {
	State stateView
	Name  string // "Raggiunti"
	N     int
}

// objectiveRow is an objective in a list of results: its achievement and
// how many of its indicators have each outcome.
type objectiveRow struct {
	Sheet  *plan.Sheet
	Figure figureView
	Counts []countView
}

// levelYear is what a unit's, an area's or a line's page shows of a year
// of results: its achievement and its objectives'.
type levelYear struct {
	Year      string
	Figure    *figureView // nil in a plan without weights
	ReportURL string      // the Relazione of the year, if any
	Rows      []objectiveRow
}

// outcomeCounts counts the outcomes of a sheet's indicators in year (of
// the sheet itself when it has none), in the order of plan.Outcomes.
func outcomeCounts(w *words, s *plan.Sheet, year string) []countView {
	got := sheetOutcomes(s, year)
	var out []countView
	for _, o := range plan.Outcomes {
		if got[o] > 0 {
			out = append(out, countView{State: w.outcome(o), Name: w.outcomes(o), N: got[o]})
		}
	}
	return out
}

// sheetOutcomes counts the outcomes of a sheet's indicators in year, or
// of the sheet itself when it has none.
func sheetOutcomes(s *plan.Sheet, year string) map[plan.Outcome]int {
	p := s.Plan
	n, order := p.StageAt(year), p.RevisionOrder()
	got := map[plan.Outcome]int{}
	if len(s.Indicatori) == 0 {
		if r := s.ResultIn(year); r != nil {
			got[r.Outcome()]++
		} else if s.InForce(n, order) && sheetTargetIn(s, year, n, order) != "" {
			got[plan.NotMeasured]++
		}
	}
	for _, ind := range s.Indicators() {
		got[ind.OutcomeIn(year, n, order)]++
	}
	return got
}

// objectiveRows lists the sheets in force in year with their results.
func (pg *page) objectiveRows(sheets []*plan.Sheet, year, prefix string) []objectiveRow {
	p := pg.Plan
	n, order := p.StageAt(year), p.RevisionOrder()
	var out []objectiveRow
	for _, s := range sheets {
		if !s.InForce(n, order) {
			continue
		}
		row := objectiveRow{Sheet: s, Counts: outcomeCounts(pg.r.words, s, year)}
		if p.Computes() {
			row.Figure = pg.figure(p.SheetFigure(s, year), "calcolo-"+prefix+"-"+slug(s.Slug)+"-"+year)
		}
		out = append(out, row)
	}
	return out
}

// levelSheets are the sheets of a unit, an area or a line.
func levelSheets(p *plan.Plan, level, key string) []*plan.Sheet {
	switch level {
	case "unita":
		return p.SheetsOfUnit(key)
	case "area":
		var out []*plan.Sheet
		for _, s := range p.Operational {
			if a := p.AreaOf(s); a != nil && a.Key() == key {
				out = append(out, s)
			}
		}
		return out
	}
	strategic, operational := p.SheetsOfLine(key)
	return append(append([]*plan.Sheet(nil), strategic...), operational...)
}

// levelFigure is the achievement of a unit, an area or a line.
func levelFigure(p *plan.Plan, level, key, year string) plan.Figure {
	switch level {
	case "unita":
		return p.UnitFigure(key, year)
	case "area":
		return p.AreaFigure(key, year)
	}
	return p.LineFigure(key, year)
}

// levelResults prepares the years of results of a unit, an area or a line
// (level "unita", "area" or "linea") for its page.
func (pg *page) levelResults(level, key string) []levelYear {
	p := pg.Plan
	sheets := levelSheets(p, level, key)
	var out []levelYear
	for _, y := range p.ResultYears() {
		ly := levelYear{Year: y, Rows: pg.objectiveRows(sheets, y, "obiettivo")}
		if len(ly.Rows) == 0 {
			continue
		}
		if p.Computes() {
			f := pg.figure(levelFigure(p, level, key, y), "calcolo-"+y)
			ly.Figure = &f
		}
		if p.Report(y) != nil {
			ly.ReportURL = pg.Rel(reportPath(p, y))
		}
		out = append(out, ly)
	}
	return out
}

// indicatorNumber is the 1-based position of an indicator in its sheet.
func indicatorNumber(s *plan.Sheet, ind *plan.Indicator) int {
	for i := range s.Indicatori {
		if &s.Indicatori[i] == ind {
			return i + 1
		}
	}
	return 0
}
