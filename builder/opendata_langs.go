package builder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/piao-pa/piao/builder/plan"
)

// The open data of a site in several languages is one set of files: each
// text in every language, as an object with a key per language in the
// JSON files ("descrizione": {"it": …, "de": …}) and as a column per
// language in the CSV files (descrizione_it, descrizione_de). The files
// are made from each language's model, whose texts that language lacks
// are empty (never the main language's: the data say what the content
// says in that language), and joined key by key: a text is a value under
// one of textKeys (and not under one of oneKeys below it). A site of one
// language gets its files as they always were.

// dataLang is one language of the open data: its model and its words.
type dataLang struct {
	code   string
	model  *plan.Site
	words  *words
	plans  map[string]*plan.Plan  // by slug; nil in a site of one language
	sheets map[string]*plan.Sheet // by page path

	memo *dataMemo // shared by the copies of the dataLang
}

// dataMemo holds what the open data of one language need more than once:
// a plan's changes, a row each, for revisioni.csv, piano.json and
// revisioni.json (0.1 s of CPU at 10,000 sheets, made thrice).
type dataMemo struct {
	changes sync.Map // *plan.Plan → []changeJSON, never changed
}

// changes are the changes of plan p, of this language (changeRows), made
// once.
func (l dataLang) changes(p *plan.Plan) []changeJSON {
	if l.memo == nil {
		return changeRows(l.model, l.words, p)
	}
	if rows, ok := l.memo.changes.Load(p); ok {
		return rows.([]changeJSON)
	}
	rows, _ := l.memo.changes.LoadOrStore(p, slices.Clip(changeRows(l.model, l.words, p)))
	return rows.([]changeJSON)
}

// dataLangs are the languages of the open data, the main one first.
type dataLangs []dataLang

// oneLang are the open data of a site of one language.
func oneLang(model *plan.Site, w *words) dataLangs {
	return dataLangs{{code: w.Lang, model: model, words: w, memo: &dataMemo{}}}
}

// dataLangsOf are the languages of a site's open data.
func dataLangsOf(ls *langSite) dataLangs {
	var out dataLangs
	for _, l := range ls.langs {
		d := dataLang{code: l.code, model: l.data, words: l.words, plans: map[string]*plan.Plan{}, sheets: map[string]*plan.Sheet{},
			memo: &dataMemo{}}
		for _, p := range l.data.Plans {
			d.plans[p.Slug] = p
			for _, s := range p.Sheets() {
				d.sheets[sheetPath(s)] = s
			}
		}
		out = append(out, d)
	}
	return out
}

func (ds dataLangs) multi() bool { return len(ds) > 1 }

// plan is language l's plan of p.
func (l dataLang) plan(p *plan.Plan) *plan.Plan {
	if q := l.plans[p.Slug]; q != nil {
		return q
	}
	return p
}

// sheet is language l's sheet of s.
func (l dataLang) sheet(s *plan.Sheet) *plan.Sheet {
	if t := l.sheets[sheetPath(s)]; t != nil {
		return t
	}
	return s
}

// The keys of the open data whose strings are texts, and those under them
// that are not (a date, the revision that replaced a value).
var (
	textKeys = set("titolo nome descrizione atto documento motivo responsabile testo revisione_attuata causa " +
		"etichetta valore_precedente valore_attuale pagina ente livelli licenza obiettivo_operativo risultato_atteso " +
		"target storico baseline algoritmo fonte unita_misura tipologia missioni programma nota proposta significato " +
		"markdown precedente")
	oneKeys = set("codice id sostituito_da data revisione rimando campi")
)

func set(words string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(words) {
		out[w] = true
	}
	return out
}

// marshal is marshalJSON of what build makes in each language, joined.
func (ds dataLangs) marshal(build func(l dataLang) any) ([]byte, error) {
	if !ds.multi() {
		return marshalJSON(build(ds[0]))
	}
	return ds.joined(build)
}

// marshalIn is marshal without the copy: in one language, the bytes are
// buf's (a buffer of jsonBufs, which the caller gives back once done with
// them). Every sheet's JSON was copied out of its buffer only to be written
// to its file and into piano.json (208 MB allocated at 50,000 sheets, in a
// stage where the collector runs once for every 60 to 80 MB).
func (ds dataLangs) marshalIn(buf *bytes.Buffer, build func(l dataLang) any) ([]byte, error) {
	if !ds.multi() {
		if err := encodeJSON(buf, build(ds[0])); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	return ds.joined(build)
}

// joined encodes what build makes in each language and joins them.
func (ds dataLangs) joined(build func(l dataLang) any) ([]byte, error) {
	trees := make([]*jnode, len(ds))
	for i, l := range ds {
		b, err := compactJSON(build(l))
		if err == nil {
			trees[i], err = parseJSON(b)
		}
		if err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	ds.join(trees, false).write(&out)
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// jnode is a JSON value that keeps the order of an object's members.
type jnode struct {
	kind byte // '{', '[', '"' or '0' (a number, true, false, null: raw)
	s    string
	keys []string
	vals []*jnode
}

func parseJSON(b []byte) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return readJSON(dec)
}

func readJSON(dec *json.Decoder) (*jnode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &jnode{kind: byte(t)}
		for dec.More() {
			if t == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			v, err := readJSON(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		_, err := dec.Token() // the closing delimiter
		return n, err
	case string:
		return &jnode{kind: '"', s: t}, nil
	case json.Number:
		return &jnode{kind: '0', s: t.String()}, nil
	case bool:
		return &jnode{kind: '0', s: fmt.Sprint(t)}, nil
	}
	return &jnode{kind: '0', s: "null"}, nil
}

// join joins the same value in each language: a text becomes an object
// by language; anything else is the main language's.
func (ds dataLangs) join(ns []*jnode, text bool) *jnode {
	main := ns[0]
	switch main.kind {
	case '"':
		if !text {
			return main
		}
		out := &jnode{kind: '{'}
		for i, l := range ds {
			s := ""
			if ns[i] != nil && ns[i].kind == '"' {
				s = ns[i].s
			}
			out.keys, out.vals = append(out.keys, l.code), append(out.vals, &jnode{kind: '"', s: s})
		}
		return out
	case '{':
		out := &jnode{kind: '{', keys: main.keys}
		for _, key := range main.keys {
			inner := text && !oneKeys[key] || textKeys[key]
			out.vals = append(out.vals, ds.join(members(ns, func(n *jnode) *jnode { return n.member(key) }), inner))
		}
		return out
	case '[':
		out := &jnode{kind: '['}
		for k := range main.vals {
			out.vals = append(out.vals, ds.join(members(ns, func(n *jnode) *jnode { return n.item(k) }), text))
		}
		return out
	}
	return main
}

// members is the same member of each language's value.
func members(ns []*jnode, of func(*jnode) *jnode) []*jnode {
	out := make([]*jnode, len(ns))
	for i, n := range ns {
		if n != nil {
			out[i] = of(n)
		}
	}
	return out
}

func (n *jnode) member(key string) *jnode {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

func (n *jnode) item(i int) *jnode {
	if i < len(n.vals) {
		return n.vals[i]
	}
	return nil
}

// write writes n as compact JSON, without escaping <, > and &.
func (n *jnode) write(b *bytes.Buffer) {
	switch n.kind {
	case '"':
		s, _ := compactJSON(n.s) // a string always encodes
		b.Write(s)
	case '{', '[':
		b.WriteByte(n.kind)
		for i, v := range n.vals {
			if i > 0 {
				b.WriteByte(',')
			}
			if n.kind == '{' {
				k, _ := compactJSON(n.keys[i])
				b.Write(k)
				b.WriteByte(':')
			}
			v.write(b)
		}
		b.WriteByte(n.kind + 2) // } is { + 2, ] is [ + 2
	default:
		b.WriteString(n.s)
	}
}

// tables are the CSV tables of plan p, a text's column once per
// language.
func (ds dataLangs) tables(p *plan.Plan) []table {
	per := make([][]table, len(ds))
	for i, l := range ds {
		lp := l.plan(p)
		per[i] = planTables(l.model, l.words, lp, func() []changeJSON { return l.changes(lp) })
	}
	if !ds.multi() {
		return per[0]
	}
	out := make([]table, len(per[0]))
	for k, t := range per[0] {
		texts := make([]bool, len(t.header))
		var header []string
		for c, name := range t.header {
			if texts[c] = textColumn(name); texts[c] {
				for _, l := range ds {
					header = append(header, name+"_"+l.code)
				}
			} else {
				header = append(header, name)
			}
		}
		langRows := make([]iter.Seq[[]string], len(ds))
		for i := range ds {
			langRows[i] = per[i][k].rows
		}
		out[k] = table{file: t.file, title: t.title, header: header, rows: joinRows(langRows, texts), changes: t.changes}
		if t.of != nil { // a sheet's rows in each language, side by side
			out[k].bySheet(t.sheets, func(s int) iter.Seq[[]string] {
				of := make([]iter.Seq[[]string], len(ds))
				for i := range ds {
					of[i] = per[i][k].of(s)
				}
				return joinRows(of, texts)
			})
		}
	}
	return out
}

// yearSuffix is the year that ends a column of a field of each year.
var yearSuffix = regexp.MustCompile(`_\d{4}$`)

// textColumn reports whether a CSV column holds a text: its name, without
// "_iniziale" and a year, is a text's key.
func textColumn(name string) bool {
	base := yearSuffix.ReplaceAllString(strings.TrimSuffix(name, "_iniziale"), "")
	return textKeys[base] && !oneKeys[base]
}

// joinRows are the rows of each language, side by side: a text's cell
// once per language, any other cell the main language's.
func joinRows(langs []iter.Seq[[]string], texts []bool) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		next := make([]func() ([]string, bool), len(langs))
		for i, rows := range langs {
			n, stop := iter.Pull(rows)
			defer stop()
			next[i] = n
		}
		for {
			rows := make([][]string, len(langs))
			for i := range langs {
				r, ok := next[i]()
				if !ok {
					return
				}
				rows[i] = r
			}
			var out []string
			for c, cell := range rows[0] {
				if c >= len(texts) || !texts[c] {
					out = append(out, cell)
					continue
				}
				for _, r := range rows {
					out = append(out, r[c])
				}
			}
			if !yield(out) {
				return
			}
		}
	}
}

// writeTo writes build's JSON in each language, joined, to w.
func (ds dataLangs) writeTo(w io.Writer, build func(l dataLang) any) error {
	b, err := ds.marshal(build)
	if err == nil {
		_, err = w.Write(b)
	}
	return err
}
