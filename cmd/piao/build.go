package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
)

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("build", stderr)
	siteDir := flags.String("s", ".", "cartella del sito")
	dest := flags.String("d", "", "cartella di destinazione (predefinita SITO/public)")
	noMinify := flags.Bool("no-minify", false, "non minimizzare HTML, CSS e JS")
	format := flags.String("format", "text", "formato del resoconto: text o json")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("formato %q sconosciuto: usa text o json", *format)}
	}
	if *dest == "" {
		*dest = filepath.Join(*siteDir, "public")
	}
	start := time.Now()
	report := buildReport{Dest: *dest, Findings: []finding{}}
	report.Cleaned = cleanArchive(*siteDir, io.Discard, stderr) // printed with the summary
	siteFiles, closeSite := builder.OpenSite(*siteDir)
	defer closeSite()
	opts := builder.PublishOptions{Site: *siteDir, OnWait: func() { fmt.Fprintln(stderr, builder.WaitMessage(*dest)) }}
	written, diags, err := builder.BuildTo(builder.Input{Site: siteFiles, Themes: piao.Themes, Minify: !*noMinify}, *dest, opts)
	report.Errors, report.Warnings = diags.Count()
	report.Published = report.Errors == 0 && err == nil
	if report.Published {
		report.Pages, report.Files, report.Bytes = written.Pages, written.Files, written.Bytes
		report.Loss = lossReport(written.Loss)
	}
	report.Seconds = time.Since(start).Seconds()
	if *format == "json" {
		report.Findings = findings(diags)
		if err := writeIndented(stdout, report); err != nil {
			return err
		}
	} else {
		printBuild(stdout, stderr, report, diags, written.Loss, builder.CacheSummary(written))
	}
	switch {
	case report.Errors > 0:
		return errContent
	case err != nil && *format == "json":
		fmt.Fprintln(stderr, "piao:", err) // the report says only that nothing was published
		return errContent
	}
	return err
}

// printBuild writes what piao build says, as text: the findings, then the
// summary with what the build cache spared (cache), and a last line for
// pages lost that no one can miss.
func printBuild(stdout, stderr io.Writer, r buildReport, diags builder.Diagnostics, loss *builder.OutputLoss, cache string) {
	if len(r.Cleaned) > 0 {
		fmt.Fprintln(stdout, builder.CleanedArchive(r.Cleaned))
	}
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	switch {
	case r.Errors > 0:
		fmt.Fprintln(stderr, builder.FailureSummary(r.Errors, r.Warnings))
	case r.Published:
		dur := time.Duration(r.Seconds * float64(time.Second)).Round(time.Millisecond)
		fmt.Fprintln(stdout, builder.Summary(r.Dest, r.Pages, r.Files, r.Bytes, dur.String(), r.Warnings))
		if cache != "" {
			fmt.Fprintln(stdout, cache)
		}
		if loss != nil {
			fmt.Fprintln(stdout, builder.LossSummary(loss))
		}
	}
}

// buildReport is the JSON that piao build --format json prints. The field
// names are part of piao's interface: keep them stable (README).
type buildReport struct {
	Published bool      `json:"published"`
	Dest      string    `json:"dest"`
	Pages     int       `json:"pages"`
	Files     int       `json:"files"`
	Bytes     int64     `json:"bytes"`
	Seconds   float64   `json:"seconds"`
	Errors    int       `json:"errors"`
	Warnings  int       `json:"warnings"`
	Loss      *lossJSON `json:"loss"`
	Cleaned   []string  `json:"cleaned_archive"`
	Findings  []finding `json:"findings"`
}

// lossJSON is what a publication lost, for scripts.
type lossJSON struct {
	PagesBefore int                `json:"pages_before"`
	PagesAfter  int                `json:"pages_after"`
	Plans       []builder.PlanLoss `json:"plans"`
}

func lossReport(l *builder.OutputLoss) *lossJSON {
	if l == nil {
		return nil
	}
	plans := l.Plans()
	if plans == nil {
		plans = []builder.PlanLoss{}
	}
	return &lossJSON{PagesBefore: l.Before.Pages, PagesAfter: l.After.Pages, Plans: plans}
}

func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
