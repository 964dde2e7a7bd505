package importa

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Mappa is an office's own labels and column headings, each with the
// field it holds (--mappa FILE):
//
//	etichette:
//	  "OBIETTIVO DI PERFORMANCE": obiettivo_operativo
//	  "INDICATORE DI RISULTATO": indicatori.descrizione
//	  "VALORE ATTESO": indicatori.target
//	  "NOTE DEL SERVIZIO": ignora
//
// A label is compared as the known ones are: case, accents, punctuation,
// a trailing year and a footnote marker ignored.
type Mappa struct {
	Etichette map[string]string `yaml:"etichette"`
}

// ReadMappa reads a map file; a mistake is a *FileError naming its line.
func ReadMappa(data []byte) (*Mappa, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fileErr(hintMappa, msgMappaSyntax, err.Error())
	}
	var m Mappa
	if len(doc.Content) == 0 {
		return nil, fileErr(hintMappa, msgMappaEmpty)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fileErr(hintMappa, msgMappaShape, root.Line)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "etichette" || v.Kind != yaml.MappingNode {
			return nil, fileErr(hintMappa, msgMappaShape, k.Line)
		}
		m.Etichette = map[string]string{}
		for j := 0; j+1 < len(v.Content); j += 2 {
			label, field := v.Content[j], v.Content[j+1]
			if field.Kind != yaml.ScalarNode || !slices.Contains(mapFields, field.Value) {
				return nil, fileErr(fmt.Sprintf(hintMappaField, strings.Join(mapFields, ", ")), msgMappaField, field.Line, field.Value)
			}
			m.Etichette[label.Value] = field.Value
		}
	}
	return &m, nil
}

// mapEntry writes the map lines that would read the given labels, with
// the field piao guesses for each (CAMPO when it has no guess).
func mapEntry(labels []string) string {
	labels = slices.Clone(labels)
	sort.Strings(labels)
	var b strings.Builder
	b.WriteString("etichette:\n")
	for _, l := range slices.Compact(labels) {
		f := guess(l)
		if f == "" {
			f = "CAMPO"
		}
		fmt.Fprintf(&b, "  %s: %s\n", quote(l), f)
	}
	return b.String()
}
