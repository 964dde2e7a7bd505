package builder

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// This file sums up what a revision did: how many targets it lowered,
// raised or changed otherwise, how many indicators and sheets it added or
// removed, how many weights and other values it changed, which sections it
// touched, and the resources before and after it, per line and year. A
// target counts as lowered or raised only when both values are numbers of
// the same kind (a percentage, an amount in euro, a plain number) with the
// same sign in front (≥, ≤, …) and the indicator's unit of measure stayed
// the same; the totals of resources are computed only where every amount
// is one in euro, and say so. A plan without weights shows no count of
// weights; one without resources, no resources.

// revSummary is what a revision did, counted.
type revSummary struct {
	TargetsLowered, TargetsRaised, TargetsChanged int
	IndicatorsAdded, IndicatorsRemoved            int
	SheetsAdded, SheetsRemoved                    int
	NotesChanged                                  int // footnotes added or removed
	WeightsChanged, ResourcesChanged              int
	OtherChanged                                  int // any other value
	Sections                                      int // sections added, removed or amended
	Weighted, HasResources                        bool
	Resources                                     []resourceRow // per line and year, where some amount changed
	Total                                         []resourceRow // per year, over every line, when more than one line changed
}

// resourceRow is the resources of a line in a year, before and after the
// revision, in cents; Computed is false where some amount is not one in
// euro (then no sum is given).
type resourceRow struct {
	Line                *plan.Line // nil for sheets without a line, and for the total
	Year                string
	Before, After, Diff int64
	Computed            bool
}

// targetMove says how a revision changed a target.
type targetMove int

const (
	targetChanged targetMove = iota // not comparable: changed
	targetLowered
	targetRaised
)

// summarize counts what revision r of plan p did.
func summarize(p *plan.Plan, r *plan.Revision) revSummary {
	sum := revSummary{Weighted: p.Weighted(), HasResources: hasResources(p)}
	changes := p.Changes(r.ID.S)
	units := unitsChanged(changes)
	for _, c := range changes {
		sum.count(c, units)
	}
	sum.Sections = len(p.SectionChanges(r.ID.S))
	if sum.HasResources && sum.ResourcesChanged+sum.SheetsAdded+sum.SheetsRemoved > 0 {
		sum.Resources, sum.Total = resourceTotals(p, r)
	}
	return sum
}

// count adds one change to the summary.
func (sum *revSummary) count(c plan.Change, units map[*plan.Indicator]bool) {
	switch {
	case c.OfSheet() && c.Kind.IsAdded():
		sum.SheetsAdded++
	case c.OfSheet():
		sum.SheetsRemoved++
	case c.Note != nil:
		sum.NotesChanged++
	case c.Kind.IsAdded():
		sum.IndicatorsAdded++
	case c.Kind.IsRemoved():
		sum.IndicatorsRemoved++
	case c.Field.Key == "target":
		switch moveOf(c, units) {
		case targetLowered:
			sum.TargetsLowered++
		case targetRaised:
			sum.TargetsRaised++
		default:
			sum.TargetsChanged++
		}
	case c.Field.Weight:
		sum.WeightsChanged++
	case c.Field.Key == "risorse":
		sum.ResourcesChanged++
	default:
		sum.OtherChanged++
	}
}

// moveOf says whether a change of target lowered or raised it: only when
// both values are comparable numbers and the same revision did not change
// the indicator's unit of measure (units: unitsChanged of its changes).
func moveOf(c plan.Change, units map[*plan.Indicator]bool) targetMove {
	if c.Indicator != nil && units[c.Indicator] {
		return targetChanged
	}
	before, ok1 := parseFigure(c.Old)
	after, ok2 := parseFigure(c.New)
	switch {
	case !ok1 || !ok2 || before.sign != after.sign || before.unit != after.unit:
		return targetChanged
	case after.value < before.value:
		return targetLowered
	case after.value > before.value:
		return targetRaised
	}
	return targetChanged
}

// unitsChanged lists the indicators whose unit of measure the changes of
// a revision changed.
func unitsChanged(all []plan.Change) map[*plan.Indicator]bool {
	out := map[*plan.Indicator]bool{}
	for _, o := range all {
		if o.Indicator != nil && o.Kind.IsModified() && o.Field.Key == "unita_misura" {
			out[o.Indicator] = true
		}
	}
	return out
}

// figure is a target read as a number: its sign in front (≥, ≤, >, <,
// = or none), its value and its kind ("%", "€" or none).
type figure struct {
	sign, unit string
	value      float64
}

// figureRE reads "≥ 12", "≤ 5%", "80", "€ 1.105.500,00", "12,5 %": a sign,
// a euro sign, a number in Italian notation (thousands with dots, decimals
// with a comma), a percent or euro sign. Anything else ("entro il 30.06",
// "SI", "30.06.2024") is no number.
var figureRE = regexp.MustCompile(`^(≥|≤|>=|<=|>|<|=)?\s*(€)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?\s*(%|€)?$`)

// parseFigure reads a value as a figure.
func parseFigure(s string) (figure, bool) {
	m := figureRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return figure{}, false
	}
	sign := map[string]string{">=": "≥", "<=": "≤"}[m[1]]
	if sign == "" {
		sign = m[1]
	}
	unit := m[5]
	if m[2] != "" {
		if unit == "%" {
			return figure{}, false
		}
		unit = "€"
	}
	num := strings.ReplaceAll(m[3], ".", "") + strings.Replace(m[4], ",", ".", 1)
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return figure{}, false
	}
	return figure{sign: sign, unit: unit, value: v}, true
}

// euroCents reads an amount in euro ("€ 1.201.904,83") in cents.
func euroCents(s string) (int64, bool) {
	q, ok := parseFigure(s)
	if !ok || q.sign != "" || q.unit != "€" {
		return 0, false
	}
	m := figureRE.FindStringSubmatch(strings.TrimSpace(s))
	units, _ := strconv.ParseInt(strings.ReplaceAll(m[3], ".", ""), 10, 64)
	cents := int64(0)
	if dec := strings.TrimPrefix(m[4], ","); dec != "" {
		if len(dec) > 2 {
			return 0, false // no such thing as a fraction of a cent
		}
		c, _ := strconv.ParseInt((dec + "0")[:2], 10, 64)
		cents = c
	}
	return units*100 + cents, true
}

// hasResources reports whether some sheet of the plan gives resources.
func hasResources(p *plan.Plan) bool {
	for _, s := range p.Sheets() {
		if len(s.Risorse) > 0 {
			return true
		}
	}
	return false
}

// resourceTotals sums the resources of each line, year by year, before
// and after revision r: the rows of the lines whose amounts the revision
// changed (or that gained or lost a sheet with resources), and the total
// over every line when more than one did.
func resourceTotals(p *plan.Plan, r *plan.Revision) (rows, total []resourceRow) {
	order := p.RevisionOrder()
	n := order[r.ID.S]
	type key struct {
		line *plan.Line
		year string
	}
	sums := map[key]*resourceRow{}
	touched := map[*plan.Line]bool{}
	for _, s := range p.Sheets() {
		if len(s.Risorse) == 0 {
			continue
		}
		line := p.LineOf(s)
		if resourcesTouched(s, r.ID.S) {
			touched[line] = true
		}
		before, after := s.InForce(n-1, order), s.InForce(n, order)
		for _, v := range s.Risorse {
			k := key{line, v.Anno}
			row := sums[k]
			if row == nil {
				row = &resourceRow{Line: line, Year: v.Anno, Computed: true}
				sums[k] = row
			}
			row.add(v.At(n-1, order), before, &row.Before)
			row.add(v.At(n, order), after, &row.After)
		}
	}
	lines := []*plan.Line{}
	for i := range p.Linee {
		lines = append(lines, &p.Linee[i])
	}
	totals := map[string]*resourceRow{}
	for _, line := range append(lines, nil) { // the plan's order, sheets without a line last
		if !touched[line] {
			continue
		}
		for _, y := range p.Years() {
			row := sums[key{line, y}]
			if row == nil {
				continue
			}
			row.Diff = row.After - row.Before
			rows = append(rows, *row)
			t := totals[y]
			if t == nil {
				t = &resourceRow{Year: y, Computed: true}
				totals[y] = t
			}
			t.Before, t.After, t.Computed = t.Before+row.Before, t.After+row.After, t.Computed && row.Computed
		}
	}
	if len(touched) > 1 {
		for _, y := range p.Years() {
			if t := totals[y]; t != nil {
				t.Diff = t.After - t.Before
				total = append(total, *t)
			}
		}
	}
	return rows, total
}

// add adds an amount to a sum, if the sheet is in force; an amount that is
// not one in euro leaves the row without a sum.
func (row *resourceRow) add(amount string, inForce bool, to *int64) {
	if !inForce || strings.TrimSpace(amount) == "" {
		return
	}
	c, ok := euroCents(amount)
	if !ok {
		row.Computed = false
		return
	}
	*to += c
}

// resourcesTouched reports whether revision id changed a sheet's resources
// or added or removed the sheet.
func resourcesTouched(s *plan.Sheet, id string) bool {
	for _, c := range s.Changes(id) {
		if c.OfSheet() || c.Indicator == nil && c.Kind.IsModified() && c.Field.Key == "risorse" {
			return true
		}
	}
	return false
}

// euros formats cents as Italian euro: "€ 1.201.904,83"; with sign, a
// difference: "+ € 96.404,83", "− € 12,00".
func euros(cents int64, sign bool) string {
	prefix := ""
	if cents < 0 {
		prefix, cents = "− ", -cents
	} else if sign && cents > 0 {
		prefix = "+ "
	}
	units := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, d := range units {
		if i > 0 && (len(units)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(d)
	}
	return prefix + "€ " + b.String() + "," + strconv.FormatInt(cents%100+100, 10)[1:]
}
