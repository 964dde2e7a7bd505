package builder

import (
	"github.com/piao-pa/piao/builder/publish"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
)

// newMinifier minifies HTML keeping end tags, attribute quotes and document
// tags, so that archived pages stay robust for any parser; URLs are never
// shortened.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", linearHTML{&html.Minifier{KeepEndTags: true, KeepQuotes: true, KeepDocumentTags: true, KeepDefaultAttrVals: true}})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}

var mediaTypes = map[string]string{".html": "text/html", ".css": "text/css", ".js": "application/javascript"}

// PublishOptions tune PublishWith.
type PublishOptions struct {
	// Site is the site folder: the output may not contain it, nor lie
	// among its sources (content/, themes/, config.yaml).
	Site string
	// OnWait is called, if not nil, when another build is publishing to
	// the same destination and this one waits for it.
	OnWait func()

	after func() error        // called under the lock once the output is in place (the build cache)
	early *publish.EarlySpare // the spare read while the site loads (publish.ReadSpareEarly)
}

// siteSources are the parts of a site folder an output may not lie in.
var siteSources = []string{"content", "themes", "config.yaml"}

// Publish writes the site into dest atomically; see PublishWith.
func Publish(s *Site, dest string) error { return PublishWith(s, dest, PublishOptions{}) }

// PublishWith writes the site into dest atomically: into a temporary
// folder beside dest, which takes the place of dest in one step once every
// file is written. A failed or interrupted publish (even by kill -9) leaves
// the previous dest whole. Two publishes to the same dest take turns, by a
// lock file beside it. It refuses, before touching anything, a dest that is
// not a folder, a folder piao did not write (unless empty), the root, the
// current folder or one above it, and the site or its sources.
func PublishWith(s *Site, dest string, opt PublishOptions) error {
	return publishTree(dest, opt, func(to *publish.Target) error { return writeTree(s, to) })
}

// publishTree publishes into dest what fill writes, as PublishWith says
// (see builder/publish). An error of fill comes back as it is; an error of
// the publish, worded for the office.
func publishTree(dest string, opt PublishOptions, fill func(to *publish.Target) error) error {
	o := publish.Options{Site: opt.Site, Sources: siteSources, OnWait: opt.OnWait, After: opt.after, Early: opt.early}
	return publishMessage(publish.Tree(dest, o, fill))
}

// holdTree runs look under the publish lock of dest, writing nothing
// (publish.Hold).
func holdTree(dest string, opt PublishOptions, look func() error) error {
	o := publish.Options{Site: opt.Site, Sources: siteSources, OnWait: opt.OnWait}
	return publishMessage(publish.Hold(dest, o, look))
}

func writeTree(s *Site, to *publish.Target) error {
	for _, p := range s.Paths() {
		if err := to.Write(p, s.Files[p]); err != nil {
			return err
		}
	}
	return nil
}
