package builder

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"go.yaml.in/yaml/v3"
)

// The open data, the archive and the search of the performance cycle, on
// the example plan (f) of testdata/plans.

// TestCycleOpenData: risultati.csv and monitoraggio.csv give every result
// and entry of the content, scheda.json the same, and the Relazione is in
// piano.json.
func TestCycleOpenData(t *testing.T) {
	site := buildPlan(t, "f-ciclo")
	_, results := readCSV(t, site, "piao-2025-2027/dati/risultati.csv")
	_, entries := readCSV(t, site, "piao-2025-2027/dati/monitoraggio.csv")
	p := site.Model.Plans[0]
	nResults, nEntries := 0, 0
	for _, s := range p.Sheets() {
		var sheet sheetJSONOut
		if err := json.Unmarshal(site.Files[sheetDataPath(s)], &sheet); err != nil {
			t.Fatal(err)
		}
		for i, ind := range s.Indicators() {
			for _, r := range ind.Risultati {
				nResults++
				row := findRow(results, map[string]string{"scheda": s.Slug, "indicatore": ind.ID.S, "anno": r.Anno})
				if row == nil || row["valore"] != neutralise(r.Valore.S) || row["raggiungimento"] != r.Raggiungimento.S || row["esito"] != r.Outcome().Key() {
					t.Errorf("%s %s %s: risultati.csv has %v", s.Slug, ind.ID.S, r.Anno, row)
				}
				if got := sheet.Indicatori[i].Risultati[r.Anno]; got.Raggiungimento != r.Raggiungimento.S || got.Esito != r.Outcome().Key() {
					t.Errorf("%s %s %s: scheda.json has %+v", s.Slug, ind.ID.S, r.Anno, got)
				}
			}
			for _, m := range ind.Monitoraggio {
				nEntries++
				row := findRow(entries, map[string]string{"scheda": s.Slug, "indicatore": ind.ID.S, "data": m.Data.S})
				if row == nil || row["andamento"] != m.Progress().Key() || row["revisione"] != m.Revisione.S || !strings.Contains(row["pagina"], "#"+IndicatorAnchor(ind)+"-monitoraggio-") {
					t.Errorf("%s %s %s: monitoraggio.csv has %v", s.Slug, ind.ID.S, m.Data.S, row)
				}
			}
			if len(sheet.Indicatori[i].Monitoraggio) != len(ind.Monitoraggio) {
				t.Errorf("%s %s: scheda.json has %d monitoring entries, want %d", s.Slug, ind.ID.S, len(sheet.Indicatori[i].Monitoraggio), len(ind.Monitoraggio))
			}
		}
		nEntries += len(s.Monitoraggio)
	}
	if nResults < 8 || nEntries != len(entries) {
		t.Errorf("%d results, %d monitoring entries in the content, %d rows in monitoraggio.csv", nResults, nEntries, len(entries))
	}
	var pj struct {
		Relazioni      []reportData      `json:"relazioni"`
		Raggiungimento []levelFigureData `json:"raggiungimento"`
	}
	if err := json.Unmarshal(site.Files["piao-2025-2027/dati/piano.json"], &pj); err != nil {
		t.Fatal(err)
	}
	if len(pj.Relazioni) != 1 || pj.Relazioni[0].Validazione == nil || pj.Relazioni[0].Validazione.Data != "2026-06-29" ||
		!slices.ContainsFunc(pj.Raggiungimento, func(f levelFigureData) bool { return f.Chiave == "ragioneria" && f.Raggiungimento == "96,4%" }) {
		t.Errorf("piano.json: relazioni %+v, raggiungimento %+v", pj.Relazioni, pj.Raggiungimento)
	}
}

// sheetJSONOut reads back the cycle's keys of a scheda.json.
type sheetJSONOut struct {
	Indicatori []struct {
		Risultati    map[string]resultData `json:"risultati"`
		Monitoraggio []monitoringData      `json:"monitoraggio"`
	} `json:"indicatori"`
}

// TestCycleArchive: a snapshot of the plan taken before its Relazione
// (monitoring and revision, no results) never changes once the results
// and the Relazione are published; one taken after carries them: the
// Relazione's page with its charts, the results in the open data.
func TestCycleArchive(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sito")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "plans", "f-ciclo"))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "golden")); err != nil {
		t.Fatal(err)
	}
	planDir := filepath.Join(dir, "content", "piao-2025-2027")
	original := map[string][]byte{}
	err := filepath.WalkDir(planDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil {
			original[p] = b
			err = os.WriteFile(p, withoutKeys(t, b, "relazione", "risultati"), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	before, err := archive(t, dir, SnapshotOptions{Plan: "piao-2025-2027", Name: "prima"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"piao-2025-2027/relazione-2025/index.html", "piao-2025-2027/dati/risultati.csv"} {
		if _, ok := before.Files[f]; ok {
			t.Errorf("the snapshot before the Relazione has %s", f)
		}
	}
	if _, ok := before.Files["piao-2025-2027/dati/monitoraggio.csv"]; !ok {
		t.Error("the snapshot before the Relazione lacks the monitoring")
	}
	root := filepath.Join(dir, "archive", "prima")
	hashes := treeHashes(t, root)
	for p, b := range original { // the results and the Relazione are published
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
	if site == nil {
		t.Fatal(ds.Error())
	}
	if err := Publish(site, filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "the snapshot before, after the Relazione", hashes, treeHashes(t, root))
	sameTree(t, "its published copy", hashes, treeHashes(t, filepath.Join(dir, "public", "archivio", "prima")))
	after, err := archive(t, dir, SnapshotOptions{Plan: "piao-2025-2027"})
	if err != nil {
		t.Fatal(err)
	}
	if after.Meta.Data != "2026-06-29" {
		t.Errorf("the snapshot after is dated %s, want the OIV's validation (2026-06-29)", after.Meta.Data)
	}
	page := string(after.Files["piao-2025-2027/relazione-2025/index.html"])
	if !strings.Contains(page, `<svg class="chart-svg"`) || !strings.Contains(page, "Versione archiviata") {
		t.Error("the snapshot after the Relazione lacks its page, its charts or its banner")
	}
	for _, f := range []string{"piao-2025-2027/dati/risultati.csv", "piao-2025-2027/dati/raggiungimento.csv"} {
		if len(after.Files[f]) == 0 {
			t.Errorf("the snapshot after the Relazione lacks %s", f)
		}
	}
}

// withoutKeys removes the given keys, at any depth, from a YAML file.
func withoutKeys(t *testing.T, b []byte, keys ...string) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var strip func(n *yaml.Node)
	strip = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			var kept []*yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if !slices.Contains(keys, n.Content[i].Value) {
					kept = append(kept, n.Content[i], n.Content[i+1])
				}
			}
			n.Content = kept
		}
		for _, c := range n.Content {
			strip(c)
		}
	}
	strip(&doc)
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSearchOutcomeFilter: the "Esito" filter of the search page finds
// the indicators with that outcome in that year, and the search script
// answers with it exactly as the Go searcher does.
func TestSearchOutcomeFilter(t *testing.T) {
	in := Input{Site: os.DirFS(filepath.Join("testdata", "plans", "f-ciclo")), Themes: piao.Themes, Minify: true}
	site, ds := Build(in)
	if site == nil {
		t.Fatal(ds.Error())
	}
	ix := buildSearchIndex(site.Model, italian(t))
	urls := func(facet string) []string {
		var out []string
		for _, id := range ix.facets[facet] {
			out = append(out, ix.docs[id].URL)
		}
		return out
	}
	for facet, want := range map[string][]string{
		"e_2025_parziale": {"piao-2025-2027/strategici/linea-1/index.html#ind-i2", "piao-2025-2027/operativi/formazione/index.html#ind-ore",
			"piao-2025-2027/operativi/pagamenti/index.html#ind-registrazione"},
		"e_2025_non_raggiunto": {"piao-2025-2027/operativi/strade/index.html#ind-segnalazioni"},
		"e_2025_non_rilevato":  {"piao-2025-2027/strategici/linea-2/index.html#ind-i1"},
		"e_2023_non_rilevato":  {"performance-2023/operativi/biblioteca/index.html#ind-i2"},
		"e_2024_raggiunto":     {"peg-2024/operativi/economato/index.html#ind-i1", "peg-2024/operativi/tributi/index.html#ind-i1"},
	} {
		got := urls(facet)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", facet, got, want)
		}
	}
	options := outcomeOptions(site.Model, italian(t))
	if len(options) < 10 {
		t.Fatalf("%d options of the Esito filter", len(options))
	}
	root := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, root); err != nil {
		t.Fatal(err)
	}
	var queries []scriptQuery
	for _, o := range options {
		if len(ix.facets[o.Value]) == 0 {
			t.Errorf("the option %q finds nothing", o.Label)
		}
		for _, q := range []string{"", "fatture", "formazione corsi", "raggiunto", "ritardo", "annullati"} {
			queries = append(queries, scriptQuery{Q: q, Filters: []string{o.Value}, All: true})
		}
	}
	queries = append(queries, scriptQuery{Q: "deserta", All: true}, scriptQuery{Q: "alluvione", All: true})
	answers := runScript(t, root, filepath.Join(root, filepath.FromSlash(ix.encode().Dir)), queries)
	g := newGoSearcher(ix)
	for i, q := range queries {
		want := g.search(q.Q, q.Filters)
		if !slices.Equal(answers[i].IDs, want.ids) {
			t.Errorf("%+v: JavaScript %v, Go %v", q, answers[i].IDs, want.ids)
		}
	}
	if ids := g.search("alluvione", nil).ids; len(ids) == 0 {
		t.Error("a result's note is not searched")
	}
}

// TestCycleCSVColumnsDocumented: the columns of the cycle's CSV files of a
// plan with every level are those docs/open-data.md lists, in order.
func TestCycleCSVColumnsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/open-data.md")
	if err != nil {
		t.Fatal(err)
	}
	site := buildPlan(t, "f-ciclo")
	col := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|")
	for _, file := range []string{"risultati.csv", "raggiungimento.csv", "monitoraggio.csv"} {
		_, section, ok := strings.Cut(string(doc), "### "+file)
		if !ok {
			t.Errorf("docs/open-data.md has no section ### %s", file)
			continue
		}
		section, _, _ = strings.Cut(section, "\n#")
		var want []string
		for _, m := range col.FindAllStringSubmatch(section, -1) {
			want = append(want, m[1])
		}
		header, _ := readCSV(t, site, "piao-2025-2027/dati/"+file)
		if strings.Join(header, ",") != strings.Join(want, ",") {
			t.Errorf("%s columns\n got %v\nwant %v (docs/open-data.md)", file, header, want)
		}
	}
}
