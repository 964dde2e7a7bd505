package importa

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// additions are the entries of piano.yaml the import adds.
type additions struct {
	ix       *planIndex
	revision string // a revision id piano.yaml lacks, or ""
}

func (a additions) any() bool {
	if a.revision != "" {
		return true
	}
	for _, ar := range a.ix.areas {
		for _, u := range ar.units {
			if ar.isNew || u.isNew {
				return true
			}
		}
	}
	for _, l := range a.ix.lines {
		for _, o := range l.objs {
			if l.isNew || o.isNew {
				return true
			}
		}
		if l.isNew {
			return true
		}
	}
	return false
}

// newPiano writes a piano.yaml for a plan that has none: what the file
// gave, and comments for what the office must add.
func newPiano(a additions, source string, years map[string]bool) string {
	w := &yamlWriter{}
	w.line(0, "# %s", fmt.Sprintf(msgPianoHead, source))
	w.line(0, "# %s", msgPianoTodo)
	w.line(0, "# titolo: %s", msgTodoTitolo)
	w.line(0, "# approvazione: {atto: …, data: AAAA-MM-GG}   %s", msgTodoApprovazione)
	if p := period(years); p != "" {
		w.line(0, "periodo: %s   # %s", p, msgPeriodFromYears)
	}
	if a.revision != "" {
		w.b.WriteString("\nrevisioni:\n")
		revisionLines(w, 1, a.revision)
	}
	w.b.WriteString("\naree:\n")
	for _, ar := range a.ix.areas {
		areaLines(w, 1, ar)
	}
	w.b.WriteString("\nlinee:\n")
	for _, l := range a.ix.lines {
		lineLines(w, 1, l)
	}
	return w.b.String()
}

func period(years map[string]bool) string {
	var ys []string
	for y := range years {
		ys = append(ys, y)
	}
	if len(ys) == 0 {
		return ""
	}
	sort.Strings(ys)
	return ys[0] + "-" + ys[len(ys)-1]
}

func revisionLines(w *yamlWriter, indent int, id string) {
	w.line(indent, "- id: %s", quote(id))
	w.line(indent+1, "# %s", msgTodoRevisione)
}

func areaLines(w *yamlWriter, indent int, ar *areaEntry) {
	w.line(indent, "- codice: %s", quoteAlways(ar.codice))
	w.line(indent+1, "nome: %s", quote(ar.nome))
	w.line(indent+1, "unita:")
	for _, u := range ar.units {
		unitLines(w, indent+2, u)
	}
}

func unitLines(w *yamlWriter, indent int, u *unitEntry) {
	w.line(indent, "- codice: %s", quoteAlways(u.codice))
	w.line(indent+1, "nome: %s", quote(u.nome))
}

func lineLines(w *yamlWriter, indent int, l *lineEntry) {
	w.line(indent, "- codice: %s", quoteAlways(l.codice))
	w.line(indent+1, "nome: %s", quote(l.nome))
	w.line(indent+1, "obiettivi:")
	for _, o := range l.objs {
		objLines(w, indent+2, o)
	}
}

func objLines(w *yamlWriter, indent int, o *objEntry) {
	if o.id != "" {
		w.line(indent, "- id: %s", quoteAlways(o.id))
		w.line(indent+1, "codice: %s", quoteAlways(o.codice))
	} else {
		w.line(indent, "- codice: %s", quoteAlways(o.codice))
	}
	w.line(indent+1, "nome: %s", quote(o.nome))
}

// insertion is text to put after a line of piano.yaml (0: at the top).
type insertion struct {
	after int
	text  string
}

// editPiano adds the new entries to an existing piano.yaml, keeping every
// line of it as it is: each entry goes after the last line of the list
// it belongs to, indented as its items are.
func editPiano(src []byte, a additions) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fileErr(msgPianoUnreadable, msgPianoUnreadable)
	}
	root := doc.Content[0]
	lines := strings.SplitAfter(string(src), "\n")
	var ins []insertion
	add := func(seq *yaml.Node, write func(w *yamlWriter)) {
		w := &yamlWriter{}
		write(w)
		ins = append(ins, insertion{after: endOf(&doc, seq, lines), text: indentBy(w.b.String(), itemIndent(seq))})
	}
	if a.revision != "" {
		if seq := valueOf(root, "revisioni"); seq != nil && seq.Kind == yaml.SequenceNode && len(seq.Content) > 0 {
			add(seq, func(w *yamlWriter) { revisionLines(w, 0, a.revision) })
		} else {
			w := &yamlWriter{}
			w.b.WriteString("revisioni:\n")
			revisionLines(w, 1, a.revision)
			ins = append(ins, insertion{after: keyLine(root, "aree", lines) - 1, text: w.b.String() + "\n"})
		}
	}
	aree, linee := valueOf(root, "aree"), valueOf(root, "linee")
	for _, ar := range a.ix.areas {
		switch {
		case ar.isNew && aree != nil:
			add(aree, func(w *yamlWriter) { areaLines(w, 0, ar) })
		case aree != nil:
			for _, u := range ar.units {
				if seq := itemList(aree, "codice", ar.codice, "unita"); u.isNew && seq != nil {
					add(seq, func(w *yamlWriter) { unitLines(w, 0, u) })
				}
			}
		}
	}
	for _, l := range a.ix.lines {
		switch {
		case l.isNew && linee != nil:
			add(linee, func(w *yamlWriter) { lineLines(w, 0, l) })
		case linee != nil:
			for _, o := range l.objs {
				if seq := itemList(linee, "codice", l.codice, "obiettivi"); o.isNew && seq != nil {
					add(seq, func(w *yamlWriter) { objLines(w, 0, o) })
				}
			}
		}
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].after < ins[j].after })
	var b strings.Builder
	k := 0
	for i := 0; i <= len(lines); i++ {
		for ; k < len(ins) && ins[k].after == i; k++ {
			if i > 0 && !strings.HasSuffix(lines[i-1], "\n") {
				b.WriteByte('\n')
			}
			b.WriteString(ins[k].text)
		}
		if i < len(lines) {
			b.WriteString(lines[i])
		}
	}
	return []byte(b.String()), nil
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// keyLine is the line of a key of the root, or the end of the file.
func keyLine(m *yaml.Node, key string, lines []string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return len(lines) + 1
}

// itemList is the list under field list of the item of seq whose key is
// value.
func itemList(seq *yaml.Node, key, value, list string) *yaml.Node {
	for _, item := range seq.Content {
		if item.Kind == yaml.MappingNode {
			if k := valueOf(item, key); k != nil && k.Value == value {
				if l := valueOf(item, list); l != nil && l.Kind == yaml.SequenceNode && len(l.Content) > 0 {
					return l
				}
			}
		}
	}
	return nil
}

// itemIndent is the indentation of a list's dashes.
func itemIndent(seq *yaml.Node) int {
	if len(seq.Content) == 0 {
		return 2
	}
	return max(0, seq.Content[0].Column-3)
}

func indentBy(text string, n int) string {
	pad := strings.Repeat(" ", n)
	var b strings.Builder
	for _, l := range strings.SplitAfter(text, "\n") {
		if l != "" {
			b.WriteString(pad + l)
		}
	}
	return b.String()
}

// endOf is the last line of a node's text: the line before whatever
// comes next in the file, blank lines and comments (which belong to
// what follows) left out.
func endOf(doc, n *yaml.Node, lines []string) int {
	inside := map[*yaml.Node]bool{}
	var mark func(*yaml.Node)
	mark = func(x *yaml.Node) {
		inside[x] = true
		for _, c := range x.Content {
			mark(c)
		}
	}
	mark(n)
	last := n.Line
	for x := range inside {
		last = max(last, x.Line)
	}
	next := len(lines) + 1
	var walk func(*yaml.Node)
	walk = func(x *yaml.Node) {
		if !inside[x] && x.Line > last && x.Line < next && x.Kind != yaml.DocumentNode {
			next = x.Line
		}
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(doc)
	end := next - 1
	for end > last {
		t := strings.TrimSpace(lines[end-1])
		if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		end--
	}
	return end
}
