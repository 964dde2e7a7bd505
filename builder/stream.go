package builder

import (
	"errors"
	"sync/atomic"

	"github.com/piao-pa/piao/builder/publish"
)

// Written says what a publish wrote.
type Written struct {
	Pages, Files int
	Bytes        int64
	Loss         *OutputLoss // what the output replaced had more, or nil (loss.go)
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
func BuildTo(in Input, dest string, opt PublishOptions) (Written, Diagnostics, error) {
	model, ds := LoadAndCheck(in.Site)
	if ds.HasErrors() {
		return Written{}, ds, nil
	}
	before := countOutput(dest)
	var pages *Pages
	var w Written
	err := publishTree(dest, opt, func(to *publish.Target) error {
		p, pds, err := newPagesTo(in, model, to)
		ds = append(ds, pds...)
		if err != nil {
			return err
		}
		if p == nil {
			return errContent
		}
		pages = p
		w, err = p.write(to)
		return err
	})
	switch {
	case errors.Is(err, errContent):
		err = nil
	case pages != nil && len(pages.Diagnose(err)) > 0:
		ds, err = append(ds, pages.Diagnose(err)...), nil
	case err == nil && pages != nil:
		if w.Loss = compareOutput(dest, before, siteCount(model, w.Pages)); w.Loss != nil {
			ds = append(ds, w.Loss.Warning(true))
		}
	}
	ds.attachSources(readSources(in.Site, ds))
	ds.Sort()
	return w, ds, err
}

// Check is piao check: the diagnostics of BuildTo, with every page
// rendered and minified as piao build does, and nothing written or kept:
// the files that are not pages are made and measured only. With
// in.Previous, it warns of the pages a build would lose, as BuildTo does.
func Check(in Input) Diagnostics {
	model, ds := LoadAndCheck(in.Site)
	if ds.HasErrors() {
		return ds
	}
	p, pds, _ := newPagesTo(in, model, &publish.Target{}) // writing nowhere cannot fail
	ds = append(ds, pds...)
	if p != nil {
		ds = append(ds, p.Diagnose(p.Verify())...)
	}
	if p != nil && in.Previous != "" {
		if l := compareOutput(in.Previous, countOutput(in.Previous), siteCount(model, p.Count())); l != nil {
			ds = append(ds, l.Warning(false))
		}
	}
	ds.attachSources(readSources(in.Site, ds))
	ds.Sort()
	return ds
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

// write renders the files of p.paths into the new output.
func (p *Pages) write(to *publish.Target) (Written, error) {
	var files, size atomic.Int64
	err := p.each(func(_ int, name string, buf *buffers) error {
		b, err := p.render(name, buf)
		if err != nil {
			return err
		}
		files.Add(1)
		size.Add(int64(len(b)))
		return to.Write(name, b)
	})
	if err != nil {
		return Written{}, err
	}
	w := p.out.written() // what went to disk before the pages
	w.Pages, w.Files, w.Bytes = len(p.pages), w.Files+int(files.Load()), w.Bytes+size.Load()
	return w, nil
}
