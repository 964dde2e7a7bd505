package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
)

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	siteDir := fs.String("s", ".", "cartella del sito")
	dest := fs.String("d", "", "cartella di destinazione (predefinita SITO/public)")
	noMinify := fs.Bool("no-minify", false, "non minimizzare HTML, CSS e JS")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dest == "" {
		*dest = filepath.Join(*siteDir, "public")
	}
	start := time.Now()
	site, diags := builder.Build(builder.Input{Site: os.DirFS(*siteDir), Themes: piao.Themes, Minify: !*noMinify})
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	errs, warns := diags.Count()
	if site == nil {
		fmt.Fprintln(stderr, builder.FailureSummary(errs, warns))
		return errContent
	}
	if err := builder.Publish(site, *dest); err != nil {
		return err
	}
	dur := time.Since(start).Round(time.Millisecond)
	fmt.Fprintln(stdout, builder.Summary(*dest, site.Pages, len(site.Files), site.Size(), dur.String(), warns))
	return nil
}
