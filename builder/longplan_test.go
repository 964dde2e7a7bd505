package builder

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// TestLongPlanPages: in a plan of more than longPlan sheets, the home and
// plan pages count each objective's operational sheets instead of linking
// every sheet, the organisational indexes link sheets without repeating
// their indicators, and a long revision index gets a page per unit, none
// per sheet; every revised indicator is still listed on the page of its
// sheet's unit.
func TestLongPlanPages(t *testing.T) {
	site, ds := Build(Input{Site: os.DirFS(synthDir(t, 1000)), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	p := site.Model.Plans[0]
	if n := len(p.Strategic) + len(p.Operational); n <= longPlan {
		t.Fatalf("%d sheets: not a long plan", n)
	}
	sheetLink := regexp.MustCompile(`href="[^"]*/operativi/[^"]+"`)
	for _, name := range []string{homePath(), planPath(p)} {
		page := string(site.Files[name])
		if links := sheetLink.FindAllString(page, -1); len(links) > 0 {
			t.Errorf("%s links %d operational sheets, e.g. %s; want counts", name, len(links), links[0])
		}
		for _, l := range p.Linee {
			for _, o := range l.Obiettivi {
				want := italian(t).Count("count.operationalSheets", len(p.SheetsOfObjective(o.Key())))
				if !strings.Contains(page, strings.ReplaceAll(o.Nome.S, "'", "&#39;")+` <span class="count">(`+want+`)</span>`) {
					t.Errorf("%s: objective %s does not say %q", name, o.Codice.S, want)
				}
			}
		}
	}
	for _, key := range []string{"unita", "aree", "linee"} {
		for name, b := range site.Files {
			if strings.HasPrefix(name, strings.TrimSuffix(listingPath(p, key), indexFile)) && strings.Contains(string(b), "#ind-") {
				t.Errorf("%s repeats the indicators of its sheets", name)
			}
		}
	}
	rev := p.Revisioni[0]
	revDir := strings.TrimSuffix(listingPath(p, "revisione-"+slug(rev.ID.S)), indexFile)
	listed := map[string]string{} // indicator link → the index page listing it
	parts := 0
	for name, b := range site.Files {
		if !strings.HasPrefix(name, revDir) || name == revDir+indexFile {
			continue
		}
		parts++
		if !strings.HasPrefix(name, revDir+"u-") && !strings.HasPrefix(name, revDir+"strategici/") {
			t.Errorf("revision index page %s: not a unit's", name)
		}
		for _, m := range regexp.MustCompile(`href="\.\./\.\./\.\./((?:operativi|strategici)/[^"#]+/index\.html#ind-[^"]+)"`).FindAllStringSubmatch(string(b), -1) {
			listed[m[1]] = name
		}
	}
	if parts == 0 || parts > len(p.Aree)*20 {
		t.Errorf("the revision index has %d pages, want one per unit", parts)
	}
	for _, s := range p.Sheets() {
		for _, c := range s.Changes(rev.ID.S) {
			if c.Indicator == nil {
				continue
			}
			link := strings.TrimPrefix(sheetPath(s), p.Slug+"/") + "#" + IndicatorAnchor(c.Indicator)
			page, ok := listed[link]
			if !ok {
				t.Errorf("revised indicator %s is in no revision index page", link)
				continue
			}
			if s.Kind != 0 && !strings.Contains(page, "/u-"+slug(s.Unita.S)+"/") {
				t.Errorf("revised indicator %s is listed on %s, not on its unit's page", link, page)
			}
		}
	}
}
