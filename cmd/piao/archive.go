package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
)

// errDiffers means a snapshot no longer matches its manifest: exit 1.
var errDiffers = errors.New("archivio modificato")

// cmdArchive freezes a plan into SITE/archive/NAME:
//
//	piao archive PLAN [-s SITE] [--data AAAA-MM-GG|oggi] [--nome NAME] [--zip]
//	piao archive verify [PLAN] [-s SITE]
//	piao archive zip NAME [-s SITE] [-o FILE]
func cmdArchive(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return cmdArchiveVerify(args[1:], stdout, stderr)
		case "zip":
			return cmdArchiveZip(args[1:], stdout, stderr)
		}
	}
	fs := newFlags("archive", stderr)
	siteDir := fs.String("s", ".", "cartella del sito")
	date := fs.String("data", "", "data della versione, AAAA-MM-GG, o \"oggi\" (predefinita: l'ultima revisione del piano o la sua pubblicazione)")
	name := fs.String("nome", "", "nome della cartella in archive/ (predefinito: il nome del piano)")
	zipToo := fs.Bool("zip", false, "scrive anche lo zip della versione, per il deposito")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"indica il piano da archiviare, ad esempio: piao archive piao-2024-2026"}
	}
	today := time.Now().Format("2006-01-02") // for --data oggi, and to refuse a date to come
	if *date == "oggi" {
		*date = today
	}
	cleanArchive(*siteDir, stdout, stderr)
	snap, diags := builder.NewSnapshot(builder.Input{Site: os.DirFS(*siteDir), Themes: piao.Themes, Minify: true},
		builder.SnapshotOptions{Plan: pos[0], Name: *name, Date: *date, Version: version, Today: today})
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	if snap == nil {
		errs, warns := diags.Count()
		fmt.Fprintln(stderr, builder.FailureSummary(errs, warns))
		return errContent
	}
	if err := builder.WriteSnapshot(*siteDir, snap); err != nil {
		return err
	}
	fmt.Fprintln(stdout, builder.SnapshotSummary(filepath.Join(*siteDir, "archive", snap.Meta.Nome), snap.Meta))
	if *zipToo {
		return writeZip(*siteDir, snap.Meta.Nome, "", stdout)
	}
	return nil
}

func cmdArchiveVerify(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("archive verify", stderr)
	siteDir := fs.String("s", ".", "cartella del sito")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{fmt.Sprintf("argomento inatteso %q", pos[1])}
	}
	filter := ""
	if len(pos) == 1 {
		filter = pos[0]
	}
	site := os.DirFS(*siteDir)
	names, err := builder.ListSnapshots(site)
	if err != nil {
		return &builder.DiskError{Msg: builder.MsgArchiveUnreadable, Path: filepath.Join(*siteDir, "archive"), Err: err}
	}
	checked, bad := 0, 0
	for _, n := range names {
		r := builder.VerifySnapshot(site, n)
		if filter != "" && n != filter && r.Meta.Piano != filter {
			continue
		}
		checked++
		if !r.OK() {
			bad++
		}
		for _, line := range builder.VerifyLines(r) {
			fmt.Fprintln(stdout, line)
		}
	}
	if checked == 0 {
		fmt.Fprintln(stderr, builder.NoSnapshots(filter))
		if filter != "" {
			return errContent
		}
	}
	if bad > 0 {
		return errDiffers
	}
	return nil
}

func cmdArchiveZip(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("archive zip", stderr)
	siteDir := fs.String("s", ".", "cartella del sito")
	out := fs.String("o", "", "file zip da scrivere (predefinito: archive/NOME.zip)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"indica la versione archiviata, ad esempio: piao archive zip piao-2024-2026"}
	}
	return writeZip(*siteDir, pos[0], *out, stdout)
}

// cleanArchive removes what interrupted runs of piao archive left in
// archive/, and says so; what it cannot remove it names, and the command
// goes on (a read-only site, say, is published all the same).
func cleanArchive(siteDir string, stdout, stderr io.Writer) []string {
	removed, err := builder.CleanArchive(siteDir)
	if len(removed) > 0 {
		fmt.Fprintln(stdout, builder.CleanedArchive(removed))
	}
	if err != nil {
		fmt.Fprintln(stderr, "piao:", &builder.DiskError{Msg: builder.MsgArchiveNotCleaned, Path: filepath.Join(siteDir, "archive"), Err: err})
	}
	if removed == nil {
		removed = []string{}
	}
	return removed
}

// writeZip writes the zip beside its final name and renames it, so that a
// half-written zip never carries the final name; holding the archive's
// lock, so that no cleaner takes it for a leftover.
func writeZip(siteDir, name, out string, stdout io.Writer) error {
	if out == "" {
		out = filepath.Join(siteDir, "archive", name+".zip")
	}
	unlock, err := builder.LockArchive(siteDir)
	if err != nil {
		return builder.ZipNotWritten(out, err)
	}
	defer unlock()
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return builder.ZipNotWritten(out, err)
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	err = builder.WriteZip(f, os.DirFS(siteDir), name)
	var unverified *builder.UnverifiedError
	if errors.As(err, &unverified) {
		f.Close()
		return err
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), out)
	}
	var info os.FileInfo
	if err == nil {
		info, err = os.Stat(out)
	}
	if err != nil {
		return builder.ZipNotWritten(out, err)
	}
	fmt.Fprintln(stdout, builder.ZipSummary(out, info.Size()))
	return nil
}

// parseInterspersed parses flags placed before, between or after the
// positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError(err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
