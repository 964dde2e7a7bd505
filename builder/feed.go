package builder

import (
	"bytes"
	"crypto/sha1"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"net/url"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/piao-pa/piao/builder/plan"
)

// Feeds and discovery: an Atom feed of the revisions (one entry per
// revision act), sitemap.xml when url_base is configured, and a
// robots.txt that lets search engines index everything (D.Lgs. 33/2013
// art. 9 forbids blocking them).

// baseURL is url_base with a final slash, or "" when it is missing or not
// an absolute http(s) URL.
func baseURL(cfg *plan.Config) string {
	if last := lastBaseURL.Load(); last != nil && last[0] == cfg.URLBase.S { // the open data ask for every row
		return last[1]
	}
	out := parseBaseURL(cfg.URLBase.S)
	lastBaseURL.Store(&[2]string{cfg.URLBase.S, out})
	return out
}

// lastBaseURL is the last url_base baseURL was given, and its answer.
var lastBaseURL atomic.Pointer[[2]string]

func parseBaseURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if s == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

// openDataWarnings tells the office what a missing or wrong url_base,
// or a missing IPA code, costs (a wrong IPA code is an error of check).
func openDataWarnings(cfg *plan.Config) Diagnostics {
	var ds Diagnostics
	switch {
	case cfg.URLBase.S == "":
		ds.warnf(plan.At("config.yaml", 0, 0), hintURLBase, msgNoURLBase)
	case baseURL(cfg) == "": // one holding "<" or a quote is an error of the check
		ds.warnf(cfg.URLBase.Pos, hintURLBase, msgBadURLBase, cfg.URLBase.S)
	}
	if cfg.Ente.CodiceIPA.S == "" {
		ds.warnf(plan.At("config.yaml", 0, 0), hintCodiceIPA, msgNoCodiceIPA)
	}
	return ds
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Base    string      `xml:"xml:base,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Rights  string      `xml:"rights"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Summary string      `xml:"summary"`
	Content atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// feed is the Atom feed of every plan's revisions, newest first, in the
// words w, at the root of the folder prefix (a language's, "de/"). Links
// are relative to the feed, or absolute with url_base. Atom dates every
// entry to the day: a revision whose act the content dates only to the
// month or the year is left out (check warns), and without a single day
// to date it by there is no feed (nil).
func feed(model *plan.Site, w *words, prefix string) []byte {
	cfg := &model.Config
	base := baseURL(cfg)
	if base != "" {
		base += prefix
	}
	f := atomFeed{Lang: w.Lang, ID: nameUUID("feed", cfg.Ente.Nome.S), Title: feedTitle(model, w),
		Author: atomAuthor{cfg.Ente.Nome.S}, Rights: model.Config.Licenza.Nome.S, Base: base,
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: homePath()}}}
	if base != "" {
		f.Links = append(f.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: base + feedPath()})
	}
	for _, p := range model.Plans {
		for _, d := range []string{p.Published(), p.Updated()} {
			if isDay(d) && f.Updated < d {
				f.Updated = d
			}
		}
		for _, r := range p.Revisioni {
			if isDay(r.Data.S) {
				f.Entries = append(f.Entries, revisionEntry(model, w, p, r))
			}
		}
	}
	if f.Updated == "" {
		return nil
	}
	sort.SliceStable(f.Entries, func(i, j int) bool { return f.Entries[i].Updated > f.Entries[j].Updated })
	f.Updated = atomTime(f.Updated)
	return encodeFeed(f)
}

// encodeFeed writes the feed with its XML header: as xml.MarshalIndent,
// into the buffer that holds the header, so that the feed of a large
// plan (megabytes) is not copied twice more.
func encodeFeed(f atomFeed) []byte {
	var out bytes.Buffer
	out.WriteString(xml.Header)
	enc := xml.NewEncoder(&out)
	enc.Indent("", "  ")
	if err := errors.Join(enc.Encode(f), enc.Close()); err != nil {
		panic(err) // strings only: always marshals
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// feedTitle names the feed by the kind of the site's plans.
func feedTitle(model *plan.Site, w *words) string {
	if kind := siteKind(model); kind != "" {
		return w.T("feed.title", "kind", kind, "ente", model.Config.Ente.Nome.S)
	}
	return w.T("feed.title.plans", "ente", model.Config.Ente.Nome.S)
}

func atomTime(date string) string { return date + "T00:00:00Z" }

// isDay reports whether a date names its day.
func isDay(date string) bool {
	_, _, _, p := plan.ParseDate(date)
	return p == plan.Day
}

func revisionEntry(model *plan.Site, w *words, p *plan.Plan, r plan.Revision) atomEntry {
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s", html.EscapeString(w.T("feed.approvedWith", "act", r.Atto.S)))
	if r.Documento.S != "" {
		fmt.Fprintf(&b, " (%s)", html.EscapeString(r.Documento.S))
	}
	fmt.Fprintf(&b, ". %s</p>\n<ul>\n", html.EscapeString(r.Motivo.S))
	var last *plan.Sheet
	for _, c := range p.Changes(r.ID.S) {
		if c.Sheet != last {
			if last != nil {
				b.WriteString("</ul></li>\n")
			}
			fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a><ul>\n", html.EscapeString(sheetPath(c.Sheet)), html.EscapeString(w.SheetName(c.Sheet)))
			last = c.Sheet
		}
		fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(changeText(w, c)))
	}
	if last != nil {
		b.WriteString("</ul></li>\n")
	}
	b.WriteString("</ul>")
	return atomEntry{
		ID:      nameUUID("revisione", model.Config.Ente.Nome.S, p.Slug, r.ID.S),
		Title:   w.T("feed.entry", "plan", p.Titolo.S, "date", w.Date(r.Data.S)),
		Updated: atomTime(r.Data.S),
		Link:    atomLink{Rel: "alternate", Type: "text/html", Href: revisionsPath(p) + "#" + slug(r.ID.S)},
		Summary: r.Atto.S + ": " + r.Motivo.S,
		Content: atomContent{Type: "html", Body: b.String()},
	}
}

// changeText says in words what a change did.
func changeText(w *words, c plan.Change) string {
	prefix := ""
	if c.Indicator != nil {
		prefix = w.T("indicator.number", "n", c.Indicator.ID.S) + ": "
	}
	q := func(s string) string { return w.T("quote.open") + s + w.T("quote.close") }
	switch {
	case c.OfSheet() && c.Kind == plan.Added:
		return w.T("change.sheetAdded")
	case c.OfSheet():
		return w.T("change.sheetRemoved")
	case c.Note != nil && c.Kind == plan.Added:
		return prefix + w.T("change.noteAdded") + " " + q(c.Note.Testo.S)
	case c.Note != nil:
		return prefix + w.T("change.noteRemoved") + " " + q(c.Note.Testo.S)
	case c.Kind == plan.Added:
		return prefix + w.T("change.added") + " " + q(c.Indicator.Descrizione.S)
	case c.Kind == plan.Removed:
		return prefix + w.T("change.removed") + " " + q(c.Indicator.Descrizione.S)
	}
	return prefix + w.Field(c.Sheet.Plan, c.Field) + ": " + q(c.Old) + " → " + q(c.New)
}

// nameUUID is a stable name-based UUID (version 5 layout over SHA-1), so
// that feed ids never change between builds.
func nameUUID(parts ...string) string {
	h := sha1.Sum([]byte("piao\x00" + strings.Join(parts, "\x00")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	LastMod    string        `xml:"lastmod,omitempty"`
	Alternates []sitemapLink `xml:"http://www.w3.org/1999/xhtml link"` // the page in each language
}

// sitemapLink is the page in one language.
type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists every page with absolute URLs; nil without url_base.
func sitemap(model *plan.Site, pages []*page) []byte {
	base := baseURL(&model.Config)
	if base == "" {
		return nil
	}
	var set sitemapURLSet
	for _, pg := range pages {
		u := sitemapURL{Loc: base + pg.Path, LastMod: pg.Updated}
		if pg.r != nil && pg.r.langs != nil && pg.r.langs.multi() {
			_, alternates := pg.r.twins(pg)
			for _, a := range alternates {
				u.Alternates = append(u.Alternates, sitemapLink{Rel: "alternate", HrefLang: a.Lang, Href: a.URL})
			}
		}
		set.URLs = append(set.URLs, u)
	}
	sort.Slice(set.URLs, func(i, j int) bool { return set.URLs[i].Loc < set.URLs[j].Loc })
	b, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		panic(err) // strings only: always marshals
	}
	return append([]byte(xml.Header), append(b, '\n')...)
}

// robots allows every crawler everywhere, and names the sitemap if any.
func robots(model *plan.Site) []byte {
	s := "User-agent: *\nAllow: /\n"
	if base := baseURL(&model.Config); base != "" {
		s += "\nSitemap: " + base + "sitemap.xml\n"
	}
	return []byte(s)
}
