package builder

import (
	"iter"
	"reflect"
	"slices"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// A site in several languages (lingue: [it, de] in config.yaml, the first
// being the main one) is one site per language, each from the same model:
// the model as loaded holds every language's text (Text.Langs), and each
// language's pages are rendered from a copy of it in that language
// (project). A text that a language lacks is shown in the main language,
// marked as such (fallback), never left empty.

// Where the main language's pages go (lingua_principale).
const (
	mainInFolder = "cartella" // each language in its folder, a page at the root to choose
	mainAtRoot   = "radice"   // the main language at the root, the others in their folder
)

// siteLangs lists the site's languages, the main one first: lingue, or
// lingua, or Italian.
func siteLangs(cfg *plan.Config) []string {
	var out []string
	for _, t := range cfg.Lingue {
		if !slices.Contains(out, t.S) {
			out = append(out, t.S)
		}
	}
	if len(out) == 0 && cfg.Lingua.S != "" {
		out = []string{cfg.Lingua.S}
	}
	if len(out) == 0 {
		out = []string{defaultLang}
	}
	return out
}

// langPrefixes gives each language's folder in the output: "" for the
// main language at the root (and for a site of one language), "de/" for
// the others.
func langPrefixes(cfg *plan.Config) map[string]string {
	out := map[string]string{}
	for _, l := range siteLangs(cfg) {
		out[l] = langPrefix(cfg, l)
	}
	return out
}

// langPrefix is langPrefixes(cfg)[lang], without the map: the open data
// ask for it for every row.
func langPrefix(cfg *plan.Config, lang string) string {
	langs := siteLangs(cfg)
	i := slices.Index(langs, lang)
	switch {
	case i < 0, len(langs) == 1, i == 0 && cfg.LinguaPrincipale.S == mainAtRoot:
		return ""
	}
	return lang + "/"
}

// langFolderOf is the language whose folder a page of the main language
// would be in, when the main language is at the root: "de" for
// "de/index.html"; "" for none.
func langFolderOf(cfg *plan.Config, page string) string {
	prefixes := langPrefixes(cfg)
	if prefixes[siteLangs(cfg)[0]] != "" {
		return ""
	}
	for lang, prefix := range prefixes {
		if prefix != "" && strings.HasPrefix(page, prefix) {
			return lang
		}
	}
	return ""
}

// mainPrefix is the main language's folder: where the files of the whole
// site's open data go.
func mainPrefix(cfg *plan.Config) string { return langPrefixes(cfg)[siteLangs(cfg)[0]] }

// modelLang is the language of a model: the one it was projected into, or
// the main one.
func modelLang(model *plan.Site) string {
	if model.Lang != "" {
		return model.Lang
	}
	return siteLangs(&model.Config)[0]
}

// langsCheck checks lingua, lingue and lingua_principale.
func (c *checker) langs(cfg *plan.Config) {
	if cfg.Lingua.S != "" && len(cfg.Lingue) > 0 {
		c.ds.errorf(cfg.Lingua.Pos, hintLangsBoth, msgLangsBoth)
	}
	if t := cfg.Lingua; t.S != "" && !langKeyRE.MatchString(t.S) {
		c.ds.errorf(t.Pos, hintLangCode, msgLangCode, t.S)
	}
	seen := map[string]bool{}
	for _, t := range cfg.Lingue {
		switch {
		case !langKeyRE.MatchString(t.S):
			c.ds.errorf(t.Pos, hintLangCode, msgLangCode, t.S)
		case seen[t.S]:
			c.ds.errorf(t.Pos, hintLangsBoth, msgLangTwice, t.S)
		}
		seen[t.S] = true
	}
	switch r := cfg.LinguaPrincipale; {
	case r.S == "":
	case r.S != mainInFolder && r.S != mainAtRoot:
		c.ds.errorf(r.Pos, hintLangRoot, msgLangRoot, r.S)
	case len(siteLangs(cfg)) < 2:
		c.ds.warnf(r.Pos, hintLangRootAlone, msgLangRootAlone)
	}
}

// defaultText is a text the content does not give, in the site's
// languages: in(lang) gives it in a language ("" when piao has none),
// main the main language's when in has none.
func defaultText(main string, langs []string, in func(lang string) string) plan.Text {
	if s := in(langs[0]); s != "" {
		main = s
	}
	t := plan.Text{S: main}
	if len(langs) < 2 {
		return t
	}
	t.Langs = &plan.Langs{Main: plan.Text{S: main}, In: map[string]plan.Text{langs[0]: {S: main}}}
	for _, l := range langs[1:] {
		if s := in(l); s != "" {
			t.Langs.In[l] = plan.Text{S: s}
		}
	}
	return t
}

// defaultPercorsoIn are the names of defaultPercorso in the languages piao
// has words for. They are translations of the names of the law that the
// office should check against those its own site uses (percorso in
// config.yaml gives them).
var defaultPercorsoIn = map[string][]string{
	"it": defaultPercorso,
	"de": {"Transparente Verwaltung", "Performance", "Performance-Plan"},
	"fr": {"Administration transparente", "Performance", "Plan de la performance"},
	"sl": {"Pregledna uprava", "Uspešnost", "Načrt uspešnosti"},
	"en": {"Transparent Administration", "Performance", "Performance Plan"},
}

// How project treats a text that a language lacks.
const (
	fallbackMarked = iota // the main language's, marked for the pages (fallbackOpen … fallbackClose)
	fallbackPlain         // the main language's, as it is (search, feed)
	fallbackEmpty         // nothing (open data: a column per language)
)

// The marks around a text shown in the main language on another
// language's page; the page's renderer turns them into an element with
// the main language's lang (markFallbacks). No content holds them: the
// loader refuses control characters.
const (
	fallbackOpen  = "\x01"
	fallbackClose = "\x02"
)

// project returns the model in language lang: every text the site may
// write by language in lang's words, those lang lacks as fallback says.
// The model of the main language is the model itself. The copy shares
// nothing that a later stage writes; its plans are indexed anew.
func project(site *plan.Site, lang string, fallback int) *plan.Site {
	langs := siteLangs(&site.Config)
	if lang == langs[0] || len(langs) < 2 {
		return site
	}
	p := &projector{lang: lang, fallback: fallback, seen: map[any]reflect.Value{}}
	out := p.copy(reflect.ValueOf(site)).Interface().(*plan.Site)
	out.Lang = lang
	for _, pl := range out.Plans {
		pl.Index()
	}
	return out
}

// projector copies a model into one language.
type projector struct {
	lang     string
	fallback int
	seen     map[any]reflect.Value // pointers copied: a sheet's plan is its copied plan
}

var (
	siteType    = reflect.TypeOf(plan.Site{})
	sheetType   = reflect.TypeOf(plan.Sheet{})
	sectionType = reflect.TypeOf(plan.Section{})
	textsInMap  = reflect.TypeOf(map[string]plan.Text{})
)

// copy returns a copy of v; texts are copied as plain values (field
// translates those that may be written by language).
func (p *projector) copy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		if c, ok := p.seen[v.Interface()]; ok {
			return c
		}
		c := reflect.New(v.Type().Elem())
		p.seen[v.Interface()] = c
		c.Elem().Set(p.copy(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(p.copy(v.Index(i)))
		}
		return c
	case reflect.Struct:
		if v.Type() == textType || v.Type() == valueType {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(v) // the unexported fields too: Index makes them anew
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			_, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			c.Field(i).Set(p.field(v.Field(i), slices.Contains(strings.Split(opts, ","), "lang")))
		}
		switch v.Type() {
		case sheetType:
			s := c.Addr().Interface().(*plan.Sheet)
			s.Body = p.body(s.Body, s.BodyIn)
		case sectionType:
			s := c.Addr().Interface().(*plan.Section)
			s.Body = p.body(s.Body, s.BodyIn)
		}
		return c
	}
	return v
}

// field copies a field; lang says whether it may be written by language.
func (p *projector) field(v reflect.Value, lang bool) reflect.Value {
	if !lang {
		return p.copy(v)
	}
	switch v.Type() {
	case textType:
		return reflect.ValueOf(p.text(v.Interface().(plan.Text)))
	case valueType:
		return reflect.ValueOf(p.value(v.Interface().(plan.Value)))
	case reflect.TypeOf([]plan.Value{}):
		vs := v.Interface().([]plan.Value)
		if vs == nil {
			return v
		}
		out := make([]plan.Value, len(vs))
		for i, x := range vs {
			out[i] = p.value(x)
		}
		return reflect.ValueOf(out)
	}
	return p.copy(v)
}

func (p *projector) value(v plan.Value) plan.Value {
	v.Text = p.text(v.Text)
	if priors := v.Priors(); priors != nil {
		prior := make([]plan.Prior, len(priors))
		for i, x := range priors {
			prior[i] = plan.Prior{Valore: p.text(x.Valore), Revisione: x.Revisione}
		}
		v.SetPriors(prior) // a copy of the rare part: the model's stays as it was
	}
	return v
}

// text is a text in the projector's language: its own, or the main
// language's as fallback says when the content gives none. A text written
// once is the same in every language, unless it has words in it: then it
// is the main language's.
func (p *projector) text(t plan.Text) plan.Text {
	if t.Langs == nil && !hasWords(t.S) {
		return t
	}
	if t.Langs != nil {
		if l, ok := t.Langs.In[p.lang]; ok {
			l.Langs = t.Langs
			return l
		}
	}
	return p.missing(t)
}

// missing is the main language's text t where the projector's language
// has none.
func (p *projector) missing(t plan.Text) plan.Text {
	switch p.fallback {
	case fallbackMarked:
		if t.S != "" {
			t.S = fallbackOpen + t.S + fallbackClose
		}
	case fallbackEmpty:
		t.S = ""
	}
	return t
}

// body is a Markdown body (a sheet's or a section's) in the projector's
// language: its own (in), or the main language's as fallback says.
func (p *projector) body(main string, in map[string]plan.Text) string {
	if t, ok := in[p.lang]; ok {
		return t.S
	}
	if strings.TrimSpace(main) != "" {
		return p.missing(plan.Text{S: main}).S
	}
	return main
}

// everyLang is t, and its text in each other language the content gives,
// in the order of the languages' codes.
func everyLang(t plan.Text) iter.Seq[plan.Text] {
	return func(yield func(plan.Text) bool) { // small enough to inline: no closure made
		if yield(t) && t.Langs != nil {
			otherLangs(t, yield)
		}
	}
}

// forEachLang calls f with t, and with its text in each other language
// the content gives, as everyLang yields them; a text in one language
// allocates nothing: everyLang's iterator, which holds t, escaped from
// the checks of every text of every sheet (93 MB at 50,000 sheets).
func forEachLang(t plan.Text, f func(plan.Text)) {
	f(t)
	if t.Langs != nil {
		otherLangs(t, func(l plan.Text) bool { f(l); return true })
	}
}

// otherLangs yields t's text in each other language, as everyLang.
func otherLangs(t plan.Text, yield func(plan.Text) bool) {
	codes := make([]string, 0, len(t.Langs.In))
	for code := range t.Langs.In {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		if l := t.Langs.In[code]; l.Pos != t.Langs.Main.Pos && !yield(l) {
			return
		}
	}
}

// stripFallbacks removes the marks of texts shown in the main language,
// for what is not a page (a search word, an attribute).
func stripFallbacks(s string) string {
	if !strings.Contains(s, fallbackOpen) {
		return s
	}
	return strings.NewReplacer(fallbackOpen, "", fallbackClose, "").Replace(s)
}
