package synth

import (
	"fmt"
	"strings"
)

var words = strings.Fields(`attività servizi imprese digitalizzazione procedimenti pratiche
telematiche registro monitoraggio trasparenza comunicazione territorio sportello utenti
qualità tempi gestione controllo vigilanza promozione formazione personale patrimonio
bilancio convenzione comuni sostenibilità innovazione semplificazione verifica supporto`)

var (
	sources    = []string{"Interna", "Esterna - Priamo", "Scrivania Telematica", "Contabilità camerale"}
	measures   = []string{"Binario", "Percentuale", "Valore assoluto", "Giorni"}
	typologies = []string{"Realizzazione fisica", "Risultato (output)", "Efficienza", "Qualità"}
)

// phrase is a sentence of n words from the vocabulary.
func (g *gen) phrase(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[g.rnd.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *gen) pick(xs []string) string { return xs[g.rnd.IntN(len(xs))] }

// target is a target that fits the unit of measure, and a different
// earlier value for a revision.
func (g *gen) target(measure string) (now, before string) {
	switch measure {
	case "Binario":
		return "SI", "NO"
	case "Percentuale":
		return fmt.Sprintf("≥ %d%%", 50+g.rnd.IntN(50)), "≥ 40%"
	}
	return fmt.Sprintf("≥ %d", 10+g.rnd.IntN(90)), "≥ 5"
}

// weights splits 100% among k indicators.
func (g *gen) weights(k int) []int {
	switch k {
	case 1:
		return []int{100}
	case 2:
		w := 10 * (2 + g.rnd.IntN(7))
		return []int{w, 100 - w}
	}
	a := 10 * (1 + g.rnd.IntN(4))
	b := 10 * (1 + g.rnd.IntN(4))
	return []int{a, b, 100 - a - b}
}

// indicators writes the "indicatori" list; revised sheets have their first
// target changed by the plan's revision.
func (g *gen) indicators(b *strings.Builder, n int, revised bool) {
	k := 1 + g.rnd.IntN(3)
	b.WriteString("indicatori:\n")
	for j, w := range g.weights(k) {
		fmt.Fprintf(b, "  - id: ind-%d-%d\n", n, j+1)
		fmt.Fprintf(b, "    descrizione: %q\n", g.phrase(8+g.rnd.IntN(10)))
		fmt.Fprintf(b, "    algoritmo: %q\n", g.phrase(6+g.rnd.IntN(8)))
		measure := g.pick(measures)
		b.WriteString("    target:\n")
		for y := 2024; y <= 2026; y++ {
			t, before := g.target(measure)
			if revised && j == 0 && y == 2024 {
				fmt.Fprintf(b, "      %d: {valore: %q, precedente: %q, revisione: %s}\n", y, t, before, RevisionID)
				continue
			}
			fmt.Fprintf(b, "      %d: %q\n", y, t)
		}
		fmt.Fprintf(b, "    peso: %d%%\n", w)
		fmt.Fprintf(b, "    fonte: %q\n", g.pick(sources))
		fmt.Fprintf(b, "    unita_misura: %s\n", measure)
		fmt.Fprintf(b, "    tipologia: %q\n", g.pick(typologies))
		if revised && j == 0 {
			fmt.Fprintf(b, "    note_revisione:\n      - revisione: %s\n", RevisionID)
			fmt.Fprintf(b, "        revisione_attuata: %q\n        causa: %q\n", "revisione del target.", g.phrase(12))
		}
	}
}

// strategic returns the file name and text of strategic sheet i.
func (g *gen) strategic(i int) (string, string) {
	l := lines[i%len(lines)]
	var b strings.Builder
	fmt.Fprintf(&b, "# Scheda strategica sintetica %d\n", i+1)
	fmt.Fprintf(&b, "titolo: %q\n", fmt.Sprintf("Linea %s - %s (%d)", l.code, l.name, i+1))
	fmt.Fprintf(&b, "missioni:\n  - codice: \"0%d\"\n    nome: %q\n", 10+i%3, strings.ToUpper(g.phrase(3)))
	fmt.Fprintf(&b, "programma:\n  codice: \"00%d\"\n  nome: %q\n", 1+i%9, g.phrase(6))
	fmt.Fprintf(&b, "linea: %q\n", l.code)
	keys := make([]string, len(l.objs))
	for j, o := range l.objs {
		keys[j] = fmt.Sprintf("%q", o.key)
	}
	fmt.Fprintf(&b, "obiettivi_strategici: [%s]\n", strings.Join(keys, ", "))
	fmt.Fprintf(&b, "descrizione: %q\n", g.phrase(30))
	fmt.Fprintf(&b, "peso: %d%%\n", 10+g.rnd.IntN(20))
	b.WriteString("risorse:\n")
	for y := 2024; y <= 2026; y++ {
		fmt.Fprintf(&b, "  %d: \"€ %d.000,00\"\n", y, 5+g.rnd.IntN(90))
	}
	g.indicators(&b, i, i%4 == 0)
	return fmt.Sprintf("strategici/linea-%s-%05d.yaml", l.code, i+1), b.String()
}

// operational returns the file name and text of operational sheet i;
// every fifth is Markdown with a body, every tenth is revised.
func (g *gen) operational(i int) (string, string) {
	units := allUnits()
	au := units[i%len(units)]
	l := lines[g.rnd.IntN(len(lines))]
	o := l.objs[g.rnd.IntN(len(l.objs))]
	md := i%5 == 4
	var b strings.Builder
	if md {
		b.WriteString("---\n")
	}
	fmt.Fprintf(&b, "# Scheda operativa sintetica %d\n", i+1)
	fmt.Fprintf(&b, "area: %s\nunita: %s\n", au[0], au[1])
	fmt.Fprintf(&b, "linea: %q\nobiettivi_strategici: [%q]\n", l.code, o.key)
	fmt.Fprintf(&b, "obiettivo_operativo: %q\n", fmt.Sprintf("%s (%d)", g.phrase(10), i+1))
	fmt.Fprintf(&b, "peso: %s\n", g.unitWeight)
	g.indicators(&b, 100000+i, i%10 == 3)
	ext := ".yaml"
	if md {
		ext = ".md"
		fmt.Fprintf(&b, "---\n%s.\n\n%s: *%s*.\n", g.phrase(25), g.phrase(3), g.phrase(4))
	}
	return fmt.Sprintf("operativi/%s-%05d%s", au[1], i+1, ext), b.String()
}
