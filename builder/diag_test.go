package builder

import (
	"path/filepath"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// TestShowPath: a path of the site is shown with the separator of the
// office's system, on Windows with backslashes, as File Explorer and
// PowerShell write it; the position after it is kept.
func TestShowPath(t *testing.T) {
	tests := []struct {
		in            string
		slash, backsl string
	}{
		{"content/piao-2024-2026/operativi/suap.yaml", "content/piao-2024-2026/operativi/suap.yaml", `content\piao-2024-2026\operativi\suap.yaml`},
		{"config.yaml", "config.yaml", "config.yaml"},
		{"archive/piao-2024-2026", "archive/piao-2024-2026", `archive\piao-2024-2026`},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := showPath(tt.in, '/'); got != tt.slash {
			t.Errorf("showPath(%q, '/') = %q, want %q", tt.in, got, tt.slash)
		}
		if got := showPath(tt.in, '\\'); got != tt.backsl {
			t.Errorf("showPath(%q, '\\\\') = %q, want %q", tt.in, got, tt.backsl)
		}
		want := map[rune]string{'/': tt.slash, '\\': tt.backsl}[filepath.Separator]
		if got := ShowPath(tt.in); got != want {
			t.Errorf("ShowPath(%q) = %q on this system, want %q", tt.in, got, want)
		}
	}
	d := Diagnostic{Msg: "campo sconosciuto", Pos: plan.At("content/p/operativi/uno.yaml", 6, 1)}
	want := map[rune]string{'/': "content/p/operativi/uno.yaml:6:1", '\\': `content\p\operativi\uno.yaml:6:1`}[filepath.Separator]
	if d.Where() != want {
		t.Errorf("Where() = %q, want %q", d.Where(), want)
	}
}
