package builder

import (
	"crypto/sha256"
	"maps"
	"path"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// check runs the rules. Rules over a whole plan — a unit's weights, the use
// of a revision — are skipped for a plan some of whose files did not load
// (broken), since they would report the consequences of that error.
func check(site *plan.Site, broken map[string]bool, cache *Cache) Diagnostics {
	var rest func() Diagnostics
	if m, kept := cache.rulesFor(site, broken); kept {
		rest = func() Diagnostics { return m.prev.Site }
	} else {
		rest = checkSite(site, broken)
	}
	var ds Diagnostics
	at := 0
	for _, p := range site.Plans { // each sheet, alone (through the cache, once for its bytes)
		c := &checker{p: p, ds: &ds, broken: broken, cache: cache}
		sheets := p.Sheets()
		c.eachSheet(sheets, func(w *checker, i int, s *plan.Sheet) {
			w.sheetTexts(s)
			w.sheetRules(at+i, s)
		})
		at += len(sheets)
	}
	r := rest()
	cache.keepSiteRuling(broken, r)
	return append(ds, r...)
}

// checkSite starts the rules of the site but each sheet's own (sheetTexts,
// sheetRules): config.yaml, the plans' files and texts, the rules over
// all of a plan's sheets, the pages' addresses. The function it returns
// waits for what they found. The pages' addresses are judged on a
// goroutine of their own, beside the sheets' rules, which leave a core
// idle between their parts run on every core; neither changes the model.
func checkSite(site *plan.Site, broken map[string]bool) func() Diagnostics {
	pages := make(chan Diagnostics, 1)
	go func() { pages <- checkPages(site) }()
	return func() Diagnostics {
		var ds Diagnostics
		(&checker{ds: &ds}).config(&site.Config)
		ds = append(ds, openDataWarnings(&site.Config)...) // with the content's errors too: all at once
		ds = append(ds, configExplained(&site.Config)...)
		inline := markup.NewInliner()
		for _, p := range site.Plans {
			c := &checker{p: p, ds: &ds, ids: map[string]plan.Pos{}, broken: broken}
			c.fieldTexts(inline)
			c.plan()
			c.explainPlan()
			for _, s := range p.Sheets() {
				for i := range s.Indicatori {
					c.indicatorID(s, &s.Indicatori[i])
				}
			}
			c.sections()
			if !planBroken(p, broken) {
				c.unitWeights()
				c.revisionsUsed()
			}
			c.privacy()
		}
		return append(ds, <-pages...)
	}
}

// eachSheet calls fn for each sheet on every core, each goroutine with a
// checker of its own over a run of consecutive sheets, and appends their
// diagnostics in the order of the sheets: the same as calling fn for each
// sheet in turn.
func (c *checker) eachSheet(sheets []*plan.Sheet, fn func(w *checker, i int, s *plan.Sheet)) {
	n := max(1, min(runtime.GOMAXPROCS(0), len(sheets)))
	parts := make([]Diagnostics, n)
	parallelFor(n, func(k int) {
		w := &checker{p: c.p, ds: &parts[k], broken: c.broken, cache: c.cache}
		for i := k * len(sheets) / n; i < (k+1)*len(sheets)/n; i++ {
			fn(w, i, sheets[i])
		}
	})
	for _, part := range parts {
		*c.ds = append(*c.ds, part...)
	}
}

func planBroken(p *plan.Plan, broken map[string]bool) bool {
	dir := path.Dir(p.Pos.File()) + "/"
	for f := range broken {
		if strings.HasPrefix(f, dir) || f+"/" == dir {
			return true
		}
	}
	return false
}

type checker struct {
	p      *plan.Plan
	ds     *Diagnostics
	ids    map[string]plan.Pos // indicator ids in the plan
	broken map[string]bool     // files with errors of their own, already reported
	md     *markup.Renderer    // for the sheets' bodies, made when first needed
	lower  []byte              // a body lowercased (mayLink)
	inline *markup.Inliner     // for the sheets' field texts, made when first needed
	cache  *Cache              // the cache the site loaded through, or nil
}

var codeRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.\-]*$`)

// The values of "schede" in piano.yaml: the plan publishes all its sheets,
// or a selection of them (then a unit's objectives need not reach 100%).
const (
	schedeAll       = "tutte"
	schedeSelection = "selezione"
)

// The keys a footnote may mark, as "campi" names them.
var (
	sheetKeys     = yamlKeys(reflect.TypeOf(plan.Sheet{}))
	indicatorKeys = yamlKeys(reflect.TypeOf(plan.Indicator{}))
)

func yamlKeys(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); k != "" && k != "-" {
			out = append(out, k)
		}
	}
	return out
}

func (c *checker) plan() {
	p := c.p
	if p.Periodo.S != "" && p.FirstYear == 0 {
		c.ds.errorf(p.Periodo.Pos, hintPeriod, msgPeriod, p.Periodo.S)
	}
	c.date(p.Approvazione.Data)
	if p.Pubblicazione.S != "" {
		c.date(p.Pubblicazione)
	}
	c.planDates()
	c.labels()
	if len(p.Strategic)+len(p.Operational) == 0 && !planBroken(p, c.broken) {
		c.ds.warnf(p.Pos, hintNoSheets, msgNoSheets, p.Slug)
	}
	if sc := p.Schede.S; sc != "" && sc != schedeAll && sc != schedeSelection {
		c.ds.errorf(p.Schede.Pos, hintSchede, msgSchede, sc)
	}
	switch p.Pesi.S {
	case "", plan.WeightPercent, plan.WeightCoefficient, plan.WeightNone:
	default:
		c.ds.errorf(p.Pesi.Pos, hintPesi, msgPesi, p.Pesi.S)
	}
	c.method(p)
	seen := map[string]plan.Pos{}
	prev := ""
	for i, r := range p.Revisioni {
		c.code(r.ID, "revisione", seen)
		c.date(r.Data)
		if _, _, _, p := plan.ParseDate(r.Data.S); p == plan.Month || p == plan.Year {
			c.ds.warnf(r.Data.Pos, hintRevisionNoDay, msgRevisionNoDay, r.ID.S)
		}
		if i > 0 && plan.DateBefore(r.Data.S, prev) {
			c.ds.errorf(r.Data.Pos, hintRevisionOrder, msgRevisionOrder, r.ID.S, r.Data.S, p.Revisioni[i-1].ID.S, prev)
		}
		prev = r.Data.S
	}
	c.reports()
	seen = map[string]plan.Pos{}
	for i := range p.Aree {
		c.ref(&p.Aree[i].Ref, p.Aree[i].Pos, "area", seen)
	}
	seen = map[string]plan.Pos{}
	for _, u := range p.Units() {
		c.ref(&u.Ref, u.Pos, "unità", seen)
	}
	seen = map[string]plan.Pos{}
	for i := range p.Linee {
		c.ref(&p.Linee[i].Ref, p.Linee[i].Pos, "linea", seen)
	}
	seen = map[string]plan.Pos{}
	for _, o := range p.Objectives() {
		c.ref(&o.Ref, o.Pos, "obiettivo", seen)
	}
}

// ref checks how a part of the plan is named: an id or a code, each a
// short text, its key unique among its kind.
func (c *checker) ref(r *plan.Ref, pos plan.Pos, what string, seen map[string]plan.Pos) {
	if r.Key() == "" {
		c.ds.errorf(pos, hintNoKey, msgNoKey, what)
		return
	}
	c.codeText(r.Codice)
	c.codeText(r.ID)
	key := r.KeyText()
	if prev, dup := seen[key.S]; dup {
		c.ds.errorf(key.Pos, hintDuplicateID, msgDuplicateID, what, key.S, formatPos(prev))
		return
	}
	seen[key.S] = key.Pos
}

// codeText checks a code as an act writes it ("SG3/B", "OB.4.2"): any
// text, shown as written, with a letter or a digit to make its address of.
func (c *checker) codeText(t plan.Text) {
	if t.S != "" && slug(t.S) == "x" && !strings.EqualFold(t.S, "x") {
		c.ds.errorf(t.Pos, hintCodeText, msgBadCode, t.S)
	}
}

// code checks that a code is well formed and unique among seen.
func (c *checker) code(t plan.Text, what string, seen map[string]plan.Pos) {
	if t.S == "" {
		return
	}
	if !codeRE.MatchString(t.S) || strings.Contains(t.S, "..") {
		c.ds.errorf(t.Pos, hintBadCode, msgBadCode, t.S)
	}
	if prev, dup := seen[t.S]; dup {
		c.ds.errorf(t.Pos, hintDuplicateID, msgDuplicateID, what, t.S, formatPos(prev))
		return
	}
	seen[t.S] = t.Pos
}

func (c *checker) date(t plan.Text) {
	if t.S == "" {
		return
	}
	if _, _, _, p := plan.ParseDate(t.S); p == plan.NoDate {
		c.ds.errorf(t.Pos, hintDate, msgDate, t.S)
	}
}

func (c *checker) revision(t plan.Text) {
	if t.S != "" && c.p.Revision(t.S) == nil {
		c.ds.errorf(t.Pos, hintKnown("revisioni definite", c.revIDs()), msgUnknownRevision, t.S)
	}
}

func (c *checker) revIDs() []string {
	var out []string
	for _, r := range c.p.Revisioni {
		out = append(out, r.ID.S)
	}
	return out
}

func (c *checker) value(v plan.Value) {
	for _, pr := range v.Priors() {
		c.revision(pr.Revisione)
	}
	c.history(v)
}

func (c *checker) years(vs []plan.Value) {
	for _, v := range vs {
		y, _ := strconv.Atoi(v.Anno)
		if c.p.FirstYear > 0 && (y < c.p.FirstYear || y > c.p.LastYear) {
			c.ds.errorf(v.Pos, hintYearOutside, msgYearOutside, v.Anno, c.p.Periodo.S)
		}
		c.value(v)
	}
}

// The rules of one sheet (checker.sheet, explainSheet) read the sheet and
// its plan, never another sheet's body: what they found is a function of
// the sheet's bytes and of what the build cache's aggregate digests (every
// source but the bodies of the operational sheets: config.yaml, the
// themes, the program, the plans' files, the other sheets' fronts, the
// bodies in other languages). A build keeps it with the cache, under that
// aggregate, and the next takes it for a sheet whose bytes are the same
// while the aggregate is: after an edit of one sheet's body, the rules run
// on that sheet alone (at 10,000 sheets some 70 ms of CPU less, half of a
// rebuild's check). An edit of a front, a plan's file or config.yaml
// changes the aggregate: every sheet is judged again, and the rulings kept
// (320 KB more in the cache at 10,000 sheets) are written anew. The other
// rules (checkSite) read no operational sheet's body but in other
// languages: under the same aggregate, what they found is taken whole. A
// load that found errors keeps nothing and takes nothing (the rules read
// what it could not load). piao check and piao serve judge every sheet.

// ruleMemo is what a build knows of the rules of its sheets before it
// judges them.
type ruleMemo struct {
	ctx  string     // the aggregate of this build's sources
	prev *rulesKept // the last build's, when its aggregate is ctx
	// What this load's check found and ruled on, for the next build: the
	// files of its sheets in order, and what the rules but each sheet's
	// found, once siteLoad is the load's.
	files    [sha256.Size]byte
	site     Diagnostics
	siteLoad int
	// The last build's rulings of the sheets, by their place in the
	// model, when its sheets are this load's (check sets them).
	sums  string
	found map[int32]Diagnostics
}

// rulesKept is what a build keeps in its cache of what the rules found:
// each sheet's, by its place among the model's sheets (the plans', each
// plan's in order, which the same aggregate makes the same: Files says
// which files they were), and the rest's (checkSite: config.yaml, the
// plans' files, the rules over all of a plan's sheets, the pages'
// addresses, which read no operational sheet's body but in other
// languages, digested whole by the aggregate).
type rulesKept struct {
	Ctx   string
	Files [sha256.Size]byte // the SHA-256 of the sheets' files, in order
	Sums  string            // the SHA-256 of each sheet's bytes the rules judged, in order
	With  []int32           // the sheets whose rules found something
	Found []Diagnostics     // what, for each of With
	Site  Diagnostics
}

// sheetFiles is the SHA-256 of the files of the model's sheets, in order.
func sheetFiles(site *plan.Site) [sha256.Size]byte {
	h := sha256.New()
	for _, p := range site.Plans {
		for _, s := range p.Sheets() {
			h.Write([]byte(s.Pos.File() + "\x00"))
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// rulesFor readies the memo of this load's check of site: the last
// build's rulings, if its sheets are the site's, in order; false when
// there is no memo, or it cannot be used (a load with errors, whose rules
// over a plan are skipped for one whose files did not all load).
func (c *Cache) rulesFor(site *plan.Site, broken map[string]bool) (*ruleMemo, bool) {
	if c == nil || c.rules == nil || len(broken) > 0 {
		return nil, false
	}
	m := c.rules
	m.files = sheetFiles(site)
	if p := m.prev; p != nil && p.Files == m.files && len(p.With) == len(p.Found) {
		m.sums, m.found = p.Sums, make(map[int32]Diagnostics, len(p.With))
		for k, i := range p.With {
			m.found[i] = p.Found[k]
		}
	}
	return m, m.found != nil
}

// sheetRules runs the rules of the sheet s, the i-th of the model's, or
// takes what they found from the last build (rulesFor).
func (c *checker) sheetRules(i int, s *plan.Sheet) {
	var e *cachedSheet
	if c.cache != nil && c.cache.rules != nil && len(c.broken) == 0 {
		e = c.cache.handed[s]
	}
	if e != nil && c.cache.rules.kept(i, e.sum) {
		found := c.cache.rules.found[int32(i)]
		e.rules, e.rulesLoad = found, c.cache.loads
		*c.ds = append(*c.ds, found...)
		return
	}
	var ds Diagnostics
	own := *c // its buffers, made once a goroutine
	own.ds = &ds
	own.sheet(s)
	own.explainSheet(s)
	c.md, c.lower, c.inline = own.md, own.lower, own.inline
	if e != nil { // entries are one a sheet: no other goroutine writes this one
		e.rules, e.rulesLoad = ds, c.cache.loads
	}
	*c.ds = append(*c.ds, ds...)
}

// kept reports whether the last build's rules judged the i-th sheet of
// the model with the bytes whose SHA-256 is sum.
func (m *ruleMemo) kept(i int, sum [sha256.Size]byte) bool {
	return m.found != nil && (i+1)*sha256.Size <= len(m.sums) && m.sums[i*sha256.Size:(i+1)*sha256.Size] == string(sum[:])
}

// keepSiteRuling keeps what the rules but each sheet's found in this
// load, for the next build.
func (c *Cache) keepSiteRuling(broken map[string]bool, ds Diagnostics) {
	if c != nil && c.rules != nil && len(broken) == 0 {
		c.rules.site, c.rules.siteLoad = ds, c.loads
	}
}

// keptRules is what the rules found of the sheets the last load handed
// out, under ctx, for the next build; nil when the load found errors or
// a sheet was judged without its entry.
func (c *Cache) keptRules(model *plan.Site, ctx string) *rulesKept {
	if c.rules == nil || c.rules.siteLoad != c.loads {
		return nil
	}
	out := &rulesKept{Ctx: ctx, Files: c.rules.files, Site: c.rules.site}
	var sums []byte
	i := int32(0)
	for _, p := range model.Plans {
		for _, s := range p.Sheets() {
			e := c.handed[s]
			if e == nil || e.rulesLoad != c.loads {
				return nil // keep none rather than some
			}
			sums = append(sums, e.sum[:]...)
			if len(e.rules) > 0 {
				out.With, out.Found = append(out.With, i), append(out.Found, e.rules)
			}
			i++
		}
	}
	out.Sums = string(sums)
	return out
}

func (c *checker) sheet(s *plan.Sheet) {
	p := c.p
	c.codeText(s.Codice)
	c.place(s)
	line := p.LineByCode(s.Linea.S)
	if s.Linea.S != "" && line == nil {
		c.ds.errorf(s.Linea.Pos, hintKnown("linee definite", codesOf(p.Linee, func(l plan.Line) string { return l.Key() })), msgUnknownLine, s.Linea.S)
	}
	for _, o := range s.Obiettivi {
		obj := p.Objective(o.S)
		switch {
		case o.S == "": // not text: reported by the loader
		case obj == nil:
			c.ds.errorf(o.Pos, hintKnown("obiettivi definiti", codesOf(p.Objectives(), (*plan.Objective).Key)), msgUnknownObjective, o.S)
		case line != nil && obj.Line != line:
			c.ds.errorf(o.Pos, hintObjectiveLine, msgObjectiveOtherLine, o.S, lineKey(obj.Line), line.Key())
		}
	}
	if s.Kind == plan.Operational {
		c.unit(s)
	}
	for f := range s.Fields() {
		c.value(f.Value)
	}
	c.years(s.Risorse)
	c.amounts(s)
	c.weight(s.Peso, s.Pos)
	c.notes(s.Note, s.Revisioni)
	c.campi(s.Note, sheetKeys)
	c.explained(s)
	c.body(s) // in the other languages: the sheet's own in sheetTexts, with the short links in its fields
	c.links(s.Body, s.BodyAt, s.Pos.File())
	for _, l := range slices.Sorted(maps.Keys(s.BodyIn)) {
		c.links(s.BodyIn[l].S, 1, s.BodyIn[l].Pos.File())
	}
	c.cycle(s)
	for i := range s.Indicatori {
		c.indicator(s, &s.Indicatori[i], i)
	}
	if c.p.Weights() == plan.WeightPercent && c.revisionsKnown(s) {
		c.weights(s) // weights mean nothing while revisions are unknown
	}
}

func (c *checker) unit(s *plan.Sheet) {
	p := c.p
	area := p.AreaByCode(s.Area.S)
	if s.Area.S != "" && area == nil {
		c.ds.errorf(s.Area.Pos, hintKnown("aree definite", codesOf(p.Aree, func(a plan.Area) string { return a.Key() })), msgUnknownArea, s.Area.S)
	}
	u := p.Unit(s.Unita.S)
	switch {
	case s.Unita.S == "":
	case u == nil:
		c.ds.errorf(s.Unita.Pos, hintKnown("unità definite", codesOf(p.Units(), func(u *plan.Unit) string { return u.Key() })), msgUnknownUnit, s.Unita.S)
	case area != nil && u.Area != area:
		c.ds.errorf(s.Unita.Pos, hintUnitNotInArea, msgUnitNotInArea, s.Unita.S, s.Area.S)
	}
}

// place checks that a sheet sits in the levels the plan has: a line (or an
// objective of a line) when the plan has lines, objectives when it has
// objectives, a unit when an operational sheet's plan has units. A plan
// without a level asks for none.
func (c *checker) place(s *plan.Sheet) {
	p := c.p
	if c.broken[s.Pos.File()] {
		return // what is missing may be a key the loader could not read
	}
	need := func(key string) { c.ds.errorf(s.Pos, hintNeedLevel(key), msgMissingField, key) }
	if p.HasLines() && s.Linea.S == "" && p.LineOf(s) == nil && (len(s.Obiettivi) == 0 || !p.HasObjectives()) {
		need("linea")
	}
	if p.HasObjectives() && len(s.Obiettivi) == 0 && s.Kind == plan.Operational {
		need("obiettivi_strategici")
	}
	if p.HasUnits() && s.Kind == plan.Operational && s.Unita.S == "" {
		need("unita")
	}
}

// lineKey is a line's key, or "" for none.
func lineKey(l *plan.Line) string {
	if l == nil {
		return ""
	}
	return l.Key()
}

func (c *checker) notes(notes []plan.Note, revs []plan.RevNote) {
	for _, n := range notes {
		c.revision(n.Inserita)
		c.revision(n.Stralcio)
	}
	for _, r := range revs {
		c.revision(r.Revisione)
	}
}

func (c *checker) indicator(s *plan.Sheet, ind *plan.Indicator, i int) {
	if !ind.AutoID {
		c.code(ind.ID, "indicatore", map[string]plan.Pos{})
	}
	for f := range ind.Fields() {
		c.value(f.Value)
	}
	c.years(ind.Target)
	c.targets(ind)
	c.weight(ind.Peso, ind.Pos)
	c.campi(ind.Note, indicatorKeys)
	c.revision(ind.Inserito)
	c.revision(ind.Stralcio)
	if ind.Inserito.S != "" && ind.Inserito.S == ind.Stralcio.S {
		c.ds.errorf(ind.Stralcio.Pos, hintInsertedAndRemoved, msgInsertedAndRemoved, ind.Stralcio.S)
	}
	c.notes(ind.Note, ind.Revisioni)
}

// indicatorID checks that an indicator's id is unique: as an anchor in its
// sheet's page, and in the whole plan when the sheet gives it. It runs
// over the plan's sheets in order, after the rules of each sheet (which
// run on every core): a duplicate is reported at the later one.
func (c *checker) indicatorID(s *plan.Sheet, ind *plan.Indicator) {
	explicit := !ind.AutoID
	keys := []string{sheetDir[s.Kind] + "/" + s.Slug + "#" + ind.ID.S} // an anchor is unique in its page
	if explicit {
		keys = append(keys, "="+ind.ID.S) // an explicit id, in the whole plan
	}
	for _, key := range keys {
		if prev, dup := c.ids[key]; dup {
			c.ds.errorf(ind.ID.Pos, hintDuplicateID, msgDuplicateID, "indicatore", ind.ID.S, formatPos(prev))
			break
		}
	}
	for _, key := range keys {
		c.ids[key] = ind.ID.Pos
	}
}

// campi checks that footnotes mark fields that exist.
func (c *checker) campi(notes []plan.Note, keys []string) {
	for _, n := range notes {
		for _, f := range n.Campi {
			if !slices.Contains(keys, f.S) {
				hint := hintKnownKeys(keys)
				if near := nearest(f.S, keys); near != "" {
					hint = hintDidYouMean(near)
				}
				c.ds.errorf(f.Pos, hint, msgUnknownCampo, f.S)
			}
		}
	}
}

// codesOf lists the codes of items, for the hints that name the valid
// ones.
func codesOf[T any](items []T, code func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = code(it)
	}
	return out
}

// method checks how the plan combines achievements: a way piao knows, not
// asked of a plan without weights, and said for coefficients when the
// plan has results to combine.
func (c *checker) method(p *plan.Plan) {
	m := p.CalcoloRaggiungimento
	switch m.S {
	case "", plan.MethodNone:
	case plan.MethodWeightedMean:
		if !p.Weighted() {
			c.ds.errorf(m.Pos, hintMethodNoWeights, msgMethodNoWeights)
		}
	default:
		c.ds.errorf(m.Pos, hintMethod, msgMethod, m.S)
	}
	if m.S == "" && p.Coefficients() && p.HasResults() {
		c.ds.warnf(p.Pesi.Pos, hintMethodCoefficients, msgMethodCoefficients)
	}
}
