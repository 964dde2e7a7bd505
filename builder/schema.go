package builder

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The JSON Schemas of the content format are derived from the model's
// struct tags, the same tags the loader uses, so they cannot drift from
// what piao accepts. docs/schema/ holds a copy; a test keeps it current.

// SchemaFiles returns the JSON Schema of each kind of content file, by
// file name.
func SchemaFiles() map[string][]byte {
	out := map[string][]byte{}
	for _, s := range []struct {
		file, title, kind string
		v                 any
	}{
		{"config.schema.json", "piao: config.yaml", "", plan.Config{}},
		{"piano.schema.json", "piao: piano.yaml", "", plan.Plan{}},
		{"scheda-strategica.schema.json", "piao: scheda obiettivo strategico", "s", plan.Sheet{}},
		{"scheda-operativa.schema.json", "piao: scheda obiettivo operativo", "o", plan.Sheet{}},
	} {
		g := schemaGen{kind: s.kind}
		root := g.of(reflect.TypeOf(s.v))
		doc := map[string]any{
			"$schema": "https://json-schema.org/draft/2020-12/schema",
			"$id":     s.file,
			"title":   s.title,
			"$defs":   map[string]any{"valore": valueSchema(false), "valore_lingue": valueSchema(true), "testo": langsSchema()},
		}
		for k, v := range root {
			doc[k] = v
		}
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			panic(err) // maps of strings and slices always marshal
		}
		out[s.file] = append(b, '\n')
	}
	return out
}

type schemaGen struct{ kind string }

func (g schemaGen) of(t reflect.Type) map[string]any {
	switch {
	case t == textType:
		return str()
	case t == valueType:
		return map[string]any{"$ref": "#/$defs/valore"}
	case t == labelType:
		return map[string]any{"oneOf": []any{str(), g.object(t)}}
	case t.Kind() == reflect.Pointer:
		return g.of(t.Elem())
	case t.Kind() == reflect.Slice && t.Elem() == textType:
		return map[string]any{"oneOf": []any{str(), map[string]any{"type": "array", "items": str()}}}
	case t.Kind() == reflect.Slice:
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case t.Kind() == reflect.Struct:
		return g.object(t)
	}
	return map[string]any{}
}

func (g schemaGen) object(t reflect.Type) map[string]any {
	d := decoder{kind: g.kind}
	props := map[string]any{}
	required := []string{}
	for _, f := range d.fields(t) {
		ft := t.FieldByIndex(f.index).Type
		switch {
		case f.years:
			items := g.of(ft.Elem()) // a value, or a result or a Relazione
			if f.lang && ft.Elem() == valueType {
				items = map[string]any{"$ref": "#/$defs/valore_lingue"}
			}
			props[f.key] = map[string]any{
				"type":                 "object",
				"propertyNames":        map[string]any{"pattern": "^[0-9]{4}$"},
				"additionalProperties": items,
			}
		case f.lang && ft == textType:
			props[f.key] = map[string]any{"$ref": "#/$defs/testo"}
		case f.lang && ft == valueType:
			props[f.key] = map[string]any{"$ref": "#/$defs/valore_lingue"}
		case f.lang && ft == labelType:
			props[f.key] = map[string]any{"oneOf": []any{map[string]any{"$ref": "#/$defs/testo"}, g.object(ft)}}
		default:
			props[f.key] = g.of(ft)
		}
		if f.required {
			required = append(required, f.key)
		}
	}
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// valueSchema describes a revisable value: a text, or the current value
// with its earlier one(s); with langs, each text may be written by
// language.
func valueSchema(langs bool) map[string]any {
	text := str()
	description := []string{
		"Un testo, oppure il valore in vigore con quello precedente e la revisione che lo ha cambiato",
		"(vedi docs/content-format.md).",
	}
	if langs {
		text = map[string]any{"$ref": "#/$defs/testo"}
		description = []string{
			"Un testo, oppure il valore in vigore con quello precedente e la revisione che lo ha cambiato;",
			"in un sito in più lingue ogni testo anche per lingua (vedi docs/content-format.md).",
		}
	}
	prior := map[string]any{
		"type":                 "object",
		"properties":           map[string]any{"valore": text, "revisione": str()},
		"required":             []string{"valore", "revisione"},
		"additionalProperties": false,
	}
	object := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"valore": text, "precedente": text, "revisione": str(), "rimando": str(), "data": str(),
			"precedenti": map[string]any{"type": "array", "items": prior},
		},
		"required":             []string{"valore"},
		"additionalProperties": false,
	}
	alternatives := []any{str(), object}
	if langs {
		alternatives = []any{text, object}
	}
	return map[string]any{"description": strings.Join(description, " "), "oneOf": alternatives}
}

// langsSchema describes a text that a site of several languages may
// write by language: a text, or {it: …, de: …}.
func langsSchema() map[string]any {
	return map[string]any{
		"description": "Un testo; in un sito in più lingue (lingue in config.yaml) anche un testo per lingua, ad esempio {it: …, de: …}.",
		"oneOf": []any{str(), map[string]any{
			"type":                 "object",
			"propertyNames":        map[string]any{"pattern": "^[a-z]{2,3}$"},
			"minProperties":        1,
			"additionalProperties": str(),
		}},
	}
}

// str is a scalar: piao reads every scalar as text, so what a YAML editor
// sees as a number or a boolean (2024, 80, SI in YAML 1.1) is valid too.
func str() map[string]any { return map[string]any{"type": []string{"string", "number", "boolean"}} }
