package synth

import (
	"fmt"
	"strings"
)

var (
	sources    = []string{"Interna", "Interna", "Interna", "Esterna - Priamo", "Scrivania Telematica BO Suap InfoCamere", "Piattaforma MEF \"AreaRGS\" (ex PCC)", "Contabilità camerale"}
	measures   = []string{"Binario", "Binario", "Valore assoluto", "Valore assoluto", "Percentuale", "Data", "Giorni"}
	typologies = []string{"Realizzazione fisica", "Realizzazione fisica", "Risultato (output)", "Efficienza", "Efficacia", "Qualità", "Impatto (outcome)"}
)

// strategic returns the file name and text of strategic sheet i.
func (g *gen) strategic(i int) (string, string) {
	l := lines[i%len(lines)]
	m := missions[l.code]
	pr := programmes[strings.Trim(m[0], `"`)]
	s := g.newSheet()
	var b strings.Builder
	fmt.Fprintf(&b, "# Scheda obiettivo strategico sintetica %d\n", i+1)
	fmt.Fprintf(&b, "titolo: %q\n", fmt.Sprintf("Linea %s - %s: %s", l.code, l.name, g.phrase(5)))
	fmt.Fprintf(&b, "missioni:\n  - codice: %s\n    nome: %q\n", m[0], m[1])
	fmt.Fprintf(&b, "programma:\n  codice: %s\n  nome: %q\n", pr[0], pr[1])
	fmt.Fprintf(&b, "linea: %q\n", l.code)
	keys := make([]string, len(l.objs))
	for j, o := range l.objs {
		keys[j] = fmt.Sprintf("%q", o.key)
	}
	fmt.Fprintf(&b, "obiettivi_strategici: [%s]\n", strings.Join(keys, ", "))
	fmt.Fprintf(&b, "descrizione: %q\n", g.phrase(40+g.rnd.IntN(30)))
	fmt.Fprintf(&b, "peso: %d%%\n", 10+5*g.rnd.IntN(5))
	b.WriteString("risorse:\n")
	for j, y := range g.years() {
		now := fmt.Sprintf("€ %d.%03d,00", 5+g.rnd.IntN(900), 100*g.rnd.IntN(10))
		if s.changeSheet && j == 0 {
			fmt.Fprintf(&b, "  %d: {valore: %q, precedente: %q, revisione: %s}\n", y, now, fmt.Sprintf("€ %d.000,00", 1+g.rnd.IntN(4)), g.rev)
			continue
		}
		fmt.Fprintf(&b, "  %d: %q\n", y, now)
	}
	g.writeIndicators(&b, s)
	g.writeRevNote(&b, s)
	return fmt.Sprintf("strategici/linea-%s-%05d.yaml", l.code, i+1), b.String()
}

// operational returns the file name and text of operational sheet i;
// every fifth is Markdown with a body.
func (g *gen) operational(i int) (string, string) {
	units := allUnits()
	au := units[i%len(units)]
	l := lines[g.rnd.IntN(len(lines))]
	o := l.objs[g.rnd.IntN(len(l.objs))]
	md := i%5 == 4
	s := g.newSheet()
	var b strings.Builder
	if md {
		b.WriteString("---\n")
	}
	fmt.Fprintf(&b, "# Scheda obiettivo operativo sintetica %d\n", i+1)
	fmt.Fprintf(&b, "area: %s\nunita: %s\n", au[0], au[1])
	fmt.Fprintf(&b, "linea: %q\nobiettivi_strategici: [%q]\n", l.code, o.key)
	objective, before := g.phrase(8+g.rnd.IntN(10)), ""
	if s.changeSheet {
		before = g.phrase(9)
	}
	g.writeValue(&b, "", "obiettivo_operativo", objective, before)
	if i%3 == 0 {
		fmt.Fprintf(&b, "descrizione: %q\n", g.phrase(25+g.rnd.IntN(20)))
	}
	fmt.Fprintf(&b, "peso: %s\n", g.unitWeight)
	g.writeIndicators(&b, s)
	g.writeRevNote(&b, s)
	ext := ".yaml"
	if md {
		ext = ".md"
		fmt.Fprintf(&b, "---\n%s.\n\n%s: *%s*.\n", g.phrase(30), g.phrase(3), g.phrase(5))
	}
	return fmt.Sprintf("operativi/%s-%05d%s", au[1], i+1, ext), b.String()
}

// writeRevNote writes the sheet's revision note: what the revision did and
// why, for every revised sheet.
func (g *gen) writeRevNote(b *strings.Builder, s *sheet) {
	if !s.revised {
		return
	}
	fmt.Fprintf(b, "note_revisione:\n  - revisione: %s\n    revisione_attuata: %q\n    causa: %q\n",
		g.rev, s.done, g.phrase(15+g.rnd.IntN(25)))
}

// writeIndicators writes the "indicatori" list.
func (g *gen) writeIndicators(b *strings.Builder, s *sheet) {
	b.WriteString("indicatori:\n")
	for _, ind := range s.inds {
		fmt.Fprintf(b, "  - id: %s\n", ind.id)
		switch {
		case ind.removed:
			fmt.Fprintf(b, "    stralcio: %s\n", g.rev)
		case ind.added:
			fmt.Fprintf(b, "    inserito: %s\n", g.rev)
		}
		g.writeValue(b, "    ", "descrizione", ind.desc, ind.descPrev)
		g.writeValue(b, "    ", "algoritmo", ind.algo, ind.algoPrev)
		b.WriteString("    target:\n")
		for j, y := range g.years() {
			g.writeValue(b, "      ", fmt.Sprint(y), ind.targets[j], ind.targetsPrev[j])
		}
		peso, prev := fmt.Sprintf("%d%%", ind.weight), ""
		if ind.weightPrev > 0 {
			prev = fmt.Sprintf("%d%%", ind.weightPrev)
		}
		g.writeValue(b, "    ", "peso", peso, prev)
		fmt.Fprintf(b, "    fonte: %q\n    unita_misura: %s\n    tipologia: %q\n", ind.source, ind.measure, ind.typology)
	}
}

// writeValue writes key: value, with its earlier value if it has one.
func (g *gen) writeValue(b *strings.Builder, indent, key, now, before string) {
	if before == "" {
		fmt.Fprintf(b, "%s%s: %q\n", indent, key, now)
		return
	}
	fmt.Fprintf(b, "%s%s: {valore: %q, precedente: %q, revisione: %s}\n", indent, key, now, before, g.rev)
}

// target is a target that fits the unit of measure, and a different
// earlier value for a revision.
func (g *gen) target(measure string) (now, before string) {
	switch measure {
	case "Binario":
		return "SI", "NO"
	case "Percentuale":
		n := 50 + g.rnd.IntN(50)
		return fmt.Sprintf("≥ %d%%", n), fmt.Sprintf("≥ %d%%", n-10)
	case "Data":
		return "entro il 30.06", "entro il 31.12"
	case "Giorni":
		n := 5 + g.rnd.IntN(55)
		return fmt.Sprintf("≤ %d giorni", n), fmt.Sprintf("≤ %d giorni", n+5)
	}
	n := 2 + g.rnd.IntN(200)
	return fmt.Sprintf("≥ %d", n), fmt.Sprintf("≥ %d", n+n/2+1)
}
