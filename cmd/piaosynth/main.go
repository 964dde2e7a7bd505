// Command piaosynth writes a synthetic piao site, for benchmarks:
//
//	piaosynth -n 10000 -seed 1 -plans 1 DIR
//
// The same options write the same bytes (see package internal/synth).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/piao-pa/piao/internal/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "piaosynth:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	flags := flag.NewFlagSet("piaosynth", flag.ContinueOnError)
	flags.SetOutput(stderr)
	n := flags.Int("n", 1000, "number of sheets")
	seed := flags.Uint64("seed", 1, "seed")
	plans := flags.Int("plans", 1, "plans sharing the sheets, newest first")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return fmt.Errorf("usage: piaosynth [-n N] [-seed S] [-plans P] DIR")
	}
	dir := flags.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: the site would mix with what is there", dir)
	}
	_, err := synth.GenerateWith(dir, synth.Options{Sheets: *n, Seed: *seed, Plans: *plans})
	return err
}
