package builder

import (
	"bytes"
	"io/fs"
	"slices"

	"github.com/piao-pa/piao/builder/plan"
)

// Cache keeps the sheets that one load decoded for the next load of the
// same site, so that a rebuild parses again only the sheets whose bytes
// changed: piao serve keeps one across rebuilds. Parsing and decoding are
// most of a load (1.3 s of 1.4 s for 10,000 sheets).
//
// Every load gets its own copy of each cached sheet, so that a model
// still being rendered is never written by the next load. The copy is
// shallow but for the indicators, whose ids Check fills in: stages after
// Load must write no other part of a sheet than Plan and Indicatori[i].
//
// A Cache is for one goroutine at a time.
type Cache struct {
	sheets map[string]*cachedSheet // by site-relative path
	loads  int
	parsed int // sheets parsed by the last load, for tests and summaries
}

type cachedSheet struct {
	kind  plan.Kind
	src   []byte
	sheet *plan.Sheet // as decoded, never handed out
	diags Diagnostics // what decoding it found
	load  int         // the last load that saw the file
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{sheets: map[string]*cachedSheet{}} }

// LoadAndCheck is LoadAndCheck through the cache.
func (c *Cache) LoadAndCheck(fsys fs.FS) (*plan.Site, Diagnostics) {
	c.loads++
	c.parsed = 0
	model, ds := loadWith(fsys, c)
	for file, e := range c.sheets {
		if e.load != c.loads {
			delete(c.sheets, file)
		}
	}
	if !ds.HasErrors() {
		ds = append(ds, Check(model)...)
		ds.attachSources(readSources(fsys, ds))
	}
	ds.Sort()
	return model, ds
}

// Parsed is the number of sheets the last load had to parse.
func (c *Cache) Parsed() int { return c.parsed }

// sheet loads a sheet through the cache, if the loader has one.
func (l *loader) sheet(file string, kind plan.Kind) *plan.Sheet {
	c := l.cache
	if c == nil {
		return l.loadSheet(file, kind)
	}
	e := c.sheets[file]
	if e != nil && e.kind == kind {
		src, err := l.read(file)
		if err != nil {
			return nil
		}
		if bytes.Equal(src, e.src) {
			e.load = c.loads
			l.diags = append(l.diags, e.diags...)
			return handOut(e.sheet)
		}
	}
	c.parsed++
	before := len(l.diags)
	s := l.loadSheet(file, kind)
	if s == nil {
		delete(c.sheets, file)
		return nil
	}
	c.sheets[file] = &cachedSheet{kind: kind, src: l.files[file], sheet: s, load: c.loads,
		diags: slices.Clone(l.diags[before:])}
	return handOut(s)
}

// handOut copies a cached sheet for one load.
func handOut(s *plan.Sheet) *plan.Sheet {
	cp := *s
	cp.Indicatori = slices.Clone(s.Indicatori)
	return &cp
}

// IgnoredName reports whether the loader skips a file or folder of this
// name: hidden files, editors' swap, backup and lock files.
func IgnoredName(name string) bool { return ignoredName(name) }
