package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
	"github.com/piao-pa/piao/internal/stages"
)

// Written says what a publish wrote.
type Written struct {
	Pages, Files int
	Bytes        int64
	Loss         *OutputLoss // what the output replaced had more, or nil (loss.go)
	Reused       int         // pages linked from the previous output, not rendered (the build cache)
	Spliced      int         // sheets' parts of the open data taken from the previous output, not made (dataparts.go)
	Kept         int         // open data files made of the plans only (revisioni.json, the feed) taken from the previous output, not made
	Ends         int         // open data files made of a part per sheet whose plan, before and after the parts, was taken from the previous output (piano.json)
	Indexed      int         // files of the search index taken from the previous output unread, their digest the one the last build recorded
	Unencoded    int         // of them, chunks of documents never encoded: their documents' digest the one the last build recorded
	Stubbed      int         // plans (in each language) whose pages of the indexes were listed from the last build's stubs, the indexes made only if one renders
	Unchanged    bool        // nothing changed since the last build: nothing was written
	Note         string      // why the build cache was not used, if it was not
}

// errContent stops a publish on an error of the content or the theme,
// which the diagnostics tell.
var errContent = errors.New("errori nei contenuti")

// BuildTo is piao build: it loads and checks the site, then renders it
// into dest atomically, as PublishWith does for a built Site; but no file
// waits in memory for the others. The files that are not pages (open
// data, search index, assets) are written as they are made, and each page
// as soon as it is rendered and minified, on every core. The diagnostics
// are those of Build; when they hold an error, dest is as it was. The
// error is a failure to publish.
//
// Through the build cache beside dest (see buildcache.go), a build with
// nothing changed writes nothing, and a sheet's page whose key is
// unchanged is linked from the previous output instead of rendered: the
// output is byte for byte that of a clean build.
func BuildTo(in Input, dest string, opt PublishOptions) (Written, Diagnostics, error) {
	defer boundHeadroom(true)() // from the start: the sources' digests are the build's first heap
	c := openBuildCache(in, dest)
	stages.Mark("sources digested")
	if w, ds, ok := c.skip(dest, opt); ok {
		ds.attachSources(readSources(in.Site, ds))
		ds.Sort()
		return w, ds, nil
	}
	opt.early = publish.ReadSpareEarly(dest) // the spare's index, read while the site loads
	counted := make(chan *OutputCount, 1)    // what the output holds, read while the site loads
	go func() { counted <- countReplaced(c.prev, dest) }()
	kept := make(chan *sheetDocs, 1) // the sheets' search documents, read while the site loads
	go func() { kept <- c.openSheetDocs(dest) }()
	store, sheets := openSheetStore(dest, c.program)
	sheets.single = true
	if c.src != nil {
		sheets.known = c.src.sum // digested a moment ago: an unchanged sheet is not read again
	}
	sheets.rules = c.ruleMemo()
	model, ds := sheets.LoadAndCheck(listedSite(in.Site, c.listed)) // the folders as digested, not listed again
	if !ds.HasErrors() {
		c.rules = sheets.keptRules(model, c.agg)
	}
	// The listing, an entry for each file, is not held while the site renders.
	c.listed = nil
	stages.Mark("sheets loaded")
	held := weak.Make(model) // for savingHook
	before, docs := <-counted, <-kept
	if ds.HasErrors() {
		return Written{}, ds, nil
	}
	var pages *Pages // kept past the write only when a page failed (Diagnose)
	var w Written
	var dataKeys sync.Map // the sheets' own data files: name → key
	var target *publish.Target
	c.setLight(model, sheets)
	stubs := c.indexStubs() // the indexes' pages, listed without making the indexes when they cannot have changed
	// What the cache and the loss need of the pages and the model, taken
	// once they are written: then neither is held while the cache is
	// saved (the build's peak of memory on a large site, when both were).
	var names []string
	var keys map[string]string
	var parts map[string]fileParts
	var count *OutputCount
	opt.after = func() error {
		if savingHook != nil {
			savingHook(held)
		}
		if err := c.save(dest, names, target.Stamped(), target.FolderStamps(), keys, parts, stubs, w, ds); err != nil {
			os.Remove(c.path) // never a cache that says less than the truth
			return fmt.Errorf("%w: %s: %v", errCacheSave, c.path, err)
		}
		return nil
	}
	err := publishTree(dest, opt, func(to *publish.Target) error {
		target = to
		to.Expect(c.prevFiles())
		defer store.saving(sheets)() // once dest is known to be piao's and locked; while the site renders
		data := c.dataParts(&dataKeys, to)
		p, pds, err := newPagesTo(in, model, to, data, docs, stubs)
		data.close()
		if p != nil && err == nil {
			docs.save() // under the lock: right whatever becomes of the publish
		}
		docs.abort() // and the rest of the time
		ds = append(ds, pds...)
		if err != nil {
			return err
		}
		if p == nil {
			return errContent
		}
		stages.Mark("pages listed")
		keys = c.keys(p)
		dataKeys.Range(func(name, k any) bool { keys[name.(string)] = k.(string); return true })
		p.reuse, p.prevSize = c.reuser(keys, to), c.sizer(keys)
		w, err = p.write(to)
		stages.Mark("pages written")
		if err != nil {
			pages = p
			return err
		}
		sc := siteCount(model, w.Pages)
		names, keys, parts, count = p.outputNames(), trusted(p, keys), data.recorded(), &sc
		w.Spliced, w.Ends, w.Stubbed = data.taken(), data.endsTaken(), stubs.taken()
		model, docs, sheets, c.prev = nil, nil, nil, nil // the model, the search documents, the last build's cache: no longer needed
		return nil
	})
	w.Note = c.note
	if pe := (*pageError)(nil); errors.As(err, &pe) && errors.Is(pe.err, errStaleIndexes) {
		os.Remove(c.path) // the next build makes every index
	}
	switch {
	case errors.Is(err, errContent):
		err = nil
	case errors.Is(err, errCacheSave): // the site is published; the next build is a clean one
		w.Note, err = fmt.Sprintf(noteCacheNotSaved, err), nil
	case pages != nil && len(pages.Diagnose(err)) > 0:
		ds, err = append(ds, pages.Diagnose(err)...), nil
	case err == nil && count != nil:
		if w.Loss = compareOutput(dest, before, *count); w.Loss != nil {
			ds = append(ds, w.Loss.Warning(true))
		}
	}
	ds.attachSources(readSources(in.Site, ds))
	ds.Sort()
	return w, ds, err
}

// savingHook, when a test sets it, is called as BuildTo saves the build
// cache, with the model the build loaded held weakly: nothing the save
// needs may hold it (TestCacheSavedWithoutTheModel).
var savingHook func(model weak.Pointer[plan.Site])

// errUnchanged and errStale end a publish that had nothing to write, the
// output being as the last build left it or not.
var errUnchanged, errStale = errors.New("nulla è cambiato"), errors.New("uscita modificata")

// errCacheSave is a build cache that could not be written once the site
// was published.
var errCacheSave = errors.New("cache")

// skip, when the sources are those of the last build, checks under the
// publish lock that dest is as the last build left it: then the build is
// done, and says what the last one said.
func (c *buildCache) skip(dest string, opt PublishOptions) (Written, Diagnostics, bool) {
	if !c.unchanged() {
		return Written{}, nil, false
	}
	err := holdTree(dest, opt, func() error { // the spare is left for the next build that writes
		removeStale(searchDocsPath(dest)) // a build killed while it built the index: the file is written then
		if c.intact(dest) {
			return errUnchanged
		}
		return errStale
	})
	if !errors.Is(err, errUnchanged) {
		c.note = fmt.Sprintf(noteOutputModified, dest)
		return Written{}, nil, false
	}
	w := c.prev.Written
	w.Unchanged = true
	return w, append(Diagnostics(nil), c.prev.Diags...), true
}

// Check is piao check: the diagnostics of BuildTo, with nothing written
// or kept: the files that are not pages are made and measured only, but
// the open data of each plan and the search index, which are only named
// (their names are judged, their bytes come from the model). With
// in.Previous, it warns of the pages a build would lose, as BuildTo does,
// and takes the sheets whose bytes did not change since the build there
// from its sheet store (sheetstore.go), not parsing them. With a theme of
// the site's own, every page is rendered and minified as piao build does,
// since a template may fail on any of them. With the built-in
// theme, which renders every site that passes the rules (the golden pages
// of every shape of plan, the hostile and fuzzed sheets of the tests),
// one page of each kind is, the one that shows least (Pages.sample):
// rendering the others would judge nothing. The output it compares with
// is counted from the build cache there, as a rebuild counts it.
func Check(in Input) Diagnostics {
	ds, _ := checkThrough(in)
	return ds
}

// checkThrough is Check; it also gives the cache the site loaded through.
func checkThrough(in Input) (Diagnostics, *Cache) {
	defer boundHeadroom(false)()
	sheets := NewCache()
	counted := make(chan *OutputCount, 1) // what the output holds, read while the site loads
	if in.Previous != "" {
		sheets = StoredCache(in.Previous) // the sheet store of the last piao build there
		go func() { counted <- previousCount(in.Previous) }()
	}
	sheets.single = true
	model, ds := sheets.LoadAndCheck(in.Site)
	stages.Mark("sheets loaded")
	if ds.HasErrors() {
		return ds, sheets
	}
	p, pds, _ := newPagesTo(in, model, &publish.Target{}, nil, nil, nil) // writing nowhere cannot fail
	stages.Mark("pages listed")
	ds = append(ds, pds...)
	if p != nil {
		sample := builtinTheme(in)
		ds = append(ds, p.Diagnose(p.verify(sample))...)
		stages.Mark("pages rendered")
	}
	if p != nil && in.Previous != "" {
		if l := compareOutput(in.Previous, <-counted, siteCount(model, p.Count())); l != nil {
			ds = append(ds, l.Warning(false))
		}
		stages.Mark("output compared")
	}
	ds.attachSources(readSources(in.Site, ds))
	ds.Sort()
	return ds, sheets
}

// Publish renders the site into dest, atomically, as PublishWith does for
// a built Site; but each page goes to disk as soon as it is rendered and
// minified, on every core, so that the pages are never held together in
// memory. A page the theme fails to render stops the publish (Diagnose
// says which) and leaves dest as it was.
func (p *Pages) Publish(dest string, opt PublishOptions) (Written, error) {
	var w Written
	err := publishTree(dest, opt, func(to *publish.Target) (err error) {
		w, err = p.write(to)
		return err
	})
	return w, err
}

// streamPage is the length of a page, rendered, from which it is minified
// straight into its file: the minified copy of a long page (the revisions
// of a plan of 50,000 sheets, 27 MB) is never held beside the page (a
// variable for its test).
var streamPage = keptBuffer

// writeFile renders the file name into to, and gives its size.
func (p *Pages) writeFile(name string, buf *buffers, to *publish.Target) (int64, error) {
	if pg := p.pages[name]; pg != nil && p.spills(name, pg) {
		return p.writeSpilled(name, pg, buf, to)
	}
	b, mt, err := p.renderRaw(name, buf)
	switch {
	case err != nil:
		return 0, err
	case mt != "" && buf.page.Len() >= streamPage:
		return to.Stream(name, func(w io.Writer) error { return p.minify(name, mt, w, &buf.page) })
	case mt != "":
		if b, err = p.minified(name, mt, buf); err != nil {
			return 0, err
		}
	}
	return int64(len(b)), to.Write(name, b)
}

// spills reports whether the page name goes to its file while it
// renders, once it passes streamPage bytes: an HTML page of the built-in
// theme (never minified, see renderRaw) other than a sheet's, and not
// marked again as a whole (renderer.marks: a site with a glossary, or in
// several languages, keeps its long pages whole).
func (p *Pages) spills(name string, pg *page) bool {
	return pg.Kind != "sheet" && pg.r.builtin && path.Ext(name) == ".html" && !pg.r.marks(pg)
}

// writeSpilled writes the page name into to as writeFile does, its
// bytes going to the file each time the buffer passes streamPage: at
// 50,000 sheets an index of the indicators is 19 MB and the revisions of
// the plan 28 MB, each grown whole in memory by doubling, held while the
// collector marked. Written in pieces, that build collected 49 or 50
// times instead of 52 to 54 (by hand on tmpfs, three builds each; 70 MB
// less allocated). A page that stays shorter is written as any other.
func (p *Pages) writeSpilled(name string, pg *page, buf *buffers, to *publish.Target) (int64, error) {
	cp := *pg // render writes to the page it renders
	buf.page.Reset()
	sw := &spillWriter{buf: &buf.page, name: name, to: to}
	err := cp.r.renderInto(&cp, sw)
	var n int64
	if sw.file != nil {
		if err == nil {
			sw.spill() // the rest
		}
		var cerr error
		if n, cerr = sw.file.Close(err == nil && sw.err == nil); cerr != nil {
			sw.err = cerr // an error of writing, as the publish reports it
		}
	}
	switch {
	case sw.err != nil: // the file could not be written
		return 0, sw.err
	case err != nil:
		return 0, &pageError{pg, errors.Unwrap(err)}
	case sw.file == nil:
		return int64(buf.page.Len()), to.Write(name, buf.page.Bytes())
	}
	if spilledPage != nil {
		spilledPage(name)
	}
	return n, nil
}

// spilledPage, when set (by a test), is told of each page writeSpilled
// wrote in pieces.
var spilledPage func(name string)

// spillWriter is the buffer of a page that writeSpilled renders, which
// goes to the page's file, made when first needed, each time it holds
// streamPage bytes. An error of writing stops the page.
type spillWriter struct {
	buf  *bytes.Buffer
	name string
	to   *publish.Target
	file *publish.File // nil until the page first passes streamPage
	err  error
}

func (s *spillWriter) Write(b []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.buf.Write(b)
	if s.buf.Len() >= streamPage {
		s.spill()
	}
	return len(b), s.err
}

// spill writes what the buffer holds to the file.
func (s *spillWriter) spill() {
	if s.err != nil {
		return
	}
	if s.file == nil {
		if s.file, s.err = s.to.Create(s.name); s.err != nil {
			return
		}
	}
	_, s.err = s.file.Write(s.buf.Bytes())
	s.buf.Reset()
}

// write renders the files of p.paths into the new output.
func (p *Pages) write(to *publish.Target) (Written, error) {
	var files, size, reused atomic.Int64
	err := p.each(func(_ int, name string, buf *buffers) error {
		if p.reuse != nil {
			if n, ok := p.reuse(name); ok {
				files.Add(1)
				size.Add(n)
				reused.Add(1)
				return nil
			}
		}
		n, err := p.writeFile(name, buf, to)
		if err == nil {
			files.Add(1)
			size.Add(n)
		}
		return err
	})
	if err != nil {
		return Written{}, err
	}
	w := p.out.written() // what went to disk before the pages
	w.Pages, w.Files, w.Bytes = len(p.pages), w.Files+int(files.Load()), w.Bytes+size.Load()
	w.Reused = int(reused.Load())
	return w, nil
}
