package worddiff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []Span // nil: no word difference
	}{
		{
			// registro-imprese.md, descrizione: only the date changed
			name: "date in a long sentence",
			a:    "Definizione, tramite evasione o adozione provvedimento di rigetto, delle pratiche sospese alla data del 30.09.2023",
			b:    "Definizione, tramite evasione o adozione provvedimento di rigetto, delle pratiche sospese alla data del 31.12.2023",
			want: []Span{{Equal, "Definizione, tramite evasione o adozione provvedimento di rigetto, delle pratiche sospese alla data del "},
				{Delete, "30.09.2023"}, {Equal, " "}, {Insert, "31.12.2023"}},
		},
		{
			// registro-imprese.md, algoritmo: the same date twice
			name: "two dates in a formula",
			a:    "(n. pratiche anteriori al 30.09.2023 che risultano ancora sospese al 31.12.2024)/(n. pratiche anteriori al 30.09.2023 che risultano sospese al 15.01.2024)x100",
			b:    "(n. pratiche anteriori al 31.12.2023 che risultano ancora sospese al 31.12.2024)/(n. pratiche anteriori al 31.12.2023 che risultano sospese al 15.01.2024)x100",
			want: []Span{{Equal, "(n. pratiche anteriori al "}, {Delete, "30.09.2023"}, {Equal, " "}, {Insert, "31.12.2023"},
				{Equal, " che risultano ancora sospese al 31.12.2024)/(n. pratiche anteriori al "}, {Delete, "30.09.2023"}, {Equal, " "},
				{Insert, "31.12.2023"}, {Equal, " che risultano sospese al 15.01.2024)x100"}},
		},
		{
			// linea-1.yaml, algoritmo: words added, words removed
			name: "words replaced at the end",
			a:    "N. assessment (maturità digitale, cybersecurity, sostenibilità e energia) condotti sulla Doppia Transizione/10.000 imprese attive al 31.12",
			b:    "N. assessment (maturità digitale, cybersecurity, sostenibilità e energia) condotti dai PID sulla Doppia Transizione",
			want: []Span{{Equal, "N. assessment (maturità digitale, cybersecurity, sostenibilità e energia) condotti "}, {Insert, "dai PID"},
				{Equal, " sulla Doppia Transizione"}, {Delete, "/10.000 imprese attive al 31.12"}},
		},
		{
			name: "a comma added",
			a:    "gestione procedimenti ed adempimenti in attuazione della convenzione",
			b:    "gestione procedimenti, ed adempimenti in attuazione della convenzione",
			want: []Span{{Equal, "gestione procedimenti"}, {Insert, ","}, {Equal, " ed adempimenti in attuazione della convenzione"}},
		},
		{
			name: "a word removed at the start",
			a:    "Nuova gestione delle pratiche sospese",
			b:    "gestione delle pratiche sospese",
			want: []Span{{Delete, "Nuova"}, {Equal, " gestione delle pratiche sospese"}},
		},
		{name: "a target", a: "≤ 20%", b: "≤ 5%"},
		{name: "a weight", a: "80%", b: "50%"},
		{name: "a short text", a: "Interna", b: "Scrivania Telematica BO Suap InfoCamere"},
		{
			// linea-1.yaml, descrizione: rewritten whole
			name: "rewritten",
			a:    "Internazionalizzazione - Livello di supporto alle imprese",
			b:    "Utilizzo diverse tipologie di assessment e successivi servizi di assistenza erogata alle imprese da parte dei punti internazionalizzazione",
		},
		{name: "the same", a: "uno due tre quattro", b: "uno due tre quattro", want: []Span{{Equal, "uno due tre quattro"}}},
		{
			name: "markup is text",
			a:    `<script>alert("x")</script> resta com'è & basta`,
			b:    `<script>alert("y")</script> resta com'è & basta`,
			want: []Span{{Equal, `<script>alert("`}, {Delete, "x"}, {Equal, " "}, {Insert, "y"}, {Equal, `")</script> resta com'è & basta`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Diff(tt.a, tt.b)
			if ok != (tt.want != nil) || !equalSpans(got, tt.want) {
				t.Errorf("Diff(%q, %q) =\n%s (ok %v), want\n%s", tt.a, tt.b, show(got), ok, show(tt.want))
			}
		})
	}
}

// TestDiffRebuilds: on random edits of a long text, the kept and removed
// spans give back the earlier words, the kept and added ones the later
// words, and the same texts always give the same spans.
func TestDiffRebuilds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("il la di del al 30.09.2023 31.12.2023 pratiche sospese ≤ 20% , . ( ) n. G/59 l'attività RI/REA x100 € 1.105.500,00")
	checked := 0
	for range 2000 {
		a := make([]string, 5+r.IntN(80))
		for i := range a {
			a[i] = vocab[r.IntN(len(vocab))]
		}
		b := append([]string(nil), a...)
		for range r.IntN(12) {
			i := r.IntN(len(b) + 1)
			switch r.IntN(3) {
			case 0:
				b = append(b[:i], append([]string{vocab[r.IntN(len(vocab))]}, b[i:]...)...)
			case 1:
				if i < len(b) {
					b = append(b[:i], b[i+1:]...)
				}
			default:
				if i < len(b) {
					b[i] = vocab[r.IntN(len(vocab))]
				}
			}
		}
		ta, tb := strings.Join(a, " "), strings.Join(b, " ")
		spans, ok := Diff(ta, tb)
		if !ok {
			continue
		}
		checked++
		var before, after strings.Builder
		for _, s := range spans {
			if s.Op != Insert {
				before.WriteString(" " + s.Text + " ")
			}
			if s.Op != Delete {
				after.WriteString(" " + s.Text + " ")
			}
		}
		if got, want := texts(before.String()), texts(ta); got != want {
			t.Fatalf("Diff(%q, %q): kept and removed give %q", ta, tb, got)
		}
		if got, want := texts(after.String()), texts(tb); got != want {
			t.Fatalf("Diff(%q, %q): kept and added give %q", ta, tb, got)
		}
		if again, _ := Diff(ta, tb); !equalSpans(spans, again) {
			t.Fatalf("Diff(%q, %q) gave two answers", ta, tb)
		}
		for i := 1; i < len(spans); i++ {
			if spans[i].Op == spans[i-1].Op || spans[i].Text == "" {
				t.Fatalf("Diff(%q, %q): spans not merged: %s", ta, tb, show(spans))
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d of 2000 random edits gave a word difference", checked)
	}
}

// TestDiffBounded: a text of 50,000 words with two words changed far
// apart is compared, and one with more changes than the bound is not.
func TestDiffBounded(t *testing.T) {
	long := strings.Repeat("parola ", 50000)
	a := "inizio " + long + "fine"
	b := "avvio " + long + "chiusura"
	spans, ok := Diff(a, b)
	if !ok || len(spans) != 7 || spans[0].Text != "inizio" || spans[1].Text != " " || spans[6].Text != "chiusura" {
		t.Fatalf("two changes in 50,000 words: ok %v, %d spans", ok, len(spans))
	}
	var x, y []string
	for i := range 200 {
		x = append(x, "a", "comune")
		y = append(y, "b"+string(rune('a'+i%26)), "comune")
	}
	if _, ok := Diff(strings.Join(x, " "), strings.Join(y, " ")); ok {
		t.Error("200 words changed out of 400: a word difference, want none")
	}
}

// BenchmarkDiff: a long text with one change, and with more changes than
// the bound (the worst case: every round of the search, over the text).
func BenchmarkDiff(b *testing.B) {
	long := strings.Repeat("delle pratiche sospese alla data del 30.09.2023, ", 2000)
	for name, changed := range map[string]string{
		"one":  strings.Replace(long, "30.09.2023", "31.12.2023", 1),
		"many": strings.ReplaceAll(long, "sospese alla", "sospese entro la"),
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Diff(long, changed)
			}
		})
	}
}

func texts(s string) string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, t.text)
	}
	return strings.Join(out, "|")
}

func equalSpans(a, b []Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func show(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString([]string{"  = ", "  - ", "  + "}[s.Op] + "«" + s.Text + "»\n")
	}
	return b.String()
}
