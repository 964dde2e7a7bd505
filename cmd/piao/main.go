// Command piao builds the transparency site of a PIAO (Piano Integrato di
// Attività e Organizzazione) from YAML and Markdown sheets.
//
//	piao build [-s SITE] [-d DEST] [--format text|json]   build the site into DEST (default SITE/public)
//	piao check [-s SITE] [-d DEST] [--format text|json]   report every mistake, write nothing
//	piao archive PLAN                freeze a plan into SITE/archive/PLAN
//	piao archive verify [PLAN]       check the snapshots against their manifests
//	piao archive zip NAME            write a reproducible zip of a snapshot
//	piao serve [-s SITE] [--port N]  preview the site, rebuilt on every save
//	piao importa FILE                read the sheets from a Word, Writer or Excel file
//	piao version                     print the version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// version is stamped at build time with -ldflags "-X main.version=…".
var version = "dev"

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// contentError means the content has errors, already printed: exit 1.
var errContent = errors.New("errori nei contenuti")

func main() {
	stopProfile := startProfile(os.Getenv("PIAO_CPUPROFILE"))
	stopStages := startStages(os.Getenv("PIAO_STAGES"))
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	stopStages()
	stopProfile()
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		fmt.Fprintln(os.Stderr, "piao:", err)
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	case errors.Is(err, errContent), errors.Is(err, errDiffers):
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "piao:", err)
		os.Exit(1)
	}
}

const usage = `uso:
  piao build [-s SITO] [-d DEST] [--format text|json]
                                   genera il sito in DEST (predefinita SITO/public)
  piao check [-s SITO] [-d DEST] [--format text|json]
                                   controlla i contenuti senza scrivere nulla
  piao archive PIANO [-s SITO] [--data AAAA-MM-GG|oggi] [--nome NOME] [--zip]
                                   archivia la versione pubblicata del piano in SITO/archive/
  piao archive verify [PIANO] [-s SITO]
                                   verifica le versioni archiviate con i loro manifesti
  piao archive zip NOME [-s SITO] [-o FILE]
                                   scrive lo zip riproducibile di una versione archiviata
  piao serve [-s SITO] [--bind 127.0.0.1] [--port 1313] [--open]
                                   anteprima del sito, aggiornata a ogni salvataggio
  piao importa FILE [-s SITO] [--piano PIANO] [--revisione ID] [--mappa MAPPA.yaml] [--prova]
                                   legge le schede da un file .docx, .odt, .xlsx o .ods
  piao version                     mostra la versione
`

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"manca il comando"}
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "archive":
		return cmdArchive(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "importa":
		return cmdImporta(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "piao", version)
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("comando sconosciuto %q", args[0])}
}

// newFlags returns a flag set that reports errors instead of exiting,
// and prints nothing itself: the flag package speaks English, piao's
// usage says the same in Italian.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("argomento inatteso %q", fs.Arg(0))}
	}
	return nil
}

// flagError says in Italian what the flag package found wrong on the
// command line.
func flagError(err error) error {
	msg := err.Error()
	for _, f := range []struct{ english, italian string }{
		{"flag provided but not defined: ", "opzione sconosciuta "},
		{"flag needs an argument: ", "manca il valore dell'opzione "},
		{"bad flag syntax: ", "opzione scritta male: "},
	} {
		if rest, ok := strings.CutPrefix(msg, f.english); ok {
			return usageError{f.italian + rest}
		}
	}
	if rest, ok := strings.CutPrefix(strings.Replace(msg, "invalid boolean value ", "invalid value ", 1), "invalid value "); ok {
		if value, flagName, ok := strings.Cut(strings.Replace(rest, " for flag ", " for ", 1), " for "); ok {
			flagName, _, _ = strings.Cut(flagName, ":")
			return usageError{fmt.Sprintf("valore %s non valido per l'opzione %s", value, flagName)}
		}
	}
	if errors.Is(err, flag.ErrHelp) {
		return usageError{"ecco come si usa piao"}
	}
	return usageError{"opzioni non valide"}
}
