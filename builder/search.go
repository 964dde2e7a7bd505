package builder

import (
	"iter"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/plan"
)

// This file builds the full-text search index from the model (never from
// the HTML, where adjacent table cells run together). Every sheet, every
// indicator and every revision is a document; its terms, normalised by
// package textnorm, carry the weight of the most important field they
// occur in.
// searchfiles.go turns the index into the script files the search page
// loads.

// Term weights: the title of a document, its other current fields, and
// its history (previous values, revision notes, the sheet an indicator
// belongs to).
const (
	weightTitle   = 3
	weightField   = 2
	weightHistory = 1
	levels        = 3 // postings are kept per weight: index 3-weight
)

// Document kinds, as the search script shows them.
const (
	docStrategic = iota
	docOperational
	docIndicator
	docRevision
	docSection // a narrative section of a plan
)

// Document states, for the badge beside a result.
const (
	docPlain = iota
	docRevised
	docAdded
	docRemoved
)

// searchDoc is one document: what a result shows and links to.
type searchDoc struct {
	URL    string // output path, with #anchor for indicators
	Title  string
	Kind   int
	Sheet  string // for indicators: the sheet's name
	Where  string // the unit of an operational sheet, the line of a strategic one
	Plan   int    // index in searchIndex.plans
	Status int
	Text   string // the text snippets are cut from
}

// docID is a document's number in the index: 32 bits, half the memory of
// an int in the postings of tens of thousands of sheets.
type docID = int32

// docIDs are the types the encoders take document numbers in (tests
// write them as int).
type docIDs interface{ ~int | ~int32 }

// searchIndex is the whole index: documents, terms and facets.
type searchIndex struct {
	docs   []searchDoc
	plans  []*plan.Plan
	terms  map[string]*[levels][]docID // term → doc ids per weight, ascending
	facets map[string][]docID          // facet key → doc ids, ascending
	gloss  map[*plan.Plan][]glossaryTerms
}

// glossaryTerms are the terms of an abbreviation of a plan's glossary and
// of what it stands for: a document with either is found by both.
type glossaryTerms struct{ abbr, meaning []string }

// buildSearchIndex indexes every plan of the site, newest first, with the
// labels of the words w.
func buildSearchIndex(site *plan.Site, w *words) *searchIndex {
	return buildSearchIndexWith(site, w, &termMemo{})
}

// buildSearchIndexWith is buildSearchIndex through the memo of terms memo
// (nil: none).
func buildSearchIndexWith(site *plan.Site, w *words, memo *termMemo) *searchIndex {
	return buildSearchIndexFrom(site, w, memo, nil)
}

// docsCount is the number of documents the index of site has: a sheet's
// own and one per indicator, the plans' revisions and sections.
func docsCount(site *plan.Site) int {
	n := 0
	for _, p := range site.Plans {
		n += len(p.Revisioni) + len(p.Sezioni)
		for _, s := range p.Sheets() {
			n += 1 + len(s.Indicatori)
		}
	}
	return n
}

// searchBatch is the number of sheets whose terms are made at once, on
// every core (a variable for its test).
var searchBatch = sheetsBatch

// buildSearchIndexFrom is buildSearchIndexWith; a sheet's documents come
// from kept, when it has them, and go to it when made (nil: none).
func buildSearchIndexFrom(site *plan.Site, w *words, memo *termMemo, kept *langDocs) *searchIndex {
	ix := &searchIndex{terms: map[string]*[levels][]docID{}, facets: map[string][]docID{facetRevised: nil},
		gloss: map[*plan.Plan][]glossaryTerms{}}
	ix.docs = make([]searchDoc, 0, docsCount(site)) // grown by appending, 17 MB allocated at 10,000 sheets for 3 kept
	for i, p := range site.Plans {
		ix.plans = append(ix.plans, p)
		for _, e := range glossaryOf(site, p, w) {
			if g := (glossaryTerms{w.search.Terms(e.Term), w.search.Terms(e.Meaning)}); len(g.abbr) > 0 && len(g.meaning) > 0 {
				ix.gloss[p] = append(ix.gloss[p], g)
			}
		}
		ix.declareFacets(p)
		glossary := len(ix.gloss[p])
		sheets := p.Sheets()
		// The postings of a batch are added, in order, while the terms of
		// the next are made: the one goroutine that adds them does not
		// leave the other cores waiting.
		var adding sync.WaitGroup
		for start := 0; start < len(sheets); start += searchBatch {
			part := sheets[start:min(start+searchBatch, len(sheets))]
			docs := make([][]preparedDoc, len(part))
			entries, reused := make([]string, len(part)), make([]bool, len(part))
			parallelFor(len(part), func(k int) { // the terms, on every core
				s := part[k]
				if docs[k], entries[k] = kept.get(i, s); docs[k] != nil {
					reused[k] = true
					return
				}
				docs[k] = append(docs[k], prepareSheet(w, i, s, memo))
				for _, ind := range s.Indicators() {
					docs[k] = append(docs[k], prepareIndicator(w, i, s, ind, memo))
				}
				if glossary == 0 && settleDocs {
					settle(docs[k])
				}
				entries[k] = kept.put(i, s, docs[k])
			})
			adding.Wait() // the batch before
			adding.Go(func() {
				for k, list := range docs { // the postings, in order
					kept.keep(part[k], entries[k], reused[k])
					for _, d := range list {
						ix.addPrepared(d)
					}
				}
			})
		}
		adding.Wait()
		for k := range p.Revisioni {
			d := prepareRevision(w, i, p, &p.Revisioni[k])
			ix.add(d.doc, d.terms, d.facets)
		}
		for _, sec := range p.Sezioni {
			d := prepareSection(w, i, sec)
			ix.add(d.doc, d.terms, d.facets)
		}
	}
	return ix
}

// settle turns each document of docs into what a document kept from the
// last build is: its terms encoded, its Text cut; and gives its map of
// terms back to termWeightsPool. A map made for each document and kept
// until its batch's postings were added was 210 MB of the 1.6 GB the
// search allocated at 50,000 sheets (settled, the stage allocates 1.3
// GB). A plan with a glossary reads a map for each document (addWeights)
// and keeps its documents as they are; so does a document with a term
// that cannot be encoded.
func settle(docs []preparedDoc) {
	for i := range docs {
		d := &docs[i]
		if d.terms == nil {
			continue
		}
		k, ok := keptDocOf(*d)
		if !ok {
			continue
		}
		d.doc, d.kept = k.Doc, k.Terms
		if len(d.terms.weight) <= maxPooledTerms {
			clear(d.terms.weight)
			termWeightsPool.Put(d.terms.weight)
		}
		d.terms = nil
	}
}

// maxPooledTerms is the most terms of a map given back to
// termWeightsPool: a map keeps the room it grew to, and one grown for a
// very long text is let go.
const maxPooledTerms = 16 * docTermsHint

// settleDocs is false only for the test that compares an index made of
// settled documents with one made of their maps.
var settleDocs = true

// termWeightsPool holds the maps of terms settle gave back.
var termWeightsPool sync.Pool

// termWeights is a map for a sheet's or an indicator's terms: one settle
// gave back, or a new one.
func termWeights() map[string]int {
	if m, ok := termWeightsPool.Get().(map[string]int); ok {
		return m
	}
	return make(map[string]int, docTermsHint)
}

// preparedDoc is a document with its terms and facets, ready to add.
// A document kept from the last build (searchdocs.go) has no terms but
// their encoding, kept, and its Text already cut.
type preparedDoc struct {
	doc    searchDoc
	terms  *docTerms
	facets []string
	kept   string
}

// docTerms gathers a document's terms with their weight and its snippet
// text.
type docTerms struct {
	weight map[string]int
	text   []string
	words  *words
	plan   *plan.Plan
	memo   *termMemo // or nil
}

// docTermsHint is how many terms a sheet's or an indicator's document is
// made for: at 10,000 sheets of the bench, 38 a sheet and 30 an indicator
// on average, few past 64; grown from nothing, the map was made again
// three or four times (80 ms of CPU).
const docTermsHint = 48

// add adds the terms of texts, as a reader sees them: without their
// Markdown.
func (d *docTerms) add(w int, texts ...string) {
	room := termRooms.Get().(*[]string)
	for _, t := range texts {
		for _, term := range d.memo.terms(d.words, t, room) {
			if d.weight[term] < w {
				d.weight[term] = w
			}
		}
	}
	*room = (*room)[:0]
	termRooms.Put(room)
}

// termRooms hold the terms of a long text while a document adds them:
// a list of its own for each was 80 MB allocated at 50,000 sheets, and
// one kept by each document, until the index is made, held more memory
// through the search index than the lists cost.
var termRooms = sync.Pool{New: func() any { return new([]string) }}

// termMemo keeps the terms of the short texts that many documents share
// (the names of units, areas and lines, the labels of fields), worked out
// once for an index: at 10,000 sheets, 248,000 of the 302,000 texts
// indexed are short, and 935 of them differ.
type termMemo struct{ m sync.Map }

// memoLen is the length up to which a text's terms are kept.
const memoLen = 80

// terms are the terms of text t as w's reader sees it; those of a text
// not kept are in *room (termRooms), until the next such text.
func (m *termMemo) terms(w *words, t string, room *[]string) []string {
	if m == nil || len(t) > memoLen {
		*room = w.search.AppendTerms((*room)[:0], w.Plain(t))
		return *room
	}
	if v, ok := m.m.Load(t); ok {
		return v.([]string)
	}
	terms := w.search.Terms(w.Plain(t))
	m.m.Store(t, terms)
	return terms
}

// show adds fields to the snippet text (and to the terms), as "label: text".
func (d *docTerms) show(w int, label, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.add(w, text)
	text = d.words.Plain(text)
	if label != "" {
		text = label + ": " + text
	}
	d.text = append(d.text, text)
}

func prepareSheet(w *words, pi int, s *plan.Sheet, memo *termMemo) preparedDoc {
	p := s.Plan
	d := &docTerms{weight: termWeights(), words: w, plan: p, memo: memo}
	name := w.SheetName(s)
	d.add(weightTitle, name)
	doc := searchDoc{URL: sheetPath(s), Title: name, Kind: docStrategic, Where: sheetWhere(w, s), Plan: pi}
	if s.Kind == plan.Operational {
		doc.Kind = docOperational
		if u := p.Unit(s.Unita.S); u != nil {
			d.add(weightTitle, u.Nome.S)
		}
		if a := p.AreaOf(s); a != nil {
			d.add(weightField, a.Nome.S)
		}
	}
	if l := p.LineOf(s); l != nil {
		d.add(weightField, l.Nome.S)
	}
	for _, o := range s.Obiettivi {
		if obj := p.Objective(o.S); obj != nil {
			d.add(weightField, obj.Codice.S, obj.Nome.S)
		}
	}
	if s.Codice.S != "" {
		d.add(weightTitle, s.Codice.S)
	}
	if s.Responsabile.S != "" {
		d.show(weightField, w.T("sheet.responsible"), s.Responsabile.S)
	}
	for _, m := range s.Missioni {
		d.show(weightField, w.T("sheet.mission"), m.Codice.S+" - "+m.Nome.S)
	}
	if s.Programma != nil {
		d.show(weightField, w.T("sheet.programme"), s.Programma.Codice.S+" - "+s.Programma.Nome.S)
	}
	d.fields(s.Fields())
	d.show(weightField, "", s.Body)
	d.cycle(s.Risultati, s.Monitoraggio)
	d.addHistory(s.Fields(), s.Note, s.Revisioni)
	d.addRevisions(p, sheetRevisionIDs(s), s.Revised(), s.Removed(), s.Added(), s.Note)
	switch {
	case s.Removed():
		doc.Status = docRemoved
	case s.Added():
		doc.Status = docAdded
	case s.Revised():
		doc.Status = docRevised
	}
	return preparedDoc{doc: doc, terms: d, facets: sheetDocFacets(s)}
}

// sheetDocFacets lists the facets of a sheet's document.
func sheetDocFacets(s *plan.Sheet) []string {
	facets := append(sheetFacets(s), outcomeFacets(s, nil)...)
	if s.Revised() {
		facets = append(facets, facetRevised)
	}
	for _, b := range s.Badges() {
		facets = append(facets, badgeFacet(b))
	}
	return facets
}

func prepareIndicator(w *words, pi int, s *plan.Sheet, ind *plan.Indicator, memo *termMemo) preparedDoc {
	d := &docTerms{weight: termWeights(), words: w, plan: s.Plan, memo: memo}
	d.fields(ind.Fields())
	d.cycle(ind.Risultati, ind.Monitoraggio)
	name := w.SheetName(s)
	d.add(weightHistory, name)
	d.addHistory(ind.Fields(), ind.Note, ind.Revisioni)
	d.addRevisions(s.Plan, revisionIDs([]string{ind.Inserito.S, ind.Stralcio.S}, ind.Fields(), ind.Note, ind.Revisioni),
		ind.Revised(), ind.Removed(), ind.Added(), ind.Note)
	doc := searchDoc{URL: sheetPath(s) + "#" + IndicatorAnchor(ind), Title: ind.Descrizione.S,
		Kind: docIndicator, Sheet: name, Where: sheetWhere(w, s), Plan: pi}
	switch {
	case ind.Removed():
		doc.Status = docRemoved
	case ind.Added():
		doc.Status = docAdded
	case ind.Revised():
		doc.Status = docRevised
	}
	return preparedDoc{doc: doc, terms: d, facets: indicatorDocFacets(s, ind)}
}

// indicatorDocFacets lists the facets of an indicator's document.
func indicatorDocFacets(s *plan.Sheet, ind *plan.Indicator) []string {
	facets := append(sheetFacets(s), outcomeFacets(s, ind)...)
	if ind.Revised() {
		facets = append(facets, facetRevised)
	}
	if t := strings.TrimSpace(ind.Tipologia.S); t != "" {
		facets = append(facets, typologyFacet(t))
	}
	for _, b := range ind.Badges(s) {
		facets = append(facets, badgeFacet(b))
	}
	return facets
}

// fields adds the current values of a sheet's or an indicator's fields,
// as the table of fields says each is searched.
func (d *docTerms) fields(fields iter.Seq[plan.Field]) {
	for f := range fields {
		if !f.Value.Revised() && f.Value.S == "" {
			continue
		}
		switch f.Search {
		case plan.SearchTitle:
			d.add(weightTitle, f.Value.S)
		case plan.SearchShown:
			d.show(weightField, d.words.FieldShort(d.plan, f), f.Value.S)
		case plan.SearchText:
			d.show(weightField, "", f.Value.S)
		}
	}
}

// addHistory adds the notes, previous values and revision notes of a
// sheet or an indicator.
func (d *docTerms) addHistory(fields iter.Seq[plan.Field], notes []plan.Note, revs []plan.RevNote) {
	for _, n := range notes {
		w := weightField
		if n.Stralcio.S != "" {
			w = weightHistory
		}
		d.show(w, d.words.T("note.label"), n.Testo.S)
	}
	for f := range fields {
		for _, pr := range f.Value.Priors() {
			d.show(weightHistory, d.words.T("search.previous", "label", d.words.Field(d.plan, f)), pr.Valore.S)
		}
	}
	for _, r := range revs {
		d.show(weightHistory, d.words.T("revnote.done"), r.Attuata.S)
		d.show(weightHistory, d.words.T("revnote.cause"), r.Causa.S)
	}
}

// add appends a document and its postings.
func (ix *searchIndex) add(doc searchDoc, d *docTerms, facets []string) {
	doc.Text = snippetText(d)
	ix.addWeights(doc, d.plan, d.weight, facets)
}

// snippetText is the text of a document's snippets.
func snippetText(d *docTerms) string {
	// Joined only as far as clip can cut: past 4 bytes a rune for every
	// rune it keeps, and one more, the rest is cut whatever it holds.
	limit, n := 4*(maxSnippetText+1), 0
	for i, t := range d.text {
		if i > 0 {
			n += len(" · ")
		}
		if n += len(t); n > limit {
			return clip(strings.Join(d.text[:i+1], " · "), maxSnippetText)
		}
	}
	return clip(strings.Join(d.text, " · "), maxSnippetText)
}

// addPrepared adds a prepared document, made or kept.
func (ix *searchIndex) addPrepared(d preparedDoc) {
	switch {
	case d.terms != nil:
		ix.add(d.doc, d.terms, d.facets)
	case len(ix.gloss[ix.plans[d.doc.Plan]]) > 0: // the glossary reads and adds terms
		ix.addWeights(d.doc, ix.plans[d.doc.Plan], keptWeights(d.kept), d.facets)
	default:
		id := ix.addDoc(d.doc, d.facets)
		for term, w := range keptTerms(d.kept) {
			ix.post(term, w, id)
		}
	}
}

// addWeights appends a document, its Text cut, and its postings: the
// terms of weight, with those the glossary of plan p gives them.
func (ix *searchIndex) addWeights(doc searchDoc, p *plan.Plan, weight map[string]int, facets []string) {
	ix.expandGlossary(p, weight)
	id := ix.addDoc(doc, facets)
	for term, w := range weight {
		ix.post(term, w, id)
	}
}

// addDoc appends a document and its facets, and gives its id.
func (ix *searchIndex) addDoc(doc searchDoc, facets []string) int {
	id := len(ix.docs)
	ix.docs = append(ix.docs, doc)
	for _, f := range facets { // then the kind's: appended to facets, a list made again for most documents
		ix.facets[f] = append(ix.facets[f], docID(id))
	}
	k := kindFacet(doc.Kind)
	ix.facets[k] = append(ix.facets[k], docID(id))
	return id
}

// post adds document id to the postings of term at weight w.
func (ix *searchIndex) post(term string, w, id int) {
	post := ix.terms[term]
	if post == nil {
		post = &[levels][]docID{}
		ix.terms[term] = post
	}
	post[levels-w] = append(post[levels-w], docID(id))
}

// expandGlossary gives a document that holds an abbreviation of its plan's
// glossary the terms of its meaning, and one that holds the meaning the
// abbreviation, at history weight: "OIV" finds "Organismo indipendente di
// valutazione" written out, and the reverse.
func (ix *searchIndex) expandGlossary(p *plan.Plan, weight map[string]int) {
	has := func(terms []string) bool {
		for _, t := range terms {
			if weight[t] == 0 {
				return false
			}
		}
		return true
	}
	for _, g := range ix.gloss[p] {
		var more []string
		switch {
		case has(g.abbr):
			more = g.meaning
		case has(g.meaning):
			more = g.abbr
		}
		for _, t := range more {
			if weight[t] < weightHistory {
				weight[t] = weightHistory
			}
		}
	}
}

// maxSnippetText bounds the text kept for snippets, so that showing a page
// of results stays cheap; every word is indexed all the same.
const maxSnippetText = 800

// clip cuts s to at most n runes, at a space, marking the cut with "…".
func clip(s string, n int) string {
	if !utf8.ValidString(s) { // cut, each byte that is not UTF-8 made U+FFFD
		rs := []rune(s)
		if len(rs) <= n {
			return s
		}
		s = string(rs)
	}
	count := 0
	for i := range s {
		if count == n {
			cut := s[:i]
			if j := strings.LastIndex(cut, " "); j > n/2 {
				cut = cut[:j]
			}
			return cut + " …"
		}
		count++
	}
	return s
}

// Facet keys name the facet files; the search page's filters use the
// same keys as option values. They are made of slugs and "_", so they are
// safe file names.
const facetRevised = "r"

func planFacet(p *plan.Plan) string { return "p_" + slug(p.Slug) }

func areaFacet(p *plan.Plan, code string) string { return "a_" + slug(p.Slug) + "_" + slug(code) }

func unitFacet(p *plan.Plan, code string) string { return "u_" + slug(p.Slug) + "_" + slug(code) }

func lineFacet(p *plan.Plan, code string) string { return "l_" + slug(p.Slug) + "_" + slug(code) }

func typologyFacet(t string) string { return "t_" + slug(t) }

// badgeFacet is the facet of the sheets and indicators a badge names:
// what the revisions did to them ("c_target-ridotto").
func badgeFacet(b plan.Badge) string { return "c_" + b.Key() }

func sheetFacets(s *plan.Sheet) []string {
	p := s.Plan
	out := []string{planFacet(p), lineFacet(p, s.Linea.S)}
	if s.Kind == plan.Operational {
		out = append(out, areaFacet(p, s.Area.S), unitFacet(p, s.Unita.S))
	}
	return out
}

// declareFacets gives every plan, area, unit and line a facet, empty if
// no sheet has it, so that each option of the search page's filters has
// its file.
func (ix *searchIndex) declareFacets(p *plan.Plan) {
	for _, k := range declaredFacets(p) {
		if _, ok := ix.facets[k]; !ok {
			ix.facets[k] = nil
		}
	}
}

// declaredFacets are the facets of a plan's every plan, area, unit and
// line.
func declaredFacets(p *plan.Plan) []string {
	keys := []string{planFacet(p)}
	for _, a := range p.Aree {
		keys = append(keys, areaFacet(p, a.Key()))
	}
	for _, u := range p.Units() {
		keys = append(keys, unitFacet(p, u.Key()))
	}
	for _, l := range p.Linee {
		keys = append(keys, lineFacet(p, l.Key()))
	}
	return keys
}

// sheetWhere names where a sheet sits: its unit, or its strategic line.
func sheetWhere(w *words, s *plan.Sheet) string {
	if u := s.Plan.Unit(s.Unita.S); u != nil && s.Kind == plan.Operational {
		return u.Nome.S
	}
	if l := s.Plan.LineOf(s); l != nil {
		return w.LineName(s.Plan, l)
	}
	return ""
}
