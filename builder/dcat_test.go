package builder

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// Mandatory properties of the DCAT-AP_IT profile, by class (with
// dct:identifier, which needs ente.codice_ipa, and the contact point's,
// which need a mailbox).
var dcatMandatory = map[string][]string{
	"dcatapit:Catalog":         {"dct:title", "dct:description", "dct:publisher", "dct:modified", "foaf:homepage", "dcat:dataset"},
	"dcatapit:Dataset":         {"dct:identifier", "dct:title", "dct:description", "dct:modified", "dcat:theme", "dct:rightsHolder", "dct:accrualPeriodicity", "dcat:distribution"},
	"dcatapit:Distribution":    {"dct:format", "dcat:accessURL", "dct:license"},
	"dcatapit:Agent":           {"foaf:name", "dct:identifier"},
	"dcatapit:LicenseDocument": {"foaf:name"},
	"dcatapit:Organization":    {"vcard:fn", "vcard:hasEmail"},
	"dcatapit:Standard":        {"dct:identifier"},
	"dct:PeriodOfTime":         {"dcatapit:startDate", "dcatapit:endDate", "dcat:startDate", "dcat:endDate", "schema:startDate", "schema:endDate"},
}

// dcatRanges are the classes DCAT-AP 3.0 wants the objects of these
// properties to have: the catalogue must state them.
var dcatRanges = map[string]string{
	"dct:format": "dct:MediaTypeOrExtent", "dcat:mediaType": "dct:MediaType", "dct:language": "dct:LinguisticSystem",
	"dct:accrualPeriodicity": "dct:Frequency", "dcat:landingPage": "foaf:Document", "foaf:homepage": "foaf:Document",
	"dcat:theme": "skos:Concept", "dct:type": "skos:Concept", "dct:conformsTo": "dct:Standard",
	"dct:temporal": "dct:PeriodOfTime", "dcat:contactPoint": "vcard:Kind", "dct:publisher": "foaf:Agent",
	"dct:rightsHolder": "foaf:Agent", "dct:license": "dct:LicenseDocument", "dcat:distribution": "dcat:Distribution",
	"dcat:dataset": "dcat:Dataset", "dcat:themeTaxonomy": "skos:ConceptScheme",
}

const testBase = "https://trasparenza.example.it/piao/"

// exampleWith builds a copy of the example with config.yaml's url_base set
// to base (none when empty) and the given keys added under ente.
func exampleWith(t *testing.T, base string, ente ...string) *Site {
	t.Helper()
	dir := exampleSite(t)
	file := filepath.Join(dir, "config.yaml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const name = "\n  nome: Camera di Commercio Monte Rosa Laghi Alto Piemonte\n"
	if !bytes.Contains(b, []byte(name)) {
		t.Fatal("config.yaml of the example: no ente.nome")
	}
	var keys strings.Builder
	for _, k := range ente {
		keys.WriteString("  " + k + "\n")
	}
	cfg := strings.Replace(string(b), name, name+keys.String(), 1)
	if base != "" {
		cfg += "url_base: " + base + "\n"
	}
	if err := os.WriteFile(file, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes})
	if site == nil {
		t.Fatalf("build failed:\n%s", ds.Error())
	}
	return site
}

type jsonldNode map[string]any

func (n jsonldNode) types() []string {
	var out []string
	for _, t := range n["@type"].([]any) {
		out = append(out, t.(string))
	}
	return out
}

// refs returns the @id values of a property.
func (n jsonldNode) refs(prop string) []string {
	var out []string
	vs, _ := n[prop].([]any)
	for _, v := range vs {
		if m, ok := v.(map[string]any); ok && m["@id"] != nil {
			out = append(out, m["@id"].(string))
		}
	}
	return out
}

// values returns the literal values of a property, as "value^^type" or
// "value@lang".
func (n jsonldNode) values(prop string) []string {
	var out []string
	vs, _ := n[prop].([]any)
	for _, v := range vs {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			if v["@type"] != nil {
				out = append(out, fmt.Sprint(v["@value"], "^^", v["@type"]))
			} else if v["@language"] != nil {
				out = append(out, fmt.Sprint(v["@value"], "@", v["@language"]))
			}
		}
	}
	return out
}

// catalogNodes parses the JSON-LD catalogue of a site into its nodes.
func catalogNodes(t *testing.T, site *Site) map[string]jsonldNode {
	t.Helper()
	var doc struct {
		Context map[string]string `json:"@context"`
		Graph   []jsonldNode      `json:"@graph"`
	}
	if err := json.Unmarshal(site.Files["dati-aperti/catalogo.jsonld"], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Context["dcatapit"] != "http://dati.gov.it/onto/dcatapit#" {
		t.Errorf("context: %v", doc.Context)
	}
	nodes := map[string]jsonldNode{}
	for _, n := range doc.Graph {
		nodes[n["@id"].(string)] = n
	}
	return nodes
}

// TestDCATCatalog: with url_base, codice_ipa and a mailbox, every node of
// the JSON-LD catalogue has the mandatory properties of its DCAT-AP_IT
// class, every object is typed as DCAT-AP 3.0 wants, every reference
// names a node or a file of the site, and the Turtle file names the same
// nodes.
func TestDCATCatalog(t *testing.T) {
	site := exampleWith(t, testBase, "codice_ipa: cciaa_prova", "pec: protocollo@pec.example.it")
	nodes := catalogNodes(t, site)
	count := map[string]int{}
	for id, n := range nodes {
		if !strings.HasPrefix(id, "http://") && !strings.HasPrefix(id, "https://") {
			t.Errorf("node %s: not an absolute IRI", id)
		}
		for _, typ := range n.types() {
			count[typ]++
			for _, prop := range dcatMandatory[typ] {
				if _, ok := n[prop]; !ok {
					t.Errorf("%s %s: no mandatory %s", typ, id, prop)
				}
			}
		}
		for prop, class := range dcatRanges {
			for _, ref := range n.refs(prop) {
				if obj := nodes[ref]; obj == nil || !slices.Contains(obj.types(), class) {
					t.Errorf("%s %s → %s: not stated a %s", id, prop, ref, class)
				}
			}
		}
		for _, ref := range append(n.refs("dcat:accessURL"), n.refs("dcat:downloadURL")...) {
			if _, ok := site.Files[strings.TrimPrefix(ref, testBase)]; !ok {
				t.Errorf("%s → %s: no such file in the site", id, ref)
			}
		}
	}
	want := map[string]int{"dcatapit:Catalog": 1, "dcatapit:Dataset": 3, "dcatapit:Distribution": 6, "dcatapit:Agent": 1,
		"dcatapit:Organization": 1, "dcatapit:Standard": 1, "dct:PeriodOfTime": 1}
	for typ, n := range want {
		if count[typ] != n {
			t.Errorf("%d %s, want %d", count[typ], typ, n)
		}
	}
	checkDCATValues(t, site, nodes)
	ttl := string(site.Files["dati-aperti/catalogo.ttl"])
	subjects := regexp.MustCompile(`(?m)^<([^>]+)> a `).FindAllStringSubmatch(ttl, -1)
	if len(subjects) != len(nodes) {
		t.Errorf("Turtle: %d subjects, JSON-LD %d nodes", len(subjects), len(nodes))
	}
	for _, s := range subjects {
		if nodes[s[1]] == nil {
			t.Errorf("Turtle subject %s is not in the JSON-LD", s[1])
		}
	}
}

// checkDCATValues checks the values a harvester imports: identifiers,
// period, contact, dates, sizes and the export schema.
func checkDCATValues(t *testing.T, site *Site, nodes map[string]jsonldNode) {
	frag := testBase + "dati-aperti/index.html#"
	for id, want := range map[string]map[string][]string{
		frag + "ente":                        {"dct:identifier": {"cciaa_prova"}},
		frag + "piao-2024-2026-indicatori":   {"dct:identifier": {"cciaa_prova:piao-2024-2026-indicatori"}, "dct:modified": {"2024-09-12^^xsd:date"}},
		frag + "piao-2024-2026-periodo":      {"dcatapit:startDate": {"2024^^xsd:gYear"}, "schema:endDate": {"2026^^xsd:gYear"}, "dcat:startDate": {"2024^^xsd:gYear"}},
		frag + "contatto":                    {"vcard:fn": {"Camera di Commercio Monte Rosa Laghi Alto Piemonte@it"}},
		frag + "piao-2024-2026-schede-piano": {"dcat:byteSize": {fmt.Sprint(len(site.Files["piao-2024-2026/dati/piano.json"]), "^^xsd:nonNegativeInteger")}},
	} {
		n := nodes[id]
		if n == nil {
			t.Errorf("no node %s", id)
			continue
		}
		for prop, vals := range want {
			if got := n.values(prop); !slices.Equal(got, vals) {
				t.Errorf("%s %s = %v, want %v", id, prop, got, vals)
			}
		}
	}
	if got := nodes[frag+"contatto"].refs("vcard:hasEmail"); !slices.Equal(got, []string{"mailto:protocollo@pec.example.it"}) {
		t.Errorf("contact point e-mail %v", got)
	}
	if got := nodes[frag+"piao-2024-2026-revisioni-piano"].refs("dct:conformsTo"); !slices.Equal(got, []string{testBase + "schema/piano.json.schema.json"}) {
		t.Errorf("piano.json conforms to %v", got)
	}
	if got := nodes[frag+"piao-2024-2026-revisioni"].refs("dcat:contactPoint"); !slices.Equal(got, []string{frag + "contatto"}) {
		t.Errorf("dataset contact point %v", got)
	}
	if lic := nodes[ccBY40]; lic == nil || lic.refs("dct:type")[0] != attributionT {
		t.Error("licence: want CC BY 4.0 from the AgID vocabulary")
	}
}

// TestDCATWithout: without url_base (the example as it is) no catalogue
// is written, and the Dati aperti page says why and how to publish it;
// with a url_base that is not absolute, neither; without codice_ipa no
// node has a dct:identifier; the contact point takes the ordinary mailbox
// before the PEC, and there is none without a mailbox.
func TestDCATWithout(t *testing.T) {
	for _, site := range []*Site{buildExample(t, false), exampleWith(t, "trasparenza.example.it/piao")} {
		for _, f := range []string{"dati-aperti/catalogo.jsonld", "dati-aperti/catalogo.ttl", "sitemap.xml"} {
			if _, ok := site.Files[f]; ok {
				t.Errorf("%s written without an absolute url_base", f)
			}
		}
		page := string(site.Files["dati-aperti/index.html"])
		for _, want := range []string{"Il catalogo DCAT-AP_IT non è pubblicato", "<code>url_base: https://trasparenza.example.it/piao/</code>"} {
			if !strings.Contains(page, want) {
				t.Errorf("Dati aperti page lacks %q", want)
			}
		}
		if strings.Contains(page, "catalogo.jsonld") {
			t.Error("Dati aperti page links a catalogue that is not there")
		}
	}
	site := exampleWith(t, testBase, "pec: protocollo@pec.example.it", "email: dati@example.it")
	if strings.Contains(string(site.Files["dati-aperti/index.html"]), "non è pubblicato") {
		t.Error("Dati aperti page says the catalogue is missing")
	}
	nodes := catalogNodes(t, site)
	for id, n := range nodes {
		if _, ok := n["dct:identifier"]; ok && !slices.Contains(n.types(), "dcatapit:Standard") {
			t.Errorf("%s has a dct:identifier without codice_ipa: %v", id, n["dct:identifier"])
		}
	}
	if got := nodes[testBase+"dati-aperti/index.html#contatto"].refs("vcard:hasEmail"); !slices.Equal(got, []string{"mailto:dati@example.it"}) {
		t.Errorf("contact point e-mail %v, want the ordinary mailbox", got)
	}
	site = exampleWith(t, testBase, "sito: https://www.example.it")
	if _, ok := catalogNodes(t, site)[testBase+"dati-aperti/index.html#contatto"]; ok {
		t.Error("a contact point without a mailbox")
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// TestDCATIdentifiers: with url_base and an IPA code, IRIs are absolute
// and identifiers carry the IPA code, with no warning; without, Build
// warns.
func TestDCATIdentifiers(t *testing.T) {
	cfg := testConfig + "  codice_ipa: cciaa_prova\n" + testContacts + "url_base: https://trasparenza.example.it/piao\n"
	site, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": cfg}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	if _, w := ds.Count(); w != 0 {
		t.Errorf("warnings with url_base and codice_ipa set:\n%s", ds.Error())
	}
	ld := string(site.Files["dati-aperti/catalogo.jsonld"])
	for _, want := range []string{`"cciaa_prova:p-indicatori"`, `"@id":"https://trasparenza.example.it/piao/p/dati/indicatori.csv"`,
		`"@id":"https://trasparenza.example.it/piao/dati-aperti/index.html#catalogo"`} {
		if !strings.Contains(ld, want) {
			t.Errorf("catalogue lacks %s", want)
		}
	}
	site, ds = Build(Input{Site: testSite(map[string]string{"config.yaml": testConfig}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	msgs := ds.Error()
	for _, want := range []string{"manca url_base: catalogo DCAT-AP_IT e sitemap.xml non pubblicati", "manca ente.codice_ipa"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("no warning %q in:\n%s", want, msgs)
		}
	}
}

// TestFeed: the Atom feed has one entry per revision act, listing what
// changed, with links to sheets that exist.
func TestFeed(t *testing.T) {
	site := buildExample(t, true)
	var f struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	b := site.Files["revisioni.xml"]
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`xmlns="http://www.w3.org/2005/Atom"`)) || f.Updated != "2024-09-12T00:00:00Z" || !strings.HasPrefix(f.ID, "urn:uuid:") {
		t.Errorf("feed head: id %q updated %q", f.ID, f.Updated)
	}
	if len(f.Entries) != len(site.Model.Plans[0].Revisioni) {
		t.Fatalf("%d entries, want one per revision", len(f.Entries))
	}
	e := f.Entries[0]
	if !strings.Contains(e.Title, "revisione del 12 settembre 2024") || e.Updated != "2024-09-12T00:00:00Z" {
		t.Errorf("entry: %q %q", e.Title, e.Updated)
	}
	target, _, _ := strings.Cut(e.Link.Href, "#")
	if _, ok := site.Files[target]; !ok {
		t.Errorf("entry link %q: no such page", e.Link.Href)
	}
	if !strings.Contains(e.Content, "«≤ 20%» → «≤ 5%»") {
		t.Error("entry content does not list the Registro Imprese target change")
	}
	links := regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(e.Content, -1)
	if len(links) < 10 {
		t.Errorf("entry links %d sheets, want every revised sheet", len(links))
	}
	for _, l := range links {
		if _, ok := site.Files[l[1]]; !ok {
			t.Errorf("entry content links %q: no such page", l[1])
		}
	}
}

// TestDiscovery: robots.txt allows indexing; sitemap.xml exists only with
// url_base, with absolute URLs of every page.
func TestDiscovery(t *testing.T) {
	site := buildExample(t, true)
	robots := string(site.Files["robots.txt"])
	if !strings.Contains(robots, "User-agent: *\nAllow: /") || strings.Contains(robots, "Disallow") {
		t.Errorf("robots.txt = %q", robots)
	}
	if _, ok := site.Files["sitemap.xml"]; ok {
		t.Error("sitemap.xml written without url_base")
	}
	cfg := testConfig + "url_base: https://trasparenza.example.it/piao/\n"
	site, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": cfg}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(site.Files["sitemap.xml"], &set); err != nil {
		t.Fatal(err)
	}
	if len(set.URLs) != site.Pages {
		t.Errorf("sitemap lists %d URLs, want %d pages", len(set.URLs), site.Pages)
	}
	for _, u := range set.URLs {
		file := strings.TrimPrefix(u.Loc, "https://trasparenza.example.it/piao/")
		if _, ok := site.Files[file]; !ok || file == u.Loc {
			t.Errorf("sitemap URL %q is not an absolute URL of a page", u.Loc)
		}
	}
	if !strings.Contains(string(site.Files["robots.txt"]), "Sitemap: https://trasparenza.example.it/piao/sitemap.xml") {
		t.Error("robots.txt does not name the sitemap")
	}
}

// TestOpenDataPage: the Dati aperti page lists every download with its
// format and size, the schemas are published, and each sheet page links
// to its data.
func TestOpenDataPage(t *testing.T) {
	site := buildExample(t, false)
	page := withoutAbbr(string(site.Files["dati-aperti/index.html"]))
	downloads, err := addOpenData(newOutputs(nil, nil), site.Model, italian(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range downloads {
		row := `<a href="` + relURL("dati-aperti/index.html", d.Path) + `">` + htmlEscape(d.Title) + `</a></td><td>` + d.Format + `</td><td>` + italianSize(d.Size) + `</td>`
		if !strings.Contains(page, row) {
			t.Errorf("Dati aperti page lacks the row %s", row)
		}
		if len(site.Files[d.Path]) != d.Size {
			t.Errorf("%s: listed size %d, file %d bytes", d.Path, d.Size, len(site.Files[d.Path]))
		}
	}
	for name, b := range SchemaFiles() {
		if !bytes.Equal(site.Files["schema/"+name], b) {
			t.Errorf("schema/%s not published", name)
		}
	}
	sheet := string(site.Files["piao-2024-2026/operativi/suap/index.html"])
	for _, want := range []string{`href="scheda.json"`, `href="../../dati/indicatori.csv"`, `href="../../../dati-aperti/index.html"`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet page lacks the data link %s", want)
		}
	}
}

var htmlEscape = strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace

// TestEncodeFeed: the feed written into one buffer is what the header,
// xml.MarshalIndent and a final newline give.
func TestEncodeFeed(t *testing.T) {
	f := atomFeed{Lang: "it", ID: "urn:uuid:1", Title: "Piano & <revisioni>", Updated: "2024-09-12T00:00:00Z",
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: "index.html"}},
		Entries: []atomEntry{{ID: "urn:uuid:2", Title: "Revisione \"uno\"", Updated: "2024-09-12T00:00:00Z",
			Content: atomContent{Type: "html", Body: "<p>cambiato</p>\n<ul><li>a &amp; b</li></ul>"}}}}
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte(xml.Header), append(b, '\n')...)
	if got := encodeFeed(f); !bytes.Equal(got, want) {
		t.Errorf("encodeFeed:\n%s\nwant:\n%s", got, want)
	}
}
