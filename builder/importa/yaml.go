package importa

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// The sheets as they are written: the content format's fields, every
// value a val with its history, and a comment wherever the reading is
// uncertain.

type prior struct{ valore, revisione string }

// val is a value that revisions may change.
type val struct {
	valore  string
	precs   []prior // oldest first
	rimando string
	comment string // an uncertain reading: the cell as written
}

func (v val) empty() bool { return v.valore == "" && len(v.precs) == 0 }

type yval struct {
	anno string
	val
}

type code struct{ codice, nome string }

type outNote struct {
	rimando, testo     string
	campi              []string
	inserita, stralcio string
}

type outRev struct{ revisione, attuata, causa string }

type outInd struct {
	id                                                 string
	descrizione, algoritmo, peso, fonte, um, tipologia val
	target                                             []yval
	inserito, stralcio                                 string
	comment                                            string // an uncertain reading
	note                                               []outNote
	revs                                               []outRev
}

// outSheet is a sheet to write.
type outSheet struct {
	operational bool
	missioni    []code
	programma   *code
	area, unita string
	linea       string
	obiettivi   []string
	titolo      string
	obiettivo   val
	descrizione val
	peso        val
	risorse     []yval
	note        []outNote
	inds        []*outInd
	revs        []outRev
	body        string
	comments    []string // at the top of the file
	where       string   // where the sheet starts in the office's file
}

// yamlWriter writes YAML with two-space indentation.
type yamlWriter struct{ b strings.Builder }

func (w *yamlWriter) line(indent int, format string, args ...any) {
	w.b.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// text writes key: value, skipping an empty value.
func (w *yamlWriter) text(indent int, key, s string) {
	if s != "" {
		w.line(indent, "%s: %s", key, quote(s))
	}
}

// value writes a revisable value: plain text, or its history.
func (w *yamlWriter) value(indent int, key string, v val) {
	if v.empty() {
		return
	}
	if v.comment != "" {
		w.line(indent, "# %s", oneLine(v.comment))
	}
	if len(v.precs) == 0 && v.rimando == "" {
		w.line(indent, "%s: %s", key, quote(v.valore))
		return
	}
	w.line(indent, "%s:", key)
	w.line(indent+1, "valore: %s", quote(v.valore))
	switch len(v.precs) {
	case 0:
	case 1:
		w.line(indent+1, "precedente: %s", quote(v.precs[0].valore))
		w.line(indent+1, "revisione: %s", quote(v.precs[0].revisione))
	default:
		w.line(indent+1, "precedenti:")
		for _, p := range v.precs {
			w.line(indent+2, "- valore: %s", quote(p.valore))
			w.line(indent+2, "  revisione: %s", quote(p.revisione))
		}
	}
	if v.rimando != "" {
		w.line(indent+1, "rimando: %s", quote(v.rimando))
	}
}

func (w *yamlWriter) years(indent int, key string, ys []yval) {
	if len(ys) == 0 {
		return
	}
	w.line(indent, "%s:", key)
	for _, y := range ys {
		w.value(indent+1, y.anno, y.val)
	}
}

func (w *yamlWriter) notes(indent int, notes []outNote) {
	if len(notes) == 0 {
		return
	}
	w.line(indent, "note:")
	for _, n := range notes {
		w.line(indent+1, "- testo: %s", quote(n.testo))
		w.text(indent+2, "rimando", n.rimando)
		if len(n.campi) > 0 {
			w.line(indent+2, "campi: [%s]", strings.Join(n.campi, ", "))
		}
		w.text(indent+2, "inserita", n.inserita)
		w.text(indent+2, "stralcio", n.stralcio)
	}
}

func (w *yamlWriter) revs(indent int, revs []outRev) {
	if len(revs) == 0 {
		return
	}
	w.line(indent, "note_revisione:")
	for _, r := range revs {
		w.line(indent+1, "- revisione: %s", quote(r.revisione))
		w.text(indent+2, "revisione_attuata", r.attuata)
		w.text(indent+2, "causa", r.causa)
	}
}

// sheetYAML writes a sheet; a sheet with a body is a Markdown file.
func sheetYAML(s *outSheet) string {
	w := &yamlWriter{}
	if s.body != "" {
		w.line(0, "---")
	}
	for _, c := range s.comments {
		w.line(0, "# %s", oneLine(c))
	}
	if len(s.comments) > 0 {
		w.b.WriteByte('\n')
	}
	if len(s.missioni) > 0 {
		w.line(0, "missioni:")
		for _, m := range s.missioni {
			w.line(1, "- codice: %s", quote(m.codice))
			w.line(1, "  nome: %s", quote(m.nome))
		}
	}
	if s.programma != nil {
		w.line(0, "programma:")
		w.line(1, "codice: %s", quote(s.programma.codice))
		w.line(1, "nome: %s", quote(s.programma.nome))
	}
	w.text(0, "area", s.area)
	w.text(0, "unita", s.unita)
	w.text(0, "linea", s.linea)
	if len(s.obiettivi) > 0 {
		q := make([]string, len(s.obiettivi))
		for i, o := range s.obiettivi {
			q[i] = quoteAlways(o)
		}
		w.line(0, "obiettivi_strategici: [%s]", strings.Join(q, ", "))
	}
	w.text(0, "titolo", s.titolo)
	w.value(0, "obiettivo_operativo", s.obiettivo)
	w.value(0, "descrizione", s.descrizione)
	w.value(0, "peso", s.peso)
	w.years(0, "risorse", s.risorse)
	w.notes(0, s.note)
	if len(s.inds) > 0 {
		w.b.WriteString("\nindicatori:\n")
	}
	for _, ind := range s.inds {
		w.indicator(ind)
	}
	if len(s.revs) > 0 {
		w.b.WriteByte('\n')
	}
	w.revs(0, s.revs)
	if s.body != "" {
		w.line(0, "---")
		w.b.WriteString(s.body + "\n")
	}
	return w.b.String()
}

// indicator writes an indicator as an item of the list: its fields
// indented under the dash, the first on the dash's line.
func (w *yamlWriter) indicator(ind *outInd) {
	sub := &yamlWriter{}
	if ind.comment != "" {
		sub.line(2, "# %s", oneLine(ind.comment))
	}
	sub.text(2, "id", ind.id)
	sub.text(2, "inserito", ind.inserito)
	sub.text(2, "stralcio", ind.stralcio)
	sub.value(2, "descrizione", ind.descrizione)
	sub.value(2, "algoritmo", ind.algoritmo)
	sub.years(2, "target", ind.target)
	sub.value(2, "peso", ind.peso)
	sub.value(2, "fonte", ind.fonte)
	sub.value(2, "unita_misura", ind.um)
	sub.value(2, "tipologia", ind.tipologia)
	sub.notes(2, ind.note)
	sub.revs(2, ind.revs)
	lines := strings.SplitAfter(sub.b.String(), "\n")
	dash := false
	for _, l := range lines {
		if !dash && strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "    #") {
			l = "  - " + l[4:]
			dash = true
		}
		w.b.WriteString(l)
	}
	if !dash {
		w.line(1, "- {}")
	}
}

var plainRe = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ,.%'’()/–-]*$`)

// quote writes a text as a YAML scalar read back exactly: plain when
// that is safe, else in double quotes.
func quote(s string) string {
	if plainRe.MatchString(s) && strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || r == '%' }) &&
		!strings.Contains(s, "  ") && !strings.HasSuffix(s, " ") && !strings.Contains(s, " -") {
		return s
	}
	return quoteAlways(s)
}

// quoteAlways writes a double-quoted YAML scalar.
func quoteAlways(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0xfeff || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// oneLine makes a comment of a text: one line, not too long.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}
