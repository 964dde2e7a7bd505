package importa

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// matcher places each sheet read: beside the existing sheet it is a new
// reading of (never over it), or in a new file.
type matcher struct {
	site     fs.FS
	dir      string // content/PLAN
	existing *plan.Plan
	source   string // the office file's name
	taken    map[string]bool
}

func (m *matcher) place(s *outSheet, res *Result) {
	kindDir := "strategici"
	if s.operational {
		kindDir = "operativi"
	}
	ext := ".yaml"
	if s.body != "" {
		ext = ".md"
	}
	s.comments = append([]string{fmt.Sprintf(msgSheetHead, m.source, s.where)}, s.comments...)
	if old := m.find(s); old != nil {
		m.carryIDs(s, old)
		diffs := diff(fromPlan(old), s)
		if len(diffs) == 0 {
			res.Same = append(res.Same, old.Pos.File())
			return
		}
		summary := fmt.Sprintf(msgDiffers, old.Pos.File(), summarize(diffs))
		s.comments = append(s.comments, summary)
		file := strings.TrimSuffix(old.Pos.File(), path.Ext(old.Pos.File())) + ".importato" + ext
		if _, err := fs.Stat(m.site, file); err == nil {
			res.Reports = append(res.Reports, newReport("", true, hintReadingThere, msgReadingThere, file, summary))
			return
		}
		res.Writes = append(res.Writes, Write{Path: file, Data: []byte(sheetYAML(s)), Summary: summary})
		return
	}
	file := m.free(path.Join(m.dir, kindDir), m.baseName(s), ext)
	res.Writes = append(res.Writes, Write{Path: file, Data: []byte(sheetYAML(s)), Summary: msgNewSheet})
}

// find is the existing sheet s is a reading of: the strategic sheet of
// the same line; the operational sheet of the same unit whose objective
// (now or before) is the same.
func (m *matcher) find(s *outSheet) *plan.Sheet {
	if m.existing == nil {
		return nil
	}
	if !s.operational {
		for _, old := range m.existing.Strategic {
			if old.Linea.S == s.linea {
				return old
			}
		}
		return nil
	}
	texts := func(v val) []string {
		out := []string{nameKey(v.valore)}
		for _, p := range v.precs {
			out = append(out, nameKey(p.valore))
		}
		return out
	}
	for _, old := range m.existing.Operational {
		if old.Unita.S != s.unita {
			continue
		}
		for _, a := range texts(fromValue(old.Obiettivo)) {
			for _, b := range texts(s.obiettivo) {
				if a == b {
					return old
				}
			}
		}
	}
	return nil
}

// carryIDs gives each indicator read the id of the existing indicator
// it is, matched by its description now or before.
func (m *matcher) carryIDs(s *outSheet, old *plan.Sheet) {
	for _, ind := range s.inds {
		for i := range old.Indicatori {
			o := &old.Indicatori[i]
			if o.ID.S != "" && !o.AutoID && sameText(fromValue(o.Descrizione), ind.descrizione) && o.Stralcio.S == ind.stralcio {
				ind.id = o.ID.S
			}
		}
	}
}

func sameText(a, b val) bool {
	all := func(v val) []string {
		out := []string{v.valore}
		for _, p := range v.precs {
			out = append(out, p.valore)
		}
		return out
	}
	for _, x := range all(a) {
		for _, y := range all(b) {
			if x == y {
				return true
			}
		}
	}
	return false
}

// baseName is a new sheet's file name: linea-N for a strategic sheet,
// the unit's code for an operational one.
func (m *matcher) baseName(s *outSheet) string {
	if !s.operational {
		return "linea-" + slug(s.linea, 3)
	}
	name := s.unita
	if m.used(path.Join(m.dir, "operativi"), name) {
		name += "-" + slug(s.obiettivo.valore, 3)
	}
	return name
}

// used reports whether a sheet named base (any extension) exists or is
// about to be written.
func (m *matcher) used(dir, base string) bool {
	if m.taken == nil {
		m.taken = map[string]bool{}
	}
	if m.taken[path.Join(dir, base)] {
		return true
	}
	entries, err := fs.ReadDir(m.site, dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return true
	}
	for _, e := range entries {
		if strings.EqualFold(strings.TrimSuffix(e.Name(), path.Ext(e.Name())), base) {
			return true
		}
	}
	return false
}

// free is dir/base+ext, or base-2… when that name is used.
func (m *matcher) free(dir, base, ext string) string {
	name := base
	for n := 2; m.used(dir, name); n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	m.taken[path.Join(dir, name)] = true
	return path.Join(dir, name+ext)
}
