package importa

import (
	"strings"
)

// resolver turns the sheets as read into the sheets to write: each cell's
// versions into a value and its history, names into the codes of
// piano.yaml (adding what it lacks), footnote markers into rimando/campi.
type resolver struct {
	sc      *scope
	ix      *planIndex
	reports []Report
	years   map[string]bool // every year of a target or resource
}

func (r *resolver) rev() string {
	if r.sc.n() == 0 {
		return ""
	}
	return r.sc.ids[r.sc.n()-1]
}

// current is the text in force of a cell (its last version).
func (r *resolver) current(src source) string {
	v := r.sc.versions(src.paras)
	return v[len(v)-1]
}

// value reads a cell into a value, its earlier versions into its
// history; versions from..to only (an indicator added or removed).
func (r *resolver) value(src source, from, to int) val {
	vs := r.sc.versions(src.paras)
	out := val{valore: vs[to]}
	for k := from + 1; k <= to; k++ {
		if vs[k] != vs[k-1] {
			out.precs = append(out.precs, prior{valore: vs[k-1], revisione: r.sc.ids[k-1]})
		}
	}
	if r.sc.ambiguous(src.paras) {
		out.comment = msgAmbiguous + markedText(src.paras)
	}
	return out
}

func (r *resolver) sheet(raw *rawSheet) *outSheet {
	s := &outSheet{where: raw.where}
	s.operational = raw.heading == hOperational || raw.heading == "" && (raw.fields[fUnita].paras != nil || raw.fields[fObiettivo].paras != nil)
	n := r.sc.n()
	for _, m := range splitCoded(r.current(raw.fields[fMissioni])) {
		s.missioni = append(s.missioni, m)
	}
	if p := splitCoded(r.current(raw.fields[fProgramma])); len(p) > 0 {
		s.programma = &p[0]
	}
	r.lineAndObjectives(raw, s)
	if s.operational {
		s.area, s.unita = r.ix.unit(r.current(raw.fields[fArea]), r.current(raw.fields[fUnita]))
		if s.unita == "" {
			r.reports = append(r.reports, newReport(raw.where, false, hintNoUnit, msgNoUnit))
		}
		s.obiettivo = r.value(raw.fields[fObiettivo], 0, n)
	}
	s.titolo = r.current(raw.fields[fTitolo])
	s.descrizione = r.value(raw.fields[fDescrizione], 0, n)
	s.peso = r.value(raw.fields[fPeso], 0, n)
	s.body = r.current(raw.fields[fBody])
	s.risorse = r.yearValues(raw.risorse, 0, n, raw.where)
	s.note = r.notes(raw.notes, raw.marks)
	r.markers(s.note, &s.peso, &s.descrizione, &s.obiettivo)
	for i := range s.risorse {
		r.markers(s.note, &s.risorse[i].val)
	}
	for _, ri := range raw.inds {
		s.inds = append(s.inds, r.indicator(ri))
	}
	s.revs = r.revNotes(raw.revs, raw.where)
	return s
}

// lineAndObjectives reads the strategic line and objectives, and adds
// to piano.yaml those it lacks.
func (r *resolver) lineAndObjectives(raw *rawSheet, s *outSheet) {
	lines := splitCoded(r.current(raw.fields[fLinea]))
	if len(lines) == 0 || lines[0].codice == "" {
		r.reports = append(r.reports, newReport(raw.where, false, hintNoLine, msgNoLine))
		return
	}
	l := r.ix.line(lines[0].codice, lines[0].nome)
	s.linea = l.codice
	for _, o := range splitCoded(r.current(raw.fields[fObiettivi])) {
		if o.codice == "" {
			r.reports = append(r.reports, newReport(raw.fields[fObiettivi].where, true, hintNoCode, msgNoCode, o.nome))
			continue
		}
		s.obiettivi = append(s.obiettivi, r.ix.objective(l, o.codice, o.nome))
	}
}

// indicator resolves an indicator: added or removed when all its fields
// are empty before or after some revision.
func (r *resolver) indicator(ri *rawInd) *outInd {
	n := r.sc.n()
	fields := []source{ri.fields[iDescrizione], ri.fields[iAlgoritmo], ri.fields[iPeso], ri.fields[iFonte], ri.fields[iUnita], ri.fields[iTipologia]}
	for _, t := range ri.target {
		fields = append(fields, t.src)
	}
	present := make([]bool, n+1)
	for _, f := range fields {
		for k, v := range r.sc.versions(f.paras) {
			present[k] = present[k] || v != ""
		}
	}
	from, to := 0, n
	for from < n && !present[from] {
		from++
	}
	for to > from && !present[to] {
		to--
	}
	ind := &outInd{}
	if from > 0 {
		ind.inserito = r.sc.ids[from-1]
		if !tracked(fields) {
			ind.comment = msgInsertedByUnderline
		}
	}
	if to < n {
		ind.stralcio = r.sc.ids[to]
	}
	ind.descrizione = r.value(ri.fields[iDescrizione], from, to)
	ind.algoritmo = r.value(ri.fields[iAlgoritmo], from, to)
	ind.peso = r.value(ri.fields[iPeso], from, to)
	ind.fonte = r.value(ri.fields[iFonte], from, to)
	ind.um = r.value(ri.fields[iUnita], from, to)
	ind.tipologia = r.value(ri.fields[iTipologia], from, to)
	ind.target = r.yearValues(ri.target, from, to, ri.where)
	ind.note = r.notes(ri.notes, ri.marks)
	r.markers(ind.note, &ind.descrizione, &ind.algoritmo, &ind.peso, &ind.fonte, &ind.um, &ind.tipologia)
	for i := range ind.target {
		r.markers(ind.note, &ind.target[i].val)
	}
	ind.revs = r.revNotes(ri.revs, ri.where)
	return ind
}

func (r *resolver) yearValues(ys []yearSource, from, to int, where string) []yval {
	var out []yval
	for _, y := range ys {
		v := r.value(y.src, from, to)
		if v.empty() {
			continue
		}
		if y.year == "" {
			r.reports = append(r.reports, newReport(y.src.where, false, hintYearless, msgYearless, v.valore))
			continue
		}
		r.years[y.year] = true
		out = append(out, yval{anno: y.year, val: v})
	}
	return out
}

// notes resolves footnotes: the marker at their start, the fields whose
// labels carry it, the revision that added or removed them.
func (r *resolver) notes(raw []rawNote, marks map[string]string) []outNote {
	var out []outNote
	n := r.sc.n()
	for _, rn := range raw {
		vs := r.sc.versions([]Para{rn.para})
		var note outNote
		text := vs[n]
		switch {
		case vs[0] == "" && vs[n] != "":
			for k := 1; k <= n; k++ {
				if vs[k] != "" {
					note.inserita = r.sc.ids[k-1]
					break
				}
			}
		case vs[n] == "" && vs[0] != "":
			text = vs[0]
			for k := 1; k <= n; k++ {
				if vs[k] == "" {
					note.stralcio = r.sc.ids[k-1]
					text = vs[k-1]
					break
				}
			}
		}
		if text == "" {
			continue
		}
		if m := footnoteRe.FindStringSubmatch(text); m != nil {
			note.rimando = m[1]
			text = text[len(m[0]):]
			for _, f := range fieldOrder {
				if marks[f] == note.rimando {
					note.campi = append(note.campi, strings.TrimPrefix(f, "indicatori."))
				}
			}
		}
		note.testo = strings.TrimSpace(text)
		out = append(out, note)
	}
	return out
}

// fieldOrder is the order of the fields a footnote may mark.
var fieldOrder = []string{fObiettivo, fDescrizione, fPeso, fRisorse, iDescrizione, iAlgoritmo, iTarget, iPeso, iFonte, iUnita, iTipologia}

// markers takes a footnote's marker off the end of a value ("€ 1.201.904,83
// (*)") into its rimando.
func (r *resolver) markers(notes []outNote, vals ...*val) {
	for _, note := range notes {
		if note.rimando == "" {
			continue
		}
		suffix := "(" + note.rimando + ")"
		for _, v := range vals {
			if strings.HasSuffix(v.valore, suffix) {
				v.valore = strings.TrimSpace(strings.TrimSuffix(v.valore, suffix))
				v.rimando = note.rimando
			}
			for i := range v.precs {
				v.precs[i].valore = strings.TrimSpace(strings.TrimSuffix(v.precs[i].valore, suffix))
			}
		}
	}
}

func (r *resolver) revNotes(raw []rawRev, where string) []outRev {
	var out []outRev
	for _, rr := range raw {
		if r.rev() == "" {
			r.reports = append(r.reports, newReport(rr.where, false, hintNoRevision, msgRevNoteNoRev))
			continue
		}
		rev := r.rev()
		if k := r.sc.revOf(rr.date); k > 0 {
			rev = r.sc.ids[k-1]
		}
		out = append(out, outRev{revisione: rev, attuata: r.current(rr.attuata), causa: r.current(rr.causa)})
	}
	return out
}

// tracked reports whether the cells hold a tracked change (not only
// struck or underlined text).
func tracked(srcs []source) bool {
	for _, s := range srcs {
		for _, p := range s.paras {
			for _, r := range p.Runs {
				if r.Mark == Inserted || r.Mark == Deleted {
					return true
				}
			}
		}
	}
	return false
}
