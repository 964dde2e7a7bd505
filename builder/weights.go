package builder

import (
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The rules on weights: the indicators of a sheet weigh 100% as approved
// and after each revision; the operational objectives of a unit weigh 100%.

// revisionsKnown reports whether every revision that decides which
// indicators are in force, and with which weight, exists.
func (c *checker) revisionsKnown(s *plan.Sheet) bool {
	for _, ind := range s.Indicators() {
		ids := []plan.Text{ind.Inserito, ind.Stralcio}
		for _, p := range ind.Peso.Priors() {
			ids = append(ids, p.Revisione)
		}
		for _, id := range ids {
			if id.S != "" && c.p.Revision(id.S) == nil {
				return false
			}
		}
	}
	return true
}

// weights checks that the indicators in force sum to 100%, as approved and
// after each revision.
func (c *checker) weights(s *plan.Sheet) {
	if len(s.Indicatori) == 0 {
		return
	}
	last := ""
	for n := 0; n <= len(c.p.Revisioni); n++ {
		sum, terms, ok := c.stageWeights(s, n)
		same := strings.Join(terms, " + ") == last
		last = strings.Join(terms, " + ")
		if !ok || same || (sum >= 99.99 && sum <= 100.01) {
			continue // a stage equal to the one before is reported once
		}
		when := weightsApproved
		if n > 0 {
			when = weightsCurrent
			if len(c.p.Revisioni) > 1 {
				when += " (" + c.p.Revisioni[n-1].ID.S + ")"
			}
		}
		c.ds.errorf(s.Indicatori[0].Pos, hintWeights, msgWeights, italianNumber(sum), when+": "+addends(terms))
	}
}

// stageWeights sums the weights of the indicators in force after the first
// n revisions; ok is false if a weight is not a percentage.
func (c *checker) stageWeights(s *plan.Sheet, n int) (sum float64, terms []string, ok bool) {
	order := c.p.RevisionOrder()
	for i := range s.Indicatori {
		ind := &s.Indicatori[i]
		if !ind.InForce(n, order) {
			continue
		}
		w, good := plan.Percent(ind.Peso.At(n, order))
		if !good {
			return 0, nil, false
		}
		sum += w
		terms = append(terms, strings.TrimSuffix(ind.Peso.At(n, order), "%"))
	}
	return sum, terms, true
}

// unitWeights checks that the operational objectives of each unit weigh
// 100% in all, as approved (the sheets a revision added left out, those it
// removed counted) and after the revisions: more is an error; less a
// warning, unless the plan says it publishes a selection of its sheets.
func (c *checker) unitWeights() {
	if c.p.Weights() != plan.WeightPercent {
		return
	}
	order, last := c.p.RevisionOrder(), len(c.p.Revisioni)
	for _, u := range c.p.Units() {
		prev := ""
		for _, n := range []int{last, 0} {
			sum, terms, ok := 0.0, []string{}, true
			for _, s := range c.p.SheetsOfUnit(u.Key()) {
				if !s.InForce(n, order) {
					continue
				}
				weight := s.Peso.At(n, order)
				w, good := plan.Percent(weight)
				ok = ok && good
				sum += w
				terms = append(terms, s.Slug+" "+strings.TrimSpace(weight))
			}
			all := strings.Join(terms, " + ")
			if all == prev {
				continue // as approved as it is now: said once
			}
			prev = all
			said := addends(terms)
			if n != last {
				said = weightsApproved + ": " + said
			}
			total, pos := italianNumber(sum), u.KeyText().Pos
			switch {
			case !ok || len(terms) == 0:
			case sum > 100.01:
				c.ds.errorf(pos, hintUnitWeights, msgUnitWeights, u.Key(), total, said)
			case sum < 99.99 && c.p.Schede.S != schedeSelection:
				c.ds.warnf(pos, hintUnitWeights, msgUnitWeights, u.Key(), total, said)
			}
		}
	}
}
