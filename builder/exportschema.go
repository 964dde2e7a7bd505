package builder

import (
	"encoding/json"
	"maps"
	"reflect"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The JSON Schemas of the JSON files the open data publish, derived from
// the types that write them (their json tags) and, for the fields of
// sheets and indicators, from the table of fields (plan.SheetSpecs,
// plan.IndicatorSpecs): a schema cannot drift from the files. They are
// published in schema/ beside the content's schemas, listed on the "Dati
// aperti" page and named by the catalogue (dct:conformsTo); docs/schema/
// holds a copy.

// exportSchema is the schema of one JSON export. A new JSON file of the
// open data gets a row in exportSchemas: TestExportSchemas fails for a
// published JSON file that has no schema or does not validate against it.
type exportSchema struct {
	file  string // the export's file name
	title string
	root  func(g *exportGen) map[string]any // the schema of the file's value
}

var exportSchemas = []exportSchema{
	{"piano.json", "piao: dati aperti, piano.json (un piano intero)",
		func(g *exportGen) map[string]any { return g.object(reflect.TypeOf(planJSON{})) }},
	{"scheda.json", "piao: dati aperti, scheda.json (una scheda)",
		func(g *exportGen) map[string]any { return g.sheet() }},
	{"sezioni.json", "piao: dati aperti, sezioni.json (le sezioni del piano)",
		func(g *exportGen) map[string]any { return g.object(reflect.TypeOf(sectionsJSON{})) }},
	{"revisioni.json", "piao: dati aperti, revisioni.json (le revisioni, con il loro riepilogo)",
		func(g *exportGen) map[string]any { return g.object(reflect.TypeOf(revisionsJSON{})) }},
}

// name is the schema's file name in schema/: "piano.json.schema.json".
func (s *exportSchema) name() string { return s.file + ".schema.json" }

// exportSchemaOf returns the schema of an export's file name, or nil.
func exportSchemaOf(file string) *exportSchema {
	for i := range exportSchemas {
		if exportSchemas[i].file == file {
			return &exportSchemas[i]
		}
	}
	return nil
}

// ExportSchemaFiles returns the JSON Schema of each JSON export, by file
// name in schema/.
func ExportSchemaFiles() map[string][]byte {
	out := map[string][]byte{}
	for _, s := range exportSchemas {
		g := &exportGen{defs: map[string]any{}}
		doc := map[string]any{
			"$schema": "https://json-schema.org/draft/2020-12/schema",
			"$id":     s.name(),
			"title":   s.title,
			"description": "Generato da piao; le chiavi sono descritte in docs/open-data.md. " +
				"Ogni valore rivedibile riporta il valore in vigore (attuale), quello approvato (iniziale) e i precedenti (storia). " +
				"In un sito in più lingue ogni testo è un oggetto con una chiave per lingua ({\"it\": …, \"de\": …}).",
		}
		for k, v := range s.root(g) {
			doc[k] = v
		}
		doc["$defs"] = g.defs
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			panic(err) // maps of strings and slices always marshal
		}
		out[s.name()] = append(b, '\n')
	}
	return out
}

// exportEnums are the keys whose values are a closed list.
var exportEnums = map[string][]string{
	"tipo":      {"strategica", "operativa"},
	"modifica":  {"modificato", "inserito", "stralciato"},
	"oggetto":   {"scheda", "indicatore", "nota"},
	"esito":     {"raggiunto", "parziale", "non_raggiunto", "non_indicato", "non_rilevato"},
	"origine":   {"calcolato", "dichiarato", ""},
	"livello":   {"obiettivo", "unita", "area", "linea"},
	"stato":     {"+", "=", "−"},
	"andamento": {"in_anticipo", "in_linea", "in_ritardo"},
}

// exportGen builds a schema; defs are the shared definitions it refers to.
// text says that the strings of the value being described are texts: a
// string, or in a site of several languages an object by language.
type exportGen struct {
	defs map[string]any
	text bool
}

// textSchema is a text of the open data: a string, or an object with a
// string per language.
func (g *exportGen) textSchema() map[string]any {
	return g.def("testo", func() map[string]any {
		return map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{
			"type": "object", "propertyNames": map[string]any{"pattern": "^[a-z]{2,3}$"},
			"minProperties": 2, "additionalProperties": map[string]any{"type": "string"}}}}
	})
}

// within is of for the value of a member named key: a text when key is a
// text's, or when the value is within a text and key is not one of
// oneKeys.
func (g *exportGen) within(key string, t reflect.Type) map[string]any {
	outer := g.text
	g.text = g.text && !oneKeys[key] || textKeys[key]
	defer func() { g.text = outer }()
	return g.of(t)
}

var (
	valueJSONType     = reflect.TypeOf(valueJSON{})
	sheetJSONType     = reflect.TypeOf(sheetJSON{})
	indicatorJSONType = reflect.TypeOf(indicatorJSON{})
)

// of is the schema of a Go type as encoding/json writes it.
func (g *exportGen) of(t reflect.Type) map[string]any {
	switch t {
	case valueJSONType: // the value of a weight, and of a text: its strings may be texts
		return g.def("valore", func() map[string]any {
			outer := g.text
			g.text = true
			defer func() { g.text = outer }()
			return g.object(t)
		})
	case sheetJSONType:
		return g.def("scheda", g.sheet)
	case indicatorJSONType:
		return g.def("indicatore", g.indicator)
	case euroType:
		return map[string]any{"type": "number"}
	}
	switch t.Kind() {
	case reflect.String:
		if g.text {
			return g.textSchema()
		}
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Map: // by year
		return map[string]any{"type": "object", "propertyNames": map[string]any{"pattern": "^[0-9]{4}$"},
			"additionalProperties": g.of(t.Elem())}
	case reflect.Pointer:
		return map[string]any{"oneOf": []any{g.of(t.Elem()), map[string]any{"type": "null"}}}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Struct:
		return g.object(t)
	}
	panic("export schema: no schema for " + t.String()) // a new kind of value needs a case
}

// def records a shared definition once and refers to it.
func (g *exportGen) def(name string, build func() map[string]any) map[string]any {
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = nil // being built: a reference to itself stops here
		g.defs[name] = build()
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

// object is a struct as an object: every member required but those the
// encoder leaves out when empty, and no other member.
func (g *exportGen) object(t reflect.Type) map[string]any {
	props, required := map[string]any{}, []string{}
	g.members(t, props, &required)
	return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}

func (g *exportGen) members(t reflect.Type, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && f.Tag.Get("json") == "" { // embedded: its members are the object's
			g.members(f.Type, props, required)
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		s := g.within(name, f.Type)
		if enum, ok := exportEnums[name]; ok {
			s = map[string]any{"enum": enum}
		}
		if name == "storia" {
			s = maps.Clone(s)
			s["minItems"] = 1 // left out when there is no earlier value
		}
		props[name] = s
		if opts != "omitempty" {
			*required = append(*required, name)
		}
	}
}

// spliced is an object written by spliceObject: the members of head, the
// fields of the table of fields, the members of tail. A field only some
// kinds of sheet have is null for the others; a weight is left out by a
// plan without weights (pesi: nessuno), an optional field (baseline,
// storico…) by a plan none of whose sheets gives it.
func (g *exportGen) spliced(head, tail reflect.Type, specs []*plan.Spec) map[string]any {
	props, required := map[string]any{}, []string{}
	g.members(head, props, &required)
	var kindOnly []any
	for _, s := range specs {
		if !s.Weight && !s.Optional { // the plan may leave them out
			required = append(required, s.Key)
		}
		switch {
		case s.PerYear:
			props[s.Key] = map[string]any{
				"type":                 "object",
				"propertyNames":        map[string]any{"pattern": "^[0-9]{4}$"},
				"additionalProperties": g.of(valueJSONType),
			}
		case s.Operational:
			props[s.Key] = map[string]any{"oneOf": []any{g.of(valueJSONType), map[string]any{"type": "null"}}}
			kindOnly = append(kindOnly, map[string]any{
				"if":   map[string]any{"properties": map[string]any{"tipo": map[string]any{"const": "operativa"}}},
				"then": map[string]any{"properties": map[string]any{s.Key: g.of(valueJSONType)}},
				"else": map[string]any{"properties": map[string]any{s.Key: map[string]any{"type": "null"}}},
			})
		default:
			props[s.Key] = g.of(valueJSONType)
		}
	}
	g.members(tail, props, &required)
	out := map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
	if len(kindOnly) > 0 {
		out["allOf"] = kindOnly
	}
	return out
}

func (g *exportGen) sheet() map[string]any {
	return g.spliced(reflect.TypeOf(sheetHead{}), reflect.TypeOf(sheetTail{}), plan.SheetSpecs())
}

func (g *exportGen) indicator() map[string]any {
	return g.spliced(reflect.TypeOf(indicatorHead{}), reflect.TypeOf(indicatorTail{}), plan.IndicatorSpecs())
}
