package builder

import (
	"slices"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The whole plan on one page ("Piano completo"): its sections and every
// sheet in order, with a table of contents, to read, print, save as PDF,
// cite and archive. This file writes its print style sheet, which a
// page's own style sheet cannot hold: the running header of every printed
// page names the plan and its version, and the footer numbers the pages
// (CSS page margin boxes; browsers without them print neither). The
// Content-Security-Policy allows no style in the page itself, so the
// names are in a file of the plan's own, completo/stampa.css.

// fullPlanCSS is the print style sheet of plan p's whole-plan page.
func fullPlanCSS(p *plan.Plan, w *words, ente string) []byte {
	version := p.Approvazione.Data.S
	if n := len(p.Revisioni); n > 0 {
		version = p.Revisioni[n-1].Data.S
	}
	// The words, with a mark where each name goes; the names escaped whole.
	header := cssString(w.T("fullplan.print.header", "plan", "\x01", "ente", "\x02"))
	header = strings.NewReplacer(cssEscape('\x01'), cssEscaped(p.Sigla.S), cssEscape('\x02'), cssEscaped(ente)).Replace(header)
	right := cssString(w.T("fullplan.print.version", "date", w.Date(version)))
	var b strings.Builder
	b.WriteString("/* The running header and the page numbers of the printed plan. */\n")
	b.WriteString("@media print {\n  @page {\n")
	b.WriteString("    @top-left { content: " + header + "; " + marginBox + " }\n")
	b.WriteString("    @top-right { content: " + right + "; " + marginBox + " }\n")
	b.WriteString("    @bottom-center { content: " + pageCounter(w.T("fullplan.print.page")) + "; " + marginBox + " }\n")
	b.WriteString("  }\n}\n")
	return []byte(b.String())
}

// marginBox is the type of the running header and footer.
const marginBox = `font-family: "Titillium Web", Arial, sans-serif; font-size: 8.5pt; color: #333;`

// cssString quotes the theme's words as a CSS string (cssText).
func cssString(s string) string { return `"` + cssText(s) + `"` }

// cssText is the theme's words within a CSS string: letters, digits, spaces
// and plain punctuation as they are, anything else escaped.
func cssText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ', r > 0x7f && r != 0x2028 && r != 0x2029,
			strings.ContainsRune(".,-–—()'/:;!?«»", r):
			b.WriteRune(r)
		default:
			b.WriteString(cssEscape(r))
		}
	}
	return b.String()
}

// cssEscaped is the content's text within a CSS string: every character
// escaped, so that nothing an author writes can end the string, the rule
// or the sheet, nor be read as CSS at all.
func cssEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(cssEscape(r))
	}
	return b.String()
}

func cssEscape(r rune) string { return "\\" + strconv.FormatInt(int64(r), 16) + " " }

// pageCounter turns the words' "Pagina {page} di {pages}" into CSS
// content: "Pagina " counter(page) " di " counter(pages).
func pageCounter(text string) string {
	var parts []string
	for text != "" {
		i := strings.IndexByte(text, '{')
		j := strings.IndexByte(text, '}')
		if i < 0 || j < i {
			parts = append(parts, cssString(text))
			break
		}
		if i > 0 {
			parts = append(parts, cssString(text[:i]))
		}
		switch text[i+1 : j] {
		case "page":
			parts = append(parts, "counter(page)")
		case "pages":
			parts = append(parts, "counter(pages)")
		default:
			parts = append(parts, cssString(text[i:j+1]))
		}
		text = text[j+1:]
	}
	return strings.Join(parts, " ")
}

// The whole plan on one page, as long as the plan is not too long to be
// one page. Measured at 1,000 sheets (synthetic site, cmd/piaosynth):
// one page would be 4.9 MB of HTML (450 KB gzipped), 1.1 s to render on
// one core while the other pages wait for it, and 40-50 MB more memory at
// the peak of piao build; a browser opens it slowly and a phone hardly.
// So a plan of more than fullPlanInline sheets gets a first page with its
// sections, its contents and the list of its parts, and a page per part of
// fullPlanPart sheets (completo/parte-N/), each about 1.2 MB, each printable
// with the same running header: what a reader prints or saves as PDF is a
// volume, as the offices bind their annexes. At 1,000 sheets the parts
// cost the build 0.5 s of CPU (+15%) and 4.7 MB of output (+13%).
//
// At 10,000 sheets the parts would cost 8.8 s of CPU (+33% of the build)
// and 49 MB, for 40 volumes of some 1,000 printed pages each, which nobody
// prints: a plan of more than fullPlanMax sheets has the first page only,
// with its sections, and leads to the sheets through the pages of its lines
// and units and its indexes, which already list every sheet.
const (
	fullPlanInline = 250
	fullPlanPart   = 250
	fullPlanMax    = 8 * fullPlanPart
)

// fullPlanPages are the pages of plan p's whole plan: one, or a first page
// and one per part.
func fullPlanPages(p *plan.Plan, w *words) []*page {
	first := &page{Kind: "fullplan", Path: fullPlanPath(p), Title: w.T("fullplan.title")}
	n := len(p.Strategic) + len(p.Operational)
	if n <= fullPlanInline || n > fullPlanMax {
		return []*page{first}
	}
	out := []*page{first}
	parts := (n + fullPlanPart - 1) / fullPlanPart
	for i := 1; i <= parts; i++ {
		out = append(out, &page{Kind: "fullplan", Path: fullPlanPartPath(p, i), Part: i,
			Title: w.T("fullplan.part.title", "n", strconv.Itoa(i), "of", strconv.Itoa(parts))})
	}
	return out
}

// fullPlanView is what a page of the whole plan shows: which version of
// the plan (the one in force after the latest revision, or as approved,
// with the act and its date), its sections and sheets, and its parts.
type fullPlanView struct {
	Revision *plan.Revision // the latest revision, nil when never revised
	Date     string         // the date of the version shown
	Act      string         // the act that made it

	Sections               []*plan.Section // the sections on this page
	Strategic, Operational []*plan.Sheet   // the sheets on this page
	Parts                  []fullPart      // on the first page of a plan in parts: the parts
	Part                   *fullPart       // on a part's page: which
	First                  string          // on a part's page: the first page, with the sections and the contents
	TooLong                bool            // a plan of more than fullPlanMax sheets: its sections only
}

// fullPart is a part of a long plan's whole plan: its number, its page,
// and its first and last sheet.
type fullPart struct {
	N, Of       int
	URL         string
	First, Last *plan.Sheet
	Count       int
}

// FullPlan is what this page of the whole plan shows.
func (pg *page) FullPlan() fullPlanView {
	p := pg.Plan
	v := fullPlanView{Date: p.Approvazione.Data.S, Act: p.Approvazione.Atto.S}
	if n := len(p.Revisioni); n > 0 {
		r := &p.Revisioni[n-1]
		v.Revision, v.Date, v.Act = r, r.Data.S, r.Atto.S
	}
	sheets := p.Sheets()
	switch {
	case len(sheets) <= fullPlanInline:
		v.Sections, v.Strategic, v.Operational = p.Sezioni, p.Strategic, p.Operational
		return v
	case len(sheets) > fullPlanMax:
		v.Sections, v.TooLong = p.Sezioni, true
		return v
	}
	parts := pg.fullParts(sheets)
	if pg.Part == 0 {
		v.Sections, v.Parts = p.Sezioni, parts
		return v
	}
	part := parts[pg.Part-1]
	v.Part, v.First = &part, pg.FullPlanURL(p)
	for _, s := range sheets[(pg.Part-1)*fullPlanPart : (pg.Part-1)*fullPlanPart+part.Count] {
		if s.Kind == plan.Strategic {
			v.Strategic = append(v.Strategic, s)
		} else {
			v.Operational = append(v.Operational, s)
		}
	}
	return v
}

// fullParts are the parts of a long plan.
func (pg *page) fullParts(sheets []*plan.Sheet) []fullPart {
	n := (len(sheets) + fullPlanPart - 1) / fullPlanPart
	out := make([]fullPart, n)
	for i := range out {
		part := sheets[i*fullPlanPart : min((i+1)*fullPlanPart, len(sheets))]
		out[i] = fullPart{N: i + 1, Of: n, URL: pg.Rel(fullPlanPartPath(pg.Plan, i+1)), First: part[0], Last: part[len(part)-1], Count: len(part)}
	}
	return out
}

// onThisPage reports whether a short link's target is on this page of
// the whole plan: then the link leads to its place in the page.
func (pg *page) onThisPage(t linkTarget) bool {
	if len(pg.Plan.Strategic)+len(pg.Plan.Operational) <= fullPlanInline {
		return true
	}
	if t.section != nil {
		return pg.Part == 0
	}
	if len(pg.Plan.Strategic)+len(pg.Plan.Operational) > fullPlanMax {
		return false
	}
	i := slices.Index(pg.Plan.Sheets(), t.sheet)
	return pg.Part > 0 && i/fullPlanPart == pg.Part-1
}
