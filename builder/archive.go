package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// A snapshot freezes what was published of one plan (D.Lgs. 33/2013
// art. 8: online and unchanged for five years). It is every file of the
// built site under the plan's folder, the shared assets and whatever else
// those pages load (scripts, styles, images), plus a landing page. Each
// page carries a banner "Versione archiviata del …"; links that leave the
// snapshot are rewritten to reach the current site from where `piao build`
// publishes the copy: archivio/NAME/ of the site.
//
// The manifest SHA256SUMS lists every file but itself, the metadata file
// archivio.json included, so that `sha256sum -c SHA256SUMS` checks the
// snapshot with no other tool, and its digest — printed by piao archive,
// quoted in the act that publishes the snapshot, shown on the Archivio
// page — stands for every byte of it, what the Archivio page states about
// it included. (Snapshots made before piao recorded the manifest's digest
// in archivio.json and left that file out of the manifest: see
// archive_legacy.go.)

const (
	manifestFile = "SHA256SUMS"
	metaFile     = "archivio.json"
)

// SnapshotOptions says what to archive.
type SnapshotOptions struct {
	Plan    string // the plan's folder name under content/
	Name    string // the snapshot's folder name; default Plan
	Date    string // the snapshot's date, AAAA-MM-GG; default the plan's latest revision or publication
	Version string // piao's version, recorded in the metadata
	Today   string // today's date, AAAA-MM-GG: a snapshot cannot be dated later; "" for no such bound
}

// SnapshotMeta is archivio.json.
type SnapshotMeta struct {
	Nome          string `json:"nome"`
	Piano         string `json:"piano"`
	Titolo        string `json:"titolo"`
	Ente          string `json:"ente"`
	Data          string `json:"data"`
	Pubblicazione string `json:"pubblicazione"`
	Conservazione string `json:"conservazione_fino_al"`
	VersionePiao  string `json:"versione_piao"`
	Manifesto     string `json:"manifesto"`
	SHA256        string `json:"sha256_manifesto,omitempty"` // only in snapshots of the first format; else computed
	File          int    `json:"file"`                       // files of the plan: all but SHA256SUMS and archivio.json
	Byte          int    `json:"byte"`
	Formato       int    `json:"formato,omitempty"` // 2: archivio.json is in the manifest; absent: the first format
}

// metaFormat is the format of the snapshots piao writes: archivio.json is
// listed in SHA256SUMS.
const metaFormat = 2

// Snapshot is a snapshot in memory, ready to be written.
type Snapshot struct {
	Meta  SnapshotMeta
	Files map[string][]byte // every file, SHA256SUMS and archivio.json included
}

// RetentionEnd is the date until which a version published on date must
// stay online: five years counted from 1 January of the year after
// publication (D.Lgs. 33/2013, art. 8, c. 3), that is 1 January of the
// publication year + 6. The law fixes the day: it needs only the year of
// the date, however precise.
func RetentionEnd(date string) string {
	y, _, _, p := plan.ParseDate(date)
	if p == plan.NoDate {
		return ""
	}
	return fmt.Sprintf("%04d-01-01", y+6)
}

// NewSnapshot builds the site and freezes the named plan.
func NewSnapshot(in Input, opt SnapshotOptions) (*Snapshot, Diagnostics) {
	site, ds := Build(in)
	if site == nil {
		return nil, ds
	}
	p := findPlan(site.Model, opt.Plan)
	if p == nil {
		var known []string
		for _, q := range site.Model.Plans {
			known = append(known, q.Slug)
		}
		ds.errorf(plan.At("content", 0, 0), hintKnownPlans(known), msgNoSuchPlan, opt.Plan)
		return nil, ds
	}
	if opt.Name == "" {
		opt.Name = p.Slug
	}
	if opt.Date == "" {
		opt.Date = p.Updated()
	}
	if !validSnapshotName(opt.Name) {
		ds.errorf(plan.Pos{}, hintSnapshotName, msgSnapshotName, opt.Name)
	}
	switch _, _, _, prec := plan.ParseDate(opt.Date); {
	case prec == plan.NoDate:
		ds.errorf(plan.Pos{}, hintDate, msgDate, opt.Date)
	case plan.DateBefore(opt.Date, p.Updated()):
		ds.errorf(plan.Pos{}, hintSnapshotDate(p.Updated()), msgSnapshotTooEarly, opt.Date, p.Updated())
	case opt.Today != "" && plan.DateBefore(opt.Today, opt.Date):
		ds.errorf(plan.Pos{}, hintSnapshotDate(p.Updated()), msgSnapshotFuture, opt.Date, opt.Today)
	}
	if ds.HasErrors() {
		return nil, ds
	}
	snap, err := freeze(in, site, p, opt)
	if err != nil {
		ds.errorf(plan.At("themes", 0, 0), "", "%s", err.Error())
		return nil, ds
	}
	if ds = append(ds, snapshotPortable(snap, p)...); ds.HasErrors() {
		return nil, ds
	}
	return snap, ds
}

func findPlan(model *plan.Site, name string) *plan.Plan {
	for _, p := range model.Plans {
		if p.Slug == name {
			return p
		}
	}
	return nil
}

// validSnapshotName accepts a folder name that is a clean URL segment.
func validSnapshotName(name string) bool {
	return name != "" && slug(name) == name && name != "verify" && name != "zip" && name != indexFile
}

// freeze selects the plan's files, adds the landing page, rewrites the
// pages and writes the manifest and the metadata.
func freeze(in Input, site *Site, p *plan.Plan, opt SnapshotOptions) (*Snapshot, error) {
	meta := SnapshotMeta{Nome: opt.Name, Piano: p.Slug, Titolo: p.Titolo.S, Ente: site.Model.Config.Ente.Nome.S,
		Data: opt.Date, Pubblicazione: p.Published(), Conservazione: RetentionEnd(opt.Date),
		VersionePiao: opt.Version, Manifesto: manifestFile}
	th, ds := loadTheme(in, &site.Model.Config)
	if th == nil {
		return nil, ds
	}
	// The snapshot is of one plan: its renderer, menus and search see that
	// plan alone, in each of the site's languages.
	single := *site.Model
	single.Plans = []*plan.Plan{p}
	files := selectSnapshot(site, p)
	ls := newLangSite(&single, th)
	ls.pages = map[string]bool{}
	for name := range files {
		ls.pages[name] = path.Ext(name) == ".html"
	}
	renderers := make([]*renderer, len(ls.langs))
	for i, l := range ls.langs {
		r, err := snapshotSearch(th, ls, l, files)
		if err != nil {
			return nil, err
		}
		renderers[i] = r
	}
	r := renderers[0]
	landing := &page{Kind: "snapshot", Path: homePath(), Plan: r.site.Plans[0], Snapshot: &meta,
		Title:     r.words.T("page.snapshot", "date", r.words.Date(opt.Date), "plan", p.Titolo.S),
		Published: p.Published(), Updated: opt.Date}
	var err error
	if files[landing.Path], err = r.render(landing); err != nil {
		return nil, err
	}
	inside := func(target string) bool {
		_, ok := files[target]
		return ok || target == manifestFile || target == metaFile
	}
	m := newMinifier()
	for name, b := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		r := renderers[0] // the banner in the page's language
		for i, l := range ls.langs {
			if l.prefix != "" && strings.HasPrefix(name, l.prefix) {
				r = renderers[i]
			}
		}
		banner, err := r.banner(name, &meta)
		if err != nil {
			return nil, err
		}
		b = insertBanner(rewriteLinks(uncanonical(b), name, opt.Name, inside), banner)
		var out bytes.Buffer
		if err := m.Minify("text/html", &out, bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files[name] = out.Bytes()
	}
	return seal(files, meta)
}

// snapshotSearch gives a snapshot a search page and an index of its own
// plan in language l, so that search works in it opened from disk or from
// its zip, years later, without the current site; it returns the
// renderer of l's pages.
func snapshotSearch(th *theme, ls *langSite, l *siteLang, files map[string][]byte) (*renderer, error) {
	search := buildSearchIndex(l.plain, l.words).encode()
	search.Dir = l.prefix + search.Dir
	for name, b := range search.Files {
		files[l.prefix+name] = b
	}
	r, err := newRenderer(l.theme(th), l.model, nil, nil, search)
	if err != nil {
		return nil, err
	}
	if ls.multi() {
		r.lang, r.langs = l, ls
	}
	pg := searchPage(l.model, l.words)
	pg.Path = l.prefix + pg.Path
	ls.pages[pg.Path] = true
	files[pg.Path], err = r.render(pg)
	return r, err
}

// seal adds the metadata, then the manifest of every file, the metadata
// included; the digest of the manifest is kept in memory, to print.
func seal(files map[string][]byte, meta SnapshotMeta) (*Snapshot, error) {
	meta.File, meta.Formato = len(files), metaFormat
	for _, b := range files {
		meta.Byte += len(b)
	}
	mb, err := marshalJSON(meta)
	if err != nil {
		return nil, err
	}
	files[metaFile] = mb
	manifest := Manifest(files)
	files[manifestFile] = manifest
	meta.SHA256 = digest(manifest)
	return &Snapshot{Meta: meta, Files: files}, nil
}

// digest is the SHA-256 of b, in hexadecimal.
func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Manifest is the SHA256SUMS of files, in the format of GNU sha256sum
// (hash, two spaces, path), sorted by path.
func Manifest(files map[string][]byte) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	return b.Bytes()
}

// selectSnapshot takes the plan's folder, the assets, and every file its
// pages load (src attributes and stylesheet-like links), transitively.
func selectSnapshot(site *Site, p *plan.Plan) map[string][]byte {
	out := map[string][]byte{}
	var queue []string
	take := func(name string) {
		if _, ok := out[name]; ok {
			return
		}
		out[name] = site.Files[name]
		if path.Ext(name) == ".html" {
			queue = append(queue, name)
		}
	}
	prefixes := []string{slug(p.Slug) + "/"} // the plan's folder, in every language's
	if site.Model != nil {
		prefixes = nil
		for _, l := range langPrefixes(&site.Model.Config) {
			prefixes = append(prefixes, l+slug(p.Slug)+"/")
		}
	}
	for _, name := range site.Paths() {
		if strings.HasPrefix(name, "assets/") || slices.ContainsFunc(prefixes, func(pre string) bool { return strings.HasPrefix(name, pre) }) {
			take(name)
		}
	}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		for _, ref := range resourceRefs(site.Files[name]) {
			if target, _, ok := resolveRef(name, ref); ok {
				if _, exists := site.Files[target]; exists {
					take(target)
				}
			}
		}
	}
	return out
}

var (
	attrRE    = regexp.MustCompile(`(\s(?:href|src)=")([^"]*)(")`)
	srcRE     = regexp.MustCompile(`\ssrc="([^"]*)"`)
	linkTagRE = regexp.MustCompile(`<link\s[^>]*>`)
	relRE     = regexp.MustCompile(`\srel="([^"]*)"`)
	hrefRE    = regexp.MustCompile(`\shref="([^"]*)"`)
	bodyRE    = regexp.MustCompile(`<body[^>]*>(?:\s*<a class="skip"[^>]*>[^<]*</a>)?`)
)

// resourceRefs lists the URLs a page loads, as opposed to links it offers.
func resourceRefs(html []byte) []string {
	var out []string
	for _, m := range srcRE.FindAllSubmatch(html, -1) {
		out = append(out, string(m[1]))
	}
	for _, tag := range linkTagRE.FindAll(html, -1) {
		rel := relRE.FindSubmatch(tag)
		href := hrefRE.FindSubmatch(tag)
		if rel != nil && href != nil && !strings.Contains(string(rel[1]), "alternate") {
			out = append(out, string(href[1]))
		}
	}
	return out
}

// resolveRef resolves a relative URL found in the page at from to an
// output path and its "#fragment"; ok is false for absolute URLs, bare
// fragments and paths that leave the site.
func resolveRef(from, ref string) (target, frag string, ok bool) {
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "/") || strings.Contains(strings.SplitN(ref, "/", 2)[0], ":") {
		return "", "", false
	}
	u, f, _ := strings.Cut(ref, "#")
	if f != "" {
		f = "#" + f
	}
	u, _, _ = strings.Cut(u, "?")
	target = path.Join(path.Dir(from), u)
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", "", false
	}
	return target, f, true
}

// rewriteLinks points every link of the page at from that leaves the
// snapshot to the same file of the current site, seen from where the
// snapshot is published.
func rewriteLinks(html []byte, from, name string, inside func(string) bool) []byte {
	return attrRE.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := attrRE.FindSubmatch(m)
		target, frag, ok := resolveRef(from, string(sub[2]))
		if !ok || inside(target) {
			return m
		}
		rel := relURL(snapshotPath(name, from), target) + frag
		return []byte(string(sub[1]) + rel + string(sub[3]))
	})
}

// canonicalRE finds what names a page's address on the current site: an
// archived copy is another document, at another address.
var canonicalRE = regexp.MustCompile(`<link rel="canonical" href="[^"]*">\n?|<meta property="og:url" content="[^"]*">\n?`)

// uncanonical leaves out of an archived page the canonical address and the
// Open Graph address of the current page.
func uncanonical(html []byte) []byte { return canonicalRE.ReplaceAll(html, nil) }

// insertBanner puts the banner at the top of the body, after the skip
// link.
func insertBanner(html, banner []byte) []byte {
	loc := bodyRE.FindIndex(html)
	if loc == nil {
		return html
	}
	out := make([]byte, 0, len(html)+len(banner))
	out = append(out, html[:loc[1]]...)
	out = append(out, banner...)
	return append(out, html[loc[1]:]...)
}

// banner renders the theme's "archived" template for the page at p.
func (r *renderer) banner(p string, meta *SnapshotMeta) ([]byte, error) {
	from := snapshotPath(meta.Nome, p)
	var buf bytes.Buffer
	title := meta.Titolo
	if r.lang != nil && len(r.site.Plans) == 1 { // the plan's title in the page's language
		title = stripFallbacks(r.site.Plans[0].Titolo.S)
	}
	err := r.tmpl["snapshot"].ExecuteTemplate(&buf, "archived", map[string]any{
		"Date": meta.Data, "Title": title,
		"Current": relURL(from, r.local(homePath())), "Archive": relURL(from, r.local(archivePath())),
	})
	return buf.Bytes(), err
}
