package builder

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// The site in several languages, on the bilingual example
// (testdata/plans/g-bilingue) and on copies of it changed by each test.

// bilingualCopy copies the bilingual example into a temporary folder and
// applies edits: a file's new content, "" to remove it.
func bilingualCopy(t *testing.T, edits map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "plans", "g-bilingue"))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "golden")); err != nil {
		t.Fatal(err)
	}
	for name, content := range edits {
		file := filepath.Join(dir, filepath.FromSlash(name))
		var err error
		if content == "" {
			err = os.Remove(file)
		} else if err = os.MkdirAll(filepath.Dir(file), 0o755); err == nil {
			err = os.WriteFile(file, []byte(content), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildDir builds the site in dir; it fails the test on errors.
func buildDir(t *testing.T, dir string) (*Site, Diagnostics) {
	t.Helper()
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes})
	if site == nil {
		t.Fatalf("%s:\n%s", dir, ds.Error())
	}
	return site, ds
}

// editedExample is the bilingual example's file with old replaced by new.
func editedExample(t *testing.T, name, old, new string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "plans", "g-bilingue", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	return strings.Replace(string(b), old, new, 1)
}

var htmlLang = regexp.MustCompile(`<html lang="([a-z]+)">`)

// TestBilingualSite: one tree of pages per language, each page in its
// language, linked to its twin (the switcher and the head's alternate
// links, the sitemap's), the page that chooses the language at the root,
// and no mark of the renderer left in any file.
func TestBilingualSite(t *testing.T) {
	site := buildPlan(t, "g-bilingue")
	pages := map[string]map[string]bool{"it": {}, "de": {}}
	for p := range site.Kinds {
		lang, rest, ok := strings.Cut(p, "/")
		if p == "index.html" {
			if site.Kinds[p] != langsKind {
				t.Errorf("the root's page is a %q page, want the page that chooses the language", site.Kinds[p])
			}
			continue
		}
		if !ok || pages[lang] == nil {
			t.Errorf("%s: a page outside the languages' folders", p)
			continue
		}
		pages[lang][rest] = true
		html := site.Files[p]
		if m := htmlLang.FindSubmatch(html); m == nil || string(m[1]) != lang {
			t.Errorf("%s: <html lang> %q, want %q", p, m, lang)
		}
		for _, other := range []string{"it", "de"} {
			alt := `<link rel="alternate" hreflang="` + other + `" href="https://trasparenza.riochiaro.example.it/` + other + "/"
			if !bytes.Contains(html, []byte(alt)) {
				t.Errorf("%s: no alternate link to the page in %s", p, other)
			}
		}
	}
	for rest := range pages["it"] {
		if !pages["de"][rest] && !strings.Contains(rest, "/indici/") {
			t.Errorf("it/%s has no German twin", rest)
		}
	}
	if len(pages["it"]) < 25 || len(pages["de"]) < 25 {
		t.Errorf("%d Italian and %d German pages", len(pages["it"]), len(pages["de"]))
	}
	for name, b := range site.Files {
		if i := bytes.IndexAny(b, "\x01\x02\x03"); i >= 0 && !strings.HasSuffix(name, ".woff2") && !strings.HasSuffix(name, ".png") {
			t.Errorf("%s holds a mark of the renderer at %d", name, i)
		}
	}
	sheet := string(site.Files["de/piao-2025-2027/operativi/pagamenti/index.html"])
	if !strings.Contains(sheet, `href="../../../../it/piao-2025-2027/operativi/pagamenti/index.html" hreflang="it" lang="it">Italiano</a>`) ||
		!strings.Contains(sheet, `<span lang="de" aria-current="true">Deutsch</span>`) {
		t.Error("the German sheet's switcher does not link its Italian twin, or does not mark German as current")
	}
	sitemap := string(site.Files["sitemap.xml"])
	if strings.Count(sitemap, "<url>") != len(site.Kinds) || !strings.Contains(sitemap, `hreflang="de" href="https://trasparenza.riochiaro.example.it/de/index.html"`) {
		t.Errorf("the sitemap lists %d of %d pages, or not their twins", strings.Count(sitemap, "<url>"), len(site.Kinds))
	}
}

// TestFallbacks: a text and a body that German lacks are shown on the
// German pages in Italian, marked with lang and a class, with the page's
// note; never in the page's title or an attribute; the Italian pages have
// no note. The open data leave the German empty; the German search finds
// the Italian text.
func TestFallbacks(t *testing.T) {
	strade := "content/piao-2025-2027/operativi/strade.yaml"
	dir := bilingualCopy(t, map[string]string{
		"content/piao-2025-2027/operativi/sportello.de.md": "",
		strade: editedExample(t, strade, "  de: Planmäßige Instandhaltung der Gemeindestraßen\n", ""),
	})
	site, ds := buildDir(t, dir)
	if len(ds) != 2 || ds[0].Severity != Warning || ds[1].Severity != Warning {
		t.Fatalf("findings, want two warnings:\n%s", ds.Error())
	}
	const it = "Manutenzione programmata delle strade comunali"
	de := string(site.Files["de/piao-2025-2027/operativi/strade/index.html"])
	marked := `<span lang="it" class="lang-fallback">` + it + `</span>`
	if !strings.Contains(de, "<h1>"+marked+"</h1>") || strings.Count(de, marked) != 5 {
		t.Errorf("the German page does not mark the Italian objective in its h1, breadcrumb, table, copy link and Come citare (%d marks)", strings.Count(de, marked))
	}
	if !strings.Contains(de, "<title>Operatives Ziel: "+it+" - Gemeinde Klarbach</title>") {
		t.Error("the title holds markup, or not the Italian objective")
	}
	note := "Einige Texte dieser Seite liegen auf Deutsch nicht vor und sind auf Italienisch wiedergegeben (kursiv)."
	if strings.Count(de, note) != 1 {
		t.Error("the German page has no note, or more than one")
	}
	body := string(site.Files["de/piao-2025-2027/operativi/sportello/index.html"])
	if !strings.Contains(body, `<div lang="it" class="lang-fallback"><p>Lo sportello è disponibile`) || !strings.Contains(body, note) {
		t.Error("the German page does not mark the Italian body, or has no note")
	}
	for _, p := range []string{"it/piao-2025-2027/operativi/strade/index.html", "de/piao-2025-2027/operativi/pagamenti/index.html"} {
		if bytes.Contains(site.Files[p], []byte("lang-note")) || bytes.Contains(site.Files[p], []byte("lang-fallback")) {
			t.Errorf("%s marks a text it has", p)
		}
	}
	var piano struct {
		Schede []map[string]any `json:"schede"`
	}
	if err := json.Unmarshal(site.Files["it/piao-2025-2027/dati/piano.json"], &piano); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(piano.Schede, func(s map[string]any) bool { return s["scheda"] == "strade" })
	if i < 0 || !equalJSON(piano.Schede[i]["obiettivo_operativo"].(map[string]any)["attuale"], map[string]any{"it": it, "de": ""}) {
		t.Error("piano.json does not leave the German of the objective empty")
	}
	csv := string(site.Files["it/piao-2025-2027/dati/schede.csv"])
	if !strings.Contains(csv, ","+it+",,"+it+",,") {
		t.Error("schede.csv does not leave the German of the objective empty")
	}
	found := false
	for name, b := range site.Files {
		found = found || strings.HasPrefix(name, "de/cerca/dati/") && bytes.Contains(b, []byte(it))
	}
	if !found {
		t.Error("the German search index does not hold the Italian objective")
	}
}

// TestBilingualExports: the JSON of the bilingual example validate against
// their published schemas, and give every text as an object by language;
// the CSV give it a column per language.
func TestBilingualExports(t *testing.T) {
	site := buildPlan(t, "g-bilingue")
	files := map[string][]byte{}
	for name, b := range site.Files {
		if rest, ok := strings.CutPrefix(name, "it/"); ok {
			files[rest] = b
		}
	}
	schemas := exportValidators(t, files)
	n := 0
	for name, b := range files {
		sch := schemas[path.Base(name)]
		if sch == nil || !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, "schema/") {
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s does not validate:\n%v", name, err)
		}
		n++
	}
	if n != 6 {
		t.Errorf("validated %d JSON files, want piano.json, revisioni.json and the 4 sheets'", n)
	}
	var sheet map[string]any
	if err := json.Unmarshal(files["piao-2025-2027/operativi/pagamenti/scheda.json"], &sheet); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"it": "Rispetto dei termini di pagamento delle fatture", "de": "Einhaltung der Zahlungsfristen für Rechnungen"}
	if got := sheet["titolo"]; !equalJSON(got, want) {
		t.Errorf("titolo = %v, want %v", got, want)
	}
	if got := sheet["peso"].(map[string]any)["attuale"]; got != "100%" {
		t.Errorf("a weight is %v, want one text", got)
	}
	header, _, _ := strings.Cut(strings.TrimPrefix(string(files["piao-2025-2027/dati/indicatori.csv"]), utf8BOM), "\r\n")
	for _, col := range []string{"descrizione_it", "descrizione_de", "target_2025_iniziale_de", "pagina_de", "peso", "indicatore"} {
		if !slices.Contains(strings.Split(header, ","), col) {
			t.Errorf("indicatori.csv has no column %s: %s", col, header)
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestBilingualContentSchemas: the bilingual example's YAML validates
// against the JSON Schemas of the content format, which editors use.
func TestBilingualContentSchemas(t *testing.T) {
	c := jsonschema.NewCompiler()
	schemas := map[string]*jsonschema.Schema{}
	for name, b := range SchemaFiles() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err == nil {
			err = c.AddResource("https://piao.invalid/"+name, doc)
		}
		if err == nil {
			schemas[name], err = c.Compile("https://piao.invalid/" + name)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	root := filepath.Join("testdata", "plans", "g-bilingue")
	for file, schema := range map[string]string{
		"config.yaml":                                     "config.schema.json",
		"content/piao-2025-2027/piano.yaml":               "piano.schema.json",
		"content/piao-2025-2027/strategici/linea-1.yaml":  "scheda-strategica.schema.json",
		"content/piao-2025-2027/operativi/pagamenti.yaml": "scheda-operativa.schema.json",
	} {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		if err := schemas[schema].Validate(jsonValue(doc.Content[0])); err != nil {
			t.Errorf("%s does not validate against %s:\n%v", file, schema, err)
		}
	}
	bad := map[string]any{"ente": map[string]any{"nome": map[string]any{"Italiano": "x"}}}
	if schemas["config.schema.json"].Validate(bad) == nil {
		t.Error("the config schema takes a map whose keys are not languages")
	}
}

// jsonValue is a YAML node as JSON holds it, every scalar a string (as
// piao reads it).
func jsonValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = jsonValue(n.Content[i+1])
		}
		return out
	case yaml.SequenceNode:
		out := []any{}
		for _, e := range n.Content {
			out = append(out, jsonValue(e))
		}
		return out
	}
	return n.Value
}

// TestMainAtRoot: with lingua_principale: radice the main language's pages
// and the open data are at the root, as a site of one language has them,
// and the others in their folder.
func TestMainAtRoot(t *testing.T) {
	dir := bilingualCopy(t, map[string]string{"config.yaml": editedExample(t, "config.yaml", "lingue: [it, de]\n", "lingue: [it, de]\nlingua_principale: radice\n")})
	site, _ := buildDir(t, dir)
	for p, lang := range map[string]string{"index.html": "it", "piao-2025-2027/index.html": "it", "de/index.html": "de", "de/piao-2025-2027/index.html": "de"} {
		if m := htmlLang.FindSubmatch(site.Files[p]); m == nil || string(m[1]) != lang {
			t.Errorf("%s: <html lang> %q, want %q", p, m, lang)
		}
	}
	for _, p := range []string{"piao-2025-2027/dati/piano.json", "dati-aperti/catalogo.ttl", "revisioni.xml", "de/revisioni.xml"} {
		if site.Files[p] == nil {
			t.Errorf("no %s", p)
		}
	}
	for p := range site.Files {
		if strings.HasPrefix(p, "it/") {
			t.Errorf("%s: the main language has a folder", p)
		}
	}
	if home := string(site.Files["index.html"]); !strings.Contains(home, `<a href="de/index.html" hreflang="de" lang="de">Deutsch</a>`) {
		t.Error("the home does not link its German twin")
	}
	de := string(site.Files["de/piao-2025-2027/operativi/pagamenti/index.html"])
	if !strings.Contains(de, `href="../../../../piao-2025-2027/operativi/pagamenti/scheda.json"`) {
		t.Error("the German sheet does not link the sheet's JSON in the main language's folder")
	}
}

// TestOneLanguage: a site that lists one language in lingue is the site
// that names it in lingua, byte for byte; a site in German alone has its
// pages at the root, in German, with no switcher.
func TestOneLanguage(t *testing.T) {
	one, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": testFullConfig + "lingua: it\n"}), Themes: piao.Themes})
	listed, ds2 := Build(Input{Site: testSite(map[string]string{"config.yaml": testFullConfig + "lingue: [it]\n"}), Themes: piao.Themes})
	if one == nil || listed == nil {
		t.Fatal(ds.Error(), ds2.Error())
	}
	if !slices.Equal(one.Paths(), listed.Paths()) {
		t.Fatal("lingue: [it] writes other files than lingua: it")
	}
	for _, p := range one.Paths() {
		if !bytes.Equal(one.Files[p], listed.Files[p]) {
			t.Errorf("%s differs between lingua: it and lingue: [it]", p)
		}
	}
	german, ds := Build(Input{Site: testSite(map[string]string{"config.yaml": testFullConfig + "lingua: de\n"}), Themes: piao.Themes})
	if german == nil {
		t.Fatal(ds.Error())
	}
	home := string(german.Files["index.html"])
	if !strings.Contains(home, `<html lang="de">`) || !strings.Contains(home, "Zum Inhalt springen") || strings.Contains(home, "hreflang") {
		t.Error("a German site's home is not in German, or has a switcher")
	}
}

// TestProjectLeavesModel: a language's model is a copy: the model as
// loaded keeps the main language's texts, and the copy's sheets belong to
// its own plans.
func TestProjectLeavesModel(t *testing.T) {
	model, ds := LoadAndCheck(os.DirFS(filepath.Join("testdata", "plans", "g-bilingue")))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	de := project(model, "de", fallbackMarked)
	if de == model || de.Lang != "de" || modelLang(model) != "it" {
		t.Fatal("the German model is not a copy in German")
	}
	s, sde := model.Plans[0].Operational[0], de.Plans[0].Operational[0]
	if s.Obiettivo.S != "Rispetto dei termini di pagamento delle fatture" || sde.Obiettivo.S != "Einhaltung der Zahlungsfristen für Rechnungen" {
		t.Errorf("objectives %q and %q", s.Obiettivo.S, sde.Obiettivo.S)
	}
	if sde.Plan != de.Plans[0] || de.Plans[0].UnitOf(sde) == nil || de.Plans[0].UnitOf(sde).Nome.S != "Finanzdienst" {
		t.Error("the German sheet does not belong to the German plan, or its unit is not German")
	}
	if sde.Obiettivo.Main() != s.Obiettivo.S || de.Config.Percorso[0].Titolo.Main() != "Amministrazione trasparente" {
		t.Error("a German text does not know its main language's")
	}
	if model.Plans[0].Operational[0].Indicatori[0].Target[0].Priors()[0].Valore.S != "≤ 30 giorni" {
		t.Error("projecting changed the model as loaded")
	}
}

// TestHasWords: what is a text in a language, and what is the same in
// every language.
func TestHasWords(t *testing.T) {
	for s, want := range map[string]bool{
		"Interna": true, "Valore assoluto": true, "entro il 30.06": true, "Bolzano": true,
		"SUAP": false, "25%": false, "€ 1.105.500,00": false, "≥ 12": false, "SI": false, "//": false,
		"G/59": false, "2025-01-28": false, "https://www.example.it/privacy": false, "x@pec.example.it": false, "n. 12": false,
	} {
		if got := hasWords(s); got != want {
			t.Errorf("hasWords(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPlurals: counts in the languages whose grammar has more forms.
func TestPlurals(t *testing.T) {
	for lang, want := range map[string][]string{
		"sl": {"0 kazalnikov", "1 kazalnik", "2 kazalnika", "3 kazalniki", "4 kazalniki", "5 kazalnikov", "101 kazalnik", "102 kazalnika"},
		"fr": {"0 indicateur", "1 indicateur", "2 indicateurs", "3 indicateurs", "4 indicateurs", "5 indicateurs", "101 indicateurs", "102 indicateurs"},
		"de": {"0 Indikatoren", "1 Indikator", "2 Indikatoren", "3 Indikatoren", "4 Indikatoren", "5 Indikatoren", "101 Indikatoren", "102 Indikatoren"},
	} {
		w := builtinWords(t, lang)
		for i, n := range []int{0, 1, 2, 3, 4, 5, 101, 102} {
			if got := w.Count("count.indicators", n); got != want[i] {
				t.Errorf("%s: %d → %q, want %q", lang, n, got, want[i])
			}
		}
	}
	fr, de := builtinWords(t, "fr"), builtinWords(t, "de")
	for _, c := range [][2]string{
		{fr.Date("2025-07-01"), "1er juillet 2025"}, {fr.Date("2025-07-15"), "15 juillet 2025"},
		{de.Date("2025-01-28"), "28. Jänner 2025"}, {de.Size(12345), "12,1 kB"}, {builtinWords(t, "en").Size(12345), "12.1 kB"},
	} {
		if c[0] != c[1] {
			t.Errorf("%q, want %q", c[0], c[1])
		}
	}
}

// builtinWords are the built-in theme's words in lang.
func builtinWords(t *testing.T, lang string) *words {
	t.Helper()
	sub, err := fs.Sub(piao.Themes, "themes/default")
	if err != nil {
		t.Fatal(err)
	}
	w, err := loadWords([]fs.FS{sub}, lang)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestForEachLang: forEachLang gives what everyLang yields, in its order
// (the main language's text, then each other one the content gives,
// those equal to the main one left out), and for a text in one language
// allocates nothing.
func TestForEachLang(t *testing.T) {
	main := plan.Text{S: "Obiettivo", Pos: plan.At("a.md", 3, 4)}
	multi := plan.Text{S: "Obiettivo", Pos: main.Pos, Langs: &plan.Langs{Main: main, In: map[string]plan.Text{
		"it": main,
		"sl": {S: "Cilj", Pos: plan.At("a.md", 5, 6)},
		"de": {S: "Ziel", Pos: plan.At("a.md", 4, 6)},
	}}}
	for _, text := range []plan.Text{main, multi, {}} {
		var want, got []plan.Text
		for l := range everyLang(text) {
			want = append(want, l)
		}
		forEachLang(text, func(l plan.Text) { got = append(got, l) })
		if !slices.Equal(got, want) || len(want) != 1+2*btoi(text.Langs != nil) {
			t.Errorf("%q: forEachLang gives %v, everyLang %v", text.S, got, want)
		}
	}
	n := 0
	count := func(plan.Text) { n++ }
	if a := testing.AllocsPerRun(100, func() { forEachLang(main, count) }); a != 0 || n != 101 {
		t.Errorf("a text in one language: %v allocations, %d calls", a, n)
	}
	// The checks of every text of a sheet, as the build runs them: their
	// allocations do not grow with the sheet's texts in one language.
	in := markup.NewInliner()
	allocs := func(texts int) float64 {
		s := &plan.Sheet{Obiettivo: plan.Value{Text: plan.Text{S: "Un obiettivo"}}}
		for range texts {
			s.Indicatori = append(s.Indicatori, plan.Indicator{Descrizione: plan.Value{Text: plan.Text{S: "Un indicatore"}},
				Fonte: plan.Value{Text: plan.Text{S: "Interna"}}})
		}
		c := &checker{ds: &Diagnostics{}}
		v := reflect.ValueOf(s).Elem()
		return testing.AllocsPerRun(20, func() { c.textsOf(v, in); c.personal(s.Obiettivo.Text) })
	}
	if one, many := allocs(1), allocs(200); many > one {
		t.Errorf("checking the texts of a sheet allocates %v times with 2 indicators' texts, %v times with 400", one, many)
	}
}
