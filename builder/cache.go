package builder

import (
	"crypto/sha256"
	"io/fs"
	"maps"
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
// shallow: nothing may write any other part of a sheet than Plan and
// BodyIn (the loader's), and no stage after the loader writes to the
// model. A Cache for a single load (piao build's, single) hands out the
// sheets themselves.
//
// A Cache is for one goroutine at a time.
type Cache struct {
	sheets map[string]*cachedSheet      // by site-relative path
	handed map[*plan.Sheet]*cachedSheet // the last load's sheets, and their entries
	loads  int
	parsed int  // sheets parsed by the last load, for tests and summaries
	single bool // one load only: sheets are handed out, not copied
	// known gives, if not nil, the SHA-256 of a file's bytes as the build
	// cache digested them (sources) just before the load: a sheet whose
	// entry has it is taken without reading the file again.
	known func(file string) ([sha256.Size]byte, bool)
	// rules, if not nil, keeps what the rules of each sheet found from one
	// build to the next (checker.sheetRules).
	rules *ruleMemo
}

type cachedSheet struct {
	kind  plan.Kind
	langs []string          // the site's languages when it was decoded
	sum   [sha256.Size]byte // of the file's bytes, as read (before normalizeText)
	sheet *plan.Sheet       // as decoded, never handed out
	diags Diagnostics       // what decoding it found
	load  int               // the last load that saw the file
	// texts holds what the rules of the sheet's own texts found (see
	// checker.sheetTexts), once textsOK: the check of a load writes them.
	texts   Diagnostics
	textsOK bool
	// light is the sheet's light digest (lightDigest), once lightOK: the
	// build works it out for the build cache (buildCache.setLight).
	light   [sha256.Size]byte
	lightOK bool
	// rules holds what the rules of the sheet found (checker.sheetRules)
	// in the load rulesLoad: the check of a load writes them.
	rules     Diagnostics
	rulesLoad int
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{sheets: map[string]*cachedSheet{}} }

// LoadAndCheck is LoadAndCheck through the cache.
func (c *Cache) LoadAndCheck(fsys fs.FS) (*plan.Site, Diagnostics) {
	c.loads++
	c.parsed = 0
	c.handed = map[*plan.Sheet]*cachedSheet{}
	model, ds := loadAndCheck(fsys, c)
	for file, e := range c.sheets {
		if e.load != c.loads {
			delete(c.sheets, file)
		}
	}
	return model, ds
}

// lightDigest is the light digest of s, a sheet the last load handed
// out: kept with its entry, and in the sheet store, once worked out.
// False if it cannot be encoded.
func (c *Cache) lightDigest(s *plan.Sheet) ([sha256.Size]byte, bool) {
	e := c.handed[s] // only read while the site builds: entries are one a sheet
	if e != nil && e.lightOK {
		return e.light, true
	}
	sum, ok := lightDigest(s)
	if e != nil && ok {
		e.light, e.lightOK = sum, true
	}
	return sum, ok
}

// Parsed is the number of sheets the last load had to parse.
func (c *Cache) Parsed() int { return c.parsed }

// sheetJob is a sheet file to load.
type sheetJob struct {
	file    string
	kind    plan.Kind
	regular bool // the folder listing says it is a regular file
}

// sheetLoad is what loading one sheet gave: the sheet (nil if it did not
// load), the findings and the files read, and how to update the cache.
type sheetLoad struct {
	sheet  *plan.Sheet
	diags  Diagnostics
	files  map[string][]byte
	parsed bool         // parsed anew, not taken from the cache
	store  *cachedSheet // the cache's new entry for the file, if parsed
	entry  *cachedSheet // the cache's entry the sheet comes from, new or not
}

// sheets loads the sheet files on every core, each through the cache if
// the loader has one, and returns them in the order of jobs. Each sheet
// is loaded by a loader of its own; their findings and files join this
// loader's in the order of jobs, and the cache is updated afterwards, so
// the result does not depend on the number of goroutines.
func (l *loader) sheets(jobs []sheetJob) []*plan.Sheet {
	var listed []string // read through a root opened at their folder, not folder by folder from the site's
	for _, j := range jobs {
		if j.regular {
			listed = append(listed, j.file)
		}
	}
	folders := openFolders(l.fsys, listed)
	defer folders.close()
	loads := make([]sheetLoad, len(jobs))
	parallelFor(len(jobs), func(i int) { loads[i] = l.loadOne(jobs[i], folders) })
	out := make([]*plan.Sheet, len(jobs))
	for i, r := range loads {
		l.diags = append(l.diags, r.diags...)
		maps.Copy(l.files, r.files)
		out[i] = r.sheet
		c := l.cache
		switch {
		case c == nil:
		case r.store != nil:
			c.sheets[jobs[i].file] = r.store
		case r.sheet == nil && r.parsed:
			delete(c.sheets, jobs[i].file)
		}
		if c != nil && r.sheet != nil && r.entry != nil {
			c.handed[r.sheet] = r.entry
		}
		if c != nil && r.parsed {
			c.parsed++
		}
	}
	return out
}

// loadOne loads a sheet, through the cache if the loader has one. It
// writes nothing shared: the cache is only read.
func (l *loader) loadOne(job sheetJob, folders *folders) sheetLoad {
	sub := &loader{fsys: l.fsys, files: map[string][]byte{}, langs: l.langs, strs: l.strs, folders: folders}
	res := func(s *plan.Sheet) sheetLoad { return sheetLoad{sheet: s, diags: sub.diags, files: sub.files} }
	c := l.cache
	if c == nil {
		return res(sub.loadSheet(job))
	}
	sub.sums = map[string][sha256.Size]byte{}
	hit := func(e *cachedSheet) sheetLoad {
		e.load = c.loads // entries are one a file: no other goroutine writes this one
		sub.diags = append(sub.diags, e.diags...)
		r := res(c.handOut(e.sheet))
		r.entry = e
		return r
	}
	if e := c.sheets[job.file]; e != nil && e.kind == job.kind && slices.Equal(e.langs, l.langs) {
		if c.known != nil {
			if sum, ok := c.known(job.file); ok && sum == e.sum {
				return hit(e)
			}
		}
		if _, err := sub.readListed(job.file, job.regular); err != nil {
			return res(nil)
		}
		if sub.sums[job.file] == e.sum {
			return hit(e)
		}
		sub.diags = nil // read again by loadSheet
	}
	r := res(sub.loadSheet(job))
	r.diags, r.parsed = sub.diags, true
	if r.sheet != nil {
		blocks := modelBlocksMade.Get().(*modelBlocks) // beside the entries of the sheets decoded before
		r.store = blocks.entry()
		modelBlocksMade.Put(blocks)
		*r.store = cachedSheet{kind: job.kind, langs: l.langs, sum: sub.sums[job.file], sheet: r.sheet, load: c.loads,
			diags: slices.Clone(sub.diags)}
		r.sheet, r.entry = c.handOut(r.sheet), r.store
	}
	return r
}

// handOut copies a cached sheet for one load, unless the cache serves
// only one.
func (c *Cache) handOut(s *plan.Sheet) *plan.Sheet {
	if c.single {
		return s
	}
	cp := *s
	return &cp
}

// pristine is a cached sheet as decoded: without what the loader adds to
// the sheets it hands out (Plan, BodyIn), which a single load's sheets
// have.
func pristine(s *plan.Sheet) *plan.Sheet {
	cp := *s
	cp.Plan, cp.BodyIn = nil, nil
	return &cp
}

// IgnoredName reports whether the loader skips a file or folder of this
// name: hidden files, editors' swap, backup and lock files.
func IgnoredName(name string) bool { return ignoredName(name) }
