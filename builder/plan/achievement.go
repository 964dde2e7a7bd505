package plan

import "math"

// The achievement of an objective, a unit, an area and a line in a year,
// computed only where the act allows it: the plan weighs its objectives and
// indicators and combines them as a weighted mean (Plan.Computes:
// percentages, or coefficients with calcolo_raggiungimento:
// media_ponderata), and every part states its achievement as a percentage. The figure is the mean of the parts'
// achievements weighted with their weights in force that year:
//
//	Σ (weight × achievement) / Σ weights
//
// With percentage weights that sum to 100% this is Σ (weight ×
// achievement) / 100; with coefficients it is the mean weighted with the
// coefficients. The parts are: of an objective (a sheet), its indicators
// in force; of a unit, its operational objectives in force, whose weights
// must sum to 100% when they are percentages (a unit of which only some
// objectives are published has no figure); of a line, its strategic
// objectives. An area has a figure only when its objectives in force are
// all of one unit (then it is that unit's): no act weighs units within
// their area, and weights given within each unit cannot be added across
// units; for the same reason a line without strategic objectives has
// none. A sheet without indicators has the achievement its own result
// states. A plan whose act gives no weights, or no way to combine them,
// has no figure at all, and no figure is made from a part that has none.

// FigureTerm is a part of a figure: a sheet or an indicator, with its weight and
// its achievement, both in force that year.
type FigureTerm struct {
	Sheet     *Sheet
	Indicator *Indicator // nil when the part is the sheet
	Weight    string     // as the plan writes it
	W         float64
	A         float64 // the achievement, in percent
	Stated    string  // the achievement as the act states it; "" when computed
}

// Lack says why a figure cannot be computed.
type Lack int

const (
	Computable  Lack = iota
	NoMethod         // the plan gives no weights, or no way to combine them (Plan.Computes)
	NoParts          // nothing in force to compute from
	NoPercent        // a part states no achievement as a percentage (Figure.Part)
	BadWeight        // a part's weight is not a number (Figure.Part)
	NotWhole         // the weights of a unit's objectives do not sum to 100%
	ManyUnits        // an area's objectives are of several units, which the act does not weigh
	NoStrategic      // a line has no strategic objective in force
)

// Figure is the achievement of an objective, unit, area or line in a year:
// stated by the act (the result of a sheet without indicators) or computed
// from Terms. Lack says why there is none; Part names the part that lacks.
type Figure struct {
	Year    string
	Percent float64
	Stated  bool
	Terms   []FigureTerm
	Lack    Lack
	Part    *FigureTerm
}

// OK reports whether the figure exists.
func (f Figure) OK() bool { return f.Lack == Computable }

// SumWeights is the sum of the terms' weights.
func (f Figure) SumWeights() float64 {
	s := 0.0
	for _, t := range f.Terms {
		s += t.W
	}
	return s
}

// weight reads a weight as the plan's kind of weights writes it.
func (p *Plan) weight(s string) (float64, bool) {
	if p.Coefficients() {
		return ParseCoefficient(s)
	}
	return Percent(s)
}

// SheetFigure is the achievement of an objective in year.
func (p *Plan) SheetFigure(s *Sheet, year string) Figure {
	f := Figure{Year: year}
	n, order := p.StageAt(year), p.RevisionOrder()
	switch {
	case !p.Computes():
		f.Lack = NoMethod
		return f
	case !s.InForce(n, order):
		f.Lack = NoParts
		return f
	case len(s.Indicatori) == 0:
		return statedFigure(f, s)
	}
	for _, ind := range s.Indicators() {
		if !ind.InForce(n, order) {
			continue
		}
		t := FigureTerm{Sheet: s, Indicator: ind, Weight: ind.Peso.At(n, order)}
		var ok bool
		if t.W, ok = p.weight(t.Weight); !ok {
			return f.lacking(BadWeight, t)
		}
		r := ind.ResultIn(year)
		if r == nil {
			return f.lacking(NoPercent, t)
		}
		_, pct, isPct, _ := ParseAchievement(r.Raggiungimento.S)
		if !isPct {
			return f.lacking(NoPercent, t)
		}
		t.A, t.Stated = pct, r.Raggiungimento.S
		f.Terms = append(f.Terms, t)
	}
	return f.mean()
}

// statedFigure is the achievement a sheet without indicators states.
func statedFigure(f Figure, s *Sheet) Figure {
	t := FigureTerm{Sheet: s}
	r := s.ResultIn(f.Year)
	if r == nil {
		return f.lacking(NoPercent, t)
	}
	_, pct, isPct, _ := ParseAchievement(r.Raggiungimento.S)
	if !isPct {
		return f.lacking(NoPercent, t)
	}
	f.Percent, f.Stated = pct, true
	return f
}

func (f Figure) lacking(l Lack, part FigureTerm) Figure {
	f.Lack, f.Part, f.Terms = l, &part, nil
	return f
}

// mean computes the weighted mean of the terms.
func (f Figure) mean() Figure {
	sum, weighted := 0.0, 0.0
	for _, t := range f.Terms {
		sum += t.W
		weighted += t.W * t.A
	}
	if len(f.Terms) == 0 || sum == 0 {
		f.Lack, f.Terms = NoParts, nil
		return f
	}
	f.Percent = weighted / sum
	return f
}

// ofSheets is the figure of a group of sheets, each weighing its weight in
// force that year.
func (p *Plan) ofSheets(sheets []*Sheet, year string) Figure {
	f := Figure{Year: year}
	if !p.Computes() {
		f.Lack = NoMethod
		return f
	}
	n, order := p.StageAt(year), p.RevisionOrder()
	for _, s := range sheets {
		if !s.InForce(n, order) {
			continue
		}
		t := FigureTerm{Sheet: s, Weight: s.Peso.At(n, order)}
		var ok bool
		if t.W, ok = p.weight(t.Weight); !ok {
			return f.lacking(BadWeight, t)
		}
		sf := p.SheetFigure(s, year)
		if !sf.OK() {
			return f.lacking(NoPercent, t)
		}
		t.A = sf.Percent
		f.Terms = append(f.Terms, t)
	}
	return f.mean()
}

// UnitFigure is the achievement of the unit with key in year.
func (p *Plan) UnitFigure(key, year string) Figure {
	return p.whole(p.ofSheets(p.SheetsOfUnit(key), year))
}

// whole refuses a figure of percentages that do not sum to 100%: the
// objectives of a unit published only in part.
func (p *Plan) whole(f Figure) Figure {
	if f.OK() && !p.Coefficients() && math.Abs(f.SumWeights()-100) > 0.01 {
		f.Lack, f.Terms = NotWhole, nil
	}
	return f
}

// AreaFigure is the achievement of the area with key in year, when its
// objectives in force are all of one unit (or of none): that unit's.
func (p *Plan) AreaFigure(key, year string) Figure {
	n, order := p.StageAt(year), p.RevisionOrder()
	var sheets []*Sheet
	units := map[string]bool{}
	for _, s := range p.Operational {
		if a := p.AreaOf(s); a != nil && a.Key() == key {
			sheets = append(sheets, s)
			if s.InForce(n, order) {
				units[s.Unita.S] = true
			}
		}
	}
	if len(units) > 1 && p.Computes() {
		return Figure{Year: year, Lack: ManyUnits}
	}
	return p.whole(p.ofSheets(sheets, year))
}

// LineFigure is the achievement of the line with key in year, from its
// strategic objectives.
func (p *Plan) LineFigure(key, year string) Figure {
	strategic, _ := p.SheetsOfLine(key)
	n, order := p.StageAt(year), p.RevisionOrder()
	for _, s := range strategic {
		if s.InForce(n, order) {
			return p.ofSheets(strategic, year)
		}
	}
	if !p.Computes() {
		return Figure{Year: year, Lack: NoMethod}
	}
	return Figure{Year: year, Lack: NoStrategic}
}
