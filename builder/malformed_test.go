package builder

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// diskSite writes the test site, with files replaced or added by extra (nil
// removes), into a new folder.
func diskSite(t *testing.T, extra map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{}
	for name, f := range testSite(nil) {
		files[name] = f.Data
	}
	for name, b := range extra {
		files[name] = b
	}
	for name, b := range files {
		if b == nil {
			continue
		}
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rootFS opens dir as piao's command line does (OpenSite): nothing read
// through it can leave it.
func rootFS(t *testing.T, dir string) fs.FS {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
	site, done := OpenSite(dir)
	t.Cleanup(done)
	return site
}

// checkWithin runs LoadAndCheck and fails the test if it does not return
// within a generous deadline: a FIFO must never block a build.
func checkWithin(t *testing.T, fsys fs.FS) Diagnostics {
	t.Helper()
	done := make(chan Diagnostics, 1)
	go func() {
		_, ds := LoadAndCheck(fsys)
		done <- ds
	}()
	select {
	case ds := <-done:
		return ds
	case <-time.After(20 * time.Second):
		t.Fatal("the check is blocked")
		return nil
	}
}

func utf16File(s string, bigEndian bool) []byte {
	var b bytes.Buffer
	order := binary.ByteOrder(binary.LittleEndian)
	b.Write([]byte{0xFF, 0xFE})
	if bigEndian {
		order = binary.BigEndian
		b.Reset()
		b.Write([]byte{0xFE, 0xFF})
	}
	for _, u := range utf16.Encode([]rune(s)) {
		_ = binary.Write(&b, order, u)
	}
	return b.Bytes()
}

const unoYAML = "content/p/operativi/uno.yaml"

// TestMalformedFiles: each kind of malformed file is a clear error at its
// place, or an accepted form (documented in docs/content-format.md) that
// keeps positions true.
func TestMalformedFiles(t *testing.T) {
	typo := strings.Replace(testSheet, "peso: 50%", "pes: 50%", 1) // an error on line 6, to check positions
	nested := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	bomb := "area: &a [x, x, x, x, x, x, x, x, x]\nunita: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nlinea: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nindicatori: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	tests := []struct {
		name    string
		content []byte
		want    string // "pos: message" prefix of the first diagnostic of the sheet
	}{
		{"BOM is accepted", []byte("\ufeff" + typo), unoYAML + `:6:1: errore: campo sconosciuto "pes"`},
		{"CRLF is accepted", []byte(strings.ReplaceAll(typo, "\n", "\r\n")), unoYAML + `:6:1: errore: campo sconosciuto "pes"`},
		{"lone CR is accepted", []byte(strings.ReplaceAll(typo, "\n", "\r")), unoYAML + `:6:1: errore: campo sconosciuto "pes"`},
		{"UTF-16 LE with BOM is accepted", utf16File(typo, false), unoYAML + `:6:1: errore: campo sconosciuto "pes"`},
		{"UTF-16 BE with BOM is accepted", utf16File(typo, true), unoYAML + `:6:1: errore: campo sconosciuto "pes"`},
		{"UTF-16 without BOM", utf16File(testSheet, false)[2:], unoYAML + ": errore: il file sembra salvato in UTF-16"},
		{"invalid UTF-8", []byte("area: a1\nunita: u\xe0 1\n"), unoYAML + ":2:9: errore: byte 0xe0 non valido: il file non è in UTF-8"},
		{"Latin-1 accent", []byte("area: a1\nobiettivo_operativo: qualit\xe0\n"), unoYAML + ":2:28: errore: byte 0xe0 non valido"},
		{"Word manual line break", []byte("area: a1\nobiettivo_operativo: riga\vpoi\n"), unoYAML + ":2:26: errore: carattere di controllo U+000B non ammesso"},
		{"empty file", []byte{}, unoYAML + ":1:1: errore: il file è vuoto"},
		{"only comments", []byte("# scheda da scrivere\n\n"), unoYAML + ":1:1: errore: il file è vuoto"},
		{"binary file", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), unoYAML + ":3:1: errore: byte nullo (NUL) non ammesso"},
		{"NUL byte at its place", []byte("area: a1\nunita: u1\nlinea: \"1\x00\"\n"), unoYAML + ":3:10: errore: byte nullo (NUL) non ammesso"},
		{"only white space", []byte("  \n\t\n   \t\n"), unoYAML + ":1:1: errore: il file è vuoto"},
		{"unknown % directive", []byte("%FOO bar\n---\n" + testSheet), unoYAML + ":1:1: errore: sintassi YAML non valida: direttiva YAML sconosciuta"},
		{"second document", []byte(testSheet + "---\npeso: 10%\n"), unoYAML + ":16:1: errore: il file continua dopo un separatore di documento YAML"},
		{"second document after ...", []byte(testSheet + "...\nx: [\n"), unoYAML + ":16:1: errore: il file continua dopo un separatore di documento YAML"},
		{"deep nesting", []byte("a: " + nested + "\n"), unoYAML + ":1:"},
		{"alias bomb", []byte(bomb), unoYAML + ":1:7: errore: alias e ancore YAML"},
		{"over the size cap", bytes.Repeat([]byte("#"), MaxFileSize+1), unoYAML + ": errore: file troppo grande (oltre 4 MB)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := diskSite(t, map[string][]byte{unoYAML: tt.content})
			start := time.Now()
			ds := checkWithin(t, rootFS(t, dir))
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			for _, d := range ds {
				if strings.Contains(d.Source, "\r") {
					t.Errorf("source line %q keeps a CR", d.Source)
				}
				if strings.HasPrefix(d.String(), tt.want) {
					return
				}
			}
			t.Errorf("want %s…; got:\n%s", tt.want, ds.Error())
		})
	}
}

// TestUnicodeAccepted: a UTF-16 sheet reads the same as its UTF-8 copy.
func TestUnicodeAccepted(t *testing.T) {
	src := strings.Replace(testSheet, "Fare qualcosa", "Qualità dei servizi – “Più” veloci", 1)
	for _, b := range [][]byte{[]byte(src), utf16File(src, false), utf16File(src, true), []byte("\ufeff" + strings.ReplaceAll(src, "\n", "\r\n"))} {
		site, ds := LoadAndCheck(rootFS(t, diskSite(t, map[string][]byte{unoYAML: b})))
		if ds.HasErrors() {
			t.Fatal(ds.Error())
		}
		if got := site.Plans[0].Operational[0].Obiettivo.S; got != "Qualità dei servizi – “Più” veloci" {
			t.Errorf("read %q", got)
		}
	}
}

// headlines is the first line of each diagnostic.
func headlines(ds Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(strings.SplitN(d.String(), "\n", 2)[0] + "\n")
	}
	return b.String()
}

// TestFrontMatterForms: a Markdown sheet's front matter, with BOM and CRLF,
// or never closed.
func TestFrontMatterForms(t *testing.T) {
	md := "---\n" + testSheet + "---\nCorpo.\n"
	tests := []struct{ name, src, want string }{
		{"CRLF and BOM", "\ufeff" + strings.ReplaceAll(md, "\n", "\r\n"), ""},
		{"no closing line", "---\n" + testSheet, "content/p/operativi/uno.md:1:1: errore: intestazione YAML (front matter) assente o non chiusa"},
		{"no front matter", "Solo testo.\n", "content/p/operativi/uno.md:1:1: errore: intestazione YAML"},
		{"empty front matter", "---\n---\nCorpo.\n", "content/p/operativi/uno.md:1:1: errore: il file è vuoto"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := LoadAndCheck(testSite(map[string]string{unoYAML: "", "content/p/operativi/uno.md": tt.src}))
			if got := strings.TrimSpace(headlines(ds)); !strings.HasPrefix(got, tt.want) || (tt.want == "" && got != "") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
