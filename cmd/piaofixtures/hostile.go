package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// hostile writes the files no office suite writes, which the importer
// must refuse with a message and never a panic, a hang or a write: a zip
// bomb, XML nested too deep, a DOCTYPE with entities, an undeclared
// entity, names that climb out of a folder, a truncated file, a file
// that is no zip, a workbook of absurd repetitions; and the real ones it
// must refuse too: a Writer file saved with a password (by LibreOffice),
// an encrypted workbook (by excelize), a Word 97 file renamed .docx.
func hostile(dir, annexDir, tmp string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	good, err := os.ReadFile(filepath.Join(annexDir, "seme.docx"))
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"bomba.docx":      zipOf(map[string][]byte{"[Content_Types].xml": nil, "word/document.xml": bytes.Repeat([]byte{' '}, 64<<20)}),
		"profondo.docx":   zipOf(map[string][]byte{"word/document.xml": []byte(docxXML(strings.Repeat("<w:tbl><w:tr><w:tc>", 20000)))}),
		"doctype.docx":    zipOf(map[string][]byte{"word/document.xml": []byte(laughs)}),
		"entita.odt":      zipOf(map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.text"), "content.xml": []byte(entity)}),
		"percorsi.docx":   withEntries(good, map[string][]byte{"../../fuori.txt": []byte("x"), "/etc/piao-importa": []byte("x"), "word\\..\\..\\fuori.xml": []byte("x")}),
		"troncato.docx":   good[:len(good)/2],
		"non-zip.xlsx":    []byte("questo non è un foglio di calcolo\n"),
		"ripetizioni.ods": zipOf(map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": []byte(repeats)}),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	if err := encryptedWorkbook(filepath.Join(dir, "cifrato.xlsx")); err != nil {
		return err
	}
	return officeHostile(dir, tmp)
}

// officeHostile has LibreOffice write a Writer file with a password and
// a Word 97 file, which is renamed .docx as an office might.
func officeHostile(dir, tmp string) error {
	src := filepath.Join(tmp, "protetto.fodt")
	if err := os.WriteFile(src, []byte(fodt([]block{{para: para{{text: "SCHEDA OBIETTIVO OPERATIVO", kind: bold}}}}, strike)), 0o644); err != nil {
		return err
	}
	py := exec.Command("/usr/bin/python3", "cmd/piaofixtures/cifra.py", filepath.Join(tmp, "uno"), "segreta", src, filepath.Join(dir, "cifrato.odt"))
	py.Stderr = os.Stderr
	if err := py.Run(); err != nil {
		return fmt.Errorf("cifra.py (python3-uno): %v", err)
	}
	if err := holds(filepath.Join(dir, "cifrato.odt"), "encryption-data"); err != nil {
		return err
	}
	conv := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"), "--headless", "--convert-to", "doc", "--outdir", tmp, src)
	if msg, err := conv.CombinedOutput(); err != nil {
		return fmt.Errorf("soffice doc: %v\n%s", err, msg)
	}
	old, err := os.ReadFile(filepath.Join(tmp, "protetto.doc"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "word97.docx"), old, 0o644)
}

// encryptedWorkbook saves a workbook with a password (ECMA-376 agile
// encryption: a Compound File with an EncryptionInfo stream).
func encryptedWorkbook(name string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", "SCHEDA OBIETTIVO OPERATIVO"); err != nil {
		return err
	}
	if err := f.SaveAs(name, excelize.Options{Password: "segreta"}); err != nil {
		return err
	}
	return os.Chmod(name, 0o644)
}

func docxXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body
}

const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>`

const entity = `<?xml version="1.0"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&ext;</text:p></office:text></office:body></office:document-content>`

const repeats = `<?xml version="1.0"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="Foglio1"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" table:number-rows-spanned="1048576" table:number-columns-spanned="16384"><text:p>SCHEDA OBIETTIVO OPERATIVO</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`

func zipOf(files map[string][]byte) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		w, err := z.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write(files[name])
	}
	z.Close()
	return buf.Bytes()
}

// withEntries is a zip file with more entries.
func withEntries(data []byte, extra map[string][]byte) []byte {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range r.File {
		if err := z.Copy(f); err != nil {
			panic(err)
		}
	}
	for _, name := range sortedKeys(extra) {
		w, _ := z.Create(name)
		w.Write(extra[name])
	}
	z.Close()
	return buf.Bytes()
}

func sortedKeys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
