package importa

import (
	"fmt"
	"strings"
)

// Report is something the import could not read, or read with doubt,
// with where it is in the office's file.
type Report struct {
	Where   string // "tabella 3, riga 2"
	Warning bool   // false: an error, the import stops
	Msg     string
	Hint    string
}

func newReport(where string, warning bool, hint, format string, args ...any) Report {
	return Report{Where: where, Warning: warning, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// Format writes the report as piao writes findings: "FILE: where: avviso:
// message", the hint beneath.
func (r Report) Format(file string) string {
	sev := msgError
	if r.Warning {
		sev = msgWarning
	}
	var b strings.Builder
	b.WriteString(file)
	if r.Where != "" {
		b.WriteString(": " + r.Where)
	}
	fmt.Fprintf(&b, ": %s: %s", sev, r.Msg)
	if r.Hint != "" {
		fmt.Fprintf(&b, "\n\t%s: %s", msgHint, strings.ReplaceAll(r.Hint, "\n", "\n\t"))
	}
	return b.String()
}
