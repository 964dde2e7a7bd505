package builder

import (
	"bytes"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/piao-pa/piao/builder/plan"
	"go.yaml.in/yaml/v3"
)

// This file reads the texts a site of several languages writes in each
// (lingue in config.yaml, the first being the main one): a field whose tag
// has the option "lang" may be a map by language,
//
//	descrizione: {it: Pagamenti entro 30 giorni, de: Zahlungen innerhalb von 30 Tagen}
//
// and so may the valore and precedente of a revised value. The main
// language's text becomes the Text's S, and every language's is kept in
// Text.Langs. A map must give the main language (an error otherwise); a
// map that lacks another language, and a text written once that has
// words in it (in a site of several languages), is shown in the main
// language on that language's pages, marked as such, and is a warning.
// Numbers, amounts, dates, codes and acronyms ("25%", "€ 1.000,00",
// "30.06.2024", "SUAP") are the same in every language and are written
// once.

// langKeyRE is the form of a language code: "it", "de", "lld".
var langKeyRE = regexp.MustCompile(`^[a-z]{2,3}$`)

// isLangMap reports whether n is a mapping whose keys are all language
// codes: a text written by language.
func (d *decoder) isLangMap(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		return false
	}
	for i := 0; i < len(n.Content); i += 2 {
		if !langKeyRE.MatchString(n.Content[i].Value) {
			return false
		}
	}
	return true
}

// hasLangKey reports whether a mapping that is not a text by language has
// a key that names one of the site's languages.
func (d *decoder) hasLangKey(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode || len(d.langs) < 2 {
		return false
	}
	for i := 0; i < len(n.Content); i += 2 {
		if slices.Contains(d.langs, n.Content[i].Value) {
			return true
		}
	}
	return false
}

// langText decodes a text written by language into v.
func (d *decoder) langText(n *yaml.Node, v reflect.Value) {
	langs := &plan.Langs{In: map[string]plan.Text{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(d.langs, k.Value):
			d.diags.errorf(d.pos(k), hintLangUnknown(d.langs), msgLangUnknown, k.Value)
			continue
		case val.Kind == yaml.MappingNode:
			d.diags.errorf(d.pos(val), hintLangValue, msgLangValue, k.Value)
			continue
		}
		if _, dup := langs.In[k.Value]; dup {
			d.diags.errorf(d.pos(k), hintDuplicateKey, msgDuplicateKey, k.Value)
			continue
		}
		var t plan.Text
		d.text(val, reflect.ValueOf(&t).Elem())
		if strings.TrimSpace(t.S) != "" { // an empty text is a missing one
			langs.In[k.Value] = t
		}
	}
	main, ok := langs.In[d.langs[0]]
	if !ok {
		d.diags.errorf(d.pos(n), hintLangMain(d.langs[0]), msgLangMain, langName(d.langs[0]))
		return
	}
	langs.Main = main
	main.Langs = langs
	v.Set(reflect.ValueOf(main))
	for _, l := range d.langs[1:] {
		if _, ok := langs.In[l]; !ok {
			d.diags.warnf(d.pos(n), hintLangMissing(l), msgLangMissing, langName(l), langName(l), langName(d.langs[0]))
		}
	}
}

// escapedControl reports whether r is a control character that a text
// may hold only written as an escape in double quotes ("\x01"): no page
// may show one, and the renderer uses some as marks.
func escapedControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }

// quiet runs decode, keeping its errors and dropping its warnings: a text
// that may not be written by language is an error enough.
func (d *decoder) quiet(decode func()) {
	before := len(*d.diags)
	decode()
	kept := (*d.diags)[:before]
	for _, x := range (*d.diags)[before:] {
		if x.Severity == Error {
			kept = append(kept, x)
		}
	}
	*d.diags = kept
}

// oneLang warns of a text written once, with words in it, in a site of
// several languages: the other languages' pages show it in the main one.
func (d *decoder) oneLang(t plan.Text) {
	if len(d.langs) < 2 || !hasWords(t.S) {
		return
	}
	var others []string
	for _, l := range d.langs[1:] {
		others = append(others, langName(l))
	}
	d.diags.warnf(t.Pos, hintLangOne(d.langs), msgLangOne, strings.Join(others, ", "), langName(d.langs[0]))
}

// notByLang reports a text written by language where one text holds for
// every language (a weight, an amount).
func (d *decoder) notByLang(t plan.Text) {
	if t.Langs != nil {
		d.diags.errorf(t.Pos, hintNotByLang, msgNotByLang)
	}
}

// hasWords reports whether s holds a word in some language: two letters
// or more with a lowercase one. Numbers, amounts, dates, codes, acronyms
// and addresses ("25%", "€ 1.000,00", "G/59", "SUAP", "SI",
// "https://…", "x@y.it") have none.
func hasWords(s string) bool {
	for _, tok := range strings.Fields(s) {
		if !strings.ContainsAny(tok, "/@") && wordIn(tok) {
			return true
		}
	}
	return false
}

// wordIn reports whether a token holds two letters in a row, one of them
// lowercase.
func wordIn(tok string) bool {
	letters, lower := 0, false
	for _, r := range tok {
		switch {
		case unicode.IsLetter(r):
			letters++
			lower = lower || unicode.IsLower(r)
			if letters >= 2 && lower {
				return true
			}
		default:
			letters, lower = 0, false
		}
	}
	return false
}

// configLangs reads the languages from config.yaml's top-level lingue (or
// lingua) before the config is decoded, since its own texts may be
// written by language; "it" when it names none. check validates them.
func configLangs(doc *yaml.Node) []string {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return []string{defaultLang}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch {
		case k == "lingue" && v.Kind == yaml.SequenceNode && len(v.Content) > 0:
			var out []string
			for _, e := range v.Content {
				if e.Kind == yaml.ScalarNode && !slices.Contains(out, e.Value) {
					out = append(out, e.Value)
				}
			}
			if len(out) > 0 {
				return out
			}
		case k == "lingua" && v.Kind == yaml.ScalarNode && v.Value != "":
			return []string{v.Value}
		}
	}
	return []string{defaultLang}
}

// bodyFile is the body of a Markdown sheet in another of the site's
// languages: NAME.LANG.md beside NAME.md.
type bodyFile struct {
	file, sheet, lang string // the file, the sheet's file, the language
	regular           bool
}

// bodyIn reports whether file is the body of a sheet in another of the
// site's languages.
func (l *loader) bodyIn(file string, regular bool) (bodyFile, bool) {
	stem, ok := strings.CutSuffix(file, ".md")
	if !ok || len(l.langs) < 2 {
		return bodyFile{}, false
	}
	lang := strings.TrimPrefix(path.Ext(stem), ".")
	if !slices.Contains(l.langs[1:], lang) {
		return bodyFile{}, false
	}
	return bodyFile{file: file, sheet: strings.TrimSuffix(stem, "."+lang) + ".md", lang: lang, regular: regular}, true
}

// attachBodies gives each Markdown sheet of p its body in the other
// languages, and warns of a body a language lacks.
func (l *loader) attachBodies(p *plan.Plan, bodies []bodyFile) {
	sheets := map[string]*plan.Sheet{}
	for _, s := range p.Sheets() {
		sheets[s.Pos.File()] = s
	}
	for _, b := range bodies {
		s := sheets[b.sheet]
		if s == nil {
			l.diags.errorf(plan.At(b.file, 0, 0), hintLangBody, msgLangBody, langName(b.lang), path.Base(b.sheet))
			continue
		}
		if t, ok := l.readLangBody(b, msgLangBodyFront, hintLangBodyFront); ok {
			if s.BodyIn == nil {
				s.BodyIn = map[string]plan.Text{}
			}
			s.BodyIn[b.lang] = t
		}
	}
	for _, s := range p.Sheets() {
		if strings.TrimSpace(s.Body) == "" {
			continue
		}
		for _, lang := range l.langs[1:] {
			if _, ok := s.BodyIn[lang]; !ok {
				l.diags.warnf(plan.At(s.Pos.File(), s.BodyAt, 1), hintLangBodyMissing(s.Pos.File(), lang),
					msgLangMissing, langName(lang), langName(lang), langName(l.langs[0]))
			}
		}
	}
}

// readLangBody reads a body in another language, b; one with a front
// matter is an error (msg, hint: the fields are the main file's).
func (l *loader) readLangBody(b bodyFile, msg, hint string) (plan.Text, bool) {
	src, err := l.readListed(b.file, b.regular)
	if err != nil {
		return plan.Text{}, false
	}
	if _, _, _, front := splitFrontMatter(src); front {
		l.diags.errorf(plan.At(b.file, 1, 1), hint, msg, path.Base(b.sheet))
		return plan.Text{}, false
	}
	return plan.Text{S: string(bytes.TrimPrefix(src, []byte("\ufeff"))), Pos: plan.At(b.file, 1, 1)}, true
}
