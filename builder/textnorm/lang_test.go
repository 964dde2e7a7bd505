package textnorm

import (
	"slices"
	"testing"
)

// TestLangSameTerm: in each language, the forms a reader may type for one
// word meet: case, accents and umlauts, "ae" for "ä", ß and "ss",
// singular and plural.
func TestLangSameTerm(t *testing.T) {
	groups := map[*Lang][][]string{
		German: {
			{"Prüfung", "Pruefung", "PRÜFUNG", "Prufung", "PRUEFUNG"},
			{"Straße", "Strasse", "STRASSE", "STRAẞE"},
			{"Maßnahmen", "Massnahmen", "Maßnahme"},
			{"Tätigkeit", "Taetigkeit", "Tätigkeiten"},
			{"Zahlung", "Zahlungen", "ZAHLUNGEN"},
			{"Ziel", "Ziele", "Zieles"},
			{"Änderung", "Aenderung", "Änderungen"},
			{"Übersicht", "Uebersicht"},
			{"März", "Maerz", "Marz"},
		},
		French: {
			{"entreprise", "entreprises", "l'entreprise", "L’Entreprise", "d'entreprises"},
			{"délai", "délais", "DELAIS", "delai"},
			{"qualité", "qualités", "Qualite"},
			{"réalisé", "réalisée", "réalisées", "réalisés"},
			{"nouvelle", "nouvel", "nouvelles"},
			{"œuvre", "oeuvre", "Œuvres"},
		},
		Slovenian: {
			{"plačilo", "plačila", "plačil", "plačilom", "placilo"},
			{"kazalnik", "kazalniki", "kazalnikov"},
			{"občina", "občine", "Občini"},
		},
		English: {
			{"payment", "payments", "Payments"},
			{"policy", "policies"},
			{"process", "processes"},
			{"activity", "activities"},
			{"approach", "approaches"},
			{"deadline", "deadlines", "the deadline's"},
		},
	}
	for l, gs := range groups {
		for _, g := range gs {
			want := l.QueryTerms(g[0])
			if len(want) != 1 {
				t.Fatalf("%s: QueryTerms(%q) = %q, want one term", l.Code, g[0], want)
			}
			for _, w := range g[1:] {
				if got := l.QueryTerms(w); !slices.Equal(got, want) {
					t.Errorf("%s: QueryTerms(%q) = %q, want %q like %q", l.Code, w, got, want, g[0])
				}
			}
		}
	}
}

// TestGermanCompounds: a compound is found by its parts where a linking s
// marks them, "Zahlungen" finds "Zahlungsfristen"; a word without such a
// mark stays whole.
func TestGermanCompounds(t *testing.T) {
	tests := []struct {
		text, query string
		found       bool
	}{
		{"Einhaltung der Zahlungsfristen", "Zahlungen", true},
		{"Einhaltung der Zahlungsfristen", "Fristen", true},
		{"Einhaltung der Zahlungsfristen", "Zahlungsfrist", true},
		{"Qualitätssicherung der Dienste", "Qualität", true},
		{"Qualitätssicherung der Dienste", "Sicherung", true},
		{"Sicherheitsmaßnahmen", "Maßnahmen", true},
		{"Organisationseinheiten der Gemeinde", "Organisation", true},
		{"Wirtschaftsförderung", "Förderung", true},
		{"Verwaltungsverfahren", "Verfahren", true},
		{"Gemeindeausschuss", "Ausschuss", false}, // no linking mark: not split
		{"Rationalisierung", "Ration", false},     // "ion" with no s after it
	}
	for _, tt := range tests {
		terms := German.Terms(tt.text)
		q := German.QueryTerms(tt.query)
		if len(q) != 1 {
			t.Fatalf("QueryTerms(%q) = %q", tt.query, q)
		}
		if got := slices.Contains(terms, q[0]); got != tt.found {
			t.Errorf("%q in %q (terms %q): found %v, want %v", tt.query, tt.text, terms, got, tt.found)
		}
	}
	if got := German.Parts("zahlungsfristen"); !slices.Equal(got, []string{"zahlung", "fristen"}) {
		t.Errorf("Parts(zahlungsfristen) = %q", got)
	}
	if got := German.Parts("ungsgut"); got != nil {
		t.Errorf("Parts(ungsgut) = %q, want none: too short on each side", got)
	}
	if got := Italian.Parts("zahlungsfristen"); got != nil {
		t.Errorf("Italian splits compounds: %q", got)
	}
}

// TestGermanNormalise: "ae", "oe", "ue" written for an umlaut are read as
// it; not in "aue", "eue", "que".
func TestGermanNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"pruefung": "prufung", "aenderung": "anderung", "oeffentlich": "offentlich", "ueber": "uber",
		"bauer": "bauer", "neue": "neue", "quelle": "quelle", "steuer": "steuer", "prufung": "prufung",
	} {
		if got := German.Normalise(in); got != want {
			t.Errorf("Normalise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLangDates: each language's dates with the month's name are the
// date, as the Italian ones are.
func TestLangDates(t *testing.T) {
	tests := []struct {
		l     *Lang
		forms []string
	}{
		{German, []string{"30.06.2024", "30. Juni 2024", "30. JUNI 2024", "30/06/2024", "2024-06-30"}},
		{German, []string{"01.01", "1. Jänner", "1. Januar", "1. Jaenner"}},
		{German, []string{"03.03", "3. März", "3. Maerz"}},
		{French, []string{"01.01.2024", "1er janvier 2024", "1 janvier 2024", "1er Janvier 2024"}},
		{French, []string{"15.08", "15 août", "15 aout"}},
		{Slovenian, []string{"30.06.2024", "30. junij 2024", "30. junija 2024"}},
		{English, []string{"30.06.2024", "30 June 2024", "30th June 2024"}},
		{English, []string{"01.07", "1st July", "1 July"}},
	}
	for _, tt := range tests {
		want := tt.l.QueryTerms(tt.forms[0])
		for _, f := range tt.forms[1:] {
			if got := tt.l.QueryTerms(f); !slices.Equal(got, want) {
				t.Errorf("%s: QueryTerms(%q) = %q, want %q like %q", tt.l.Code, f, got, want, tt.forms[0])
			}
		}
	}
	if got := Italian.QueryTerms("30. Juni"); slices.Contains(got, "30.06") {
		t.Errorf("Italian reads a German date: %q", got)
	}
}

// TestLangStopWords: every language's stop words are sorted, folded and
// normalised, and dropped.
func TestLangStopWords(t *testing.T) {
	for _, l := range langs {
		list := l.StopWords()
		if !slices.IsSorted(list) || len(slices.Compact(slices.Clone(list))) != len(list) {
			t.Errorf("%s: the stop list is not sorted, or repeats a word", l.Code)
		}
		for _, w := range list {
			if Fold(w) != w || l.Normalise(w) != w || !slices.Equal(l.Words("piano "+w+" piano"), []string{"piano", "piano"}) {
				t.Errorf("%s: stop word %q is not folded, normalised or dropped", l.Code, w)
			}
		}
	}
	if For("xx") != nil || For("de") != German || !slices.Equal(Languages(), []string{"it", "de", "fr", "sl", "en"}) {
		t.Errorf("For or Languages: %v", Languages())
	}
}
