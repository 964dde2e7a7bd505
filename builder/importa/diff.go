package importa

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// fromValue is a loaded value as the import writes values.
func fromValue(v plan.Value) val {
	out := val{valore: v.S, rimando: v.Marker()}
	for _, p := range v.Priors() {
		out.precs = append(out.precs, prior{valore: p.Valore.S, revisione: p.Revisione.S})
	}
	return out
}

func fromYears(vs []plan.Value) []yval {
	var out []yval
	for _, v := range vs {
		out = append(out, yval{anno: v.Anno, val: fromValue(v)})
	}
	return out
}

func fromNotes(ns []plan.Note) []outNote {
	var out []outNote
	for _, n := range ns {
		o := outNote{rimando: n.Rimando.S, testo: n.Testo.S, inserita: n.Inserita.S, stralcio: n.Stralcio.S}
		for _, c := range n.Campi {
			o.campi = append(o.campi, c.S)
		}
		out = append(out, o)
	}
	return out
}

func fromRevs(rs []plan.RevNote) []outRev {
	var out []outRev
	for _, r := range rs {
		out = append(out, outRev{revisione: r.Revisione.S, attuata: r.Attuata.S, causa: r.Causa.S})
	}
	return out
}

// fromPlan is a loaded sheet as the import writes sheets, to compare.
func fromPlan(s *plan.Sheet) *outSheet {
	out := &outSheet{operational: s.Kind == plan.Operational, area: s.Area.S, unita: s.Unita.S, linea: s.Linea.S,
		titolo: s.Titolo.S, obiettivo: fromValue(s.Obiettivo), descrizione: fromValue(s.Descrizione), peso: fromValue(s.Peso),
		risorse: fromYears(s.Risorse), note: fromNotes(s.Note), revs: fromRevs(s.Revisioni), body: strings.TrimSpace(s.Body)}
	for _, m := range s.Missioni {
		out.missioni = append(out.missioni, code{m.Codice.S, m.Nome.S})
	}
	if s.Programma != nil {
		out.programma = &code{s.Programma.Codice.S, s.Programma.Nome.S}
	}
	for _, o := range s.Obiettivi {
		out.obiettivi = append(out.obiettivi, o.S)
	}
	for _, ind := range s.Indicatori {
		out.inds = append(out.inds, &outInd{id: ind.ID.S, descrizione: fromValue(ind.Descrizione), algoritmo: fromValue(ind.Algoritmo),
			peso: fromValue(ind.Peso), fonte: fromValue(ind.Fonte), um: fromValue(ind.Unita), tipologia: fromValue(ind.Tipologia),
			target: fromYears(ind.Target), inserito: ind.Inserito.S, stralcio: ind.Stralcio.S, note: fromNotes(ind.Note), revs: fromRevs(ind.Revisioni)})
	}
	return out
}

// fields flattens a sheet into field → text, for comparing: every field,
// every earlier value, every note; indicators by position; ids, comments
// and the file's form left out.
func fields(s *outSheet) map[string]string {
	m := map[string]string{}
	put := func(key string, v val) {
		if v.empty() {
			return
		}
		t := v.valore
		for _, p := range v.precs {
			t += " ← " + p.valore + " @" + p.revisione
		}
		if v.rimando != "" {
			t += " (" + v.rimando + ")"
		}
		m[key] = t
	}
	text := func(key, t string) { put(key, val{valore: t}) }
	for i, c := range s.missioni {
		text(fmt.Sprintf("missioni %d", i+1), c.codice+" "+c.nome)
	}
	if s.programma != nil {
		text("programma", s.programma.codice+" "+s.programma.nome)
	}
	text("area", s.area)
	text("unita", s.unita)
	text("linea", s.linea)
	text("obiettivi_strategici", strings.Join(s.obiettivi, ", "))
	text("titolo", s.titolo)
	put("obiettivo_operativo", s.obiettivo)
	put("descrizione", s.descrizione)
	put("peso", s.peso)
	text("testo", s.body)
	for _, y := range s.risorse {
		put("risorse "+y.anno, y.val)
	}
	noteFields(m, "note", s.note, s.revs)
	for i, ind := range s.inds {
		p := fmt.Sprintf("indicatore %d ", i+1)
		put(p+"descrizione", ind.descrizione)
		put(p+"algoritmo", ind.algoritmo)
		put(p+"peso", ind.peso)
		put(p+"fonte", ind.fonte)
		put(p+"unita_misura", ind.um)
		put(p+"tipologia", ind.tipologia)
		text(p+"inserito", ind.inserito)
		text(p+"stralcio", ind.stralcio)
		for _, y := range ind.target {
			put(p+"target "+y.anno, y.val)
		}
		noteFields(m, p+"note", ind.note, ind.revs)
	}
	return m
}

func noteFields(m map[string]string, prefix string, notes []outNote, revs []outRev) {
	for i, n := range notes {
		m[fmt.Sprintf("%s %d", prefix, i+1)] = strings.Join([]string{n.rimando, n.testo, strings.Join(n.campi, ","), n.inserita, n.stralcio}, "|")
	}
	for i, r := range revs {
		m[fmt.Sprintf("%s_revisione %d", prefix, i+1)] = r.revisione + "|" + r.attuata + "|" + r.causa
	}
}

// diff lists the fields in which two sheets differ, in a stable order.
func diff(a, b *outSheet) []string {
	fa, fb := fields(a), fields(b)
	var out []string
	for k, v := range fa {
		if fb[k] != v {
			out = append(out, k)
		}
	}
	for k := range fb {
		if _, ok := fa[k]; !ok {
			out = append(out, k)
		}
	}
	sortNatural(out)
	return out
}

// summarize writes a list of fields on one line, the first few named.
func summarize(diffs []string) string {
	if len(diffs) <= 6 {
		return strings.Join(diffs, ", ")
	}
	return fmt.Sprintf(msgMore, strings.Join(diffs[:6], ", "), len(diffs)-6)
}

// sortNatural sorts keys with their numbers in order ("indicatore 2"
// before "indicatore 10").
func sortNatural(keys []string) {
	num := func(s string) (string, int) {
		f := strings.Fields(s)
		for i, w := range f {
			if n, err := strconv.Atoi(w); err == nil {
				return strings.Join(f[:i], " "), n
			}
		}
		return s, 0
	}
	slices.SortFunc(keys, func(a, b string) int {
		pa, na := num(a)
		pb, nb := num(b)
		if pa != pb || na == nb {
			return strings.Compare(a, b)
		}
		return na - nb
	})
}
