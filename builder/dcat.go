package builder

import (
	"fmt"
	"path"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The DCAT-AP_IT catalogue of the open data: one catalogue, three
// datasets per plan (sheets, indicators, revision changes), each with its
// CSV and the plan's JSON as distributions. It conforms to DCAT-AP_IT
// (what dati.gov.it harvests) and to DCAT-AP 3.0 (what data.europa.eu
// validates): every object is typed as the DCAT-AP 3.0 ranges want. It is
// built once as a small RDF graph (rdf.go) and written as JSON-LD and as
// Turtle, only when url_base is set: every IRI is absolute, every node a
// fragment of the "Dati aperti" page, which describes it.

const (
	euAuthority  = "http://publications.europa.eu/resource/authority/"
	ianaMedia    = "http://www.iana.org/assignments/media-types/"
	ccBY40       = "https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40"
	ccBY40Name   = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)"
	attributionT = "http://purl.org/adms/licencetype/Attribution"

	// The labels the vocabularies give the concepts the catalogue names:
	// DCAT-AP 3 wants a concept's label and a scheme's title in the graph.
	dataThemeTitle   = "Data theme"  // the EU scheme of data themes
	attributionLabel = "Attribution" // ADMS licence type
)

// goveLabels are the labels the EU vocabulary of data themes gives GOVE.
var goveLabels = map[string]string{"it": "Governo e settore pubblico", "de": "Regierung und öffentlicher Sektor",
	"fr": "Gouvernement et secteur public", "sl": "Vlada in javni sektor", "en": "Government and public sector"}

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

// catalog returns the catalogue of the downloads as JSON-LD and Turtle;
// nil without url_base, since a catalogue with relative IRIs names
// nothing a harvester can reach.
func catalog(model *plan.Site, w *words, downloads []download) (jsonld, ttl []byte, err error) {
	return catalogIn(oneLang(model, w), downloads)
}

// catalogIn is catalog in the languages ds: every text in each, and the
// languages of the datasets.
func catalogIn(ds dataLangs, downloads []download) (jsonld, ttl []byte, err error) {
	if !hasCatalog(ds[0].model) {
		return nil, nil, nil
	}
	g := catalogGraphIn(ds, downloads)
	jsonld, err = marshalJSON(jsonLD(g))
	return jsonld, turtle(g), err
}

// hasCatalog reports whether the site publishes its catalogue: only with
// an absolute url_base.
func hasCatalog(model *plan.Site) bool { return baseURL(&model.Config) != "" }

// catalogIRI is the absolute IRI of a file of the open data, in the main
// language's folder.
func catalogIRI(model *plan.Site, target string) string {
	return baseURL(&model.Config) + mainPrefix(&model.Config) + target
}

// pageIRI is the absolute IRI of a page in language lang.
func pageIRI(model *plan.Site, lang, target string) string {
	return baseURL(&model.Config) + langPrefixes(&model.Config)[lang] + target
}

// dcatBuild holds what the nodes of a catalogue share.
type dcatBuild struct {
	model     *plan.Site
	w         *words
	langs     dataLangs // the main one first
	g         rdfGraph
	downloads []download
	cat       *rdfNode
	agent     *rdfNode
	licence   *rdfNode
	contact   *rdfNode // nil without a mailbox
}

func (b *dcatBuild) frag(id string) string { return catalogIRI(b.model, openDataPath()+"#"+id) }

// ipa is the ente's IPA code, "" when config.yaml lacks it: then nothing
// has a dct:identifier (Build warns), rather than one the catalogue made up.
func (b *dcatBuild) ipa() string { return b.model.Config.Ente.CodiceIPA.S }

func catalogGraph(model *plan.Site, w *words, downloads []download) []*rdfNode {
	return catalogGraphIn(oneLang(model, w), downloads)
}

func catalogGraphIn(ds dataLangs, downloads []download) []*rdfNode {
	model, w := ds[0].model, ds[0].words
	b := &dcatBuild{model: model, w: w, langs: ds, downloads: downloads}
	b.cat = b.g.add(&rdfNode{ID: b.frag("catalogo"), Types: []string{"dcatapit:Catalog", "dcat:Catalog"}})
	b.agent = b.g.add(&rdfNode{ID: b.frag("ente"), Types: []string{"dcatapit:Agent", "foaf:Agent"}})
	b.texts(b.agent, "foaf:name", func(l dataLang) string { return l.model.Config.Ente.Nome.S })
	if b.ipa() != "" {
		b.agent.lit("dct:identifier", b.ipa())
	}
	b.texts(b.cat, "dct:title", func(l dataLang) string { return catalogTitle(l.model, l.words) })
	b.texts(b.cat, "dct:description", func(l dataLang) string { return catalogDescription(l.model, l.words) })
	b.cat.ref("dct:publisher", b.agent.ID)
	b.cat.ref("foaf:homepage", b.g.kind(pageIRI(model, w.Lang, homePath()), "foaf:Document"))
	b.languages(b.cat)
	b.cat.ref("dcat:themeTaxonomy", b.themeScheme())
	b.licence = b.licenceNode()
	b.contact = b.contactNode()
	modified, issued := "", ""
	for _, p := range model.Plans {
		modified = plan.LaterDate(modified, p.Updated())
		if issued == "" || plan.DateBefore(p.Published(), issued) {
			issued = p.Published()
		}
		b.planDatasets(p)
	}
	if issued != "" {
		b.cat.date("dct:issued", issued)
		b.cat.date("dct:modified", modified)
	}
	return b.g.nodes
}

// texts gives n the predicate pred in each language, as text says it
// there; in a site of several languages, a language that lacks the text
// has none.
func (b *dcatBuild) texts(n *rdfNode, pred string, text func(l dataLang) string) {
	for _, l := range b.langs {
		if s := text(l); s != "" || !b.langs.multi() {
			n.text(pred, s, l.code)
		}
	}
}

// euLanguages are the EU authority's codes of the languages piao has
// words for.
var euLanguages = map[string]string{"it": "ITA", "de": "DEU", "fr": "FRA", "sl": "SLV", "en": "ENG"}

// languages gives n the languages of the site (dct:language): the EU
// authority's, of those it has a code of.
func (b *dcatBuild) languages(n *rdfNode) {
	for _, l := range b.langs {
		if code, ok := euLanguages[l.code]; ok {
			n.ref("dct:language", b.g.kind(euAuthority+"language/"+code, "dct:LinguisticSystem"))
		}
	}
}

// theme is the EU data theme of every dataset: government and public
// sector (GOVE).
func (b *dcatBuild) theme() string {
	iri := euAuthority + "data-theme/GOVE"
	if b.g.byID[iri] == nil {
		n := b.g.add(&rdfNode{ID: iri, Types: []string{"skos:Concept"}})
		b.texts(n, "skos:prefLabel", func(l dataLang) string { return goveLabels[l.code] })
		n.ref("skos:inScheme", b.themeScheme())
	}
	return iri
}

func (b *dcatBuild) themeScheme() string {
	iri := euAuthority + "data-theme"
	if b.g.byID[iri] == nil {
		n := b.g.add(&rdfNode{ID: iri, Types: []string{"skos:ConceptScheme"}})
		n.text("dct:title", dataThemeTitle, "en")
	}
	return iri
}

func (b *dcatBuild) licenceNode() *rdfNode {
	l := b.model.Config.Licenza
	types := []string{"dcatapit:LicenseDocument", "dct:LicenseDocument"}
	if l.Nome.S == "CC BY 4.0" {
		n := b.g.add(&rdfNode{ID: ccBY40, Types: types})
		t := b.g.add(&rdfNode{ID: attributionT, Types: []string{"skos:Concept"}})
		t.text("skos:prefLabel", attributionLabel, "en")
		n.ref("dct:type", t.ID)
		n.text("foaf:name", ccBY40Name, "it") // the name the vocabulary gives it
		return n
	}
	id := l.URL.S
	if id == "" {
		id = b.frag("licenza")
	}
	n := b.g.add(&rdfNode{ID: id, Types: types})
	b.texts(n, "foaf:name", func(l dataLang) string { return l.model.Config.Licenza.Nome.S })
	return n
}

// contactNode is the ente's contact point: its name and its mailbox, the
// ordinary one or else the PEC (DCAT-AP_IT wants both); nil when
// config.yaml gives no mailbox.
func (b *dcatBuild) contactNode() *rdfNode {
	e := &b.model.Config.Ente
	mail := contactEmail(e)
	if mail == "" {
		return nil
	}
	n := b.g.add(&rdfNode{ID: b.frag("contatto"), Types: []string{"dcatapit:Organization", "vcard:Organization", "vcard:Kind"}})
	b.texts(n, "vcard:fn", func(l dataLang) string { return l.model.Config.Ente.Nome.S })
	n.ref("vcard:hasEmail", "mailto:"+mail)
	if e.Sito.S != "" {
		n.ref("vcard:hasURL", e.Sito.S)
	}
	return n
}

// datasetSpecs are the datasets of a plan: the CSV that holds each; their
// titles and descriptions are the words "dcat.dataset.ID.title" and
// ".description". The datasets of the performance cycle are there only
// for a plan that publishes their file (opendata_cycle.go).
var datasetSpecs = []struct{ id, file string }{
	{"schede", "schede.csv"},
	{"indicatori", "indicatori.csv"},
	{"revisioni", "revisioni.csv"},
	{"risultati", "risultati.csv"},
	{"raggiungimento", "raggiungimento.csv"},
	{"monitoraggio", "monitoraggio.csv"},
}

// period is the plan's temporal coverage: its first and last year, as
// the plan's period states them (xsd:gYear: no day is made up), written in
// the three forms harvesters read: DCAT 2 and DCAT-AP 3 (dcat:, whose
// range admits xsd:gYear), DCAT-AP_IT (dcatapit:) and what
// ckanext-dcatapit reads (schema:, of which the dcatapit: ones are
// sub-properties).
func (b *dcatBuild) period(p *plan.Plan) string {
	n := b.g.add(&rdfNode{ID: b.frag(p.Slug + "-periodo"), Types: []string{"dct:PeriodOfTime"}})
	start, end := fmt.Sprintf("%04d", p.FirstYear), fmt.Sprintf("%04d", p.LastYear)
	for _, ns := range []string{"dcat", "dcatapit", "schema"} {
		n.typed(ns+":startDate", start, "xsd:gYear")
		n.typed(ns+":endDate", end, "xsd:gYear")
	}
	return n.ID
}

func (b *dcatBuild) planDatasets(p *plan.Plan) {
	period := b.period(p)
	for _, spec := range datasetSpecs {
		if !published(b.downloads, dataPath(p, spec.file)) {
			continue // a file of the cycle the plan has not
		}
		id := p.Slug + "-" + spec.id
		ds := b.g.add(&rdfNode{ID: b.frag(id), Types: []string{"dcatapit:Dataset", "dcat:Dataset"}})
		b.cat.ref("dcat:dataset", ds.ID)
		if b.ipa() != "" {
			ds.lit("dct:identifier", b.ipa()+":"+id)
		}
		b.texts(ds, "dct:title", func(l dataLang) string {
			return l.words.T("dcat.dataset."+spec.id+".title", "plan", l.plan(p).Titolo.S)
		})
		b.texts(ds, "dct:description", func(l dataLang) string {
			return l.words.Levelled(l.plan(p), "dcat.dataset."+spec.id+".description", "linea,obiettivo_strategico,unita")
		})
		ds.date("dct:issued", p.Published())
		ds.date("dct:modified", p.Updated())
		ds.ref("dcat:theme", b.theme())
		ds.ref("dct:accrualPeriodicity", b.g.kind(euAuthority+"frequency/IRREG", "dct:Frequency"))
		ds.ref("dct:rightsHolder", b.agent.ID)
		ds.ref("dct:publisher", b.agent.ID)
		b.languages(ds)
		for _, l := range b.langs {
			ds.ref("dcat:landingPage", b.g.kind(pageIRI(b.model, l.code, planPath(p)), "foaf:Document"))
		}
		ds.ref("dct:temporal", period)
		if b.contact != nil {
			ds.ref("dcat:contactPoint", b.contact.ID)
		}
		for _, l := range b.langs {
			for _, k := range strings.Split(l.words.T("dcat.keywords", "kind", p.Tipo.S), ", ") {
				ds.text("dcat:keyword", k, l.code)
			}
		}
		for _, file := range []string{spec.file, "piano.json"} {
			d := findDownload(b.downloads, dataPath(p, file))
			dist := b.distribution(d, b.frag(id+"-"+strings.TrimSuffix(file, path.Ext(file))))
			ds.ref("dcat:distribution", dist.ID)
		}
	}
}

// published reports whether the downloads have a file at p.
func published(downloads []download, p string) bool {
	for _, d := range downloads {
		if d.Path == p {
			return true
		}
	}
	return false
}

func findDownload(downloads []download, p string) download {
	for _, d := range downloads {
		if d.Path == p {
			return d
		}
	}
	return download{Path: p}
}

// fileTypes are the EU file type and the IANA media type of each format.
var fileTypes = map[string][2]string{
	"CSV":  {"CSV", "text/csv"},
	"JSON": {"JSON", "application/json"},
}

func (b *dcatBuild) distribution(d download, id string) *rdfNode {
	n := b.g.add(&rdfNode{ID: id, Types: []string{"dcatapit:Distribution", "dcat:Distribution"}})
	ft := fileTypes[d.Format]
	n.ref("dct:format", b.g.kind(euAuthority+"file-type/"+ft[0], "dct:MediaTypeOrExtent"))
	n.ref("dcat:mediaType", b.g.kind(ianaMedia+ft[1], "dct:MediaType"))
	// The 3.0.0 shapes want the file stated a resource (3.0.1 no longer).
	file := b.g.kind(catalogIRI(b.model, d.Path), "rdfs:Resource")
	n.ref("dcat:accessURL", file)
	n.ref("dcat:downloadURL", file)
	n.ref("dct:license", b.licence.ID)
	b.texts(n, "dct:title", func(l dataLang) string {
		if d.key == "" || l.code == b.w.Lang {
			return d.Title + " (" + d.Format + ")"
		}
		return l.words.T(d.key, d.args...) + " (" + d.Format + ")"
	})
	b.texts(n, "dct:description", func(l dataLang) string {
		return l.words.T("dcat.distribution.description", "format", d.Format, "file", path.Base(d.Path))
	})
	// DCAT-AP 3 wants a non-negative integer; it is a decimal too (see docs/open-data.md).
	n.typed("dcat:byteSize", fmt.Sprint(d.Size), "xsd:nonNegativeInteger")
	if d.Plan != nil {
		n.date("dct:modified", d.Plan.Updated())
	}
	if s := exportSchemaOf(path.Base(d.Path)); s != nil {
		n.ref("dct:conformsTo", b.standard(s))
	}
	return n
}

// standard is the JSON Schema an export conforms to, as a DCAT-AP_IT
// Standard: its identifier is its address.
func (b *dcatBuild) standard(s *exportSchema) string {
	iri := catalogIRI(b.model, schemaPath(s.name()))
	if b.g.byID[iri] != nil {
		return iri
	}
	n := b.g.add(&rdfNode{ID: iri, Types: []string{"dcatapit:Standard", "dct:Standard"}})
	n.lit("dct:identifier", iri)
	b.texts(n, "dct:title", func(l dataLang) string { return l.words.T("dcat.standard.title", "file", s.file) })
	b.texts(n, "dct:description", func(l dataLang) string { return l.words.T("dcat.standard.description", "file", s.file) })
	return iri
}
