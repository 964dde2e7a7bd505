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
			"$defs":   map[string]any{"valore": valueSchema()},
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
		if f.years {
			props[f.key] = map[string]any{
				"type":                 "object",
				"propertyNames":        map[string]any{"pattern": "^[0-9]{4}$"},
				"additionalProperties": g.of(t.FieldByIndex(f.index).Type.Elem()),
			}
		} else {
			props[f.key] = g.of(t.FieldByIndex(f.index).Type)
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
// with its earlier one(s).
func valueSchema() map[string]any {
	prior := map[string]any{
		"type":                 "object",
		"properties":           map[string]any{"valore": str(), "revisione": str()},
		"required":             []string{"valore", "revisione"},
		"additionalProperties": false,
	}
	return map[string]any{
		"description": strings.Join([]string{
			"Un testo, oppure il valore in vigore con quello precedente e la revisione che lo ha cambiato",
			"(vedi docs/content-format.md).",
		}, " "),
		"oneOf": []any{
			str(),
			map[string]any{
				"type": "object",
				"properties": map[string]any{
					"valore": str(), "precedente": str(), "revisione": str(), "rimando": str(), "data": str(),
					"precedenti": map[string]any{"type": "array", "items": prior},
				},
				"required":             []string{"valore"},
				"additionalProperties": false,
			},
		},
	}
}

// str is a scalar: piao reads every scalar as text, so what a YAML editor
// sees as a number or a boolean (2024, 80, SI in YAML 1.1) is valid too.
func str() map[string]any { return map[string]any{"type": []string{"string", "number", "boolean"}} }
