package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
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
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if *dest == "" {
		*dest = filepath.Join(*siteDir, "public")
	}
	start := time.Now()
	siteFiles, closeSite := siteFS(*siteDir)
	defer closeSite()
	opts := builder.PublishOptions{Site: *siteDir, OnWait: func() { fmt.Fprintln(stderr, builder.WaitMessage(*dest)) }}
	written, diags, err := builder.BuildTo(builder.Input{Site: siteFiles, Themes: piao.Themes, Minify: !*noMinify}, *dest, opts)
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	errs, warns := diags.Count()
	if errs > 0 {
		fmt.Fprintln(stderr, builder.FailureSummary(errs, warns))
		return errContent
	}
	if err != nil {
		return err
	}
	dur := time.Since(start).Round(time.Millisecond)
	fmt.Fprintln(stdout, builder.Summary(*dest, written.Pages, written.Files, written.Bytes, dur.String(), warns))
	if s := builder.CacheSummary(written); s != "" {
		fmt.Fprintln(stdout, s)
	}
	return nil
}

// siteFS opens the site folder so that nothing read through it can leave
// it, symbolic links included. A folder that cannot be opened gives an
// fs.FS on which every read fails, so that the loader says what is missing.
func siteFS(dir string) (fs.FS, func()) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir), func() {}
	}
	return root.FS(), func() { root.Close() }
}
