package builder

import (
	"github.com/piao-pa/piao/builder/plan"
)

// The rules on revisions: a plan's revision must change something; what a
// revision changed in a sheet must be explained ("revisione attuata" and
// "causa"); an earlier value must differ from the current one, and earlier
// values are listed oldest first.

// revisionsUsed warns about a revision of piano.yaml that no sheet names.
func (c *checker) revisionsUsed() {
	for _, r := range c.p.Revisioni {
		if r.ID.S == "" {
			continue // reported as a missing field
		}
		used := len(c.p.SectionChanges(r.ID.S)) > 0
		for _, s := range c.p.Sheets() {
			if len(s.Changes(r.ID.S)) > 0 || len(s.RevNotes(r.ID.S)) > 0 {
				used = true
				break
			}
		}
		if !used {
			c.ds.warnf(r.ID.Pos, hintRevisionUnused(r.ID.S), msgRevisionUnused, r.ID.S)
		}
	}
}

// explained warns about a revision that changed a sheet without saying
// what was done and why, and about revision notes without a cause.
func (c *checker) explained(s *plan.Sheet) {
	for _, r := range c.p.Revisioni {
		if r.ID.S == "" {
			continue // reported as a missing field
		}
		changes := unexplained(s, r.ID.S)
		if len(changes) > 0 && len(s.RevNotes(r.ID.S)) == 0 {
			c.ds.warnf(changePos(changes[0], r.ID.S, s), hintUnexplained(r.ID.S), msgUnexplained, r.ID.S)
		}
	}
	notes := append([]plan.RevNote(nil), s.Revisioni...)
	for i := range s.Indicatori {
		notes = append(notes, s.Indicatori[i].Revisioni...)
	}
	for _, n := range notes {
		if n.Causa.S == "" && n.Revisione.Pos.IsValid() {
			c.ds.warnf(n.Revisione.Pos, hintNoCause, msgNoCause, n.Revisione.S)
		}
	}
}

// unexplained lists what revision id changed in a sheet that needs a
// revision note: a changed value, unless it carries the marker of a
// footnote that the same revision added (the footnote explains it, as the
// paper sheets do for amounts), and an indicator added or removed. A
// footnote added or removed is itself text, and needs none.
func unexplained(s *plan.Sheet, id string) []plan.Change {
	var out []plan.Change
	for _, ch := range s.Changes(id) {
		switch {
		case ch.Note != nil, ch.OfSheet(): // a footnote is text; a sheet added or removed, the revision's motive tells why
		case ch.Kind == plan.Modified && footnoteAdded(s, ch, id):
		default:
			out = append(out, ch)
		}
	}
	return out
}

// footnoteAdded reports whether a changed value points to a footnote that
// revision id added.
func footnoteAdded(s *plan.Sheet, ch plan.Change, id string) bool {
	return s.AddedFootnote(ch, id) != nil
}

// changePos is where a change is written: the revision id beside the
// changed value, or the "inserito"/"stralcio" that added or removed.
func changePos(ch plan.Change, id string, s *plan.Sheet) plan.Pos {
	switch {
	case ch.OfSheet() && ch.Kind == plan.Added:
		return s.Inserito.Pos
	case ch.OfSheet():
		return s.Stralcio.Pos
	case ch.Kind == plan.Modified:
		for _, p := range ch.Field.Value.Priors() {
			if p.Revisione.S == id {
				return p.Revisione.Pos
			}
		}
	case ch.Note != nil && ch.Kind == plan.Added:
		return ch.Note.Inserita.Pos
	case ch.Note != nil:
		return ch.Note.Stralcio.Pos
	case ch.Indicator != nil && ch.Kind == plan.Added:
		return ch.Indicator.Inserito.Pos
	case ch.Indicator != nil:
		return ch.Indicator.Stralcio.Pos
	}
	return s.Pos
}

// history checks a value's earlier values: each differs from the one that
// replaced it, and they follow the order of the plan's revisions.
func (c *checker) history(v plan.Value) {
	order := c.p.RevisionOrder()
	last := 0
	for i, p := range v.Priors() {
		next := v.S
		if i+1 < len(v.Priors()) {
			next = v.Priors()[i+1].Valore.S
		}
		if p.Valore.S == next && p.Valore.Pos.IsValid() {
			c.ds.warnf(p.Valore.Pos, hintSameValue, msgSameValue, p.Valore.S)
		}
		n := order[p.Revisione.S]
		if n > 0 && n <= last {
			c.ds.errorf(p.Revisione.Pos, hintPriorOrder, msgPriorOrder, p.Revisione.S)
		}
		last = max(last, n)
	}
}
