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
		p.areas[a.Codice.S] = a
		for j := range a.Unita {
			u := &a.Unita[j]
			u.Area = a
			if _, dup := p.units[u.Codice.S]; !dup {
				p.units[u.Codice.S] = u
			}
		}
	}
	for i := range p.Linee {
		l := &p.Linee[i]
		p.lines[l.Codice.S] = l
		for j := range l.Obiettivi {
			o := &l.Obiettivi[j]
			o.Line = l
			if _, dup := p.objectives[o.Key()]; !dup {
				p.objectives[o.Key()] = o
			}
		}
	}
	for i, r := range p.Revisioni {
		p.revOrder[r.ID.S] = i + 1
	}
	p.sheets = newSheetIndex(p)
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
		x.strategic[s.Linea.S] = append(x.strategic[s.Linea.S], s)
	}
	for _, s := range p.Operational {
		x.units[s.Unita.S] = append(x.units[s.Unita.S], s)
		x.operational[s.Linea.S] = append(x.operational[s.Linea.S], s)
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

// Updated is the date of the latest revision, or the publication date.
func (p *Plan) Updated() string {
	if n := len(p.Revisioni); n > 0 {
		return p.Revisioni[n-1].Data.S
	}
	return p.Published()
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
		if s.Linea.S == code {
			strategic = append(strategic, s)
		}
	}
	for _, s := range p.Operational {
		if s.Linea.S == code {
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
	for v := range ind.fields {
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

// Field is a labelled value of a sheet or indicator.
type Field struct {
	Key   string // the content key: "peso", "target"
	Label string // the label on the paper sheet
	Value Value
}

// Values lists the indicator's revisable fields with their labels, in the
// order of the paper sheet; each target is one field.
func (ind *Indicator) Values() []Field { return slices.Collect(ind.fields) }

// fields yields what Values lists, without making the list.
func (ind *Indicator) fields(yield func(Field) bool) {
	if !yield(Field{"descrizione", "Descrizione", ind.Descrizione}) ||
		!yield(Field{"algoritmo", "Algoritmo di calcolo", ind.Algoritmo}) {
		return
	}
	for _, t := range ind.Target {
		if !yield(Field{"target", "Target " + t.Anno, t}) {
			return
		}
	}
	_ = yield(Field{"peso", "Peso indicatore", ind.Peso}) &&
		yield(Field{"fonte", "Fonte del dato", ind.Fonte}) &&
		yield(Field{"unita_misura", "Unità di misura", ind.Unita}) &&
		yield(Field{"tipologia", "Tipologia indicatore", ind.Tipologia})
}

// Values lists the sheet's own revisable fields (not its indicators').
func (s *Sheet) Values() []Field { return slices.Collect(s.fields) }

// fields yields what Values lists, without making the list.
func (s *Sheet) fields(yield func(Field) bool) {
	if s.Kind == Operational && !yield(Field{"obiettivo_operativo", "Obiettivo operativo", s.Obiettivo}) {
		return
	}
	if s.Descrizione.S != "" && !yield(Field{"descrizione", "Descrizione", s.Descrizione}) {
		return
	}
	if !yield(Field{"peso", "Peso obiettivo", s.Peso}) {
		return
	}
	for _, r := range s.Risorse {
		if !yield(Field{"risorse", "Risorse stanziate " + r.Anno, r}) {
			return
		}
	}
}

// Name is the sheet's display title: titolo, the operational objective, or
// the strategic line's name.
func (s *Sheet) Name() string {
	switch {
	case s.Titolo.S != "":
		return s.Titolo.S
	case s.Kind == Operational:
		return s.Obiettivo.S
	}
	if l := s.Plan.LineByCode(s.Linea.S); l != nil {
		return "Linea " + l.Codice.S + " - " + l.Nome.S
	}
	return s.Slug
}

// Revised reports whether any revision touched the sheet.
func (s *Sheet) Revised() bool {
	if len(s.Revisioni) > 0 {
		return true
	}
	for f := range s.fields {
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
