package builder

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao"
)

// TestNotepadSite: the example with every sheet, piano.yaml and
// config.yaml saved as Windows Notepad saves them (a UTF-8 byte order
// mark, CRLF line ends) builds without a finding more and into the very
// same bytes.
func TestNotepadSite(t *testing.T) {
	orig := os.DirFS("..")
	notepad := fstest.MapFS{}
	converted := 0
	for _, top := range []string{"config.yaml", "content"} {
		err := walkFiles(orig, top, func(name string, b []byte) {
			if ext := path.Ext(name); ext == ".yaml" || ext == ".md" {
				b = append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
				converted++
			}
			notepad[name] = &fstest.MapFile{Data: b}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if converted < 10 {
		t.Fatalf("only %d files converted", converted)
	}
	want, wds := Build(Input{Site: orig, Themes: piao.Themes, Minify: true})
	got, gds := Build(Input{Site: notepad, Themes: piao.Themes, Minify: true})
	if got == nil || want == nil {
		t.Fatalf("build failed:\n%s\n%s", gds.Error(), wds.Error())
	}
	if headlines(gds) != headlines(wds) {
		t.Errorf("findings differ:\n%s\nwant:\n%s", headlines(gds), headlines(wds))
	}
	if d := diffFiles(want.Files, got.Files); d != "" {
		t.Errorf("the Notepad copy builds another site: %s", d)
	}
	if strings.Contains(string(got.Files["index.html"]), "\ufeff") {
		t.Error("a byte order mark reached a page")
	}
}

// walkFiles calls f with every regular file under root of fsys.
func walkFiles(fsys fs.FS, root string, f func(name string, b []byte)) error {
	return fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		f(name, b)
		return err
	})
}
