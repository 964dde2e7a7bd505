package plan

import (
	"math"
	"testing"
)

func TestParseProgress(t *testing.T) {
	for in, want := range map[string]Progress{"+": Ahead, "=": OnTrack, "−": Behind, "-": Behind, "–": Behind,
		" + ": Ahead, "ok": NoProgress, "": NoProgress, "++": NoProgress} {
		if got := ParseProgress(in); got != want {
			t.Errorf("ParseProgress(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseAchievement(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  Outcome
		pct   float64
		isPct bool
		ok    bool
	}{
		{"100%", Reached, 100, true, true},
		{"120 %", Reached, 120, true, true},
		{"87,5%", Partial, 87.5, true, true},
		{"0%", NotReached, 0, true, true},
		{"Raggiunto", Reached, 0, false, true},
		{"parzialmente  raggiunto", Partial, 0, false, true},
		{"parziale", Partial, 0, false, true},
		{"NON RAGGIUNTO", NotReached, 0, false, true},
		{"quasi", NotApplicable, 0, false, false},
		{"80", NotApplicable, 0, false, false},
		{"-5%", NotApplicable, 0, false, false},
		{"1,2,3%", NotApplicable, 0, false, false},
	} {
		o, pct, isPct, ok := ParseAchievement(c.in)
		if o != c.want || pct != c.pct || isPct != c.isPct || ok != c.ok {
			t.Errorf("ParseAchievement(%q) = %v, %v, %v, %v; want %v, %v, %v, %v", c.in, o, pct, isPct, ok, c.want, c.pct, c.isPct, c.ok)
		}
	}
}

func TestStageAt(t *testing.T) {
	p := &Plan{Revisioni: []Revision{{ID: Text{S: "a"}, Data: Text{S: "2024-07-25"}}, {ID: Text{S: "b"}, Data: Text{S: "2025-03"}}}}
	for year, want := range map[string]int{"2023": 0, "2024": 1, "2025": 2, "2026": 2} {
		if got := p.StageAt(year); got != want {
			t.Errorf("StageAt(%s) = %d, want %d", year, got, want)
		}
	}
}

// cyclePlan is a plan of two units, one with two sheets, weighed as
// pesi says, with results for 2025.
func cyclePlan(pesi string, weights [4]string, achievements [3]string) *Plan {
	p := &Plan{Pesi: Text{S: pesi}, FirstYear: 2025, LastYear: 2025,
		Aree: []Area{{Ref: Ref{Codice: Text{S: "A"}}, Unita: []Unit{{Ref: Ref{Codice: Text{S: "u"}}}, {Ref: Ref{Codice: Text{S: "v"}}}}}}}
	ind := func(w, a string) Indicator {
		return Indicator{Peso: Value{Text: Text{S: w}}, Target: []Value{{Text: Text{S: "1"}, Anno: "2025"}},
			Risultati: []Result{{Anno: "2025", Raggiungimento: Text{S: a}}}}
	}
	p.Operational = []*Sheet{
		{Slug: "s1", Unita: Text{S: "u"}, Peso: Value{Text: Text{S: weights[0]}}, Kind: Operational,
			Indicatori: []Indicator{ind(weights[2], achievements[0]), ind(weights[3], achievements[1])}},
		{Slug: "s2", Unita: Text{S: "u"}, Peso: Value{Text: Text{S: weights[1]}}, Kind: Operational,
			Indicatori: []Indicator{ind(weights[1], achievements[2])}},
	}
	p.Index()
	return p
}

func TestFigures(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	// Percentages: s1 = 70%×100 + 30%×80 = 94; s2 = 100%×50; unit u = 60%×94 + 40%×50.
	p := cyclePlan("", [4]string{"60%", "40%", "70%", "30%"}, [3]string{"100%", "80%", "50%"})
	p.Operational[1].Indicatori[0].Peso.S = "100%"
	if f := p.SheetFigure(p.Operational[0], "2025"); !f.OK() || !near(f.Percent, 94) || len(f.Terms) != 2 {
		t.Errorf("sheet figure = %+v, want 94%%", f)
	}
	if f := p.UnitFigure("u", "2025"); !f.OK() || !near(f.Percent, 76.4) {
		t.Errorf("unit figure = %+v, want 76.4%%", f)
	}
	if f := p.AreaFigure("A", "2025"); !f.OK() || !near(f.Percent, 76.4) {
		t.Errorf("area figure = %+v, want 76.4%% (unit v has no sheet)", f)
	}
	if f := p.UnitFigure("v", "2025"); f.OK() || f.Lack != NoParts {
		t.Errorf("a unit without sheets: %+v, want none", f)
	}
	// Two units of the area with objectives: the act weighs no unit
	// within its area, so the area has none.
	p.Operational[1].Unita.S = "v"
	if f := p.AreaFigure("A", "2025"); f.OK() || f.Lack != ManyUnits {
		t.Errorf("an area of two units: %+v, want none (ManyUnits)", f)
	}
	p.Operational[1].Unita.S = "u"
	// Coefficients, combined as the plan says: s1 = (2×100 + 1×80)/3;
	// u = (1,5×s1 + 1×50)/2,5.
	c := cyclePlan(WeightCoefficient, [4]string{"1,5", "1", "2", "1"}, [3]string{"100%", "80%", "50%"})
	if f := c.UnitFigure("u", "2025"); f.OK() || f.Lack != NoMethod {
		t.Errorf("coefficients without calcolo_raggiungimento: %+v, want none", f)
	}
	c.CalcoloRaggiungimento.S = MethodWeightedMean
	s1 := (2*100 + 80) / 3.0
	if f := c.UnitFigure("u", "2025"); !f.OK() || !near(f.Percent, (1.5*s1+50)/2.5) {
		t.Errorf("coefficient unit figure = %+v, want %v", f, (1.5*s1+50)/2.5)
	}
	// Percentages that the plan says are not combined: none.
	p.CalcoloRaggiungimento.S = MethodNone
	if f := p.UnitFigure("u", "2025"); f.OK() || f.Lack != NoMethod {
		t.Errorf("calcolo_raggiungimento: nessuno: %+v, want none", f)
	}
	p.CalcoloRaggiungimento.S = ""
	// A unit whose published weights do not sum to 100%: none.
	q := cyclePlan("", [4]string{"60%", "30%", "70%", "30%"}, [3]string{"100%", "80%", "50%"})
	q.Operational[1].Indicatori[0].Peso.S = "100%"
	if f := q.UnitFigure("u", "2025"); f.OK() || f.Lack != NotWhole {
		t.Errorf("unit weights of 90%%: %+v, want none (NotWhole)", f)
	}
	// An achievement not stated as a percentage: no figure, naming it.
	r := cyclePlan("", [4]string{"60%", "40%", "70%", "30%"}, [3]string{"100%", "parziale", "50%"})
	if f := r.SheetFigure(r.Operational[0], "2025"); f.OK() || f.Lack != NoPercent || f.Part.Indicator != &r.Operational[0].Indicatori[1] {
		t.Errorf("a word achievement: %+v, want none naming indicator 2", f)
	}
	if f := r.UnitFigure("u", "2025"); f.OK() || f.Part.Sheet != r.Operational[0] {
		t.Errorf("a unit over a sheet without figure: %+v", f)
	}
	// No weights: never a figure.
	n := cyclePlan(WeightNone, [4]string{"", "", "", ""}, [3]string{"100%", "100%", "100%"})
	if f := n.SheetFigure(n.Operational[0], "2025"); f.OK() || f.Lack != NoMethod {
		t.Errorf("a plan without weights: %+v, want none", f)
	}
	// A year without results: none.
	if f := p.SheetFigure(p.Operational[0], "2026"); f.OK() {
		t.Errorf("a year without results: %+v", f)
	}
}

func TestOutcomeIn(t *testing.T) {
	order := map[string]int{"r1": 1}
	ind := Indicator{Target: []Value{{Text: Text{S: "≥ 3"}, Anno: "2025"}, {Text: Text{S: "//"}, Anno: "2026"}, {Text: Text{S: "5"}, Anno: "2027"}},
		Risultati: []Result{{Anno: "2025", Valore: Text{S: "4"}}}}
	for y, want := range map[string]Outcome{"2025": Unstated, "2026": NotApplicable, "2027": NotMeasured, "2028": NotApplicable} {
		if got := ind.OutcomeIn(y, 0, order); got != want {
			t.Errorf("OutcomeIn(%s) = %v, want %v", y, got, want)
		}
	}
	removed := Indicator{Stralcio: Text{S: "r1"}, Target: []Value{{Text: Text{S: "1"}, Anno: "2025"}}}
	if got := removed.OutcomeIn("2025", 1, order); got != NotApplicable {
		t.Errorf("a removed indicator: %v, want none", got)
	}
}
