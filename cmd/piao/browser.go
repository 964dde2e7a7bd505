package main

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
)

// openBrowser opens url in the office's browser, without waiting for it:
// with the program $BROWSER names, when set, or else the system's own way.
func openBrowser(url string) error {
	err := errors.New("no browser")
	for _, args := range browserCommands(runtime.GOOS, os.Getenv("BROWSER")) {
		cmd := exec.Command(args[0], append(args[1:], url)...)
		if err = cmd.Start(); err == nil {
			go cmd.Wait() //nolint:errcheck // the browser's fate is its own
			return nil
		}
	}
	return err
}

// browserCommands are the commands that open an address on the system
// goos, in the order to try them: $BROWSER (env), then Windows' URL
// handler (the default browser, without a console window), macOS' open,
// or xdg-open on Linux and the BSDs.
func browserCommands(goos, env string) [][]string {
	var out [][]string
	if env != "" {
		out = append(out, []string{env})
	}
	switch goos {
	case "windows":
		return append(out, []string{"rundll32", "url.dll,FileProtocolHandler"})
	case "darwin":
		return append(out, []string{"/usr/bin/open"})
	}
	return append(out, []string{"xdg-open"})
}
