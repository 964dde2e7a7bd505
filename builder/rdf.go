package builder

import (
	"fmt"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// A small RDF graph and its two syntaxes, JSON-LD and Turtle, for the
// catalogue of dcat.go. Every IRI is absolute: the catalogue is written
// only when url_base is set, so that a harvester that reads it with no
// base address (as ckanext-dcat does) resolves nothing against its own
// folder.

const (
	nsDCAT     = "http://www.w3.org/ns/dcat#"
	nsDCT      = "http://purl.org/dc/terms/"
	nsDCATAPIT = "http://dati.gov.it/onto/dcatapit#"
	nsFOAF     = "http://xmlns.com/foaf/0.1/"
	nsRDFS     = "http://www.w3.org/2000/01/rdf-schema#"
	nsSchema   = "http://schema.org/"
	nsSKOS     = "http://www.w3.org/2004/02/skos/core#"
	nsVCARD    = "http://www.w3.org/2006/vcard/ns#"
	nsXSD      = "http://www.w3.org/2001/XMLSchema#"
)

var rdfPrefixes = [][2]string{
	{"dcat", nsDCAT}, {"dcatapit", nsDCATAPIT}, {"dct", nsDCT}, {"foaf", nsFOAF}, {"rdfs", nsRDFS}, {"schema", nsSchema},
	{"skos", nsSKOS}, {"vcard", nsVCARD}, {"xsd", nsXSD},
}

// rdfNode is a subject with its types and properties.
type rdfNode struct {
	ID    string
	Types []string
	Props []rdfProp
}

// rdfProp is a predicate and its object: an IRI (Ref) or a literal with a
// language or a datatype.
type rdfProp struct {
	Pred  string
	Ref   string
	Lit   string
	Lang  string
	DType string
}

func (n *rdfNode) ref(pred, iri string) { n.Props = append(n.Props, rdfProp{Pred: pred, Ref: iri}) }
func (n *rdfNode) text(pred, s, lang string) {
	n.Props = append(n.Props, rdfProp{Pred: pred, Lit: s, Lang: lang})
}
func (n *rdfNode) lit(pred, s string) { n.Props = append(n.Props, rdfProp{Pred: pred, Lit: s}) }
func (n *rdfNode) typed(pred, s, dtype string) {
	n.Props = append(n.Props, rdfProp{Pred: pred, Lit: s, DType: dtype})
}

// date states a date as precise as the content states it (dateType):
// a day, a month or a year, never a day it lacks.
func (n *rdfNode) date(pred, s string) { n.typed(pred, s, dateType(s)) }

// dateType is the XML Schema type of a date as precise as the content
// states it: xsd:date, xsd:gYearMonth or xsd:gYear, which DCAT accepts for
// dct:issued and dct:modified.
func dateType(date string) string {
	switch _, _, _, p := plan.ParseDate(date); p {
	case plan.Month:
		return "xsd:gYearMonth"
	case plan.Year:
		return "xsd:gYear"
	}
	return "xsd:date"
}

// rdfGraph is a list of nodes, each subject once.
type rdfGraph struct {
	nodes []*rdfNode
	byID  map[string]*rdfNode
}

// add adds n, or merges its types and properties into the node of the
// same subject.
func (g *rdfGraph) add(n *rdfNode) *rdfNode {
	if g.byID == nil {
		g.byID = map[string]*rdfNode{}
	}
	if old := g.byID[n.ID]; old != nil {
		for _, t := range n.Types {
			if !containsString(old.Types, t) {
				old.Types = append(old.Types, t)
			}
		}
		old.Props = append(old.Props, n.Props...)
		return old
	}
	g.byID[n.ID] = n
	g.nodes = append(g.nodes, n)
	return n
}

// kind states the class of a resource the graph refers to (a page, an
// entry of a vocabulary), as DCAT-AP 3 wants every object typed, and
// returns its IRI.
func (g *rdfGraph) kind(iri string, types ...string) string {
	g.add(&rdfNode{ID: iri, Types: types})
	return iri
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// jsonLD is the graph as a JSON-LD document with a compact context.
func jsonLD(g []*rdfNode) map[string]any {
	ctx := map[string]any{}
	for _, p := range rdfPrefixes {
		ctx[p[0]] = p[1]
	}
	var graph []map[string]any
	for _, n := range g {
		obj := map[string]any{"@id": iriEscape(n.ID), "@type": n.Types}
		preds := map[string][]any{}
		for _, p := range n.Props {
			var v any
			switch {
			case p.Ref != "":
				v = map[string]string{"@id": iriEscape(p.Ref)}
			case p.Lang != "":
				v = map[string]string{"@value": p.Lit, "@language": p.Lang}
			case p.DType != "":
				v = map[string]string{"@value": p.Lit, "@type": p.DType}
			default:
				v = p.Lit
			}
			preds[p.Pred] = append(preds[p.Pred], v)
		}
		for k, vs := range preds {
			obj[k] = vs
		}
		graph = append(graph, obj)
	}
	return map[string]any{"@context": ctx, "@graph": graph}
}

// turtle is the graph in Turtle.
func turtle(g []*rdfNode) []byte {
	var b strings.Builder
	for _, p := range rdfPrefixes {
		fmt.Fprintf(&b, "@prefix %s: <%s> .\n", p[0], p[1])
	}
	for _, n := range g {
		fmt.Fprintf(&b, "\n<%s> a %s", iriEscape(n.ID), strings.Join(n.Types, ", "))
		props := append([]rdfProp(nil), n.Props...)
		sort.SliceStable(props, func(i, j int) bool { return props[i].Pred < props[j].Pred })
		for _, p := range props {
			fmt.Fprintf(&b, " ;\n    %s %s", p.Pred, turtleObject(p))
		}
		b.WriteString(" .\n")
	}
	return []byte(b.String())
}

func turtleObject(p rdfProp) string {
	switch {
	case p.Ref != "":
		return "<" + iriEscape(p.Ref) + ">"
	case p.Lang != "":
		return turtleString(p.Lit) + "@" + p.Lang
	case p.DType != "":
		return turtleString(p.Lit) + "^^" + p.DType
	}
	return turtleString(p.Lit)
}

var turtleEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

func turtleString(s string) string { return `"` + turtleEscaper.Replace(s) + `"` }

// iriEscape percent-encodes the characters an IRI reference may not hold.
func iriEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r <= ' ' || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(&b, "%%%02X", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
