package builder

import (
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
