package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/importa"
)

// cmdImporta reads an office's annex (.docx, .odt, .xlsx, .ods) into the
// plan's sheets: it never overwrites a sheet, checks the site as the
// import leaves it, and with --prova writes nothing.
func cmdImporta(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("importa", stderr)
	siteDir := flags.String("s", ".", "cartella del sito")
	planName := flags.String("piano", "", "cartella del piano in content/ (predefinito: l'unico piano)")
	rev := flags.String("revisione", "", "id della revisione a cui appartengono le modifiche del documento")
	mapFile := flags.String("mappa", "", "file YAML che associa le etichette dell'ente ai campi")
	dry := flags.Bool("prova", false, "non scrivere nulla: mostra cosa verrebbe scritto")
	file, rest := splitFile(args)
	if err := parseFlags(flags, rest); err != nil {
		return err
	}
	if file == "" {
		return usageError{importa.MsgNoFile}
	}
	opt := importa.Options{Name: file, Piano: *planName, Revisione: *rev}
	var err error
	if opt.Data, err = readOffice(file); err != nil {
		return officeError(stderr, file, err)
	}
	if *mapFile != "" {
		data, err := readOffice(*mapFile)
		if err == nil {
			opt.Mappa, err = importa.ReadMappa(data)
		}
		if err != nil {
			return officeError(stderr, *mapFile, err)
		}
	}
	site, closeSite := builder.OpenSite(*siteDir)
	defer closeSite()
	opt.Site = site
	res, err := importa.Import(opt)
	if res != nil {
		for _, r := range res.Reports {
			fmt.Fprintln(stderr, r.Format(file))
		}
	}
	var ue *importa.UsageError
	if errors.As(err, &ue) {
		return usageError{ue.Msg}
	}
	if err != nil {
		return officeError(stderr, file, err)
	}
	return finishImport(res, *siteDir, *dry, stdout, stderr)
}

// finishImport checks the site as the import leaves it, then writes (or,
// with --prova, says what it would write).
func finishImport(res *importa.Result, siteDir string, dry bool, stdout, stderr io.Writer) error {
	for _, w := range res.Writes {
		fmt.Fprintln(stdout, importa.LineWrite(dry, w.Path, w.Summary))
	}
	for _, same := range res.Same {
		fmt.Fprintln(stdout, importa.LineSame(same))
	}
	diags := builder.Check(builder.Input{Site: res.Site, Themes: piao.Themes, Minify: true})
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	errs, warns := diags.Count()
	if !dry {
		if err := importa.WriteAll(siteDir, res.Writes); err != nil {
			return err
		}
	}
	fmt.Fprintln(stdout, importa.Summary(dry, len(res.Writes), len(res.Same), errs, warns))
	if errs > 0 {
		return errContent
	}
	return nil
}

// splitFile takes the file argument out of the arguments, wherever it is.
func splitFile(args []string) (string, []string) {
	var rest []string
	file := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--prova" || a == "-prova" || len(a) > 1 && a[0] == '-' && containsEq(a):
			rest = append(rest, a)
		case len(a) > 1 && a[0] == '-':
			rest = append(rest, a)
			if i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
		case file == "":
			file = a
		default:
			rest = append(rest, a)
		}
	}
	return file, rest
}

func containsEq(s string) bool {
	for _, c := range s {
		if c == '=' {
			return true
		}
	}
	return false
}

// readOffice reads a regular file of at most importa.MaxFileSize bytes.
func readOffice(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &importa.FileError{Msg: importa.NotRegular}
	}
	return io.ReadAll(io.LimitReader(f, importa.MaxFileSize+1))
}

// officeError prints a file piao cannot read, and makes the exit 1.
func officeError(stderr io.Writer, file string, err error) error {
	var fe *importa.FileError
	switch {
	case errors.As(err, &fe):
		fmt.Fprintf(stderr, "%s: %s: %s\n", filepath.Clean(file), importa.ErrorWord, fe.Msg)
		if fe.Hint != "" {
			fmt.Fprintf(stderr, "\t%s: %s\n", importa.HintWord, fe.Hint)
		}
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(stderr, "%s: %s: %s\n", file, importa.ErrorWord, importa.Missing)
	default:
		fmt.Fprintf(stderr, "%s: %s: %v\n", file, importa.ErrorWord, err)
	}
	return errContent
}
