package builder

import (
	"github.com/piao-pa/piao/builder/plan"
)

// The template API of a revision's own page and of the summaries of the
// revisions page (part of view.go's; doc.go lists them).

// RevisionURL links to a revision's own page.
func (pg *page) RevisionURL(r plan.Revision) string { return pg.Rel(revisionPath(pg.Plan, &r)) }

// Summary counts what revision r of the page's plan did (revsummary.go).
func (pg *page) Summary(r plan.Revision) revSummary {
	return summarize(pg.Plan, pg.Plan.Revision(r.ID.S))
}

// Euros formats an amount in cents: "€ 1.201.904,83".
func (pg *page) Euros(cents int64) string { return euros(cents, false) }

// EurosDiff formats a difference in cents, with its sign: "+ € 96.404,83".
func (pg *page) EurosDiff(cents int64) string { return euros(cents, true) }

// changeRow is a row of the table of a revision's changes.
type changeRow struct {
	C         plan.Change
	Sheet     string // the sheet's name
	SheetURL  string
	Indicator int    // the indicator's number, 0 for the sheet itself
	IndURL    string // its anchor
	What      string // modified, added or removed, in words
	Field     string // the field, in words
	Old, New  string // the values, as written
	Move      string // for a target: lowered or raised, in words; "" when not comparable
}

// ChangeRows lists everything revision r changed, one row each, in the
// order of the sheets.
func (pg *page) ChangeRows(r plan.Revision) []changeRow {
	w := pg.r.words
	all := pg.Plan.Changes(r.ID.S)
	units := unitsChanged(all)
	out := make([]changeRow, 0, len(all))
	for _, c := range all {
		row := changeRow{C: c, Sheet: pg.SheetName(c.Sheet), SheetURL: pg.SheetURL(c.Sheet)}
		if c.Indicator != nil {
			row.Indicator = pg.IndicatorNumber(c.Sheet, c.Indicator)
			row.IndURL = pg.IndicatorURL(c.Sheet, c.Indicator)
		}
		switch {
		case c.Kind.IsAdded():
			row.What = w.T("summary.kind.added")
		case c.Kind.IsRemoved():
			row.What = w.T("summary.kind.removed")
		default:
			row.What = w.T("summary.kind.modified")
		}
		row.Field, row.Old, row.New = changeCells(w, c)
		if c.Kind.IsModified() && c.Field.Key == "target" {
			switch moveOf(c, units) {
			case targetLowered:
				row.Move = w.T("summary.move.lowered")
			case targetRaised:
				row.Move = w.T("summary.move.raised")
			}
		}
		out = append(out, row)
	}
	return out
}

// changeCells are the field and the values before and after a change, as
// revisioni.csv gives them.
func changeCells(w *words, c plan.Change) (field, old, new string) {
	var row changeJSON
	changeValues(w, &row, c)
	return row.Etichetta, row.ValorePrecedente, row.ValoreAttuale
}
