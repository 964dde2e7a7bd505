package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
)

// cmdCheck runs every rule of a build, renders the pages in memory, and
// writes nothing: it lists every finding, as text or as JSON.
func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	siteDir := fs.String("s", ".", "cartella del sito")
	format := fs.String("format", "text", "formato dei risultati: text o json")
	dest := fs.String("d", "", "pubblicazione da confrontare (predefinita SITO/public)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("formato %q sconosciuto: usa text o json", *format)}
	}
	if *dest == "" {
		*dest = filepath.Join(*siteDir, "public")
	}
	site, closeSite := builder.OpenSite(*siteDir)
	defer closeSite()
	diags := builder.Check(builder.Input{Site: site, Themes: piao.Themes, Minify: true, Previous: *dest})
	if *format == "json" {
		if err := writeJSON(stdout, diags); err != nil {
			return err
		}
	} else {
		for _, d := range diags {
			fmt.Fprintln(stdout, d.String())
		}
		errs, warns := diags.Count()
		fmt.Fprintln(stdout, builder.CheckSummary(errs, warns))
	}
	if diags.HasErrors() {
		return errContent
	}
	return nil
}

// finding is one diagnostic in the JSON output of piao check. The field
// names are part of piao's interface: keep them stable.
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
	Hint     string `json:"hint"`
	Source   string `json:"source"`
}

func writeJSON(w io.Writer, diags builder.Diagnostics) error {
	return writeIndented(w, findings(diags))
}

// findings are the diagnostics as JSON objects.
func findings(diags builder.Diagnostics) []finding {
	out := make([]finding, 0, len(diags))
	for _, d := range diags {
		sev := "error"
		if d.Severity == builder.Warning {
			sev = "warning"
		}
		out = append(out, finding{File: d.Pos.File(), Line: int(d.Pos.Line), Col: int(d.Pos.Col), Severity: sev,
			Message: d.Msg, Hint: d.Hint, Source: d.Source})
	}
	return out
}
