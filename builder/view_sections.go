package builder

import (
	"html/template"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// The template API of the narrative sections and of the whole plan on one
// page (part of view.go's; doc.go lists them).

// NarrativeURL links to a narrative section's page.
func (pg *page) NarrativeURL(s *plan.Section) string { return pg.Rel(narrativePath(s)) }

// FullPlanURL links to the page of the whole plan.
func (pg *page) FullPlanURL(p *plan.Plan) string { return pg.Rel(fullPlanPath(p)) }

// FullPlanCSS links to the print style sheet of the page's plan's whole
// plan: the running header that names the plan.
func (pg *page) FullPlanCSS() string {
	return relURL(pg.Path, pg.r.langPrefix()+fullPlanCSSPath(pg.Plan))
}

// SectionDataURL links to a section's text in the open data: ext "md"
// or "txt"; on another language's page, the text in that language when
// the content gives it (NOME.de.md).
func (pg *page) SectionDataURL(s *plan.Section, ext string) string {
	if l := pg.r.lang; l != nil && l != pg.r.langs.main() {
		if _, ok := s.BodyIn[l.code]; ok {
			ext = l.code + "." + ext
		}
	}
	return pg.Rel(sectionDataPath(s, ext))
}

// IsFull reports whether the page is the whole plan on one page (or a
// part of it), where sections and sheets are parts of one page.
func (pg *page) IsFull() bool { return pg.Kind == "fullplan" }

// SectionAnchor is a section's id on the page of the whole plan.
func (pg *page) SectionAnchor(s *plan.Section) string { return "sezione-" + s.Slug }

// SheetAnchor is a sheet's id on the page of the whole plan.
func (pg *page) SheetAnchor(s *plan.Sheet) string {
	return "scheda-" + sheetDir[s.Kind] + "-" + slug(s.Slug)
}

// resolver resolves the short links of a body on this page: to the pages
// they name, or on the whole plan's page to their place in it.
func (pg *page) resolver() markup.Resolver {
	return func(dest string) (string, string, bool) {
		t, problem := resolveShort(pg.Plan, dest)
		if problem != nil {
			return "", "", false
		}
		if pg.IsFull() && pg.onThisPage(t) {
			switch {
			case t.section != nil:
				return "#" + pg.SectionAnchor(t.section), t.section.Titolo.S, true
			case t.ind != nil:
				return "#" + pg.SheetAnchor(t.sheet) + "-" + IndicatorAnchor(t.ind), pg.r.words.Plain(t.ind.Descrizione.S), true
			}
			return "#" + pg.SheetAnchor(t.sheet), pg.SheetName(t.sheet), true
		}
		title := ""
		switch {
		case t.section != nil:
			title = t.section.Titolo.S
		case t.ind != nil:
			title = pg.r.words.Plain(t.ind.Descrizione.S)
		default:
			title = pg.SheetName(t.sheet)
		}
		return pg.Rel(t.path()), title, true
	}
}

// SheetBody renders a sheet's Markdown text, its short links resolved.
// A body shown in the main language, on another language's page, is
// marked as a whole.
func (pg *page) SheetBody(s *plan.Sheet) template.HTML {
	pg.r.touch(pg)
	opt := markup.DocOptions{Resolve: pg.resolver(), Level: 2}
	if pg.IsFull() {
		opt.Prefix, opt.Level = pg.SheetAnchor(s)+"-", 4
	}
	body, fallback := unmarkBody(s.Body)
	return pg.markBody(pg.r.body(body, opt), fallback)
}

// bodyMemo is a renderer's bodies: body → its HTML, and the bytes of both
// kept, at most bodyMemoBytes.
type bodyMemo struct {
	html sync.Map
	size atomic.Int64
}

// bodyMemoBytes bounds what a renderer keeps of the sheets' bodies.
const bodyMemoBytes = 8 << 20

// body renders a sheet's body with opt. A body that renders the same with
// any options (markup.Doc.RenderAny) is rendered once per renderer, its
// HTML kept (r.bodies): a sheet's body is shown on its page, on its page
// as approved and in the whole plan, and parsing it was four fifths of
// rendering it (at 1,000 sheets, 2,306 bodies rendered: 23 ms of CPU, 4%
// of a build). Kept by the renderer, made anew for every build, what
// piao serve keeps is never a body edited since.
func (r *renderer) body(src string, opt markup.DocOptions) template.HTML {
	keep := r.bodies != nil && len(opt.Marks) == 0 && markup.OptionFree(src)
	if keep {
		if html, ok := r.bodies.html.Load(src); ok {
			return html.(template.HTML)
		}
	}
	html, same := r.words.doc.RenderAny(src, opt)
	if keep && same && r.bodies.size.Add(int64(len(src)+len(html))) <= bodyMemoBytes {
		r.bodies.html.Store(src, html)
	}
	return html
}

// unmarkBody is a Markdown body without the marks of a body shown in the
// main language (project), and whether it had them.
func unmarkBody(body string) (string, bool) {
	if inner, ok := strings.CutPrefix(body, fallbackOpen); ok && strings.HasSuffix(inner, fallbackClose) {
		return strings.TrimSuffix(inner, fallbackClose), true
	}
	return body, false
}

// markBody marks a rendered body as in the main language when fallback
// says it is, and has the page say so in its note.
func (pg *page) markBody(html template.HTML, fallback bool) template.HTML {
	if !fallback {
		return html
	}
	pg.fallbacks = true
	return template.HTML(pg.r.fallbackBlock(string(html)))
}

// SectionBody renders a section's text: its short links resolved, its
// headings under the page's own, and the passages a revision amended
// marked as the sheets mark a revised value. A body shown in the main
// language, on another language's page, is marked as a whole.
func (pg *page) SectionBody(s *plan.Section) template.HTML {
	body, fallback := unmarkBody(s.Body)
	opt := markup.DocOptions{Resolve: pg.resolver(), Level: 2, Marks: pg.sectionMarks(s, body, fallback)}
	if pg.IsFull() { // under the section's h3
		opt.Prefix, opt.Level = pg.SectionAnchor(s)+"-", 4
	}
	return pg.markBody(pg.r.words.doc.Render(body, opt), fallback)
}

// sectionMarks marks the passages of a section's body that revisions
// replaced or added; a passage removed is no longer in the text, and the
// notice above it shows it. In a body shown in the main language
// (fallback), the passages are the main language's too.
func (pg *page) sectionMarks(s *plan.Section, body string, fallback bool) []markup.Mark {
	w := pg.r.words
	var out []markup.Mark
	for _, a := range s.Modifiche {
		testo, prec := a.Testo.S, a.Precedente.S
		if fallback {
			testo, prec = stripFallbacks(testo), stripFallbacks(prec)
		}
		start, end, n := passage(body, testo)
		if n == 0 || testo == "" {
			continue
		}
		m := markup.Mark{Start: start, End: end}
		if prec == "" {
			m.Label = template.HTML(`<span class="rev-tag" aria-hidden="true">`) + w.HTML("rev.added") +
				template.HTML(`</span><span class="sr-only">`) + w.HTML("rev.added.sr") + template.HTML(` </span>`)
		} else {
			m.Before = template.HTML(`<del><span class="rev-tag" aria-hidden="true">`) + w.HTML("rev.before") +
				template.HTML(`</span><span class="sr-only">`) + w.HTML("rev.before.sr") + template.HTML(` </span>`) +
				w.inline.HTML(prec) + template.HTML(`</del> `)
			m.Label = template.HTML(`<span class="rev-tag" aria-hidden="true">`) + w.HTML("rev.now") +
				template.HTML(`</span><span class="sr-only">`) + w.HTML("rev.now.sr") + template.HTML(` </span>`)
		}
		out = append(out, m)
	}
	return out
}

// sectionNav is where a section sits among the plan's: the one before and
// the one after it.
type sectionNav struct {
	Prev, Next *plan.Section
}

// SectionNav gives the sections before and after the page's section.
func (pg *page) SectionNav() sectionNav {
	var nav sectionNav
	list := pg.Plan.Sezioni
	for i, s := range list {
		if s != pg.Section {
			continue
		}
		if i > 0 {
			nav.Prev = list[i-1]
		}
		if i+1 < len(list) {
			nav.Next = list[i+1]
		}
	}
	return nav
}

// SheetRevisions lists the revisions that touched a sheet, oldest first.
func (pg *page) SheetRevisions(s *plan.Sheet) []*plan.Revision {
	var out []*plan.Revision
	for i := range pg.Plan.Revisioni {
		r := &pg.Plan.Revisioni[i]
		if len(s.Changes(r.ID.S)) > 0 || len(s.RevNotes(r.ID.S)) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// SectionRevisions lists the revisions that touched a section, oldest
// first.
func (pg *page) SectionRevisions(s *plan.Section) []*plan.Revision {
	var out []*plan.Revision
	for i := range pg.Plan.Revisioni {
		if r := &pg.Plan.Revisioni[i]; s.RevisedBy(r.ID.S) {
			out = append(out, r)
		}
	}
	return out
}

// FullIndicatorAnchor is an indicator's id on the page of the whole plan,
// where many sheets share the page.
func (pg *page) FullIndicatorAnchor(s *plan.Sheet, ind *plan.Indicator) string {
	return pg.SheetAnchor(s) + "-" + IndicatorAnchor(ind)
}
