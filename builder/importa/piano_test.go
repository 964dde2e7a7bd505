package importa

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao/builder"
)

// TestEditPiano: the entries an import adds go into the lists they
// belong to, indented as their neighbours, and every line of piano.yaml
// stays as it was.
func TestEditPiano(t *testing.T) {
	src, err := os.ReadFile("../../content/" + examplePlan + "/piano.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ix := newPlanIndex(exampleModel(t))
	ix.unit("Area 1 - Promozione e servizi anagrafici", "DIRITTO ANNUALE")
	ix.unit("AREA 4 - STUDI", "UFFICIO STUDI")
	ix.objective(ix.line("4", ""), "4.4", "TRASPARENZA DEI DATI")
	ix.objective(ix.line("1", ""), "OC", "Sostenere le filiere")
	ix.objective(ix.line("6", "Sostenibilità"), "6.1", "Energia")
	out, err := editPiano(src, additions{ix: ix, revision: "rev-2025-03"})
	if err != nil {
		t.Fatal(err)
	}
	// Every line of the file is still there, in order.
	rest := string(out)
	for _, line := range strings.SplitAfter(string(src), "\n") {
		i := strings.Index(rest, line)
		if i < 0 {
			t.Fatalf("line lost: %q", line)
		}
		rest = rest[i+len(line):]
	}
	fsys := fstest.MapFS{
		"config.yaml":                            {Data: []byte("ente:\n  nome: Ente\n")},
		"content/" + examplePlan + "/piano.yaml": {Data: out},
	}
	model, _ := builder.LoadAndCheck(fsys)
	p := model.Plans[0]
	n := names{p}
	for code, want := range map[string]string{
		"diritto-annuale": nameKey("Area 1 - Promozione e servizi anagrafici") + "/" + nameKey("DIRITTO ANNUALE"),
		"ufficio-studi":   nameKey("AREA 4 - STUDI") + "/" + nameKey("UFFICIO STUDI"),
	} {
		if got := n.unit(code); got != want {
			t.Errorf("unit %s: %s, want %s", code, got, want)
		}
	}
	for _, tc := range []struct{ line, key, want string }{
		{"4", "4.4", "4.4 " + nameKey("TRASPARENZA DEI DATI")},
		{"1", "oc-sostenere-filiere", "OC " + nameKey("Sostenere le filiere")},
		{"6", "6.1", "6.1 " + nameKey("Energia")},
	} {
		if got := n.objective(tc.line, tc.key); got != tc.want {
			t.Errorf("objective %s of line %s: %s, want %s", tc.key, tc.line, got, tc.want)
		}
	}
	if n := len(p.Revisioni); n != 2 || p.Revisioni[1].ID.S != "rev-2025-03" {
		t.Errorf("revisions: %v", p.Revisioni)
	}
}
