package plan

import (
	"slices"
	"strconv"
	"strings"
)

// Index links the plan's parts to each other (units to areas, objectives to
// lines) and builds the lookups below. Call it once after loading.
func (p *Plan) Index() {
	p.units = map[string]*Unit{}
	p.areas = map[string]*Area{}
	p.lines = map[string]*Line{}
	p.objectives = map[string]*Objective{}
	p.revOrder = map[string]int{}
	for i := range p.Aree {
		a := &p.Aree[i]
		first(p.areas, a.Key(), a)
		for j := range a.Unita {
			a.Unita[j].Area = a
		}
	}
	for _, u := range p.Units() {
		first(p.units, u.Key(), u)
	}
	for i := range p.Linee {
		l := &p.Linee[i]
		first(p.lines, l.Key(), l)
		for j := range l.Obiettivi {
			l.Obiettivi[j].Line = l
		}
	}
	for _, o := range p.Objectives() {
		first(p.objectives, o.Key(), o)
	}
	for i, r := range p.Revisioni {
		p.revOrder[r.ID.S] = i + 1
	}
	p.sheets = newSheetIndex(p)
	p.used = fieldsUsed(p)
	p.changes = &changeMemo{bySheet: map[*Sheet]map[string][]Change{}, badges: map[*Sheet]*sheetBadges{}}
	p.anyYears = fieldYears(p)
	p.cycle = newCycleIndex(p)
}

// first keeps the first of items with the same key: check reports the
// others.
func first[T any](m map[string]*T, key string, v *T) {
	if _, dup := m[key]; !dup {
		m[key] = v
	}
}

// sheetIndex holds the sheets of each unit, line and objective, so that a
// page listing them costs what it lists, not a pass over every sheet.
type sheetIndex struct {
	n           int // the sheets indexed: a plan that gained some since is scanned
	units       map[string][]*Sheet
	strategic   map[string][]*Sheet
	operational map[string][]*Sheet
	objectives  map[string][]*Sheet
}

func newSheetIndex(p *Plan) *sheetIndex {
	x := &sheetIndex{n: len(p.Strategic) + len(p.Operational), units: map[string][]*Sheet{},
		strategic: map[string][]*Sheet{}, operational: map[string][]*Sheet{}, objectives: map[string][]*Sheet{}}
	for _, s := range p.Strategic {
		k := p.LineKey(s)
		x.strategic[k] = append(x.strategic[k], s)
	}
	for _, s := range p.Operational {
		x.units[s.Unita.S] = append(x.units[s.Unita.S], s)
		k := p.LineKey(s)
		x.operational[k] = append(x.operational[k], s)
		for i, o := range s.Obiettivi {
			if !slices.ContainsFunc(s.Obiettivi[:i], func(x Text) bool { return x.S == o.S }) {
				x.objectives[o.S] = append(x.objectives[o.S], s)
			}
		}
	}
	return x
}

// indexed returns the sheet index if it is up to date, else nil.
func (p *Plan) indexed() *sheetIndex {
	if p.sheets != nil && p.sheets.n == len(p.Strategic)+len(p.Operational) {
		return p.sheets
	}
	return nil
}

// Units lists the units of every area, then those outside any area, in
// plan order.
func (p *Plan) Units() []*Unit {
	var out []*Unit
	for i := range p.Aree {
		for j := range p.Aree[i].Unita {
			out = append(out, &p.Aree[i].Unita[j])
		}
	}
	for i := range p.Unita {
		out = append(out, &p.Unita[i])
	}
	return out
}

// Objectives lists the strategic objectives of every line, then those
// outside any line, in plan order.
func (p *Plan) Objectives() []*Objective {
	var out []*Objective
	for i := range p.Linee {
		for j := range p.Linee[i].Obiettivi {
			out = append(out, &p.Linee[i].Obiettivi[j])
		}
	}
	for i := range p.Obiettivi {
		out = append(out, &p.Obiettivi[i])
	}
	return out
}

// HasAreas, HasUnits, HasLines and HasObjectives report whether the plan
// has that level at all: pages, indexes and columns of a level the plan
// lacks are left out.
func (p *Plan) HasAreas() bool { return len(p.Aree) > 0 }
func (p *Plan) HasUnits() bool {
	return len(p.Unita) > 0 || slices.ContainsFunc(p.Aree, func(a Area) bool { return len(a.Unita) > 0 })
}
func (p *Plan) HasLines() bool { return len(p.Linee) > 0 }
func (p *Plan) HasObjectives() bool {
	return len(p.Obiettivi) > 0 || slices.ContainsFunc(p.Linee, func(l Line) bool { return len(l.Obiettivi) > 0 })
}

// LineOf is the strategic line of a sheet: the one it names, or its
// objectives' line.
func (p *Plan) LineOf(s *Sheet) *Line {
	if s.Linea.S != "" {
		return p.LineByCode(s.Linea.S)
	}
	for _, o := range s.Obiettivi {
		if obj := p.Objective(o.S); obj != nil && obj.Line != nil {
			return obj.Line
		}
	}
	return nil
}

// LineKey is the key of a sheet's line, or "".
func (p *Plan) LineKey(s *Sheet) string {
	if s.Linea.S != "" {
		return s.Linea.S
	}
	if l := p.LineOf(s); l != nil {
		return l.Key()
	}
	return ""
}

// UnitOf is the unit of an operational sheet, or nil.
func (p *Plan) UnitOf(s *Sheet) *Unit { return p.Unit(s.Unita.S) }

// AreaOf is the area of an operational sheet: the one it names, or its
// unit's.
func (p *Plan) AreaOf(s *Sheet) *Area {
	if s.Area.S != "" {
		return p.AreaByCode(s.Area.S)
	}
	if u := p.UnitOf(s); u != nil {
		return u.Area
	}
	return nil
}

// Unit returns the unit with the given code, or nil.
func (p *Plan) Unit(code string) *Unit { return p.units[code] }

// AreaByCode returns the area with the given code, or nil.
func (p *Plan) AreaByCode(code string) *Area { return p.areas[code] }

// LineByCode returns the strategic line with the given code, or nil.
func (p *Plan) LineByCode(code string) *Line { return p.lines[code] }

// Objective returns the strategic objective with the given id or code, or nil.
func (p *Plan) Objective(key string) *Objective { return p.objectives[key] }

// Revision returns the revision with the given id, or nil.
func (p *Plan) Revision(id string) *Revision {
	if n := p.revOrder[id]; n > 0 {
		return &p.Revisioni[n-1]
	}
	return nil
}

// RevisionOrder maps each revision id to its number: 1 for the first.
func (p *Plan) RevisionOrder() map[string]int { return p.revOrder }

// Updated is the date of the latest revision, or the publication date;
// or, when later, of the latest act of a Relazione sulla performance.
func (p *Plan) Updated() string {
	d := p.Published()
	if n := len(p.Revisioni); n > 0 {
		d = p.Revisioni[n-1].Data.S
	}
	for _, r := range p.Relazione {
		d = LaterDate(d, r.Approvazione.Data.S)
		if r.Validazione != nil {
			d = LaterDate(d, r.Validazione.Data.S)
		}
	}
	return d
}

// Published is the publication date: pubblicazione, or the approval date.
func (p *Plan) Published() string {
	if p.Pubblicazione.S != "" {
		return p.Pubblicazione.S
	}
	return p.Approvazione.Data.S
}

// Years lists the plan's years, first to last.
func (p *Plan) Years() []string {
	var out []string
	for y := p.FirstYear; y > 0 && y <= p.LastYear; y++ {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

// SheetsOfUnit lists the operational sheets of a unit, in plan order.
func (p *Plan) SheetsOfUnit(code string) []*Sheet {
	if x := p.indexed(); x != nil {
		return slices.Clip(x.units[code])
	}
	var out []*Sheet
	for _, s := range p.Operational {
		if s.Unita.S == code {
			out = append(out, s)
		}
	}
	return out
}

// SheetsOfLine lists the strategic, then the operational sheets of a line.
func (p *Plan) SheetsOfLine(code string) (strategic, operational []*Sheet) {
	if x := p.indexed(); x != nil {
		return slices.Clip(x.strategic[code]), slices.Clip(x.operational[code])
	}
	for _, s := range p.Strategic {
		if p.LineKey(s) == code {
			strategic = append(strategic, s)
		}
	}
	for _, s := range p.Operational {
		if p.LineKey(s) == code {
			operational = append(operational, s)
		}
	}
	return
}

// SheetsOfObjective lists the operational sheets that serve an objective.
func (p *Plan) SheetsOfObjective(key string) []*Sheet {
	if x := p.indexed(); x != nil {
		return slices.Clip(x.objectives[key])
	}
	var out []*Sheet
	for _, s := range p.Operational {
		for _, o := range s.Obiettivi {
			if o.S == key {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// InForce reports whether the indicator is part of the plan after the
// first n revisions (n = 0: as approved).
func (ind *Indicator) InForce(n int, order map[string]int) bool {
	if ind.Inserito.S != "" && order[ind.Inserito.S] > n {
		return false
	}
	if ind.Stralcio.S != "" && order[ind.Stralcio.S] <= n {
		return false
	}
	return true
}

// Removed reports whether a revision removed the indicator.
func (ind *Indicator) Removed() bool { return ind.Stralcio.S != "" }

// Added reports whether a revision added the indicator.
func (ind *Indicator) Added() bool { return ind.Inserito.S != "" }

// Revised reports whether any revision touched the indicator.
func (ind *Indicator) Revised() bool {
	if ind.Added() || ind.Removed() || len(ind.Revisioni) > 0 {
		return true
	}
	for v := range ind.Fields() {
		if v.Value.Revised() {
			return true
		}
	}
	for _, n := range ind.Note {
		if n.Inserita.S != "" || n.Stralcio.S != "" {
			return true
		}
	}
	return false
}

// Revised reports whether any revision touched the sheet.
func (s *Sheet) Revised() bool {
	if len(s.Revisioni) > 0 || s.Added() || s.Removed() {
		return true
	}
	for f := range s.Fields() {
		if f.Value.Revised() {
			return true
		}
	}
	for _, n := range s.Note {
		if n.Inserita.S != "" || n.Stralcio.S != "" {
			return true
		}
	}
	for i := range s.Indicatori {
		if s.Indicatori[i].Revised() {
			return true
		}
	}
	return false
}

// Added reports whether a revision added the whole sheet.
func (s *Sheet) Added() bool { return s.Inserito.S != "" }

// Removed reports whether a revision removed the whole sheet ("stralcio").
func (s *Sheet) Removed() bool { return s.Stralcio.S != "" }

// InForce reports whether the sheet is part of the plan after the first n
// revisions (n = 0: as approved).
func (s *Sheet) InForce(n int, order map[string]int) bool {
	if s.Inserito.S != "" && order[s.Inserito.S] > n {
		return false
	}
	if s.Stralcio.S != "" && order[s.Stralcio.S] <= n {
		return false
	}
	return true
}

// Percent parses a weight such as "25%", "12,5 %" or "100%": digits, with
// at most one decimal comma or point, never a notation of Go's own
// ("NaN%", "1e1%", "0x1p4%").
func Percent(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "%") {
		return 0, false
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if !decimal(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || f < 0 || f > 100 {
		return 0, false
	}
	return f, true
}

// decimal reports whether s is digits with at most one decimal comma or
// point between them.
func decimal(s string) bool {
	whole, frac, found := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	digits := func(t string) bool {
		return t != "" && strings.Trim(t, "0123456789") == ""
	}
	return digits(whole) && (!found || digits(frac))
}

// Indicators lists pointers to the sheet's indicators, in order.
func (s *Sheet) Indicators() []*Indicator {
	out := make([]*Indicator, len(s.Indicatori))
	for i := range s.Indicatori {
		out[i] = &s.Indicatori[i]
	}
	return out
}
