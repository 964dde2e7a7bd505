package builder

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/textnorm"
)

// This file builds the static indexes of a plan: plain HTML pages that
// list every sheet and indicator by unit, area, strategic line and
// objective, mission and programme, typology, unit of measure, data
// source, A–Z, and by revision, each entry linking to the indicator's
// anchor. They need no JavaScript.

// listing is one index: groups of sheets and indicators.
type listing struct {
	words  *words
	Key    string // folder under indici/
	Title  string
	Intro  string
	Path   string // output path of its page
	Groups []*listGroup
	Split  bool // the top groups have pages of their own
	counts
	// lazy, in a listing that holds nothing else, marks a page of the
	// indexes listed from stubs (page.stubbed): a page has no room for
	// more without passing an allocation class (TestPageSize).
	lazy *lazyListings
}

// listGroup is a heading of an index with what it holds: subgroups,
// indicators, or both. A group that is a sheet links to it.
type listGroup struct {
	ID     string // anchor; for split listings also the folder of its page
	Title  string
	Sheet  *plan.Sheet
	Groups []*listGroup
	// unlisted counts the indicators of a sheet group that lists no
	// items: the organisational indexes link each sheet, whose page
	// shows its indicators, rather than repeat them.
	unlisted int
	counts
	words *words
	more  *groupMore // nil for a group that has none of it
}

// groupMore is what only some groups have: a plan of 50,000 sheets has
// three entries for each sheet in its organisational indexes (units,
// areas, lines), which link the sheet and have none of it.
type groupMore struct {
	note  string
	link  string     // output path of the unit, area or line page, if any
	path  string     // output path of its own page, for split listings
	items []listItem // the indicators it lists (Items)
	// refs are, in an index that lists every indicator of the plan (by
	// field, A–Z), the indicators it lists in their order, made into
	// items only as its page renders (Items): an item is five times a
	// ref, and a plan of 50,000 sheets has four such indexes.
	refs []indicatorRef
}

// extra is the group's groupMore, made when first needed.
func (g *listGroup) extra() *groupMore {
	if g.more == nil {
		g.more = &groupMore{}
	}
	return g.more
}

// withLink gives g the page it links, and returns it.
func (g *listGroup) withLink(link string) *listGroup {
	g.extra().link = link
	return g
}

// Note is what the index says beside the group's title.
func (g *listGroup) Note() string {
	if g.more == nil {
		return ""
	}
	return g.more.note
}

// Link is the output path of the unit, area or line page the group
// links, if any.
func (g *listGroup) Link() string {
	if g.more == nil {
		return ""
	}
	return g.more.link
}

// Path is the output path of the group's own page, for split listings.
func (g *listGroup) Path() string {
	if g.more == nil {
		return ""
	}
	return g.more.path
}

// listItem is an indicator of an index.
type listItem struct {
	Sheet     *plan.Sheet
	Ind       *plan.Indicator
	ShowSheet bool   // name the sheet beside the indicator
	Note      string // what a revision did
	// prepared once, for the template: the sheet's name (when shown),
	// and what the revisions did to the indicator.
	SheetName string
	Badges    []badgeView
}

// indicatorRef is an indicator and its sheet.
type indicatorRef struct {
	Sheet *plan.Sheet
	Ind   *plan.Indicator
}

// Items are the indicators the group lists. Those of refs are made anew
// on each call, as the index made them (with their sheet's name): the
// group keeps only the refs.
func (g *listGroup) Items() []listItem {
	if g.more == nil {
		return nil
	}
	if g.more.refs == nil {
		return g.more.items
	}
	out := make([]listItem, len(g.more.refs))
	for i, r := range g.more.refs {
		out[i] = item(g.words, r.Sheet, r.Ind, true, "")
	}
	return out
}

// listed is the number of items Items gives, without making them.
func (g *listGroup) listed() int {
	switch {
	case g.more == nil:
		return 0
	case g.more.refs != nil:
		return len(g.more.refs)
	}
	return len(g.more.items)
}

// item prepares an indicator of sheet s for an index.
func item(w *words, s *plan.Sheet, ind *plan.Indicator, showSheet bool, note string) listItem {
	it := listItem{Sheet: s, Ind: ind, ShowSheet: showSheet, Note: note}
	if showSheet {
		it.SheetName = w.SheetName(s)
	}
	it.Badges = badgeList(w, ind.Badges(s), true)
	return it
}

type counts struct{ Sheets, Indicators int }

// label says how many sheets and indicators: "2 obiettivi, 5 indicatori".
func (c counts) label(w *words) string {
	ind := w.Count("count.indicators", c.Indicators)
	if c.Sheets == 0 {
		return ind
	}
	return w.T("count.sheetsAndIndicators", "sheets", w.Count("count.sheets", c.Sheets), "indicators", ind)
}

// Label says how many sheets and indicators the index holds.
func (l *listing) Label() string { return l.counts.label(l.words) }

// Label of a group says how many sheets and indicators it holds; of a
// sheet's group, its indicators only.
func (g *listGroup) Label() string {
	if g.Sheet != nil {
		return g.words.Count("count.indicators", g.Indicators)
	}
	return g.counts.label(g.words)
}

// splitOver is the number of indicators above which an index gets a page
// per top group instead of one long page.
const splitOver = 300

// planListings builds every index of a plan, in the words w: an index
// of a level the plan lacks, or of a field none of its indicators gives,
// is left out, not shown empty.
func planListings(p *plan.Plan, w *words) []*listing {
	var makers []func() *listing // each index, built on every core
	add := func(f func() *listing) { makers = append(makers, f) }
	entry := newSheetEntries(p, w)
	if p.HasUnits() {
		add(func() *listing { return unitListing(p, w, entry) })
	}
	if p.HasAreas() {
		add(func() *listing { return areaListing(p, w, entry) })
	}
	switch {
	case p.HasLines():
		add(func() *listing { return lineListing(p, w, entry) })
	case p.HasObjectives():
		add(func() *listing { return objectiveListing(p, w, entry) })
	}
	if slices.ContainsFunc(p.Strategic, func(s *plan.Sheet) bool { return len(s.Missioni) > 0 || s.Programma != nil }) {
		add(func() *listing { return missionListing(p, w) })
	}
	if hasResponsibles(p) {
		add(func() *listing { return responsibleListing(p, w, entry) })
	}
	items := sync.OnceValue(func() keyedItems { return indicatorItems(p) })
	for _, f := range []struct {
		folder, key string
		value       func(*plan.Indicator) string
	}{
		{fieldIndexes["tipologia"], "typology", func(ind *plan.Indicator) string { return ind.Tipologia.S }},
		{fieldIndexes["unita_misura"], "measure", func(ind *plan.Indicator) string { return ind.Unita.S }},
		{fieldIndexes["fonte"], "source", func(ind *plan.Indicator) string { return ind.Fonte.S }},
	} {
		if anyIndicator(p, func(ind *plan.Indicator) bool { return strings.TrimSpace(f.value(ind)) != "" }) {
			add(func() *listing { return fieldListing(p, w, items(), f.folder, f.key, f.value) })
		}
	}
	add(func() *listing { return azListing(p, w, items()) })
	for _, y := range p.ResultYears() {
		add(func() *listing { return outcomeListing(p, w, y) })
	}
	for _, r := range p.Revisioni {
		add(func() *listing { return revisionListing(p, w, r) })
	}
	out := make([]*listing, len(makers))
	parallelFor(len(makers), func(i int) {
		l := makers[i]()
		l.Path = listingPath(p, l.Key)
		l.words = w
		l.finish()
		out[i] = l
	})
	return out
}

// newListing is an index with its title and introduction, from the words
// of key: "index.KEY.title" and "index.KEY.intro", in their ".renamed"
// form when the plan renames (or lacks) one of levels.
func newListing(p *plan.Plan, w *words, folder, key, levels string) *listing {
	return &listing{Key: folder, Title: w.Levelled(p, "index."+key+".title", levels),
		Intro: w.Levelled(p, "index."+key+".intro", levels)}
}

// anyIndicator reports whether some indicator of the plan satisfies f.
func anyIndicator(p *plan.Plan, f func(*plan.Indicator) bool) bool {
	for _, s := range p.Sheets() {
		if slices.ContainsFunc(s.Indicators(), f) {
			return true
		}
	}
	return false
}

// The folders of the indexes that field values and objectives link to;
// fieldIndexes maps an indicator's field to the index of its values.
const (
	objectivesIndex  = "obiettivi"
	responsibleIndex = "responsabili"
)

var fieldIndexes = map[string]string{"tipologia": "tipologie", "unita_misura": "unita-di-misura", "fonte": "fonti"}

// objectiveAnchor is the anchor of a strategic objective on its line's
// page and in the index of objectives.
func objectiveAnchor(o *plan.Objective) string { return "o-" + slug(o.Key()) }

// objectiveListing lists the strategic objectives of a plan without lines,
// each with its operational sheets.
func objectiveListing(p *plan.Plan, w *words, entry sheetEntries) *listing {
	l := newListing(p, w, objectivesIndex, "objectives", "obiettivo_strategico,obiettivo_operativo")
	for _, o := range p.Objectives() {
		og := &listGroup{ID: objectiveAnchor(o), Title: w.RefName(o.Ref)}
		for _, s := range p.SheetsOfObjective(o.Key()) {
			og.Groups = append(og.Groups, entry(s))
		}
		l.Groups = append(l.Groups, og)
	}
	return l
}

func unitListing(p *plan.Plan, w *words, entry sheetEntries) *listing {
	l := newListing(p, w, "unita", "units", "unita,obiettivo_operativo")
	for _, a := range p.Aree {
		for i := range a.Unita {
			l.Groups = append(l.Groups, unitGroup(p, entry, &a.Unita[i], "u-"))
		}
	}
	sortGroups(l.Groups)
	return l
}

func unitGroup(p *plan.Plan, entry sheetEntries, u *plan.Unit, prefix string) *listGroup {
	g := (&listGroup{ID: prefix + slug(u.Key()), Title: u.Nome.S}).withLink(unitPath(p, u.Key()))
	if prefix == "u-" {
		if u.Area != nil {
			g.extra().note = u.Area.Nome.S
		}
	}
	for _, s := range p.SheetsOfUnit(u.Key()) {
		g.Groups = append(g.Groups, entry(s))
	}
	return g
}

func areaListing(p *plan.Plan, w *words, entry sheetEntries) *listing {
	l := newListing(p, w, "aree", "areas", "area,unita,obiettivo_operativo")
	for i := range p.Aree {
		a := &p.Aree[i]
		g := (&listGroup{ID: "a-" + slug(a.Key()), Title: a.Nome.S}).withLink(areaPath(p, a.Key()))
		for j := range a.Unita {
			g.Groups = append(g.Groups, unitGroup(p, entry, &a.Unita[j], "a-"+slug(a.Key())+"-"))
		}
		l.Groups = append(l.Groups, g)
	}
	return l
}

func lineListing(p *plan.Plan, w *words, entry sheetEntries) *listing {
	l := newListing(p, w, "linee", "lines", "linea,obiettivo_strategico,obiettivo_operativo")
	for i := range p.Linee {
		line := &p.Linee[i]
		g := (&listGroup{ID: "l-" + slug(line.Key()), Title: w.LineName(p, line)}).withLink(linePath(p, line.Key()))
		strategic, _ := p.SheetsOfLine(line.Key())
		for _, s := range strategic {
			g.Groups = append(g.Groups, entry(s))
		}
		for j := range line.Obiettivi {
			o := &line.Obiettivi[j]
			og := &listGroup{ID: g.ID + "-" + slug(o.Key()), Title: w.RefName(o.Ref)}
			for _, s := range p.SheetsOfObjective(o.Key()) {
				og.Groups = append(og.Groups, entry(s))
			}
			g.Groups = append(g.Groups, og)
		}
		l.Groups = append(l.Groups, g)
	}
	return l
}

func missionListing(p *plan.Plan, w *words) *listing {
	l := newListing(p, w, "missioni", "missions", "obiettivo_strategico")
	byID := map[string]*listGroup{}
	group := func(parent *[]*listGroup, id, title string) *listGroup {
		if g := byID[id]; g != nil {
			return g
		}
		g := &listGroup{ID: id, Title: title}
		byID[id] = g
		*parent = append(*parent, g)
		return g
	}
	for _, s := range p.Strategic {
		missions := s.Missioni
		if len(missions) == 0 {
			missions = []plan.Code{{Nome: plan.Text{S: w.T("index.missions.none")}}}
		}
		for _, m := range missions {
			mg := group(&l.Groups, "m-"+slug(m.Codice.S+" "+m.Nome.S), codeTitle(m))
			prog := plan.Code{Nome: plan.Text{S: w.T("index.programmes.none")}}
			if s.Programma != nil {
				prog = *s.Programma
			}
			pg := group(&mg.Groups, mg.ID+"-p-"+slug(prog.Codice.S+" "+prog.Nome.S), w.T("index.programme", "name", codeTitle(prog)))
			pg.Groups = append(pg.Groups, sheetGroup(w, s))
		}
	}
	sortGroups(l.Groups)
	return l
}

func codeTitle(c plan.Code) string {
	if c.Codice.S == "" {
		return c.Nome.S
	}
	return c.Codice.S + " - " + c.Nome.S
}

// keyedItem is an indicator, as the indexes by field and A–Z list it
// (its sheet shown), with the key it sorts by.
type keyedItem struct {
	key  string
	rank int // its place among every indicator of the plan sorted by key, stably
	ref  indicatorRef
}

// keyedItems are the keyed indicators of a plan, made once for the
// indexes that list every indicator (by typology, unit of measure,
// source, A–Z): each indicator's, and the indicators in the order of
// their keys (byRank[it.rank] is it.ref).
type keyedItems struct {
	byInd  map[*plan.Indicator]keyedItem
	byRank []indicatorRef
}

// indicatorItems are the keyed indicators of p, on every core.
func indicatorItems(p *plan.Plan) keyedItems {
	sheets := p.Sheets()
	parts := make([][]keyedItem, len(sheets))
	parallelFor(len(sheets), func(i int) {
		for _, ind := range sheets[i].Indicators() {
			parts[i] = append(parts[i], keyedItem{key: sortKey(ind.Descrizione.S), ref: indicatorRef{sheets[i], ind}})
		}
	})
	all := slices.Concat(parts...)
	order := make([]int, len(all)) // sorted once for every index, whose groups take their items in this order
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { // stably: equal keys in the plan's order (SortStableFunc took 0.18 s at 50,000 sheets)
		if c := strings.Compare(all[a].key, all[b].key); c != 0 {
			return c
		}
		return a - b
	})
	out := keyedItems{byInd: make(map[*plan.Indicator]keyedItem, len(all)), byRank: make([]indicatorRef, len(all))}
	for rank, i := range order {
		all[i].rank = rank
		out.byRank[rank] = all[i].ref
	}
	for _, it := range all {
		out.byInd[it.ref.Ind] = it
	}
	return out
}

// keyedGroups gathers the items of groups by the key of their group, and
// gives each group its items in the order of their keys: not by sorting
// each group (at 10,000 sheets, 0.13 s of the CPU of piao check went in
// sorting the four indexes' groups), but by taking every indicator once
// in that order (byRank) and putting it in its group.
type keyedGroups struct {
	groups []*listGroup
	byID   map[string]int
	in     []int32 // in[rank]: 1 + the group of the item of that rank; 0, in none
	counts []int   // the items of each group
	// odd are items whose rank is not theirs alone (never, as the indexes
	// add each indicator of the plan once: kept all the same, sorted in)
	odd map[int][]keyedItem
}

func newKeyedGroups(items keyedItems) *keyedGroups {
	return &keyedGroups{byID: map[string]int{}, in: make([]int32, len(items.byRank))}
}

// add puts the item it in the group id (titled title, if it is new).
func (k *keyedGroups) add(id, title string, it keyedItem) {
	i, ok := k.byID[id]
	if !ok {
		i = len(k.groups)
		k.byID[id] = i
		k.groups = append(k.groups, &listGroup{ID: id, Title: title})
		k.counts = append(k.counts, 0)
	}
	if it.rank < 0 || it.rank >= len(k.in) || k.in[it.rank] != 0 || it.ref.Ind == nil {
		if k.odd == nil {
			k.odd = map[int][]keyedItem{}
		}
		k.odd[i] = append(k.odd[i], it)
		return
	}
	k.in[it.rank] = int32(i + 1)
	k.counts[i]++
}

// sorted gives each group its indicators, in the order of their keys
// (stably: as items.byRank has them).
func (k *keyedGroups) sorted(items keyedItems) []*listGroup {
	refs := make([][]indicatorRef, len(k.groups))
	for i, n := range k.counts {
		refs[i] = make([]indicatorRef, 0, n)
	}
	for rank, g := range k.in {
		if g != 0 {
			refs[g-1] = append(refs[g-1], items.byRank[rank])
		}
	}
	for i, odd := range k.odd { // by rank, stably, as without them
		ranked := make([]keyedItem, 0, len(refs[i])+len(odd))
		for rank, g := range k.in {
			if int(g) == i+1 {
				ranked = append(ranked, keyedItem{rank: rank, ref: items.byRank[rank]})
			}
		}
		ranked = append(ranked, odd...)
		slices.SortStableFunc(ranked, func(a, b keyedItem) int { return a.rank - b.rank })
		refs[i] = refs[i][:0]
		for _, it := range ranked {
			refs[i] = append(refs[i], it.ref)
		}
	}
	for i, g := range k.groups {
		g.extra().refs = refs[i]
	}
	return k.groups
}

// fieldListing groups the indicators by the value of one of their fields.
func fieldListing(p *plan.Plan, w *words, items keyedItems, folder, key string, field func(*plan.Indicator) string) *listing {
	l := newListing(p, w, folder, key, "")
	groups := newKeyedGroups(items)
	slugs := map[string]string{} // a value's slug, once: a plan has few values
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			v := strings.TrimSpace(field(ind))
			if v == "" {
				v = w.T("index.none")
			}
			id, ok := slugs[v]
			if !ok {
				id = slug(v)
				slugs[v] = id
			}
			groups.add(id, v, items.byInd[ind])
		}
	}
	l.Groups = groups.sorted(items)
	sortGroups(l.Groups)
	return l
}

// azListing lists every indicator by its description, grouped by initial.
func azListing(p *plan.Plan, w *words, items keyedItems) *listing {
	l := newListing(p, w, "indicatori", "az", "")
	groups := newKeyedGroups(items)
	for _, s := range p.Sheets() {
		for _, ind := range s.Indicators() {
			it := items.byInd[ind]
			id, title := "0-9", w.T("index.az.other")
			if k := it.key; k != "" && k[0] >= 'a' && k[0] <= 'z' {
				id, title = k[:1], strings.ToUpper(k[:1])
			}
			groups.add(id, title, it)
		}
	}
	l.Groups = groups.sorted(items)
	sort.Slice(l.Groups, func(i, j int) bool { return l.Groups[i].ID < l.Groups[j].ID })
	return l
}

// sheetGroup is a sheet with its indicators.
func sheetGroup(w *words, s *plan.Sheet) *listGroup {
	g := &listGroup{ID: "s-" + slug(s.Slug), Title: w.SheetName(s), Sheet: s}
	for _, ind := range s.Indicators() {
		g.extra().items = append(g.extra().items, item(w, s, ind, false, ""))
	}
	return g
}

// sheetEntries makes the entries of a plan's sheets for the indexes that
// link them (sheetEntry), each sheet's anchor and name made once and
// shared by every index: a plan of 50,000 sheets has three or more
// entries for each sheet, in the indexes by unit, area and line.
type sheetEntries func(s *plan.Sheet) *listGroup

func newSheetEntries(p *plan.Plan, w *words) sheetEntries {
	names := sync.OnceValue(func() map[*plan.Sheet]*listGroup {
		sheets := p.Sheets()
		made := make([]*listGroup, len(sheets))
		parallelFor(len(sheets), func(i int) { made[i] = sheetEntry(w, sheets[i]) })
		out := make(map[*plan.Sheet]*listGroup, len(sheets))
		for i, s := range sheets {
			out[s] = made[i]
		}
		return out
	})
	return func(s *plan.Sheet) *listGroup {
		g, ok := names()[s]
		if !ok {
			return sheetEntry(w, s)
		}
		entry := *g // a group of its own: finish gives it its id and counts
		return &entry
	}
}

// sheetEntry is a sheet that an index links without listing its
// indicators, only counting them.
func sheetEntry(w *words, s *plan.Sheet) *listGroup {
	return &listGroup{ID: "s-" + slug(s.Slug), Title: w.SheetName(s), Sheet: s, unlisted: len(s.Indicators())}
}

// finish counts sheets and indicators, makes group ids unique, and gives
// the top groups pages of their own when the index is long.
func (l *listing) finish() {
	seen := map[string]int{}
	var walk func(gs []*listGroup) counts
	walk = func(gs []*listGroup) counts {
		var c counts
		for _, g := range gs {
			g.ID = uniqueID(seen, capID(g.ID))
			g.counts, g.words = walk(g.Groups), l.words
			if g.Sheet != nil {
				g.Sheets++
			}
			if g.more != nil {
				g.Indicators += countIndicators(g.more.items) + len(g.more.refs)
			}
			g.Indicators += g.unlisted
			c.Sheets += g.Sheets
			c.Indicators += g.Indicators
		}
		return c
	}
	l.counts = walk(l.Groups)
	if l.Indicators > splitOver {
		l.Split = true
		for _, g := range l.Groups {
			g.extra().path = strings.TrimSuffix(l.Path, indexFile) + g.ID + "/" + indexFile
		}
	}
}

// capID shortens a group id made from free text (a data source, a
// mission's name), which names a page of a split index: a file name on
// disk holds at most 255 bytes.
func capID(id string) string {
	const most = 80
	if len(id) <= most {
		return id
	}
	return strings.TrimRight(id[:most], "-.")
}

// uniqueID returns id, or id with a number added, whichever seen does not
// hold yet, and records it.
func uniqueID(seen map[string]int, id string) string {
	out := id
	for n := seen[id]; seen[out] > 0; n++ {
		out = id + "-" + strconv.Itoa(n+1)
	}
	if out != id {
		seen[id]++
	}
	seen[out]++
	return out
}

func countIndicators(items []listItem) int {
	n := 0
	for _, it := range items {
		if it.Ind != nil {
			n++
		}
	}
	return n
}

// sortKey is the key a title sorts by: folded, from its first letter or
// digit.
func sortKey(s string) string {
	f := textnorm.Fold(s)
	return strings.TrimLeftFunc(f, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
}

func sortGroups(gs []*listGroup) {
	keys := make(map[*listGroup]string, len(gs))
	for _, g := range gs {
		keys[g] = textnorm.Fold(g.Title)
	}
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := keys[gs[i]], keys[gs[j]]
		if a != b {
			return a < b
		}
		return gs[i].Title < gs[j].Title
	})
}

// sortItems sorts indicators by description, each key computed once.
func sortItems(items []listItem) {
	keyed := make([]struct {
		key  string
		item listItem
	}, len(items))
	for i, it := range items {
		keyed[i].key, keyed[i].item = sortKey(it.Ind.Descrizione.S), it
	}
	sort.SliceStable(keyed, func(i, j int) bool { return keyed[i].key < keyed[j].key })
	for i := range keyed {
		items[i] = keyed[i].item
	}
}
