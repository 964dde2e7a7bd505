package builder

import (
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// Check runs the rules over a loaded site and returns every finding. It
// indexes each plan as a side effect, so that later stages can resolve
// references.
func Check(site *plan.Site) Diagnostics { return check(site, nil) }

// check runs the rules. Rules over a whole plan — a unit's weights, the use
// of a revision — are skipped for a plan some of whose files did not load
// (broken), since they would report the consequences of that error.
func check(site *plan.Site, broken map[string]bool) Diagnostics {
	var ds Diagnostics
	(&checker{ds: &ds}).config(&site.Config)
	for _, p := range site.Plans {
		p.Index()
		c := &checker{p: p, ds: &ds, ids: map[string]plan.Pos{}}
		c.plan()
		for _, s := range p.Sheets() {
			c.sheet(s)
		}
		if !planBroken(p, broken) {
			c.unitWeights()
			c.revisionsUsed()
		}
		c.privacy()
	}
	return append(ds, checkPages(site)...)
}

func planBroken(p *plan.Plan, broken map[string]bool) bool {
	dir := path.Dir(p.Pos.File) + "/"
	for f := range broken {
		if strings.HasPrefix(f, dir) || f+"/" == dir {
			return true
		}
	}
	return false
}

type checker struct {
	p   *plan.Plan
	ds  *Diagnostics
	ids map[string]plan.Pos // indicator ids in the plan
	md  *markup.Renderer    // for the sheets' bodies, made when first needed
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
	if sc := p.Schede.S; sc != "" && sc != schedeAll && sc != schedeSelection {
		c.ds.errorf(p.Schede.Pos, hintSchede, msgSchede, sc)
	}
	seen := map[string]plan.Pos{}
	prev := ""
	for i, r := range p.Revisioni {
		c.code(r.ID, "revisione", seen)
		c.date(r.Data)
		if i > 0 && r.Data.S < prev {
			c.ds.errorf(r.Data.Pos, hintRevisionOrder, msgRevisionOrder, r.ID.S, r.Data.S, p.Revisioni[i-1].ID.S, prev)
		}
		prev = r.Data.S
	}
	seen = map[string]plan.Pos{}
	units := map[string]plan.Pos{}
	for _, a := range p.Aree {
		c.code(a.Codice, "area", seen)
		for _, u := range a.Unita {
			c.code(u.Codice, "unità", units)
		}
	}
	seen = map[string]plan.Pos{}
	objs := map[string]plan.Pos{}
	for _, l := range p.Linee {
		c.code(l.Codice, "linea", seen)
		for _, o := range l.Obiettivi {
			key := o.ID
			if key.S == "" {
				key = o.Codice
			}
			c.code(key, "obiettivo", objs)
		}
	}
}

// code checks that a code is well formed and unique among seen.
func (c *checker) code(t plan.Text, what string, seen map[string]plan.Pos) {
	if t.S == "" {
		return
	}
	if !codeRE.MatchString(t.S) || strings.Contains(t.S, "..") {
		c.ds.errorf(t.Pos, hintBadCode, msgBadCode, t.S)
	} else if len(t.S) > maxNameLen {
		c.ds.errorf(t.Pos, hintLongName, msgCodeTooLong, len(t.S), maxNameLen)
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
	if _, err := time.Parse("2006-01-02", t.S); err != nil {
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
	for _, pr := range v.Precedenti {
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

func (c *checker) sheet(s *plan.Sheet) {
	p := c.p
	line := p.LineByCode(s.Linea.S)
	if s.Linea.S != "" && line == nil {
		c.ds.errorf(s.Linea.Pos, hintKnown("linee definite", lineCodes(p)), msgUnknownLine, s.Linea.S)
	}
	for _, o := range s.Obiettivi {
		obj := p.Objective(o.S)
		switch {
		case o.S == "": // not text: reported by the loader
		case obj == nil:
			c.ds.errorf(o.Pos, hintKnown("obiettivi definiti", objectiveKeys(p)), msgUnknownObjective, o.S)
		case line != nil && obj.Line != line:
			c.ds.errorf(o.Pos, hintObjectiveLine, msgObjectiveOtherLine, o.S, obj.Line.Codice.S, line.Codice.S)
		}
	}
	if s.Kind == plan.Operational {
		c.unit(s)
	}
	for _, f := range s.Values() {
		c.value(f.Value)
	}
	c.years(s.Risorse)
	c.amounts(s)
	c.percents(s.Peso)
	c.notes(s.Note, s.Revisioni)
	c.campi(s.Note, sheetKeys)
	c.explained(s)
	c.body(s)
	for i := range s.Indicatori {
		c.indicator(s, &s.Indicatori[i], i)
	}
	if c.revisionsKnown(s) {
		c.weights(s) // weights mean nothing while revisions are unknown
	}
}

func (c *checker) unit(s *plan.Sheet) {
	p := c.p
	area := p.AreaByCode(s.Area.S)
	if s.Area.S != "" && area == nil {
		c.ds.errorf(s.Area.Pos, hintKnown("aree definite", areaCodes(p)), msgUnknownArea, s.Area.S)
	}
	u := p.Unit(s.Unita.S)
	switch {
	case s.Unita.S == "":
	case u == nil:
		c.ds.errorf(s.Unita.Pos, hintKnown("unità definite", unitCodes(p)), msgUnknownUnit, s.Unita.S)
	case area != nil && u.Area != area:
		c.ds.errorf(s.Unita.Pos, hintUnitNotInArea, msgUnitNotInArea, s.Unita.S, s.Area.S)
	}
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
	explicit := ind.ID.S != ""
	if explicit {
		c.code(ind.ID, "indicatore", map[string]plan.Pos{})
	} else {
		ind.ID = plan.Text{S: "i" + strconv.Itoa(i+1), Pos: ind.Pos}
	}
	keys := []string{s.Slug + "#" + ind.ID.S} // an anchor is unique in its page
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
	for _, f := range ind.Values() {
		c.value(f.Value)
	}
	c.years(ind.Target)
	c.targets(ind)
	c.percents(ind.Peso)
	c.campi(ind.Note, indicatorKeys)
	c.revision(ind.Inserito)
	c.revision(ind.Stralcio)
	if ind.Inserito.S != "" && ind.Inserito.S == ind.Stralcio.S {
		c.ds.errorf(ind.Stralcio.Pos, hintInsertedAndRemoved, msgInsertedAndRemoved, ind.Stralcio.S)
	}
	c.notes(ind.Note, ind.Revisioni)
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

func lineCodes(p *plan.Plan) []string {
	var out []string
	for _, l := range p.Linee {
		out = append(out, l.Codice.S)
	}
	return out
}

func objectiveKeys(p *plan.Plan) []string {
	var out []string
	for _, l := range p.Linee {
		for i := range l.Obiettivi {
			out = append(out, l.Obiettivi[i].Key())
		}
	}
	return out
}

func areaCodes(p *plan.Plan) []string {
	var out []string
	for _, a := range p.Aree {
		out = append(out, a.Codice.S)
	}
	return out
}

func unitCodes(p *plan.Plan) []string {
	var out []string
	for _, a := range p.Aree {
		for _, u := range a.Unita {
			out = append(out, u.Codice.S)
		}
	}
	return out
}
