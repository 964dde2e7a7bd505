package builder

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/synth"
)

// TestBuildToSameAsBuild: piao build's way (BuildTo: files written as they
// are made) publishes the very bytes of Build, for a site of several plans
// and for the example; again over its own output; and with every page
// minified straight into its file, as a long one is (streamPage).
func TestBuildToSameAsBuild(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.GenerateWith(dir, synth.Options{Sheets: 300, Seed: 9, Plans: 3}); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { streamPage = n }(streamPage)
	for i, site := range []string{dir, "..", dir} {
		if i == 2 {
			streamPage = 1
		}
		in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
		want, ds := Build(in)
		if want == nil {
			t.Fatal(ds.Error())
		}
		dest := filepath.Join(t.TempDir(), "public")
		for range 2 {
			w, bds, err := BuildTo(in, dest, PublishOptions{})
			if err != nil || bds.HasErrors() {
				t.Fatalf("%s: %v\n%s", site, err, bds.Error())
			}
			if len(bds) != len(ds) {
				t.Errorf("%s: %d diagnostics, Build gives %d", site, len(bds), len(ds))
			}
			if diff := diffFiles(want.Files, readTree(t, dest)); diff != "" {
				t.Errorf("%s: %s", site, diff)
			}
			if w.Pages != want.Pages || w.Files != len(want.Files) || w.Bytes != want.Size() {
				t.Errorf("%s: wrote %+v, want %d pages, %d files, %d bytes", site, w, want.Pages, len(want.Files), want.Size())
			}
		}
	}
}

// TestPlanJSONSpliced: piano.json, written with each sheet encoded once
// and spliced in, is byte for byte the whole plan encoded at once, with a
// line break before each sheet and after the last.
func TestPlanJSONSpliced(t *testing.T) {
	for _, n := range []int{1, 2, 600} {
		model, ds := LoadAndCheck(os.DirFS(synthDir(t, n)))
		if ds.HasErrors() {
			t.Fatal(ds.Error())
		}
		p := model.Plans[0]
		w := italian(t)
		whole := planData(model, w, p, changeRows(model, w, p))
		for _, s := range p.Sheets() {
			whole.Schede = append(whole.Schede, sheetData(model, w, s))
		}
		want, err := marshalJSON(whole)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		out := newOutputs(nil, nil)
		downloads, err := writePlanJSON(&got, out, model, w, p)
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Split(got.Bytes(), []byte("\n"))
		if len(lines) != len(p.Sheets())+3 { // the plan's head, a line a sheet, the plan's tail, the final break
			t.Errorf("%d sheets: piano.json has %d lines", n, len(lines))
		}
		if !bytes.Equal(append(bytes.Join(lines, nil), '\n'), want) {
			t.Errorf("%d sheets: piano.json differs from the plan encoded at once", n)
		}
		if len(downloads) != len(p.Sheets()) || len(out.files) != len(p.Sheets()) {
			t.Errorf("%d sheets: %d downloads, %d sheet files", n, len(downloads), len(out.files))
		}
	}
}

// TestBuildToStopsOnThemeError: a theme that fails leaves the destination
// as it was, with a diagnostic and nothing beside it.
func TestBuildToStopsOnThemeError(t *testing.T) {
	dir := synthDir(t, 20)
	dest := filepath.Join(t.TempDir(), "public")
	in := Input{Site: os.DirFS(dir), Themes: piao.Themes}
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatal(err, ds.Error())
	}
	before := readTree(t, dest)
	layouts := filepath.Join(dir, "themes", "default", "layouts")
	for name, text := range map[string]string{
		"home.html": `{{define "main"}}{{.NoSuchField}}{{end}}`, // fails while rendering
		"plan.html": `{{define "main"}}{{end`,                   // fails to parse
	} {
		if err := os.MkdirAll(layouts, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(layouts, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, ds, err := BuildTo(in, dest, PublishOptions{})
		if err != nil || !ds.HasErrors() {
			t.Errorf("%s: error %v, diagnostics %v; want an error diagnostic", name, err, ds)
		}
		if diff := diffFiles(before, readTree(t, dest)); diff != "" {
			t.Errorf("%s: the previous site changed: %s", name, diff)
		}
		if l := leftBeside(t, dest); len(l) != 1 {
			t.Errorf("%s: beside the output: %v", name, l)
		}
		if err := os.Remove(filepath.Join(layouts, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
}

// builtSynth writes a synthetic site of 60 sheets and builds it: its
// folder, its sheets' files, its input and the output.
func builtSynth(t *testing.T) (dir string, sheets []string, in Input, dest string) {
	t.Helper()
	dir = t.TempDir()
	sheets, err := synth.Generate(dir, 60, 3)
	if err != nil {
		t.Fatal(err)
	}
	in = Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true}
	dest = filepath.Join(t.TempDir(), "public")
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatal(err, ds.Error())
	}
	return dir, sheets, in, dest
}

// TestRebuildReusesUnchanged: a build over its own output keeps the files
// whose bytes did not change (same inode, same modification time) and
// writes the others; the output is that of a clean build.
func TestRebuildReusesUnchanged(t *testing.T) {
	dir, sheets, in, dest := builtSynth(t)
	var err error
	changed, kept := sheets[len(sheets)-1], sheets[len(sheets)-2]
	page := func(sheet string) string {
		slug := strings.TrimSuffix(filepath.Base(sheet), filepath.Ext(sheet))
		return filepath.Join(dest, filepath.Dir(strings.TrimPrefix(sheet, "content/")), slug, "index.html")
	}
	before := map[string]os.FileInfo{}
	for _, s := range []string{changed, kept} {
		if before[s], err = os.Stat(page(s)); err != nil {
			t.Fatal(err)
		}
	}
	src := filepath.Join(dir, changed)
	text, _ := os.ReadFile(src)
	edited := regexp.MustCompile(`(?m)^obiettivo_operativo: (\{valore: )?"`).ReplaceAll(text, []byte(`obiettivo_operativo: $1"Cambiato `))
	if bytes.Equal(edited, text) {
		t.Fatal("the sheet was not edited")
	}
	if err := os.WriteFile(src, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatal(err, ds.Error())
	}
	if after, err := os.Stat(page(kept)); err != nil || !os.SameFile(before[kept], after) || !after.ModTime().Equal(before[kept].ModTime()) {
		t.Errorf("the page of an unchanged sheet was written again")
	}
	if after, err := os.Stat(page(changed)); err != nil || os.SameFile(before[changed], after) {
		t.Errorf("the page of the changed sheet was not written again")
	}
	want, ds := Build(in)
	if want == nil {
		t.Fatal(ds.Error())
	}
	if diff := diffFiles(want.Files, readTree(t, dest)); diff != "" {
		t.Error(diff)
	}
}

// TestRebuildKeepsSearchFiles: the search index's folder is named after
// its content, so an edit gives it a new name; its files of the same
// bytes as the last build's are that very file (linked into a new output,
// or left where they were in the spare), the others are written; the
// output is that of a clean build, edit after edit.
func TestRebuildKeepsSearchFiles(t *testing.T) {
	dir, sheets, in, dest := builtSynth(t)
	type file struct {
		info os.FileInfo
		b    []byte
	}
	search := func() (string, map[string]file) {
		t.Helper()
		root := filepath.Join(dest, filepath.FromSlash(searchDataRoot))
		entries, err := os.ReadDir(root)
		if err != nil || len(entries) != 1 {
			t.Fatalf("%s holds %v (%v), want one folder", root, entries, err)
		}
		files := map[string]file{}
		names, _ := os.ReadDir(filepath.Join(root, entries[0].Name()))
		for _, e := range names {
			p := filepath.Join(root, entries[0].Name(), e.Name())
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(p)
			files[e.Name()] = file{info, b}
		}
		return entries[0].Name(), files
	}
	for round, sheet := range []string{sheets[len(sheets)-1], sheets[len(sheets)-2], sheets[len(sheets)-1]} {
		dirBefore, before := search()
		src := filepath.Join(dir, sheet)
		text, _ := os.ReadFile(src)
		edited := regexp.MustCompile(`(?m)^obiettivo_operativo: (\{valore: )?"`).ReplaceAll(text, []byte(`obiettivo_operativo: $1"Parolanuova`+strconv.Itoa(round)+` `))
		if bytes.Equal(edited, text) {
			t.Fatalf("round %d: %s was not edited", round, sheet)
		}
		if err := os.WriteFile(src, edited, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ds, err := BuildTo(in, dest, PublishOptions{}); err != nil || ds.HasErrors() {
			t.Fatal(err, ds.Error())
		}
		dirAfter, after := search()
		if dirAfter == dirBefore {
			t.Fatalf("round %d: the search index's folder kept its name %s after an edit", round, dirAfter)
		}
		kept, written := 0, 0
		for name, f := range after {
			old, ok := before[name]
			switch same := ok && bytes.Equal(old.b, f.b); {
			case same && !os.SameFile(old.info, f.info):
				t.Errorf("round %d: %s, the same bytes as before, was written again", round, name)
			case same:
				kept++
			case ok && os.SameFile(old.info, f.info):
				t.Errorf("round %d: %s changed but is the file it was", round, name)
			default:
				written++
			}
		}
		if kept == 0 || written == 0 {
			t.Errorf("round %d: %d search files kept, %d written", round, kept, written)
		}
		want, ds := Build(in)
		if want == nil {
			t.Fatal(ds.Error())
		}
		if diff := diffFiles(want.Files, readTree(t, dest)); diff != "" {
			t.Errorf("round %d: %s", round, diff)
		}
	}
}

// TestReuseStaysInside: a file of the previous output that is a symbolic
// link to a file outside, with the very bytes of the new output, is not
// taken: the new output holds a file of its own.
func TestReuseStaysInside(t *testing.T) {
	site := Input{Site: os.DirFS(synthDir(t, 10)), Themes: piao.Themes}
	work := t.TempDir()
	dest := filepath.Join(work, "out", "public")
	if _, ds, err := BuildTo(site, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatal(err, ds.Error())
	}
	robots := filepath.Join(dest, "robots.txt")
	outside := filepath.Join(work, "outside.txt")
	b, err := os.ReadFile(robots)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outside, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(robots); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, robots); err != nil {
		t.Fatal(err)
	}
	assets, outsideAssets := filepath.Join(dest, "assets"), filepath.Join(work, "assets")
	if err := os.Rename(assets, outsideAssets); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outsideAssets, assets); err != nil {
		t.Fatal(err)
	}
	if _, ds, err := BuildTo(site, dest, PublishOptions{}); err != nil || ds.HasErrors() {
		t.Fatal(err, ds.Error())
	}
	for file, other := range map[string]string{robots: outside,
		filepath.Join(assets, "css", "piao.css"): filepath.Join(outsideAssets, "css", "piao.css")} {
		info, err := os.Lstat(file)
		out, _ := os.Stat(other)
		if err != nil || out == nil || !info.Mode().IsRegular() || os.SameFile(info, out) {
			t.Errorf("%s is %v, the file outside %v", file, info, out)
		}
	}
}

// TestCheckSameAsBuild: piao check's way, which keeps and writes
// nothing, finds what Build finds: the example's warnings, a page the
// theme fails to render, a mistake in the content.
func TestCheckSameAsBuild(t *testing.T) {
	broken := synthDir(t, 30)
	layouts := filepath.Join(broken, "themes", "default", "layouts")
	if err := os.MkdirAll(layouts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(layouts, "unit.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, site := range []string{"..", broken, "testdata/mistakes"} {
		in := Input{Site: os.DirFS(site), Themes: piao.Themes, Minify: true}
		_, want := Build(in)
		got := Check(in)
		if len(want) == 0 || got.Error() != want.Error() {
			t.Errorf("%s: Check\n%s\nBuild\n%s", site, got.Error(), want.Error())
		}
	}
}

// TestDataChangesOnce: the open data of a language make a plan's changes
// once, for the three files that list them, and they are changeRows'.
func TestDataChangesOnce(t *testing.T) {
	model, ds := LoadAndCheck(os.DirFS(".."))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	w := italian(t)
	l := oneLang(model, w)[0]
	for _, p := range model.Plans {
		first, again := l.changes(p), l.changes(p)
		if len(first) == 0 || !reflect.DeepEqual(first, changeRows(model, w, p)) {
			t.Fatalf("%s: %d changes, changeRows %d", p.Slug, len(first), len(changeRows(model, w, p)))
		}
		if &first[0] != &again[0] || cap(first) != len(first) {
			t.Errorf("%s: the changes made again, or open to an append that would change them", p.Slug)
		}
	}
}

// TestLongPagesSpilled: a page of the built-in theme other than a
// sheet's goes to its file in pieces once it passes streamPage, the very
// bytes Build makes; a site whose pages are marked again as a whole (a
// glossary's abbreviations, as the example's) keeps them whole but its
// glossary's, the same bytes too.
func TestLongPagesSpilled(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.GenerateWith(dir, synth.Options{Sheets: 200, Seed: 4, Plans: 2}); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { streamPage = n }(streamPage)
	defer func() { spilledPage = nil }()
	streamPage = 4 << 10
	for _, c := range []struct {
		site   string
		spills bool
	}{{dir, true}, {"..", false}} {
		var mu sync.Mutex
		var spilled []string
		spilledPage = func(name string) {
			mu.Lock()
			spilled = append(spilled, name)
			mu.Unlock()
		}
		in := Input{Site: os.DirFS(c.site), Themes: piao.Themes, Minify: true}
		want, ds := Build(in)
		if want == nil {
			t.Fatal(ds.Error())
		}
		dest := filepath.Join(t.TempDir(), "public")
		if _, bds, err := BuildTo(in, dest, PublishOptions{}); err != nil || bds.HasErrors() {
			t.Fatalf("%s: %v\n%s", c.site, err, bds.Error())
		}
		if diff := diffFiles(want.Files, readTree(t, dest)); diff != "" {
			t.Errorf("%s: %s", c.site, diff)
		}
		long := 0
		for name, b := range want.Files {
			if len(b) >= streamPage && strings.HasSuffix(name, ".html") && !strings.Contains(name, "/operativi/") && !strings.Contains(name, "/strategici/") {
				long++
			}
		}
		switch {
		case c.spills && (len(spilled) == 0 || len(spilled) < long/2):
			t.Errorf("%s: %d pages spilled, of %d long pages that are not a sheet's", c.site, len(spilled), long)
		case !c.spills && slices.ContainsFunc(spilled, func(name string) bool { return !strings.Contains(name, "/glossario/") }):
			t.Errorf("%s: a site with a glossary spilled %v (its glossary alone is not marked)", c.site, spilled)
		}
		for _, name := range spilled {
			if len(want.Files[name]) < streamPage || strings.Contains(name, "/operativi/") {
				t.Errorf("%s: %s spilled, %d bytes", c.site, name, len(want.Files[name]))
			}
		}
	}
}
