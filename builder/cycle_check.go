package builder

import (
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// The rules of the performance cycle: the Relazioni of piano.yaml, and the
// monitoring and results of every sheet and indicator.

// reports checks the plan's Relazioni: years of the plan, dates, the OIV's
// validation after the approval, addresses that are links.
func (c *checker) reports() {
	for _, r := range c.p.Relazione {
		c.resultYear(r.Anno, r.Pos)
		c.reportAct(r.Approvazione)
		approved := r.Approvazione.Data.S
		if y, _, _, p := plan.ParseDate(approved); p != plan.NoDate && strconv.Itoa(y) <= r.Anno {
			c.ds.warnf(r.Approvazione.Data.Pos, hintReportEarly, msgReportEarly, r.Anno, approved)
		}
		if v := r.Validazione; v != nil {
			c.reportAct(*v)
			if plan.DateBefore(v.Data.S, approved) {
				c.ds.errorf(v.Data.Pos, hintValidationBefore, msgValidationBefore, v.Data.S, approved)
			}
		}
	}
}

func (c *checker) reportAct(a plan.ReportAct) {
	c.date(a.Data)
	c.link(a.URL)
	for _, d := range a.Allegati {
		c.link(d.URL)
	}
}

// link checks an address the pages link to.
func (c *checker) link(u plan.Text) {
	if u.S != "" && !markup.SafeURL(u.S) {
		c.ds.errorf(u.Pos, hintDocumentURL, msgDocumentURL, u.S)
	}
}

// resultYear checks that a year of results is one of the plan's.
func (c *checker) resultYear(year string, pos plan.Pos) {
	y, _ := strconv.Atoi(year)
	if c.p.FirstYear > 0 && (y < c.p.FirstYear || y > c.p.LastYear) {
		c.ds.errorf(pos, hintResultYear, msgResultYear, year, c.p.Periodo.S)
	}
}

// monitoring checks the entries of a monitoring: dates, states, and the
// revision that followed, which comes after it.
func (c *checker) monitoring(ms []plan.Monitoring) {
	for _, m := range ms {
		c.date(m.Data)
		if m.Stato.S != "" && m.Progress() == plan.NoProgress {
			c.ds.errorf(m.Stato.Pos, hintProgress, msgProgress, m.Stato.S)
		}
		c.revision(m.Revisione)
		if r := c.p.Revision(m.Revisione.S); r != nil && plan.DateBefore(r.Data.S, m.Data.S) {
			c.ds.errorf(m.Revisione.Pos, hintMonitoringAfterRev, msgMonitoringAfterRev, m.Data.S, r.ID.S, r.Data.S)
		}
	}
}

// results checks the results of a sheet or an indicator (nil for the
// sheet's own): years of the plan, something stated, an achievement piao
// can read, and an indicator in force that year.
func (c *checker) results(rs []plan.Result, ind *plan.Indicator) {
	order := c.p.RevisionOrder()
	for _, r := range rs {
		c.resultYear(r.Anno, r.Pos)
		a := strings.TrimSpace(r.Raggiungimento.S)
		switch _, _, _, ok := plan.ParseAchievement(a); {
		case strings.TrimSpace(r.Valore.S) == "" && a == "":
			c.ds.errorf(r.Pos, hintResultEmpty, msgResultEmpty, r.Anno)
		case a != "" && !ok:
			c.ds.errorf(r.Raggiungimento.Pos, hintAchievement(plan.AchievementWords()), msgAchievement, r.Raggiungimento.S)
		}
		if ind != nil && c.known(ind.Inserito) && c.known(ind.Stralcio) && !ind.InForce(c.p.StageAt(r.Anno), order) {
			c.ds.warnf(r.Pos, hintResultNotInForce, msgResultNotInForce, r.Anno)
		}
	}
}

// cycle checks what a sheet says of its cycle, and its indicators'.
func (c *checker) cycle(s *plan.Sheet) {
	c.monitoring(s.Monitoraggio)
	c.results(s.Risultati, nil)
	if len(s.Risultati) > 0 && len(s.Indicatori) > 0 {
		c.ds.errorf(s.Risultati[0].Pos, hintSheetResults, msgSheetResults)
	}
	for i := range s.Indicatori {
		ind := &s.Indicatori[i]
		c.monitoring(ind.Monitoraggio)
		c.results(ind.Risultati, ind)
	}
}

// known reports whether a revision id is none or a revision of the plan.
func (c *checker) known(id plan.Text) bool { return id.S == "" || c.p.Revision(id.S) != nil }
