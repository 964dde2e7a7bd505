package builder

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/worddiff"
)

// This file prepares what a page shows of revisions: a changed text as a
// word-level difference, what a revision did to a sheet grouped with the
// notes that say why, indicators named by their description, and the
// badges that say what happened. The page methods that return them are in
// view.go.

// revGroupView is a group of a sheet's revision box: the parts of the
// sheet it is about, what changed in them and the notes that explain it
// (plan.Sheet.Explained).
type revGroupView struct {
	Parts     []partView
	Items     []changeItem
	Notes     []plan.RevNote
	Footnotes []*plan.Note // footnotes the revision added that say why
	Why       bool         // a note gives a cause, or a footnote explains
}

// partView is the sheet itself, or one of its indicators, as a group's
// heading names it.
type partView struct {
	Sheet          bool
	Name           string // "Indicatore 2" and the indicator's short name
	Number         int
	Short          string
	URL            string
	Removed, Added bool
}

// changeItem is one change of a group, ready to show: its field's label,
// and the word-level difference of a text that allows one.
type changeItem struct {
	plan.Change
	Label string
	Diff  []worddiff.Span
	// Part names the indicator the change belongs to, in a group about
	// several parts ("" in a group about one).
	Part, PartURL string
}

// revisionGroups prepares what revision id did to sheet s, part by part.
func (pg *page) revisionGroups(s *plan.Sheet, id string) []revGroupView {
	var out []revGroupView
	for _, g := range s.Explained(id) {
		v := revGroupView{Notes: g.Notes, Footnotes: g.Footnotes, Why: len(g.Footnotes) > 0}
		for _, ind := range g.Parts {
			v.Parts = append(v.Parts, pg.part(s, ind))
		}
		var years []string // of the last item, when it is the same change of several years
		for _, c := range g.Changes {
			if n := len(v.Items); n > 0 && sameChange(v.Items[n-1].Change, c) {
				years = append(years, c.Field.Value.Anno)
				v.Items[n-1].Label = pg.r.words.T(fieldKey(c.Field.Spec), "year", pg.r.words.List(years))
				continue
			}
			years = []string{c.Field.Value.Anno}
			it := changeItem{Change: c}
			if c.Kind == plan.Modified {
				it.Label = pg.FieldLabel(c.Field)
				it.Diff = pg.diff(c.Old, c.New)
			}
			if len(g.Parts) > 1 && c.Indicator != nil {
				p := pg.part(s, c.Indicator)
				it.Part, it.PartURL = p.Name, p.URL
			}
			v.Items = append(v.Items, it)
		}
		for _, n := range g.Notes {
			v.Why = v.Why || strings.TrimSpace(n.Causa.S) != ""
		}
		out = append(out, v)
	}
	return out
}

// sameChange reports whether c changes another year of the per-year
// field prev changed, from and to the same values: one item says both.
func sameChange(prev, c plan.Change) bool {
	return prev.Kind == plan.Modified && c.Kind == plan.Modified && c.Field.Spec != nil && c.Field.PerYear &&
		prev.Field.Spec == c.Field.Spec && prev.Indicator == c.Indicator && prev.Old == c.Old && prev.New == c.New
}

// part names a part of sheet s: the sheet itself when ind is nil.
func (pg *page) part(s *plan.Sheet, ind *plan.Indicator) partView {
	if ind == nil {
		return partView{Sheet: true, URL: pg.SheetURL(s)}
	}
	n := pg.IndicatorNumber(s, ind)
	short, _ := pg.shortName(ind.Descrizione.S)
	return partView{Number: n, Short: short, Name: pg.r.words.T("indicator.number", "n", n),
		URL: pg.IndicatorURL(s, ind), Removed: ind.Removed(), Added: ind.Added()}
}

// diff is the word-level difference from one text to the next, in the
// page's language, or nil when the values are short or too different for
// one to help. On a page of another language, a text the content gives
// only in the main language (marked: langs.go) has none: the page shows
// both values whole, each marked with its language.
//
// A change is shown on many pages (at 10,000 sheets, 21,546 differences
// asked for 1,836 changes: the sheet's page, the whole plan, the act's
// page, the revisions…): each renderer works one out once (diffs). The
// spans are shared, and read only.
func (pg *page) diff(before, after string) []worddiff.Span {
	if before == "//" || after == "//" || strings.Contains(before, fallbackOpen) || strings.Contains(after, fallbackOpen) {
		return nil
	}
	key, memo := diffKey{before, after}, pg.r.diffs
	if memo != nil {
		if spans, ok := memo.Load(key); ok {
			return spans.([]worddiff.Span)
		}
	}
	w := pg.r.words
	spans, ok := worddiff.Diff(w.Plain(before), w.Plain(after))
	if !ok {
		spans = nil
	}
	if memo != nil {
		memo.Store(key, spans)
	}
	return spans
}

// diffKey is a change's texts, before and after: the key of a renderer's
// memo of differences.
type diffKey struct{ before, after string }

// shortName is shortName of the plain text of an indicator's description,
// kept by the renderer (names): a description is shortened on its sheet's
// page, on the whole plan's, on the "as approved" page and where a
// revision lists it, and many indicators share one.
func (pg *page) shortName(desc string) (string, bool) {
	memo := pg.r.names
	if memo != nil {
		if v, ok := memo.Load(desc); ok {
			n := v.(shortened)
			return n.name, n.cut
		}
	}
	name, cut := shortName(pg.r.words.Plain(desc))
	if memo != nil {
		memo.Store(desc, shortened{name, cut})
	}
	return name, cut
}

// shortened is what shortName gives, as the renderer keeps it.
type shortened struct {
	name string
	cut  bool
}

// maxName is the longest indicator name a heading shows, in characters.
const maxName = 90

// shortName shortens an indicator's description for a heading: whole if
// short, else cut at a space before maxName characters, without a word
// like "di" or a sign left hanging at the end and without an unclosed
// bracket or quote, marked with "…". cut reports whether it shortened.
func shortName(s string) (name string, cut bool) {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= maxName {
		return s, false
	}
	rs := []rune(s)
	end := maxName
	for end > maxName/2 && rs[end] != ' ' {
		end--
	}
	if end == maxName/2 { // one long word: cut it
		end = maxName
	}
	words := strings.Fields(string(rs[:end]))
	for len(words) > 3 {
		last := strings.ToLower(words[len(words)-1])
		if !hanging[last] && strings.IndexFunc(last, isWordRune) >= 0 {
			break
		}
		words = words[:len(words)-1]
	}
	out := strings.Join(words, " ")
	if i := unclosed(out); i > len(out)/2 {
		out = strings.TrimRightFunc(out[:i], func(r rune) bool { return r == ' ' || !isWordRune(r) })
	}
	out = strings.TrimRightFunc(out, func(r rune) bool { return !isWordRune(r) && r != ')' && r != '"' && r != '»' }) + "…"
	return out + closers(out), true
}

// oneLine is strings.Join(strings.Fields(s), " "): s with its spaces
// trimmed and each run of them made one space; s itself, not a copy,
// when it is so already, as nearly every title and description is (two
// copies of each, on every page).
func oneLine(s string) string {
	space := true // a space here would be leading
	for _, r := range s {
		switch {
		case r == ' ' && !space:
			space = true
		case unicode.IsSpace(r):
			return strings.Join(strings.Fields(s), " ")
		default:
			space = false
		}
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// closers closes, in order, the brackets and quotes that s leaves open.
func closers(s string) string {
	var open []rune
	for _, r := range s {
		switch r {
		case '(', '[', '«':
			open = append(open, r)
		case ')', ']', '»':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case '"':
			if len(open) > 0 && open[len(open)-1] == '"' {
				open = open[:len(open)-1]
			} else {
				open = append(open, r)
			}
		}
	}
	pair := map[rune]rune{'(': ')', '[': ']', '«': '»', '"': '"'}
	var b strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		b.WriteRune(pair[open[i]])
	}
	return b.String()
}

// hanging are the words a shortened name does not end on.
var hanging = map[string]bool{}

func init() {
	for _, w := range strings.Fields("a ad al alla alle allo ai agli all' con col da dal dalla dalle dai dagli dall' " +
		"di del della delle dello dei degli dell' e ed o od in nel nella nelle nei negli nell' per su sul sulla " +
		"sulle sui tra fra il lo la le i gli l' un uno una un' che come - – —") {
		hanging[w] = true
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// unclosed is where the last bracket or quote that s opens and does not
// close starts, or -1.
func unclosed(s string) int {
	var open []int
	quote := -1
	for i, r := range s {
		switch r {
		case '(', '«', '[':
			open = append(open, i)
		case ')', '»', ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case '"':
			if quote >= 0 {
				quote = -1
			} else {
				quote = i
			}
		}
	}
	last := quote
	if len(open) > 0 && open[len(open)-1] > last {
		last = open[len(open)-1]
	}
	return last
}

// badgeView is a badge as a page shows it.
type badgeView struct {
	Key, Label string
	// State: the thing listed was itself added or removed (shown as its
	// status), not changed.
	State bool
}

// badgeList names the badges of a sheet, or of an indicator when
// indicator is true, in the words w.
func badgeList(w *words, bs []plan.Badge, indicator bool) []badgeView {
	out := make([]badgeView, len(bs))
	for i, b := range bs {
		state := b == plan.BadgeSheetAdded || b == plan.BadgeSheetRemoved
		if indicator {
			state = b == plan.BadgeIndicatorAdded || b == plan.BadgeIndicatorRemoved
		}
		out[i] = badgeView{Key: b.Key(), Label: w.T("badge." + b.Key()), State: state}
	}
	return out
}

// noteRef is the footnote a marker points to: the marker, the anchor of
// the footnote on its sheet's page, the link to it from the page, and its
// text, without Markdown.
type noteRef struct{ Marker, ID, URL, Text string }

// noteID is the anchor of footnote n (from 1) of a sheet (ind nil) or of
// an indicator.
func noteID(ind *plan.Indicator, n int) string {
	if ind == nil {
		return "nota-" + strconv.Itoa(n)
	}
	return IndicatorAnchor(ind) + "-nota-" + strconv.Itoa(n)
}

// noteRef finds the footnote marker points to: the indicator's first,
// then the sheet's, among those shown on the page.
func (pg *page) noteRef(marker string, s *plan.Sheet, ind *plan.Indicator) *noteRef {
	if marker == "" {
		return nil
	}
	find := func(notes []plan.Note, ind *plan.Indicator) *noteRef {
		for i, n := range notes {
			if pg.ShownNote(n) && n.Rimando.S == marker {
				id := noteID(ind, i+1)
				url := "#" + id
				if pg.Sheet != s {
					url = pg.Rel(sheetPath(s) + url)
				}
				return &noteRef{Marker: marker, ID: id, URL: url, Text: pg.r.words.Plain(n.Testo.S)}
			}
		}
		return nil
	}
	if ind != nil {
		if r := find(ind.Note, ind); r != nil {
			return r
		}
	}
	return find(s.Note, nil)
}
