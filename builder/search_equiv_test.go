package builder

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/textnorm"
)

// The search script answers queries in the browser; this file answers
// them again in Go, on the index as built, following the script step by
// step (the words of the query, the shards each loads, the terms that
// match it exactly, by prefix or within its edits, the ranking), and
// TestSearchScriptMatchesGo requires the same results from both.

// goQuery is a query's token, as parse makes it in search.js.
type goQuery struct {
	t, p, w string // term, prefix (the last word, while typed), word typed
	k       int    // edits allowed
	shards  []int
}

// goAnswer is what a query gives: the documents, best first; whether
// they have only some of the words; the words corrected, and the term
// each became.
type goAnswer struct {
	ids  []int
	some bool
	fix  map[string]string
}

// goSearcher holds an index with the shard of each term.
type goSearcher struct {
	ix     *searchIndex
	lang   *textnorm.Lang // the rules of the index's language
	bounds []string
	shard  map[int][]string // shard → its terms
}

func newGoSearcher(ix *searchIndex) *goSearcher { return newGoSearcherIn(ix, textnorm.Italian) }

func newGoSearcherIn(ix *searchIndex, lang *textnorm.Lang) *goSearcher {
	g := &goSearcher{ix: ix, lang: lang, bounds: ix.encodeTerms(map[string][]byte{}), shard: map[int][]string{}}
	for term := range ix.terms {
		i := g.shardOf(term)
		g.shard[i] = append(g.shard[i], term)
	}
	return g
}

// shardOf is the last shard starting at or before t.
func (g *goSearcher) shardOf(t string) int {
	return sort.Search(len(g.bounds), func(i int) bool { return g.bounds[i] > t }) - 1
}

func (g *goSearcher) parse(q string) []*goQuery {
	words, f := g.lang.Words(q), textnorm.Fold(q)
	seen := map[string]*goQuery{}
	var out []*goQuery
	for i, w := range words[:min(len(words), 12)] {
		t, p := g.lang.Stem(w), ""
		if i == len(words)-1 && strings.HasSuffix(f, w) {
			p = w
		}
		if s := seen[t]; s != nil {
			if s.p == "" {
				s.p = p
			}
			continue
		}
		tok := &goQuery{t: t, p: p, w: w, k: textnorm.MaxEdits(w)}
		a, b := g.shardOf(t), g.shardOf(t)
		if p != "" {
			b = g.shardOf(p + "~")
		}
		if b-a > 3 {
			b = a
		}
		for s := a; s <= b; s++ {
			tok.shards = append(tok.shards, s)
		}
		seen[t] = tok
		out = append(out, tok)
	}
	return out
}

// match is a term that matches a token, with its weight.
type match struct {
	term   string
	weight float64
}

func (g *goSearcher) matches(tok *goQuery) []match {
	var out, near []match
	least := tok.k + 1
	for _, s := range tok.shards {
		for _, term := range g.shard[s] {
			switch {
			case term == tok.t:
				out = append(out, match{term, 1})
			case tok.p != "" && strings.HasPrefix(term, tok.p):
				out = append(out, match{term, 0.6})
			case tok.k > 0 && onlyLetters(term):
				d := textnorm.Distance(tok.t, term, tok.k)
				if d < least {
					least, near = d, nil
				}
				if d == least && d <= tok.k {
					near = append(near, match{term, 0.5})
				}
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	return near
}

func onlyLetters(s string) bool {
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") == ""
}

func (g *goSearcher) search(q string, filters []string) goAnswer {
	toks := g.parse(q)
	n := len(g.ix.docs)
	ans := goAnswer{fix: map[string]string{}}
	if len(toks) == 0 && len(filters) == 0 {
		return ans
	}
	score, hits := make([]float64, n), make([]int, n)
	for _, tok := range toks {
		best := make([]float64, n)
		top := -1
		for _, m := range g.matches(tok) {
			post := g.ix.terms[m.term]
			df := 0
			for _, ids := range post {
				df += len(ids)
			}
			idf := math.Log(1 + float64(n)/float64(df))
			if m.weight == 0.5 && (df > top || df == top && m.term < ans.fix[tok.w]) {
				top, ans.fix[tok.w] = df, m.term
			}
			for j, ids := range post {
				s := float64(3-j) * idf * m.weight
				for _, id := range ids {
					best[id] = max(best[id], s)
				}
			}
		}
		for id, s := range best {
			if s > 0 {
				hits[id]++
				score[id] += s
			}
		}
	}
	in := func(id int) bool {
		for _, f := range filters {
			if !slices.Contains(g.ix.facets[f], docID(id)) {
				return false
			}
		}
		return true
	}
	pick := func(least int) {
		for id := range n {
			if (len(toks) == 0 || hits[id] >= least) && in(id) {
				ans.ids = append(ans.ids, id)
			}
		}
	}
	pick(len(toks))
	if len(ans.ids) == 0 && len(toks) > 1 {
		ans.some = true
		pick(1)
	}
	sort.Slice(ans.ids, func(i, j int) bool {
		a, b := ans.ids[i], ans.ids[j]
		if hits[a] != hits[b] {
			return hits[a] > hits[b]
		}
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		return a < b
	})
	return ans
}

// equivalenceQueries are the queries both answer: every word of the
// example's titles, alone, cut while typed and with a typo, pairs of
// them, and the dates, acts, codes and revision words citizens type.
func equivalenceQueries(ix *searchIndex) []scriptQuery {
	return equivalenceQueriesIn(ix, textnorm.Italian, []string{"pagamneti", "tempi di pagamneti", "transizone ecologca", "30.06", "30/06", "30-06",
		"30 giugno", "30 giugno 2024", "30.06.2024", "G/59", "g/59", "59", "OIV", "SMVP", "stralciato", "inserito",
		"rivisto", "settembre", "12 settembre", "4.2", "x", "parolachenonce", "pagamento parolachenonce"})
}

// equivalenceQueriesIn are equivalenceQueries in language lang, with more.
func equivalenceQueriesIn(ix *searchIndex, lang *textnorm.Lang, more []string) []scriptQuery {
	var words []string
	seen := map[string]bool{}
	for _, d := range ix.docs {
		for _, w := range lang.Words(d.Title) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	slices.Sort(words)
	r := rand.New(rand.NewPCG(14, 7))
	var out []scriptQuery
	for i, w := range words {
		out = append(out, scriptQuery{Q: w}, scriptQuery{Q: w[:max(1, len(w)*2/3)]}, scriptQuery{Q: typoOf(r, w)},
			scriptQuery{Q: w + " " + words[(i*7+3)%len(words)]})
	}
	for _, q := range more {
		out = append(out, scriptQuery{Q: q})
	}
	if lang == textnorm.Italian {
		unit := "u_piao-2024-2026_amministrazione-contabilita"
		out = append(out, scriptQuery{Q: "", Filters: []string{unit}}, scriptQuery{Q: "pagamneti", Filters: []string{unit}},
			scriptQuery{Q: "tempo", Filters: []string{"r", "t_risultato-output"}},
			scriptQuery{Q: "", Filters: []string{kindFacet(docSection)}}, scriptQuery{Q: "revisione", Filters: []string{kindFacet(docSection)}},
			scriptQuery{Q: "G/59", Filters: []string{kindFacet(docRevision)}}, scriptQuery{Q: "monitoraggio", Filters: []string{kindFacet(docIndicator), "r"}},
			scriptQuery{Q: "segretario generale", Filters: []string{kindFacet(docSection), "p_piao-2024-2026"}})
	}
	// What the revisions did, as the badges say it: alone, with a query,
	// and with another filter.
	var badges []string
	for key := range ix.facets {
		if strings.HasPrefix(key, "c_") {
			badges = append(badges, key)
		}
	}
	slices.Sort(badges)
	for _, key := range badges {
		out = append(out, scriptQuery{Q: "", Filters: []string{key}}, scriptQuery{Q: "indicatore", Filters: []string{key}},
			scriptQuery{Q: "", Filters: []string{key, "r"}}, scriptQuery{Q: "pagamneti", Filters: []string{key}})
	}

	for i := range out {
		out[i].All = true
	}
	return out
}

// typoOf changes a word of five letters or more by one edit.
func typoOf(r *rand.Rand, w string) string {
	if len(w) < 5 {
		return w
	}
	i := 1 + r.IntN(len(w)-2)
	if r.IntN(2) == 0 {
		return w[:i] + w[i+1:i+2] + w[i:i+1] + w[i+2:]
	}
	return w[:i] + w[i+1:]
}

// TestSearchScriptMatchesGo: the search script and the Go searcher give
// the same documents in the same order, the same fallback to some of the
// words, and the same corrections, for hundreds of queries on the example.
func TestSearchScriptMatchesGo(t *testing.T) {
	site := buildExample(t, true)
	root := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, root); err != nil {
		t.Fatal(err)
	}
	ix := buildSearchIndex(site.Model, italian(t))
	queries := equivalenceQueries(ix)
	if n := slices.IndexFunc(queries, func(q scriptQuery) bool {
		return slices.ContainsFunc(q.Filters, func(f string) bool { return strings.HasPrefix(f, "c_") })
	}); n < 0 {
		t.Fatal("no query filters by what the revisions did (c_ facets)")
	}
	answers := runScript(t, root, filepath.Join(root, filepath.FromSlash(ix.encode().Dir)), queries)
	scriptAnswersMatchGo(t, newGoSearcher(ix), queries, answers, 400, 20)
}

// TestSearchScriptMatchesGoGerman: the same on the German index of the
// bilingual example, with the German rules on both sides.
func TestSearchScriptMatchesGoGerman(t *testing.T) {
	site := buildPlan(t, "g-bilingue")
	root := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, root); err != nil {
		t.Fatal(err)
	}
	model := project(site.Model, "de", fallbackPlain)
	ix := buildSearchIndex(model, builtinWords(t, "de"))
	dir := filepath.Join(root, "de", filepath.FromSlash(ix.encode().Dir))
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the German index is not where the site has it: %v", err)
	}
	queries := equivalenceQueriesIn(ix, textnorm.German, []string{"Zahlungen", "Zahlungsfristen", "Fristen", "Gemeindestrassen",
		"Gemeindestraßen", "planmaessige", "Zahlngen", "Zahlunsgfristen", "30. Juni", "30.06", "30. Juni 2025", "Jänner",
		"gestrichen", "eingefügt", "abgeändert", "Überprüfung", "Ueberpruefung", "x", "wortdasesnichtgibt"})
	for i := range queries {
		queries[i].All = true
	}
	answers, err := searchprobeRun(root, dir, queries, filepath.Join(root, "assets", "js", "lingue", "de.js"))
	if err != nil {
		t.Fatal(err)
	}
	scriptAnswersMatchGo(t, newGoSearcherIn(ix, textnorm.German), queries, answers, 100, 3)
}

// scriptAnswersMatchGo compares the script's answers with the Go
// searcher's: at least atLeast queries, fixedAtLeast of them corrected.
func scriptAnswersMatchGo(t *testing.T, g *goSearcher, queries []scriptQuery, answers []scriptAnswer, atLeast, fixedAtLeast int) {
	t.Helper()
	differ, fixed := 0, 0
	for i, q := range queries {
		want, got := g.search(q.Q, q.Filters), answers[i]
		fix := got.Fix
		if fix == nil {
			fix = map[string]string{}
		}
		if !slices.Equal(got.IDs, want.ids) || got.Some != want.some || len(fix) != len(want.fix) || !sameFix(fix, want.fix) {
			differ++
			if differ <= 10 {
				t.Errorf("%+v:\n  Go %v some %v fix %v\n  JS %v some %v fix %v", q, want.ids, want.some, want.fix, got.IDs, got.Some, got.Fix)
			}
		}
		if len(want.fix) > 0 {
			fixed++
		}
	}
	if differ > 0 || len(queries) < atLeast || fixed < fixedAtLeast {
		t.Errorf("%d of %d queries answered differently (%d corrected a word)", differ, len(queries), fixed)
	}
	t.Logf("%d queries answered alike by Go and JavaScript, %d with a word corrected", len(queries), fixed)
}

func sameFix(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
