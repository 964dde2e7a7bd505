// Package plan is piao's domain model: a site, its plans (one per PIAO
// cycle), their revisions, areas and organisational units, strategic lines
// and objectives, strategic and operational sheets, indicators and values
// with their history.
//
// The struct tags name the Italian keys of the content format, as on the
// paper sheets; the loader (package builder) maps YAML onto these structs
// with them, keeping every value's position. The tag option "lang" marks a
// text that a site of several languages may write in each (Text.Langs);
// the others (codes, ids, dates, references, settings) are one text for
// every language. The model knows no HTML and no files.
package plan

import (
	"math"
	"sync"
)

// Pos is a place in a source file, 1-based. Every text of the model has
// one: line and column are 32 bits (files are at most MaxFileSize, far
// fewer lines) and the file is its number in a table of the names seen
// (FileRef), so that a place holds no pointer and a text takes 40 bytes,
// not 48 (not 56 with 64-bit lines). At 50,000 sheets the model is most of
// what the collector walks while the pages render.
type Pos struct {
	file FileRef
	Line int32
	Col  int32
}

// At is the place at line and column (1-based) of file; line and column
// 0 for the file as a whole.
func At(file string, line, col int) Pos { return FileOf(file).At(line, col) }

// File is the name of the file p is in ("" for none).
func (p Pos) File() string { return p.file.Name() }

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.file != 0 }

// FileRef is a file's name as its number in the table of the names the
// program has seen: one name, one number, for the program's life (a
// number is never printed, nor kept beyond it). 0 is no file.
type FileRef uint32

var files struct {
	sync.RWMutex
	refs  map[string]FileRef
	names []string // names[ref-1]
}

// FileOf is the number of the file name ("" is 0).
func FileOf(name string) FileRef {
	if name == "" {
		return 0
	}
	files.RLock()
	ref, ok := files.refs[name]
	files.RUnlock()
	if ok {
		return ref
	}
	files.Lock()
	defer files.Unlock()
	if ref, ok := files.refs[name]; ok {
		return ref
	}
	if files.refs == nil {
		files.refs = map[string]FileRef{}
	}
	if len(files.names) == math.MaxUint32 {
		panic("plan: too many file names") // four billion names: never on a real site
	}
	files.names = append(files.names, name)
	ref = FileRef(len(files.names))
	files.refs[name] = ref
	return ref
}

// Name is the file's name.
func (f FileRef) Name() string {
	if f == 0 {
		return ""
	}
	files.RLock()
	defer files.RUnlock()
	return files.names[f-1]
}

// At is the place at line and column (1-based) of the file.
func (f FileRef) At(line, col int) Pos {
	return Pos{file: f, Line: int32(min(max(line, 0), math.MaxInt32)), Col: int32(min(max(col, 0), math.MaxInt32))}
}

// Site is the whole input: the settings in config.yaml and every plan.
type Site struct {
	Config Config
	Plans  []*Plan // newest first
	// Lang is the language of the texts, in a copy of the model made for
	// one language of a site of several (S holding that language's text);
	// "" in the model as loaded, whose S are the main language's.
	Lang string
}

// Config is config.yaml.
type Config struct {
	Ente   Ente   `yaml:"ente,required"`
	Lingua Text   `yaml:"lingua"`
	Lingue []Text `yaml:"lingue"` // a site in several languages: the first is the main one
	// LinguaPrincipale says where the main language's pages go in a site of
	// several languages: "cartella" (default: /it/, beside /de/, and a page
	// to choose at the root) or "radice" (at the root; the others in their
	// folder).
	LinguaPrincipale Text    `yaml:"lingua_principale"`
	Tema             Text    `yaml:"tema"`
	URLBase          Text    `yaml:"url_base"`
	Accessibilita    Text    `yaml:"dichiarazione_accessibilita,lang"`
	Privacy          Text    `yaml:"privacy,lang"`
	Licenza          Licenza `yaml:"licenza"`
	Percorso         []Link  `yaml:"percorso"`
	Collegamenti     []Link  `yaml:"collegamenti"`
	Anteprima        Preview `yaml:"anteprima"` // the picture a shared link shows
	Glossario        []Term  `yaml:"glossario"` // abbreviations of every plan
	Pos              Pos     `yaml:"-"`
}

// Preview is the picture a link to the site shows when shared (Open
// Graph): none unless the ente gives one, with its text for those who
// cannot see it.
type Preview struct {
	Immagine Text `yaml:"immagine"` // an https:// address, or a path of the site (with url_base)
	Testo    Text `yaml:"testo,lang"`
}

// Ente is the public body that publishes the plan.
type Ente struct {
	Nome          Text `yaml:"nome,required,lang"`
	Indirizzo     Text `yaml:"indirizzo,lang"`
	PEC           Text `yaml:"pec"`
	Email         Text `yaml:"email"` // an ordinary mailbox: the open data's contact point, before the PEC
	Telefono      Text `yaml:"telefono"`
	CodiceFiscale Text `yaml:"codice_fiscale"`
	CodiceIPA     Text `yaml:"codice_ipa"` // the code in the IPA index (indicepa.gov.it), for open data
	Sito          Text `yaml:"sito,lang"`
}

// Licenza is the licence of the published content.
type Licenza struct {
	Nome Text `yaml:"nome,lang"`
	URL  Text `yaml:"url,lang"`
}

// Link is a labelled link; an empty URL means "the page piao generates".
type Link struct {
	Titolo Text `yaml:"titolo,required,lang"`
	URL    Text `yaml:"url,lang"`
}

// Plan is one PIAO cycle: content/<plan>/piano.yaml and its sheets.
type Plan struct {
	Slug          string       `yaml:"-"` // the folder name
	Titolo        Text         `yaml:"titolo,required,lang"`
	Tipo          Text         `yaml:"tipo"`             // the kind of plan: "PIAO" (default), "PEG", "Piano della performance"…
	Sigla         Text         `yaml:"sigla,lang"`       // its short name; default the kind and the period: "PIAO 2024-2026"
	Periodo       Text         `yaml:"periodo,required"` // "2024-2026", or one year: "2016"
	Approvazione  Atto         `yaml:"approvazione,required"`
	Pubblicazione Text         `yaml:"pubblicazione"` // publication date, default the approval date
	Descrizione   Text         `yaml:"descrizione,lang"`
	Schede        Text         `yaml:"schede"`    // "tutte" (default) or "selezione": only some sheets are published
	Selezione     *Selection   `yaml:"selezione"` // with "selezione": which sheets, and where the whole plan is
	Pesi          Text         `yaml:"pesi"`      // "percentuali" (default), "coefficienti" or "nessuno"
	Revisioni     []Revision   `yaml:"revisioni"`
	Livelli       Livelli      `yaml:"livelli"` // the names the act gives its levels
	Allegati      []Attachment `yaml:"allegati"`
	Glossario     []Term       `yaml:"glossario"`       // the plan's own abbreviations, beside config.yaml's
	Relazione     []Report     `yaml:"relazione,years"` // the Relazione sulla performance of each year (cycle.go)

	// How the act combines achievements: "media_ponderata" (the default
	// with percentages) or "nessuno" (the default otherwise).
	CalcoloRaggiungimento Text `yaml:"calcolo_raggiungimento"`

	// The levels of the plan, each optional: areas and their units (or
	// units outside any area), strategic lines and their objectives (or
	// objectives outside any line).
	Aree      []Area      `yaml:"aree"`
	Unita     []Unit      `yaml:"unita"`
	Linee     []Line      `yaml:"linee"`
	Obiettivi []Objective `yaml:"obiettivi"`

	Strategic   []*Sheet   `yaml:"-"`
	Operational []*Sheet   `yaml:"-"`
	Sezioni     []*Section `yaml:"-"` // the narrative sections, in their order
	Pos         Pos        `yaml:"-"`

	FirstYear, LastYear int `yaml:"-"`

	units      map[string]*Unit
	areas      map[string]*Area
	lines      map[string]*Line
	objectives map[string]*Objective
	revOrder   map[string]int
	sheets     *sheetIndex        // the sheets by unit, line and objective
	used       map[*Spec]bool     // the optional fields some sheet or indicator gives
	changes    *changeMemo        // each sheet's changes, once computed (changes.go)
	anyYears   map[*Spec][]string // the years of the fields of any year
	cycle      cycleIndex         // the years of results, and whether any result or monitoring exists
}

// The kinds of weight a plan gives its objectives and indicators (pesi).
const (
	WeightPercent     = "percentuali" // percentages that sum to 100%
	WeightCoefficient = "coefficienti"
	WeightNone        = "nessuno"
)

// Weights is how the plan weighs its objectives and indicators:
// WeightPercent, WeightCoefficient or WeightNone.
func (p *Plan) Weights() string {
	if p.Pesi.S == "" {
		return WeightPercent
	}
	return p.Pesi.S
}

// Weighted reports whether the plan gives weights at all.
func (p *Plan) Weighted() bool { return p.Weights() != WeightNone }

// The ways a plan may combine its parts' achievements
// (calcolo_raggiungimento).
const (
	MethodWeightedMean = "media_ponderata" // Σ (weight × achievement) / Σ weights
	MethodNone         = "nessuno"
)

// Computes reports whether piao computes achievements for the plan: its
// act weighs objectives and indicators, and says they are combined as a
// weighted mean. Percentages say so by themselves (they are the shares
// of the whole); coefficients only when calcolo_raggiungimento says so,
// since an act may apply them otherwise.
func (p *Plan) Computes() bool {
	switch p.CalcoloRaggiungimento.S {
	case MethodWeightedMean:
		return p.Weighted()
	case MethodNone:
		return false
	}
	return p.Weights() == WeightPercent
}

// Coefficients reports whether the plan's weights are coefficients.
func (p *Plan) Coefficients() bool { return p.Weights() == WeightCoefficient }

// Atto is an administrative act: what it is, when it was adopted and,
// when given, where it is published.
type Atto struct {
	Atto Text `yaml:"atto,required,lang"` // "deliberazione n. G/4"
	Data Text `yaml:"data,required"`      // ISO date, 2024-01-26
	URL  Text `yaml:"url"`                // the act on the ente's site (Albo, delibere)
}

// Selection says, for a plan that publishes only some of its sheets
// (schede: selezione), which ones and where the whole plan is.
type Selection struct {
	Descrizione   Text `yaml:"descrizione,lang"` // which sheets, in words
	PianoCompleto Text `yaml:"piano_completo"`   // the address of the whole plan
	Pos           Pos  `yaml:"-"`
}

// Attachment is a document published with a plan or a revision
// (allegato): a file under the plan's folder, which the site publishes as
// it is, or the address of a document on another site.
type Attachment struct {
	Titolo Text  `yaml:"titolo,required,lang"`
	File   Text  `yaml:"file"` // relative to the plan's folder: "allegati/delibera-g-59.pdf"
	URL    Text  `yaml:"url"`
	Size   int64 `yaml:"-"` // of the file, as the loader found it
	Pos    Pos   `yaml:"-"`
}

// Term is an entry of a glossary: an abbreviation as the sheets write it
// and what it stands for. The meaning may be written by language; the
// abbreviation stays as written.
type Term struct {
	Sigla       Text `yaml:"sigla,required"`            // "SMVP"
	Significato Text `yaml:"significato,required,lang"` // "Sistema di misurazione e valutazione della performance"
	Pos         Pos  `yaml:"-"`
}

// Revision is a revision of the plan approved during the year.
type Revision struct {
	ID        Text         `yaml:"id,required"`
	Data      Text         `yaml:"data,required"`        // ISO date of the approving act
	Atto      Text         `yaml:"atto,required,lang"`   // the act that approved it
	Documento Text         `yaml:"documento,lang"`       // the document that published it
	Motivo    Text         `yaml:"motivo,required,lang"` // why
	URL       Text         `yaml:"url"`                  // the act on the ente's site
	Allegati  []Attachment `yaml:"allegati"`
	Pos       Pos          `yaml:"-"`
}

// Livelli renames the levels of the plan as its act names them: a PEG's
// units are "Settori", a health agency's strategic objectives "Outcome".
// A level left out keeps its usual name.
type Livelli struct {
	Area                Label `yaml:"area"`
	Unita               Label `yaml:"unita"`
	Linea               Label `yaml:"linea"`
	ObiettivoStrategico Label `yaml:"obiettivo_strategico"`
	ObiettivoOperativo  Label `yaml:"obiettivo_operativo"`
}

// Of returns the name the plan gives level key, or nil.
func (l *Livelli) Of(key string) *Label {
	switch key {
	case "area":
		return &l.Area
	case "unita":
		return &l.Unita
	case "linea":
		return &l.Linea
	case "obiettivo_strategico":
		return &l.ObiettivoStrategico
	case "obiettivo_operativo":
		return &l.ObiettivoOperativo
	}
	return nil
}

// Label is the name of a level, singular and plural: written as one text
// (the plural is then the same) or as {singolare, plurale}.
type Label struct {
	Singolare Text `yaml:"singolare,required,lang"`
	Plurale   Text `yaml:"plurale,lang"`
}

// Ref is how the plan's parts are named and referred to: an id (a key for
// references only), a code as the act writes it ("SG3/B", "OB.4.2"; shown,
// and the key when there is no id), and a name. Either id or code is given.
type Ref struct {
	ID     Text `yaml:"id"`
	Codice Text `yaml:"codice"`
	Nome   Text `yaml:"nome,required,lang"`
}

// Key is the reference key: the id, or the code.
func (r Ref) Key() string {
	if r.ID.S != "" {
		return r.ID.S
	}
	return r.Codice.S
}

// KeyText is Key with its position.
func (r Ref) KeyText() Text {
	if r.ID.S != "" {
		return r.ID
	}
	return r.Codice
}

// Area groups organisational units.
type Area struct {
	Ref          `yaml:",inline"`
	Responsabile Text   `yaml:"responsabile,lang"` // a role or a name
	Unita        []Unit `yaml:"unita"`
	Pos          Pos    `yaml:"-"`
}

// Unit is an organisational unit (unità organizzativa), in an area or not.
type Unit struct {
	Ref          `yaml:",inline"`
	Responsabile Text  `yaml:"responsabile,lang"` // a role or a name
	Area         *Area `yaml:"-"`
	Pos          Pos   `yaml:"-"`
}

// Line is a strategic line (linea strategica) and its strategic objectives.
type Line struct {
	Ref       `yaml:",inline"`
	Obiettivi []Objective `yaml:"obiettivi"`
	Pos       Pos         `yaml:"-"`
}

// Objective is a strategic objective, in a line or not. Common objectives
// ("OC") share the code OC, so they carry an explicit id.
type Objective struct {
	Ref  `yaml:",inline"`
	Line *Line `yaml:"-"`
	Pos  Pos   `yaml:"-"`
}

// Kind tells a strategic sheet from an operational one.
type Kind int

const (
	Strategic Kind = iota
	Operational
)

// IsStrategic reports whether the sheet is a strategic one.
func (k Kind) IsStrategic() bool { return k == Strategic }

// IsOperational reports whether the sheet is an operational one.
func (k Kind) IsOperational() bool { return k == Operational }

// Sheet is an objective sheet (scheda obiettivo), strategic or operational.
// Fields that only one kind uses are documented as such; the loader rejects
// a key the sheet's kind does not have.
type Sheet struct {
	// strategic sheets
	Missioni  []Code  `yaml:"missioni,s"`
	Programma *Code   `yaml:"programma,s"`
	Risorse   []Value `yaml:"risorse,s,years"` // one per year, Value.Anno set
	// operational sheets: the area is the unit's, when not written
	Area  Text `yaml:"area,o"`
	Unita Text `yaml:"unita,o"`
	// both; the line is the objectives', when not written
	Codice          Text         `yaml:"codice"` // the sheet's code, as the act writes it: "SG3/B"
	Titolo          Text         `yaml:"titolo,lang"`
	Responsabile    Text         `yaml:"responsabile,lang"` // a role or a name
	Linea           Text         `yaml:"linea"`
	Obiettivi       []Text       `yaml:"obiettivi_strategici"`
	Obiettivo       Value        `yaml:"obiettivo_operativo,o,required,lang"`
	Descrizione     Value        `yaml:"descrizione,lang"`
	RisultatoAtteso Value        `yaml:"risultato_atteso,lang"` // the expected result, in words
	Target          []Value      `yaml:"target,years,lang"`     // targets of a sheet without indicators
	Peso            Value        `yaml:"peso"`                  // required when the plan's weights are percentages
	Inserito        Text         `yaml:"inserito"`              // id of the revision that added the sheet
	Stralcio        Text         `yaml:"stralcio"`              // id of the revision that removed it
	Note            []Note       `yaml:"note"`
	Revisioni       []RevNote    `yaml:"note_revisione"`
	Monitoraggio    []Monitoring `yaml:"monitoraggio"`    // the monitoring of the objective as a whole (cycle.go)
	Risultati       []Result     `yaml:"risultati,years"` // results of a sheet without indicators
	Indicatori      []Indicator  `yaml:"indicatori"`

	Kind   Kind   `yaml:"-"`
	Slug   string `yaml:"-"` // file name without extension
	Body   string `yaml:"-"` // Markdown body, if any
	BodyAt int    `yaml:"-"` // line of the body's first line
	// BodyIn holds the body in the site's other languages, by language:
	// from NAME.LANG.md beside a Markdown sheet NAME.md.
	BodyIn map[string]Text `yaml:"-"`
	Pos    Pos             `yaml:"-"`
	Plan   *Plan           `yaml:"-"`

	page string // SetPage's
}

// SetPage records the output path of the sheet's page, as the builder
// makes it from what is fixed once the sheet is loaded (its kind, its
// slug, its plan's slug), before any other goroutine reads the sheet.
func (s *Sheet) SetPage(p string) { s.page = p }

// Page is the path SetPage recorded, "" if none.
func (s *Sheet) Page() string { return s.page }

// Code is a coded item: a mission or a programme.
type Code struct {
	Codice Text `yaml:"codice,required"`
	Nome   Text `yaml:"nome,required,lang"`
}

// Indicator is a performance indicator of a sheet.
type Indicator struct {
	ID              Text         `yaml:"id"` // anchor; defaults to i1, i2, … by position
	AutoID          bool         `yaml:"-"`  // the id is the default, not written in the sheet
	Descrizione     Value        `yaml:"descrizione,required,lang"`
	Algoritmo       Value        `yaml:"algoritmo,lang"`
	Baseline        Value        `yaml:"baseline,lang"`              // the starting value, with its date (Value.Data)
	Storico         []Value      `yaml:"storico,years,lang"`         // values of past years
	RisultatoAtteso Value        `yaml:"risultato_atteso,lang"`      // the expected result, in words
	Target          []Value      `yaml:"target,required,years,lang"` // one per year, Value.Anno set
	Peso            Value        `yaml:"peso"`                       // required when the plan's weights are percentages
	Fonte           Value        `yaml:"fonte,lang"`
	Unita           Value        `yaml:"unita_misura,lang"`
	Tipologia       Value        `yaml:"tipologia,lang"`
	Inserito        Text         `yaml:"inserito"` // id of the revision that added it
	Stralcio        Text         `yaml:"stralcio"` // id of the revision that removed it
	Note            []Note       `yaml:"note"`
	Revisioni       []RevNote    `yaml:"note_revisione"`
	Monitoraggio    []Monitoring `yaml:"monitoraggio"`    // the monitoring during the year (cycle.go)
	Risultati       []Result     `yaml:"risultati,years"` // what it reached, per year
	Pos             Pos          `yaml:"-"`
}

// Note is a footnote. Rimando is its marker ("*"); Campi lists the fields
// whose labels carry the marker. A revision may add or remove it.
type Note struct {
	Rimando  Text   `yaml:"rimando"`
	Testo    Text   `yaml:"testo,required,lang"`
	Campi    []Text `yaml:"campi"`
	Inserita Text   `yaml:"inserita"`
	Stralcio Text   `yaml:"stralcio"`
}

// RevNote explains what a revision did to a sheet or an indicator and why
// ("revisione attuata", "causa"). A note that explains the changes of
// other indicators of the sheet too (an indicator removed and the one that
// replaces it) names them in Riguarda.
type RevNote struct {
	Revisione Text   `yaml:"revisione,required"`
	Attuata   Text   `yaml:"revisione_attuata,required,lang"`
	Causa     Text   `yaml:"causa,lang"`
	Riguarda  []Text `yaml:"riguarda"` // ids of other indicators of the sheet it explains
}

// Text is a scalar kept exactly as written, with its position. A text a
// site of several languages writes as a map by language ({it: …, de: …})
// holds each language's text in Langs, and the main language's as S and
// Pos.
type Text struct {
	S     string
	Pos   Pos
	Langs *Langs
}

func (t Text) String() string { return t.S }

// Main is the text in the site's main language, also where S holds
// another language's.
func (t Text) Main() string {
	if t.Langs != nil {
		return t.Langs.Main.S
	}
	return t.S
}

// Langs is a text written in several languages.
type Langs struct {
	Main Text            // the main language's
	In   map[string]Text // every language's, the main one's included
}

// In returns the text in language lang, and whether the content gives it:
// a text written once is the same in every language.
func (t Text) In(lang string) (Text, bool) {
	if t.Langs == nil {
		return t, true
	}
	l, ok := t.Langs.In[lang]
	return l, ok
}

// Value is a field that a revision may change: its current text and,
// oldest first, the values it had before (Priors), each tied to the
// revision that replaced it; an optional footnote marker shown beside it
// (Marker) and the date the value refers to (Date). The last three are
// rare: they live in Extra, nil for a value that has none of them, so that
// the many plain values of a large plan stay small. Read them with the
// methods; set them with the Set methods, which never change a copy's
// Extra.
type Value struct {
	Text
	Anno  string      // for per-year values (targets, resources)
	Extra *ValueExtra // nil: no earlier values, no marker, no date
}

// ValueExtra is the rare part of a Value. Once made it is never changed:
// copies of a Value share it.
type ValueExtra struct {
	Data       Text    // the date the value refers to, as precise as the act: a baseline's
	Precedenti []Prior // oldest first
	Rimando    string
}

// Date is the date the value refers to (a baseline's), as written.
func (v Value) Date() Text {
	if v.Extra == nil {
		return Text{}
	}
	return v.Extra.Data
}

// Priors are the values it had before, oldest first.
func (v Value) Priors() []Prior {
	if v.Extra == nil {
		return nil
	}
	return v.Extra.Precedenti
}

// Marker is its footnote marker ("*"), or "".
func (v Value) Marker() string {
	if v.Extra == nil {
		return ""
	}
	return v.Extra.Rimando
}

// SetDate sets the date the value refers to.
func (v *Value) SetDate(t Text) { v.change(func(e *ValueExtra) { e.Data = t }) }

// SetPriors sets the earlier values, oldest first.
func (v *Value) SetPriors(ps []Prior) { v.change(func(e *ValueExtra) { e.Precedenti = ps }) }

// SetMarker sets the footnote marker.
func (v *Value) SetMarker(m string) { v.change(func(e *ValueExtra) { e.Rimando = m }) }

// change applies f to a copy of v's rare part, and keeps it unless it is
// empty: a copy of v made before still has the old one.
func (v *Value) change(f func(*ValueExtra)) {
	var e ValueExtra
	if v.Extra != nil {
		e = *v.Extra
	}
	f(&e)
	if e.Data == (Text{}) && e.Precedenti == nil && e.Rimando == "" {
		v.Extra = nil
		return
	}
	v.Extra = &e
}

// Prior is an earlier value and the revision that replaced it.
type Prior struct {
	Valore    Text
	Revisione Text
}

// Revised reports whether a revision changed the value.
func (v Value) Revised() bool { return len(v.Priors()) > 0 }

// Original is the value as first approved.
func (v Value) Original() string {
	if ps := v.Priors(); len(ps) > 0 {
		return ps[0].Valore.S
	}
	return v.S
}

// At returns the value in force after the revisions up to and including
// revision number n (0 = as approved, len(revisions) = current), given the
// order of revision ids in the plan.
func (v Value) At(n int, order map[string]int) string {
	// Precedenti[i] was replaced by revision Precedenti[i].Revisione.
	for _, p := range v.Priors() {
		if order[p.Revisione.S] > n {
			return p.Valore.S
		}
	}
	return v.S
}
