package plan

import (
	"iter"
	"sync"
)

// ChangeKind says what a revision did.
type ChangeKind int

const (
	Modified ChangeKind = iota // a value changed
	Added                      // an indicator or a footnote was added
	Removed                    // an indicator or a footnote was removed ("stralcio")
)

// IsModified reports whether a value changed.
func (k ChangeKind) IsModified() bool { return k == Modified }

// IsAdded reports whether an indicator or a footnote was added.
func (k ChangeKind) IsAdded() bool { return k == Added }

// IsRemoved reports whether an indicator or a footnote was removed.
func (k ChangeKind) IsRemoved() bool { return k == Removed }

// OfSheet reports whether the change adds or removes the whole sheet.
func (c Change) OfSheet() bool { return c.Indicator == nil && c.Note == nil && c.Kind != Modified }

// Change is one thing a revision changed in a sheet: a value, an
// indicator or a footnote added or removed, or the whole sheet added or
// removed (Indicator and Note nil, Kind Added or Removed).
type Change struct {
	Kind      ChangeKind
	Sheet     *Sheet
	Indicator *Indicator // nil for a change to the sheet itself
	Note      *Note      // set for a footnote added or removed
	Field     Field      // for Modified: the field; Old and New its values
	Old, New  string
}

// Changes lists, in sheet order, everything revision id changed. The
// list is made at its length: on a plan of 50,000 sheets a revision
// changes tens of thousands of values, and a list grown by doubling would
// hold up to twice their room while the feed, the open data and the
// pages of revisions use it.
func (p *Plan) Changes(id string) []Change {
	sheets := p.Sheets()
	n := 0
	for _, s := range sheets {
		n += len(s.Changes(id))
	}
	if n == 0 {
		return nil
	}
	out := make([]Change, 0, n)
	for _, s := range sheets {
		out = append(out, s.Changes(id)...)
	}
	return out
}

// Sheets lists the strategic sheets, then the operational ones.
func (p *Plan) Sheets() []*Sheet {
	out := make([]*Sheet, 0, len(p.Strategic)+len(p.Operational))
	out = append(out, p.Strategic...)
	return append(out, p.Operational...)
}

// Changes lists what revision id changed in the sheet and its indicators.
// A sheet of an indexed plan works them out once for every revision (the
// pages, indexes, badges, open data and feed ask many times); the slice
// returned is shared, and must not be changed.
func (s *Sheet) Changes(id string) []Change {
	if s.Plan == nil || s.Plan.changes == nil || id == "" {
		return s.changesOf(id)
	}
	m := s.Plan.changes
	m.mu.Lock()
	byID, ok := m.bySheet[s]
	m.mu.Unlock()
	if !ok {
		byID = s.changesByID()
		m.mu.Lock()
		m.bySheet[s] = byID
		m.mu.Unlock()
	}
	out := byID[id]
	return out[:len(out):len(out)] // an append by the caller copies
}

// changeMemo holds each sheet's changes by revision. Plan.Index makes it
// anew, so that a plan copied into another language, whose texts differ,
// does not reuse the original's.
type changeMemo struct {
	mu      sync.Mutex
	bySheet map[*Sheet]map[string][]Change
	badges  map[*Sheet]*sheetBadges // badges.go
}

// changesByID is changesOf for every revision the sheet names; any other
// has no change. The id "" is left out: no revision has it, and every
// sheet, indicator and note not added by a revision would be "added" by
// it (their Inserito is ""), which on a large plan is most of the memo;
// Changes works it out on each call.
func (s *Sheet) changesByID() map[string][]Change {
	ids := map[string]bool{s.Inserito.S: true, s.Stralcio.S: true}
	named := func(fields iter.Seq[Field], notes []Note) {
		for f := range fields {
			for _, pr := range f.Value.Priors() {
				ids[pr.Revisione.S] = true
			}
		}
		for _, n := range notes {
			ids[n.Inserita.S], ids[n.Stralcio.S] = true, true
		}
	}
	named(s.Fields(), s.Note)
	for i := range s.Indicatori {
		ind := &s.Indicatori[i]
		ids[ind.Inserito.S], ids[ind.Stralcio.S] = true, true
		named(ind.Fields(), ind.Note)
	}
	delete(ids, "")
	out := make(map[string][]Change, len(ids))
	for id := range ids {
		if cs := s.changesOf(id); cs != nil {
			out[id] = cs
		}
	}
	return out
}

// changesOf works out what revision id changed in the sheet.
func (s *Sheet) changesOf(id string) []Change {
	var out []Change
	switch id {
	case s.Inserito.S:
		out = append(out, Change{Kind: Added, Sheet: s})
	case s.Stralcio.S:
		out = append(out, Change{Kind: Removed, Sheet: s})
	}
	for i := range sheetFields {
		if f := &sheetFields[i]; s.Has(&f.Spec) {
			out = appendValueChanges(out, s, nil, &f.Spec, f.values(s), id)
		}
	}
	out = appendNoteChanges(out, s, nil, s.Note, id)
	for i := range s.Indicatori {
		out = s.appendIndicatorChanges(out, &s.Indicatori[i], id)
	}
	return out
}

// appendIndicatorChanges appends what revision id changed in indicator
// ind of the sheet: the part of changesOf that is the indicator's.
func (s *Sheet) appendIndicatorChanges(out []Change, ind *Indicator, id string) []Change {
	switch id {
	case ind.Inserito.S:
		out = append(out, Change{Kind: Added, Sheet: s, Indicator: ind})
	case ind.Stralcio.S:
		out = append(out, Change{Kind: Removed, Sheet: s, Indicator: ind})
	}
	for i := range indicatorFields {
		f := &indicatorFields[i]
		out = appendValueChanges(out, s, ind, &f.Spec, f.values(ind), id)
	}
	return appendNoteChanges(out, s, ind, ind.Note, id)
}

// appendValueChanges appends the changes revision id made to the values
// vs of a field (ranging over the table, not Fields, which copies every
// value).
func appendValueChanges(out []Change, s *Sheet, ind *Indicator, spec *Spec, vs []Value, id string) []Change {
	for j := range vs {
		v := &vs[j]
		for i, pr := range v.Priors() {
			if pr.Revisione.S != id {
				continue
			}
			next := v.S
			if i+1 < len(v.Priors()) {
				next = v.Priors()[i+1].Valore.S
			}
			out = append(out, Change{Kind: Modified, Sheet: s, Indicator: ind, Field: Field{spec, *v}, Old: pr.Valore.S, New: next})
		}
	}
	return out
}

func appendNoteChanges(out []Change, s *Sheet, ind *Indicator, notes []Note, id string) []Change {
	for i := range notes {
		n := &notes[i]
		switch id {
		case n.Inserita.S:
			out = append(out, Change{Kind: Added, Sheet: s, Indicator: ind, Note: n})
		case n.Stralcio.S:
			out = append(out, Change{Kind: Removed, Sheet: s, Indicator: ind, Note: n})
		}
	}
	return out
}

// RevNotes returns the sheet's and its indicators' notes for revision id.
func (s *Sheet) RevNotes(id string) []RevNote {
	var out []RevNote
	for _, r := range s.Revisioni {
		if r.Revisione.S == id {
			out = append(out, r)
		}
	}
	for i := range s.Indicatori {
		for _, r := range s.Indicatori[i].Revisioni {
			if r.Revisione.S == id {
				out = append(out, r)
			}
		}
	}
	return out
}
