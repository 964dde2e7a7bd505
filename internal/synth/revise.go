package synth

import "fmt"

// sheet is what a generated sheet holds besides its text: its indicators
// and what the plan's revision changed in it.
type sheet struct {
	inds        []*indicator
	revised     bool
	changeSheet bool   // the revision changed a value of the sheet itself
	done        string // what the revision did, for the revision note
}

type indicator struct {
	id, measure, source, typology string
	desc, descPrev                string
	algo, algoPrev                string
	targets, targetsPrev          [3]string
	weight, weightPrev            int // weightPrev 0: unchanged
	added, removed                bool
}

// newSheet draws 1 to 4 indicators whose weights sum to 100%, and revises
// about three sheets in ten, and the plan's first sheet, so that the
// revision changes something in every plan.
func (g *gen) newSheet() *sheet {
	s := &sheet{}
	for _, w := range g.weights(1 + g.rnd.IntN(4)) {
		s.inds = append(s.inds, g.newIndicator(w))
	}
	if g.rnd.IntN(10) < 3 || g.unrevised {
		g.revise(s)
		g.unrevised = false
	}
	return s
}

func (g *gen) newIndicator(weight int) *indicator {
	g.ids++
	ind := &indicator{id: fmt.Sprintf("ind-%d", g.ids), weight: weight,
		measure: g.pick(measures), source: g.pick(sources), typology: g.pick(typologies),
		desc: g.phrase(8 + g.rnd.IntN(10)), algo: g.phrase(6 + g.rnd.IntN(10))}
	for j := range ind.targets {
		ind.targets[j], _ = g.target(ind.measure)
	}
	if g.rnd.IntN(10) == 0 {
		ind.targets[2] = "//" // no target for the last year, as the paper sheets write it
	}
	return ind
}

// weights splits 100% among k indicators, in steps of 5%, at least 10% each.
func (g *gen) weights(k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = 10
	}
	for range (100 - 10*k) / 5 {
		out[g.rnd.IntN(k)] += 5
	}
	return out
}

// revise changes the sheet as the plan's revision did: mostly targets,
// sometimes the text or the weights of indicators, now and then an
// indicator removed (its weight going to another, or to a new indicator
// added in its place); one revised sheet in four has a value of its own
// changed too. The weights sum to 100% as approved and after the revision.
func (g *gen) revise(s *sheet) {
	s.revised = true
	k := len(s.inds)
	ind := s.inds[g.rnd.IntN(k)]
	switch r := g.rnd.IntN(20); {
	case r >= 10 && r < 13:
		ind.descPrev, ind.algoPrev = g.phrase(8+g.rnd.IntN(6)), g.phrase(6+g.rnd.IntN(6))
		s.done = "ridefinizione dell'indicatore e del relativo algoritmo di calcolo."
	case r >= 13 && r < 16 && k > 1:
		other := s.inds[(indexOf(s.inds, ind)+1)%k]
		d := min(5*(1+g.rnd.IntN(2)), other.weight-5)
		ind.weightPrev, other.weightPrev = ind.weight, other.weight
		ind.weight, other.weight = ind.weight+d, other.weight-d
		s.done = "modifica dei pesi degli indicatori."
	case r >= 16 && r < 19:
		ind.removed = true
		added := g.newIndicator(ind.weight)
		added.added = true
		s.inds = append(s.inds, added)
		s.done = "stralcio e inserimento nuovo indicatore."
	case r == 19 && k > 1:
		ind.removed = true
		other := s.inds[(indexOf(s.inds, ind)+1)%k]
		other.weightPrev, other.weight = other.weight, other.weight+ind.weight
		s.done = "stralcio dell'indicatore e ridistribuzione del peso."
	default:
		for j := range 1 + g.rnd.IntN(3) {
			if ind.targets[j] != "//" {
				ind.targets[j], ind.targetsPrev[j] = g.target(ind.measure)
			}
		}
		s.done = "revisione del target."
	}
	if g.rnd.IntN(4) == 0 {
		s.changeSheet = true
		s.done = "integrazione dell'obiettivo; " + s.done
	}
}

func indexOf(inds []*indicator, ind *indicator) int {
	for i, x := range inds {
		if x == ind {
			return i
		}
	}
	return -1
}
