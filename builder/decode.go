package builder

import (
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
	"go.yaml.in/yaml/v3"
)

// decoder maps a YAML node tree onto the structs of package plan by their
// `yaml` tags, keeping every scalar exactly as written (YAML's own typing
// never runs) and the position of every value. It reports unknown keys with
// the nearest valid key, wrong shapes, missing required fields, and refuses
// aliases (which could expand without bound).
//
// Tag options after the key: "required"; "years" for a []plan.Value
// written as a mapping from year to value; "s" or "o" for a field that only
// strategic or only operational sheets have; "lang" for a text that may be
// written in each of the site's languages (langs.go).
type decoder struct {
	file  string
	ref   plan.FileRef // file's number, once looked up
	kind  string       // "s", "o" or "" (any)
	diags *Diagnostics
	langs []string  // the site's languages, the main one first
	texts *interner // or nil
	// blocks: the lists of a sheet are parts of larger blocks, or nil
	// (each made alone)
	blocks *modelBlocks
}

// interner holds one copy of each text of a load: a large plan writes
// the same values in many sheets (a unit of measure, a source, a
// typology, a target, a weight, an indicator common to many units), and
// the model keeps each text for as long as the site builds; at 50,000
// generated sheets, some 60 MB of copies. It is safe for concurrent use,
// and lives only while the site loads.
//
// The copy it holds is its own, made in a block of texts (textBlock):
// a text the parser gives is a part of the whole file's text, which the
// model then kept whole (its keys, its spaces, its comments), among the
// garbage of the load; the blocks hold the model's texts only, side by
// side (modelBlocks tells why that matters).
type interner struct {
	mu    sync.Mutex
	m     map[string]string
	block []byte // what is left of the block the texts are copied into
}

// textBlock is the size of a block of texts; a text longer than an
// eighth of it is copied alone.
const textBlock = 32 << 10

func newInterner() *interner { return &interner{m: map[string]string{}} }

// of returns the copy of s the interner holds, first making it.
func (in *interner) of(s string) string {
	if in == nil || s == "" {
		return s
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if t, ok := in.m[s]; ok {
		return t
	}
	t := in.copyOf(s)
	in.m[t] = t
	return t
}

// copyBytes is a string of b's bytes, copied into the blocks of texts as
// of copies a text, but not kept for the next: a sheet's body, its own,
// is never asked for twice. Made alone
// among the load's garbage, the bodies of 50,000 sheets (10 MB) left
// spans part empty that the heap kept to the end of the build.
func (in *interner) copyBytes(b []byte) string {
	if in == nil || len(b) == 0 {
		return string(b)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.copyOf(unsafe.String(unsafe.SliceData(b), len(b)))
}

// copyOf copies s into the block (into a new one when it has no room
// left): its bytes are never written again.
func (in *interner) copyOf(s string) string {
	if len(s) > textBlock/8 {
		return strings.Clone(s)
	}
	if len(in.block) < len(s) {
		in.block = make([]byte, textBlock)
	}
	n := copy(in.block, s)
	t := unsafe.String(&in.block[0], n)
	in.block = in.block[n:]
	return t
}

var (
	textType  = reflect.TypeOf(plan.Text{})
	valueType = reflect.TypeOf(plan.Value{})
	labelType = reflect.TypeOf(plan.Label{})
)

func (d *decoder) pos(n *yaml.Node) plan.Pos {
	if d.ref == 0 {
		d.ref = plan.FileOf(d.file)
	}
	return d.ref.At(n.Line, n.Column)
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.diags.errorf(d.pos(n), hintAlias, msgAlias)
		return
	}
	switch {
	case v.Type() == textType:
		d.text(n, v)
	case v.Type() == valueType:
		d.value(n, v, false)
	case v.Type() == labelType && (n.Kind == yaml.ScalarNode || d.isLangMap(n)): // a name alone: singular and plural
		d.field(n, v.FieldByName("Singolare"), true)
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem())
	case v.Kind() == reflect.Struct:
		d.strct(n, v)
	case v.Kind() == reflect.Slice:
		d.slice(n, v)
	}
}

func (d *decoder) text(n *yaml.Node, v reflect.Value) {
	if d.isLangMap(n) { // a code by language: an error, read as the main language's
		d.diags.errorf(d.pos(n), hintNotByLang, msgNotByLang)
		d.quiet(func() { d.langText(n, v) })
		return
	}
	if n.Kind != yaml.ScalarNode {
		hint := hintWantText
		if d.hasLangKey(n) { // {it: a, b, de: c}: YAML reads "b" as a key
			hint = hintLangComma
		}
		d.diags.errorf(d.pos(n), hint, msgWantText, kindName(n))
		return
	}
	s := n.Value
	if n.Tag == "!!null" && n.Style == 0 && (s == "~" || s == "null" || s == "") {
		s = ""
	}
	if i := strings.IndexFunc(s, escapedControl); i >= 0 { // "\x01" in double quotes: the file itself has none
		d.diags.errorf(d.pos(n), hintEscapedControl, msgControlChar, []rune(s[i:])[0])
		s = strings.Map(func(r rune) rune {
			if escapedControl(r) {
				return -1
			}
			return r
		}, s)
	}
	v.Set(reflect.ValueOf(plan.Text{S: d.texts.of(s), Pos: d.pos(n)}))
}

// field decodes the value of a field; lang says whether the field is a
// text the site may write in each of its languages.
func (d *decoder) field(n *yaml.Node, v reflect.Value, lang bool) {
	switch {
	case !lang || n.Kind == yaml.AliasNode || n.Anchor != "":
		d.decode(n, v)
	case v.Type() == textType && d.isLangMap(n):
		d.langText(n, v)
	case v.Type() == textType:
		d.text(n, v)
		d.oneLang(v.Interface().(plan.Text))
	case v.Type() == valueType:
		d.value(n, v, true)
	default:
		d.decode(n, v)
	}
}

// value decodes a plan.Value: a scalar, or a mapping with valore and its
// earlier value(s); with lang, a value the site may write in each of its
// languages: a map by language, or valore and precedente each one.
func (d *decoder) value(n *yaml.Node, v reflect.Value, lang bool) {
	if n.Kind == yaml.ScalarNode || lang && d.isLangMap(n) {
		d.field(n, v.FieldByName("Text"), lang)
		return
	}
	if n.Kind != yaml.MappingNode {
		d.diags.errorf(d.pos(n), hintWantValue, msgWantValue, kindName(n))
		return
	}
	if d.isLangMap(n) { // a weight by language: an error, read as the main language's
		d.diags.errorf(d.pos(n), hintNotByLang, msgNotByLang)
		d.quiet(func() { d.langText(n, v.FieldByName("Text")) })
		return
	}
	if d.hasLangKey(n) { // {it: a, b, de: c}
		d.diags.errorf(d.pos(n), hintLangComma, msgLangKeys)
		return
	}
	var raw struct {
		Valore     plan.Text `yaml:"valore,required,lang"`
		Precedente plan.Text `yaml:"precedente,lang"`
		Revisione  plan.Text `yaml:"revisione"`
		Precedenti []struct {
			Valore    plan.Text `yaml:"valore,required,lang"`
			Revisione plan.Text `yaml:"revisione,required"`
		} `yaml:"precedenti"`
		Rimando plan.Text `yaml:"rimando"`
		Data    plan.Text `yaml:"data"`
	}
	d.strct(n, reflect.ValueOf(&raw).Elem())
	if !lang { // a weight or an amount: one text for every language
		for _, t := range []plan.Text{raw.Valore, raw.Precedente} {
			d.notByLang(t)
		}
		for _, p := range raw.Precedenti {
			d.notByLang(p.Valore)
		}
	}
	val := plan.Value{Text: raw.Valore}
	var room [1]plan.Prior // most values revised have one prior value
	priors := room[:0]
	switch {
	case raw.Precedente.Pos.IsValid() && len(raw.Precedenti) > 0:
		d.diags.errorf(raw.Precedente.Pos, hintPrecedenti, msgBothPrecedenti)
	case raw.Precedente.Pos.IsValid():
		if !raw.Revisione.Pos.IsValid() {
			d.diags.errorf(d.pos(n), hintRevisioneMissing, msgRevisioneMissing)
		}
		priors = append(priors, plan.Prior{Valore: raw.Precedente, Revisione: raw.Revisione})
	case raw.Revisione.Pos.IsValid():
		d.diags.errorf(raw.Revisione.Pos, hintPrecedenteMissing, msgPrecedenteMissing)
	}
	for _, p := range raw.Precedenti {
		priors = append(priors, plan.Prior{Valore: p.Valore, Revisione: p.Revisione})
	}
	if len(priors) > 0 || raw.Rimando.S != "" || raw.Data != (plan.Text{}) {
		var kept []plan.Prior // in a block, as the extra (modelBlocks)
		if len(priors) > 0 {
			kept = blockPart[plan.Prior](d.blocks, len(priors))
			copy(kept, priors)
		}
		val.Extra = &blockPart[plan.ValueExtra](d.blocks, 1)[0]
		*val.Extra = plan.ValueExtra{Data: raw.Data, Precedenti: kept, Rimando: raw.Rimando.S}
	}
	v.Set(reflect.ValueOf(val))
}

func (d *decoder) slice(n *yaml.Node, v reflect.Value) {
	elems := n.Content
	if n.Kind == yaml.ScalarNode && v.Type().Elem() == textType {
		elems = []*yaml.Node{n} // a single code where a list is expected
	} else if n.Kind != yaml.SequenceNode {
		d.diags.errorf(d.pos(n), hintWantList, msgWantList, kindName(n))
		return
	}
	s := d.blocks.makeSlice(v.Type(), len(elems))
	for i, e := range elems {
		d.decode(e, s.Index(i))
	}
	v.Set(s)
}

// years decodes a mapping from year to value into a []plan.Value, or
// into a slice of another struct with a field Anno (a result, a
// Relazione), each element with its year; lang says whether a value is
// a text the site may write in each of its languages.
func (d *decoder) years(n *yaml.Node, v reflect.Value, lang bool) {
	if n.Kind != yaml.MappingNode {
		d.diags.errorf(d.pos(n), hintWantYears, msgWantYears, kindName(n))
		return
	}
	out := d.blocks.makeSlice(v.Type(), len(n.Content)/2).Slice(0, 0)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !isYear(k.Value) {
			d.diags.errorf(d.pos(k), hintYearKey, msgYearKey, k.Value)
			continue
		}
		if seen[k.Value] {
			d.diags.errorf(d.pos(k), hintDuplicateKey, msgDuplicateKey, k.Value)
			continue
		}
		seen[k.Value] = true
		e := reflect.New(v.Type().Elem()).Elem()
		d.field(val, e, lang)
		e.FieldByName("Anno").SetString(d.texts.of(k.Value))
		out = reflect.Append(out, e)
	}
	v.Set(out)
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

type fieldInfo struct {
	index    []int // for reflect's FieldByIndex: an inline struct's fields are one level down
	key      string
	required bool
	years    bool
	lang     bool // a text the site may write in each of its languages
}

// fields lists the keys a struct accepts for the decoder's sheet kind; the
// keys of a struct embedded with `yaml:",inline"` are its own.
func (d *decoder) fields(t reflect.Type) []fieldInfo {
	key := fieldsKey{t, d.kind}
	if f, ok := fieldsOf.Load(key); ok {
		return f.([]fieldInfo)
	}
	out := fieldsFor(t, d.kind)
	fieldsOf.Store(key, out)
	return out
}

// fieldsKey names what fields returns: the keys of a struct type for a
// sheet kind.
type fieldsKey struct {
	t    reflect.Type
	kind string
}

// fieldsOf keeps fields' answers: its tags are read once per type and
// kind, not once per value decoded (a sheet holds dozens of structs).
// The lists are shared: never written to.
var fieldsOf sync.Map // fieldsKey → []fieldInfo

func fieldsFor(t reflect.Type, kind string) []fieldInfo {
	var out []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		if tag == ",inline" {
			for _, f := range fieldsFor(t.Field(i).Type, kind) {
				f.index = append([]int{i}, f.index...)
				out = append(out, f)
			}
			continue
		}
		parts := strings.Split(tag, ",")
		f := fieldInfo{index: []int{i}, key: parts[0]}
		allowed := true
		for _, opt := range parts[1:] {
			switch opt {
			case "required":
				f.required = true
			case "years":
				f.years = true
			case "lang":
				f.lang = true
			case "s", "o":
				allowed = kind == "" || kind == opt
			}
		}
		if allowed {
			out = append(out, f)
		}
	}
	return out
}

func (d *decoder) strct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.diags.errorf(d.pos(n), hintWantMap, msgWantMap, kindName(n))
		return
	}
	if i := posField(v.Type()); i != nil {
		v.FieldByIndex(i).Set(reflect.ValueOf(d.pos(n)))
	}
	fields := d.fields(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		f, ok := findField(fields, k.Value)
		if !ok {
			d.unknownKey(k, fields)
			continue
		}
		if seen[f.key] {
			d.diags.errorf(d.pos(k), hintDuplicateKey, msgDuplicateKey, k.Value)
			continue
		}
		seen[f.key] = true
		before := len(*d.diags)
		if f.years {
			d.years(val, v.FieldByIndex(f.index), f.lang)
		} else {
			d.field(val, v.FieldByIndex(f.index), f.lang)
		}
		if f.required && isEmpty(v.FieldByIndex(f.index)) && !d.diags.HasErrorsSince(before) {
			d.diags.errorf(d.pos(val), hintEmpty(f.key), msgEmptyField, f.key)
		}
	}
	for _, f := range fields {
		if f.required && !seen[f.key] {
			d.diags.errorf(d.pos(n), hintRequired(f.key), msgMissingField, f.key)
		}
	}
}

// posField is the index of the field Pos of type plan.Pos of a struct
// type (for FieldByIndex), nil if it has none: where the decoder writes
// the struct's place. Looked up once per type.
func posField(t reflect.Type) []int {
	if i, ok := posFields.Load(t); ok {
		return i.([]int)
	}
	var i []int
	if f, ok := t.FieldByName("Pos"); ok && f.Type == reflect.TypeOf(plan.Pos{}) {
		i = f.Index
	}
	posFields.Store(t, i)
	return i
}

var posFields sync.Map // reflect.Type → []int

func findField(fields []fieldInfo, key string) (fieldInfo, bool) {
	for _, f := range fields {
		if f.key == key {
			return f, true
		}
	}
	return fieldInfo{}, false
}

func (d *decoder) unknownKey(k *yaml.Node, fields []fieldInfo) {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	hint := hintKnownKeys(keys)
	if s := nearest(k.Value, keys); s != "" {
		hint = hintDidYouMean(s)
	}
	d.diags.errorf(d.pos(k), hint, msgUnknownKey, k.Value)
}

func isEmpty(v reflect.Value) bool {
	switch {
	case v.Type() == textType:
		return strings.TrimSpace(v.Interface().(plan.Text).S) == ""
	case v.Type() == valueType:
		return strings.TrimSpace(v.Interface().(plan.Value).S) == ""
	case v.Kind() == reflect.Slice:
		return v.Len() == 0
	}
	return false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return kindMapping
	case yaml.SequenceNode:
		return kindSequence
	case yaml.AliasNode:
		return kindAlias
	}
	return kindScalar
}

// nearest returns the key closest to s within a small edit distance, or "".
func nearest(s string, keys []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, k := range keys {
		dist := editDistance(ls, k)
		if dist < bestD {
			best, bestD = k, dist
		}
	}
	limit := 2
	if len(s) > 8 {
		limit = len(s) / 3
	}
	if bestD <= limit || (best != "" && (strings.HasPrefix(best, ls) || strings.HasPrefix(ls, best))) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
