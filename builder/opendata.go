package builder

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/piao-pa/piao/builder/plan"
)

// This file publishes each plan as open data (D.Lgs. 33/2013 art. 7): a
// JSON file of the whole plan and one per sheet, the CSV tables of
// csv.go, the DCAT-AP_IT catalogue of dcat.go and the JSON Schemas of the
// content format. Every value is given twice: as in force after the
// revisions ("attuale") and as originally approved ("iniziale").
// docs/open-data.md documents every key and column.

// download is a file of the "Dati aperti" page.
type download struct {
	Path   string // output path
	Title  string
	Format string
	Size   int
	Plan   *plan.Plan  // nil for the site-wide files
	Sheet  *plan.Sheet // set for a sheet's own JSON

	key  string // the words that name it, with args (a sheet's by its name): for another language's page
	args []any
}

// named gives d the title key says, with args.
func (d download) named(w *words, key string, args ...any) download {
	d.Title, d.key, d.args = w.T(key, args...), key, args
	return d
}

// addOpenData adds every open data file to out and returns them as
// downloads, plans first, then the site-wide files.
func addOpenData(out *outputs, model *plan.Site, w *words) ([]download, error) {
	return addOpenDataIn(out, oneLang(model, w))
}

// addOpenDataIn is addOpenData in the languages ds, the main one first.
func addOpenDataIn(out *outputs, ds dataLangs) ([]download, error) {
	model, w := ds[0].model, ds[0].words
	// The feed reads no file of the open data: it is made beside them,
	// or taken from the last build.
	fed := make(chan dataFile, 1)
	go func() {
		d := download{Path: feedPath(), Format: "Atom"}.named(w, "data.feed.title")
		if size, ok := out.kept(d.Path); ok {
			d.Size = size
			fed <- dataFile{d: d, kept: true}
			return
		}
		fed <- dataFile{d: d, b: feed(model, w, mainPrefix(&model.Config))}
	}()
	var list []download
	add := func(d download, b []byte) error {
		d.Size = len(b)
		list = append(list, d)
		return out.put(d.Path, b)
	}
	for _, p := range model.Plans {
		if out.namesOnly {
			names, err := planDataNames(out, model, w, p)
			if err != nil {
				return nil, err
			}
			list = append(list, names...)
			continue
		}
		// piano.json beside the CSV files and revisioni.json, on every
		// core: the first two are written as they are made, the last is
		// whole in memory while it is made (3 MB at 10,000 sheets).
		d := download{Path: dataPath(p, "piano.json"), Format: "JSON", Plan: p}.named(w, "data.plan.title")
		var sheets, tables, more []download
		err := runTasks(func() error {
			size, err := out.stream(d.Path, func(to io.Writer) (err error) {
				sheets, err = writePlanJSONIn(to, out, ds, p)
				return err
			})
			d.Size = int(size)
			return err
		}, func() error {
			for _, t := range ds.tables(p) {
				d := download{Path: dataPath(p, t.file), Format: "CSV", Plan: p}.named(w, t.title)
				if t.changes { // the last build's, if the same: its rows not even made
					if size, ok := out.kept(d.Path); ok {
						d.Size = size
						tables = append(tables, d)
						continue
					}
				}
				size, err := out.stream(d.Path, func(to io.Writer) error { return t.writeParts(to, out, d.Path) })
				if err != nil {
					return err
				}
				d.Size = int(size)
				tables = append(tables, d)
			}
			return nil
		}, func() (err error) {
			more, err = addPlanExtras(out, ds, p)
			return err
		})
		if err != nil {
			return nil, err
		}
		list = append(append(append(append(list, d), tables...), more...), sheets...)
	}
	files, err := siteData(ds, list, <-fed)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.kept {
			list = append(list, f.d)
			continue
		}
		if err := add(f.d, f.b); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// planDataNames names the open data files of a plan, in the order
// addOpenData makes them, without making them: for piao check, which
// judges their names, never their bytes (sizes are 0).
func planDataNames(out *outputs, model *plan.Site, w *words, p *plan.Plan) ([]download, error) {
	list := []download{download{Path: dataPath(p, "piano.json"), Format: "JSON", Plan: p}.named(w, "data.plan.title")}
	for _, t := range planTables(model, w, p, func() []changeJSON { return changeRows(model, w, p) }) {
		list = append(list, download{Path: dataPath(p, t.file), Format: "CSV", Plan: p}.named(w, t.title))
	}
	for _, s := range p.Sheets() {
		list = append(list, download{Path: sheetDataPath(s), Title: w.SheetName(s), Format: "JSON", Plan: p, Sheet: s})
	}
	for _, d := range list {
		if err := out.name(d.Path); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// dataFile is a site-wide file of the open data and its bytes; or, kept,
// the file taken from the last build (outputs.kept), of d.Size bytes.
type dataFile struct {
	d    download
	b    []byte
	kept bool
}

// siteData are the site-wide files: the catalogue of the plans' files
// (only with url_base: see hasCatalog), the feed (made by the caller,
// without bytes for none), the schemas of the content and those of the
// exports.
func siteData(ds dataLangs, plans []download, feed dataFile) ([]dataFile, error) {
	w := ds[0].words
	var out []dataFile
	jsonld, ttl, err := catalogIn(ds, plans)
	if err != nil {
		return nil, err
	}
	if jsonld != nil {
		out = append(out, dataFile{d: download{Path: catalogPath("jsonld"), Format: "JSON-LD"}.named(w, "data.catalog.title"), b: jsonld},
			dataFile{d: download{Path: catalogPath("ttl"), Format: "Turtle"}.named(w, "data.catalog.title"), b: ttl})
	}
	if feed.kept || feed.b != nil { // none when no date names its day
		out = append(out, feed)
	}
	schemas := SchemaFiles()
	for _, name := range []string{"config.schema.json", "piano.schema.json", "scheda-strategica.schema.json", "scheda-operativa.schema.json"} {
		d := download{Path: schemaPath(name), Format: "JSON Schema"}.named(w, "data.schema.title", "file", name)
		out = append(out, dataFile{d: d, b: schemas[name]})
	}
	exports := ExportSchemaFiles()
	for _, s := range exportSchemas {
		d := download{Path: schemaPath(s.name()), Format: "JSON Schema"}.named(w, "data.exportSchema.title", "file", s.file)
		out = append(out, dataFile{d: d, b: exports[s.name()]})
	}
	return out, nil
}

// marshalJSON writes v compact, on one line, without escaping <, > and
// &. The open data were indented until issue 18: a third of piano.json's
// bytes and a quarter of each sheet's JSON were spaces (at 10,000 sheets,
// 53 MB against 35 MB, 41 MB against 30 MB), which a program reading them
// does not need and a browser indents for whoever opens them.
func marshalJSON(v any) ([]byte, error) {
	buf := jsonBufs.Get().(*bytes.Buffer)
	defer putJSONBuf(buf)
	if err := encodeJSON(buf, v); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// jsonBufs are the buffers JSON is encoded into before it is copied out
// at its size (a sheet's JSON is written from its buffer instead:
// dataLangs.marshalIn): a buffer of its own for each value, grown by
// doubling, allocated twice the bytes of every sheet's data (at 10,000
// sheets, 135 MB). A buffer larger than maxPooledBuf is let go.
var jsonBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putJSONBuf(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuf {
		b.Reset()
		jsonBufs.Put(b)
	}
}

// putJSONBufs gives back the buffers of bufs that are not nil.
func putJSONBufs(bufs []*bytes.Buffer) {
	for _, b := range bufs {
		if b != nil {
			putJSONBuf(b)
		}
	}
}

// encodeJSON appends v to buf as marshalJSON encodes it, with its line
// break. A sheet's or an indicator's data, which encode themselves
// (spliceObject, of the encoder's own compact output), are written as
// they do: the encoder would scan and copy their bytes again (a sheet's
// whole JSON, 1.2% of the CPU of a clean build of 10,000 sheets), to
// the same bytes.
func encodeJSON(buf *bytes.Buffer, v any) error {
	if self, ok := v.(jsonAppender); ok {
		if err := self.appendJSON(buf); err != nil {
			return err
		}
		return buf.WriteByte('\n')
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// siteURL is the address of a page in the data, in the model's language:
// absolute when url_base is configured, else relative to the site's root.
func siteURL(model *plan.Site, p string) string {
	return baseURL(&model.Config) + langPrefix(&model.Config, modelLang(model)) + p
}

type planJSON struct {
	Piano         string           `json:"piano"`
	Titolo        string           `json:"titolo"`
	Periodo       string           `json:"periodo"`
	Anni          []string         `json:"anni"`
	Ente          string           `json:"ente"`
	Licenza       licenceJSON      `json:"licenza"`
	Approvazione  actJSON          `json:"approvazione"`
	Pubblicazione string           `json:"pubblicazione"`
	Aggiornamento string           `json:"aggiornamento"`
	Descrizione   string           `json:"descrizione"`
	Pagina        string           `json:"pagina"`
	Revisioni     []revisionJSON   `json:"revisioni"`
	Livelli       *levelsJSON      `json:"livelli,omitempty"`   // the plan's names of its levels
	Selezione     *selectionJSON   `json:"selezione,omitempty"` // with schede: selezione
	Allegati      []attachmentJSON `json:"allegati,omitempty"`
	Glossario     []termJSON       `json:"glossario,omitempty"` // config.yaml's and the plan's
	Aree          []areaJSON       `json:"aree,omitempty"`      // a level the plan lacks is left out
	Unita         []unitJSON       `json:"unita,omitempty"`     // units outside any area
	Linee         []lineJSON       `json:"linee,omitempty"`
	Obiettivi     []objectiveJSON  `json:"obiettivi,omitempty"` // objectives outside any line
	Schede        []sheetJSON      `json:"schede"`
	Modifiche     []changeJSON     `json:"modifiche"`
	// The performance cycle (opendata_cycle.go), for a plan that has it.
	Relazioni      []reportData      `json:"relazioni,omitempty"`
	Raggiungimento []levelFigureData `json:"raggiungimento,omitempty"` // of units, areas and lines
}

type licenceJSON struct {
	Nome string `json:"nome"`
	URL  string `json:"url"`
}

type actJSON struct {
	Atto string `json:"atto"`
	Data string `json:"data"`
	URL  string `json:"url,omitempty"` // the act on the ente's site
}

type revisionJSON struct {
	ID        string           `json:"id"`
	Data      string           `json:"data"`
	Atto      string           `json:"atto"`
	Documento string           `json:"documento"`
	Motivo    string           `json:"motivo"`
	URL       string           `json:"url,omitempty"`
	Allegati  []attachmentJSON `json:"allegati,omitempty"`
}

// attachmentJSON is an allegato: a file of the site (its address, media
// type and size in bytes) or the address of a document elsewhere.
type attachmentJSON struct {
	Titolo     string `json:"titolo"`
	URL        string `json:"url"`
	Tipo       string `json:"tipo,omitempty"`
	Dimensione int    `json:"dimensione,omitempty"`
}

type selectionJSON struct {
	Descrizione   string `json:"descrizione"`
	PianoCompleto string `json:"piano_completo"`
}

type termJSON struct {
	Sigla       string `json:"sigla"`
	Significato string `json:"significato"`
}

type codeJSON struct {
	Codice string `json:"codice"`
	Nome   string `json:"nome"`
}

// The parts of a plan: the key the sheets refer to them by (id, or the
// code when there is no id), the code as the act writes it, the name.
type areaJSON struct {
	ID           string     `json:"id,omitempty"`
	Codice       string     `json:"codice"`
	Nome         string     `json:"nome"`
	Responsabile string     `json:"responsabile,omitempty"`
	Unita        []unitJSON `json:"unita"`
}

type unitJSON struct {
	ID           string `json:"id,omitempty"`
	Codice       string `json:"codice"`
	Nome         string `json:"nome"`
	Responsabile string `json:"responsabile,omitempty"`
}

type lineJSON struct {
	ID        string          `json:"id,omitempty"`
	Codice    string          `json:"codice"`
	Nome      string          `json:"nome"`
	Obiettivi []objectiveJSON `json:"obiettivi"`
}

type objectiveJSON struct {
	ID     string `json:"id"`
	Codice string `json:"codice"`
	Nome   string `json:"nome"`
}

// levelsJSON are the names the plan gives its levels, where it renames
// them.
type levelsJSON struct {
	Area                string `json:"area,omitempty"`
	Unita               string `json:"unita,omitempty"`
	Linea               string `json:"linea,omitempty"`
	ObiettivoStrategico string `json:"obiettivo_strategico,omitempty"`
	ObiettivoOperativo  string `json:"obiettivo_operativo,omitempty"`
}

func unitData(u *plan.Unit) unitJSON {
	return unitJSON{u.ID.S, u.Codice.S, u.Nome.S, u.Responsabile.S}
}

func levelsData(l plan.Livelli) *levelsJSON {
	out := levelsJSON{l.Area.Singolare.S, l.Unita.Singolare.S, l.Linea.Singolare.S, l.ObiettivoStrategico.Singolare.S, l.ObiettivoOperativo.Singolare.S}
	if out == (levelsJSON{}) {
		return nil
	}
	return &out
}

// valueJSON is a revisable value: in force, as approved, and the values
// it had before each revision that changed it, oldest first.
type valueJSON struct {
	Attuale  string      `json:"attuale"`
	Iniziale string      `json:"iniziale"`
	Data     string      `json:"data,omitempty"` // the date the value refers to, when the content gives one
	Storia   []priorJSON `json:"storia,omitempty"`
}

type priorJSON struct {
	Valore       string `json:"valore"`
	SostituitoDa string `json:"sostituito_da"`
}

// valueData is a value as the open data give it: its text as a reader
// sees it (Markdown left out), now, as approved and before each revision.
func valueData(w *words, v plan.Value) valueJSON {
	out := valueJSON{Attuale: w.Plain(v.S), Iniziale: w.Plain(v.Original()), Data: v.Date().S}
	for _, p := range v.Priors() {
		out.Storia = append(out.Storia, priorJSON{Valore: w.Plain(p.Valore.S), SostituitoDa: p.Revisione.S})
	}
	return out
}

// attachmentsData lists allegati for the open data: a file by its address
// in the site.
func attachmentsData(model *plan.Site, p *plan.Plan, list []plan.Attachment) []attachmentJSON {
	var out []attachmentJSON
	for _, a := range list {
		if a.URL.S != "" {
			out = append(out, attachmentJSON{Titolo: a.Titolo.S, URL: a.URL.S})
			continue
		}
		out = append(out, attachmentJSON{Titolo: a.Titolo.S, URL: siteURL(model, attachmentPath(p, a.File.S)),
			Tipo: attachmentTypes[strings.ToLower(path.Ext(a.File.S))], Dimensione: int(a.Size)})
	}
	return out
}

// planData is a plan's piano.json with an empty list of sheets, which
// writePlanJSON fills; changes are its changes (changeRows).
func planData(model *plan.Site, w *words, p *plan.Plan, changes []changeJSON) planJSON {
	out := planJSON{
		Piano: p.Slug, Titolo: p.Titolo.S, Periodo: p.Periodo.S, Anni: p.Years(),
		Ente:          model.Config.Ente.Nome.S,
		Licenza:       licenceJSON{Nome: model.Config.Licenza.Nome.S, URL: model.Config.Licenza.URL.S},
		Approvazione:  actJSON{Atto: p.Approvazione.Atto.S, Data: p.Approvazione.Data.S, URL: p.Approvazione.URL.S},
		Pubblicazione: p.Published(), Aggiornamento: p.Updated(), Descrizione: p.Descrizione.S,
		Pagina:    siteURL(model, planPath(p)),
		Revisioni: []revisionJSON{}, Livelli: levelsData(p.Livelli), Schede: []sheetJSON{},
		Modifiche: []changeJSON{},
	}
	for _, r := range p.Revisioni {
		out.Revisioni = append(out.Revisioni, revisionJSON{r.ID.S, r.Data.S, r.Atto.S, r.Documento.S, r.Motivo.S,
			r.URL.S, attachmentsData(model, p, r.Allegati)})
	}
	if sel := p.Selezione; sel != nil && p.Schede.S == schedeSelection {
		out.Selezione = &selectionJSON{sel.Descrizione.S, sel.PianoCompleto.S}
	}
	out.Allegati = attachmentsData(model, p, p.Allegati)
	for _, e := range glossaryOf(model, p, w) {
		out.Glossario = append(out.Glossario, termJSON{e.Term, e.Meaning})
	}
	for i := range p.Aree {
		a := &p.Aree[i]
		aj := areaJSON{ID: a.ID.S, Codice: a.Codice.S, Nome: a.Nome.S, Responsabile: a.Responsabile.S, Unita: []unitJSON{}}
		for j := range a.Unita {
			aj.Unita = append(aj.Unita, unitData(&a.Unita[j]))
		}
		out.Aree = append(out.Aree, aj)
	}
	for i := range p.Unita {
		out.Unita = append(out.Unita, unitData(&p.Unita[i]))
	}
	for i := range p.Linee {
		l := &p.Linee[i]
		lj := lineJSON{ID: l.ID.S, Codice: l.Codice.S, Nome: l.Nome.S, Obiettivi: []objectiveJSON{}}
		for j := range l.Obiettivi {
			o := &l.Obiettivi[j]
			lj.Obiettivi = append(lj.Obiettivi, objectiveJSON{o.Key(), o.Codice.S, o.Nome.S})
		}
		out.Linee = append(out.Linee, lj)
	}
	for i := range p.Obiettivi {
		o := &p.Obiettivi[i]
		out.Obiettivi = append(out.Obiettivi, objectiveJSON{o.Key(), o.Codice.S, o.Nome.S})
	}
	out.Modifiche = append(out.Modifiche, changes...)
	out.Relazioni = reportsData(model, p)
	for _, f := range levelFigures(model, w, p) {
		if f.Livello != "obiettivo" { // an objective's is in its sheet
			out.Raggiungimento = append(out.Raggiungimento, f)
		}
	}
	return out
}

// sheetJSON is a sheet: what it is and where it sits, its fields (those
// of the table of fields, in its order) and the rest.
type sheetJSON struct {
	sheetHead
	Fields fieldsJSON
	sheetTail
}

// sheetHead is where a sheet sits. The keys of a level the plan lacks
// (no lines, no units…) are left out, not given empty; the sheet's own
// code and responsabile, when it has none.
type sheetHead struct {
	Piano               string     `json:"piano"`
	Scheda              string     `json:"scheda"`
	Codice              string     `json:"codice,omitempty"`
	Tipo                string     `json:"tipo"`
	Titolo              string     `json:"titolo"`
	Pagina              string     `json:"pagina"`
	Linea               *string    `json:"linea,omitempty"`
	ObiettiviStrategici *[]string  `json:"obiettivi_strategici,omitempty"`
	Missioni            []codeJSON `json:"missioni"`
	Programma           *codeJSON  `json:"programma"`
	Area                *string    `json:"area,omitempty"`
	Unita               *string    `json:"unita,omitempty"`
	Responsabile        string     `json:"responsabile,omitempty"`
}

// areaKey is the key of an operational sheet's area: the one it names, or
// its unit's; "" for none.
func areaKey(p *plan.Plan, s *plan.Sheet) string {
	if a := p.AreaOf(s); a != nil {
		return a.Key()
	}
	return s.Area.S
}

// levelData is a sheet's reference to a level, or nil when its plan lacks
// the level.
func levelData(has bool, key string) *string {
	if !has {
		return nil
	}
	return &key
}

type sheetTail struct {
	Testo         string        `json:"testo"`
	Rivista       bool          `json:"rivista"`
	InseritaDa    string        `json:"inserita_da,omitempty"`   // the revision that added the sheet
	StralciataDa  string        `json:"stralciata_da,omitempty"` // the revision that removed it
	Note          []noteJSON    `json:"note"`
	NoteRevisione []revNoteJSON `json:"note_revisione"`
	// The performance cycle (opendata_cycle.go), for a plan that has it.
	Monitoraggio   []monitoringData      `json:"monitoraggio,omitempty"`
	Risultati      map[string]resultData `json:"risultati,omitempty"`      // of a sheet without indicators
	Raggiungimento map[string]figureData `json:"raggiungimento,omitempty"` // of the objective, per year
	Indicatori     []indicatorJSON       `json:"indicatori"`
}

func (s sheetJSON) MarshalJSON() ([]byte, error) { return marshalAppended(s) }

// appendJSON appends the sheet to buf, as MarshalJSON gives it.
func (s sheetJSON) appendJSON(buf *bytes.Buffer) error {
	// The indicators, the tail's last member, are spliced in as each
	// encodes itself: the encoder would scan and copy what each gives
	// again (encodeJSON).
	inds := s.Indicatori
	s.Indicatori = nil
	start := buf.Len()
	if err := spliceObject(buf, s.sheetHead, s.Fields, s.sheetTail); err != nil || inds == nil {
		return err
	}
	const null = `"indicatori":null}`
	if !bytes.HasSuffix(buf.Bytes()[start:], []byte(null)) {
		return errors.New("sheetJSON: the indicators are not the last member")
	}
	buf.Truncate(buf.Len() - len("null}"))
	buf.WriteByte('[')
	for i, ind := range inds {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := ind.appendJSON(buf); err != nil {
			return err
		}
	}
	buf.WriteString("]}")
	return nil
}

// jsonAppender is a value that appends its own JSON to a buffer: a
// sheet's or an indicator's data, written in place (encodeJSON) instead
// of copied out of a buffer of its own, three times, for every sheet.
type jsonAppender interface {
	appendJSON(buf *bytes.Buffer) error
}

// marshalAppended is MarshalJSON of a jsonAppender.
func marshalAppended(v jsonAppender) ([]byte, error) {
	buf := jsonBufs.Get().(*bytes.Buffer)
	defer putJSONBuf(buf)
	if err := v.appendJSON(buf); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// indicatorJSON is an indicator: its id and place, its fields (those of
// the table of fields, in its order) and the rest.
type indicatorJSON struct {
	indicatorHead
	Fields fieldsJSON
	indicatorTail
}

type indicatorHead struct {
	ID     string `json:"id"`
	Numero int    `json:"numero"`
	Pagina string `json:"pagina"`
}

type indicatorTail struct {
	InseritoDa       string        `json:"inserito_da"`
	StralciatoDa     string        `json:"stralciato_da"`
	InVigore         bool          `json:"in_vigore"`
	InVigoreIniziale bool          `json:"in_vigore_iniziale"`
	Note             []noteJSON    `json:"note"`
	NoteRevisione    []revNoteJSON `json:"note_revisione"`
	// The performance cycle (opendata_cycle.go), for a plan that has it.
	Monitoraggio []monitoringData      `json:"monitoraggio,omitempty"`
	Risultati    map[string]resultData `json:"risultati,omitempty"`
}

func (i indicatorJSON) MarshalJSON() ([]byte, error) { return marshalAppended(i) }

// appendJSON appends the indicator to buf, as MarshalJSON gives it.
func (i indicatorJSON) appendJSON(buf *bytes.Buffer) error {
	return spliceObject(buf, i.indicatorHead, i.Fields, i.indicatorTail)
}

// yearValues are a field's values by year, in the order of the years as
// strings: the JSON object encoding/json makes of a map of years, without
// the map (one for every per-year field of every indicator: 195 MB of the
// 1.5 GB allocated at 50,000 sheets while the open data are made).
type yearValues []yearValue

type yearValue struct {
	year  string
	value valueJSON
}

// set gives year the value v, the last one given winning as in a map.
func (ys yearValues) set(year string, v valueJSON) yearValues {
	i, found := slices.BinarySearchFunc(ys, year, func(y yearValue, year string) int { return strings.Compare(y.year, year) })
	if found {
		ys[i].value = v
		return ys
	}
	return slices.Insert(ys, i, yearValue{year, v})
}

func (ys yearValues) MarshalJSON() ([]byte, error) {
	b, _ := appendFieldJSON(nil, ys)
	return b, nil
}

// fieldsJSON are the fields of a sheet or an indicator as the table of
// fields lists them: a value, a map of years to values, or null for a
// field the sheet's kind does not have.
type fieldsJSON []fieldJSON

type fieldJSON struct {
	Key   string
	Value any
}

// fieldsData gives the fields of specs, values(spec) giving a field's
// values, or nil for a field that is not there.
func fieldsData(w *words, specs []*plan.Spec, values func(*plan.Spec) []plan.Value) fieldsJSON {
	out := make(fieldsJSON, 0, len(specs))
	for _, s := range specs {
		vs := values(s)
		switch {
		case s.PerYear:
			years := make(yearValues, 0, len(vs))
			for _, v := range vs {
				years = years.set(v.Anno, valueData(w, v))
			}
			out = append(out, fieldJSON{s.Key, years})
		case vs == nil:
			out = append(out, fieldJSON{s.Key, nil})
		default:
			out = append(out, fieldJSON{s.Key, valueData(w, vs[0])})
		}
	}
	return out
}

// appendFieldJSON appends a field's value as encoding/json writes it
// (HTML left unescaped): null, a value, or its years in their order;
// false, with b as it was, for a value of another type. Every field of
// every sheet is one: through the encoder, each was reflected on, and
// each a new encoder's.
func appendFieldJSON(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), true
	case valueJSON:
		return appendValueJSON(b, v), true
	case yearValues:
		if v == nil {
			return append(b, "null"...), true
		}
		b = append(b, '{')
		for i, y := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, y.year)
			b = append(b, ':')
			b = appendValueJSON(b, y.value)
		}
		return append(b, '}'), true
	}
	return b, false
}

// appendValueJSON appends v as encoding/json writes it.
func appendValueJSON(b []byte, v valueJSON) []byte {
	b = append(b, `{"attuale":`...)
	b = appendJSONString(b, v.Attuale)
	b = append(b, `,"iniziale":`...)
	b = appendJSONString(b, v.Iniziale)
	if v.Data != "" {
		b = append(b, `,"data":`...)
		b = appendJSONString(b, v.Data)
	}
	if len(v.Storia) > 0 {
		b = append(b, `,"storia":[`...)
		for i, p := range v.Storia {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"valore":`...)
			b = appendJSONString(b, p.Valore)
			b = append(b, `,"sostituito_da":`...)
			b = appendJSONString(b, p.SostituitoDa)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// spliceObject appends to buf a JSON object with the members of head,
// then the fields, then the members of tail, as if one struct held them
// all.
func spliceObject(buf *bytes.Buffer, head any, fields fieldsJSON, tail any) error {
	buf.WriteByte('{')
	n := 0
	// appendCompact appends v encoded in one line, each part encoded in
	// place rather than apart and copied (compactJSON).
	appendCompact := func(v any) error {
		if err := encodeJSON(buf, v); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the line break
		return nil
	}
	for _, part := range []any{head, fields, tail} {
		if f, ok := part.(fieldsJSON); ok {
			for _, m := range f {
				if n > 0 {
					buf.WriteByte(',')
				}
				n++
				b := appendJSONString(buf.AvailableBuffer(), m.Key)
				b = append(b, ':')
				if b, ok := appendFieldJSON(b, m.Value); ok {
					buf.Write(b)
					continue
				}
				buf.Write(b)
				if err := appendCompact(m.Value); err != nil {
					return err
				}
			}
			continue
		}
		at := buf.Len()
		if n > 0 {
			buf.WriteByte(',')
		}
		start := buf.Len()
		if err := appendCompact(part); err != nil {
			return err
		}
		// The members alone, without the object's braces.
		b := buf.Bytes()[start:]
		if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
			return fmt.Errorf("spliceObject: %T is not an object", part)
		}
		if len(b) == 2 { // {}: no member
			buf.Truncate(at)
			continue
		}
		copy(b, b[1:len(b)-1])
		buf.Truncate(start + len(b) - 2)
		n++
	}
	buf.WriteByte('}')
	return nil
}

// compactJSON encodes v in one line, without escaping <, > and &, as
// marshalJSON does.
func compactJSON(v any) ([]byte, error) {
	b, err := marshalJSON(v)
	return bytes.TrimSuffix(b, []byte("\n")), err
}

type noteJSON struct {
	Rimando      string   `json:"rimando"`
	Testo        string   `json:"testo"`
	Campi        []string `json:"campi"`
	InseritaDa   string   `json:"inserita_da"`
	StralciataDa string   `json:"stralciata_da"`
}

type revNoteJSON struct {
	Revisione        string `json:"revisione"`
	RevisioneAttuata string `json:"revisione_attuata"`
	Causa            string `json:"causa"`
}

func sheetKind(s *plan.Sheet) string {
	if s.Kind == plan.Strategic {
		return "strategica"
	}
	return "operativa"
}

func sheetData(model *plan.Site, w *words, s *plan.Sheet) sheetJSON {
	p := s.Plan
	out := sheetJSON{
		sheetHead: sheetHead{Piano: s.Plan.Slug, Scheda: s.Slug, Codice: w.Plain(s.Codice.S), Tipo: sheetKind(s),
			Titolo: w.SheetName(s), Pagina: siteURL(model, sheetPath(s)),
			Linea: levelData(p.HasLines(), p.LineKey(s)), Missioni: []codeJSON{},
			Area: levelData(p.HasAreas(), areaKey(p, s)), Unita: levelData(p.HasUnits(), s.Unita.S),
			Responsabile: w.Plain(s.Responsabile.S)},
		Fields: fieldsData(w, s.Plan.Specs(plan.SheetSpecs()), func(f *plan.Spec) []plan.Value {
			if !s.Has(f) {
				return nil
			}
			return s.FieldValues(f)
		}),
		sheetTail: sheetTail{Testo: s.Body, Rivista: s.Revised(), InseritaDa: s.Inserito.S, StralciataDa: s.Stralcio.S, Note: notesData(s.Note),
			NoteRevisione: revNotesData(s.Revisioni), Indicatori: []indicatorJSON{}},
	}
	if p.HasObjectives() {
		objectives := []string{}
		for _, o := range s.Obiettivi {
			objectives = append(objectives, o.S)
		}
		out.ObiettiviStrategici = &objectives
	}
	for _, m := range s.Missioni {
		out.Missioni = append(out.Missioni, codeJSON{m.Codice.S, m.Nome.S})
	}
	if s.Programma != nil {
		out.Programma = &codeJSON{s.Programma.Codice.S, s.Programma.Nome.S}
	}
	for i, ind := range s.Indicators() {
		out.Indicatori = append(out.Indicatori, indicatorData(model, w, s, ind, i+1))
	}
	sheetCycleData(model, w, s, &out)
	return out
}

func indicatorData(model *plan.Site, w *words, s *plan.Sheet, ind *plan.Indicator, n int) indicatorJSON {
	order := s.Plan.RevisionOrder()
	return indicatorJSON{
		indicatorHead: indicatorHead{ID: ind.ID.S, Numero: n, Pagina: siteURL(model, sheetPath(s)+"#"+IndicatorAnchor(ind))},
		Fields:        fieldsData(w, s.Plan.Specs(plan.IndicatorSpecs()), ind.FieldValues),
		indicatorTail: indicatorTail{InseritoDa: ind.Inserito.S, StralciatoDa: ind.Stralcio.S,
			InVigore:         ind.InForce(len(s.Plan.Revisioni), order),
			InVigoreIniziale: ind.InForce(0, order),
			Note:             notesData(ind.Note), NoteRevisione: revNotesData(ind.Revisioni)},
	}
}

func notesData(notes []plan.Note) []noteJSON {
	out := []noteJSON{}
	for _, n := range notes {
		nj := noteJSON{Rimando: n.Rimando.S, Testo: n.Testo.S, Campi: []string{}, InseritaDa: n.Inserita.S, StralciataDa: n.Stralcio.S}
		for _, c := range n.Campi {
			nj.Campi = append(nj.Campi, c.S)
		}
		out = append(out, nj)
	}
	return out
}

func revNotesData(notes []plan.RevNote) []revNoteJSON {
	out := []revNoteJSON{}
	for _, n := range notes {
		out = append(out, revNoteJSON{n.Revisione.S, n.Attuata.S, n.Causa.S})
	}
	return out
}

// italianSize formats a size as "12,3 kB".
func italianSize(n int) string {
	s := humanBytes(int64(n))
	return strings.Replace(s, ".", ",", 1)
}
