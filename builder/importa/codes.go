package importa

import (
	"regexp"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/textnorm"
)

// planIndex holds the areas, units, lines and objectives of piano.yaml,
// and those the import finds that it lacks, which go into piano.yaml.
type planIndex struct {
	areas []*areaEntry
	lines []*lineEntry
}

type areaEntry struct {
	codice, nome string
	isNew        bool
	units        []*unitEntry
}

type unitEntry struct {
	codice, nome string
	isNew        bool
}

type lineEntry struct {
	codice, nome string
	isNew        bool
	objs         []*objEntry
}

type objEntry struct {
	id, codice, nome string
	isNew            bool
}

func (o *objEntry) key() string {
	if o.id != "" {
		return o.id
	}
	return o.codice
}

func newPlanIndex(p *plan.Plan) *planIndex {
	ix := &planIndex{}
	if p == nil {
		return ix
	}
	for _, a := range p.Aree {
		ae := &areaEntry{codice: a.Codice.S, nome: a.Nome.S}
		for _, u := range a.Unita {
			ae.units = append(ae.units, &unitEntry{codice: u.Codice.S, nome: u.Nome.S})
		}
		ix.areas = append(ix.areas, ae)
	}
	for _, l := range p.Linee {
		le := &lineEntry{codice: l.Codice.S, nome: l.Nome.S}
		for _, o := range l.Obiettivi {
			le.objs = append(le.objs, &objEntry{id: o.ID.S, codice: o.Codice.S, nome: o.Nome.S})
		}
		ix.lines = append(ix.lines, le)
	}
	return ix
}

// nameKey compares names: case, accents, apostrophes and punctuation
// ignored ("CONTABILITA'" = "Contabilità").
func nameKey(s string) string {
	return strings.ReplaceAll(labelKey(strings.ReplaceAll(s, "'", "")), " ", "")
}

// better keeps the spelling that is not all capitals.
func better(have, found string) string {
	if have == strings.ToUpper(have) && found != strings.ToUpper(found) {
		return found
	}
	return have
}

// unit finds or adds the unit named in an area named (the area may be
// unnamed: the unit is then looked for in every area).
func (ix *planIndex) unit(areaName, unitName string) (area, unit string) {
	var ae *areaEntry
	if areaName != "" {
		for _, a := range ix.areas {
			if nameKey(a.nome) == nameKey(areaName) || nameKey(a.codice) == nameKey(areaName) {
				ae = a
			}
		}
	}
	for _, a := range ix.areas {
		if ae != nil && a != ae {
			continue
		}
		for _, u := range a.units {
			if nameKey(u.nome) == nameKey(unitName) || nameKey(u.codice) == nameKey(unitName) {
				if u.isNew {
					u.nome = better(u.nome, unitName)
				}
				return a.codice, u.codice
			}
		}
	}
	if ae == nil {
		if areaName == "" {
			return "", ""
		}
		ae = &areaEntry{codice: ix.freeCode(areaCode(areaName)), nome: areaName, isNew: true}
		ix.areas = append(ix.areas, ae)
	}
	u := &unitEntry{codice: ix.freeCode(slug(unitName, 4)), nome: unitName, isNew: true}
	ae.units = append(ae.units, u)
	return ae.codice, u.codice
}

// freeCode is code, or code-2, code-3… if an area or unit has it.
func (ix *planIndex) freeCode(code string) string {
	taken := map[string]bool{}
	for _, a := range ix.areas {
		taken[a.codice] = true
		for _, u := range a.units {
			taken[u.codice] = true
		}
	}
	return unique(code, taken)
}

func unique(code string, taken map[string]bool) string {
	if code == "" {
		code = "x"
	}
	out := code
	for n := 2; taken[out]; n++ {
		out = code + "-" + itoa(n)
	}
	return out
}

var areaNumRe = regexp.MustCompile(`(?i)^area\s+([0-9]+)\b`)

// areaCode is "area-1" for "AREA 1 - …", else the name's first words.
func areaCode(name string) string {
	if m := areaNumRe.FindStringSubmatch(strings.TrimSpace(name)); m != nil {
		return "area-" + m[1]
	}
	return slug(name, 4)
}

// line finds or adds a strategic line.
func (ix *planIndex) line(codice, nome string) *lineEntry {
	for _, l := range ix.lines {
		if l.codice == codice {
			if l.isNew {
				l.nome = better(l.nome, nome)
			}
			return l
		}
	}
	l := &lineEntry{codice: codice, nome: nome, isNew: true}
	ix.lines = append(ix.lines, l)
	return l
}

// objective finds or adds a strategic objective of a line: by code, or
// for a common objective (OC) by name. It returns its key.
func (ix *planIndex) objective(l *lineEntry, codice, nome string) string {
	common := strings.EqualFold(codice, "OC")
	for _, o := range l.objs {
		if o.codice == codice && (!common || nameKey(o.nome) == nameKey(nome)) {
			if o.isNew {
				o.nome = better(o.nome, nome)
			}
			return o.key()
		}
	}
	o := &objEntry{codice: codice, nome: nome, isNew: true}
	if common {
		taken := map[string]bool{}
		for _, le := range ix.lines {
			for _, x := range le.objs {
				taken[x.key()] = true
			}
		}
		o.id = unique("oc-"+slug(nome, 3), taken)
	}
	l.objs = append(l.objs, o)
	return o.key()
}

// slug is a code made of the first words of a name: lowercase letters
// and digits joined by dashes, short words left out.
func slug(name string, words int) string {
	var out []string
	for _, w := range strings.Fields(labelKey(textnorm.Fold(name))) {
		if len(out) == words {
			break
		}
		if len(w) > 2 || w[0] >= '0' && w[0] <= '9' {
			out = append(out, strings.Trim(w, "%"))
		}
	}
	return strings.Join(out, "-")
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}

// codeRe reads "1.1 - Digitalizzazione", "OC – Favorire …", "011 - …".
var codeRe = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)*|OC|oc)\s*[-–—]\s*(.+?)\s*$`)

// splitCoded reads the coded items of a cell: one a line, or several in
// a line ("1.1 - A 1.2 - B").
func splitCoded(text string) []code {
	var out []code
	for _, line := range strings.Split(text, "\n") {
		for _, part := range splitInline(line) {
			if m := codeRe.FindStringSubmatch(part); m != nil {
				out = append(out, code{codice: strings.ToUpper(m[1]), nome: m[2]})
			} else if strings.TrimSpace(part) != "" {
				out = append(out, code{nome: strings.TrimSpace(part)})
			}
		}
	}
	return out
}

var inlineCodeRe = regexp.MustCompile(`\s((?:[0-9]+\.[0-9]+|[0-9]{3}|OC)\s+[-–]\s)`)

// splitInline splits a line before each code that follows other text.
func splitInline(line string) []string {
	var out []string
	for {
		loc := inlineCodeRe.FindStringSubmatchIndex(line)
		if loc == nil {
			return append(out, line)
		}
		out = append(out, line[:loc[2]])
		line = line[loc[2]:]
	}
}
