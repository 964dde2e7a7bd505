package importa

import (
	"regexp"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/textnorm"
)

// A field is where a label's value goes: a key of the content format,
// "indicatori." before an indicator's, "note_revisione." before a
// revision note's; or a heading that starts a sheet or its indicators.
const (
	fArea        = "area"
	fUnita       = "unita"
	fLinea       = "linea"
	fObiettivi   = "obiettivi_strategici"
	fObiettivo   = "obiettivo_operativo"
	fPeso        = "peso"
	fDescrizione = "descrizione"
	fMissioni    = "missioni"
	fProgramma   = "programma"
	fRisorse     = "risorse"
	fTitolo      = "titolo"
	fBody        = "note"

	iDescrizione = "indicatori.descrizione"
	iAlgoritmo   = "indicatori.algoritmo"
	iTarget      = "indicatori.target"
	iPeso        = "indicatori.peso"
	iFonte       = "indicatori.fonte"
	iUnita       = "indicatori.unita_misura"
	iTipologia   = "indicatori.tipologia"

	rAttuata = "note_revisione.revisione_attuata"
	rCausa   = "note_revisione.causa"

	hStrategic   = "scheda_strategica"
	hOperational = "scheda_operativa"
	hIndicators  = "indicatori"
	fIgnore      = "ignora"

	// fPesoAny is "PESO" alone: the sheet's weight before its indicators,
	// an indicator's after.
	fPesoAny = "peso?"
	// fDescrAny is "DESCRIZIONE" alone, read the same way.
	fDescrAny = "descrizione?"
)

// knownLabels are the labels PIAO annexes use, and their common variants,
// by field. Labels are compared folded (case, accents, apostrophes and
// punctuation ignored), without a trailing year ("TARGET 2024"), a
// footnote marker ("(*)") or a qualifier in brackets ("PESO OBIETTIVO
// (rispetto agli obt. str.)"). docs/import.md lists them: keep it in step.
var knownLabels = map[string][]string{
	hStrategic:   {"scheda obiettivo strategico", "scheda obiettivi strategici", "obiettivo strategico scheda"},
	hOperational: {"scheda obiettivo operativo", "schema obiettivo operativo", "scheda obiettivi operativi", "obiettivo operativo scheda"},
	hIndicators:  {"indicatore i", "indicatori", "indicatore/i"},
	fArea:        {"area", "area organizzativa", "area dirigenziale", "settore", "direzione"},
	fUnita:       {"unita organizzativa", "unita organizzativa responsabile", "uo", "u o", "servizio", "ufficio", "struttura", "struttura responsabile", "centro di responsabilita"},
	fLinea:       {"linea strategica", "linea", "area strategica", "ambito strategico", "priorita strategica", "linea di mandato"},
	fObiettivi:   {"obiettivo strategico", "obiettivi strategici", "obiettivo strategico di riferimento"},
	fObiettivo:   {"obiettivo operativo", "obiettivi operativi", "titolo obiettivo operativo", "descrizione obiettivo operativo", "obiettivo"},
	fPeso:        {"peso obiettivo", "peso dell obiettivo", "peso obiettivo operativo", "peso obiettivo strategico"},
	fMissioni:    {"missione", "missioni"},
	fProgramma:   {"programma", "programmi"},
	fRisorse:     {"risorse stanziate", "risorse", "risorse finanziarie", "risorse economiche", "stanziamento", "budget"},
	fDescrizione: {"descrizione obiettivo", "descrizione obiettivo strategico"},
	fDescrAny:    {"descrizione"},
	fBody:        {"note", "annotazioni", "note e osservazioni"},
	fTitolo:      {"titolo", "titolo breve"},
	iDescrizione: {"descrizione indicatore", "indicatore", "indicatore descrizione", "denominazione indicatore", "nome indicatore"},
	iAlgoritmo:   {"algoritmo di calcolo", "algoritmo", "formula", "formula di calcolo", "modalita di calcolo", "metodo di calcolo"},
	iTarget:      {"risultato atteso target", "target", "risultato atteso", "valore atteso", "valore target", "target atteso", "valore obiettivo"},
	iPeso:        {"peso indicatore", "peso dell indicatore"},
	fPesoAny:     {"peso", "peso %"},
	iFonte:       {"fonte del dato", "fonti del dato", "fonte", "fonte dei dati", "fonte dati", "fonti"},
	iUnita:       {"unita di misura", "um", "u m", "unita misura"},
	iTipologia:   {"tipologia indicatore", "tipologia", "tipo indicatore", "tipologia di indicatore", "tipo"},
	rAttuata:     {"revisione attuata", "modifica apportata", "revisione"},
	rCausa:       {"causa", "motivazione", "motivo", "causa della revisione"},
}

// mapFields are the fields a map may name.
var mapFields = []string{fArea, fUnita, fLinea, fObiettivi, fObiettivo, fPeso, fDescrizione, fMissioni, fProgramma,
	fRisorse, fTitolo, fBody, iDescrizione, iAlgoritmo, iTarget, iPeso, iFonte, iUnita, iTipologia, rAttuata, rCausa,
	hStrategic, hOperational, hIndicators, fIgnore}

// labels finds the field of a label: the office's map first, then the
// known labels.
type labels struct {
	byKey map[string]string
}

func newLabels(m *Mappa) *labels {
	l := &labels{byKey: map[string]string{}}
	for field, list := range knownLabels {
		for _, s := range list {
			l.byKey[labelKey(s)] = field
		}
	}
	if m != nil {
		for label, field := range m.Etichette {
			k, _, _ := splitLabel(label)
			l.byKey[k] = field
		}
	}
	return l
}

// labelOf is a cell's label: its field, the year it names ("TARGET
// 2024"), the footnote marker it carries ("(*)"); ok false when the text
// is no label.
func (l *labels) labelOf(text string) (field, year, marker string, ok bool) {
	if len(text) > 120 || strings.Contains(text, "\n") {
		return "", "", "", false
	}
	k, year, marker := splitLabel(text)
	field, ok = l.byKey[k]
	return field, year, marker, ok
}

var (
	markerRe  = regexp.MustCompile(`\s*\(\s*(\*{1,3}|[0-9]{1,2}|[a-z])\s*\)\s*$`)
	bracketRe = regexp.MustCompile(`\s*\([^)]*\)\s*$`)
	yearRe    = regexp.MustCompile(`(?i)\s*(?:anno\s+)?((?:19|20)[0-9]{2})\s*$`)
)

// splitLabel takes a trailing footnote marker, a bracketed qualifier and
// a year off a label, and folds the rest.
func splitLabel(text string) (key, year, marker string) {
	s := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), ":"))
	if m := markerRe.FindStringSubmatch(s); m != nil {
		marker = m[1]
		s = s[:len(s)-len(m[0])]
	}
	if m := yearRe.FindStringSubmatch(s); m != nil {
		year = m[1]
		s = s[:len(s)-len(m[0])]
	}
	s = bracketRe.ReplaceAllString(s, "")
	return labelKey(s), year, marker
}

// labelKey folds a label: lowercase, no accents, words of letters and
// digits (and "%") separated by one space.
func labelKey(s string) string {
	s = textnorm.Fold(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '%' || r > 0x7f {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
			continue
		}
		space = true
	}
	return b.String()
}

var yearCellRe = regexp.MustCompile(`(?i)^(?:anno\s+)?((?:19|20)[0-9]{2})$`)

// yearOf reads a cell that names a year: "2024", "Anno 2024".
func yearOf(text string) (string, bool) {
	m := yearCellRe.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// guess is the field whose known labels share the most words with an
// unknown label, for the map entry a report suggests; "" when none does.
func guess(label string) string {
	words := strings.Fields(labelKeyNoYear(label))
	best, bestN := "", 0
	fields := make([]string, 0, len(knownLabels))
	for f := range knownLabels {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		if f == hStrategic || f == hOperational || f == hIndicators {
			continue
		}
		for _, known := range knownLabels[f] {
			n := 0
			for _, w := range strings.Fields(known) {
				for _, x := range words {
					if len(w) > 3 && w == x {
						n++
					}
				}
			}
			if n > bestN {
				best, bestN = f, n
			}
		}
	}
	switch best {
	case fPesoAny:
		return iPeso
	case fDescrAny:
		return iDescrizione
	}
	return best
}

func labelKeyNoYear(s string) string {
	k, _, _ := splitLabel(s)
	return k
}
