package plan

import (
	"iter"
	"slices"
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

// Changes lists, in sheet order, everything revision id changed.
func (p *Plan) Changes(id string) []Change {
	var out []Change
	for _, s := range p.Sheets() {
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

// changeMemo keeps the changes of each sheet of an indexed plan by
// revision: pages, open data and search ask for them many times over.
// Plan.Index makes it anew; the model is not changed once indexed.
type changeMemo struct{ m sync.Map } // changeKey → []Change

type changeKey struct {
	s  *Sheet
	id string
}

// Changes lists what revision id changed in the sheet and its indicators.
func (s *Sheet) Changes(id string) []Change {
	if s.Plan == nil || s.Plan.changes == nil {
		return s.changes(id)
	}
	k := changeKey{s, id}
	if v, ok := s.Plan.changes.m.Load(k); ok {
		return slices.Clip(v.([]Change)) // an append by the caller copies
	}
	out := s.changes(id)
	s.Plan.changes.m.Store(k, out)
	return slices.Clip(out)
}

// changes is Changes, worked out.
func (s *Sheet) changes(id string) []Change {
	var out []Change
	switch id {
	case s.Inserito.S:
		out = append(out, Change{Kind: Added, Sheet: s})
	case s.Stralcio.S:
		out = append(out, Change{Kind: Removed, Sheet: s})
	}
	out = appendValueChanges(out, s, nil, s.Fields(), id)
	out = appendNoteChanges(out, s, nil, s.Note, id)
	for i := range s.Indicatori {
		ind := &s.Indicatori[i]
		switch id {
		case ind.Inserito.S:
			out = append(out, Change{Kind: Added, Sheet: s, Indicator: ind})
		case ind.Stralcio.S:
			out = append(out, Change{Kind: Removed, Sheet: s, Indicator: ind})
		}
		out = appendValueChanges(out, s, ind, ind.Fields(), id)
		out = appendNoteChanges(out, s, ind, ind.Note, id)
	}
	return out
}

func appendValueChanges(out []Change, s *Sheet, ind *Indicator, fields iter.Seq[Field], id string) []Change {
	for f := range fields {
		for i, pr := range f.Value.Precedenti {
			if pr.Revisione.S != id {
				continue
			}
			next := f.Value.S
			if i+1 < len(f.Value.Precedenti) {
				next = f.Value.Precedenti[i+1].Valore.S
			}
			out = append(out, Change{Kind: Modified, Sheet: s, Indicator: ind, Field: f, Old: pr.Valore.S, New: next})
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
