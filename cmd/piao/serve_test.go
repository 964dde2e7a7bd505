package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeCommand runs `piao serve` on the example site, fetches the home
// page from the address it prints, and stops it with Ctrl+C.
func TestServeCommand(t *testing.T) {
	cmd := exec.Command(bin, "serve", "-s", "../..", "--port", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, stdout)
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(30 * time.Second):
		t.Fatalf("no address printed; stderr: %s", stderr.String())
	}
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 {
		t.Fatalf("first line %q has no loopback address", line)
	}
	url := strings.Fields(line[i:])[0]
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `<script src="/__piao/reload.js"`) {
		t.Errorf("GET %s: status %d, reload script %v", url, resp.StatusCode, strings.Contains(string(body), "reload.js"))
	}
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("piao serve after Ctrl+C: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Signal(syscall.SIGKILL)
		t.Fatal("piao serve did not stop on Ctrl+C")
	}
	if !strings.Contains(stderr.String(), "anteprima pronta") || !strings.Contains(stderr.String(), "anteprima fermata") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// TestServeUsage checks the command line mistakes of piao serve.
func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{{"serve", "--port", "70000"}, {"serve", "-x"}, {"serve", "extra"}} {
		if _, _, code := runPiao(t, args...); code != 2 {
			t.Errorf("piao %v: exit %d, want 2", args, code)
		}
	}
	if _, errOut, code := runPiao(t, "serve", "-s", t.TempDir()+"/none", "--port", "0"); code != 1 || errOut == "" {
		t.Errorf("piao serve on a missing folder: exit %d, stderr %q", code, errOut)
	}
}
