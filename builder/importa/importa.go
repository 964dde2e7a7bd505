package importa

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"

	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/plan"
)

// Options are what piao importa was asked.
type Options struct {
	Name      string // the office file's name (its extension says its format)
	Data      []byte
	Site      fs.FS  // the site folder
	Piano     string // the plan's folder under content/; "" for the only one
	Revisione string // the revision the document's changes belong to
	Mappa     *Mappa
}

// Write is a file the import writes, site-relative.
type Write struct {
	Path    string
	Data    []byte
	Replace bool   // piano.yaml with entries added: the one file replaced
	Summary string // what it is, for the office
}

// Result is what an import would do.
type Result struct {
	Plan    string
	Writes  []Write
	Same    []string // sheets the reading equals, left alone
	Reports []Report
	Site    fs.FS // the site with the writes laid over it
}

// UsageError is a mistake in how piao importa was called.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

var planNameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// Import reads an office file and works out the files to write; it
// writes nothing.
func Import(opt Options) (*Result, error) {
	doc, err := Read(opt.Name, opt.Data)
	if err != nil {
		return nil, err
	}
	planName, err := pickPlan(opt)
	if err != nil {
		return nil, err
	}
	existing := loadPlan(opt.Site, planName)
	sc, newRev, err := revisionScope(doc, existing, opt.Revisione)
	if err != nil {
		return nil, err
	}
	in := interpret(doc, newLabels(opt.Mappa))
	res := &Result{Plan: planName, Reports: in.reports}
	for _, ig := range doc.Ignored {
		res.Reports = append(res.Reports, newReport("", true, "", "%s", ig))
	}
	if len(in.sheets) == 0 {
		return res, fileErr(hintNoSheets, msgNoSheets)
	}
	r := &resolver{sc: sc, ix: newPlanIndex(existing), years: map[string]bool{}}
	var sheets []*outSheet
	for _, raw := range in.sheets {
		sheets = append(sheets, r.sheet(raw))
	}
	res.Reports = append(res.Reports, r.reports...)
	if n := countErrors(res.Reports); n > 0 {
		return res, fileErr(hintStopped, msgStopped, n)
	}
	dir := path.Join("content", planName)
	m := &matcher{site: opt.Site, dir: dir, existing: existing, source: path.Base(opt.Name)}
	for _, s := range sheets {
		m.place(s, res)
	}
	if err := planWrite(opt, dir, existing, additions{ix: r.ix, revision: newRev}, r.years, res); err != nil {
		return nil, err
	}
	res.Site = newOverlay(opt.Site, res.Writes)
	return res, nil
}

// pickPlan is the plan folder: the one named, or the only one.
func pickPlan(opt Options) (string, error) {
	if opt.Piano != "" {
		if !planNameRe.MatchString(opt.Piano) {
			return "", &UsageError{fmt.Sprintf(msgBadPlanName, opt.Piano)}
		}
		return opt.Piano, nil
	}
	entries, _ := fs.ReadDir(opt.Site, "content")
	var plans []string
	for _, e := range entries {
		if e.IsDir() && !builder.IgnoredName(e.Name()) {
			plans = append(plans, e.Name())
		}
	}
	if len(plans) != 1 {
		return "", &UsageError{msgWhichPlan}
	}
	return plans[0], nil
}

// loadPlan loads the site and returns the plan, or nil if it has none.
func loadPlan(site fs.FS, name string) *plan.Plan {
	model, _ := builder.LoadAndCheck(site)
	for _, p := range model.Plans {
		if p.Slug == name {
			return p
		}
	}
	return nil
}

// revisionScope is the revisions the document's changes may belong to:
// the plan's, up to the one named; and the id piano.yaml lacks, if any.
func revisionScope(doc *Document, p *plan.Plan, rev string) (*scope, string, error) {
	sc := &scope{doc: doc}
	if p != nil {
		for _, r := range p.Revisioni {
			sc.ids = append(sc.ids, r.ID.S)
			sc.dates = append(sc.dates, r.Data.S)
			if r.ID.S == rev {
				return sc, "", nil
			}
		}
	}
	switch {
	case rev != "":
		if !planNameRe.MatchString(rev) {
			return nil, "", &UsageError{fmt.Sprintf(msgBadRevision, rev)}
		}
		sc.ids = append(sc.ids, rev)
		sc.dates = append(sc.dates, "")
		return sc, rev, nil
	case len(sc.ids) == 0 && (doc.Struck || doc.Tracked):
		return nil, "", &UsageError{msgNeedRevision}
	}
	return sc, "", nil
}

// planWrite writes piano.yaml: a new one, or the existing one with the
// entries it lacks.
func planWrite(opt Options, dir string, existing *plan.Plan, a additions, years map[string]bool, res *Result) error {
	file := path.Join(dir, "piano.yaml")
	src, err := fs.ReadFile(opt.Site, file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		res.Writes = append(res.Writes, Write{Path: file, Data: []byte(newPiano(a, path.Base(opt.Name), years)), Summary: msgNewPiano})
		return nil
	case err != nil:
		return fileErr(msgPianoUnreadable, msgPianoUnreadable)
	case !a.any():
		return nil
	}
	out, err := editPiano(src, a)
	if err != nil {
		return err
	}
	res.Writes = append(res.Writes, Write{Path: file, Data: out, Replace: true, Summary: msgPianoAdded})
	return nil
}

// names lists the paths of the writes, for tests and summaries.
func (r *Result) names() []string {
	var out []string
	for _, w := range r.Writes {
		out = append(out, w.Path)
	}
	slices.Sort(out)
	return out
}

func countErrors(rs []Report) int {
	n := 0
	for _, r := range rs {
		if !r.Warning {
			n++
		}
	}
	return n
}
