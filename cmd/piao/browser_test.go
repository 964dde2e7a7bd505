package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeOpen: piao serve --open starts the browser $BROWSER names with
// the address it prints; here a script that writes down what it was given.
func TestServeOpen(t *testing.T) {
	dir := t.TempDir()
	got := filepath.Join(dir, "aperto")
	script := filepath.Join(dir, "browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" >"+got+".tmp && mv "+got+".tmp "+got+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "-s", "../..", "--port", "0", "--open")
	cmd.Env = append(os.Environ(), "BROWSER="+script)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 {
		t.Fatalf("first line %q has no address", line)
	}
	url := strings.Fields(line[i:])[0]
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, err := os.ReadFile(got)
		if err == nil {
			if string(b) != url {
				t.Errorf("the browser was given %q, want %q", b, url)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no browser was started")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBrowserCommands: the command each system opens an address with,
// after $BROWSER.
func TestBrowserCommands(t *testing.T) {
	tests := map[string]string{
		"windows": "[[firefox] [rundll32 url.dll,FileProtocolHandler]]",
		"darwin":  "[[firefox] [/usr/bin/open]]",
		"linux":   "[[firefox] [xdg-open]]",
		"freebsd": "[[firefox] [xdg-open]]",
	}
	for goos, want := range tests {
		if got := fmt.Sprint(browserCommands(goos, "firefox")); got != want {
			t.Errorf("%s: %s, want %s", goos, got, want)
		}
	}
	if got := fmt.Sprint(browserCommands("windows", "")); got != "[[rundll32 url.dll,FileProtocolHandler]]" {
		t.Errorf("without $BROWSER: %s", got)
	}
}
