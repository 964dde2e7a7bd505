package importa

import (
	"strings"
	"unicode"
)

// sheetField tells the fields of the sheet from those of an indicator.
func sheetField(f string) bool {
	return !strings.HasPrefix(f, "indicatori.") && !strings.HasPrefix(f, "note_revisione.") && f != fPesoAny && f != fDescrAny
}

// flatField are the sheet fields that, as column headings, make a flat
// table; a change in them starts a new sheet.
var flatField = map[string]bool{fArea: true, fUnita: true, fLinea: true, fObiettivi: true, fObiettivo: true,
	fMissioni: true, fProgramma: true}

// headerRow reads a row of two or more column headings, every text in it
// a label (or a year under a heading): it becomes the current header.
func (in *interp) headerRow(cs []content, l line) bool {
	if len(cs) < 2 || l.para {
		return false
	}
	h := &header{cols: map[int]column{}, width: len(l.cells)}
	fields := map[string]bool{}
	var unknown []string
	for _, c := range cs {
		f, year, marker, ok := in.lab.labelOf(c.text)
		if !ok {
			if len(c.text) > 60 || !looksLikeLabel(c.text) {
				return false
			}
			unknown = append(unknown, c.text)
			continue
		}
		switch f {
		case hStrategic, hOperational, hIndicators:
			return false
		case fPesoAny:
			f = iPeso
		case fDescrAny:
			f = iDescrizione
		}
		fields[f] = true
		h.cols[c.cell.Col] = column{field: f, year: year, marker: marker}
		h.starts = h.starts || f == iDescrizione
		h.flat = h.flat || flatField[f]
	}
	if len(h.cols) < 2 || len(fields) < 2 || len(unknown) > len(h.cols) {
		return false
	}
	if h.flat {
		h.starts = true
	}
	in.unknown = append(in.unknown, unknown...)
	in.header = h
	return true
}

// looksLikeLabel: short, and with more capitals than a sentence has, or
// a few words.
func looksLikeLabel(s string) bool {
	return len(strings.Fields(s)) <= 8 && !strings.HasSuffix(s, ".")
}

// yearsRow reads a row of years: beneath a label over years, or beneath
// a header whose target has no year.
func (in *interp) yearsRow(cs []content) bool {
	years := map[int]string{}
	for _, c := range cs {
		y, ok := yearOf(c.text)
		if !ok {
			return false
		}
		years[c.cell.Col] = y
	}
	if h := in.header; h != nil {
		for col, y := range years {
			if c, ok := h.cols[col]; ok && (c.field == iTarget || c.field == fRisorse) && c.year == "" {
				h.cols[col] = column{field: c.field, year: y, marker: c.marker}
				continue
			}
			if origin := in.headerSpan(col); origin != nil {
				h.cols[col] = column{field: origin.field, year: y, marker: origin.marker}
			}
		}
		return true
	}
	in.years = years
	return true
}

// headerSpan is the heading a merged heading cell spreads over col.
func (in *interp) headerSpan(col int) *column {
	best := -1
	for c, h := range in.header.cols {
		if c < col && c > best && (h.field == iTarget || h.field == fRisorse) {
			best = c
		}
	}
	if best < 0 {
		return nil
	}
	h := in.header.cols[best]
	return &h
}

// labelRow reads a label and its value, or the years its values have.
func (in *interp) labelRow(field, year, marker string, cs []content, l line) {
	s := in.sheet(l.where)
	switch field {
	case fDescrAny:
		field = fDescrizione
		if s.indSection || in.ind != nil || s.fields[fDescrizione].paras != nil {
			field = iDescrizione
		}
	case fPesoAny:
		field = fPeso
		if s.indSection || in.ind != nil {
			field = iPeso
		}
	}
	if sheetField(field) && field != fIgnore {
		if _, dup := s.fields[field]; dup && flatField[field] && !(field == fArea && s.rows == 0) {
			in.newSheet(s.heading, l.where)
			s = in.cur
		}
		in.ind = nil
	}
	values := cs[1:]
	if field == iTarget || field == fRisorse {
		in.yearLabel(s, field, year, marker, values, l)
		return
	}
	in.set(s, field, marker, values, l.where)
}

// set puts the values of a label (or a column) in the field.
func (in *interp) set(s *rawSheet, field, marker string, values []content, where string) {
	src := source{where: where}
	for _, v := range values {
		src.paras = append(src.paras, v.cell.Paras...)
	}
	switch {
	case field == fIgnore:
	case field == rAttuata || field == rCausa:
		revs := &s.revs
		if in.ind != nil {
			revs = &in.ind.revs
		}
		if field == rAttuata || len(*revs) == 0 || (*revs)[len(*revs)-1].causa.paras != nil {
			*revs = append(*revs, rawRev{where: where})
		}
		r := &(*revs)[len(*revs)-1]
		if field == rAttuata {
			r.attuata = src
		} else {
			r.causa = src
		}
	case sheetField(field):
		s.fields[field] = src
		if marker != "" {
			s.marks[field] = marker
		}
	default:
		if in.ind == nil || field == iDescrizione || in.ind.fields[field].paras != nil {
			in.ind = newInd(where)
			s.inds = append(s.inds, in.ind)
		}
		in.ind.fields[field] = src
		if marker != "" {
			in.ind.marks[field] = marker
		}
	}
}

// yearLabel reads a target or resources label: over a row of years, over
// values whose years a row above gave, or naming its one year.
func (in *interp) yearLabel(s *rawSheet, field, year, marker string, values []content, l line) {
	if field == iTarget && in.ind == nil {
		in.ind = newInd(l.where)
		s.inds = append(s.inds, in.ind)
	}
	if marker != "" {
		if field == iTarget {
			in.ind.marks[field] = marker
		} else {
			s.marks[field] = marker
		}
	}
	allYears := len(values) > 0
	for _, v := range values {
		if _, ok := yearOf(v.text); !ok {
			allYears = false
		}
	}
	switch {
	case allYears || len(values) == 0:
		in.years = map[int]string{}
		for _, v := range values {
			in.years[v.cell.Col], _ = yearOf(v.text)
		}
		in.yearField = field
	case in.years != nil:
		in.yearField = field
		in.yearValues(values, l)
	default:
		for _, v := range values {
			in.addYear(s, field, year, source{v.cell.Paras, l.where})
			year = ""
		}
	}
}

// yearValues reads values beneath (or beside) a row of years.
func (in *interp) yearValues(cs []content, l line) bool {
	if in.years == nil || in.yearField == "" || in.cur == nil {
		return false
	}
	for _, c := range cs {
		y, ok := in.years[c.cell.Col]
		if !ok {
			in.report(l.where, true, hintTextUnread, msgYearless, excerpt(c.text))
			continue
		}
		in.addYear(in.cur, in.yearField, y, source{c.cell.Paras, l.where})
	}
	in.years, in.yearField = nil, ""
	return true
}

func (in *interp) addYear(s *rawSheet, field, year string, src source) {
	ys := yearSource{year: year, src: src}
	if field == fRisorse {
		s.risorse = append(s.risorse, ys)
		return
	}
	in.ind.target = append(in.ind.target, ys)
}

// active is the header that reads this row: the table's own, or that of
// the table before when this one has none and is as wide.
func (in *interp) active(l line) *header {
	if l.para {
		return nil
	}
	if in.header == nil && in.lastHeader != nil && in.lastHeader.width == len(l.cells) {
		in.header = in.lastHeader
	}
	return in.header
}

// dataRow reads a row by the columns of the header.
func (in *interp) dataRow(h *header, l line) {
	var s *rawSheet
	if h.flat {
		s = in.flatSheet(h, l)
	} else {
		s = in.sheet(l.where)
	}
	startsInd := false
	for col, c := range h.cols {
		if c.field == iDescrizione && col < len(l.cells) && l.cells[col].Origin == nil {
			startsInd = true
		}
	}
	if startsInd || in.ind == nil {
		in.ind = newInd(l.where)
		s.inds = append(s.inds, in.ind)
	}
	for col := 0; col < len(l.cells); col++ {
		c, ok := h.cols[col]
		cell := l.cells[col].Content()
		if !ok || cell.Text() == "" || (sheetField(c.field) && h.flat) {
			continue
		}
		src := source{cell.Paras, l.where}
		switch {
		case c.field == iTarget || c.field == fRisorse:
			in.addYear(s, c.field, c.year, src)
		case sheetField(c.field), c.field == rAttuata, c.field == rCausa:
			in.set(s, c.field, c.marker, []content{{cell, cell.Text()}}, l.where)
		default:
			in.ind.fields[c.field] = src
			if c.marker != "" {
				in.ind.marks[c.field] = c.marker
			}
		}
	}
}

// flatSheet is the sheet a row of a flat table belongs to: a new one when
// its sheet columns say so.
func (in *interp) flatSheet(h *header, l line) *rawSheet {
	var key strings.Builder
	vals := map[string]source{}
	for col := 0; col < len(l.cells); col++ {
		c, ok := h.cols[col]
		if !ok || !flatField[c.field] {
			continue
		}
		cell := l.cells[col].Content()
		key.WriteString(cell.Text() + "\x00")
		if cell.Text() != "" {
			vals[c.field] = source{cell.Paras, l.where}
		}
	}
	cur := in.cur
	if cur == nil || len(vals) > 0 && key.String() != cur.flatKey && !sameAbove(vals, cur) {
		heading := hStrategic
		for _, c := range h.cols {
			if c.field == fUnita || c.field == fObiettivo {
				heading = hOperational
			}
		}
		hd := in.header
		in.newSheet(heading, l.where)
		in.header = hd
		in.cur.flatKey = key.String()
		cur = in.cur
	}
	for f, v := range vals {
		cur.fields[f] = v
	}
	for col := 0; col < len(l.cells); col++ {
		if c, ok := h.cols[col]; ok && sheetField(c.field) && !flatField[c.field] && l.cells[col].Content().Text() != "" {
			in.set(cur, c.field, c.marker, []content{{l.cells[col].Content(), ""}}, l.where)
		}
	}
	return cur
}

// sameAbove reports whether the sheet columns a row fills agree with the
// sheet's: a row that leaves some empty repeats the one above.
func sameAbove(vals map[string]source, s *rawSheet) bool {
	for f, v := range vals {
		if have, ok := s.fields[f]; !ok || have.text() != v.text() {
			return false
		}
	}
	return true
}

// unknownRow records a row no rule reads: the texts in it that look like
// labels (short, in capitals), for the map entry; or, when none does,
// its first text, as text not read.
func (in *interp) unknownRow(cs []content, l line) {
	found, all := false, true
	for _, c := range cs {
		all = all && capitalLabel(c.text)
	}
	for _, c := range cs {
		if capitalLabel(c.text) && (c.cell.Col == 0 || all && (len(cs) > 2 || cs[0].cell.Col > 0)) {
			in.unknown = append(in.unknown, c.text)
			found = true
		}
	}
	if !found && in.cur != nil {
		in.report(l.where, true, hintTextUnread, msgTextUnread, excerpt(cs[0].text))
	}
}

// capitalLabel reports whether a text looks like an unknown label: a few
// words, mostly capitals, as annexes write their labels.
func capitalLabel(s string) bool {
	if !looksLikeLabel(s) || len(s) > 60 || codeRe.MatchString(s) {
		return false
	}
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 3 && upper*4 >= letters*3
}
