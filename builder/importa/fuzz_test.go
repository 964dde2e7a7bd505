package importa

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"
	"testing/fstest"
)

// The readers' fuzz targets run the whole import (read, interpret,
// resolve, write in memory) on any bytes, as a whole file and as the main
// XML part of one: it may refuse them, never panic. The seed corpora in
// testdata/fuzz hold small annexes written by LibreOffice and hostile
// files (make import-fixtures writes them); the main parts of the small
// annexes are added as seeds here.

func fuzzImport(name string, data []byte) {
	_, _ = Import(Options{Name: name, Data: data, Site: fstest.MapFS{}, Piano: "p", Revisione: "rev-1"})
}

// part is a part of a fixture, as a seed.
func part(f *testing.F, fixture, name string) []byte {
	b, err := os.ReadFile("testdata/annex/" + fixture)
	if err != nil {
		f.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		f.Fatal(err)
	}
	rc, err := z.Open(name)
	if err != nil {
		f.Fatal(err)
	}
	defer rc.Close()
	out, _ := io.ReadAll(rc)
	return out
}

// zipped is a file made of the given parts.
func zipped(parts map[string][]byte) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, b := range parts {
		w, _ := z.Create(name)
		w.Write(b)
	}
	z.Close()
	return buf.Bytes()
}

func FuzzReadDocx(f *testing.F) {
	f.Add(part(f, "seme.docx", "word/document.xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport("f.docx", data)
		fuzzImport("f.docx", zipped(map[string][]byte{"word/document.xml": data}))
	})
}

func FuzzReadODF(f *testing.F) {
	f.Add(part(f, "seme.odt", "content.xml"))
	f.Add(part(f, "seme.ods", "content.xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport("f.odt", data)
		fuzzImport("f.ods", data)
		fuzzImport("f.odt", zipped(map[string][]byte{"mimetype": []byte(odfText), "content.xml": data}))
		fuzzImport("f.ods", zipped(map[string][]byte{"mimetype": []byte(odfSheet), "content.xml": data}))
	})
}

func FuzzReadXlsx(f *testing.F) {
	f.Add(part(f, "seme.xlsx", "xl/sharedStrings.xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport("f.xlsx", data)
		seed, _ := os.ReadFile("testdata/annex/seme.xlsx")
		z, err := zip.NewReader(bytes.NewReader(seed), int64(len(seed)))
		if err != nil {
			return
		}
		parts := map[string][]byte{}
		for _, zf := range z.File {
			rc, _ := zf.Open()
			parts[zf.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
		parts["xl/sharedStrings.xml"] = data
		fuzzImport("f.xlsx", zipped(parts))
	})
}
