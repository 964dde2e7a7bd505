package builder

import (
	"iter"

	"github.com/piao-pa/piao/builder/plan"
)

// This file indexes revisions for search: each revision of a plan is a
// document of its own (its act, the document that published it, its
// reason: "OIV", "SMVP", "G/59" find it), and every sheet and indicator a
// revision touched is found by the revision's act and by the words a
// citizen uses for what happened to it ("stralciato", "inserito",
// "rivisto": the site's words search.terms.*).

// prepareRevision makes the document of a revision, which links to it on
// its plan's revisions page.
func prepareRevision(w *words, pi int, p *plan.Plan, r *plan.Revision) preparedDoc {
	d := &docTerms{weight: map[string]int{}, words: w, plan: p}
	title := w.T("revisions.of", "date", w.Date(r.Data.S))
	d.add(weightTitle, title, r.Atto.S)
	d.show(weightField, w.T("revisions.act"), r.Atto.S)
	d.show(weightField, w.T("revisions.document"), r.Documento.S)
	d.show(weightField, w.T("revisions.reason"), r.Motivo.S)
	doc := searchDoc{URL: revisionsPath(p) + "#" + slug(r.ID.S), Title: title, Kind: docRevision,
		Where: p.Titolo.S, Plan: pi}
	return preparedDoc{doc: doc, terms: d, facets: []string{planFacet(p)}}
}

// addRevisions adds to the document of a sheet or an indicator the acts
// of the revisions that touched it (ids, in order) and the words for what
// they did: removed and added at weight for the document itself, at
// history weight for its notes.
func (d *docTerms) addRevisions(p *plan.Plan, ids []string, revised, removed, added bool, notes []plan.Note) {
	seen := map[string]bool{}
	for _, id := range ids {
		if r := p.Revision(id); r != nil && id != "" && !seen[id] {
			seen[id] = true
			d.add(weightHistory, r.Atto.S)
		}
	}
	for _, n := range notes {
		if n.Stralcio.S != "" {
			d.add(weightHistory, d.words.T("search.terms.removed"))
		}
		if n.Inserita.S != "" {
			d.add(weightHistory, d.words.T("search.terms.added"))
		}
	}
	if revised {
		d.add(weightField, d.words.T("search.terms.revised"))
	}
	if removed {
		d.add(weightField, d.words.T("search.terms.removed"))
	}
	if added {
		d.add(weightField, d.words.T("search.terms.added"))
	}
}

// revisionIDs lists the revisions named by fields' earlier values, notes
// and revision notes, after the ids given.
func revisionIDs(ids []string, fields iter.Seq[plan.Field], notes []plan.Note, revs []plan.RevNote) []string {
	for f := range fields {
		for _, pr := range f.Value.Priors() {
			ids = append(ids, pr.Revisione.S)
		}
	}
	for _, n := range notes {
		ids = append(ids, n.Inserita.S, n.Stralcio.S)
	}
	for _, r := range revs {
		ids = append(ids, r.Revisione.S)
	}
	return ids
}

// sheetRevisionIDs lists the revisions that touched a sheet or any of its
// indicators.
func sheetRevisionIDs(s *plan.Sheet) []string {
	ids := revisionIDs([]string{s.Inserito.S, s.Stralcio.S}, s.Fields(), s.Note, s.Revisioni)
	for _, ind := range s.Indicators() {
		ids = revisionIDs(append(ids, ind.Inserito.S, ind.Stralcio.S), ind.Fields(), ind.Note, ind.Revisioni)
	}
	return ids
}
