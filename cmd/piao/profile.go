package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/piao-pa/piao/internal/stages"
)

// startProfile writes a CPU profile of the whole run to file, when the
// environment names one (PIAO_CPUPROFILE): make bench uses it to tell
// which stage a build spends its time in. It returns the function that
// ends the profile.
func startProfile(file string) func() {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "piao: PIAO_CPUPROFILE:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// startStages, when file is not empty (PIAO_STAGES), records when the
// command reaches each stage of a build or a check (internal/stages); the
// function it returns writes them to file, a line each: the stage, a
// tab, the seconds since the start.
func startStages(file string) func() {
	if file == "" {
		return func() {}
	}
	stages.Start()
	return func() {
		f, err := os.Create(file)
		if err == nil {
			err = stages.Write(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "piao: PIAO_STAGES:", err)
		}
	}
}
