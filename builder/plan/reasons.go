package plan

import "slices"

// This file ties what a revision changed in a sheet to the notes that say
// why ("revisione attuata", "causa"), so that a page shows every change
// next to its reason and never a reason under a change it does not
// explain.
//
// A sheet's parts are the sheet itself and each of its indicators. A note
// written on an indicator explains that indicator's changes, and those of
// the indicators it names in riguarda (an indicator removed and the one
// that replaces it); a note written on the sheet explains the sheet's own
// changes, those of the indicators it names, and, when it names none, the
// changes of every indicator that has no note of its own. Parts that one
// note explains together form one group. A changed value whose marker
// points to a footnote the same revision added is explained by that
// footnote, as paper sheets do for amounts.

// Explained is a group of a sheet's parts, what a revision changed in them
// and the notes that explain it (none when the sheet gives no reason).
type Explained struct {
	Parts     []*Indicator // in sheet order; nil stands for the sheet itself
	Changes   []Change     // in the order of Sheet.Changes
	Notes     []RevNote
	Footnotes []*Note // footnotes the revision added that changed values point to
}

// Explained groups what revision id did to the sheet with its reasons,
// the group of the sheet itself first, then in the order of the
// indicators.
func (s *Sheet) Explained(id string) []Explained {
	n := len(s.Indicatori) + 1 // part 0: the sheet; part i: indicator i-1
	part := func(ind *Indicator) int {
		for i := range s.Indicatori {
			if &s.Indicatori[i] == ind {
				return i + 1
			}
		}
		return 0
	}
	byID := map[string]int{}
	for i := range s.Indicatori {
		byID[s.Indicatori[i].ID.S] = i + 1
	}
	type note struct {
		RevNote
		owner int
	}
	var notes []note
	for _, r := range s.Revisioni {
		if r.Revisione.S == id {
			notes = append(notes, note{r, 0})
		}
	}
	for i := range s.Indicatori {
		for _, r := range s.Indicatori[i].Revisioni {
			if r.Revisione.S == id {
				notes = append(notes, note{r, i + 1})
			}
		}
	}
	changes := s.Changes(id)
	changed := make([]bool, n)
	for _, c := range changes {
		changed[part(c.Indicator)] = true
	}
	sets := newUnion(n)
	noted := make([]bool, n)
	broad := false // a note of the sheet that names no indicator
	for _, r := range notes {
		noted[r.owner] = true
		for _, k := range r.Riguarda {
			if j, ok := byID[k.S]; ok {
				sets.join(r.owner, j)
				noted[j] = true
			}
		}
		broad = broad || r.owner == 0 && len(r.Riguarda) == 0
	}
	if broad {
		for i := 1; i < n; i++ {
			if changed[i] && !noted[i] {
				sets.join(0, i)
			}
		}
	}
	groups := map[int]*Explained{}
	var order []int
	group := func(i int) *Explained {
		root := sets.find(i)
		g := groups[root]
		if g == nil {
			g = &Explained{}
			groups[root] = g
			order = append(order, root)
		}
		return g
	}
	for i := range n {
		if changed[i] || noted[i] {
			g := group(i)
			g.Parts = append(g.Parts, s.indicatorAt(i))
		}
	}
	for _, c := range changes {
		g := group(part(c.Indicator))
		g.Changes = append(g.Changes, c)
		if n := s.AddedFootnote(c, id); n != nil && !slices.Contains(g.Footnotes, n) {
			g.Footnotes = append(g.Footnotes, n)
		}
	}
	for _, r := range notes {
		g := group(r.owner)
		g.Notes = append(g.Notes, r.RevNote)
	}
	out := make([]Explained, 0, len(order))
	for _, root := range order {
		out = append(out, *groups[root])
	}
	return out
}

// AddedFootnote is the footnote of the sheet or of the change's
// indicator that revision id added and the changed value points to with
// its marker, or nil.
func (s *Sheet) AddedFootnote(c Change, id string) *Note {
	m := c.Field.Value.Marker()
	if c.Kind != Modified || m == "" {
		return nil
	}
	if c.Indicator != nil {
		for i := range c.Indicator.Note {
			if n := &c.Indicator.Note[i]; n.Rimando.S == m && n.Inserita.S == id {
				return n
			}
		}
	}
	for i := range s.Note {
		if n := &s.Note[i]; n.Rimando.S == m && n.Inserita.S == id {
			return n
		}
	}
	return nil
}

// indicatorAt is part i of the sheet: nil for the sheet itself.
func (s *Sheet) indicatorAt(i int) *Indicator {
	if i == 0 {
		return nil
	}
	return &s.Indicatori[i-1]
}

// union is a union-find over parts 0..n-1; a set's root is its smallest
// part, so that groups come in sheet order.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u union) join(a, b int) {
	ra, rb := u.find(a), u.find(b)
	switch {
	case ra < rb:
		u[rb] = ra
	case rb < ra:
		u[ra] = rb
	}
}
