package builder

import (
	"path"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// This file lays out a site of several languages: one tree of pages per
// language, each in its folder ("de/", or the main language at the root
// when lingua_principale says so), from the model in that language; the
// files made once for every language (the open data, in the main
// language's folder, beside its pages; the theme's assets and the
// archived snapshots at the root); each page linked to its twin in every
// other language. A site of one language has one tree, at the root, as
// it always had.

// siteLang is one language of the site, as its pages are made.
type siteLang struct {
	code   string
	name   string // the language's name in itself: "Deutsch"
	prefix string // its folder in the output, "de/"; "" at the root
	words  *words
	model  *plan.Site // the model in this language; texts it lacks marked (its pages)
	plain  *plan.Site // … texts it lacks in the main language, unmarked (its search and feed)
	data   *plan.Site // … texts it lacks empty (the open data's column in this language)

	plans  map[string]*plan.Plan  // this language's plan of a slug
	sheets map[string]*plan.Sheet // this language's sheet of a page path
}

// theme is th with this language's words.
func (l *siteLang) theme(th *theme) *theme {
	return &theme{fs: th.fs, words: l.words, langs: th.langs, builtin: th.builtin}
}

// langSite are the languages of a site, the main one first.
type langSite struct {
	langs []*siteLang
	root  string          // "radice" or "cartella" (lingua_principale): where the main language goes
	pages map[string]bool // every page of every language, by output path
}

func newLangSite(model *plan.Site, th *theme) *langSite {
	cfg := &model.Config
	prefixes := langPrefixes(cfg)
	ls := &langSite{root: mainInFolder}
	if cfg.LinguaPrincipale.S == mainAtRoot {
		ls.root = mainAtRoot
	}
	codes := siteLangs(cfg)
	for _, code := range codes {
		w := th.wordsIn(code)
		l := &siteLang{code: code, name: w.T("lang.name"), prefix: prefixes[code], words: w}
		l.model = project(model, code, fallbackMarked)
		l.plain, l.data = l.model, l.model
		if len(codes) > 1 && code != codes[0] {
			l.plain, l.data = project(model, code, fallbackPlain), project(model, code, fallbackEmpty)
		}
		l.index()
		ls.langs = append(ls.langs, l)
	}
	return ls
}

// index finds this language's plans and sheets by slug and page path.
func (l *siteLang) index() {
	l.plans, l.sheets = map[string]*plan.Plan{}, map[string]*plan.Sheet{}
	for _, p := range l.model.Plans {
		l.plans[p.Slug] = p
		for _, s := range p.Sheets() {
			l.sheets[sheetPath(s)] = s
		}
	}
}

// get is the language with that code, or nil.
func (ls *langSite) get(code string) *siteLang {
	if ls == nil {
		return nil
	}
	for _, l := range ls.langs {
		if l.code == code {
			return l
		}
	}
	return nil
}

// multi reports whether the site is in several languages.
func (ls *langSite) multi() bool { return len(ls.langs) > 1 }

// main is the main language.
func (ls *langSite) main() *siteLang { return ls.langs[0] }

// localDownloads are the open data files as language l's "Dati aperti"
// page lists them: named in its words, its plans' and sheets' own, and
// its feed.
func (l *siteLang) localDownloads(list []download, feedSize int) []download {
	out := make([]download, len(list))
	for i, d := range list {
		c := d
		if d.Plan != nil {
			c.Plan = l.plans[d.Plan.Slug]
		}
		switch {
		case d.Sheet != nil:
			c.Sheet = l.sheets[sheetPath(d.Sheet)]
			c.Title = l.words.SheetName(c.Sheet)
		case d.key != "":
			c.Title = l.words.T(d.key, d.args...)
		}
		if d.Path == feedPath() {
			c.Size = feedSize
		}
		out[i] = c
	}
	return out
}

// rootFile reports whether an output path is one file of the whole site,
// at its root: the theme's assets, the archived snapshots and their
// files, robots.txt and the sitemap.
func rootFile(p string) bool {
	switch {
	case strings.HasPrefix(p, "assets/"), p == "robots.txt", p == "sitemap.xml", p == manifestFile, p == metaFile:
		return true
	case strings.HasPrefix(p, "archivio/"):
		return p != archivePath() // the Archivio page is each language's
	}
	return false
}

// isPage reports whether an output path is a page (a language has its
// own), not a file: what ends in .html, before any fragment.
func isPage(p string) bool {
	target, _, _ := strings.Cut(p, "#")
	return path.Ext(target) == ".html"
}
