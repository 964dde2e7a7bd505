package builder

import (
	"strconv"

	"github.com/piao-pa/piao/builder/plan"
)

// This file prepares the page of a Relazione sulla performance: the
// outcomes of the year's indicators, the computed achievement of units,
// areas and lines, the resources of the lines, and, group by group, what
// was reached, what was not and why.

// reportView is a Relazione's page, prepared in one call.
type reportView struct {
	Year                string
	Counts              []countView
	OutcomeChart        *chartView
	Units, Areas, Lines figureList
	Resources           *chartView
	ByLine, ByUnit      []groupView
	Shortfalls          []shortfall
}

// figureList is the achievement of the units, areas or lines, with its
// chart; empty in a plan without weights.
type figureList struct {
	Title string
	Rows  []figureRow
	Chart *chartView
}

type figureRow struct {
	Name, URL string
	Figure    figureView
}

// groupView is a line, an area or a unit with its achievement and its
// objectives' (or, for an area, its units').
type groupView struct {
	ID, Title, URL string
	Figure         *figureView
	Rows           []objectiveRow
	Groups         []groupView
}

// shortfall is an objective with its indicators not reached, or reached
// in part, that year.
type shortfall struct {
	Sheet *plan.Sheet
	Items []shortItem
}

type shortItem struct {
	Name, URL string // the indicator, or the sheet itself
	Target    string
	Result    *plan.Result
	Outcome   stateView
}

// reportView prepares the Relazione of the page's year.
func (pg *page) reportView() *reportView {
	p, w, y := pg.Plan, pg.r.words, pg.Report.Anno
	v := &reportView{Year: y}
	v.Counts = planCounts(w, p, y)
	var items []chartItem
	for _, c := range v.Counts {
		items = append(items, chartItem{Label: c.Name, Value: itoa(c.N), Class: "bar-" + c.State.Key, N: float64(c.N)})
	}
	top, ticks := countScale(items)
	v.OutcomeChart = barChart("grafico-esiti", w.T("report.outcomes.caption", "year", y), w.T("chart.outcomes.desc", "items", chartItems(w, items)), items, top, ticks, func(f float64) string { return itoa(int(f)) }, 1)
	if v.OutcomeChart != nil {
		v.OutcomeChart.Table = chartTable{Caption: w.T("report.outcomes.caption", "year", y), Head: []string{w.T("cycle.outcome"), w.T("report.outcomes.count")}}
		for _, c := range v.Counts {
			v.OutcomeChart.Table.Rows = append(v.OutcomeChart.Table.Rows, chartRow{Label: c.State.Symbol + " " + c.Name, Cells: []string{itoa(c.N)}})
		}
	}
	if p.Computes() {
		v.Units = pg.figureList("unita", y)
		v.Areas = pg.figureList("area", y)
		v.Lines = pg.figureList("linea", y)
	}
	v.Resources = pg.resourcesChart()
	v.ByLine, v.ByUnit = pg.lineGroups(y), pg.unitGroups(y)
	v.Shortfalls = pg.shortfalls(y)
	return v
}

func itoa(n int) string { return strconv.Itoa(n) }

// planCounts counts the outcomes of the plan's indicators in year (and of
// the sheets without indicators): the four an OIV reads always, an
// achievement not stated only when some result lacks one.
func planCounts(w *words, p *plan.Plan, year string) []countView {
	got := map[plan.Outcome]int{}
	for _, s := range p.Sheets() {
		for o, n := range sheetOutcomes(s, year) {
			got[o] += n
		}
	}
	var out []countView
	for _, o := range plan.Outcomes {
		if o != plan.Unstated || got[o] > 0 {
			out = append(out, countView{State: w.outcome(o), Name: w.outcomes(o), N: got[o]})
		}
	}
	return out
}

// levelKeys lists the units, areas or lines of the plan: key, name, page.
func (pg *page) levelKeys(level string) []figureRow {
	p := pg.Plan
	var out []figureRow
	switch level {
	case "unita":
		for _, u := range p.Units() {
			out = append(out, figureRow{Name: u.Nome.S, URL: pg.UnitURL(u.Key()), Figure: figureView{ID: u.Key()}})
		}
	case "area":
		for i := range p.Aree {
			a := &p.Aree[i]
			out = append(out, figureRow{Name: a.Nome.S, URL: pg.AreaURL(a.Key()), Figure: figureView{ID: a.Key()}})
		}
	case "linea":
		for i := range p.Linee {
			l := &p.Linee[i]
			out = append(out, figureRow{Name: pg.LineName(l), URL: pg.LineURL(l.Key()), Figure: figureView{ID: l.Key()}})
		}
	}
	return out
}

// figureList computes the achievement of every unit, area or line in
// year, with a chart of those that have one.
func (pg *page) figureList(level, year string) figureList {
	w := pg.r.words
	var out figureList
	var items []chartItem
	for _, r := range pg.levelKeys(level) {
		key := r.Figure.ID
		r.Figure = pg.figure(levelFigure(pg.Plan, level, key, year), "calcolo-"+level+"-"+slug(key))
		out.Rows = append(out.Rows, r)
		if r.Figure.OK {
			items = append(items, chartItem{Label: r.Name, Value: r.Figure.Value, Class: "bar-figure", N: percentOf(r.Figure)})
		}
	}
	if len(items) == 0 {
		return figureList{} // nothing computed: no list of "non calcolabile"
	}
	top, ticks := percentScale(items)
	title := figuresTitle(w, pg.Plan, level)
	out.Title = title
	out.Chart = barChart("grafico-"+level, title+" "+year, w.T("chart.figures.desc", "items", chartItems(w, items), "max", w.Pct(top)), items, top, ticks, w.Pct, 1)
	return out
}

// figuresTitle is the title of the achievement of the units, areas or
// lines.
func figuresTitle(w *words, p *plan.Plan, level string) string {
	switch level {
	case "unita":
		return w.Levelled(p, "report.byUnit", "unita")
	case "area":
		return w.Levelled(p, "report.byArea", "area")
	}
	return w.Levelled(p, "report.byLine", "linea")
}

// percentOf reads back a figure's value for its bar.
func percentOf(f figureView) float64 {
	v, _ := plan.ParsePercent(f.Value)
	return v
}

// lineGroups lists the plan's lines with their objectives in year; for a
// plan without lines, its strategic objectives.
func (pg *page) lineGroups(year string) []groupView {
	p := pg.Plan
	var out []groupView
	for i := range p.Linee {
		l := &p.Linee[i]
		g := groupView{ID: "linea-" + slug(l.Key()), Title: pg.LineName(l), URL: pg.LineURL(l.Key()),
			Rows: pg.objectiveRows(levelSheets(p, "linea", l.Key()), year, "linea")}
		if p.Computes() {
			f := pg.figure(p.LineFigure(l.Key(), year), "calcolo-gruppo-"+g.ID)
			g.Figure = &f
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		for _, o := range p.Objectives() {
			out = append(out, groupView{ID: "obiettivo-" + slug(o.Key()), Title: pg.RefName(o.Ref),
				Rows: pg.objectiveRows(p.SheetsOfObjective(o.Key()), year, "obiettivo")})
		}
	}
	return out
}

// unitGroups lists the plan's areas with their units, and the units
// outside any area, with their objectives in year.
func (pg *page) unitGroups(year string) []groupView {
	p := pg.Plan
	unit := func(u *plan.Unit) groupView {
		g := groupView{ID: "unita-" + slug(u.Key()), Title: u.Nome.S, URL: pg.UnitURL(u.Key()),
			Rows: pg.objectiveRows(p.SheetsOfUnit(u.Key()), year, "unita")}
		if p.Computes() {
			f := pg.figure(p.UnitFigure(u.Key(), year), "calcolo-gruppo-"+g.ID)
			g.Figure = &f
		}
		return g
	}
	var out []groupView
	for i := range p.Aree {
		a := &p.Aree[i]
		g := groupView{ID: "area-" + slug(a.Key()), Title: a.Nome.S, URL: pg.AreaURL(a.Key())}
		if p.Computes() {
			f := pg.figure(p.AreaFigure(a.Key(), year), "calcolo-gruppo-"+g.ID)
			g.Figure = &f
		}
		for j := range a.Unita {
			g.Groups = append(g.Groups, unit(&a.Unita[j]))
		}
		out = append(out, g)
	}
	for i := range p.Unita {
		out = append(out, unit(&p.Unita[i]))
	}
	return out
}

// shortfalls lists, objective by objective, what was not reached in year,
// or reached in part, with the note that says why.
func (pg *page) shortfalls(year string) []shortfall {
	p, w := pg.Plan, pg.r.words
	n, order := p.StageAt(year), p.RevisionOrder()
	var out []shortfall
	for _, s := range p.Sheets() {
		sf := shortfall{Sheet: s}
		if r := s.ResultIn(year); r != nil && len(s.Indicatori) == 0 && short(r.Outcome()) {
			sf.Items = append(sf.Items, shortItem{Name: w.SheetName(s), URL: pg.SheetURL(s),
				Target: sheetTargetIn(s, year, n, order), Result: r, Outcome: w.outcome(r.Outcome())})
		}
		for _, ind := range s.Indicators() {
			r := ind.ResultIn(year)
			if r == nil || !short(r.Outcome()) {
				continue
			}
			sf.Items = append(sf.Items, shortItem{
				Name: w.T("indicator.number", "n", pg.IndicatorNumber(s, ind)) + ": " + w.Plain(ind.Descrizione.S),
				URL:  pg.IndicatorURL(s, ind), Target: ind.TargetIn(year, n, order), Result: r, Outcome: w.outcome(r.Outcome())})
		}
		if len(sf.Items) > 0 {
			out = append(out, sf)
		}
	}
	return out
}

func short(o plan.Outcome) bool { return o == plan.Partial || o == plan.NotReached }

// resourcesChart sums the resources of each line's strategic sheets in
// force, year by year; nil when no line has any.
func (pg *page) resourcesChart() *chartView {
	p, w := pg.Plan, pg.r.words
	years := p.Years()
	var items []chartItem
	table := chartTable{Caption: w.Levelled(p, "report.resources", "linea"), Head: []string{w.Levelled(p, "report.resources.line", "linea")}}
	for _, y := range years {
		table.Head = append(table.Head, w.T("resources.year", "year", y))
	}
	last := len(p.Revisioni)
	for i := range p.Linee {
		l := &p.Linee[i]
		sums, stated, any := make([]int64, len(years)), make([]bool, len(years)), false
		strategic, _ := p.SheetsOfLine(l.Key())
		for _, s := range strategic {
			if !s.InForce(last, p.RevisionOrder()) {
				continue
			}
			for _, r := range s.Risorse {
				if cents, ok, _ := parseEuro(r.S); ok {
					for k, y := range years {
						if y == r.Anno {
							sums[k] += cents
							stated[k], any = true, true
						}
					}
				}
			}
		}
		if !any {
			continue
		}
		row := chartRow{Label: pg.LineName(l), URL: pg.LineURL(l.Key())}
		for k, y := range years {
			amount := w.Euro(sums[k])
			if !stated[k] { // no sheet of the line gives an amount that year: nothing to sum
				row.Cells = append(row.Cells, noValue)
				amount = w.T("value.none")
			} else {
				row.Cells = append(row.Cells, amount)
			}
			items = append(items, chartItem{Label: pg.LineName(l), Value: y + ": " + amount, Class: "bar-y" + itoa(k%3+1), N: float64(sums[k]) / 100})
		}
		table.Rows = append(table.Rows, row)
	}
	if len(items) == 0 {
		return nil
	}
	top, ticks := euroScale(items)
	c := barChart("grafico-risorse", table.Caption, w.T("chart.resources.desc", "items", chartItems(w, items)), items, top, ticks, euroTick(w), len(years))
	c.Table = table
	return c
}
