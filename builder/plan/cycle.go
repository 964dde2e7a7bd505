package plan

import (
	"slices"
	"strconv"
	"strings"
)

// The performance cycle after the plan's approval: the monitoring during
// the year (monitoraggio, on indicators and sheets), the year-end results
// (risultati, per year) and the Relazione sulla performance that reports
// them, approved by the body and validated by the OIV (relazione, per year
// in piano.yaml). None of them is revised by a revision: they are facts
// with their date, so they are not in the table of fields.

// Monitoring is one entry of a monitoring: the progress at a date, as the
// act marks it (+ ahead, = on track, − behind), the value reached then, a
// note and the proposal to the revision; Revisione names the revision that
// followed it, when one did.
type Monitoring struct {
	Data      Text `yaml:"data,required"`  // a date as precise as the act: 2025-06-30, 2025-06
	Stato     Text `yaml:"stato,required"` // +, = or − (the ASCII -, and –, too)
	Valore    Text `yaml:"valore"`
	Nota      Text `yaml:"nota,lang"`
	Proposta  Text `yaml:"proposta,lang"`
	Revisione Text `yaml:"revisione"`
	Pos       Pos  `yaml:"-"`
}

// Progress is the state of a monitoring entry.
type Progress int

const (
	NoProgress Progress = iota // not a state piao knows
	Ahead                      // +
	OnTrack                    // =
	Behind                     // −
)

// ParseProgress reads a monitoring state: "+", "=", or "−" (U+2212) for
// behind, as the acts print it; the ASCII hyphen "-" and the dash "–",
// which keyboards and word processors give, mean the same.
func ParseProgress(s string) Progress {
	switch strings.TrimSpace(s) {
	case "+":
		return Ahead
	case "=":
		return OnTrack
	case "−", "-", "–":
		return Behind
	}
	return NoProgress
}

// Key names the state in the open data and the site's words:
// "in_anticipo", "in_linea", "in_ritardo".
func (p Progress) Key() string {
	switch p {
	case Ahead:
		return "in_anticipo"
	case OnTrack:
		return "in_linea"
	case Behind:
		return "in_ritardo"
	}
	return ""
}

// Symbol is the state's sign as the acts print it: +, =, −.
func (p Progress) Symbol() string {
	switch p {
	case Ahead:
		return "+"
	case OnTrack:
		return "="
	case Behind:
		return "−"
	}
	return ""
}

// Progress is the entry's state.
func (m *Monitoring) Progress() Progress { return ParseProgress(m.Stato.S) }

// Result is what an indicator (or a sheet without indicators) reached in
// one year: the value as written, the degree of achievement as the act
// states it ("100%", "parziale") and a note, often why.
type Result struct {
	Anno           string `yaml:"-"`
	Valore         Text   `yaml:"valore"`
	Raggiungimento Text   `yaml:"raggiungimento"`
	Nota           Text   `yaml:"nota,lang"`
	Pos            Pos    `yaml:"-"`
}

// Report is the Relazione sulla performance of one year of the plan: the
// act that approved it, the OIV's validation, and free text.
type Report struct {
	Anno         string     `yaml:"-"`
	Approvazione ReportAct  `yaml:"approvazione,required"`
	Validazione  *ReportAct `yaml:"validazione"` // the OIV's validation, once given
	Testo        Text       `yaml:"testo,lang"`
	Pos          Pos        `yaml:"-"`
}

// ReportAct is an act of the Relazione: what it is, its date, and where
// to read it.
type ReportAct struct {
	Atto     Text       `yaml:"atto,required"`
	Data     Text       `yaml:"data,required"`
	URL      Text       `yaml:"url"`
	Allegati []Document `yaml:"allegati"`
	Pos      Pos        `yaml:"-"`
}

// Document is a document to read: a title and its address.
type Document struct {
	Titolo Text `yaml:"titolo,required"`
	URL    Text `yaml:"url,required"`
}

// Outcome is whether an indicator reached its target in a year.
type Outcome int

const (
	NotApplicable Outcome = iota // no target and no result that year, or not in force
	Reached                      // raggiunto
	Partial                      // parzialmente raggiunto
	NotReached                   // non raggiunto
	Unstated                     // a result whose achievement the act does not state
	NotMeasured                  // a target, and no result yet
)

// Outcomes lists the outcomes a page, an index or a filter shows, in order.
var Outcomes = []Outcome{Reached, Partial, NotReached, Unstated, NotMeasured}

// Key names the outcome in the open data, the filters and the site's
// words: "raggiunto", "parziale", "non_raggiunto", "non_indicato",
// "non_rilevato".
func (o Outcome) Key() string {
	switch o {
	case Reached:
		return "raggiunto"
	case Partial:
		return "parziale"
	case NotReached:
		return "non_raggiunto"
	case Unstated:
		return "non_indicato"
	case NotMeasured:
		return "non_rilevato"
	}
	return ""
}

// achievementWords are the words an act states an achievement with.
var achievementWords = map[string]Outcome{
	"raggiunto": Reached, "conseguito": Reached, "superato": Reached,
	"parzialmente raggiunto": Partial, "parzialmente conseguito": Partial, "parziale": Partial,
	"raggiunto in parte": Partial, "in parte": Partial,
	"non raggiunto": NotReached, "non conseguito": NotReached,
}

// AchievementWords lists the words ParseAchievement knows, for a hint.
func AchievementWords() []string {
	out := make([]string, 0, len(achievementWords))
	for w := range achievementWords {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// ParseAchievement reads a degree of achievement as an act states it: a
// percentage ("100%", "87,5 %"; 100% or more is reached, 0% not reached,
// any other partially), or one of the words of achievementWords, in any
// case. pct is the percentage, when it is one.
func ParseAchievement(s string) (o Outcome, pct float64, isPct, ok bool) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if o, ok := achievementWords[t]; ok {
		return o, 0, false, true
	}
	pct, isPct = ParsePercent(t)
	switch {
	case !isPct:
		return NotApplicable, 0, false, false
	case pct >= 100:
		return Reached, pct, true, true
	case pct == 0:
		return NotReached, pct, true, true
	}
	return Partial, pct, true, true
}

// ParsePercent reads a non-negative percentage, "87,5%" or "120 %", with
// no upper bound (an act may state more than 100%).
func ParsePercent(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "%") {
		return 0, false
	}
	return parseDecimal(strings.TrimSpace(strings.TrimSuffix(s, "%")))
}

// ParseCoefficient reads a coefficient as an act writes it: 1, 1,2, 0,85.
func ParseCoefficient(s string) (float64, bool) { return parseDecimal(strings.TrimSpace(s)) }

// parseDecimal reads digits with at most one decimal comma (or point).
func parseDecimal(s string) (float64, bool) {
	if s == "" || strings.Count(s, ",")+strings.Count(s, ".") > 1 {
		return 0, false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f, err == nil
}

// Outcome is the result's outcome: Unstated when it states no achievement.
func (r *Result) Outcome() Outcome {
	if strings.TrimSpace(r.Raggiungimento.S) == "" {
		return Unstated
	}
	o, _, _, ok := ParseAchievement(r.Raggiungimento.S)
	if !ok {
		return Unstated
	}
	return o
}

// ResultIn returns the indicator's result of year, or nil.
func (ind *Indicator) ResultIn(year string) *Result { return resultIn(ind.Risultati, year) }

// ResultIn returns the sheet's own result of year, or nil.
func (s *Sheet) ResultIn(year string) *Result { return resultIn(s.Risultati, year) }

func resultIn(rs []Result, year string) *Result {
	for i := range rs {
		if rs[i].Anno == year {
			return &rs[i]
		}
	}
	return nil
}

// TargetIn is the indicator's target of year in force after the first n
// revisions, "" for none; "//" (no target that year) is none.
func (ind *Indicator) TargetIn(year string, n int, order map[string]int) string {
	for _, t := range ind.Target {
		if t.Anno == year {
			if v := strings.TrimSpace(t.At(n, order)); v != "//" {
				return v
			}
		}
	}
	return ""
}

// OutcomeIn is the indicator's outcome in year, with the revisions in
// force for that year (Plan.StageAt): its result's, or NotMeasured when it
// was in force with a target that year and has no result.
func (ind *Indicator) OutcomeIn(year string, n int, order map[string]int) Outcome {
	if r := ind.ResultIn(year); r != nil {
		return r.Outcome()
	}
	if ind.InForce(n, order) && ind.TargetIn(year, n, order) != "" {
		return NotMeasured
	}
	return NotApplicable
}

// Latest returns the latest of monitoring entries by date (the last
// written of those of the same date), or nil.
func Latest(ms []Monitoring) *Monitoring {
	var out *Monitoring
	for i := range ms {
		if out == nil || !DateBefore(ms[i].Data.S, out.Data.S) {
			out = &ms[i]
		}
	}
	return out
}

// Report returns the plan's Relazione of year, or nil.
func (p *Plan) Report(year string) *Report {
	for i := range p.Relazione {
		if p.Relazione[i].Anno == year {
			return &p.Relazione[i]
		}
	}
	return nil
}

// StageAt is the number of revisions in force for the results of year:
// those approved in that year or before (a later revision changes the
// plan of later years, not what year had to reach).
func (p *Plan) StageAt(year string) int {
	n := 0
	for i, r := range p.Revisioni {
		if y, _, _, pr := ParseDate(r.Data.S); pr != NoDate && strconv.Itoa(y) <= year {
			n = i + 1
		}
	}
	return n
}

// ResultYears lists, in order, the years the plan reports on: those of its
// Relazioni and those of any result of its sheets and indicators.
func (p *Plan) ResultYears() []string { return p.cycle.resultYears }

// HasResults reports whether some sheet or indicator of the plan gives a
// result; HasMonitoring, a monitoring entry.
func (p *Plan) HasResults() bool    { return p.cycle.results }
func (p *Plan) HasMonitoring() bool { return p.cycle.monitoring }

// cycleIndex is what Index finds of the plan's cycle.
type cycleIndex struct {
	resultYears         []string
	results, monitoring bool
}

func newCycleIndex(p *Plan) cycleIndex {
	var c cycleIndex
	add := func(y string) {
		if !slices.Contains(c.resultYears, y) {
			c.resultYears = append(c.resultYears, y)
		}
	}
	for _, r := range p.Relazione {
		add(r.Anno)
	}
	for _, s := range p.Sheets() {
		for _, r := range s.Risultati {
			add(r.Anno)
			c.results = true
		}
		c.monitoring = c.monitoring || len(s.Monitoraggio) > 0
		for i := range s.Indicatori {
			for _, r := range s.Indicatori[i].Risultati {
				add(r.Anno)
				c.results = true
			}
			c.monitoring = c.monitoring || len(s.Indicatori[i].Monitoraggio) > 0
		}
	}
	slices.Sort(c.resultYears)
	return c
}
