package importa

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestHostileFiles: each hostile file is refused with its message, in
// Italian, without a panic or a hang; an encrypted file, a Word 97 file
// renamed .docx are told apart.
func TestHostileFiles(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"bomba.docx", "si espande oltre ogni misura"},
		{"profondo.docx", "annida più di 256 elementi"},
		{"doctype.docx", "dichiarazione DOCTYPE"},
		{"entita.odt", "non è XML valido"},
		{"troncato.docx", "non è un documento Office valido"},
		{"non-zip.xlsx", "non è un documento Office valido"},
		{"ripetizioni.ods", "importazione interrotta"},
		{"cifrato.odt", "protetto da password"},
		{"cifrato.xlsx", "protetto da password"},
		{"word97.docx", "vecchio formato binario"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data := readFixture(t, filepath.Join("ostili", tc.file))
			done := make(chan error, 1)
			go func() {
				defer func() {
					if p := recover(); p != nil {
						done <- errors.New("panic")
					}
				}()
				_, err := Import(Options{Name: tc.file, Data: data, Site: fstest.MapFS{}, Piano: "p", Revisione: "rev-1"})
				done <- err
			}()
			select {
			case err := <-done:
				var fe *FileError
				if !errors.As(err, &fe) || !strings.Contains(fe.Msg, tc.want) || fe.Hint == "" {
					t.Errorf("Import(%s) = %v, want a FileError %q with a hint", tc.file, err, tc.want)
				}
			case <-time.After(60 * time.Second):
				t.Fatalf("Import(%s) hangs", tc.file)
			}
		})
	}
}

// TestArchiveNames: names in the archive that climb out of a folder or
// are absolute are never paths: the file reads as the annex it holds and
// the import writes only its sheets, inside the site.
func TestArchiveNames(t *testing.T) {
	dir := emptySite(t)
	site := filepath.Join(dir, "sito")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	res := importInto(t, site, filepath.Join("ostili", "percorsi.docx"), Options{Piano: "p", Revisione: "rev-1"})
	for _, w := range res.Writes {
		if !strings.HasPrefix(w.Path, "content/p/") {
			t.Errorf("wrote %s", w.Path)
		}
	}
	if len(res.Writes) != 2 {
		t.Errorf("wrote %v, want the sheet and piano.yaml", res.names())
	}
	for _, p := range []string{filepath.Join(dir, "fuori.txt"), filepath.Join(site, "fuori.txt"), "/etc/piao-importa", filepath.Join(dir, "fuori.xml")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s exists", p)
		}
	}
}

// TestFormats: a file of a format piao does not read is told what to do.
func TestFormats(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"allegato.doc", "formato \".doc\""},
		{"allegato.pdf", "formato \".pdf\""},
		{"allegato", "formato \"\""},
	} {
		_, err := Read(tc.name, []byte("x"))
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, tc.want) || !strings.Contains(fe.Hint, ".docx") {
			t.Errorf("Read(%s) = %v", tc.name, err)
		}
	}
}
