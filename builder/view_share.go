package builder

import (
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// The template API of links that travel (part of view.go's; doc.go lists
// them): what a shared link shows — a description, the Open Graph tags,
// a picture only when the ente gives one — and how to cite a page.

// maxDescription is the length of a page's description, in characters:
// about what search engines and chat previews show.
const maxDescription = 200

// shareView is what a link to the page shows when shared.
type shareView struct {
	Title, Description, SiteName, Locale string
	Type                                 string // "website", or "article" for a sheet or a section
	URL                                  string // the canonical address: only with url_base
	Image, ImageAlt                      string // only when config.yaml gives one
}

// Share is what a link to the page shows when shared.
func (pg *page) Share() shareView {
	w, cfg := pg.r.words, &pg.Site.Config
	v := shareView{Title: pg.Title, SiteName: cfg.Ente.Nome.S, Locale: w.T("meta.locale"), Type: "website",
		Description: clip(oneLine(pg.description()), maxDescription)}
	if pg.Sheet != nil || pg.Section != nil {
		v.Type = "article"
	}
	if base := baseURL(cfg); base != "" {
		v.URL = base + pg.Path
	}
	v.Image, v.ImageAlt = previewImage(cfg), cfg.Anteprima.Testo.S
	return v
}

// description says in a sentence or two what the page holds, from the
// content where it says it (a sheet's objective, a section's first
// words, a revision's reason), else from the page's kind.
func (pg *page) description() string {
	w, ente := pg.r.words, pg.Site.Config.Ente.Nome.S
	p := pg.Plan
	switch {
	case pg.Kind == "reports":
		return w.T("meta.reports", "ente", ente)
	case pg.Kind == "home" || p == nil:
		return w.T("meta.home", "ente", ente)
	case pg.Sheet != nil && pg.Original:
		return w.T("meta.sheet.original", "title", pg.SheetName(pg.Sheet), "act", p.Approvazione.Atto.S, "date", w.Date(p.Approvazione.Data.S))
	case pg.Sheet != nil:
		return pg.sheetDescription()
	case pg.Section != nil:
		return w.T("meta.section", "title", pg.Section.Titolo.S, "plan", p.Titolo.S) + " " +
			w.doc.Text(pg.Section.Body, pg.resolver())
	case pg.Revision != nil:
		return w.T("meta.revision", "plan", p.Titolo.S, "act", pg.Revision.Atto.S) + " " + w.Plain(pg.Revision.Motivo.S)
	case pg.Kind == "plan":
		if p.Descrizione.S != "" {
			return p.Titolo.S + ". " + w.Plain(p.Descrizione.S)
		}
		return w.T("meta.plan", "plan", p.Titolo.S, "ente", ente)
	case pg.Kind == "fullplan" && pg.Part > 0:
		return w.T("meta.fullplan.part", "plan", p.Titolo.S, "ente", ente, "n", pg.Part, "of", len(pg.fullParts(p.Sheets())))
	case pg.Kind == "fullplan":
		return w.T("meta.fullplan", "plan", p.Titolo.S, "ente", ente)
	case pg.Kind == "revisions":
		return w.T("meta.revisions", "plan", p.Titolo.S, "ente", ente)
	}
	return w.T("meta.page", "title", pg.Title, "plan", p.Titolo.S, "ente", ente)
}

// sheetDescription is a sheet's objective and how many indicators it has.
func (pg *page) sheetDescription() string {
	w, s := pg.r.words, pg.Sheet
	text := w.Plain(s.Descrizione.S)
	if s.Kind == plan.Operational || text == "" {
		text = pg.SheetName(s)
	}
	n := 0
	for _, ind := range s.Indicators() {
		if pg.Shown(ind) {
			n++
		}
	}
	if n == 0 {
		return w.T("meta.sheet.noIndicators", "kind", pg.SheetKindName(s), "text", text, "plan", s.Plan.Titolo.S)
	}
	return w.T("meta.sheet", "kind", pg.SheetKindName(s), "text", text, "plan", s.Plan.Titolo.S,
		"indicators", w.Count("count.indicators", n))
}

// SheetKindName names the kind of a sheet as its plan does: "Obiettivo
// operativo", or "Settore" where livelli says so.
func (pg *page) SheetKindName(s *plan.Sheet) string {
	if s.Kind == plan.Strategic {
		return pg.r.words.Level(s.Plan, "obiettivo_strategico").One
	}
	return pg.r.words.Level(s.Plan, "obiettivo_operativo").One
}

// previewImage is the absolute address of the picture config.yaml gives
// for shared links, or "".
func previewImage(cfg *plan.Config) string {
	img := strings.TrimSpace(cfg.Anteprima.Immagine.S)
	switch {
	case img == "":
		return ""
	case strings.HasPrefix(img, "https://") || strings.HasPrefix(img, "http://"):
		if markup.SafeURL(img) {
			return img
		}
		return ""
	case baseURL(cfg) != "" && markup.SafeURL(img) && !strings.Contains(img, ":"):
		return baseURL(cfg) + strings.TrimPrefix(img, "/")
	}
	return ""
}

// citeView is how to cite a page: the ente, the plan, the date of the
// version shown and the page's address (Absolute: the canonical one, with
// url_base; else its path in the site, which the site's script turns into
// the address the reader sees).
type citeView struct {
	Ente, Plan, Version, URL string
	Absolute                 bool
}

// Cite says how to cite the page.
func (pg *page) Cite() citeView {
	w := pg.r.words
	v := citeView{Ente: pg.Site.Config.Ente.Nome.S}
	if pg.Plan != nil {
		v.Plan = pg.Plan.Titolo.S
	}
	date := pg.Updated
	if date == "" {
		date = pg.Published
	}
	if _, _, _, p := plan.ParseDate(date); p == plan.Month {
		v.Version = w.T("share.cite.version.month", "date", w.Date(date))
	} else {
		v.Version = w.T("share.cite.version", "date", w.Date(date))
	}
	dir := strings.TrimSuffix(pg.Path, indexFile)
	if base := baseURL(&pg.Site.Config); base != "" {
		v.URL, v.Absolute = base+dir, true
	} else {
		v.URL = dir
	}
	return v
}

// checkPreview checks the picture of shared links: an http(s) address, or
// a path of the site with url_base; and its text for who cannot see it.
func (c *checker) checkPreview(cfg *plan.Config) {
	img := cfg.Anteprima.Immagine
	t := strings.TrimSpace(img.S)
	switch {
	case t == "":
		return
	case !markup.SafeURL(t) || strings.HasPrefix(t, "mailto:") || strings.HasPrefix(t, "#"):
		c.ds.errorf(img.Pos, hintPreviewImage, msgPreviewImage, img.S)
	case !strings.HasPrefix(t, "https://") && !strings.HasPrefix(t, "http://") && baseURL(cfg) == "":
		c.ds.errorf(img.Pos, hintPreviewImageURL, msgPreviewImageNoURL, img.S)
	}
	if strings.TrimSpace(cfg.Anteprima.Testo.S) == "" {
		c.ds.errorf(img.Pos, hintPreviewImageAlt, msgPreviewImageAlt)
	}
}
