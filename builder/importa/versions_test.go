package importa

import (
	"slices"
	"strings"
	"testing"
)

// para writes runs in a small notation: ~struck~, -deleted-, +inserted+,
// _underlined_; a date follows a tracked change after "@".
func runs(spec ...string) Para {
	var p Para
	for _, s := range spec {
		r := Run{Text: s}
		if len(s) > 1 {
			marks := map[byte]Mark{'~': Struck, '-': Deleted, '+': Inserted, '_': Underlined}
			if m, ok := marks[s[0]]; ok {
				body, date, _ := strings.Cut(s[1:], "@")
				r = Run{Text: strings.TrimSuffix(body, s[:1]), Mark: m, Date: date}
			}
		}
		p.Runs = append(p.Runs, r)
	}
	return p
}

func TestVersions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dates []string
		para  Para
		want  []string
	}{
		{"plain", []string{""}, runs("30%"), []string{"30%", "30%"}},
		{"struck then new", []string{""}, runs("~≥ 12~", " ", "80"), []string{"≥ 12", "80"}},
		{"struck and underlined", []string{""}, runs("€ ", "~1.105.500,00~", " ", "_1.201.904,83_"), []string{"€ 1.105.500,00", "€ 1.201.904,83"}},
		{"a word changed", []string{""}, runs("alla data del ", "~30.09.2023~", " ", "_31.12.2023_", " che"),
			[]string{"alla data del 30.09.2023 che", "alla data del 31.12.2023 che"}},
		{"tracked", []string{"2024-09-12"}, runs("N. imprese ", "-supportate@2024-09-12T10:00:00Z-", "+coinvolte@2024-09-12T10:00:00Z+"),
			[]string{"N. imprese supportate", "N. imprese coinvolte"}},
		{"two revisions struck", []string{"2024-09-12", ""}, runs("~80%~", " ", "~50%~", " ", "40%"), []string{"80%", "50%", "40%"}},
		{"two revisions tracked", []string{"2024-09-12", "2025-03-20"},
			runs("-80%@2024-09-10-", "-50%@2025-03-01-", "+40%@2025-03-01+"), []string{"80%", "50%", "40%"}},
		{"changed by the second only", []string{"2024-09-12", "2025-03-20"}, runs("n. azioni", "+ svolte@2025-03-01+"),
			[]string{"n. azioni", "n. azioni", "n. azioni svolte"}},
		{"wholly struck", []string{""}, runs("~Supporto realizzazione Bilancio Sociale~"), []string{"Supporto realizzazione Bilancio Sociale", ""}},
		{"wholly inserted", []string{""}, runs("+SI+"), []string{"", "SI"}},
		{"spaces collapsed", []string{""}, runs("  a  ", "\t b "), []string{"a b", "a b"}},
	} {
		doc := &Document{Struck: true}
		sc := &scope{doc: doc, dates: tc.dates}
		for i := range tc.dates {
			sc.ids = append(sc.ids, "r"+string(rune('1'+i)))
		}
		if got := sc.versions([]Para{tc.para}); !slices.Equal(got, tc.want) {
			t.Errorf("%s: versions = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestAmbiguous: two struck values in a row where one revision is in
// scope are read as one earlier value, with the cell in a comment.
func TestAmbiguous(t *testing.T) {
	sc := &scope{doc: &Document{Struck: true}, ids: []string{"r1"}, dates: []string{""}}
	r := &resolver{sc: sc, years: map[string]bool{}}
	v := r.value(source{paras: []Para{runs("~80%~", " ", "~50%~", " ", "40%")}}, 0, 1)
	if v.valore != "40%" || len(v.precs) != 1 || v.precs[0].valore != "80% 50%" || !strings.Contains(v.comment, "~~80%~~ ~~50%~~ 40%") {
		t.Errorf("value = %+v", v)
	}
}
