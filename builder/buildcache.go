package builder

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
)

// The build cache of piao build: a file beside the output
// (.OUT.piao-cache, never inside the published folder) that remembers what
// the last build read and wrote, so that the next one does only what a
// change needs:
//
//   - nothing changed (every source has the same bytes, the program and
//     the options are the same, and every file and folder of the output
//     has the stamp it had when written): nothing is loaded, rendered or
//     written; the build says what the last one said;
//   - otherwise the site is loaded, checked and prepared as always, but a
//     page whose key is unchanged is not rendered again: it is linked from
//     the previous output. A sheet's own page's key is the digest of what
//     it shows (Pages.SheetFile): its sheet's bytes (and its bodies in
//     other languages), everything of its plan but the other operational
//     sheets, config.yaml, the themes, the archive, the program and the
//     options; a sheet's JSON (scheda.json) has the same key with what it
//     reads of the other sheets (cycleFacts), and its line of piano.json
//     and its rows of the tables are taken from the previous output's
//     files (dataparts.go). Every other page's key is every source but
//     the operational sheets' bodies (see keys) and, but for the reports,
//     the words of the targets no revision touched (lightkey.go): a
//     change to the text under a sheet's front matter, or to such a
//     target, renders only that sheet's pages and the few pages that
//     show every sheet's body or the open data's sizes (and the reports).
//     With a theme of the site's own, every page is rendered.
//
// The cache is keyed by the program's own bytes (another version of piao
// never trusts it), checked by a digest of its own bytes (a corrupt cache
// is never trusted), and written under the publish lock once the output
// is in place. A cache that cannot be used means a clean build, said in
// the summary.

// cacheFormat names the layout of the cache file.
const cacheFormat = "piao-build-cache 6"

// CachePath is where the build cache of the output dest lives: a hidden
// file beside it.
func CachePath(dest string) string { return publish.Beside(dest, "cache") }

// cacheData is what the cache file holds.
type cacheData struct {
	Format, Program, Inputs string
	Diags                   Diagnostics
	Written                 Written
	Keys                    map[string]string        // page → its key, for the pages that have one
	Stamps                  map[string]publish.Stamp // every file and folder of the output, "." itself
	Sources                 sourceStamps             // the sources as digested (digestSources)
	ProgramFile             programStamp             // the program's file when Program was its digest
	Parts                   map[string]fileParts     // the files made of a part per sheet, by name (dataparts.go)
	Agg                     string                   // the sources' light aggregate (buildCache.light), which Indexes are of
	Indexes                 map[string][]listingStub // the stubs of each plan's indexes in each language (indexPages)
	Rules                   *rulesKept               // what the rules found (checker.sheetRules, checkSite), nil for none
}

// buildCache is one build's view of the cache.
type buildCache struct {
	path    string
	prev    *cacheData               // the last build's, nil if none can be used
	note    string                   // why the last build's cache was not used, for the summary
	src     *sources                 // nil: the sources cannot be digested; no cache
	listed  map[string][]fs.DirEntry // the folders of the sources, as src lists them (listedSite)
	program string
	base    string
	plans   map[string]string
	inputs  string
	agg     string // the sources' part of the key of the pages that are not a sheet's own
	light   string // and of those of the light kinds (lightkey.go), once the model is loaded (setLight)
	builtin bool   // the theme is the built-in one: pages have keys

	programFile programStamp // the program's file when program was digested
	rules       *rulesKept   // what the rules found of this build's sheets, once they are judged
}

// ruleMemo gives the load what the rules found of the last build's
// sheets, when the aggregate of its sources was this one's
// (checker.sheetRules); nil without a cache.
func (c *buildCache) ruleMemo() *ruleMemo {
	if c.src == nil {
		return nil
	}
	m := &ruleMemo{ctx: c.agg}
	if c.prev != nil && c.prev.Rules != nil && c.prev.Rules.Ctx == c.agg {
		m.prev = c.prev.Rules
	}
	return m
}

// openBuildCache digests the sources and reads the cache of dest.
func openBuildCache(in Input, dest string) *buildCache {
	c := &buildCache{path: CachePath(dest)}
	listed := make(chan sourceList, 1) // the sources listed while the cache is read
	go func() { listed <- listSources(in.Site) }()
	var list sourceList
	var src *sources
	var err error
	digested := false
	c.prev, c.note, c.program, c.programFile = readCacheOfProgram(c.path, func() {
		// The program's file is read (clean builds, a new piao): its digest
		// and the sources' on the cores at once.
		list = <-listed
		src, err = list.digest(in.Site, nil)
		digested = true
	})
	if c.program == "" {
		return c
	}
	if !digested {
		list = <-listed
		var stamps *sourceStamps // what the last build digested, if its cache can be used
		if c.prev != nil {
			stamps = &c.prev.Sources
		}
		src, err = list.digest(in.Site, stamps)
	}
	if c.prev != nil {
		c.prev.Sources = sourceStamps{} // used: not held while the site builds
	}
	if err != nil {
		c.prev, c.note = nil, ""
		return c
	}
	c.src, c.listed = src, list.dirs
	c.base, c.plans, c.inputs = src.keys(c.program, in.Minify)
	c.agg = src.aggregate(c.base)
	c.builtin = src.builtinOnly(in.Themes)
	return c
}

// setLight works out the light aggregate of the sources, from the
// model loaded from them through sheets.
func (c *buildCache) setLight(model *plan.Site, sheets *Cache) {
	if c.src != nil && c.builtin {
		c.light = c.src.lightAggregate(c.base, model, sheets)
	}
}

// aggOf is the sources' part of the key of a page of kind that is not a
// sheet's own.
func (c *buildCache) aggOf(kind string) string {
	if lightKind(kind) && c.light != "" {
		return c.light
	}
	return c.agg
}

// unchanged reports whether the sources, the program and the options are
// those of the last build.
func (c *buildCache) unchanged() bool {
	return c.src != nil && c.prev != nil && c.prev.Inputs == c.inputs
}

// intact reports whether every file and folder of dest has the stamp it
// had when the last build wrote it, and nothing was added.
func (c *buildCache) intact(dest string) bool {
	names := make([]string, 0, len(c.prev.Stamps))
	for name := range c.prev.Stamps {
		names = append(names, name)
	}
	now := publish.Stamps(dest, names, runtime.GOMAXPROCS(0))
	if len(now) != len(c.prev.Stamps) {
		return false
	}
	for name, st := range c.prev.Stamps {
		if now[name] != st {
			return false
		}
	}
	return true
}

// keys are the keys of the pages of p that have one: a sheet's own page
// (see pageKey) and, but for the kinds in unkeyed, every other page:
// its key is that of every source but the operational sheets' bodies
// (sources.aggregate; for the light kinds, but the words of the sheets'
// untouched targets too: lightkey.go), the page's name and the open data
// files its renderer knows, by name and title (not size; the open data's
// page, by its sizes as it shows them too). A page that shows what the key leaves
// out — a sheet's body, the sizes of the open data, the search index's
// folder — is marked volatile as it renders and its key is not kept
// (trusted): the next build renders it again.
func (c *buildCache) keys(p *Pages) map[string]string {
	keys := map[string]string{}
	if c.src == nil || !c.builtin {
		return keys
	}
	type part struct {
		r     *renderer
		light bool
	}
	known := map[part]string{}      // each renderer's part of the key, worked out once
	shown := map[*renderer]string{} // and with the sizes of the files as they are shown, for the open data's page
	names := make([]string, 0, len(p.pages))
	for name, pg := range p.pages {
		if k := (part{pg.r, lightKind(pg.Kind)}); p.SheetFile(name) == "" && !unkeyed[pg.Kind] && pg.r != nil && known[k] == "" {
			known[k] = downloadsKey(c.aggOf(pg.Kind), pg.r.downloads, nil)
		}
		if pg.Kind == "opendata" && pg.r != nil && shown[pg.r] == "" {
			shown[pg.r] = downloadsKey(c.aggOf(pg.Kind), pg.r.downloads, pg.r.words)
		}
		names = append(names, name)
	}
	out := make([]string, len(names))
	parallelFor(len(names), func(i int) { // a digest each: 20,000 at 10,000 sheets
		name := names[i]
		if file := p.SheetFile(name); file != "" {
			out[i] = pageKey(c.src, c.plans, name, file)
			return
		}
		pg := p.pages[name]
		switch {
		case pg.r == nil:
		case pg.Kind == "opendata":
			sum := sha256.Sum256([]byte(shown[pg.r] + "\x00" + name))
			out[i] = hex.EncodeToString(sum[:])
		case !unkeyed[pg.Kind]:
			sum := sha256.Sum256([]byte(known[part{pg.r, lightKind(pg.Kind)}] + "\x00" + name))
			out[i] = hex.EncodeToString(sum[:])
		}
	})
	for i, k := range out {
		if k != "" {
			keys[names[i]] = k
		}
	}
	return keys
}

// indexStubs gives the build the stubs of the indexes the last build
// listed, when nothing they show can have changed: the sources' light
// aggregate, of which the keys of the pages of the indexes are made, is
// the same.
// Nil when pages have no keys (a theme of the site's own renders every
// page: the indexes are made all the same).
func (c *buildCache) indexStubs() *indexStubs {
	if c.src == nil || !c.builtin {
		return nil
	}
	x := &indexStubs{}
	if c.prev != nil && c.prev.Agg == c.light && c.light != "" {
		x.prev = c.prev.Indexes
	}
	return x
}

// unkeyed are the kinds of page always rendered: they show what changes
// with any sheet (the search index's folder, every sheet's body). The
// open data's page, which shows the size of every file (at 10,000 sheets
// a page of 1.9 MB), has a key of its own: the sizes as it shows them
// ("3,3 kB"), which an edit of a sheet seldom changes.
var unkeyed = map[string]bool{"opendata": true, "search": true, "fullplan": true}

// downloadsKey adds to key the open data files a renderer lists: but for
// their sizes, or (with w) their sizes as w shows them.
func downloadsKey(key string, ds []download, w *words) string {
	h := sha256.New()
	h.Write([]byte(key + "\x00"))
	for _, d := range ds {
		h.Write([]byte(d.Path + "\x00" + d.Title + "\x00" + d.Format + "\n"))
		if w != nil {
			h.Write([]byte(w.Size(d.Size) + "\n"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// dataParts are what the previous output offers the open data of this
// build (see dataparts.go): the function that gives the stamp there of a
// sheet's own data file name (scheda.json, of the sheet s) when its key
// (pageKey, with what it reads of the other sheets: cycleFacts) is the
// one it had — recording in keys the key of every file it is asked about
// — and the parts of the files made of a part per sheet. Nil when pages
// have no keys.
func (c *buildCache) dataParts(keys *sync.Map, to *publish.Target) *dataParts {
	if c.src == nil || !c.builtin {
		return nil
	}
	d := &dataParts{to: to}
	d.known = func(name string, s *plan.Sheet) (publish.Stamp, bool) {
		var k string
		if v, ok := keys.Load(name); ok {
			k = v.(string)
		} else if k = pageKey(c.src, c.plans, name+"\x00"+d.facts.of(s.Plan), s.Pos.File()); k != "" {
			keys.Store(name, k)
		}
		if k == "" {
			return publish.Stamp{}, false
		}
		return c.prev.stamp(name, k)
	}
	// A file of the open data made of the plans and the front of the
	// operational sheets only (revisioni.json, the feed: never a sheet's
	// body, the open data's sizes or the search index, nor the words of
	// a target no revision touched), keyed as the pages of the light
	// kinds are, by the sources but those.
	aggKey := func(what, name string) string {
		sum := sha256.Sum256([]byte(c.aggOf("") + "\x00" + what + "\x00" + name))
		return hex.EncodeToString(sum[:])
	}
	d.whole = func(name string) (publish.Stamp, bool) {
		k := aggKey("open data", name)
		keys.Store(name, k)
		return c.prev.stamp(name, k)
	}
	// What a file made of a part per sheet holds before the first part
	// and after the last, when it is made of the plans and the front of
	// the operational sheets only (piano.json's plan): keyed as whole.
	d.ends = func(name string) string { return aggKey("open data ends", name) }
	// A file keyed by its own bytes (a file of the search index), in the
	// previous output under its name there (publish.Target.PrevName): the
	// file need not be read to be known the same.
	d.same = func(name, key string) (publish.Stamp, bool) {
		keys.Store(name, key)
		return c.prev.stamp(to.PrevName(name), key)
	}
	d.prevKey = func(name string) string {
		if c.prev == nil {
			return ""
		}
		return c.prev.Keys[name]
	}
	if c.prev != nil {
		d.prev, d.st = c.prev.Parts, c.prev.Stamps
	}
	return d
}

// docsKey is the key a chunk of the search's documents is recorded with:
// the SHA-256 of its bytes and the digest of its documents (docsDigest).
func docsKey(sum, id [sha256.Size]byte) string {
	return hex.EncodeToString(sum[:]) + " " + hex.EncodeToString(id[:])
}

// docsRecorded gives the SHA-256 a chunk recorded with key (docsKey) had,
// if it was made of documents of the digest id.
func docsRecorded(key string, id [sha256.Size]byte) ([sha256.Size]byte, bool) {
	var sum [sha256.Size]byte
	s, d, ok := strings.Cut(key, " ")
	if !ok || d != hex.EncodeToString(id[:]) || hex.DecodedLen(len(s)) != len(sum) {
		return sum, false
	}
	if _, err := hex.Decode(sum[:], []byte(s)); err != nil {
		return sum, false
	}
	return sum, true
}

// cycleFacts is what a sheet's data and search documents read of its
// plan's other operational sheets: whether any reports results or
// monitoring, the years results are given for, and the fields the plan
// has (an optional field, such as storico or responsabile, is in every
// sheet's data once a sheet gives it). pageKey leaves those sheets out.
func cycleFacts(p *plan.Plan) string {
	var fields []string
	for _, s := range slices.Concat(p.Specs(plan.SheetSpecs()), p.Specs(plan.IndicatorSpecs())) {
		fields = append(fields, s.Key)
	}
	return fmt.Sprint(p.HasResults(), p.HasMonitoring(), p.ResultYears(), fields)
}

// factsMemo keeps the cycleFacts of each plan for a build: they look at
// every sheet of the plan, and are asked for each.
type factsMemo struct{ m sync.Map }

func (f *factsMemo) of(p *plan.Plan) string {
	if v, ok := f.m.Load(p); ok {
		return v.(string)
	}
	facts := cycleFacts(p)
	f.m.Store(p, facts)
	return facts
}

// stamp is the stamp of the file name of the previous output, if its key
// was k.
func (d *cacheData) stamp(name, k string) (publish.Stamp, bool) {
	if d == nil || d.Keys[name] != k {
		return publish.Stamp{}, false
	}
	st, ok := d.Stamps[name]
	return st, ok
}

// touch marks the page pg as one that shows what the key of a page that
// is not a sheet's own leaves out (see buildCache.keys). A sheet's own
// page is not marked: trusted keeps its key all the same (marked, every
// sheet's page took 19 MB at 50,000 sheets).
func (r *renderer) touch(pg *page) {
	if r.volatile != nil && !pg.sheetOwn() {
		r.volatile.Store(pg.Path, true)
	}
}

// trusted are the keys worth keeping after p rendered: without the pages
// marked volatile but a sheet's own.
func trusted(p *Pages, keys map[string]string) map[string]string {
	out := make(map[string]string, len(keys))
	for name, k := range keys {
		if _, v := p.volatile.Load(name); !v { // a sheet's own page is never marked (touch)
			out[name] = k
		}
	}
	return out
}

// reuser returns the function that links a page from the previous
// output into to when its key is the one it had, and gives its size.
func (c *buildCache) reuser(keys map[string]string, to *publish.Target) func(name string) (int64, bool) {
	if c.prev == nil {
		return nil
	}
	return func(name string) (int64, bool) {
		if !c.keyKept(keys, name) {
			return 0, false
		}
		st, ok := c.prev.Stamps[name]
		return st.Size, ok && to.Keep(name, st)
	}
}

// prevFiles is the number of files the last build's output held, as its
// cache recorded them (0 without one): a hint for the maps of this one.
func (c *buildCache) prevFiles() int {
	if c.prev == nil {
		return 0
	}
	n := 0
	for _, st := range c.prev.Stamps {
		if !st.Dir {
			n++
		}
	}
	return n
}

// keyKept reports whether page name has a key, the one it had in the
// previous build.
func (c *buildCache) keyKept(keys map[string]string, name string) bool {
	k := keys[name]
	return k != "" && c.prev.Keys[name] == k
}

// sizer returns the function that gives the size a page to render again
// had in the previous output, if the cache knows it; not for a page
// whose key is the one it had, which is linked, not rendered (workOrder
// leaves those where their kind puts them: two goroutines linking files
// into the same folders wait on each other's lock of it).
func (c *buildCache) sizer(keys map[string]string) func(name string) (int64, bool) {
	if c.prev == nil {
		return nil
	}
	return func(name string) (int64, bool) {
		if c.keyKept(keys, name) {
			return 0, false
		}
		st, ok := c.prev.Stamps[name]
		return st.Size, ok && !st.Dir
	}
}

// save writes the cache of the output just published in dest: its files
// (names) and their folders, with what the build said. The stamps of the
// files the publish knows (known: those it wrote or linked, as it left
// them) and of the folders it left as they were (folders:
// publish.Target.FolderStamps) are not read again: at 10,000 sheets,
// 16,000 folders whose look at the end of a rebuild took 50 ms.
func (c *buildCache) save(dest string, names []string, known, folders map[string]publish.Stamp, keys map[string]string,
	parts map[string]fileParts, stubs *indexStubs, w Written, ds Diagnostics) error {
	if c.src == nil {
		return os.Remove(c.path)
	}
	// The sources' stamps made on the other core while the output's are
	// gathered: each is some ten milliseconds at 10,000 sheets, on the
	// path of every build's end.
	srcStamps := make(chan sourceStamps, 1)
	go func() { srcStamps <- c.src.stamps() }()
	dirs := make(map[string]bool, len(names)/2) // a folder for two files, at 10,000 sheets
	dirs["."] = true
	all := make([]string, len(names), len(names)+len(names)/2)
	copy(all, names)
	for _, name := range names {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			all = append(all, d)
			if st, ok := folders[d]; ok && st.Dir {
				if _, file := known[d]; !file {
					if known == nil {
						known = map[string]publish.Stamp{}
					}
					known[d] = st
				}
			}
		}
	}
	all = append(all, ".")
	data := cacheData{Format: cacheFormat, Program: c.program, Inputs: c.inputs, Diags: ds, Written: w, Keys: keys,
		Stamps: publish.StampsKnown(dest, all, known, runtime.GOMAXPROCS(0)), Sources: <-srcStamps, ProgramFile: c.programFile, Parts: parts}
	if stubs != nil {
		data.Agg, data.Indexes = c.light, stubs.next
	}
	data.Rules = c.rules
	data.Written.Note, data.Written.Unchanged = "", false
	return writeCache(c.path, &data)
}

// writeCache writes the cache file atomically: its encoding (the sheet
// store's, storecodec.go), then its seal (writeSealedWith),
// streamed to the file rather than gathered in a buffer first (the cache
// of a large site is tens of megabytes, written when the build holds
// most).
func writeCache(file string, data *cacheData) error {
	return writeSealedWith(file, func(w io.Writer) error { return encodeTo(w, data, false) })
}

// readCacheFile reads what writeCache wrote to file: an error if it is
// missing (os.ErrNotExist), unreadable, its checksum is wrong
// (errSealBroken) or it does not decode (errCacheUndecodable, with the
// Format and Program its first bytes give, if any: the encoding carries
// no description of its types, and a cache that another version of piao
// wrote with other types is told apart by them).
func readCacheFile(file string) (*cacheData, error) {
	b, err := readSealedBytes(file)
	if errors.Is(err, errSealBroken) {
		// A file whose seal is not this program's, of an older format
		// (sealed with SHA-256 before "piao-build-cache 5"), is told by
		// its first bytes: another version's cache, not a corrupt one.
		d := &storeDecoder{s: unsafe.String(unsafe.SliceData(b), len(b))}
		if format := d.str(); d.err == nil && format != cacheFormat && strings.HasPrefix(format, "piao-build-cache ") {
			return &cacheData{Format: format}, fmt.Errorf("%w: %w", errCacheUndecodable, err)
		}
	}
	if err != nil {
		return &cacheData{}, err
	}
	// The strings decoded are parts of the file's bytes, never copied: b
	// is not written again.
	s := unsafe.String(unsafe.SliceData(b), len(b))
	var data cacheData
	if err := decodeInto(s, &data); err != nil {
		d := &storeDecoder{s: s}
		format, program := d.str(), d.str()
		return &cacheData{Format: format, Program: program}, fmt.Errorf("%w: %w", errCacheUndecodable, err)
	}
	return &data, nil
}

// errCacheUndecodable is a cache file whose checksum is right but whose
// bytes do not decode.
var errCacheUndecodable = errors.New("build cache: not decoded")

// The files piao keeps beside the output for its next build (the build
// cache, the search documents, the chunks of the sheet store) end with a
// seal: the CRC-32C of the bytes before it, then sealTag. It finds a file
// cut short or damaged, which is then not used; it is no defence against
// someone who can write beside the output, who could as well write the
// output itself. Until the twenty-third session the seal was a SHA-256:
// at 10,000 sheets 60 ms of the CPU of a rebuild went to sealing and
// checking these files (about 45 MB), which CRC-32C, computed by the
// processor's own instruction, reads ten times faster.

// sealTag ends every seal.
const sealTag = "\npiao-crc32c\n"

// sealSize is the length of a seal: the checksum, then sealTag.
const sealSize = crc32.Size + len(sealTag)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// newSeal is the hash a seal is made with.
func newSeal() hash.Hash32 { return crc32.New(castagnoli) }

// sealOf is the seal of the bytes h was given.
func sealOf(h hash.Hash32) []byte { return append(h.Sum(nil), sealTag...) }

// writeSealedBytes writes b to file atomically, then its seal
// (writeSealedWith).
func writeSealedBytes(file string, b []byte) error {
	return writeSealedWith(file, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// writeSealedWith writes to file atomically what write writes, then its
// seal. It runs under the output's lock, so the temporary files of
// other builds it finds are those of builds that died (killed while
// saving): it removes them.
func writeSealedWith(file string, write func(io.Writer) error) error {
	removeStale(file)
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	f, err := os.Create(tmp)
	if err == nil {
		h := newSeal()
		w := bufio.NewWriterSize(io.MultiWriter(f, h), 64<<10)
		err = write(w)
		if err == nil {
			err = w.Flush()
		}
		if err == nil {
			_, err = f.Write(sealOf(h))
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, file)
}

// removeStale removes the temporary files of builds that died writing
// file; only under the output's lock, when no other build is writing.
func removeStale(file string) {
	if stale, err := filepath.Glob(file + ".*.tmp"); err == nil {
		for _, s := range stale {
			os.Remove(s)
		}
	}
}

// readCache reads the cache file. A missing file gives no cache and no
// note; a corrupt one, or one of another program, gives no cache and the
// note that says so.
func readCache(file, program string) (*cacheData, string) {
	data, err := readCacheFile(file)
	return usableCache(file, data, err, program)
}

// usableCache is the cache data read from file with the error err, if it
// is of this program; else none, and the note that says why.
func usableCache(file string, data *cacheData, err error, program string) (*cacheData, string) {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, ""
	case errors.Is(err, errCacheUndecodable) && (data.Format != cacheFormat || data.Program != program):
		return nil, fmt.Sprintf(noteCacheOther, file)
	case err != nil:
		return nil, fmt.Sprintf(noteCacheCorrupt, file)
	case data.Format != cacheFormat || data.Program != program:
		return nil, fmt.Sprintf(noteCacheOther, file)
	}
	return data, ""
}

// errSealBroken is a sealed file whose bytes are not those written.
var errSealBroken = errors.New("checksum")

// readSealedBytes reads what writeSealedBytes wrote to file: an error if
// it is missing (os.ErrNotExist), unreadable, or its seal is wrong or
// missing (errSealBroken, with the bytes read, for the caller to tell
// what wrote them).
func readSealedBytes(file string) ([]byte, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if !sealed(b) {
		return b, errSealBroken
	}
	return b[:len(b)-sealSize], nil
}

// sealed reports whether b ends with the seal of the bytes before it.
func sealed(b []byte) bool {
	if len(b) < sealSize || string(b[len(b)-len(sealTag):]) != sealTag {
		return false
	}
	body := b[:len(b)-sealSize]
	return binary.BigEndian.Uint32(b[len(body):]) == crc32.Checksum(body, castagnoli)
}

var (
	programOnce sync.Once
	programSum  string
	programSt   programStamp
)

// programDigest is the running program's identity: the version a cache
// belongs to, to the byte. It is the Go build ID of its file where the go
// command made one (programid.go), else the SHA-256 of the file. "" if
// it cannot be read.
func programDigest() string {
	sum, _ := programDigestStamped()
	return sum
}

// programStamp is the program's file's stat when its digest began (At,
// Unix nanoseconds), as sourceStamps keep the sources': a build cache
// whose program's file has the stat it records, settled racyMargin
// before At, belongs to this very program without reading it again (60
// ms at every build when the whole file was read; its build ID now, but
// the whole file still where it has none). OK is false where the
// system's stat cannot tell.
type programStamp struct {
	Stat sourceStat
	At   int64
	OK   bool
}

// programDigestStamped is programDigest, with the stamp of the file it
// read.
func programDigestStamped() (string, programStamp) {
	programOnce.Do(func() {
		at := time.Now().UnixNano()
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return
		}
		sum, ok := programBuildID(f)
		if ok {
			sum = "go-build-id:" + sum
		} else {
			h := sha256.New()
			if _, err := io.Copy(h, f); err != nil {
				return
			}
			sum = hex.EncodeToString(h.Sum(nil))
		}
		if now, err := f.Stat(); err != nil || now.Size() != info.Size() || !now.ModTime().Equal(info.ModTime()) {
			return // written while read
		}
		programSum = sum
		programSt.Stat, programSt.OK = statOf(info)
		programSt.At = at
	})
	return programSum, programSt
}

// programTrusted reports whether the running program is the one whose
// file a cache stamped st: its file has that stat now, and had it for
// racyMargin before its digest began.
func programTrusted(st programStamp) bool {
	if !st.OK {
		return false
	}
	exe, err := os.Executable()
	if err != nil {
		return false
	}
	info, err := os.Stat(exe)
	if err != nil {
		return false
	}
	now, ok := statOf(info)
	return ok && trustedStamp(now, sourceStamp{Stat: st.Stat}, st.At)
}

// readCacheOfProgram reads the cache file as readCache does, and gives
// the program's digest: the cache's when its stamp of the program's file
// is trusted (programTrusted), else read (programDigestStamped), with
// the stamp to keep; meanwhile, if not nil, runs while the file is read
// (and not at all when it is not).
func readCacheOfProgram(file string, meanwhile func()) (prev *cacheData, note, program string, st programStamp) {
	data, err := readCacheFile(file)
	if err == nil && data.Format == cacheFormat && data.Program != "" && programTrusted(data.ProgramFile) {
		return data, "", data.Program, data.ProgramFile
	}
	if meanwhile != nil {
		done := make(chan struct{})
		go func() { meanwhile(); close(done) }()
		defer func() { <-done }()
	}
	program, st = programDigestStamped()
	if program == "" {
		return nil, "", "", st
	}
	prev, note = usableCache(file, data, err, program)
	return prev, note, program, st
}
