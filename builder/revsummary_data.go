package builder

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// dati/revisioni.json, the companion of revisioni.csv: each revision of a
// plan with its acts, the summary of what it did (revsummary.go) and the
// same changes as the CSV's rows. The counts of weights and resources are
// there only for a plan that has weights or resources; a total of
// resources that piao could not compute is null, with "calcolato": false.

type revisionsJSON struct {
	Piano     string               `json:"piano"`
	Titolo    string               `json:"titolo"`
	Pagina    string               `json:"pagina"`
	Revisioni []revisionDetailJSON `json:"revisioni"`
}

type revisionDetailJSON struct {
	ID        string       `json:"id"`
	Data      string       `json:"data"`
	Atto      string       `json:"atto"`
	Documento string       `json:"documento"`
	Motivo    string       `json:"motivo"`
	Pagina    string       `json:"pagina"`
	Riepilogo summaryJSON  `json:"riepilogo"`
	Modifiche []changeJSON `json:"modifiche"`
}

type summaryJSON struct {
	TargetAbbassati      int            `json:"target_abbassati"`
	TargetAlzati         int            `json:"target_alzati"`
	TargetModificati     int            `json:"target_modificati"`
	IndicatoriInseriti   int            `json:"indicatori_inseriti"`
	IndicatoriStralciati int            `json:"indicatori_stralciati"`
	SchedeInserite       int            `json:"schede_inserite"`
	SchedeStralciate     int            `json:"schede_stralciate"`
	NoteModificate       int            `json:"note_modificate"`
	AltriValori          int            `json:"altri_valori_modificati"`
	Sezioni              int            `json:"sezioni_modificate"`
	Pesi                 *int           `json:"pesi_modificati,omitempty"`    // a plan with weights only
	Risorse              *int           `json:"risorse_modificate,omitempty"` // a plan with resources only
	Totali               []resourceJSON `json:"risorse,omitempty"`            // per line and year; line "" for the total
}

type resourceJSON struct {
	Linea      *string `json:"linea,omitempty"` // the line's key, "" for sheets without one and for the total; none in a plan without lines
	Totale     bool    `json:"totale"`          // the sum over every line
	Anno       string  `json:"anno"`
	Prima      *euro   `json:"prima"`
	Dopo       *euro   `json:"dopo"`
	Differenza *euro   `json:"differenza"`
	Calcolato  bool    `json:"calcolato"`
}

// euro is an amount in cents, written in JSON as a number of euro with
// two decimals: 1201904.83.
type euro int64

func (e euro) MarshalJSON() ([]byte, error) {
	n := int64(e)
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return []byte(sign + strconv.FormatInt(n/100, 10) + "." + strconv.FormatInt(n%100+100, 10)[1:]), nil
}

// UnmarshalJSON reads an amount written by MarshalJSON.
func (e *euro) UnmarshalJSON(b []byte) error {
	whole, frac, _ := strings.Cut(string(b), ".")
	neg := strings.HasPrefix(whole, "-")
	units, err := strconv.ParseInt(strings.TrimPrefix(whole, "-"), 10, 64)
	if err != nil {
		return err
	}
	cents, err := strconv.ParseInt((frac + "00")[:2], 10, 64)
	if err != nil {
		return err
	}
	*e = euro(units*100 + cents)
	if neg {
		*e = -*e
	}
	return nil
}

var euroType = reflect.TypeOf(euro(0))

// revisionsData is dati/revisioni.json of plan p, whose changes are rows
// (changeRows).
func revisionsData(model *plan.Site, w *words, p *plan.Plan, rows []changeJSON) revisionsJSON {
	out := revisionsJSON{Piano: p.Slug, Titolo: p.Titolo.S, Pagina: siteURL(model, revisionsPath(p)), Revisioni: []revisionDetailJSON{}}
	for i := range p.Revisioni {
		r := &p.Revisioni[i]
		d := revisionDetailJSON{ID: r.ID.S, Data: r.Data.S, Atto: r.Atto.S, Documento: r.Documento.S, Motivo: r.Motivo.S,
			Pagina: siteURL(model, revisionPath(p, r)), Riepilogo: summaryData(p, summarize(p, r)), Modifiche: []changeJSON{}}
		for _, c := range rows {
			if c.Revisione == r.ID.S {
				d.Modifiche = append(d.Modifiche, c)
			}
		}
		out.Revisioni = append(out.Revisioni, d)
	}
	return out
}

func summaryData(p *plan.Plan, s revSummary) summaryJSON {
	out := summaryJSON{TargetAbbassati: s.TargetsLowered, TargetAlzati: s.TargetsRaised, TargetModificati: s.TargetsChanged,
		IndicatoriInseriti: s.IndicatorsAdded, IndicatoriStralciati: s.IndicatorsRemoved,
		SchedeInserite: s.SheetsAdded, SchedeStralciate: s.SheetsRemoved, NoteModificate: s.NotesChanged,
		AltriValori: s.OtherChanged, Sezioni: s.Sections}
	if s.Weighted {
		out.Pesi = &s.WeightsChanged
	}
	if s.HasResources {
		out.Risorse = &s.ResourcesChanged
	}
	for i, r := range append(append([]resourceRow(nil), s.Resources...), s.Total...) {
		rj := resourceJSON{Anno: r.Year, Calcolato: r.Computed, Totale: i >= len(s.Resources)}
		if p.HasLines() {
			key := ""
			if r.Line != nil {
				key = r.Line.Key()
			}
			rj.Linea = &key
		}
		if r.Computed {
			before, after, diff := euro(r.Before), euro(r.After), euro(r.Diff)
			rj.Prima, rj.Dopo, rj.Differenza = &before, &after, &diff
		}
		out.Totali = append(out.Totali, rj)
	}
	return out
}

// addPlanExtras adds the files of a plan's open data that go beyond its
// tables: revisioni.json and the sections' files, in the languages ds.
func addPlanExtras(out *outputs, ds dataLangs, p *plan.Plan) ([]download, error) {
	w := ds[0].words
	d := download{Path: dataPath(p, "revisioni.json"), Title: w.T("data.revisions.title"), Format: "JSON", Plan: p}
	if size, ok := out.kept(d.Path); ok { // the last build's, the same
		d.Size = size
	} else {
		b, err := ds.marshal(func(l dataLang) any { return revisionsData(l.model, l.words, l.plan(p), l.changes(l.plan(p))) })
		if err != nil {
			return nil, err
		}
		d.Size = len(b)
		if err := out.put(d.Path, b); err != nil {
			return nil, err
		}
	}
	sections, err := addSectionData(out, ds, p)
	return append([]download{d}, sections...), err
}
