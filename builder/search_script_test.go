package builder

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/piao-pa/piao/internal/searchprobe"
)

// These tests run the real search script under Node on the index of the
// real example site, as the browser would, without the page around it.

// maxScriptBytes is the budget of the minified search script.
const maxScriptBytes = 10 << 10

func TestSearchScriptSize(t *testing.T) {
	site := buildExample(t, true)
	js := site.Files["assets/js/search.js"]
	if len(js) == 0 || len(js) > maxScriptBytes {
		t.Errorf("minified search.js is %d bytes, want at most %d", len(js), maxScriptBytes)
	}
	t.Logf("minified search.js: %d bytes", len(js))
}

type (
	scriptQuery  = searchprobe.Query
	scriptAnswer = searchprobe.Answer
)

// runScript runs queries through the search script of a published site.
func runScript(tb testing.TB, root, dataDir string, queries []scriptQuery) []scriptAnswer {
	tb.Helper()
	answers, err := searchprobe.Run(filepath.Join("testdata", "searchjs", "harness.js"),
		filepath.Join(root, "assets", "js", "search.js"), dataDir, queries)
	if err != nil {
		tb.Fatal(err)
	}
	return answers
}

func TestSearchScriptQueries(t *testing.T) {
	site := buildExample(t, true)
	root := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, root); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(root, filepath.FromSlash(buildSearchIndex(site.Model, italian(t)).encode().Dir))
	const unitAmm = "u_piao-2024-2026_amministrazione-contabilita"
	tests := []struct {
		query     scriptQuery
		want      []string // among the results
		first     []string // the first results, in any order
		wantTotal int      // if not 0
	}{
		{scriptQuery{Q: "pagamento"}, nil, []string{tmrURL, tmpURL}, 0},
		{scriptQuery{Q: "pagamenti"}, nil, []string{tmrURL, tmpURL}, 0},
		{scriptQuery{Q: "Pagamènti"}, nil, []string{tmrURL, tmpURL}, 0},
		{scriptQuery{Q: "PAGAMENTI"}, nil, []string{tmrURL, tmpURL}, 0},
		{scriptQuery{Q: "tempi di pagamento"}, nil, []string{tmrURL, tmpURL}, 2},
		{scriptQuery{Q: "tempo medio"}, []string{tmrURL, tmpURL}, nil, 0},
		{scriptQuery{Q: "tempo medio", Filters: []string{unitAmm}}, nil, []string{tmrURL, tmpURL}, 2},
		{scriptQuery{Q: "registro"}, []string{riURL}, nil, 0},
		{scriptQuery{Q: "regis"}, []string{riURL}, nil, 0},
		{scriptQuery{Q: "4.2"}, []string{ammURL}, nil, 0},
		{scriptQuery{Q: "30.09.2023"}, []string{riURL + "#ind-pratiche-sospese-ri"}, nil, 0},
		{scriptQuery{Q: "riforma PNRR"}, nil, []string{tmpURL}, 1},
		{scriptQuery{Q: "Competitività dell'Ente"}, []string{"piao-2024-2026/strategici/linea-5/index.html"}, nil, 0},
		{scriptQuery{Q: "", Filters: []string{unitAmm}}, nil, []string{ammURL, tmrURL, tmpURL}, 3},
		{scriptQuery{Q: "", Filters: []string{unitAmm, "t_realizzazione-fisica"}}, nil, nil, -1},
		{scriptQuery{Q: "pagamento", Filters: []string{"r"}}, []string{tmrURL, tmpURL}, nil, 0},
		{scriptQuery{Q: "parolachenonce"}, nil, nil, -1},
		{scriptQuery{Q: "pagamento parolachenonce"}, nil, []string{tmrURL, tmpURL}, 3},
		{scriptQuery{Q: "pagamneti"}, nil, []string{tmrURL, tmpURL}, 0}, // a typo: two letters swapped
		{scriptQuery{Q: "tempo medio pagamneti"}, nil, []string{tmrURL, tmpURL}, 2},
		{scriptQuery{Q: "G/59"}, nil, []string{revURL, premisesURL}, 42}, // the revision's act, the 40 things it changed, and the premises that quote it
		{scriptQuery{Q: "OIV"}, nil, []string{revURL, premisesURL}, 2},
		{scriptQuery{Q: "SMVP"}, nil, []string{revURL, premisesURL}, 2},
		{scriptQuery{Q: "destinatari"}, []string{disposalURL}, nil, 1}, // a word only a narrative section says
		{scriptQuery{Q: "Masera"}, []string{disposalURL}, nil, 1},
		{scriptQuery{Q: "", Filters: []string{kindFacet(docSection)}}, nil, []string{premisesURL, disposalURL}, 2},
		{scriptQuery{Q: "OIV", Filters: []string{kindFacet(docSection)}}, []string{premisesURL}, nil, 1},
		{scriptQuery{Q: "OIV", Filters: []string{kindFacet(docRevision)}}, []string{revURL}, nil, 1},
		{scriptQuery{Q: "stralciato"}, []string{metrologyURL + "#ind-sicurezza-prodotti", "piao-2024-2026/operativi/comunicazione-esterna/index.html#ind-bilancio-sociale"}, nil, 0},
		{scriptQuery{Q: "indicatore inserito"}, []string{tmpURL}, nil, 0},
		{scriptQuery{Q: "30.06"}, []string{approvURL + "#ind-regolamento-locazione-comune-novara", revURL}, nil, 0},
	}
	var queries []scriptQuery
	for _, tt := range tests {
		queries = append(queries, tt.query)
	}
	answers := runScript(t, root, dataDir, queries)
	for i, tt := range tests {
		a := answers[i]
		for _, w := range tt.want {
			if !slices.Contains(a.URLs, w) {
				t.Errorf("%+v: results %q, want %q among them", tt.query, a.URLs, w)
			}
		}
		if len(a.URLs) < len(tt.first) || !sameSet(a.URLs[:len(tt.first)], tt.first) {
			t.Errorf("%+v: results %q, want first %q", tt.query, a.URLs, tt.first)
		}
		if tt.wantTotal > 0 && a.Total != tt.wantTotal || tt.wantTotal < 0 && a.Total != 0 {
			t.Errorf("%+v: %d results %q, want %d", tt.query, a.Total, a.URLs, max(tt.wantTotal, 0))
		}
		if some := tt.query.Q == "pagamento parolachenonce"; a.Some != some {
			t.Errorf("%+v: results with some of the words only = %v, want %v", tt.query, a.Some, some)
		}
		if fixed := strings.Contains(tt.query.Q, "pagamneti"); fixed != (a.Fix["pagamneti"] == "pagament") || !fixed && len(a.Fix) > 0 {
			t.Errorf("%+v: corrected %v", tt.query, a.Fix)
		}
	}
}

// TestSearchScriptDates: a date written any way finds what "30.06"
// finds, with or without its year.
func TestSearchScriptDates(t *testing.T) {
	site := buildExample(t, true)
	root := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, root); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(root, filepath.FromSlash(buildSearchIndex(site.Model, italian(t)).encode().Dir))
	groups := [][]string{
		{"30.06", "30/06", "30-06", "30 giugno", "30 Giugno", "30°\u00a0giugno"},
		{"30.06.2024", "30/06/2024", "30 giugno 2024", "2024-06-30"},
		{"12.09.2024", "12 settembre 2024", "12/9/2024"},
	}
	for _, g := range groups {
		var queries []scriptQuery
		for _, q := range g {
			queries = append(queries, scriptQuery{Q: q, All: true})
		}
		answers := runScript(t, root, dataDir, queries)
		if len(answers[0].IDs) == 0 {
			t.Errorf("%q finds nothing", g[0])
		}
		for i, a := range answers[1:] {
			if !sameSet(intStrings(a.IDs), intStrings(answers[0].IDs)) {
				t.Errorf("%q finds %q, %q finds %q", g[i+1], a.URLs, g[0], answers[0].URLs)
			}
		}
	}
}

func intStrings(ids []int) []string {
	var out []string
	for _, id := range ids {
		out = append(out, strconv.Itoa(id))
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
