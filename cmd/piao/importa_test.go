package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const annexDir = "../../builder/importa/testdata/annex/"

// TestImportaCommand: the whole command on the real binary. --prova
// writes nothing and says what it would write; the import writes the
// sheets and piano.yaml of an empty site, runs the check and prints its
// findings (exit 1 while piano.yaml lacks what no annex states); run
// again, it leaves everything alone.
func TestImportaCommand(t *testing.T) {
	site := filepath.Join(t.TempDir(), "sito")
	os.MkdirAll(site, 0o755)
	cfg, _ := os.ReadFile("../../config.yaml")
	os.WriteFile(filepath.Join(site, "config.yaml"), cfg, 0o644)
	before := listTree(t, site)
	out, errOut, code := runPiao(t, "importa", annexDir+"allegato-barrato.docx", "-s", site, "--piano", "piao-2024-2026", "--revisione", "rev-2024-09", "--prova")
	if code != 1 || !strings.Contains(out, "da scrivere: content/piao-2024-2026/operativi/suap.yaml (nuova scheda)") ||
		!strings.Contains(out, "prova: 16 file da scrivere (nessuno scritto)") || !strings.Contains(errOut, `manca il campo obbligatorio "titolo"`) {
		t.Errorf("--prova: exit %d\n%s\n%s", code, out, errOut)
	}
	if after := listTree(t, site); !reflect.DeepEqual(before, after) {
		t.Error("--prova wrote files")
	}
	out, errOut, code = runPiao(t, "importa", annexDir+"allegato-barrato.docx", "-s", site, "--piano", "piao-2024-2026", "--revisione", "rev-2024-09")
	if code != 1 || !strings.Contains(out, "importazione: 16 file scritti") {
		t.Errorf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "piao-2024-2026", "operativi", "suap.yaml")); err != nil {
		t.Error(err)
	}
	written := listTree(t, site)
	out, _, _ = runPiao(t, "importa", annexDir+"allegato-revisioni.odt", "-s", site, "--revisione", "rev-2024-09")
	if !strings.Contains(out, "importazione: 0 file scritti, 15 schede invariate") {
		t.Errorf("second import:\n%s", out)
	}
	if after := listTree(t, site); !reflect.DeepEqual(written, after) {
		t.Error("the second import changed files")
	}
}

// TestImportaErrors: a file piao cannot read exits 1 with its message;
// a mistake on the command line exits 2.
func TestImportaErrors(t *testing.T) {
	site := copyExample(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{annexDir + "ostili/cifrato.odt"}, 1, "errore: il file è protetto da password"},
		{[]string{annexDir + "ostili/bomba.docx"}, 1, "si espande oltre ogni misura"},
		{[]string{annexDir + "etichette-sconosciute.docx"}, 1, "tabella non letta"},
		{[]string{annexDir + "manca.docx"}, 1, "il file non esiste"},
		{[]string{annexDir + "allegato.xlsx", "--mappa", annexDir + "allegato.xlsx"}, 1, "la mappa non è YAML valido"},
		{[]string{}, 2, "manca il file da importare"},
		{[]string{annexDir + "allegato.xlsx", "--piano", "Piano 2025"}, 2, "non è un nome di piano"},
	} {
		_, errOut, code := runPiao(t, append([]string{"importa", "-s", site}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("piao importa %v: exit %d, want %d with %q\n%s", tc.args, code, tc.code, tc.want, errOut)
		}
	}
}
