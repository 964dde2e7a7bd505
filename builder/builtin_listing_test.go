package builder

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// TestBuiltinListingPartialsCalled: the listing partials in Go write what
// their templates write for what no index of the example plans gives (a
// group's note within a group, a group that lists no sheet, texts with
// what HTML escapes, badges of both kinds on an item that names its
// sheet), with the theme's words and with words that end in what HTML
// escapes; and they, and the sheet page's main in Go, refuse arguments
// they do not know.
func TestBuiltinListingPartialsCalled(t *testing.T) {
	_, pages := loaded(t, "testdata/plans/f-ciclo", false)
	var pg *page
	for _, name := range pages.Paths() {
		if p := pages.pages[name]; p != nil && p.Kind == "listing" {
			pg = p
			break
		}
	}
	if pg == nil {
		t.Fatal("no index page")
	}
	pg.r = pages.r
	goR := pg.r
	tmplR := *goR
	if err := tmplR.parseLayouts(&theme{fs: goR.theme, words: goR.words}); err != nil {
		t.Fatal(err)
	}
	var s *plan.Sheet
	var ind *plan.Indicator
	for _, sh := range pg.Plan.Sheets() {
		if len(sh.Indicators()) > 0 && sh.Codice.S != "" {
			s, ind = sh, sh.Indicators()[0]
			break
		}
	}
	if s == nil {
		t.Fatal("no sheet with a code and an indicator")
	}
	hostileText := `<b>'a'</b> & "b" +1`
	hostileInd := *ind
	hostileInd.Descrizione = plan.Value{Text: plan.Text{S: hostileText + " _em_"}}
	removed, added := *ind, *ind
	removed.Stralcio, added.Inserito = plan.Text{S: "r1"}, plan.Text{S: "r1"}
	badges := []badgeView{{Label: hostileText}, {Label: "tolto", State: true}}
	items := []listItem{
		{Sheet: s, Ind: &hostileInd, SheetName: hostileText, Note: hostileText, Badges: badges},
		{Sheet: s, Ind: &removed}, {Sheet: s, Ind: &added, SheetName: "x"},
	}
	noted := &listGroup{ID: "g", Title: hostileText, words: goR.words, more: &groupMore{note: hostileText, link: "a b/<c>.html", items: items}}
	sheetGroup := &listGroup{ID: "s", Title: "t", Sheet: s, words: goR.words}
	empty := &listGroup{ID: "e", Title: hostileText, words: goR.words}
	top := &listGroup{ID: "t", Title: "top", words: goR.words, Groups: []*listGroup{noted, sheetGroup, empty}}
	hostile := hostileWords(t, goR)
	for _, c := range []struct {
		name string
		args any
	}{
		{"lbody", dict2(t, "P", pg, "G", top)},
		{"lbody", dict2(t, "P", pg, "G", noted)},
		{"lbody", dict2(t, "P", pg, "G", empty)},
		{"lbody", dict2(t, "P", pg, "G", sheetGroup)},
		{"lbody", dict2(t, "P", pg, "G", (*listGroup)(nil))},
		{"ltitle", dict2(t, "P", pg, "G", noted)},
		{"ltitle", dict2(t, "P", pg, "G", empty)},
		{"ltitle", dict2(t, "P", pg, "G", sheetGroup)},
		{"ltitle", dict2(t, "P", pg, "G", (*listGroup)(nil))},
		{"sheetlink", dict2(t, "P", pg, "S", s)},
		{"badges", badges},
		{"badges", []badgeView(nil)},
	} {
		for _, r := range [][2]*renderer{{goR, &tmplR}, hostile} {
			var inGo, byTemplate bytes.Buffer
			if err := r[0].tmpl["listing"].ExecuteTemplate(&inGo, c.name, c.args); err != nil {
				t.Fatal(err)
			}
			if err := r[1].tmpl["listing"].ExecuteTemplate(&byTemplate, c.name, c.args); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(inGo.Bytes(), byTemplate.Bytes()) {
				t.Errorf("%s %v: differs\n%s", c.name, c.args, firstDiff(byTemplate.Bytes(), inGo.Bytes()))
			}
			if inGo.Len() == 0 && c.name != "lbody" && c.name != "ltitle" && c.args != nil {
				if b, ok := c.args.([]badgeView); !ok || len(b) > 0 {
					t.Errorf("%s %v: nothing written", c.name, c.args)
				}
			}
		}
	}
	for name, call := range map[string]func() (template.HTML, error){
		"lbody":                          func() (template.HTML, error) { _, err := goR.lbodyHTML(dict2(t, "P", pg, "G", s)); return "", err },
		"lbody P":                        func() (template.HTML, error) { _, err := goR.lbodyHTML(dict2(t, "G", top)); return "", err },
		"ltitle":                         func() (template.HTML, error) { return goR.ltitleHTML(dict2(t, "P", "p", "G", top)) },
		"sheetlink":                      func() (template.HTML, error) { return goR.sheetlinkHTML(dict2(t, "P", pg, "S", ind)) },
		"main":                           func() (template.HTML, error) { return goR.sheetMainHTML(nil) },
		"main of a page without a sheet": func() (template.HTML, error) { return goR.sheetMainHTML(pg) },
	} {
		if h, err := call(); err == nil {
			t.Errorf("%s: no error, %q", name, h)
		}
	}
}

// TestChunkedParts: a chunked partial gives the template parts of about
// chunkBytes, cut only where the writer allows it, which together are
// what it wrote; a template that stops ranging gets nothing more, and a
// writer that never reaches chunkBytes gives one part (none when it wrote
// nothing).
func TestChunkedParts(t *testing.T) {
	r := &renderer{words: &words{}}
	row := strings.Repeat("x", 1000) + "\n"
	write := func(n int) func(w *partialWriter) {
		return func(w *partialWriter) {
			for i := range n {
				w.raw(row[:500])
				w.raw(strconv.Itoa(i)) // a cut falls between rows only
				w.raw(row[500:])
				w.cutHere()
			}
		}
	}
	var parts []string
	for part := range r.chunked(write(200)) {
		// A part is the writer's buffer, valid until the next is asked
		// for: kept, it is copied, as the template copies it into the page.
		parts = append(parts, strings.Clone(string(part)))
	}
	var want strings.Builder
	for i := range 200 {
		want.WriteString(row[:500] + strconv.Itoa(i) + row[500:])
	}
	if got := strings.Join(parts, ""); got != want.String() {
		t.Fatalf("the parts joined are %d bytes, not the %d written", len(got), want.Len())
	}
	if len(parts) < 200*1000/chunkBytes {
		t.Fatalf("%d parts for %d bytes", len(parts), want.Len())
	}
	for i, p := range parts {
		if !strings.HasSuffix(p, "\n") {
			t.Errorf("part %d cut within a row", i)
		}
		if i < len(parts)-1 && (len(p) < chunkBytes || len(p) > chunkBytes+len(row)+3) {
			t.Errorf("part %d is %d bytes", i, len(p))
		}
	}
	n := 0
	for range r.chunked(write(200)) {
		if n++; n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("%d parts ranged, 2 wanted", n)
	}
	for _, c := range []struct{ rows, parts int }{{0, 0}, {1, 1}, {chunkBytes / len(row), 1}} {
		got := 0
		for range r.chunked(write(c.rows)) {
			got++
		}
		if got != c.parts {
			t.Errorf("%d rows: %d parts, %d wanted", c.rows, got, c.parts)
		}
	}
}
