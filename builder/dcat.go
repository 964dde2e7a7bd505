package builder

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The DCAT-AP_IT catalogue of the open data: one catalogue, three
// datasets per plan (sheets, indicators, revision changes), each with its
// CSV and the plan's JSON as distributions. It is built once as a small
// RDF graph and written as JSON-LD and as Turtle.
//
// Without url_base the IRIs are relative to the catalogue's folder
// (dati-aperti/), so that both files name the same resources; every node
// is a fragment of the "Dati aperti" page, which describes it.

const (
	nsDCAT     = "http://www.w3.org/ns/dcat#"
	nsDCT      = "http://purl.org/dc/terms/"
	nsDCATAPIT = "http://dati.gov.it/onto/dcatapit#"
	nsFOAF     = "http://xmlns.com/foaf/0.1/"
	nsVCARD    = "http://www.w3.org/2006/vcard/ns#"
	nsXSD      = "http://www.w3.org/2001/XMLSchema#"

	euAuthority  = "http://publications.europa.eu/resource/authority/"
	ccBY40       = "https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40"
	ccBY40Name   = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)"
	attributionT = "http://purl.org/adms/licencetype/Attribution"
)

var rdfPrefixes = [][2]string{
	{"dcat", nsDCAT}, {"dcatapit", nsDCATAPIT}, {"dct", nsDCT}, {"foaf", nsFOAF}, {"vcard", nsVCARD}, {"xsd", nsXSD},
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

// catalogTitle and catalogDescription name the catalogue by the kind of
// the site's plans: "Dati aperti del PIAO".
func catalogTitle(model *plan.Site, w *words) string {
	ente := model.Config.Ente.Nome.S
	if kind := siteKind(model); kind != "" {
		return w.T("dcat.catalog.title", "kind", kind, "ente", ente)
	}
	return w.T("dcat.catalog.title.plans", "ente", ente)
}

func catalogDescription(model *plan.Site, w *words) string {
	ente := model.Config.Ente.Nome.S
	switch kind := siteKind(model); {
	case kind == "":
		return w.T("dcat.catalog.description.plans", "ente", ente)
	case w.KindName(kind) != kind:
		return w.T("dcat.catalog.description.named", "name", w.KindName(kind), "kind", kind, "ente", ente)
	default:
		return w.T("dcat.catalog.description", "kind", kind, "ente", ente)
	}
}

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

// catalog returns the catalogue of the downloads as JSON-LD and Turtle.
func catalog(model *plan.Site, w *words, downloads []download) (jsonld, ttl []byte, err error) {
	g := catalogGraph(model, w, downloads)
	jsonld, err = marshalJSON(jsonLD(g))
	return jsonld, turtle(g), err
}

// catalogIRI names a node of the catalogue: a fragment of the Dati aperti
// page, or a file of the site.
func catalogIRI(model *plan.Site, target string) string {
	if b := baseURL(&model.Config); b != "" {
		return b + target
	}
	return relURL(catalogPath("jsonld"), target)
}

func catalogGraph(model *plan.Site, w *words, downloads []download) []*rdfNode {
	cfg := &model.Config
	frag := func(id string) string { return catalogIRI(model, openDataPath()+"#"+id) }
	agent := &rdfNode{ID: frag("ente"), Types: []string{"dcatapit:Agent", "foaf:Agent"}}
	agent.text("foaf:name", cfg.Ente.Nome.S, w.Lang)
	agent.lit("dct:identifier", agentID(cfg))
	cat := &rdfNode{ID: frag("catalogo"), Types: []string{"dcatapit:Catalog", "dcat:Catalog"}}
	cat.text("dct:title", catalogTitle(model, w), w.Lang)
	cat.text("dct:description", catalogDescription(model, w), w.Lang)
	cat.ref("dct:publisher", agent.ID)
	cat.ref("foaf:homepage", catalogIRI(model, homePath()))
	cat.ref("dct:language", euAuthority+"language/ITA")
	cat.ref("dcat:themeTaxonomy", euAuthority+"data-theme")
	nodes := []*rdfNode{cat, agent}
	lic := licenceNode(model, w)
	nodes = append(nodes, lic)
	contact := contactNode(model, w, frag("contatto"))
	if contact != nil {
		nodes = append(nodes, contact)
	}
	modified, issued := "", ""
	for _, p := range model.Plans {
		modified = plan.LaterDate(modified, p.Updated())
		if issued == "" || plan.DateBefore(p.Published(), issued) {
			issued = p.Published()
		}
		nodes = append(nodes, planDatasets(model, w, p, downloads, cat, agent, lic, contact, frag)...)
	}
	if issued != "" {
		cat.typed("dct:issued", issued, dateType(issued))
		cat.typed("dct:modified", modified, dateType(modified))
	}
	return nodes
}

// agentID is the ente's identifier: its IPA code, else its tax code, else
// its name as a slug (Build warns when the IPA code is missing).
func agentID(cfg *plan.Config) string {
	switch {
	case cfg.Ente.CodiceIPA.S != "":
		return cfg.Ente.CodiceIPA.S
	case cfg.Ente.CodiceFiscale.S != "":
		return cfg.Ente.CodiceFiscale.S
	}
	return slug(cfg.Ente.Nome.S)
}

func licenceNode(model *plan.Site, w *words) *rdfNode {
	l := model.Config.Licenza
	if l.Nome.S == "CC BY 4.0" {
		n := &rdfNode{ID: ccBY40, Types: []string{"dcatapit:LicenseDocument", "dct:LicenseDocument"}}
		n.ref("dct:type", attributionT)
		n.text("foaf:name", ccBY40Name, "it") // the name the vocabulary gives it
		return n
	}
	id := l.URL.S
	if id == "" {
		id = catalogIRI(model, openDataPath()+"#licenza")
	}
	n := &rdfNode{ID: id, Types: []string{"dcatapit:LicenseDocument", "dct:LicenseDocument"}}
	n.text("foaf:name", l.Nome.S, w.Lang)
	return n
}

// contactNode is the ente's contact point, from its PEC or its site; nil
// when config.yaml gives neither.
func contactNode(model *plan.Site, w *words, id string) *rdfNode {
	e := model.Config.Ente
	if e.PEC.S == "" && e.Sito.S == "" {
		return nil
	}
	n := &rdfNode{ID: id, Types: []string{"dcatapit:Organization", "vcard:Organization", "vcard:Kind"}}
	n.text("vcard:fn", e.Nome.S, w.Lang)
	if e.PEC.S != "" {
		n.ref("vcard:hasEmail", "mailto:"+e.PEC.S)
	}
	if e.Sito.S != "" {
		n.ref("vcard:hasURL", e.Sito.S)
	}
	return n
}

// datasetSpecs are the datasets of a plan: the CSV that holds each; their
// titles and descriptions are the words "dcat.dataset.ID.title" and
// ".description".
var datasetSpecs = []struct{ id, file string }{
	{"schede", "schede.csv"},
	{"indicatori", "indicatori.csv"},
	{"revisioni", "revisioni.csv"},
}

func planDatasets(model *plan.Site, w *words, p *plan.Plan, downloads []download, cat, agent, lic, contact *rdfNode, frag func(string) string) []*rdfNode {
	var out []*rdfNode
	period := &rdfNode{ID: frag(p.Slug + "-periodo"), Types: []string{"dct:PeriodOfTime"}}
	period.typed("dcat:startDate", fmt.Sprintf("%d-01-01", p.FirstYear), "xsd:date")
	period.typed("dcat:endDate", fmt.Sprintf("%d-12-31", p.LastYear), "xsd:date")
	out = append(out, period)
	for _, spec := range datasetSpecs {
		id := p.Slug + "-" + spec.id
		ds := &rdfNode{ID: frag(id), Types: []string{"dcatapit:Dataset", "dcat:Dataset"}}
		cat.ref("dcat:dataset", ds.ID)
		ds.lit("dct:identifier", agentID(&model.Config)+":"+id)
		ds.text("dct:title", w.T("dcat.dataset."+spec.id+".title", "plan", p.Titolo.S), w.Lang)
		ds.text("dct:description", w.T("dcat.dataset."+spec.id+".description"), w.Lang)
		ds.typed("dct:issued", p.Published(), dateType(p.Published()))
		ds.typed("dct:modified", p.Updated(), dateType(p.Updated()))
		ds.ref("dcat:theme", euAuthority+"data-theme/GOVE")
		ds.ref("dct:accrualPeriodicity", euAuthority+"frequency/IRREG")
		ds.ref("dct:rightsHolder", agent.ID)
		ds.ref("dct:publisher", agent.ID)
		ds.ref("dct:language", euAuthority+"language/ITA")
		ds.ref("dcat:landingPage", catalogIRI(model, planPath(p)))
		ds.ref("dct:temporal", period.ID)
		if contact != nil {
			ds.ref("dcat:contactPoint", contact.ID)
		}
		for _, k := range strings.Split(w.T("dcat.keywords", "kind", p.Tipo.S), ", ") {
			ds.text("dcat:keyword", k, w.Lang)
		}
		out = append(out, ds)
		for _, file := range []string{spec.file, "piano.json"} {
			d := findDownload(downloads, dataPath(p, file))
			dist := distribution(model, w, d, frag(id+"-"+strings.TrimSuffix(file, path.Ext(file))), lic)
			ds.ref("dcat:distribution", dist.ID)
			out = append(out, dist)
		}
	}
	return out
}

func findDownload(downloads []download, p string) download {
	for _, d := range downloads {
		if d.Path == p {
			return d
		}
	}
	return download{Path: p}
}

var fileTypes = map[string][2]string{
	"CSV":  {"CSV", "text/csv"},
	"JSON": {"JSON", "application/json"},
}

func distribution(model *plan.Site, w *words, d download, id string, lic *rdfNode) *rdfNode {
	n := &rdfNode{ID: id, Types: []string{"dcatapit:Distribution", "dcat:Distribution"}}
	ft := fileTypes[d.Format]
	n.ref("dct:format", euAuthority+"file-type/"+ft[0])
	n.ref("dcat:mediaType", "http://www.iana.org/assignments/media-types/"+ft[1])
	n.ref("dcat:accessURL", catalogIRI(model, d.Path))
	n.ref("dcat:downloadURL", catalogIRI(model, d.Path))
	n.ref("dct:license", lic.ID)
	n.text("dct:title", d.Title+" ("+d.Format+")", w.Lang)
	n.text("dct:description", w.T("dcat.distribution.description", "format", d.Format, "file", path.Base(d.Path)), w.Lang)
	n.typed("dcat:byteSize", fmt.Sprint(d.Size), "xsd:decimal")
	if d.Plan != nil {
		n.typed("dct:modified", d.Plan.Updated(), dateType(d.Plan.Updated()))
	}
	return n
}

// jsonLD is the graph as a JSON-LD document with a compact context.
func jsonLD(g []*rdfNode) map[string]any {
	ctx := map[string]any{}
	for _, p := range rdfPrefixes {
		ctx[p[0]] = p[1]
	}
	var graph []map[string]any
	for _, n := range g {
		obj := map[string]any{"@id": n.ID, "@type": n.Types}
		preds := map[string][]any{}
		for _, p := range n.Props {
			var v any
			switch {
			case p.Ref != "":
				v = map[string]string{"@id": p.Ref}
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
