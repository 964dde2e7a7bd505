package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/piao-pa/piao/builder/plan"
)

// The light aggregate: the part of the key of most pages other than a
// sheet's own that comes from the operational sheets, without the words
// of their targets that no revision touched. Changing a target is the
// edit an office makes most, and with the whole aggregate
// (sources.aggregate) it rendered again every page that lists the
// sheet — at 10,000 sheets 279 pages, the plan's revisions, indexes,
// units', areas', lines' and strategic sheets' pages — which show no
// target's words at all. Only the reports (results against targets)
// show them outside a sheet's own pages, the whole plan (always
// rendered) and the open data made of a part per sheet or by sheet.
//
// The light digest of a sheet is the digest of the sheet as decoded,
// in the sheet store's encoding, with what those pages never show left
// out (lighten): what decides whether they change is the model itself,
// not a reading of its source, so that nothing the decoder makes of a
// sheet can be missed. TestLightPages builds sites whose sheets are
// lightened as they load and compares every page keyed by the light
// aggregate with a normal build's: a layout that starts showing a
// target's words there fails it.

// lightKind reports whether the pages of kind are keyed by the light
// aggregate: every kind keyed by the aggregate but those that show the
// words of targets (reports: results against targets) and the open
// data's page (keyed by the sizes of the files, which the words change).
// The open data taken whole from the last build (revisioni.json, the
// feed, piano.json but its sheets: buildCache.dataParts) are keyed by it
// too, as kind "".
func lightKind(kind string) bool {
	return kind != "report" && kind != "reports" && kind != "opendata"
}

// lightWords stands for the words of a target a revision did not touch,
// in a lightened sheet.
const lightWords = "⟨target⟩"

// lightBody stands for a lightened sheet's body, when it has one: the
// body reaches a page only through page.SheetBody, which marks the page
// volatile (as sheetFront assumes).
const lightBody = "⟨corpo⟩"

// lighten leaves out of s, in place, what the pages of the light kinds
// never show — the definition TestLightPages builds with, which
// lightDigest follows without a copy: the words of each target of the sheet and of its
// indicators that no revision touched (a value with no earlier value,
// date or footnote marker), kept only as whether there is a target at
// all — none, "//" or words, which decides the outcome of an indicator
// without a result (plan.Indicator.TargetIn) — and its body, kept only
// as whether it has one. The slices it changes are replaced, never
// written: s may share them with another copy of the sheet, but its
// Indicatori must be its own.
func lighten(s *plan.Sheet) {
	if s.Body != "" {
		s.Body = lightBody
	}
	s.Target = lightTargets(s.Target)
	for i := range s.Indicatori {
		s.Indicatori[i].Target = lightTargets(s.Indicatori[i].Target)
	}
}

// lightTargets is ts with each untouched target lightened (lightValue):
// ts itself when there are none.
func lightTargets(ts []plan.Value) []plan.Value {
	out := ts
	for i, t := range ts {
		lt := lightValue(t)
		if lt.Text == t.Text {
			continue
		}
		if len(out) > 0 && &out[0] == &ts[0] {
			out = slices.Clone(ts)
		}
		out[i] = lt
	}
	return out
}

// lightValue is the target t with its words replaced by lightWords,
// when no revision touched it (lightText); as it is otherwise.
func lightValue(t plan.Value) plan.Value {
	if t.Extra == nil { // else a revision's, dated or marked: as it is
		t.Text = lightText(t.Text)
	}
	return t
}

// lightText is the text t of a target with its words, in every language,
// replaced by lightWords unless they are none or "//".
func lightText(t plan.Text) plan.Text {
	t.S = lightTarget(t.S)
	if t.Langs != nil {
		l := &plan.Langs{Main: lightText(t.Langs.Main)}
		if t.Langs.In != nil {
			l.In = make(map[string]plan.Text, len(t.Langs.In))
			for lang, in := range t.Langs.In {
				l.In[lang] = lightText(in)
			}
		}
		t.Langs = l
	}
	return t
}

func lightTarget(s string) string {
	switch strings.TrimSpace(s) {
	case "", "//":
		return s
	}
	return lightWords
}

// lightDigest is the digest of the sheet s lightened, in the sheet
// store's encoding (its maps in the order of their keys): the sheet
// without its targets and indicators, and without what the loader adds
// (Plan, BodyIn: the bodies in other languages are files of their own,
// in the aggregate by their bytes); then its targets lightened; then
// each indicator without its targets, and its targets lightened; each
// list after its length, each encoding telling where it ends. False if
// it cannot be encoded. Nothing of s is written, and nothing allocated
// but for a target in several languages: at 50,000 sheets, the copies
// made for the encoder were 180 MB, made when the heap is at its
// largest.
func lightDigest(s *plan.Sheet) ([sha256.Size]byte, bool) {
	lh := lightHashers.Get().(*lightHasher)
	defer lightHashers.Put(lh)
	defer lh.clear()
	lh.h.Reset()
	e := &lh.e
	*e = storeEncoder{b: lh.b[:0], w: lh.h, ordered: true}
	values := func(ts []plan.Value) {
		e.uvarint(uint64(len(ts)))
		for _, t := range ts {
			lh.val = lightValue(t)
			codecOf(valueType).enc(e, unsafe.Pointer(&lh.val))
		}
	}
	lh.sheet = *s
	lh.sheet.Plan, lh.sheet.BodyIn, lh.sheet.Indicatori, lh.sheet.Target = nil, nil, nil, nil
	if s.Body != "" {
		lh.sheet.Body = lightBody
	}
	codecOf(sheetType).enc(e, unsafe.Pointer(&lh.sheet))
	values(s.Target)
	e.uvarint(uint64(len(s.Indicatori)))
	for i := range s.Indicatori {
		lh.ind = s.Indicatori[i]
		lh.ind.Target = nil
		codecOf(indicatorType).enc(e, unsafe.Pointer(&lh.ind))
		values(s.Indicatori[i].Target)
	}
	if e.err == nil && len(e.b) > 0 {
		_, e.err = lh.h.Write(e.b)
	}
	lh.b = e.b
	var sum [sha256.Size]byte
	if e.err != nil {
		return sum, false
	}
	lh.h.Sum(sum[:0])
	return sum, true
}

var indicatorType = reflect.TypeFor[plan.Indicator]()

// lightHasher is what lightDigest reuses from one sheet to the next: its
// hash, encoder and buffer, and the copies it encodes.
type lightHasher struct {
	h     hash.Hash
	e     storeEncoder
	b     []byte
	sheet plan.Sheet
	ind   plan.Indicator
	val   plan.Value
}

// clear lets go of what the copies point to.
func (lh *lightHasher) clear() {
	lh.e, lh.sheet, lh.ind, lh.val = storeEncoder{}, plan.Sheet{}, plan.Indicator{}, plan.Value{}
}

var lightHashers = sync.Pool{New: func() any { return &lightHasher{h: sha256.New()} }}

// lightAggregate is the light aggregate of the sources, with base: the
// aggregate (sources.aggregate) with each operational sheet's front
// replaced by the light digest of the sheet model decoded from it, when
// there is one; the digests through cache, which loaded the model, if
// not nil (a sheet not parsed again keeps its digest: at 10,000 sheets
// working them all out is 44 ms of CPU, BenchmarkLightDigest).
func (s *sources) lightAggregate(base string, model *plan.Site, cache *Cache) string {
	var sheets []*plan.Sheet
	for _, p := range model.Plans {
		sheets = append(sheets, p.Operational...)
	}
	digest := lightDigest
	if cache != nil {
		digest = cache.lightDigest
	}
	digests := make([]string, len(sheets))
	parallelFor(len(sheets), func(i int) {
		if sum, ok := digest(sheets[i]); ok {
			digests[i] = hex.EncodeToString(sum[:])
		}
	})
	light := make(map[string]string, len(sheets))
	for i, sh := range sheets {
		if file := sh.Pos.File(); digests[i] != "" && s.fronts[file] != "" {
			light[file] = digests[i]
		}
	}
	h := sha256.New()
	h.Write([]byte("light aggregate\x00" + base + "\x00"))
	for _, name := range s.names {
		d := s.files[name]
		if l, ok := light[name]; ok {
			d = "light " + l
		} else if f, ok := s.fronts[name]; ok {
			d = f
		}
		h.Write([]byte(name + "\x00" + d + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
