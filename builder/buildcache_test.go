package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"weak"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
	"github.com/piao-pa/piao/builder/publish"
	"github.com/piao-pa/piao/internal/synth"
)

// cacheEdit is a change to a site, and what the build cache may do after it.
type cacheEdit struct {
	name   string
	edit   func(t *testing.T, site, dest string)
	reuses bool // some sheets' pages are linked, not rendered
	// aggregates: but for a few (the edited sheet's, the open data's, the
	// search's, the whole plan's), every page is linked, not rendered
	aggregates bool
	// wholes: the open data made of the plans only (revisioni.json, the
	// feed) are the last build's, taken, not made: the sources but the
	// operational sheets' bodies are as they were
	wholes    bool
	unchanged bool // nothing is written
	// light: only what the light aggregate leaves out changed (the words
	// of a target no revision touched): but for a few and the reports,
	// every page is linked (and, with wholes, what the light aggregate
	// keys is taken from the last build)
	light bool
	// unencoded: chunks of the search's documents are taken from the
	// last build's output without being encoded (as for aggregates)
	unencoded bool
	note      string
}

// TestBuildCacheSameAsClean: after every kind of edit, a build through
// the cache of the previous one publishes the very bytes of a clean build
// of the same sources, says the same, and spares what it may.
func TestBuildCacheSameAsClean(t *testing.T) {
	margin := racyMargin
	racyMargin = 0 // every source not edited since the last build is trusted by its stamp, not read
	t.Cleanup(func() { racyMargin = margin })
	site := t.TempDir()
	sheets, err := synth.GenerateWith(site, synth.Options{Sheets: 80, Seed: 5, Plans: 2})
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest := filepath.Join(t.TempDir(), "public")
	if w, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() || w.Reused != 0 || w.Note != "" {
		t.Fatalf("first build: %+v %v %s", w, err, ds.Error())
	}
	for _, c := range cacheEdits(sheets) {
		rebuildSameAsClean(t, in, site, dest, c)
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.Base(CachePath(dest)))); err == nil {
		t.Error("the cache is inside the published folder")
	}
}

// rebuildSameAsClean makes the edit c to site, then builds it into dest
// through the cache and into an empty folder, and compares.
func rebuildSameAsClean(t *testing.T, in Input, site, dest string, c cacheEdit) {
	t.Helper()
	spare, _ := os.Lstat(publish.Beside(dest, "spare")) // the output before the last, where folders are exchanged
	changes := changesFiles(t, dest)
	c.edit(t, site, dest)
	w, ds, err := BuildTo(in, dest, PublishOptions{})
	if err != nil || ds.HasErrors() {
		t.Fatalf("%s: %v\n%s", c.name, err, ds.Error())
	}
	if c.wholes && !w.Unchanged { // the plans' changes, in JSON and in CSV: the last build's files, linked
		for name, before := range changes {
			if after, err := os.Stat(filepath.Join(dest, name)); err != nil || !os.SameFile(before, after) {
				t.Errorf("%s: %s made again, not taken from the last build (%v)", c.name, name, err)
			}
		}
	}
	stampsTrue(t, c.name, dest)
	clean := filepath.Join(t.TempDir(), "public")
	cw, cds, err := BuildTo(in, clean, PublishOptions{})
	if err != nil || cds.HasErrors() {
		t.Fatalf("%s, clean: %v\n%s", c.name, err, cds.Error())
	}
	if diff := diffFiles(readTree(t, clean), readTree(t, dest)); diff != "" {
		t.Errorf("%s: through the cache, %s", c.name, diff)
	}
	if w.Loss != nil { // into an empty folder, nothing is lost
		ds = slices.DeleteFunc(ds, func(d Diagnostic) bool { return d.Msg == w.Loss.Warning(true).Msg })
	}
	if ds.Error() != cds.Error() || w.Pages != cw.Pages || w.Files != cw.Files || w.Bytes != cw.Bytes {
		t.Errorf("%s: through the cache %+v\n%s\nclean %+v\n%s", c.name, w, ds.Error(), cw, cds.Error())
	}
	if (w.Reused > 0) != c.reuses || w.Unchanged != c.unchanged {
		t.Errorf("%s: reused %d pages, unchanged %v; want reuse %v, unchanged %v", c.name, w.Reused, w.Unchanged, c.reuses, c.unchanged)
	}
	if after, _ := os.Lstat(publish.Beside(dest, "spare")); w.Unchanged && spare != nil && (after == nil || !os.SameFile(spare, after)) {
		t.Errorf("%s: nothing written, but the spare the next build would bring up to date is gone", c.name)
	}
	if !w.Unchanged && (w.Spliced > 0) != c.reuses { // the open data's parts of the sheets unchanged: taken where pages are
		t.Errorf("%s: %d parts of the open data spliced; want some %v", c.name, w.Spliced, c.reuses)
	}
	if !w.Unchanged && (w.Kept > 0) != c.wholes {
		t.Errorf("%s: %d open data files taken whole; want some %v", c.name, w.Kept, c.wholes)
	}
	if !w.Unchanged && (w.Ends > 0) != (c.wholes && c.reuses) { // piano.json's plan, around its sheets' parts
		t.Errorf("%s: the plan of %d files of parts taken; want some %v", c.name, w.Ends, c.wholes && c.reuses)
	}
	if c.aggregates && w.Indexed == 0 { // one sheet's documents changed: most of the index is as it was
		t.Errorf("%s: no file of the search index taken from the last build's", c.name)
	}
	if (c.aggregates || c.unencoded) && w.Unencoded == 0 { // and most chunks of documents are not encoded
		t.Errorf("%s: every chunk of the search's documents encoded", c.name)
	}
	if !w.Unchanged && (w.Stubbed > 0) != c.wholes { // the indexes show what revisioni.json and the feed do, and more
		t.Errorf("%s: the pages of the indexes of %d plans listed from the last build's; want some %v", c.name, w.Stubbed, c.wholes)
	}
	few := 8
	if c.light {
		few += 4 // and the reports (results against targets), a plan's each, and their index
	}
	if rendered := w.Pages - w.Reused; (c.aggregates || c.light) && rendered > few {
		t.Errorf("%s: %d pages rendered of %d; want only a few", c.name, rendered, w.Pages)
	}
	if !strings.Contains(w.Note, c.note) || (c.note == "") != (w.Note == "") {
		t.Errorf("%s: note %q, want %q", c.name, w.Note, c.note)
	}
}

// changesFiles are the files of the plans' changes in dest's open data
// (revisioni.json, revisioni.csv), by name.
func changesFiles(t *testing.T, dest string) map[string]os.FileInfo {
	t.Helper()
	out := map[string]os.FileInfo{}
	err := filepath.WalkDir(dest, func(full string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (d.Name() != "revisioni.json" && d.Name() != "revisioni.csv") {
			return err
		}
		info, err := os.Stat(full)
		if err == nil {
			rel, _ := filepath.Rel(dest, full)
			out[rel] = info
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// stampsTrue: the stamp the cache of dest records for each file and
// folder of the output (its marker aside) is the one it has, and every
// one has a stamp: the
// next build's check that nothing changed trusts them (a folder's, taken
// when the spare was listed, must be of one the publish left as it was).
func stampsTrue(t *testing.T, edit, dest string) {
	t.Helper()
	data, err := readCacheFile(CachePath(dest))
	if err != nil {
		t.Fatalf("%s: the cache: %v", edit, err)
	}
	seen := 0
	err = filepath.WalkDir(dest, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name, _ := filepath.Rel(dest, full)
		if name = filepath.ToSlash(name); name == publish.Marker { // piao's own, not the output's
			return nil
		}
		info, err := os.Lstat(full)
		if err != nil {
			return err
		}
		seen++
		if st, ok := data.Stamps[name]; !ok || st != publish.StampOf(info) {
			t.Errorf("%s: %s: recorded %+v (%v), has %+v", edit, name, st, ok, publish.StampOf(info))
		}
		return nil
	})
	if err != nil || seen != len(data.Stamps) {
		t.Errorf("%s: %d stamps recorded for %d names of the output (%v)", edit, len(data.Stamps), seen, err)
	}
}

// TestBuildCacheLanguages: in a site of two languages, a sheet's body in
// the other language (NAME.LANG.md) is part of what its pages and data
// show: editing it, or the body in the main language, gives the bytes of
// a clean build.
func TestBuildCacheLanguages(t *testing.T) {
	site, dest, in := builtPlanCopy(t, "g-bilingue")
	sheet := filepath.Join(site, "content", "piao-2025-2027", "operativi", "sportello")
	for _, c := range []cacheEdit{
		{name: "the body in German", edit: func(t *testing.T, _, _ string) { appendFile(t, sheet+".de.md", "\nNoch ein Satz.\n") }, reuses: true},
		{name: "the body in Italian", edit: func(t *testing.T, _, _ string) { appendFile(t, sheet+".md", "\nAncora una frase.\n") }, reuses: true, wholes: true},
		{name: "the German body removed", edit: func(t *testing.T, _, _ string) {
			if err := os.Remove(sheet + ".de.md"); err != nil {
				t.Fatal(err)
			}
		}, reuses: true},
	} {
		rebuildSameAsClean(t, in, site, dest, c)
	}
}

// TestBuildCacheTargets: in a plan with results and reports, changing
// the words of a target no revision touched renders again only a few
// pages but the reports, which show it; making it no target at all
// ("//") changes the outcome of its indicator once it has no result,
// which the index of outcomes shows: either way, the bytes of a clean
// build.
func TestBuildCacheTargets(t *testing.T) {
	site, dest, in := builtPlanCopy(t, "f-ciclo")
	sheet := filepath.Join(site, "content", "piao-2025-2027", "operativi", "pagamenti.yaml")
	report := filepath.Join(dest, "piao-2025-2027", "relazione-2025", "index.html")
	for _, c := range []cacheEdit{
		{name: "an untouched target's words, in a report", edit: func(t *testing.T, _, _ string) {
			editFile(t, sheet, `2025: "≥ 90%"`, `2025: "≥ 95%"`)
		}, reuses: true, wholes: true, light: true},
		{name: "its result removed", edit: func(t *testing.T, _, _ string) {
			editFile(t, sheet, `(?s)    risultati:\n      2025:\n        valore: "85%".*$`, "")
		}, reuses: true},
		{name: "that target no more", edit: func(t *testing.T, _, _ string) {
			editFile(t, sheet, `2025: "≥ 95%"`, `2025: "//"`)
		}, reuses: true},
	} {
		rebuildSameAsClean(t, in, site, dest, c)
		if b, err := os.ReadFile(report); err != nil || c.light && !bytes.Contains(b, []byte("≥ 95%")) {
			t.Errorf("%s: the report does not show the new target (%v)", c.name, err)
		}
	}
}

// builtPlanCopy copies the example plan name (testdata/plans) into a
// temporary site and builds it into a temporary dest, through the cache.
func builtPlanCopy(t *testing.T, name string) (site, dest string, in Input) {
	t.Helper()
	site = t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", "plans", name))); err != nil {
		t.Fatal(err)
	}
	in = Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest = filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatalf("first build: %v %s", err, ds.Error())
	}
	return site, dest, in
}

// cacheEdits are the edits of TestBuildCacheSameAsClean, in order: each
// starts from the site and output the previous one left.
func cacheEdits(sheets []string) []cacheEdit {
	op := func(i int) string { return sheets[i] }
	return []cacheEdit{
		{name: "nothing changed", edit: func(*testing.T, string, string) {}, unchanged: true},
		{name: "a sheet", edit: func(t *testing.T, site, _ string) { retitle(t, filepath.Join(site, op(3)), "Cambiato ") }, reuses: true},
		{name: "nothing changed, a spare beside the output", edit: func(*testing.T, string, string) {}, unchanged: true, reuses: true}, // says what the last build said
		{name: "a sheet's bytes, its size and times as they were", edit: func(t *testing.T, site, _ string) {
			file := filepath.Join(site, op(4))
			info, err := os.Stat(file)
			if err != nil {
				t.Fatal(err)
			}
			editFile(t, file, `(?m)^obiettivo_operativo: "(.)`, `obiettivo_operativo: "X`)
			if after, err := os.Stat(file); err != nil || after.Size() != info.Size() {
				t.Fatalf("size changed: %v", err)
			}
			if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, reuses: true},
		{name: "a sheet's body", edit: func(t *testing.T, site, _ string) {
			appendFile(t, planSheet(t, site, "*.md", 0), "\nTesto aggiunto in fondo.\n")
		}, reuses: true, aggregates: true, wholes: true},
		{name: "a long paragraph in a sheet's body: a size the open data's page shows", edit: func(t *testing.T, site, _ string) {
			appendFile(t, planSheet(t, site, "*.md", 0), "\n"+strings.Repeat("Un paragrafo lungo, che cambia le dimensioni mostrate. ", 40)+"\n")
		}, reuses: true, aggregates: true, wholes: true},
		{name: "a word of a sheet's body, its size as it was", edit: func(t *testing.T, site, _ string) {
			editFile(t, planSheet(t, site, "*.md", 0), `Un paragrafo lungo`, `Un paragrafo largo`)
		}, reuses: true, aggregates: true, wholes: true},
		{name: "a sheet moved to another unit", edit: func(t *testing.T, site, _ string) {
			moveSheet(t, planSheet(t, site, "*.yaml", 2), planSheet(t, site, "*.yaml", 9))
		}, reuses: true},
		{name: "a weight that changes a unit's total", edit: func(t *testing.T, site, _ string) {
			editFile(t, planSheet(t, site, "*.yaml", 4), `(?m)^peso: .*$`, `peso: "7%"`)
		}, reuses: true},
		{name: "an indicator's typology", edit: func(t *testing.T, site, _ string) {
			editFile(t, planSheet(t, site, "*.yaml", 5), `(?m)^(\s+tipologia: ).*$`, `${1}"Efficacia percepita"`)
		}, reuses: true},
		{name: "the words of targets no revision touched", edit: func(t *testing.T, site, _ string) {
			editFile(t, sheetWith(t, site, plainNumber), plainNumber.String(), `${1}1${2}`) // "≥ 70%": "≥ 170%"
		}, reuses: true, wholes: true, light: true},
		{name: "a target no more: \"//\"", edit: func(t *testing.T, site, _ string) {
			editFile(t, planSheet(t, site, "*.yaml", 5), `(?m)^(      20\d\d: )"[^"/][^"]*"$`, `${1}"//"`)
		}, reuses: true},
		{name: "the words of a revised target", edit: func(t *testing.T, site, _ string) {
			revised := regexp.MustCompile(`(?m)^(      20\d\d: \{valore: "[^"/\d]*)(\d+)`)
			editFile(t, sheetWith(t, site, revised), revised.String(), `${1}1${2}`)
		}, reuses: true},
		{name: "a past value, a field no indicator gave: a column more in indicatori.csv", edit: func(t *testing.T, site, _ string) {
			editFile(t, planSheet(t, site, "*.yaml", 6), `(?m)^(    target:)`, "    storico:\n      2019: \"5\"\n$1")
		}, reuses: true},
		{name: "a past value of another year, in another sheet", edit: func(t *testing.T, site, _ string) {
			editFile(t, planSheet(t, site, "*.yaml", 7), `(?m)^(    target:)`, "    storico:\n      2018: \"4\"\n$1")
		}, reuses: true},
		{name: "a responsible, where no sheet had one: a column more in schede.csv", edit: func(t *testing.T, site, _ string) {
			editFile(t, planSheet(t, site, "*.yaml", 8), `(?m)^(unita: .*)$`, "$1\nresponsabile: \"Dirigente di prova\"")
		}, reuses: true},
		{name: "an open data table of the output edited by hand", edit: func(t *testing.T, _, dest string) {
			editFile(t, filepath.Join(dest, "piao-2021-2023", "dati", "indicatori.csv"), `,si,`, `,no,`) // no sheet's rows are taken from it
		}, reuses: true, wholes: true, note: "modificata dopo l'ultima generazione"},
		{name: "a revision added in piano.yaml", edit: func(t *testing.T, site, _ string) {
			editFile(t, filepath.Join(site, "content", "piao-2021-2023", "piano.yaml"), `(?m)^aree:`,
				"  - id: rev-2022-03\n    data: 2022-03-15\n    atto: \"deliberazione n. G/12 del 15.03.2022\"\n    motivo: \"Revisione di prova\"\naree:")
		}, reuses: true},
		{name: "a new sheet", edit: func(t *testing.T, site, _ string) {
			from := planSheet(t, site, "*.md", 1)
			b, err := os.ReadFile(from)
			if err != nil {
				t.Fatal(err)
			}
			b = regexp.MustCompile(`(?m)^(\s+- id: )`).ReplaceAll(b, []byte("${1}nuova-"))
			to := filepath.Join(filepath.Dir(from), "nuova-00999.md")
			writeFile(t, to, b)
			for _, f := range []string{from, to} { // the unit's weight shared
				editFile(t, f, `(?m)^peso: .*$`, `peso: "50%"`)
			}
		}, reuses: true},
		{name: "the new sheet's body", edit: func(t *testing.T, site, _ string) {
			appendFile(t, filepath.Join(site, "content", "piao-2021-2023", "operativi", "nuova-00999.md"), "\nAncora.\n")
		}, reuses: true, aggregates: true, wholes: true},
		{name: "a strategic sheet", edit: func(t *testing.T, site, _ string) {
			files, _ := filepath.Glob(filepath.Join(site, "content", "piao-2021-2023", "strategici", "*.yaml"))
			if len(files) == 0 {
				t.Fatal("no strategic sheet")
			}
			editFile(t, files[0], `(?m)^titolo: "`, `titolo: "Nuovo `)
		}, reuses: true},
		{name: "piano.yaml", edit: func(t *testing.T, site, _ string) {
			editFile(t, filepath.Join(site, "content", "piao-2021-2023", "piano.yaml"), `(?m)^titolo: "?`, `titolo: Rivisto `)
		}, reuses: true}, // the other plan's pages are kept
		{name: "config.yaml", edit: func(t *testing.T, site, _ string) {
			editFile(t, filepath.Join(site, "config.yaml"), `(?m)^(\s+nome: )"?`, `${1}Nuovo `)
		}},
		{name: "a theme file", edit: func(t *testing.T, site, _ string) {
			writeFile(t, filepath.Join(site, "themes", "default", "layouts", "sheet.html"), append(builtinLayout(t), "\n<!-- tema del sito -->"...))
		}},
		{name: "the same theme file as the built-in", edit: func(t *testing.T, site, _ string) {
			writeFile(t, filepath.Join(site, "themes", "default", "layouts", "sheet.html"), builtinLayout(t))
		}},
		{name: "a deleted sheet", edit: func(t *testing.T, site, _ string) {
			if err := os.Remove(filepath.Join(site, op(7))); err != nil {
				t.Fatal(err)
			}
		}, reuses: true},
		{name: "a renamed plan", edit: func(t *testing.T, site, _ string) {
			c := filepath.Join(site, "content")
			if err := os.Rename(filepath.Join(c, "piao-2024-2026"), filepath.Join(c, "piao-2024-2026-bis")); err != nil {
				t.Fatal(err)
			}
		}, reuses: true},
		{name: "a page of the output edited by hand", edit: func(t *testing.T, _, dest string) {
			editFile(t, filepath.Join(dest, "index.html"), `</body>`, `<p>a mano</p></body>`)
		}, reuses: true, wholes: true, note: "modificata dopo l'ultima generazione"},
		{name: "pages of the indexes of the output edited by hand or removed", edit: func(t *testing.T, _, dest string) {
			// Their indexes, which the build lists from the last one's
			// stubs, are made as they render.
			editFile(t, filepath.Join(dest, "piao-2021-2023", "indici", "index.html"), `</body>`, `<p>a mano</p></body>`)
			lists, _ := filepath.Glob(filepath.Join(dest, "piao-2021-2023", "indici", "*", "index.html"))
			if len(lists) < 2 {
				t.Fatalf("indexes: %v", lists)
			}
			editFile(t, lists[0], `</body>`, `<p>a mano</p></body>`)
			if err := os.Remove(lists[1]); err != nil {
				t.Fatal(err)
			}
		}, reuses: true, wholes: true, note: "modificata dopo l'ultima generazione"},
		{name: "chunks of the search's documents of the output edited by hand or removed", edit: func(t *testing.T, _, dest string) {
			// Their documents are the last build's: the others are
			// taken unencoded, these two encoded again.
			chunks, _ := filepath.Glob(filepath.Join(dest, "cerca", "dati", "*", "d*.js"))
			if len(chunks) < 2 {
				t.Fatalf("chunks of documents: %v", chunks)
			}
			editFile(t, chunks[0], `\);\n$`, `);alert(1);`+"\n")
			if err := os.Remove(chunks[1]); err != nil {
				t.Fatal(err)
			}
		}, reuses: true, wholes: true, unencoded: true, note: "modificata dopo l'ultima generazione"},
		{name: "a sheet's JSON of the output edited by hand", edit: func(t *testing.T, _, dest string) {
			files, _ := filepath.Glob(filepath.Join(dest, "piao-2021-2023", "operativi", "*", "scheda.json"))
			if len(files) == 0 {
				t.Fatal("no sheet's JSON")
			}
			editFile(t, files[0], `^\{`, `{"a mano": 1, `)
		}, reuses: true, wholes: true, note: "modificata dopo l'ultima generazione"},
		{name: "a file added to the output", edit: func(t *testing.T, _, dest string) {
			writeFile(t, filepath.Join(dest, "piao-2021-2023", "estraneo.txt"), []byte("x"))
		}, reuses: true, wholes: true, note: "modificata dopo l'ultima generazione"},
		{name: "a corrupt cache", edit: func(t *testing.T, _, dest string) {
			b, _ := os.ReadFile(CachePath(dest))
			b[len(b)/2] ^= 1
			writeFile(t, CachePath(dest), b)
		}, note: "danneggiata"},
		{name: "a cache of another version", edit: func(t *testing.T, _, dest string) {
			data, note := readCache(CachePath(dest), programDigest())
			if data == nil {
				t.Fatal(note)
			}
			data.Program = "un'altra versione"
			data.ProgramFile.Stat.Ino++ // another version's file, which another piao digested
			if err := writeCache(CachePath(dest), data); err != nil {
				t.Fatal(err)
			}
		}, note: "un'altra versione di piao"},
		{name: "a cache of an older version, in gob", edit: func(t *testing.T, _, dest string) {
			data, note := readCache(CachePath(dest), programDigest())
			if data == nil {
				t.Fatal(note)
			}
			data.Format = "piao-build-cache 1"
			var b bytes.Buffer
			if err := gob.NewEncoder(&b).Encode(data); err != nil {
				t.Fatal(err)
			}
			if err := writeSealedBytes(CachePath(dest), b.Bytes()); err != nil {
				t.Fatal(err)
			}
		}, note: "un'altra versione di piao"},
		{name: "a cache of an older version, sealed with SHA-256", edit: func(t *testing.T, _, dest string) {
			data, note := readCache(CachePath(dest), programDigest())
			if data == nil {
				t.Fatal(note)
			}
			data.Format = "piao-build-cache 4" // the last sealed with SHA-256
			var b bytes.Buffer
			if err := encodeTo(&b, data, false); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b.Bytes())
			writeFile(t, CachePath(dest), append(b.Bytes(), sum[:]...))
		}, note: "un'altra versione di piao"},
		{name: "a cache of another version, of other types", edit: func(t *testing.T, _, dest string) {
			other := struct {
				Format, Program string
				Altro           []int64
			}{cacheFormat, "un'altra versione", []int64{-1, 1 << 40}}
			var b bytes.Buffer
			if err := encodeTo(&b, &other, false); err != nil {
				t.Fatal(err)
			}
			if err := writeSealedBytes(CachePath(dest), b.Bytes()); err != nil {
				t.Fatal(err)
			}
		}, note: "un'altra versione di piao"},
	}
}

// builtinLayout is the built-in theme's layout of a sheet's page.
func builtinLayout(t *testing.T) []byte {
	b, err := fs.ReadFile(piao.Themes, "themes/default/layouts/sheet.html")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func retitle(t *testing.T, file, prefix string) {
	t.Helper()
	editFile(t, file, `(?m)^obiettivo_operativo: (\{valore: )?"`, `obiettivo_operativo: $1"`+prefix)
}

// editFile replaces what re matches in file; it fails if nothing changes.
func editFile(t *testing.T, file, re, repl string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(re).ReplaceAll(b, []byte(repl))
	if bytes.Equal(edited, b) {
		t.Fatalf("%s: nothing matched %s", file, re)
	}
	writeFile(t, file, edited)
}

// planSheet is the i-th operational sheet of plan piao-2021-2023 whose
// file name matches pattern, in the order of their names.
func planSheet(t *testing.T, site, pattern string, i int) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(site, "content", "piao-2021-2023", "operativi", pattern))
	if i >= len(files) {
		t.Fatalf("fewer than %d sheets %s", i+1, pattern)
	}
	return files[i]
}

// plainNumber is a number in a target no revision touched, in a sheet
// that synth wrote.
var plainNumber = regexp.MustCompile(`(?m)^(      20\d\d: "[^"/\d]*)(\d+)`)

// sheetWith is the first operational sheet of plan piao-2021-2023 that
// re matches, by name.
func sheetWith(t *testing.T, site string, re *regexp.Regexp) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(site, "content", "piao-2021-2023", "operativi", "*.yaml"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && re.Match(b) {
			return f
		}
	}
	t.Fatalf("no sheet matches %s", re)
	return ""
}

// synthOperational writes a synthetic site of 30 sheets in one plan (seed
// seed) and gives its folder and its operational sheets (Markdown: a body
// to append to), slash-separated; at least two.
func synthOperational(t *testing.T, seed uint64) (string, []string) {
	t.Helper()
	site := t.TempDir()
	files, err := synth.GenerateWith(site, synth.Options{Sheets: 30, Seed: seed, Plans: 1})
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, f := range files {
		if f = filepath.ToSlash(f); strings.HasSuffix(f, ".md") && strings.Contains(f, "/operativi/") {
			ops = append(ops, f)
		}
	}
	if len(ops) < 2 {
		t.Fatalf("%d operational sheets, want two", len(ops))
	}
	return site, ops
}

// moveSheet gives the sheet file the unit of the sheet other, and the
// unit's area (written no more: the unit's); each weighs half the unit.
func moveSheet(t *testing.T, file, other string) {
	t.Helper()
	b, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	unit := regexp.MustCompile(`(?m)^unita: .*$`).Find(b)
	if unit == nil {
		t.Fatalf("%s: no unit", other)
	}
	editFile(t, file, `(?m)^unita: .*$`, strings.ReplaceAll(string(unit), "$", "$$"))
	if b, _ := os.ReadFile(file); regexp.MustCompile(`(?m)^area: `).Match(b) {
		editFile(t, file, `(?m)^area: .*\n`, "")
	}
	for _, f := range []string{file, other} {
		editFile(t, f, `(?m)^peso: .*$`, `peso: "50%"`)
	}
}

func appendFile(t *testing.T, file, text string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, append(b, text...))
}

func writeFile(t *testing.T, file string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckRendersSiteTheme: piao check renders every page when the site
// has a theme of its own, so that a template failing on one sheet only
// is found, as piao build finds it; with the built-in theme it renders a
// page of each kind and finds the site clean.
func TestCheckRendersSiteTheme(t *testing.T) {
	site := t.TempDir()
	sheets, err := synth.Generate(site, 40, 2)
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	if ds := Check(in); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	last := sheets[len(sheets)-1]
	slug := strings.TrimSuffix(filepath.Base(last), filepath.Ext(last))
	layout := bytes.Replace(builtinLayout(t), []byte(`{{define "main"}}`),
		[]byte(`{{define "main"}}{{if eq .Sheet.Slug "`+slug+`"}}{{.NoSuchField}}{{end}}`), 1)
	writeFile(t, filepath.Join(site, "themes", "default", "layouts", "sheet.html"), layout)
	ds := Check(in)
	if !ds.HasErrors() || !strings.Contains(ds.Error(), slug) {
		t.Errorf("a template failing on the page of %s only: check found\n%s", slug, ds.Error())
	}
	_, bds, err := BuildTo(in, filepath.Join(t.TempDir(), "public"), PublishOptions{})
	if err != nil || bds.Error() != ds.Error() {
		t.Errorf("build says\n%s\ncheck says\n%s", bds.Error(), ds.Error())
	}
}

// TestCacheSavedWithoutTheModel: when the build cache is saved, after the
// pages are written, the site's model is no longer held (the largest
// thing a build holds, with the cache's own bytes made beside it: the
// peak of memory of a large site, before), on a clean build and on a
// rebuild through the cache.
func TestCacheSavedWithoutTheModel(t *testing.T) {
	site := t.TempDir()
	if _, err := synth.GenerateWith(site, synth.Options{Sheets: 40, Seed: 3, Plans: 2}); err != nil {
		t.Fatal(err)
	}
	in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
	dest := filepath.Join(t.TempDir(), "public")
	t.Cleanup(func() { savingHook = nil })
	for _, build := range []string{"clean", "again after an edit"} {
		saved, held := 0, false
		savingHook = func(model weak.Pointer[plan.Site]) {
			runtime.GC()
			saved++
			held = model.Value() != nil
		}
		if build != "clean" {
			files, err := filepath.Glob(filepath.Join(site, "content", "*", "operativi", "*.md"))
			if err != nil || len(files) == 0 {
				t.Fatalf("no sheet to edit: %v", err)
			}
			f, err := os.OpenFile(files[0], os.O_APPEND|os.O_WRONLY, 0)
			if err == nil {
				_, err = f.WriteString("\nUna frase in più.\n")
				f.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if w, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
			t.Fatalf("%s: %+v %v %s", build, w, err, ds.Error())
		}
		if saved != 1 {
			t.Fatalf("%s: the cache saved %d times", build, saved)
		}
		if held {
			t.Errorf("%s: the model is still held while the cache is saved", build)
		}
	}
}

// TestOpenDataPageKey: the key of the open data's page, which shows the
// size of every file, changes with a size as the page shows it ("3,3
// kB"), and only then; the other pages' keys leave sizes out.
func TestOpenDataPageKey(t *testing.T) {
	w := italian(t)
	ds := func(size int) []download {
		return []download{{Path: "p/dati/piano.json", Title: "Piano", Format: "JSON", Size: 1234567},
			{Path: "p/operativi/a/scheda.json", Title: "A", Format: "JSON", Size: size}}
	}
	if w.Size(3301) != w.Size(3320) || w.Size(3301) == w.Size(3420) {
		t.Fatalf("sizes shown: %s, %s, %s", w.Size(3301), w.Size(3320), w.Size(3420))
	}
	if downloadsKey("k", ds(3301), w) != downloadsKey("k", ds(3320), w) {
		t.Error("the key changed with a size the page shows the same")
	}
	if downloadsKey("k", ds(3301), w) == downloadsKey("k", ds(3420), w) {
		t.Error("the key did not change with a size the page shows otherwise")
	}
	if downloadsKey("k", ds(3301), nil) != downloadsKey("k", ds(3420), nil) || downloadsKey("k", ds(1), nil) == downloadsKey("j", ds(1), nil) {
		t.Error("without words, the key is not that of the files but for their sizes")
	}
}

// TestSizerOnlyForPagesToRender: the build cache gives the previous size
// of a page whose key changed or that has none, never of one it will link
// (its key the same) nor of a folder.
func TestSizerOnlyForPagesToRender(t *testing.T) {
	c := &buildCache{prev: &cacheData{
		Keys: map[string]string{"a/index.html": "k1", "b/index.html": "k2"},
		Stamps: map[string]publish.Stamp{"a/index.html": {Size: 10}, "b/index.html": {Size: 20},
			"c/index.html": {Size: 30}, "d": {Size: 4096, Dir: true}},
	}}
	size := c.sizer(map[string]string{"a/index.html": "k1", "b/index.html": "changed"})
	for name, want := range map[string]int64{"a/index.html": -1, "b/index.html": 20, "c/index.html": 30, "d": -1, "e/index.html": -1} {
		n, ok := size(name)
		if got := map[bool]int64{true: n, false: -1}[ok]; got != want {
			t.Errorf("%s: %d, want %d (-1: none)", name, got, want)
		}
	}
	if (&buildCache{}).sizer(nil) != nil {
		t.Error("a sizer without a previous build")
	}
}
