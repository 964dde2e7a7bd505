package builder

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/internal/synth"
)

// sectionSite is the test site with narrative sections: one amended by
// revision r1 (a passage replaced, one added, one removed), one added by
// it, one without a number, and the sheet's text linking to a section.
func sectionSite(t *testing.T) *Site {
	t.Helper()
	in := sectionInput(t)
	site, ds := Build(in)
	if site == nil {
		t.Fatal(ds.Error())
	}
	return site
}

// sectionInput is the input of sectionSite.
func sectionInput(t *testing.T) Input {
	t.Helper()
	sheet := strings.TrimSuffix(testSheet, "\n")
	files := map[string]string{
		"content/p/sezioni/03-lavoro-agile.md": `---
titolo: Lavoro agile
modifiche:
  - {revisione: r1, testo: "due giorni a settimana", precedente: "un giorno a settimana"}
  - {revisione: r1, testo: "anche per il personale a tempo parziale"}
  - {revisione: r1, precedente: "Il regolamento sarà rivisto nel 2025."}
---
## Regole

Il lavoro agile è ammesso per **due giorni a settimana**, anche per il personale a tempo parziale.

| Profilo | Giorni |
|---|---|
| Tutti | 2 |

Si veda la [scheda](scheda:uno) e il suo [](scheda:uno#i1)[^1].

[^1]: Nota della sezione.
`,
		"content/p/sezioni/1-anagrafica.md": "---\ntitolo: Scheda anagrafica\n---\nL'ente e i suoi dati.\n",
		"content/p/sezioni/parita.md":       "---\ntitolo: Parità di genere\ninserita: r1\n---\nIl piano per la parità di genere.\n",
		"content/p/sezioni/02-valore.md":    "---\ntitolo: Valore pubblico\nordine: 9\n---\nIl valore pubblico.\n",
		"content/p/operativi/uno.md":        "---\n" + sheet + "\n---\nCome dice la sezione [](sezione:lavoro-agile).\n",
		"content/p/operativi/uno.yaml":      "",
	}
	in := Input{Site: testSite(files), Themes: piao.Themes}
	if ds := Check(in); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	return in
}

// TestSectionsArchived: a snapshot of the plan holds its sections, the
// whole plan with its print style sheet, the revisions' pages and the
// sections' open data; its pages name no address of the current site as
// their own.
func TestSectionsArchived(t *testing.T) {
	snap, ds := NewSnapshot(sectionInput(t), SnapshotOptions{Plan: "p", Version: "test"})
	if snap == nil {
		t.Fatal(ds.Error())
	}
	for _, f := range []string{"p/sezioni/lavoro-agile/index.html", "p/completo/index.html", "p/completo/stampa.css",
		"p/revisioni/r1/index.html", "p/dati/sezioni.json", "p/dati/sezioni/lavoro-agile.txt", "p/dati/revisioni.json", "assets/js/piao.js"} {
		if snap.Files[f] == nil {
			t.Errorf("the snapshot lacks %s", f)
		}
	}
	for f, b := range snap.Files {
		if strings.Contains(string(b), `rel="canonical"`) || strings.Contains(string(b), `property="og:url"`) {
			t.Errorf("archived %s names the current page's address as its own", f)
		}
	}
}

// TestSectionsOrderAndPages: sections come in the order of their number,
// or of ordine, then those without either by name; the address leaves
// the number out; each has its page, in the plan's navigation.
func TestSectionsOrderAndPages(t *testing.T) {
	site := sectionSite(t)
	p := site.Model.Plans[0]
	var order []string
	for _, s := range p.Sezioni {
		order = append(order, s.Slug)
	}
	if got := strings.Join(order, ","); got != "anagrafica,lavoro-agile,valore,parita" {
		t.Errorf("sections in order %s, want anagrafica,lavoro-agile,valore,parita", got)
	}
	for _, slug := range order {
		if site.Kinds["p/sezioni/"+slug+"/index.html"] != "narrative" {
			t.Errorf("no page for section %s", slug)
		}
	}
	planPage := string(site.Files["p/index.html"])
	if i, j := strings.Index(planPage, "Scheda anagrafica"), strings.Index(planPage, "Parità di genere"); i < 0 || j < i {
		t.Errorf("the plan's page does not list the sections in order")
	}
	if !strings.Contains(planPage, `href="completo/index.html"`) {
		t.Error("the plan's page does not link the whole plan")
	}
}

// TestSectionRevisionMarks: a passage a revision replaced shows the text
// it replaced struck out and the one in force inserted, with their words;
// an added passage is inserted; a removed one is in the notice; a section
// the revision added says so.
func TestSectionRevisionMarks(t *testing.T) {
	site := sectionSite(t)
	page := string(site.Files["p/sezioni/lavoro-agile/index.html"])
	for _, want := range []string{
		`<strong><del><span class="rev-tag" aria-hidden="true">prima</span><span class="sr-only">valore precedente: </span>un giorno a settimana</del> <ins><span class="rev-tag" aria-hidden="true">ora</span><span class="sr-only">valore attuale: </span>due giorni a settimana</ins></strong>`,
		`<ins><span class="rev-tag" aria-hidden="true">aggiunto</span><span class="sr-only">testo aggiunto dalla revisione: </span>anche per il personale a tempo parziale</ins>`,
		`Passaggio tolto: «<del>Il regolamento sarà rivisto nel 2025.</del>»`,
		`<h2>Regole</h2>`, `<table>`, `id="fn:1"`,
		`<a href="../../operativi/uno/index.html">scheda</a>`, `<a href="../../operativi/uno/index.html#ind-i1">Indicatore</a>`,
		`Come citare:`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the section's page lacks %s", want)
		}
	}
	added := string(site.Files["p/sezioni/parita/index.html"])
	if !strings.Contains(added, "Sezione inserita") || !strings.Contains(added, "revisione del 12 settembre 2024") {
		t.Error("the section a revision added does not say so")
	}
	sheet := string(site.Files["p/operativi/uno/index.html"])
	if !strings.Contains(sheet, `<a href="../../sezioni/lavoro-agile/index.html">Lavoro agile</a>`) {
		t.Error("the sheet's link to a section is not resolved with the section's title")
	}
	rev := string(site.Files["p/revisioni/r1/index.html"])
	if !strings.Contains(rev, "3 passaggi modificati") || !strings.Contains(rev, "2 sezioni del piano modificate") {
		t.Errorf("the revision's page does not count the sections it changed")
	}
}

// TestFullPlanPage: the whole plan holds every section and every sheet, in
// order, after a table of contents that links them; its short links lead
// to their places in the page, and its ids are unique.
func TestFullPlanPage(t *testing.T) {
	site := sectionSite(t)
	page := string(site.Files["p/completo/index.html"])
	last := 0
	for _, id := range []string{"sezione-anagrafica", "sezione-lavoro-agile", "sezione-valore", "sezione-parita", "scheda-operativi-uno"} {
		at := strings.Index(page, `id="`+id+`"`)
		if at < last || !strings.Contains(page, `href="#`+id+`"`) {
			t.Errorf("%s is not in order, or not in the contents", id)
		}
		last = at
	}
	for _, want := range []string{`href="#scheda-operativi-uno">scheda</a>`, `href="#scheda-operativi-uno-ind-i1">Indicatore</a>`,
		`href="#sezione-lavoro-agile">Lavoro agile</a>`, `id="sezione-lavoro-agile-fn:1"`, `<h4>Regole</h4>`, // under the section's h3
		`<link rel="stylesheet" href="stampa.css">`, "Il piano come modificato dall'ultima revisione"} {
		if !strings.Contains(page, want) {
			t.Errorf("the whole plan lacks %s", want)
		}
	}
	ids := map[string]bool{}
	for _, m := range strings.Split(page, ` id="`)[1:] {
		id, _, _ := strings.Cut(m, `"`)
		if ids[id] {
			t.Errorf("id %q twice on the whole plan's page", id)
		}
		ids[id] = true
	}
	css := string(site.Files["p/completo/stampa.css"])
	if !strings.Contains(css, "@top-left") || !strings.Contains(css, `counter(page)`) || !strings.Contains(css, "counter(pages)") {
		t.Errorf("stampa.css: %s", css)
	}
}

// TestSectionData: the open data give each section as Markdown (short
// links made addresses) and as plain text, and all of them in
// sezioni.json; the search finds a section by words only its text has.
func TestSectionData(t *testing.T) {
	site := sectionSite(t)
	var data sectionsJSON
	if err := json.Unmarshal(site.Files["p/dati/sezioni.json"], &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Sezioni) != 4 || data.Sezioni[1].Sezione != "lavoro-agile" || len(data.Sezioni[1].Modifiche) != 3 || data.Sezioni[3].InseritaDa != "r1" {
		t.Fatalf("sezioni.json: %+v", data.Sezioni)
	}
	md := string(site.Files["p/dati/sezioni/lavoro-agile.md"])
	if !strings.HasPrefix(md, "# Lavoro agile\n\n## Regole") || !strings.Contains(md, "[scheda](https://trasparenza.example.it/p/operativi/uno/index.html)") {
		t.Errorf("lavoro-agile.md:\n%s", md)
	}
	txt := string(site.Files["p/dati/sezioni/lavoro-agile.txt"])
	if !strings.Contains(txt, "Profilo | Giorni\nTutti | 2") || !strings.Contains(txt, "[1] Nota della sezione.") || strings.Contains(txt, "**") {
		t.Errorf("lavoro-agile.txt:\n%s", txt)
	}
	ix := buildSearchIndex(site.Model, italian(t))
	const url = "p/sezioni/lavoro-agile/index.html"
	if got := docsOf(ix, "agil")[levels-weightTitle]; len(got) != 1 || got[0] != url {
		t.Errorf("the section's title reaches %v, want %s", got, url)
	}
	if got := docsOf(ix, "parzial")[levels-weightField]; len(got) != 1 || got[0] != url {
		t.Errorf("a word of the section's text reaches %v, want %s", got, url)
	}
	if got := docsOf(ix, "regolament")[levels-weightHistory]; len(got) != 1 || got[0] != url {
		t.Errorf("a word of the text a revision replaced reaches %v, want %s as history", got, url)
	}
	for _, id := range ix.facets[kindFacet(docSection)] {
		if ix.docs[id].Kind != docSection {
			t.Errorf("the sections' facet holds %s", ix.docs[id].URL)
		}
	}
}

// TestFullPlanParts: a plan of more than fullPlanInline sheets gets a
// first page with its contents and the list of its parts, and a page per
// part of at most fullPlanPart sheets; every sheet is in one part, once,
// in the plan's order.
func TestFullPlanParts(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(dir, fullPlanInline+fullPlanPart+10, 1); err != nil {
		t.Fatal(err)
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	p := site.Model.Plans[0]
	sheets := p.Sheets()
	parts := (len(sheets) + fullPlanPart - 1) / fullPlanPart
	first := string(site.Files[fullPlanPath(p)])
	if strings.Contains(first, `class="full-item full-sheet`) || strings.Count(first, `href="parte-`) != parts {
		t.Errorf("the first page holds sheets, or does not list its %d parts", parts)
	}
	seen := 0
	for i := 1; i <= parts; i++ {
		page := string(site.Files[fullPlanPartPath(p, i)])
		if site.Kinds[fullPlanPartPath(p, i)] != "fullplan" || !strings.Contains(page, fmt.Sprintf("parte %d di %d", i, parts)) ||
			!strings.Contains(page, `href="../stampa.css"`) || !strings.Contains(page, `href="../index.html">prima pagina`) {
			t.Errorf("part %d: not a page of the whole plan that says which part it is", i)
		}
		for _, s := range sheets[(i-1)*fullPlanPart : min(i*fullPlanPart, len(sheets))] {
			if !strings.Contains(page, `id="`+sheetAnchorOf(s)+`"`) {
				t.Errorf("part %d lacks %s", i, s.Slug)
			}
			seen++
		}
		if n := strings.Count(page, `class="full-item full-sheet`); n > fullPlanPart {
			t.Errorf("part %d holds %d sheets", i, n)
		}
	}
	if seen != len(sheets) {
		t.Errorf("the parts hold %d sheets of %d", seen, len(sheets))
	}
}

func sheetAnchorOf(s *plan.Sheet) string { return "scheda-" + sheetDir[s.Kind] + "-" + slug(s.Slug) }

// TestFullPlanSizes: one page up to fullPlanInline sheets, parts up to
// fullPlanMax, beyond that the first page alone, with the sections.
func TestFullPlanSizes(t *testing.T) {
	w := italian(t)
	for _, c := range []struct{ sheets, pages int }{{1, 1}, {fullPlanInline, 1}, {fullPlanInline + 1, 3}, {fullPlanMax, 9}, {fullPlanMax + 1, 1}} {
		p := &plan.Plan{Slug: "p", Sezioni: []*plan.Section{{Slug: "premesse"}}}
		for i := range c.sheets {
			p.Operational = append(p.Operational, &plan.Sheet{Kind: plan.Operational, Slug: fmt.Sprint("s", i), Plan: p})
		}
		pages := fullPlanPages(p, w)
		if len(pages) != c.pages {
			t.Errorf("%d sheets: %d pages of the whole plan, want %d", c.sheets, len(pages), c.pages)
			continue
		}
		shown := 0
		for _, pg := range pages {
			pg.Plan, pg.r = p, &renderer{} // a site of one language: links as they are
			v := pg.FullPlan()
			shown += len(v.Operational)
			if v.TooLong != (c.sheets > fullPlanMax) || (pg.Part == 0) != (len(v.Sections) == 1) {
				t.Errorf("%d sheets, part %d: too long %v, %d sections", c.sheets, pg.Part, v.TooLong, len(v.Sections))
			}
		}
		if want := c.sheets; c.sheets > fullPlanMax {
			if shown != 0 {
				t.Errorf("%d sheets: the whole plan shows %d of them", c.sheets, shown)
			}
		} else if shown != want {
			t.Errorf("%d sheets: the whole plan shows %d", c.sheets, shown)
		}
	}
}
