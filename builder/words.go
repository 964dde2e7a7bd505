package builder

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/textnorm"
	"go.yaml.in/yaml/v3"
)

// This file owns the site's words: every title, label, sentence and format
// a reader sees, read from the theme's i18n/LANG.yaml (LANG is `lingua` in
// config.yaml, "it" by default). The templates read them with t and tn,
// the Go stages with words.T; the search script gets its own through the
// search page. What piao tells the office is another audience, and stays
// in messages.go.
//
// A words file maps keys to texts. In a text, {name} stands for an
// argument given by name: t "dates.published" "date" .Published. A key
// ending in ".one" and ".many" is a count: tn "count.indicators" 3 gives
// the ".many" text with {n} = 3. Two keys are lists, not texts: the
// names of the months (date.months) and nothing else so far.

// defaultLang is the language of a site whose config names none.
const defaultLang = "it"

// words are the site's words in one language.
type words struct {
	Lang    string
	text    map[string]string
	months  []string
	decimal string         // the decimal separator of sizes
	lower   bool           // a level's name is lowercase within a sentence (not German nouns)
	search  *textnorm.Lang // how the search reads this language

	// inline renders the content's field texts, which may hold inline
	// Markdown: as HTML on pages, as plain text elsewhere.
	inline *markup.Inliner
	// doc renders the bodies of sections and sheets; made once the words
	// its footnotes speak with are read.
	doc *markup.Doc

	// html is text escaped for a page (escapeMarkup), of the words without
	// an argument: what HTML gives them, worked out once when the words
	// are read (the Go partials ask for them some three million times at
	// 10,000 sheets). nil in words made otherwise: HTML escapes then.
	html map[string]string

	// levels are the default names of the levels (level.KEY and
	// level.KEY.many), by KEY, of the words without an argument: every
	// page names levels many times (Level), each time joining the keys
	// and looking them up. nil in words made otherwise.
	levels map[string][2]string
}

// loadWords reads i18n/LANG.yaml from every layer of the theme, the
// built-in default theme first, so that a site's own file need hold only
// the words it changes. Every key of the built-in Italian file must be
// present: a file that lacks one is an error naming it.
func loadWords(layers []fs.FS, lang string) (*words, error) {
	if lang == "" {
		lang = defaultLang
	}
	w := &words{Lang: lang, text: map[string]string{}, inline: markup.NewInliner()}
	name := path.Join("i18n", lang+".yaml")
	found := false
	for _, l := range slices.Backward(layers) {
		b, err := fs.ReadFile(l, name)
		if err != nil {
			continue
		}
		found = true
		if err := w.parse(b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if !found {
		return nil, errUnknownLang
	}
	w.html = make(map[string]string, len(w.text))
	for k, v := range w.text {
		if !strings.Contains(v, "{") {
			w.html[k] = escapeMarkup(v)
		}
	}
	w.levels = map[string][2]string{}
	for k, one := range w.text {
		if key, ok := strings.CutPrefix(k, "level."); ok && !strings.Contains(one, "{") {
			if many, ok := w.text[k+".many"]; ok && !strings.Contains(many, "{") {
				w.levels[key] = [2]string{one, many}
			}
		}
	}
	w.doc = markup.NewDoc(markup.DocWords{FootnoteLink: w.T("footnote.link"), FootnoteBack: w.T("footnote.back")})
	w.months = strings.Fields(w.text["date.months"])
	w.decimal = w.text["number.decimal"]
	w.lower = w.text["level.case"] != "keep"
	if w.search = textnorm.For(lang); w.search == nil {
		w.search = textnorm.Italian // a language piao has no search rules for: the Italian ones
	}
	if len(w.months) != 12 {
		return nil, fmt.Errorf("%s: date.months: %d mesi invece di 12", name, len(w.months))
	}
	return w, nil
}

// errUnknownLang is a language no layer of the theme has words for.
var errUnknownLang = fmt.Errorf("lingua sconosciuta")

// parse adds the texts of a words file.
func (w *words) parse(b []byte) error {
	doc := fastYAML(b) // the built-in files are in its subset: 6 ms of every build's start, with yaml.v3
	if doc == nil {
		doc = new(yaml.Node)
		if err := yaml.Unmarshal(b, doc); err != nil {
			return err
		}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("riga %d: serve un elenco di chiavi e testi", m.Line)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch v.Kind {
		case yaml.ScalarNode:
			w.text[k.Value] = v.Value
		case yaml.SequenceNode:
			var items []string
			for _, it := range v.Content {
				items = append(items, it.Value)
			}
			w.text[k.Value] = strings.Join(items, " ")
		default:
			return fmt.Errorf("riga %d: %q deve essere un testo", v.Line, k.Value)
		}
	}
	return nil
}

// T returns the text of key with its {name} arguments, given as name,
// value pairs. A key the words lack panics: the template that asked for it
// fails, naming the page, and the tests keep the built-in files whole.
//
// Nil words say nothing: check lists the pages for their paths alone.
func (w *words) T(key string, args ...any) string { return w.format(key, noEscape, noEscape, args) }

// HTML is T for a template: the words are the theme's own text, like the
// template's, and keep their apostrophes; the arguments are data, and are
// escaped.
func (w *words) HTML(key string, args ...any) template.HTML {
	if w != nil && len(args) == 0 {
		if h, ok := w.html[key]; ok {
			return template.HTML(h)
		}
	}
	return template.HTML(w.format(key, escapeMarkup, template.HTMLEscapeString, args))
}

// HTMLCount is Count for a template.
func (w *words) HTMLCount(key string, n int) template.HTML {
	return template.HTML(escapeMarkup(w.Count(key, n)))
}

func noEscape(s string) string { return s }

// escapeMarkup escapes what would be markup in the theme's words: <, >
// and &, as a template's own text never holds them unescaped.
var escapeMarkup = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

func (w *words) format(key string, text, arg func(string) string, args []any) string {
	if w == nil {
		return ""
	}
	s, ok := w.text[key]
	if !ok {
		panic(fmt.Sprintf("parola mancante nel file i18n/%s.yaml: %q", w.Lang, key))
	}
	if strings.IndexByte(s, '{') < 0 {
		return text(s) // no argument to put in: the words as they are, not copied
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		name := s[i+1 : i+j]
		b.WriteString(text(s[:i]))
		if v, ok := argument(args, name); ok {
			b.WriteString(arg(v))
		} else {
			b.WriteString(text(s[i : i+j+1]))
		}
		s = s[i+j+1:]
	}
	b.WriteString(text(s))
	return b.String()
}

func argument(args []any, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			switch v := args[i+1].(type) { // the usual ones without fmt's reflection
			case string:
				return v, true
			case int:
				return strconv.Itoa(v), true
			}
			return fmt.Sprint(args[i+1]), true
		}
	}
	return "", false
}

// SheetName is a sheet's display title: its titolo, its operational
// objective, or its strategic line's name.
func (w *words) SheetName(s *plan.Sheet) string {
	switch {
	case s.Titolo.S != "":
		return s.Titolo.S
	case s.Kind == plan.Operational:
		return s.Obiettivo.S
	}
	if p := s.Plan; p.LineOf(s) != nil {
		// not the line's own name: the line's page has it
		name := w.LineName(p, p.LineOf(s))
		return w.Levelled(p, "sheet.name.strategic", "obiettivo_strategico", "line", w.inSentence(name), "Line", name)
	}
	return s.Slug
}

// LineName names a strategic line of plan p with its code: "Linea 1 -
// Digitale"; a line without a code by its name.
func (w *words) LineName(p *plan.Plan, l *plan.Line) string {
	if l.Codice.S == "" {
		return l.Nome.S
	}
	return w.Levelled(p, "line.name", "linea", "code", l.Codice.S, "name", l.Nome.S)
}

// LevelCount is Count for a count of things a plan may rename: KEY.renamed
// when it does.
func (w *words) LevelCount(p *plan.Plan, key, level string, n int) string {
	l := w.Level(p, level)
	if !l.Renamed {
		return w.Count(key, n)
	}
	if n == 1 {
		return "1 " + w.inSentence(l.One)
	}
	return strconv.Itoa(n) + " " + w.inSentence(l.Many)
}

// levelName is the name of a level of a plan, singular and plural.
type levelName struct {
	One, Many string
	Renamed   bool // the plan's livelli rename it
}

// Level names a level of plan p (area, unita, linea, obiettivo_strategico,
// obiettivo_operativo): as the plan's livelli rename it, else as the words
// call it ("level.KEY", "level.KEY.many").
func (w *words) Level(p *plan.Plan, key string) levelName {
	if p != nil {
		if l := p.Livelli.Of(key); l != nil && l.Singolare.S != "" {
			many := l.Plurale.S
			if many == "" {
				many = l.Singolare.S
			}
			return levelName{One: l.Singolare.S, Many: many, Renamed: true}
		}
	}
	// A level the plan lacks counts as renamed: the phrases that would
	// name it take their neutral twin.
	if names, ok := w.levelNames(key); ok {
		return levelName{One: names[0], Many: names[1], Renamed: lacks(p, key)}
	}
	return levelName{One: w.T("level." + key), Many: w.T("level." + key + ".many"), Renamed: lacks(p, key)}
}

// levelNames are the default names of level key kept when the words were
// read; false if none were (words made otherwise, or none: nil words name
// nothing, as T says nothing).
func (w *words) levelNames(key string) ([2]string, bool) {
	if w == nil {
		return [2]string{}, false
	}
	names, ok := w.levels[key]
	return names, ok
}

// lacks reports whether plan p has no such level at all.
func lacks(p *plan.Plan, key string) bool {
	if p == nil {
		return false
	}
	switch key {
	case "area":
		return !p.HasAreas()
	case "unita":
		return !p.HasUnits()
	case "linea":
		return !p.HasLines()
	case "obiettivo_strategico":
		return !p.HasObjectives()
	}
	return false
}

// inSentence is a level's name within a sentence: lower case, unless it
// is an acronym ("OIV", "SG") or the language writes nouns with a capital
// (level.case: keep, in German).
func (w *words) inSentence(name string) string {
	if w != nil && !w.lower {
		return name
	}
	r := []rune(name)
	if len(r) == 0 || len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsUpper(r[1]) {
		return name
	}
	return string(unicode.ToLower(r[0])) + string(r[1:])
}

// Levelled is T for a phrase that names a level: the words' KEY, or, when
// the plan renames the level, KEY.renamed with {level}, {levels} (in a
// sentence), {Level} and {Levels} (at the start) filled in.
//
// level may name several levels, "unita,obiettivo_operativo": the phrase
// is renamed when any of them is, and names the first.
func (w *words) Levelled(p *plan.Plan, key, level string, args ...any) string {
	key, args = w.levelled(p, key, level, args)
	return w.T(key, args...)
}

// LevelledHTML is Levelled for a template, as HTML is T's.
func (w *words) LevelledHTML(p *plan.Plan, key, level string, args ...any) template.HTML {
	key, args = w.levelled(p, key, level, args)
	return w.HTML(key, args...)
}

// levelled is the key and the arguments of Levelled.
func (w *words) levelled(p *plan.Plan, key, level string, args []any) (string, []any) {
	if level == "" || w == nil {
		return key, args
	}
	levels := strings.Split(level, ",")
	l := w.Level(p, levels[0])
	renamed := false
	for _, k := range levels {
		renamed = renamed || w.Level(p, k).Renamed
	}
	if _, ok := w.text[key+".renamed"]; !renamed || !ok { // a phrase that names no level has no twin
		return key, args
	}
	return key + ".renamed", append(args, "level", w.inSentence(l.One), "levels", w.inSentence(l.Many),
		"Level", l.One, "Levels", l.Many)
}

// RefName names a part of a plan with its code, when it has one.
func (w *words) RefName(r plan.Ref) string {
	if r.Codice.S == "" {
		return r.Nome.S
	}
	return w.T("ref.name", "code", r.Codice.S, "name", r.Nome.S)
}

// siteKind is the kind of every plan of the site ("PIAO"), or "" when
// they differ or there is none.
func siteKind(site *plan.Site) string {
	kind := ""
	for i, p := range site.Plans {
		if i > 0 && p.Tipo.S != kind {
			return ""
		}
		kind = p.Tipo.S
	}
	return kind
}

// KindName is the full name of a kind of plan: the words' "kind.KIND"
// ("Piano Integrato di Attività e Organizzazione" for PIAO), else the kind
// as the plan writes it.
func (w *words) KindName(kind string) string {
	if _, ok := w.text["kind."+kind]; ok {
		return w.T("kind." + kind)
	}
	return kind
}

// KindPlural names plans of a kind, for a list of them: the words'
// "kind.KIND.plural", else "Piani".
func (w *words) KindPlural(kind string) string {
	if _, ok := w.text["kind."+kind+".plural"]; ok {
		return w.T("kind." + kind + ".plural")
	}
	return w.T("kind.plural")
}

// Count says n things: the ".one" text of key for one, else ".many",
// with {n}; in a language whose words give them, ".two" and ".few" for
// the numbers its grammar says so (Slovenian: 2, and 3 and 4).
func (w *words) Count(key string, n int) string {
	return w.T(key+w.plural(key, n), "n", strconv.Itoa(n))
}

// plural is the suffix of the words' key for n things: the plural
// categories of the Unicode CLDR for the languages piao ships, ".one" and
// ".many" for any other.
func (w *words) plural(key string, n int) string {
	cat := ".many"
	switch {
	case w.Lang == "fr" && (n == 0 || n == 1):
		cat = ".one"
	case w.Lang == "sl" && n%100 == 1:
		cat = ".one"
	case w.Lang == "sl" && n%100 == 2:
		cat = ".two"
	case w.Lang == "sl" && (n%100 == 3 || n%100 == 4):
		cat = ".few"
	case n == 1:
		cat = ".one"
	}
	if _, ok := w.text[key+cat]; !ok && cat != ".one" {
		cat = ".many"
	}
	return cat
}

// Date formats a date as precise as the content states it: "12 settembre
// 2024", "settembre 2016", "2016" (the words' date.format.day, .month and
// .year); anything else comes back as it is.
func (w *words) Date(iso string) string {
	if w == nil {
		return ""
	}
	y, m, d, p := plan.ParseDate(iso)
	switch p {
	case plan.Day:
		args := []any{"day", strconv.Itoa(d), "month", w.months[m-1], "year", strconv.Itoa(y)}
		if _, first := w.text["date.format.day.first"]; first && d == 1 { // French: "1er juillet"
			return w.T("date.format.day.first", args...)
		}
		return w.T("date.format.day", args...)
	case plan.Month:
		return w.T("date.format.month", "month", w.months[m-1], "year", strconv.Itoa(y))
	case plan.Year:
		return w.T("date.format.year", "year", strconv.Itoa(y))
	}
	return iso
}

// On is the word that puts a date in a sentence, by its precision: "il"
// (12 settembre 2024), "nel" (settembre 2016, 2016).
func (w *words) On(iso string) string {
	switch _, _, _, p := plan.ParseDate(iso); p {
	case plan.Month:
		return w.T("date.on.month")
	case plan.Year:
		return w.T("date.on.year")
	}
	return w.T("date.on.day")
}

// Size formats a size in bytes: "12,3 kB" in Italian.
func (w *words) Size(n int) string {
	return strings.Replace(humanBytes(int64(n)), ".", w.decimal, 1)
}

// Field is the label of a field of plan p's, as the change lists name it:
// "Target 2025".
func (w *words) Field(p *plan.Plan, f plan.Field) string { return w.fieldLabel(p, f, "") }

// FieldRow is the label of a field's row on a page, where it differs
// from the label: "Risultato atteso (target) 2025".
func (w *words) FieldRow(p *plan.Plan, f plan.Field) string { return w.fieldLabel(p, f, ".row") }

// FieldShort is the short label of a field in a search snippet.
func (w *words) FieldShort(p *plan.Plan, f plan.Field) string { return w.fieldLabel(p, f, ".short") }

// fieldLabel is the label of a field; the operational objective is named
// as the plan names that level.
func (w *words) fieldLabel(p *plan.Plan, f plan.Field, variant string) string {
	if f.Key == "obiettivo_operativo" {
		if l := w.Level(p, "obiettivo_operativo"); l.Renamed {
			return l.One
		}
	}
	key := fieldKey(f.Spec)
	if variant != "" {
		if v := fieldVariant(f.Spec, key, variant); w.textHas(v) {
			key = v
		}
	}
	return w.T(key, "year", f.Value.Anno)
}

// textHas reports whether the words have key.
func (w *words) textHas(key string) bool {
	_, ok := w.text[key]
	return ok
}

// fieldVariant is the key of field s with variant, from fieldKeys where
// it is there.
func fieldVariant(s *plan.Spec, key, variant string) string {
	if k := fieldKeys[s]; k != nil {
		switch variant {
		case ".row":
			return k[1]
		case ".short":
			return k[2]
		}
	}
	return key + variant
}

// List joins items as a sentence does: "2024, 2025 e 2026".
func (w *words) List(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + w.T("list.and") + " " + items[len(items)-1]
}

// Plain is a field's text as a reader sees it, without its Markdown.
func (w *words) Plain(s string) string { return w.inline.Plain(s) }

// markerText is a footnote's marker as a label shows it: "(*)"; a marker the
// content writes with its brackets keeps them, not doubled.
func markerText(m string) string {
	if strings.HasPrefix(m, "(") && strings.HasSuffix(m, ")") {
		return m
	}
	return "(" + m + ")"
}

// fieldKey is the words key of a field: "field.indicator.target".
func fieldKey(s *plan.Spec) string {
	if k := fieldKeys[s]; k != nil {
		return k[0]
	}
	return fieldKeyOf(s)
}

// fieldKeyOf is fieldKey, made.
func fieldKeyOf(s *plan.Spec) string {
	if s.Of == plan.OfIndicator {
		return "field.indicator." + s.Key
	}
	return "field.sheet." + s.Key
}

// fieldKeys are the words keys of the fields, by their spec: the key and
// its variants "" (the key itself), ".row" and ".short" (fieldLabel),
// made once rather than for every field of every indicator a page shows.
var fieldKeys = func() map[*plan.Spec]*[3]string {
	m := map[*plan.Spec]*[3]string{}
	for _, s := range slices.Concat(plan.IndicatorSpecs(), plan.SheetSpecs()) {
		k := fieldKeyOf(s)
		m[s] = &[3]string{k, k + ".row", k + ".short"}
	}
	return m
}()

// funcs are the template functions bound to the words: t, tn, date and
// size, beside the ones that need none.
func (w *words) funcs() map[string]any {
	return map[string]any{
		"t":        w.HTML,
		"tn":       w.HTMLCount,
		"date":     w.Date,
		"on":       w.On,
		"inline":   w.inline.HTML,
		"plain":    w.inline.Plain,
		"marker":   markerText,
		"sentence": w.inSentence,
		"size":     w.Size,
	}
}
