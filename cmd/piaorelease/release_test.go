package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestZipReproducible: the same files give the same zip, byte for byte,
// whatever their times on disk, the time zone and the umask; the zip holds
// them in order, with the time given and their modes.
func TestZipReproducible(t *testing.T) {
	when := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	var zips [][]byte
	for i, tz := range []string{"UTC", "Europe/Rome", "America/Los_Angeles"} {
		dir := t.TempDir()
		bin := filepath.Join(dir, "piao.exe")
		if err := os.WriteFile(bin, bytes.Repeat([]byte("MZ binario "), 5000), 0o600+os.FileMode(i)); err != nil {
			t.Fatal(err)
		}
		_ = os.Chtimes(bin, time.Now(), time.Now().Add(time.Duration(i)*time.Hour))
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Fatal(err)
		}
		time.Local = loc
		out := filepath.Join(dir, "r.zip")
		if err := writeZip(out, packageFiles(bin, "v1.2.3", "windows", "amd64"), when.In(loc)); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(out)
		zips = append(zips, b)
	}
	time.Local = time.UTC
	for i := 1; i < len(zips); i++ {
		if !bytes.Equal(zips[0], zips[i]) {
			t.Errorf("zip %d differs from the first", i)
		}
	}
	r, err := zip.NewReader(bytes.NewReader(zips[0]), int64(len(zips[0])))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.File {
		got = append(got, f.Name+" "+f.Mode().String()+" "+f.Modified.UTC().Format(time.RFC3339))
	}
	want := "piao.exe -rwxr-xr-x 2025-03-04T05:06:07Z|LEGGIMI.txt -rw-r--r-- 2025-03-04T05:06:07Z"
	if strings.Join(got, "|") != want {
		t.Errorf("entries %q, want %q", got, want)
	}
	rc, _ := r.File[0].Open()
	b, _ := io.ReadAll(rc)
	if !bytes.Equal(b, bytes.Repeat([]byte("MZ binario "), 5000)) {
		t.Error("the binary in the zip is not the binary")
	}
}

// TestLeggimi: each system's LEGGIMI.txt says how to start piao there.
func TestLeggimi(t *testing.T) {
	tests := []struct {
		goos, goarch string
		want         []string
	}{
		{"windows", "amd64", []string{"doppio clic", "%LOCALAPPDATA%\\Programs\\piao", "powershell", "Apri nel terminale", ".\\piao serve --open", "Unblock-File", `"User")`, "Get-FileHash piao-v1-windows-amd64.zip"}},
		{"windows", "arm64", []string{"Windows su ARM"}},
		{"darwin", "arm64", []string{"chip Apple", "xattr -d com.apple.quarantine ~/bin/piao", "mv ~/Downloads/piao-v1-darwin-arm64/piao ~/bin/", "piao serve --open", "shasum -a 256"}},
		{"darwin", "amd64", []string{"processore Intel"}},
		{"linux", "amd64", []string{"piao serve --open", "sha256sum -c"}},
	}
	for _, tt := range tests {
		text := leggimi("v1", tt.goos, tt.goarch)
		for _, w := range append(tt.want, "piao v1 per", "piao check", "piao build", "config.yaml") {
			if !strings.Contains(text, w) {
				t.Errorf("%s/%s: no %q", tt.goos, tt.goarch, w)
			}
		}
		if strings.Contains(text, "{{") {
			t.Errorf("%s/%s: a placeholder is left", tt.goos, tt.goarch)
		}
		crlf := strings.Count(text, "\r\n") == strings.Count(text, "\n")
		if crlf != (tt.goos == "windows") {
			t.Errorf("%s/%s: CRLF line ends %v", tt.goos, tt.goarch, crlf)
		}
	}
}

// TestSums: SHA256SUMS is what sha256sum -c checks.
func TestSums(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.zip", "a.zip"} {
		_ = os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644)
	}
	if err := writeSums(dir, []string{"b.zip", "a.zip"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 2 || !strings.HasSuffix(lines[0], "  a.zip") {
		t.Errorf("SHA256SUMS = %q", b)
	}
	cmd := exec.Command("sha256sum", "-c", "SHA256SUMS")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v: %s", err, out)
	}
	_ = os.WriteFile(filepath.Join(dir, "a.zip"), []byte("altro"), 0o644)
	cmd = exec.Command("sha256sum", "-c", "SHA256SUMS")
	cmd.Dir = dir
	if err := cmd.Run(); err == nil {
		t.Error("sha256sum -c accepts a changed zip")
	}
}
