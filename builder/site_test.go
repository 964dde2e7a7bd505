package builder

import (
	"bytes"
	"flag"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func buildExample(t *testing.T, minify bool) *Site {
	t.Helper()
	site, ds := Build(Input{Site: os.DirFS(".."), Themes: piao.Themes, Minify: minify})
	if site == nil {
		t.Fatalf("build failed:\n%s", ds.Error())
	}
	return site
}

// goldenPages are the example pages kept as golden copies: one of each kind.
var goldenPages = []string{
	"index.html",
	"amministrazione-trasparente/index.html",
	"piao-2024-2026/index.html",
	"piao-2024-2026/revisioni/index.html",
	"piao-2024-2026/revisioni/rev-2024-09/index.html",
	"piao-2024-2026/sezioni/dispositivo/index.html",
	"piao-2024-2026/completo/index.html",
	"piao-2024-2026/strategici/linea-1/index.html",
	"piao-2024-2026/strategici/linea-3/index.html",
	"piao-2024-2026/operativi/metrologia-convenzioni/index.html",
	"piao-2024-2026/operativi/metrologia-convenzioni/originale/index.html",
	"piao-2024-2026/operativi/registro-imprese/index.html",
	"piao-2024-2026/unita/suap/index.html",
	"piao-2024-2026/aree/area-3/index.html",
	"piao-2024-2026/linee/4/index.html",
	"dati-aperti/index.html",
	"archivio/index.html",
	"cerca/index.html",
	"piao-2024-2026/indici/index.html",
	"piao-2024-2026/indici/unita/index.html",
	"piao-2024-2026/indici/revisione-rev-2024-09/index.html",
}

// TestGolden compares example pages with their golden copies. On a
// mismatch it writes FILE.have beside the golden; -update rewrites them.
func TestGolden(t *testing.T) {
	site := buildExample(t, false)
	for _, p := range goldenPages {
		got, ok := site.Files[p]
		if !ok {
			t.Errorf("page %s not built", p)
			continue
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(p))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%v (run make golden)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			_ = os.WriteFile(golden+".have", got, 0o644)
			t.Errorf("%s differs from its golden copy: compare %s.have (run make golden if the change is intended)", p, golden)
		}
	}
}

var (
	linkRE  = regexp.MustCompile(`(?i)\s(?:href|src)="([^"]*)"`)
	titleRE = regexp.MustCompile(`<title>[^<]+</title>`)
	idRE    = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestCrawl publishes the example site to disk and follows every link:
// internal links resolve to files (and anchors to ids), every page has
// lang="it" and a title, and no URL points at another host except those
// the config names.
func TestCrawl(t *testing.T) {
	site := buildExample(t, true)
	dir := filepath.Join(t.TempDir(), "public")
	if err := Publish(site, dir); err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{}
	cfg := site.Model.Config
	for _, u := range []string{cfg.Accessibilita.S, cfg.Privacy.S, cfg.Ente.Sito.S, cfg.Licenza.URL.S} {
		if u != "" {
			allowed[u] = true
		}
	}
	for _, p := range site.Model.Plans { // and the addresses the content gives: acts, allegati, the whole plan
		urls := []string{p.Approvazione.URL.S}
		if p.Selezione != nil {
			urls = append(urls, p.Selezione.PianoCompleto.S)
		}
		for _, r := range p.Revisioni {
			urls = append(urls, r.URL.S)
		}
		for _, a := range allAttachments(p) {
			urls = append(urls, a.URL.S)
		}
		for _, u := range urls {
			allowed[u] = u != ""
		}
	}
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		m := map[string]bool{}
		if err == nil {
			for _, mm := range idRE.FindAllSubmatch(b, -1) {
				m[string(mm[1])] = true
			}
		}
		ids[file] = m
		return m
	}
	pages := 0
	for _, p := range site.Paths() {
		if path.Ext(p) != ".html" {
			continue
		}
		pages++
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		html := string(b)
		if !strings.Contains(html, `<html lang="it">`) {
			t.Errorf("%s: no lang=\"it\"", p)
		}
		if !titleRE.MatchString(html) {
			t.Errorf("%s: no <title>", p)
		}
		if strings.Contains(html, "&amp;amp;") || strings.Contains(html, "&amp;#") {
			t.Errorf("%s: double escaping", p)
		}
		for _, m := range linkRE.FindAllStringSubmatch(html, -1) {
			u := m[1]
			switch {
			case strings.HasPrefix(u, "http://"), strings.HasPrefix(u, "https://"), strings.HasPrefix(u, "//"):
				if !allowed[u] {
					t.Errorf("%s: link to another host %q", p, u)
				}
				continue
			case strings.HasPrefix(u, "mailto:"):
				continue
			case strings.HasPrefix(u, "/"):
				t.Errorf("%s: absolute path %q does not work from disk or under a sub-path", p, u)
				continue
			}
			target, frag, _ := strings.Cut(u, "#")
			file := p
			if target != "" {
				if strings.HasSuffix(target, "/") || !strings.Contains(path.Base(target), ".") {
					t.Errorf("%s: link %q does not name a file", p, u)
					continue
				}
				file = path.Join(path.Dir(p), target)
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
					t.Errorf("%s: broken link %q", p, u)
					continue
				}
			}
			if frag != "" && path.Ext(file) == ".html" && !idsOf(file)[frag] {
				t.Errorf("%s: link %q: no id %q in %s", p, u, frag, file)
			}
		}
	}
	if pages < 50 {
		t.Errorf("crawled %d pages, want every page of the example (50+)", pages)
	}
}

// TestDeterministic: two builds, in different time zones and from
// different folders, are byte-identical.
func TestDeterministic(t *testing.T) {
	a := buildExample(t, true)
	t.Setenv("TZ", "Pacific/Kiritimati")
	copyDir := filepath.Join(t.TempDir(), "altro", "sito")
	if err := os.CopyFS(copyDir, os.DirFS("..")); err != nil {
		t.Fatal(err)
	}
	b, ds := Build(Input{Site: os.DirFS(copyDir), Themes: piao.Themes, Minify: true})
	if b == nil {
		t.Fatal(ds.Error())
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for p, data := range a.Files {
		if !bytes.Equal(data, b.Files[p]) {
			t.Errorf("%s differs between builds", p)
		}
	}
	for p, data := range a.Files {
		if bytes.Contains(data, []byte(copyDir)) {
			t.Errorf("%s contains the site's absolute path", p)
		}
	}
}

// TestRevisionMarks: revised values carry <del>/<ins> with words for
// screen readers; removed indicators stay visible as removed; the "as
// approved" page shows the original values only.
func TestRevisionMarks(t *testing.T) {
	site := buildExample(t, true)
	page := string(site.Files["piao-2024-2026/operativi/registro-imprese/index.html"])
	for _, want := range []string{
		`<del><span class="rev-tag" aria-hidden="true">prima</span><span class="sr-only">valore precedente: </span>≤ 20%</del>`,
		`<ins><span class="rev-tag" aria-hidden="true">ora</span><span class="sr-only">valore attuale: </span>≤ 5%</ins>`,
		"Scheda rivista il 12 settembre 2024", "deliberazione n. G/59 del 12.09.2024",
		`id="ind-pratiche-sospese-ri"`, "Perché",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("registro-imprese: missing %q", want)
		}
	}
	metro := string(site.Files["piao-2024-2026/operativi/metrologia-convenzioni/index.html"])
	if !strings.Contains(metro, `id="ind-sicurezza-prodotti"`) || !strings.Contains(metro, "Indicatore stralciato dalla") {
		t.Error("metrologia-convenzioni: the removed Sicurezza prodotti indicator is not shown as removed")
	}
	orig := string(site.Files["piao-2024-2026/operativi/registro-imprese/originale/index.html"])
	if !strings.Contains(orig, "≤ 20%") || strings.Contains(orig, "≤ 5%") || strings.Contains(orig, "<del>") {
		t.Error("registro-imprese as approved: want the original target only, without revision marks")
	}
	origAmm := string(site.Files["piao-2024-2026/operativi/amministrazione-contabilita/originale/index.html"])
	if strings.Contains(origAmm, "ind-tmp-tempo-pagamento") {
		t.Error("amministrazione-contabilita as approved: shows the indicator the revision added")
	}
	revs := string(site.Files["piao-2024-2026/revisioni/index.html"])
	if !strings.Contains(revs, `href="../operativi/registro-imprese/index.html#ind-pratiche-sospese-ri"`) {
		t.Error("revisions page: no link to the exact Registro Imprese indicator")
	}
}

func TestPublishAtomicAndSafe(t *testing.T) {
	site := &Site{Files: map[string][]byte{"index.html": []byte("uno"), "a/b.css": []byte("x")}}
	dir := filepath.Join(t.TempDir(), "out")
	if err := Publish(site, dir); err != nil {
		t.Fatal(err)
	}
	site.Files["index.html"] = []byte("due")
	delete(site.Files, "a/b.css")
	if err := Publish(site, dir); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "due" {
		t.Errorf("index.html = %q after the second publish", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "a", "b.css")); err == nil {
		t.Error("a file dropped from the site survived the publish")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 3 || entries[0].Name() != ".out.piao-lock" || entries[1].Name() != ".out.piao-spare" || entries[2].Name() != "out" {
		t.Errorf("left %v beside the output, want only the output, its lock file and its spare", entries)
	}
	// A folder piao did not write is never replaced.
	foreign := filepath.Join(t.TempDir(), "mine")
	_ = os.MkdirAll(foreign, 0o755)
	_ = os.WriteFile(filepath.Join(foreign, "tesi.docx"), []byte("importante"), 0o644)
	if err := Publish(site, foreign); err == nil {
		t.Error("publish replaced a folder piao did not write")
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "tesi.docx")); string(b) != "importante" {
		t.Error("a foreign file was lost")
	}
}

// TestSeveralPlans: a site may hold one plan per PIAO cycle; the home
// lists them newest first, and each has its own pages.
func TestSeveralPlans(t *testing.T) {
	older := strings.NewReplacer("Piano di prova", "Piano 2023-2025", "2024-2026", "2023-2025", "2024-01-10", "2023-01-10").Replace(testPiano)
	fsys := testSite(map[string]string{
		"content/vecchio/piano.yaml":         older,
		"content/vecchio/operativi/uno.yaml": testSheet,
	})
	site, ds := Build(Input{Site: fsys, Themes: piao.Themes, Minify: true})
	if site == nil {
		t.Fatal(ds.Error())
	}
	home := string(site.Files["index.html"])
	newer, old := strings.Index(home, "Piano di prova"), strings.Index(home, "Piano 2023-2025")
	if newer < 0 || old < 0 || newer > old {
		t.Errorf("home does not list the plans newest first (at %d and %d)", newer, old)
	}
	for _, p := range []string{"p/operativi/uno/index.html", "vecchio/operativi/uno/index.html"} {
		if _, ok := site.Files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	// The minifier keeps end tags and attribute quotes.
	for _, want := range []string{"</li>", "</p>", "</html>", `lang="it"`} {
		if !strings.Contains(home, want) {
			t.Errorf("minified home lacks %q", want)
		}
	}
}
