package plan

import (
	"iter"
	"slices"
	"unsafe"
)

// This file is the one table of the revisable fields of sheets and
// indicators, in the order of the paper sheet. The pages, the change
// lists, the CSV and JSON open data, the search index and the rules all
// range over it, so that adding a field to indicators is: the struct field
// with its tag (the loader and the JSON Schema follow the tag), one row
// here, its words in the theme's i18n file, and the docs. A test fails
// when a revisable field of the model has no row, or when an output
// leaves out a row.

// Spec describes one revisable field.
type Spec struct {
	Key     string     // the content key, as the struct tag names it: "target"
	Of      Owner      // whose field it is
	PerYear bool       // one value per year of the plan, each with Value.Anno
	Search  SearchRole // how the search index reads it
	Weight  bool       // a weight: a plan without weights has none (Plan.Has)
	// Optional: a field few plans have, which the data of a plan lists
	// only when one of its sheets or indicators gives it (Plan.Has).
	Optional bool
	AnyYear  bool // per-year values of any year, not only the plan's (past values)
	Dated    bool // its values carry the date they refer to (Value.Data)
	// Operational: only operational sheets have it (a sheet field).
	Operational bool
	// Badge is what a list says of a change to the field (Badge, badges.go).
	Badge Badge
}

// Owner says whether a field belongs to a sheet or to an indicator.
type Owner int

const (
	OfSheet Owner = iota
	OfIndicator
)

// SearchRole says how the search index reads a field.
type SearchRole int

const (
	SearchShown SearchRole = iota // indexed, and shown in the snippet with its label
	SearchTitle                   // indexed as the document's title, not shown again
	SearchText                    // indexed and shown without a label
	SearchNone                    // only its earlier values are indexed, as history
)

// Field is one value of a field: for a per-year field, the value of one
// year (Value.Anno).
type Field struct {
	*Spec
	Value Value
}

type indicatorField struct {
	Spec
	values func(*Indicator) []Value
}

type sheetField struct {
	Spec
	values func(*Sheet) []Value
}

// IndicatorFields are the revisable fields of an indicator, in order.
var indicatorFields = []indicatorField{
	{Spec{Key: "descrizione", Search: SearchTitle, Badge: BadgeDescription}, func(i *Indicator) []Value { return one(&i.Descrizione) }},
	{Spec{Key: "algoritmo", Badge: BadgeAlgorithm}, func(i *Indicator) []Value { return one(&i.Algoritmo) }},
	{Spec{Key: "baseline", Optional: true, Dated: true, Badge: BadgeData}, func(i *Indicator) []Value { return one(&i.Baseline) }},
	{Spec{Key: "storico", PerYear: true, AnyYear: true, Optional: true, Badge: BadgeData}, func(i *Indicator) []Value { return i.Storico }},
	{Spec{Key: "risultato_atteso", Optional: true, Badge: BadgeTarget}, func(i *Indicator) []Value { return one(&i.RisultatoAtteso) }},
	{Spec{Key: "target", PerYear: true, Badge: BadgeTarget}, func(i *Indicator) []Value { return i.Target }},
	{Spec{Key: "peso", Search: SearchNone, Weight: true, Badge: BadgeWeight}, func(i *Indicator) []Value { return one(&i.Peso) }},
	{Spec{Key: "fonte", Badge: BadgeData}, func(i *Indicator) []Value { return one(&i.Fonte) }},
	{Spec{Key: "unita_misura", Badge: BadgeData}, func(i *Indicator) []Value { return one(&i.Unita) }},
	{Spec{Key: "tipologia", Badge: BadgeData}, func(i *Indicator) []Value { return one(&i.Tipologia) }},
}

// sheetFields are a sheet's own revisable fields (not its indicators'),
// in order.
var sheetFields = []sheetField{
	{Spec{Key: "obiettivo_operativo", Search: SearchTitle, Operational: true, Badge: BadgeDescription}, func(s *Sheet) []Value { return one(&s.Obiettivo) }},
	{Spec{Key: "descrizione", Search: SearchText, Badge: BadgeDescription}, func(s *Sheet) []Value { return one(&s.Descrizione) }},
	{Spec{Key: "risultato_atteso", Optional: true, Badge: BadgeTarget}, func(s *Sheet) []Value { return one(&s.RisultatoAtteso) }},
	{Spec{Key: "target", PerYear: true, Optional: true, Badge: BadgeTarget}, func(s *Sheet) []Value { return s.Target }},
	{Spec{Key: "peso", Search: SearchNone, Weight: true, Badge: BadgeWeight}, func(s *Sheet) []Value { return one(&s.Peso) }},
	{Spec{Key: "risorse", PerYear: true, Badge: BadgeResources}, func(s *Sheet) []Value { return s.Risorse }},
}

func init() {
	for i := range indicatorFields {
		indicatorFields[i].Of = OfIndicator
	}
	for i := range sheetFields {
		sheetFields[i].Of = OfSheet
	}
}

// one is a field of one value as a list of one: a view of the value in
// its sheet or indicator, not a copy, since the table is ranged over for
// every change list and badge of every sheet; the lists are read only.
func one(v *Value) []Value { return unsafe.Slice(v, 1) }

// IndicatorSpecs lists the specs of the indicators' fields, in order.
func IndicatorSpecs() []*Spec {
	out := make([]*Spec, len(indicatorFields))
	for i := range indicatorFields {
		out[i] = &indicatorFields[i].Spec
	}
	return out
}

// SheetSpecs lists the specs of the sheets' own fields, in order.
func SheetSpecs() []*Spec {
	out := make([]*Spec, len(sheetFields))
	for i := range sheetFields {
		out[i] = &sheetFields[i].Spec
	}
	return out
}

// Fields yields the indicator's fields, a per-year field once per year.
func (ind *Indicator) Fields() iter.Seq[Field] {
	return func(yield func(Field) bool) {
		for i := range indicatorFields {
			f := &indicatorFields[i]
			for _, v := range f.values(ind) {
				if !yield(Field{&f.Spec, v}) {
					return
				}
			}
		}
	}
}

// FieldValues returns the values of one of the indicator's fields: one
// per year for a per-year field.
func (ind *Indicator) FieldValues(s *Spec) []Value {
	for i := range indicatorFields {
		if &indicatorFields[i].Spec == s {
			return indicatorFields[i].values(ind)
		}
	}
	return nil
}

// Fields yields the sheet's own fields, a per-year field once per year;
// a strategic sheet has no operational objective.
func (s *Sheet) Fields() iter.Seq[Field] {
	return func(yield func(Field) bool) {
		for i := range sheetFields {
			f := &sheetFields[i]
			if !s.Has(&f.Spec) {
				continue
			}
			for _, v := range f.values(s) {
				if !yield(Field{&f.Spec, v}) {
					return
				}
			}
		}
	}
}

// Has reports whether the sheet's kind has the field.
func (s *Sheet) Has(spec *Spec) bool { return !spec.Operational || s.Kind == Operational }

// Has reports whether the plan has the field at all: a plan without
// weights has no weight field, in the pages or in the data; an optional
// field is there only when a sheet or an indicator of the plan gives it.
func (p *Plan) Has(spec *Spec) bool {
	switch {
	case spec.Weight && !p.Weighted():
		return false
	case spec.Optional:
		return p.used[spec]
	}
	return true
}

// fieldsUsed says which fields some sheet or indicator of the plan gives,
// for Has.
func fieldsUsed(p *Plan) map[*Spec]bool {
	used := map[*Spec]bool{}
	given := func(vs []Value) bool {
		for _, v := range vs {
			if v.S != "" || len(v.Priors()) > 0 {
				return true
			}
		}
		return false
	}
	for _, s := range p.Sheets() {
		for i := range sheetFields {
			if f := &sheetFields[i]; !used[&f.Spec] && given(f.values(s)) {
				used[&f.Spec] = true
			}
		}
		for j := range s.Indicatori {
			for i := range indicatorFields {
				if f := &indicatorFields[i]; !used[&f.Spec] && given(f.values(&s.Indicatori[j])) {
					used[&f.Spec] = true
				}
			}
		}
	}
	return used
}

// Years are the years of a per-year field in the plan: the plan's, or for
// a field of any year (past values), every year some value gives, in order.
func (p *Plan) FieldYears(spec *Spec) []string {
	if !spec.AnyYear {
		return p.Years()
	}
	return p.anyYears[spec]
}

// Specs lists those of specs that the plan has.
func (p *Plan) Specs(specs []*Spec) []*Spec {
	var out []*Spec
	for _, s := range specs {
		if p.Has(s) {
			out = append(out, s)
		}
	}
	return out
}

// FieldValues returns the values of one of the sheet's own fields.
func (s *Sheet) FieldValues(spec *Spec) []Value {
	for i := range sheetFields {
		if &sheetFields[i].Spec == spec {
			return sheetFields[i].values(s)
		}
	}
	return nil
}

// fieldYears lists, for each field of any year, the years its values give.
func fieldYears(p *Plan) map[*Spec][]string {
	out := map[*Spec][]string{}
	add := func(s *Spec, vs []Value) {
		for _, v := range vs {
			if !slices.Contains(out[s], v.Anno) {
				out[s] = append(out[s], v.Anno)
			}
		}
	}
	for _, s := range p.Sheets() {
		for i := range sheetFields {
			if f := &sheetFields[i]; f.AnyYear {
				add(&f.Spec, f.values(s))
			}
		}
		for j := range s.Indicatori {
			for i := range indicatorFields {
				if f := &indicatorFields[i]; f.AnyYear {
					add(&f.Spec, f.values(&s.Indicatori[j]))
				}
			}
		}
	}
	for _, ys := range out {
		slices.Sort(ys)
	}
	return out
}
