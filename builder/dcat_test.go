package builder

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// Mandatory properties of the DCAT-AP_IT profile, by class.
var dcatMandatory = map[string][]string{
	"dcatapit:Catalog":         {"dct:title", "dct:description", "dct:publisher", "dct:modified", "foaf:homepage", "dcat:dataset"},
	"dcatapit:Dataset":         {"dct:identifier", "dct:title", "dct:description", "dct:modified", "dcat:theme", "dct:rightsHolder", "dct:accrualPeriodicity", "dcat:distribution"},
	"dcatapit:Distribution":    {"dct:format", "dcat:accessURL", "dct:license"},
	"dcatapit:Agent":           {"foaf:name", "dct:identifier"},
	"dcatapit:LicenseDocument": {"foaf:name"},
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

// TestDCATCatalog: the JSON-LD catalogue parses, every node has the
// mandatory properties of its DCAT-AP_IT class, every reference names a
// node or a file of the site, and the Turtle file names the same nodes.
func TestDCATCatalog(t *testing.T) {
	site := buildExample(t, true)
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
	count := map[string]int{}
	for _, n := range doc.Graph {
		nodes[n["@id"].(string)] = n
		for _, typ := range n.types() {
			count[typ]++
			for _, prop := range dcatMandatory[typ] {
				if _, ok := n[prop]; !ok {
					t.Errorf("%s %s: no mandatory %s", typ, n["@id"], prop)
				}
			}
		}
	}
	if count["dcatapit:Catalog"] != 1 || count["dcatapit:Dataset"] != 3 || count["dcatapit:Distribution"] != 6 || count["dcatapit:Agent"] != 1 {
		t.Errorf("catalogue holds %v, want 1 catalogue, 3 datasets, 6 distributions, 1 agent", count)
	}
	for id, n := range nodes {
		for _, prop := range []string{"dcat:dataset", "dcat:distribution", "dct:publisher", "dct:rightsHolder", "dct:license", "dct:temporal"} {
			for _, ref := range n.refs(prop) {
				if _, ok := nodes[ref]; !ok {
					t.Errorf("%s %s → %s: no such node", id, prop, ref)
				}
			}
		}
		for _, ref := range append(n.refs("dcat:accessURL"), n.refs("foaf:homepage")...) {
			if _, ok := site.Files[path.Join("dati-aperti", ref)]; !ok {
				t.Errorf("%s → %s: no such file in the site", id, ref)
			}
		}
	}
	ds := nodes["index.html#piao-2024-2026-indicatori"]
	if ds == nil || !strings.Contains(string(mustJSON(ds["dct:modified"])), "2024-09-12") {
		t.Errorf("indicators dataset: want dct:modified 2024-09-12 (the revision), got %v", ds)
	}
	if lic := nodes[ccBY40]; lic == nil || lic.refs("dct:type")[0] != attributionT {
		t.Error("licence: want CC BY 4.0 from the AgID vocabulary")
	}
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

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// TestDCATIdentifiers: with url_base and an IPA code, IRIs are absolute
// and identifiers carry the IPA code; without, Build warns.
func TestDCATIdentifiers(t *testing.T) {
	cfg := testConfig + "  codice_ipa: cciaa_prova\nurl_base: https://trasparenza.example.it/piao\n"
	site, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": cfg}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	if _, w := ds.Count(); w != 0 {
		t.Errorf("warnings with url_base and codice_ipa set:\n%s", ds.Error())
	}
	ld := string(site.Files["dati-aperti/catalogo.jsonld"])
	for _, want := range []string{`"cciaa_prova:p-indicatori"`, `"@id": "https://trasparenza.example.it/piao/p/dati/indicatori.csv"`,
		`"@id": "https://trasparenza.example.it/piao/dati-aperti/index.html#catalogo"`} {
		if !strings.Contains(ld, want) {
			t.Errorf("catalogue lacks %s", want)
		}
	}
	site, ds = Build(Input{Site: testSite(nil), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	msgs := ds.Error()
	for _, want := range []string{"manca url_base", "manca ente.codice_ipa"} {
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
	page := string(site.Files["dati-aperti/index.html"])
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
