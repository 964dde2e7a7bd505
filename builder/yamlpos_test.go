package builder

import (
	"strings"
	"testing"
)

// TestYAMLErrorPositions: yaml.v3 gives at best a line, often the wrong
// one, and never a column; piao points at the exact place.
func TestYAMLErrorPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // line:col
		msg, hint string
	}{
		{"colon in a value", "a: b\ntitolo: Obiettivo: fare\n", "2:18", `": " in un punto`, `titolo: "Obiettivo: fare"`},
		{"colon in a value on the first line", "titolo: Obiettivo: fare\n", "1:18", `": " in un punto`, `titolo: "Obiettivo: fare"`},
		{"colon in a list item", "a:\n  - descrizione: Fase: uno\n", "2:22", `": " in un punto`, `: descrizione: "Fase: uno"`},
		{"line indented under a value", "a: b\nc: d\n  e: f\n", "3:3", `": " in un punto`, "rientro"},
		{"unclosed double quote", "a: b\nc: \"unclosed\nd: e\n", "2:4", "virgolette non chiuse", "chiudi le virgolette"},
		{"unclosed single quote", "a: b\nc: 'unclosed\nd: e\n", "2:4", "virgolette non chiuse", "chiudi le virgolette"},
		{"tab in indentation", "a: b\n\tc: d\n", "2:1", "tabulazione", "spazi"},
		{"tab before a list", "a: b\nc:\n\t- x\n", "3:1", "tabulazione", "spazi"},
		{"key out of a list", "a:\n  - x\n  y: z\n", "3:3", "rientro non coerente", "rientro"},
		{"key less indented", "a:\n  b: c\n d: e\n", "3:2", "rientro non coerente", "rientro"},
		{"list after a mapping", "a: b\n- c\n", "2:1", "rientro non coerente", "rientro"},
		{"missing colon", "a: b\nc\nd: e\n", "2:1", `manca ":"`, `seguito da ": "`},
		{"unclosed bracket", "a: [1, 2\nb: c\n", "1:4", "parentesi [", "chiudi la parentesi"},
		{"unclosed brace", "a: b\nc: {x: 1\n", "2:4", "parentesi {", "chiudi la parentesi"},
		{"at sign", "a: b\nc: @mario\n", "2:4", "carattere non ammesso", "virgolette"},
		{"backtick", "c: `x`\n", "1:4", "carattere non ammesso", "virgolette"},
		{"bad escape", "a: b\nc: \"C:\\q\"\n", "2:7", "barra rovescia", `\\`},
		{"alias to nothing", "a: b\nc: *x\n", "2:4", "alias", "virgolette"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := loadSite(testSite(map[string]string{"config.yaml": tt.src}))
			if len(ds) == 0 {
				t.Fatal("no error")
			}
			d := ds[0]
			if got := formatPos(d.Pos); got != "config.yaml:"+tt.want {
				t.Errorf("at %s, want config.yaml:%s (%s)", got, tt.want, d)
			}
			if !strings.Contains(d.Msg, tt.msg) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %q / %q, want %q / %q", d.Msg, d.Hint, tt.msg, tt.hint)
			}
		})
	}
}

// TestYAMLErrorInFrontMatter: positions count the lines of the whole .md
// file.
func TestYAMLErrorInFrontMatter(t *testing.T) {
	md := "---\n" + strings.Replace(testSheet, `obiettivo_operativo: Fare qualcosa`, `obiettivo_operativo: Fare: qualcosa`, 1) + "---\nTesto.\n"
	_, ds := loadSite(testSite(map[string]string{"content/p/operativi/uno.yaml": "", "content/p/operativi/uno.md": md}))
	want := "content/p/operativi/uno.md:6:26"
	if len(ds) != 1 || formatPos(ds[0].Pos) != want {
		t.Fatalf("want one error at %s, got:\n%s", want, ds.Error())
	}
	if ds[0].Source != "obiettivo_operativo: Fare: qualcosa" {
		t.Errorf("source line %q", ds[0].Source)
	}
}
