package builder

import (
	"html/template"

	"github.com/piao-pa/piao/builder/plan"
)

// The partials of the performance cycle (themes/default/layouts/_cycle.html)
// that indbody calls, written in Go as builtin_partials.go does:
// "indicator-cycle" (an indicator's results and monitoring, on every
// indicator of a plan with a Relazione), "results", "monitoring" and the
// states they show, "outcome" and "progress". A sheet's own cycle, the
// counts of outcomes and the monitoring a revision followed call the same
// partials and get the Go rendering too.

// builtinCyclePartials are the definitions that replace the cycle
// partials with their Go rendering.
const builtinCyclePartials = `{{define "indicator-cycle"}}{{indicatorCycleHTML .}}{{end}}` +
	`{{define "results"}}{{resultsHTML .}}{{end}}` +
	`{{define "monitoring"}}{{monitoringHTML .}}{{end}}` +
	`{{define "outcome"}}{{outcomeHTML .}}{{end}}` +
	`{{define "progress"}}{{progressHTML .}}{{end}}`

// cycleFuncs are the template functions of builtinCyclePartials.
func (r *renderer) cycleFuncs() template.FuncMap {
	return template.FuncMap{
		"indicatorCycleHTML": r.indicatorCycleHTML, "resultsHTML": r.resultsHTML, "monitoringHTML": r.monitoringHTML,
		"outcomeHTML": r.outcomeHTML, "progressHTML": r.progressHTML,
	}
}

// indicatorCycleHTML renders the "indicator-cycle" partial, called with
// the dict P, S and I.
func (r *renderer) indicatorCycleHTML(args map[string]any) (template.HTML, error) {
	p, s, ind, ok := indicatorArgs(args)
	if !ok {
		return "", errPartialArgs("indicator-cycle")
	}
	w := partialWriter{w: r.words}
	w.indicatorCycle(p, s, ind)
	return w.done(), nil
}

// cycleArgs reads the C and Caption of the dict of "results" or
// "monitoring": the cycle, and its table's caption (the words of t, or
// text).
func cycleArgs(args map[string]any) (c *cycleView, caption string, ok bool) {
	c, ok = args["C"].(*cycleView)
	switch v := args["Caption"].(type) {
	case template.HTML:
		caption = string(v)
	case string:
		var e partialWriter
		e.text(v)
		caption = e.b.String()
	default:
		ok = false
	}
	return c, caption, ok
}

// resultsHTML renders the "results" partial, called with the dict C and
// Caption.
func (r *renderer) resultsHTML(args map[string]any) (template.HTML, error) {
	c, caption, ok := cycleArgs(args)
	if !ok {
		return "", errPartialArgs("results")
	}
	w := partialWriter{w: r.words}
	w.results(c, caption)
	return w.done(), nil
}

// monitoringHTML renders the "monitoring" partial, called with the dict
// P, C and Caption.
func (r *renderer) monitoringHTML(args map[string]any) (template.HTML, error) {
	p, ok1 := args["P"].(*page)
	c, caption, ok2 := cycleArgs(args)
	if !ok1 || !ok2 || p == nil {
		return "", errPartialArgs("monitoring")
	}
	w := partialWriter{w: r.words}
	w.monitoring(p, c, caption)
	return w.done(), nil
}

// outcomeHTML renders the "outcome" partial: an outcome's state.
func (r *renderer) outcomeHTML(s stateView) template.HTML {
	w := partialWriter{w: r.words}
	w.state("outcome", &s)
	return w.done()
}

// progressHTML renders the "progress" partial: a monitoring's state.
func (r *renderer) progressHTML(s stateView) template.HTML {
	w := partialWriter{w: r.words}
	w.state("progress", &s)
	return w.done()
}

// attrT writes the words of key in an attribute's value, as a template
// writes {{t key}} there.
func (w *partialWriter) attrT(key string) { writeAttrHTML(&w.b, w.w.HTML(key)) }

// indicatorCycle is the "indicator-cycle" partial: the indicator's
// results and monitoring, when it has any.
func (w *partialWriter) indicatorCycle(p *page, s *plan.Sheet, ind *plan.Indicator) {
	c := p.IndicatorCycle(s, ind)
	if c == nil {
		return
	}
	n := p.IndicatorNumber(s, ind)
	w.raw("\n<div class=\"cycle\">\n")
	w.results(c, string(w.w.HTML("cycle.results.caption", "n", n)))
	w.raw("\n")
	w.monitoring(p, c, string(w.w.HTML("cycle.monitoring.caption", "n", n)))
	w.raw("\n</div>")
}

// results is the "results" partial: target and result side by side, per
// year; caption is HTML.
func (w *partialWriter) results(c *cycleView, caption string) {
	if c == nil || len(c.Rows) == 0 {
		return
	}
	w.raw(`<table class="list results-table"><caption>`)
	w.raw(caption)
	w.raw("</caption>\n")
	w.headRow("cycle.year", "cycle.target", "cycle.result", "cycle.achievement", "cycle.outcome", "cycle.note")
	for i := range c.Rows {
		row := &c.Rows[i]
		w.raw(`<tr><th scope="row">`)
		w.text(row.Year)
		w.raw(`</th><td data-label="`)
		w.attrT("cycle.target")
		w.raw(`">`)
		w.valueText(row.Target)
		w.nextCell("cycle.result")
		if res := row.Result; res != nil {
			w.valueText(res.Valore.S)
			w.nextCell("cycle.achievement")
			w.valueText(res.Raggiungimento.S)
		} else {
			w.nextCell("cycle.achievement")
		}
		w.nextCell("cycle.outcome")
		w.state("outcome", &row.Outcome)
		w.nextCell("cycle.note")
		if res := row.Result; res != nil {
			w.inline(res.Nota.S)
		}
		w.raw("</td></tr>\n")
	}
	w.raw(`</tbody></table>`)
}

// monitoring is the "monitoring" partial: the latest state, then every
// entry; caption is HTML.
func (w *partialWriter) monitoring(p *page, c *cycleView, caption string) {
	if c == nil || len(c.Monitoring) == 0 {
		return
	}
	if l := c.Latest; l != nil {
		w.raw(`<p class="latest">`)
		w.th("cycle.monitoring.latest", "date", w.w.Date(l.Data.S))
		w.raw(` `)
		w.state("progress", &l.Progress)
		w.raw(`</p>`)
	}
	w.raw("\n<table class=\"list monitoring\"><caption>")
	w.raw(caption)
	w.raw("</caption>\n")
	w.headRow("cycle.monitoring.date", "cycle.monitoring.state", "cycle.monitoring.value", "cycle.note", "cycle.monitoring.proposal")
	for i := range c.Monitoring {
		m := &c.Monitoring[i]
		w.raw(`<tr id="`)
		w.text(m.ID)
		w.raw(`"><th scope="row"><time datetime="`)
		w.text(m.Data.S)
		w.raw(`">`)
		w.text(w.w.Date(m.Data.S))
		w.raw(`</time></th><td data-label="`)
		w.attrT("cycle.monitoring.state")
		w.raw(`">`)
		w.state("progress", &m.Progress)
		w.nextCell("cycle.monitoring.value")
		w.valueText(m.Valore.S)
		w.nextCell("cycle.note")
		w.inline(m.Nota.S)
		w.nextCell("cycle.monitoring.proposal")
		w.inline(m.Proposta.S)
		if rev := m.Rev; rev != nil {
			w.raw(` <span class="followed">– `)
			w.t("cycle.monitoring.followed")
			w.raw(` <a href="`)
			w.url(p.RevisionsURL(rev.ID.S))
			w.raw(`">`)
			w.th("rev.ref", "date", w.w.Date(rev.Data.S))
			w.raw(`</a></span>`)
		}
		w.raw("</td></tr>\n")
	}
	w.raw(`</tbody></table>`)
}

// headRow writes a table's head: a row of column headings, the words of
// keys; then opens its body.
func (w *partialWriter) headRow(keys ...string) {
	w.raw("<thead><tr>")
	for _, k := range keys {
		w.raw(`<th scope="col">`)
		w.t(k)
		w.raw(`</th>`)
	}
	w.raw("</tr></thead>\n<tbody>")
}

// nextCell closes a cell and opens the next, labelled (for narrow
// screens) with the words of key.
func (w *partialWriter) nextCell(key string) {
	w.raw(`</td><td data-label="`)
	w.attrT(key)
	w.raw(`">`)
}

// state is the "outcome" or "progress" partial (kind): a state in words
// and with its sign.
func (w *partialWriter) state(kind string, s *stateView) {
	w.raw(`<span class="state `)
	w.raw(kind)
	w.raw(`-`)
	w.text(s.Key)
	w.raw(`"><span class="state-sign" aria-hidden="true">`)
	w.text(s.Symbol)
	w.raw(`</span> `)
	w.text(s.Word)
	w.raw(`</span>`)
}
