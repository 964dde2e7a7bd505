package importa

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestImportDoc: docs/import.md lists every label piao knows, and its map
// example is a map piao reads.
func TestImportDoc(t *testing.T) {
	src, err := os.ReadFile("../../docs/import.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src)
	listed := map[string]bool{}
	for _, line := range strings.Split(doc[strings.Index(doc, "## Labels"):], "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		for _, part := range regexp.MustCompile(`[,;]`).Split(cells[2], -1) {
			if _, after, ok := strings.Cut(part, ":"); ok {
				part = after
			}
			listed[labelKey(part)] = true
		}
	}
	for field, labels := range knownLabels {
		for _, l := range labels {
			if !listed[labelKey(l)] {
				t.Errorf("docs/import.md does not list %q (%s)", l, field)
			}
		}
	}
	m := regexp.MustCompile("(?s)```yaml\n(# mappa-ente.yaml\n.*?)```").FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("no map example in docs/import.md")
	}
	mappa, err := ReadMappa([]byte(m[1]))
	if err != nil {
		t.Fatalf("the map of docs/import.md: %v", err)
	}
	if mappa.Etichette["ATTESO"] != iTarget || mappa.Etichette["NOTE DEL SERVIZIO"] != fIgnore || len(mappa.Etichette) != 13 {
		t.Errorf("the map of docs/import.md reads as %v", mappa.Etichette)
	}
}
