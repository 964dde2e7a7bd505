package plan

import (
	"strconv"
	"strings"
)

// Section is a narrative section of a plan (sezioni/NN-nome.md): the
// parts of a PIAO or a Piano della performance that are prose, not
// objective sheets (scheda anagrafica, valore pubblico, rischi corruttivi
// e trasparenza, lavoro agile, …). Its body is Markdown; a revision may
// add it, remove it (it stays visible, marked as removed) or amend
// passages of its text.
type Section struct {
	Titolo    Text        `yaml:"titolo,required,lang"`
	Ordine    Text        `yaml:"ordine"`   // its place among the sections; default the number the file name starts with
	Inserita  Text        `yaml:"inserita"` // id of the revision that added the section
	Stralcio  Text        `yaml:"stralcio"` // id of the revision that removed it
	Modifiche []Amendment `yaml:"modifiche"`

	Slug string `yaml:"-"` // its address: the file name without the leading number and the extension
	Body string `yaml:"-"` // the Markdown text
	// BodyIn holds the body in the site's other languages, by language:
	// sezioni/NN-nome.LANG.md.
	BodyIn map[string]Text `yaml:"-"`
	BodyAt int             `yaml:"-"` // the line of the body's first line
	Order  int             `yaml:"-"` // ordine, or the file's number; sections without either come last
	Pos    Pos             `yaml:"-"`
	Plan   *Plan           `yaml:"-"`
}

// Amendment is a passage of a section's text that a revision changed:
// Testo is the passage as the body now reads (empty: the revision removed
// the passage), Precedente the text it replaced (empty: the revision
// added the passage).
type Amendment struct {
	Revisione  Text `yaml:"revisione,required"`
	Testo      Text `yaml:"testo,lang"`
	Precedente Text `yaml:"precedente,lang"`
}

// Added reports whether a revision added the section.
func (s *Section) Added() bool { return s.Inserita.S != "" }

// Removed reports whether a revision removed the section.
func (s *Section) Removed() bool { return s.Stralcio.S != "" }

// Revised reports whether a revision touched the section.
func (s *Section) Revised() bool { return s.Added() || s.Removed() || len(s.Modifiche) > 0 }

// Amendments lists the passages revision id changed.
func (s *Section) Amendments(id string) []Amendment {
	var out []Amendment
	for _, a := range s.Modifiche {
		if a.Revisione.S == id {
			out = append(out, a)
		}
	}
	return out
}

// RevisedBy reports whether revision id added, removed or amended the
// section.
func (s *Section) RevisedBy(id string) bool {
	return id != "" && (s.Inserita.S == id || s.Stralcio.S == id || len(s.Amendments(id)) > 0)
}

// SectionName splits a section's file name (without extension) into its
// number and its address: "02-valore-pubblico" → 2, "valore-pubblico".
// A name without a leading number has number 0.
func SectionName(stem string) (n int, name string) {
	digits := 0
	for digits < len(stem) && stem[digits] >= '0' && stem[digits] <= '9' {
		digits++
	}
	if digits == 0 || digits == len(stem) {
		return 0, stem
	}
	rest := strings.TrimLeft(stem[digits:], "-_ .")
	if rest == "" {
		return 0, stem
	}
	n, _ = strconv.Atoi(stem[:digits])
	return n, rest
}

// Section returns the plan's section with the given address, or nil.
func (p *Plan) Section(slug string) *Section {
	for _, s := range p.Sezioni {
		if s.Slug == slug {
			return s
		}
	}
	return nil
}

// SectionChanges lists the sections revision id added, removed or
// amended, in order.
func (p *Plan) SectionChanges(id string) []*Section {
	var out []*Section
	for _, s := range p.Sezioni {
		if s.RevisedBy(id) {
			out = append(out, s)
		}
	}
	return out
}
