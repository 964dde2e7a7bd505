// Command piaofixtures writes the office files the importer's tests read:
// the example plan's annex as Word, Writer, Excel and Calc files, with the
// revision's earlier values struck through or as tracked changes, and the
// special cases (unknown labels, merged cells, a sheet split across two
// tables, two revisions). It lays out each file as flat OpenDocument XML
// and has LibreOffice (soffice, headless) convert it, so that every file
// is written by an office suite; then it checks that the files carry the
// marks (w:strike, w:del, w:ins, text:tracked-changes, a struck font).
//
//	go run ./cmd/piaofixtures [-s SITE] [-o DIR]   (make import-fixtures)
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder"
)

func main() {
	site := flag.String("s", ".", "the example site")
	out := flag.String("o", "builder/importa/testdata/annex", "where to write the files")
	flag.Parse()
	if err := run(*site, *out); err != nil {
		fmt.Fprintln(os.Stderr, "piaofixtures:", err)
		os.Exit(1)
	}
}

// conversion is a file to write: its flat XML, the formats to convert it
// to, and a mark each converted file must contain.
type conversion struct {
	name  string
	flat  string // flat OpenDocument XML
	ext   string // .fodt or .fods
	to    []string
	marks map[string]string // format → a string its main part must hold
}

func run(siteDir, out string) error {
	model, ds := builder.LoadAndCheck(os.DirFS(siteDir))
	if ds.HasErrors() {
		return fmt.Errorf("the example site has errors:\n%s", ds.Error())
	}
	p := model.Plans[0]
	strikeMarks := map[string]string{"docx": "<w:strike", "odt": "text-line-through-style", "xlsx": "<strike", "ods": "text-line-through-type"}
	trackMarks := map[string]string{"docx": "<w:del ", "odt": "<text:tracked-changes"}
	work := []conversion{
		{name: "allegato-barrato", flat: fodt(newAnnex(p, false, false).blocks(), strike), ext: ".fodt", to: []string{"docx", "odt"}, marks: strikeMarks},
		{name: "allegato-revisioni", flat: fodt(newAnnex(p, false, true).blocks(), tracked), ext: ".fodt", to: []string{"docx", "odt"}, marks: trackMarks},
		{name: "allegato", flat: fods(newAnnex(p, true, false).blocks()), ext: ".fods", to: []string{"xlsx", "ods"}, marks: strikeMarks},
	}
	work = append(work, specials(p)...)
	tmp, err := os.MkdirTemp("", "piaofixtures")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, c := range work {
		if err := convert(c, tmp, out); err != nil {
			return err
		}
	}
	if err := hostile(filepath.Join(out, "ostili"), out, tmp); err != nil {
		return err
	}
	return seeds(out, "builder/importa/testdata/fuzz")
}

// convert writes c's flat XML and has LibreOffice convert it to each
// format into out, then checks each file for its mark.
func convert(c conversion, tmp, out string) error {
	src := filepath.Join(tmp, c.name+c.ext)
	if err := os.WriteFile(src, []byte(c.flat), 0o644); err != nil {
		return err
	}
	for _, format := range c.to {
		filter := map[string]string{"docx": "docx:MS Word 2007 XML", "odt": "odt", "xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods"}[format]
		cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"), "--headless", "--convert-to", filter, "--outdir", out, src)
		cmd.Stderr = os.Stderr
		if msg, err := cmd.Output(); err != nil {
			return fmt.Errorf("soffice %s: %v\n%s", c.name, err, msg)
		}
		file := filepath.Join(out, c.name+"."+format)
		if mark := c.marks[format]; mark != "" {
			if err := holds(file, mark); err != nil {
				return err
			}
		}
		fmt.Println("wrote", file)
	}
	return nil
}

// holds checks that a part of the zip file contains mark.
func holds(file, mark string) error {
	z, err := zip.OpenReader(file)
	if err != nil {
		return err
	}
	defer z.Close()
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if strings.Contains(string(b), mark) {
			return nil
		}
	}
	return fmt.Errorf("%s: LibreOffice wrote no %q", file, mark)
}

// seeds writes the small one-sheet files as the seed corpora of the
// readers' fuzz targets (go test runs them every time).
func seeds(annexDir, fuzzDir string) error {
	for target, files := range map[string][]string{
		"FuzzReadDocx": {"seme.docx", "ostili/profondo.docx", "ostili/doctype.docx"},
		"FuzzReadODF":  {"seme.odt", "seme.ods", "ostili/entita.odt", "ostili/ripetizioni.ods"},
		"FuzzReadXlsx": {"seme.xlsx", "ostili/non-zip.xlsx"},
	} {
		dir := filepath.Join(fuzzDir, target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(annexDir, f))
			if err != nil {
				return err
			}
			entry := "go test fuzz v1\n[]byte(" + strconv.Quote(string(b)) + ")\n"
			name := strings.NewReplacer("/", "-", ".", "-").Replace(f)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(entry), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
