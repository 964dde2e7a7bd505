package builder

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
)

// TestStaticIndexes: the indexes of the example plan list every unit,
// line, objective, typology, unit of measure and source, and link every
// indicator's anchor; the crawl test checks that the links resolve.
func TestStaticIndexes(t *testing.T) {
	site := buildExample(t, false)
	p := site.Model.Plans[0]
	page := func(key string) string {
		t.Helper()
		b, ok := site.Files[listingPath(p, key)]
		if !ok {
			t.Fatalf("index %s not built", key)
		}
		return string(b)
	}
	esc := func(s string) string { return strings.ReplaceAll(s, "'", "&#39;") }
	units, areas, lines := withoutAbbr(page("unita")), withoutAbbr(page("aree")), withoutAbbr(page("linee"))
	for _, a := range p.Aree {
		if !strings.Contains(areas, esc(a.Nome.S)) {
			t.Errorf("area index: no area %q", a.Nome.S)
		}
		for _, u := range a.Unita {
			link := `href="../../unita/` + slug(u.Codice.S) + `/index.html">` + esc(u.Nome.S) + "</a>"
			if !strings.Contains(units, link) || !strings.Contains(areas, link) {
				t.Errorf("unit and area indexes: no link %s", link)
			}
		}
	}
	for _, l := range p.Linee {
		if !strings.Contains(lines, esc("Linea "+l.Codice.S+" - "+l.Nome.S)) {
			t.Errorf("line index: no line %q", l.Nome.S)
		}
		for _, o := range l.Obiettivi {
			if !strings.Contains(lines, esc(o.Codice.S+" - "+o.Nome.S)) {
				t.Errorf("line index: no objective %s %q", o.Codice.S, o.Nome.S)
			}
		}
	}
	var all []string
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			all = append(all, sheetPath(s)+"#"+IndicatorAnchor(ind))
			for key, v := range map[string]string{"tipologie": ind.Tipologia.S, "unita-di-misura": ind.Unita.S, "fonti": ind.Fonte.S} {
				if v != "" && !strings.Contains(page(key), "<h2 id=\""+slug(v)+"-h\">"+strings.ReplaceAll(v, `"`, "&#34;")+" <span") {
					t.Errorf("index %s: no group %q", key, v)
				}
			}
		}
	}
	az := page("indicatori")
	anchors := regexp.MustCompile(`href="\.\./\.\./([^"]+#ind-[^"]+)"`).FindAllStringSubmatch(az, -1)
	if len(anchors) != len(all) || len(all) != 34 {
		t.Errorf("A-Z index links %d indicators, want all %d (34)", len(anchors), len(all))
	}
	for i, m := range anchors {
		if i < len(all) && !strings.Contains(strings.Join(all, " "), p.Slug+"/"+m[1]) {
			t.Errorf("A-Z index links %q, not an indicator", m[1])
		}
	}
	rev := page("revisione-rev-2024-09")
	for _, want := range []string{"#ind-tmp-tempo-pagamento", "#ind-pratiche-sospese-ri", "#ind-sicurezza-prodotti", "modificati: Target 2024"} {
		if !strings.Contains(rev, want) {
			t.Errorf("revision index: no %q", want)
		}
	}
	hub := string(site.Files[indexesPath(p)])
	for _, key := range []string{"unita", "aree", "linee", "missioni", "tipologie", "unita-di-misura", "fonti", "indicatori", "revisione-rev-2024-09"} {
		if !strings.Contains(hub, `href="`+key+`/index.html"`) {
			t.Errorf("indexes page: no link to %s", key)
		}
	}
	if !strings.Contains(string(site.Files[planPath(p)]), `href="indici/index.html"`) {
		t.Error("the plan page does not link its indexes")
	}
}

// TestHeaderSearchBox: every page's header has a search form that leads
// to the search page.
func TestHeaderSearchBox(t *testing.T) {
	site := buildExample(t, true)
	form := regexp.MustCompile(`<form class="header-search[^"]*" action="([^"]+)" method="get" role="search" aria-label="[^"]+"><label for="([a-z-]+)">[^<]+</label> ?<input id="([a-z-]+)" name="q" type="search">`)
	for _, p := range site.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		ms := form.FindAllStringSubmatch(string(site.Files[p]), -1)
		if len(ms) != 2 || ms[0][2] != "cerca-testata" || ms[1][2] != "cerca-testata-m" {
			t.Errorf("%s: %d search boxes in the header, want the wide one and the phone's", p, len(ms))
			continue
		}
		for _, m := range ms {
			if want := relURL(p, searchPagePath); m[1] != want || m[2] != m[3] {
				t.Errorf("%s: the search box %s leads to %q, want %q", p, m[3], m[1], want)
			}
		}
	}
}

// TestIndexItemsLazy: the indexes that list every indicator (by field,
// A–Z) keep only references to them, and make the same items, in the
// same order, as making them when the index is built would.
func TestIndexItemsLazy(t *testing.T) {
	p, w := loadExample(t), italian(t)
	lists := map[string]*listing{}
	for _, l := range planListings(p, w) {
		lists[l.Key] = l
	}
	for key, field := range map[string]func(*plan.Indicator) string{
		"indicatori": nil,
		"tipologie":  func(ind *plan.Indicator) string { return ind.Tipologia.S },
		"fonti":      func(ind *plan.Indicator) string { return ind.Fonte.S },
	} {
		l := lists[key]
		if l == nil {
			t.Fatalf("no index %s", key)
		}
		// Eagerly: each group's items, in the plan's order, stably sorted.
		want := map[string][]listItem{}
		for _, s := range p.Sheets() {
			for _, ind := range s.Indicators() {
				g := strings.TrimSpace(ind.Descrizione.S)
				if field != nil {
					g = strings.TrimSpace(field(ind))
				} else if k := sortKey(g); k != "" && k[0] >= 'a' && k[0] <= 'z' {
					g = k[:1]
				} else {
					g = "0-9"
				}
				want[g] = append(want[g], item(w, s, ind, true, ""))
			}
		}
		n := 0
		for _, g := range l.Groups {
			if g.more == nil || g.more.items != nil || len(g.more.refs) == 0 {
				t.Fatalf("index %s, group %s: %+v kept, want refs only", key, g.ID, g.more)
			}
			title := g.Title
			if field == nil {
				title = g.ID
			}
			items := want[title]
			sortItems(items)
			if got := g.Items(); !reflect.DeepEqual(got, items) {
				t.Errorf("index %s, group %q: Items() = %d items, want %d as made eagerly", key, title, len(got), len(items))
			}
			if g.listed() != len(items) {
				t.Errorf("index %s, group %q: listed() = %d, want %d", key, title, g.listed(), len(items))
			}
			n += len(items)
		}
		if n != 34 {
			t.Errorf("index %s lists %d indicators, want 34", key, n)
		}
	}
}

// TestGroupMore: a sheet that an organisational index links holds no
// groupMore, and stays small; the groups that link a page keep the link.
func TestGroupMore(t *testing.T) {
	p, w := loadExample(t), italian(t)
	if n := unsafe.Sizeof(listGroup{}); n > 112 {
		t.Errorf("a group takes %d bytes, want at most 112", n)
	}
	lists := map[string]*listing{}
	for _, l := range planListings(p, w) {
		lists[l.Key] = l
	}
	unitPages := map[string]bool{}
	for _, u := range p.Units() {
		unitPages[unitPath(p, u.Key())] = true
	}
	units, sheets := 0, 0
	for _, key := range []string{"unita", "aree"} {
		var walk func(gs []*listGroup)
		walk = func(gs []*listGroup) {
			for _, g := range gs {
				switch {
				case g.Sheet != nil:
					sheets++
					if g.more != nil {
						t.Errorf("index %s, sheet %s: %+v kept, want nothing", key, g.ID, g.more)
					}
				case strings.Contains(g.ID, "u-"):
					units++
					if !unitPages[g.Link()] {
						t.Errorf("index %s, unit %s: link %q, want its unit's page", key, g.ID, g.Link())
					}
				}
				walk(g.Groups)
			}
		}
		walk(lists[key].Groups)
	}
	if units == 0 || sheets == 0 {
		t.Errorf("%d units and %d sheets in the indexes, want the example's", units, sheets)
	}
}

// TestSheetEntriesShared: the entries of a sheet in the indexes that link
// it are the entry sheetEntry makes, each a group of its own, their
// anchor and name made once and shared.
func TestSheetEntriesShared(t *testing.T) {
	p, w := loadExample(t), italian(t)
	entry := newSheetEntries(p, w)
	for _, s := range p.Sheets() {
		a, b, want := entry(s), entry(s), sheetEntry(w, s)
		if !reflect.DeepEqual(a, want) {
			t.Errorf("sheet %s: entry %+v, want %+v", s.Slug, a, want)
		}
		if a == b {
			t.Errorf("sheet %s: two indexes share one entry", s.Slug)
		}
		if unsafe.StringData(a.Title) != unsafe.StringData(b.Title) || unsafe.StringData(a.ID) != unsafe.StringData(b.ID) {
			t.Errorf("sheet %s: the entries' names and anchors are made for each", s.Slug)
		}
	}
}

// TestKeyedGroupsOrder: each group gets its items in the order of their
// keys, stably (the order of the plan among equal keys), as sorting each
// group's items by rank would give them; an item added twice, or one not
// among the plan's keyed items, is kept and sorted in all the same.
func TestKeyedGroupsOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		n := 1 + rnd.IntN(300)
		all := make([]keyedItem, n)
		for i := range all {
			all[i] = keyedItem{key: string(rune('a' + rnd.IntN(5))), ref: indicatorRef{Ind: &plan.Indicator{}}}
		}
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(all[a].key, all[b].key) })
		items := keyedItems{byInd: map[*plan.Indicator]keyedItem{}, byRank: make([]indicatorRef, n)}
		for rank, i := range order {
			all[i].rank = rank
			items.byRank[rank] = all[i].ref
		}
		for _, it := range all {
			items.byInd[it.ref.Ind] = it
		}
		groups := newKeyedGroups(items)
		want := map[string][]keyedItem{}
		add := func(id string, it keyedItem) {
			groups.add(id, "title "+id, it)
			want[id] = append(want[id], it)
		}
		for _, it := range all { // in the plan's order, as the indexes add them
			add(string(rune('A'+rnd.IntN(4))), it)
		}
		if round%5 == 0 { // the same item twice, and one with no indicator
			add("B", all[rnd.IntN(n)])
			add("C", keyedItem{rank: rnd.IntN(n)})
		}
		for _, g := range groups.sorted(items) {
			w := want[g.ID]
			slices.SortStableFunc(w, func(a, b keyedItem) int { return a.rank - b.rank })
			var got, exp []*plan.Indicator
			for _, r := range g.extra().refs {
				got = append(got, r.Ind)
			}
			for _, it := range w {
				exp = append(exp, it.ref.Ind)
			}
			if !slices.Equal(got, exp) {
				t.Fatalf("round %d, group %s: %d items in another order than their keys' (want %d)", round, g.ID, len(got), len(exp))
			}
			delete(want, g.ID)
		}
		if len(want) > 0 {
			t.Fatalf("round %d: groups %v not given", round, want)
		}
	}
}

// TestFieldListingOrder: in the indexes of the example plan by field and
// A–Z, each group lists its indicators by their descriptions' sort keys,
// those with equal keys in the plan's order.
func TestFieldListingOrder(t *testing.T) {
	p, w := loadExample(t), italian(t)
	items := indicatorItems(p)
	pos := map[*plan.Indicator]int{} // each indicator's place in the plan
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			pos[ind] = len(pos)
		}
	}
	field := func(ind *plan.Indicator) string { return ind.Tipologia.S }
	for _, l := range []*listing{fieldListing(p, w, items, "tipologie", "typology", field), azListing(p, w, items)} {
		total := 0
		for _, g := range l.Groups {
			refs := g.extra().refs
			total += len(refs)
			for k := 1; k < len(refs); k++ {
				a, b := sortKey(refs[k-1].Ind.Descrizione.S), sortKey(refs[k].Ind.Descrizione.S)
				if a > b || a == b && pos[refs[k-1].Ind] > pos[refs[k].Ind] {
					t.Errorf("index %s, group %s: %q listed before %q", l.Key, g.ID, refs[k-1].Ind.Descrizione.S, refs[k].Ind.Descrizione.S)
				}
			}
		}
		if want := len(items.byRank); total != want {
			t.Errorf("index %s lists %d indicators, want %d", l.Key, total, want)
		}
	}
}

// TestIndicatorItemsStable: the indicators are ranked by their sort keys,
// those with equal keys in the plan's order (sheet by sheet, each sheet's
// in its order): with 2,000 indicators of five descriptions, enough for
// a sort that is not stable to mix them.
func TestIndicatorItemsStable(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	p := &plan.Plan{}
	for i := range 200 {
		s := &plan.Sheet{Kind: plan.Operational}
		for range 10 {
			var ind plan.Indicator
			ind.Descrizione.S = []string{"Beta", "alfa", "Gamma", "beta", "delta"}[rnd.IntN(5)]
			s.Indicatori = append(s.Indicatori, ind)
		}
		if i%2 == 0 {
			p.Operational = append(p.Operational, s)
		} else {
			p.Strategic = append(p.Strategic, s)
		}
	}
	items := indicatorItems(p)
	pos := map[*plan.Indicator]int{}
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			pos[ind] = len(pos)
		}
	}
	if len(items.byRank) != len(pos) {
		t.Fatalf("%d indicators ranked, want %d", len(items.byRank), len(pos))
	}
	for r := 1; r < len(items.byRank); r++ {
		a, b := items.byRank[r-1].Ind, items.byRank[r].Ind
		ka, kb := sortKey(a.Descrizione.S), sortKey(b.Descrizione.S)
		if ka > kb || ka == kb && pos[a] > pos[b] {
			t.Fatalf("rank %d: %q (indicator %d) before %q (indicator %d)", r, a.Descrizione.S, pos[a], b.Descrizione.S, pos[b])
		}
		if items.byInd[b].rank != r {
			t.Fatalf("rank %d: the indicator's item says %d", r, items.byInd[b].rank)
		}
	}
}
