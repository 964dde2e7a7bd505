package builder

import (
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// This file holds the rules on what explains and connects the pages: the
// plan says where it is whole when it publishes only some sheets, acts
// link to web pages, a revision note names only indicators the revision
// changed, every footnote marker has its note, a glossary names each
// abbreviation once, and the footer has the ente's contacts.

// explainPlan checks a plan's selection of sheets, its acts' addresses,
// its allegati and its glossary.
func (c *checker) explainPlan() {
	p := c.p
	switch sel := p.Selezione; {
	case sel != nil && p.Schede.S != schedeSelection:
		c.ds.warnf(sel.Pos, hintSelectionUnused, msgSelectionUnused)
	case p.Schede.S == schedeSelection && (sel == nil || sel.PianoCompleto.S == ""):
		c.ds.warnf(p.Schede.Pos, hintSelectionNoPlan, msgSelectionNoPlan)
	}
	if sel := p.Selezione; sel != nil && sel.PianoCompleto.S != "" {
		c.webAddress(sel.PianoCompleto)
	}
	if p.Approvazione.URL.S != "" {
		c.webAddress(p.Approvazione.URL)
	}
	for _, r := range p.Revisioni {
		if r.URL.S != "" {
			c.webAddress(r.URL)
		}
	}
	c.checkAttachments()
	glossaryOnce(c.ds, p.Glossario)
}

// explainSheet checks what a sheet's revision notes name and that its
// footnote markers have their notes.
func (c *checker) explainSheet(s *plan.Sheet) {
	var ids []string
	for i := range s.Indicatori {
		if !s.Indicatori[i].AutoID {
			ids = append(ids, s.Indicatori[i].ID.S)
		}
	}
	check := func(notes []plan.RevNote) {
		for _, n := range notes {
			for _, k := range n.Riguarda {
				ind := indicatorByID(s, k.S)
				switch {
				case ind == nil:
					c.ds.errorf(k.Pos, hintRiguardaUnknown(ids), msgRiguardaUnknown, k.S)
				case !changedBy(s, ind, n.Revisione.S):
					c.ds.warnf(k.Pos, hintRiguardaForeign, msgRiguardaForeign, k.S, n.Revisione.S)
				}
			}
		}
	}
	check(s.Revisioni)
	for i := range s.Indicatori {
		ind := &s.Indicatori[i]
		check(ind.Revisioni)
		for f := range ind.Fields() {
			c.marker(f.Value, ind.Note, s.Note)
		}
	}
	for f := range s.Fields() {
		c.marker(f.Value, s.Note)
	}
}

func indicatorByID(s *plan.Sheet, id string) *plan.Indicator {
	for i := range s.Indicatori {
		if s.Indicatori[i].ID.S == id {
			return &s.Indicatori[i]
		}
	}
	return nil
}

// changedBy reports whether revision id changed, added or removed ind.
func changedBy(s *plan.Sheet, ind *plan.Indicator, id string) bool {
	for _, c := range s.Changes(id) {
		if c.Indicator == ind {
			return true
		}
	}
	return false
}

// marker warns about a value whose footnote marker no note explains.
func (c *checker) marker(v plan.Value, notes ...[]plan.Note) {
	if v.Marker() == "" {
		return
	}
	for _, list := range notes {
		for _, n := range list {
			if n.Rimando.S == v.Marker() {
				return
			}
		}
	}
	c.ds.warnf(v.Pos, hintMarkerNoNote, msgMarkerNoNote, v.Marker())
}

// glossaryOnce reports an abbreviation a glossary lists twice.
func glossaryOnce(ds *Diagnostics, terms []plan.Term) {
	seen := map[string]bool{}
	for _, t := range terms {
		k := strings.TrimSpace(t.Sigla.S)
		if k == "" {
			continue
		}
		if seen[k] {
			ds.errorf(t.Sigla.Pos, hintGlossaryTwice, msgGlossaryTwice, k)
		}
		seen[k] = true
	}
}

// configExplained checks the glossary of config.yaml and warns about the
// contacts the footer lacks.
func configExplained(cfg *plan.Config) Diagnostics {
	var ds Diagnostics
	glossaryOnce(&ds, cfg.Glossario)
	e := &cfg.Ente
	if !e.Nome.Pos.IsValid() {
		return ds // no ente: reported as a missing field
	}
	var missing []string
	if strings.TrimSpace(e.Indirizzo.S) == "" {
		missing = append(missing, "ente.indirizzo")
	}
	if strings.TrimSpace(e.PEC.S) == "" {
		missing = append(missing, "ente.pec")
	}
	if strings.TrimSpace(e.Email.S) == "" && strings.TrimSpace(e.Telefono.S) == "" {
		missing = append(missing, "ente.email o ente.telefono")
	}
	if len(missing) > 0 {
		ds.warnf(plan.At("config.yaml", 0, 0), hintContacts, msgNoContacts, strings.Join(missing, ", "))
	}
	return ds
}
