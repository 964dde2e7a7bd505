package builder

import "github.com/piao-pa/piao/builder/plan"

// NavPlan is the plan the header's menu points at: the page's own plan,
// or the newest one on pages above the plans.
func (pg *page) NavPlan() *plan.Plan {
	if pg.Plan != nil {
		return pg.Plan
	}
	if len(pg.Site.Plans) > 0 {
		return pg.Site.Plans[0]
	}
	return nil
}

// PlanRevisionsURL links to the revisions page of any plan.
func (pg *page) PlanRevisionsURL(p *plan.Plan) string { return pg.Rel(revisionsPath(p)) }
