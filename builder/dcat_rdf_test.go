package builder

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// The catalogue read by tools that are not piao's: rdflib, the RDF library
// of dati.gov.it's harvester (ckanext-dcat, ckanext-dcatapit), from
// Debian's python3-rdflib; and rdf-validate-shacl, a SHACL engine from
// npm, with the DCAT-AP 3.0 shapes of testdata/shacl. `make test`
// installs both first (make rdf-deps, make browser-deps); a missing tool
// fails these tests, it never skips them.

// debianPython is the interpreter python3-rdflib belongs to.
const debianPython = "/usr/bin/python3"

// harvested is what testdata/rdf/harvest.py reports of a catalogue.
type harvested struct {
	Triples     []int    `json:"triples"`
	SameGraph   bool     `json:"same_graph"`
	NotAbsolute []string `json:"not_absolute"`
	Catalogs    int      `json:"catalogs"`
	Datasets    []struct {
		URI        string `json:"uri"`
		Identifier string `json:"identifier"`
		Modified   string `json:"modified"`
		Temporal   []struct {
			Start    string   `json:"temporal_start"`
			End      string   `json:"temporal_end"`
			DCAT     []string `json:"dcat"`
			DCATAPIT []string `json:"dcatapit"`
		} `json:"temporal_coverage"`
		Publisher *struct{ Identifier, Name string } `json:"publisher"`
		Holder    *struct{ Identifier, Name string } `json:"holder"`
		Contact   *struct {
			Name, Email string
			Types       []string
		} `json:"contact"`
		Distributions []struct {
			AccessURL  string `json:"access_url"`
			Size       int    `json:"size"`
			SizeType   string `json:"size_type"`
			ConformsTo []struct {
				URI, Identifier string
			} `json:"conforms_to"`
		} `json:"distributions"`
	} `json:"datasets"`
}

// harvest writes a catalogue's two files to disk and reads them with
// rdflib as the harvester does, with no base address.
func harvest(t *testing.T, ttl, jsonld []byte) harvested {
	t.Helper()
	if err := exec.Command(debianPython, "-c", "import rdflib").Run(); err != nil {
		t.Fatalf("%s with rdflib is not installed (run make rdf-deps): %v", debianPython, err)
	}
	dir := t.TempDir()
	for name, b := range map[string][]byte{"catalogo.ttl": ttl, "catalogo.jsonld": jsonld} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(debianPython, filepath.Join("testdata", "rdf", "harvest.py"),
		filepath.Join(dir, "catalogo.ttl"), filepath.Join(dir, "catalogo.jsonld"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("harvest.py: %v\n%s", err, stderr.String())
	}
	var h harvested
	if err := json.Unmarshal(out, &h); err != nil {
		t.Fatalf("harvest.py: %v\n%s", err, out)
	}
	return h
}

// TestCatalogHarvest: the example with url_base, codice_ipa and a PEC
// gives a catalogue that rdflib reads with no base address into the same
// graph from both files, with only absolute IRIs, and from which the
// harvester's reading takes every dataset whole: identifier, period,
// publisher, contact point, distributions with their sizes and schema.
func TestCatalogHarvest(t *testing.T) {
	site := exampleWith(t, testBase, "codice_ipa: cciaa_prova", "pec: protocollo@pec.example.it")
	h := harvest(t, site.Files["dati-aperti/catalogo.ttl"], site.Files["dati-aperti/catalogo.jsonld"])
	if !h.SameGraph || h.Triples[0] < 150 || len(h.NotAbsolute) > 0 || h.Catalogs != 1 || len(h.Datasets) != 3 {
		t.Fatalf("catalogue: %d/%d triples, same graph %v, not absolute %v, %d catalogues, %d datasets",
			h.Triples[0], h.Triples[1], h.SameGraph, h.NotAbsolute, h.Catalogs, len(h.Datasets))
	}
	for _, ds := range h.Datasets {
		id := strings.TrimPrefix(ds.URI, testBase+"dati-aperti/index.html#")
		if ds.Identifier != "cciaa_prova:"+id || ds.Modified != "2024-09-12" {
			t.Errorf("%s: identifier %q, modified %q", id, ds.Identifier, ds.Modified)
		}
		if len(ds.Temporal) != 1 || ds.Temporal[0].Start != "2024" || ds.Temporal[0].End != "2026" ||
			!slices.Equal(ds.Temporal[0].DCAT, []string{"2024", "2026"}) ||
			!slices.Equal(ds.Temporal[0].DCATAPIT, []string{"2024", "2026"}) {
			t.Errorf("%s: temporal coverage %+v", id, ds.Temporal)
		}
		if ds.Publisher == nil || ds.Publisher.Identifier != "cciaa_prova" || ds.Holder == nil || ds.Holder.Identifier != "cciaa_prova" {
			t.Errorf("%s: publisher %+v, rights holder %+v", id, ds.Publisher, ds.Holder)
		}
		if ds.Contact == nil || ds.Contact.Email != "mailto:protocollo@pec.example.it" ||
			!slices.Contains(ds.Contact.Types, nsDCATAPIT+"Organization") || ds.Contact.Name == "" {
			t.Errorf("%s: contact point %+v", id, ds.Contact)
		}
		if len(ds.Distributions) != 2 {
			t.Errorf("%s: %d distributions", id, len(ds.Distributions))
		}
		for _, d := range ds.Distributions {
			file := strings.TrimPrefix(d.AccessURL, testBase)
			if b, ok := site.Files[file]; !ok || len(b) != d.Size || d.SizeType != nsXSD+"nonNegativeInteger" {
				t.Errorf("%s: distribution %s: %d bytes (%s), file of %d", id, d.AccessURL, d.Size, d.SizeType, len(b))
			}
			schema := testBase + "schema/piano.json.schema.json"
			if strings.HasSuffix(file, "piano.json") && (len(d.ConformsTo) != 1 || d.ConformsTo[0].URI != schema || d.ConformsTo[0].Identifier != schema) {
				t.Errorf("%s: piano.json conforms to %+v", id, d.ConformsTo)
			}
		}
	}
}

// TestCatalogHarvestText: a name that holds quotes, backslashes, line
// breaks and markup reaches the harvester unchanged from both files.
func TestCatalogHarvestText(t *testing.T) {
	name := `Ente "di" \prova\ <b>&amp;</b>` + "\nriga\t'due' €"
	site, ds := Build(Input{Site: hostileSite(name), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	h := harvest(t, site.Files["dati-aperti/catalogo.ttl"], site.Files["dati-aperti/catalogo.jsonld"])
	// the three of every plan, and the three of the cycle (results, achievement, monitoring)
	if !h.SameGraph || len(h.NotAbsolute) > 0 || len(h.Datasets) != 6 {
		t.Fatalf("same graph %v, not absolute %v, %d datasets", h.SameGraph, h.NotAbsolute, len(h.Datasets))
	}
	for _, d := range h.Datasets {
		if d.Publisher == nil || d.Publisher.Name != name || d.Identifier != "" {
			t.Errorf("%s: publisher %+v, identifier %q (no codice_ipa: none)", d.URI, d.Publisher, d.Identifier)
		}
	}
}

// TestCatalogHarvestCatchesRelative: the same reading of a catalogue
// written with relative IRIs, as piao wrote it without url_base before,
// finds them resolved against the harvester's own folder.
func TestCatalogHarvestCatchesRelative(t *testing.T) {
	site := exampleWith(t, testBase, "codice_ipa: cciaa_prova")
	rel := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte(testBase), []byte("../")) }
	h := harvest(t, rel(site.Files["dati-aperti/catalogo.ttl"]), rel(site.Files["dati-aperti/catalogo.jsonld"]))
	if len(h.NotAbsolute) == 0 || !strings.HasPrefix(h.NotAbsolute[0], "file:///") {
		t.Errorf("relative IRIs not reported: %v", h.NotAbsolute)
	}
}

// shaclReport is what testdata/shacl/validate.mjs prints.
type shaclReport struct {
	Conforms bool `json:"conforms"`
	Triples  int  `json:"triples"`
	Results  []struct {
		Focus, Path, Severity, Message, Shape string
	} `json:"results"`
}

// shacl validates a Turtle graph against shape files of testdata/shacl.
func shacl(t *testing.T, ttl []byte, shapes ...string) shaclReport {
	t.Helper()
	if _, err := os.Stat(filepath.Join(toolsDir, "rdf-validate-shacl")); err != nil {
		t.Fatalf("rdf-validate-shacl is not installed (run make browser-deps): %v", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("no node to run the SHACL validator: %v", err)
	}
	data := filepath.Join(t.TempDir(), "catalogo.ttl")
	if err := os.WriteFile(data, ttl, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{filepath.Join("testdata", "shacl", "validate.mjs"), toolsDir, data}
	for _, s := range shapes {
		args = append(args, filepath.Join("testdata", "shacl", s))
	}
	cmd := exec.Command(node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("validate.mjs: %v\n%s", err, stderr.String())
	}
	var r shaclReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("validate.mjs: %v\n%s", err, out)
	}
	return r
}

// dcatAPShapes are the SHACL shapes of DCAT-AP 3.0 (testdata/shacl/README.md
// says where they come from): the shapes of the 3.0.0 and 3.0.1 releases
// in the design with an identifier per constraint, with their ranges.
var dcatAPShapes = map[string][]string{
	"3.0.0": {"dcat-ap-3.0.0/dcat-ap-SHACL.ttl"},
	"3.0.1": {"dcat-ap-3.0.1/dcat-ap-SHACL.ttl", "dcat-ap-3.0.1/ranges.ttl"},
}

// TestCatalogSHACL: the catalogue of the example conforms to the DCAT-AP
// 3.0 shapes, with and without codice_ipa and a mailbox. The 3.0.0
// shapes of the earlier design (shapes.ttl and range.ttl) report only
// the byte size, for which they keep the xsd:decimal of DCAT-AP 2 against
// the 3.0.0 specification's xsd:nonNegativeInteger. And the validator
// does find what the catalogue used to lack.
func TestCatalogSHACL(t *testing.T) {
	sites := map[string]*Site{
		"full":    exampleWith(t, testBase, "codice_ipa: cciaa_prova", "email: dati@example.it"),
		"minimal": exampleWith(t, testBase),
	}
	if site, ds := Build(Input{Site: monthSite(), Themes: piao.Themes}); site != nil {
		sites["month"] = site // dates of a month: xsd:gYearMonth
	} else {
		t.Fatal(ds.Error())
	}
	sites["cycle"] = buildPlan(t, "f-ciclo") // the datasets of results, achievement and monitoring
	for name, site := range sites {
		ttl := site.Files["dati-aperti/catalogo.ttl"]
		for version, shapes := range dcatAPShapes {
			if r := shacl(t, ttl, shapes...); !r.Conforms || r.Triples < 100 {
				t.Errorf("%s catalogue, DCAT-AP %s: conforms %v (%d triples):\n%+v", name, version, r.Conforms, r.Triples, r.Results)
			}
		}
		if name == "month" {
			if !bytes.Contains(ttl, []byte(`"2024-01"^^xsd:gYearMonth`)) {
				t.Error("month catalogue: no xsd:gYearMonth date")
			}
			continue // one CSV and piano.json: the byte sizes below are the example's
		}
		if name == "cycle" {
			for _, d := range []string{"piao-2025-2027-risultati", "piao-2025-2027-raggiungimento", "piao-2025-2027-monitoraggio",
				"peg-2024-raggiungimento", "performance-2023-risultati"} {
				if !bytes.Contains(ttl, []byte("#"+d+">")) {
					t.Errorf("cycle catalogue: no dataset %s", d)
				}
			}
			if bytes.Contains(ttl, []byte("performance-2023-raggiungimento")) {
				t.Error("cycle catalogue: a dataset of computed achievement for a plan without weights")
			}
			continue
		}
		r := shacl(t, ttl, "dcat-ap-3.0.0/shapes.ttl", "dcat-ap-3.0.0/range.ttl")
		for _, res := range r.Results {
			if res.Path != nsDCAT+"byteSize" || !strings.Contains(res.Message, "XMLSchema#decimal") {
				t.Errorf("%s catalogue, DCAT-AP 3.0.0 shapes.ttl: %+v", name, res)
			}
		}
		if len(r.Results) != 6 {
			t.Errorf("%s catalogue, DCAT-AP 3.0.0 shapes.ttl: %d results, want the 6 byte sizes", name, len(r.Results))
		}
	}
	// What the catalogue was: objects not typed, byte sizes as decimals.
	old := sites["full"].Files["dati-aperti/catalogo.ttl"]
	old = bytes.ReplaceAll(old, []byte("^^xsd:nonNegativeInteger"), []byte("^^xsd:decimal"))
	old = bytes.ReplaceAll(old, []byte(" a dct:Frequency ."), []byte(" a skos:Concept ."))
	r := shacl(t, old, dcatAPShapes["3.0.1"]...)
	paths := map[string]int{}
	for _, res := range r.Results {
		paths[res.Path]++
	}
	if r.Conforms || paths[nsDCAT+"byteSize"] != 6 || paths[nsDCT+"accrualPeriodicity"] != 3 {
		t.Errorf("the shapes do not catch decimal sizes and an untyped frequency: %v", paths)
	}
}
