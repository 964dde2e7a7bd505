package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
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
// rendered) and the open data (keyed by the whole aggregate).
//
// The light digest of a sheet is the digest of the sheet as decoded,
// in the sheet store's encoding, with what those pages never show left
// out (lighten): what decides whether they change is the model itself,
// not a reading of its source, so that nothing the decoder makes of a
// sheet can be missed. TestLightPages builds sites whose sheets are
// lightened as they load and compares every page keyed by the light
// aggregate with a normal build's: a layout that starts showing a
// target's words there fails it.

// lightKinds are the kinds of page keyed by the light aggregate: every
// kind keyed by the aggregate but those that show the words of targets
// (reports: results against targets) and the open data's page (keyed by
// the sizes of the files, which the words change).
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
// never show: the words of each target of the sheet and of its
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

// lightTargets is ts with the words of each untouched target replaced
// by lightWords (ts itself when there are none).
func lightTargets(ts []plan.Value) []plan.Value {
	out := ts
	for i, t := range ts {
		if t.Extra != nil {
			continue // a revision's, dated or marked: as it is
		}
		lt := t
		lt.Text = lightText(t.Text)
		if lt.Text == t.Text {
			continue
		}
		if len(out) > 0 && len(ts) > 0 && &out[0] == &ts[0] {
			out = slices.Clone(ts)
		}
		out[i] = lt
	}
	return out
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
// store's encoding (its maps in the order of their keys), without what
// the loader adds (Plan, BodyIn: the bodies in other languages are files
// of their own, in the aggregate by their bytes). False if it cannot be
// encoded.
func lightDigest(s *plan.Sheet) ([sha256.Size]byte, bool) {
	cp := *s
	cp.Plan, cp.BodyIn = nil, nil
	cp.Indicatori = slices.Clone(s.Indicatori)
	lighten(&cp)
	h := sha256.New()
	e := &storeEncoder{w: h, ordered: true}
	codecOf(sheetType).enc(e, unsafe.Pointer(&cp))
	if e.err == nil && len(e.b) > 0 {
		_, e.err = h.Write(e.b)
	}
	var sum [sha256.Size]byte
	if e.err != nil {
		return sum, false
	}
	h.Sum(sum[:0])
	return sum, true
}

// lightAggregate is the light aggregate of the sources, with base: the
// aggregate (sources.aggregate) with each operational sheet's front
// replaced by the light digest of the sheet model decoded from it, when
// there is one; the digests through cache, which loaded the model, if
// not nil (a sheet not parsed again keeps its digest: at 10,000 sheets
// working them all out is 0.15 s of CPU).
func (s *sources) lightAggregate(base string, model *plan.Site, cache *Cache) string {
	var sheets []*plan.Sheet
	for _, p := range model.Plans {
		sheets = append(sheets, p.Operational...)
	}
	digests := make([]string, len(sheets))
	parallelFor(len(sheets), func(i int) {
		digest := lightDigest
		if cache != nil {
			digest = cache.lightDigest
		}
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
