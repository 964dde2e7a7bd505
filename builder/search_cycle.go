package builder

import (
	"slices"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The performance cycle in the search index: results and monitoring are
// searched as text, and each indicator (or sheet without indicators) is in
// the facet of its outcome in each year the plan reports on, which the
// search page's "Esito" filter offers.

// outcomeFacet is the facet of the documents with outcome o in year:
// "e_2025_raggiunto".
func outcomeFacet(year string, o plan.Outcome) string { return "e_" + year + "_" + o.Key() }

// outcomeFacets lists the facets of an indicator (ind nil: of a sheet
// without indicators) by its outcome in each year the plan reports on.
func outcomeFacets(s *plan.Sheet, ind *plan.Indicator) []string {
	p := s.Plan
	var out []string
	for _, y := range p.ResultYears() {
		if o := outcomeIn(s, ind, y); o != plan.NotApplicable {
			out = append(out, outcomeFacet(y, o))
		}
	}
	return out
}

// outcomeIn is the outcome of an indicator, or of a sheet without
// indicators (ind nil), in year.
func outcomeIn(s *plan.Sheet, ind *plan.Indicator, year string) plan.Outcome {
	p := s.Plan
	n, order := p.StageAt(year), p.RevisionOrder()
	if ind != nil {
		return ind.OutcomeIn(year, n, order)
	}
	if len(s.Indicatori) > 0 {
		return plan.NotApplicable
	}
	if r := s.ResultIn(year); r != nil {
		return r.Outcome()
	}
	if s.InForce(n, order) && sheetTargetIn(s, year, n, order) != "" {
		return plan.NotMeasured
	}
	return plan.NotApplicable
}

// cycle adds a document's results (as its fields) and monitoring (as its
// history) to its terms and snippet.
func (d *docTerms) cycle(results []plan.Result, ms []plan.Monitoring) {
	w := d.words
	for _, r := range results {
		parts := []string{}
		for _, t := range []string{r.Valore.S, r.Raggiungimento.S} {
			if strings.TrimSpace(t) != "" {
				parts = append(parts, t)
			}
		}
		parts = append(parts, w.outcome(r.Outcome()).Word)
		if r.Nota.S != "" {
			parts = append(parts, r.Nota.S)
		}
		d.show(weightField, w.T("search.result", "year", r.Anno), strings.Join(parts, " – "))
	}
	for _, m := range ms {
		parts := []string{w.progress(m.Progress()).Word}
		for _, t := range []string{m.Valore.S, m.Nota.S, m.Proposta.S} {
			if strings.TrimSpace(t) != "" {
				parts = append(parts, t)
			}
		}
		d.show(weightHistory, w.T("search.monitoring", "date", w.Date(m.Data.S)), strings.Join(parts, " – "))
	}
}

// outcomeOptions are the options of the search page's "Esito" filter:
// each year a plan reports on, and each outcome some indicator has then.
func outcomeOptions(site *plan.Site, w *words) []option {
	seen := map[string]bool{}
	var years []string
	for _, p := range site.Plans {
		for _, s := range p.Sheets() {
			for _, k := range outcomeFacets(s, nil) {
				seen[k] = true
			}
			for _, ind := range s.Indicators() {
				for _, k := range outcomeFacets(s, ind) {
					seen[k] = true
				}
			}
		}
		for _, y := range p.ResultYears() {
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
		}
	}
	slices.Sort(years)
	slices.Reverse(years) // the latest year first
	var out []option
	for _, y := range years {
		for _, o := range plan.Outcomes {
			if k := outcomeFacet(y, o); seen[k] {
				out = append(out, option{k, w.T("search.filter.outcome.option", "year", y, "outcome", w.outcomes(o))})
			}
		}
	}
	return out
}
