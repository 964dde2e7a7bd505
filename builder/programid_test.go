package builder

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goBuildID is what `go tool buildid` reads in file.
func goBuildID(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command("go", "tool", "buildid", file).Output()
	if err != nil {
		t.Fatalf("go tool buildid %s: %v", file, err)
	}
	return strings.TrimSpace(string(out))
}

// TestProgramBuildID: the build ID read from a program's file is the one
// the go command reads, for this test's own program (ELF here) and for a
// program built for Windows (PE) and for macOS (Mach-O); the program's
// digest is that ID; a program whose ID was set by hand to a constant,
// and a file that is no program, have none the digest may use.
func TestProgramBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"this test": exe}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module hello\n\ngo 1.22\n")
	write("main.go", "package main\n\nfunc main() { println(\"ciao\") }\n")
	build := func(name, goos, goarch string, flags ...string) string {
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", append(append([]string{"build"}, flags...), "-o", out, ".")...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=-mod=mod")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build for %s/%s: %v\n%s", goos, goarch, err, b)
		}
		return out
	}
	files["Windows"] = build("hello.exe", "windows", "amd64", "-trimpath", "-ldflags=-s -w")
	files["macOS"] = build("hello-mac", "darwin", "arm64", "-trimpath", "-ldflags=-s -w")
	files["Linux, stripped"] = build("hello", "linux", "amd64", "-trimpath", "-ldflags=-s -w")
	for name, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		id, ok := programBuildID(f)
		f.Close()
		if want := goBuildID(t, file); !ok || id != want {
			t.Errorf("%s: build ID %q (well formed: %v), go tool buildid says %q", name, id, ok, want)
		}
	}
	if got, want := programDigest(), "go-build-id:"+goBuildID(t, exe); got != want {
		t.Errorf("program digest %q, want %q", got, want)
	}

	// An ID set by hand is read, and not trusted.
	redacted := build("redacted", "linux", "amd64", "-ldflags=-buildid=redacted")
	f, err := os.Open(redacted)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if id, ok := programBuildID(f); ok || id != "redacted" {
		t.Errorf("an ID set by hand: %q, trusted: %v", id, ok)
	}
	if _, ok := programBuildID(bytes.NewReader(bytes.Repeat([]byte("piao "), 10000))); ok {
		t.Error("a file that is no program has a build ID")
	}
}

// TestBuildIDShape: only IDs of two to four parts of 20 characters of
// base 64 are the go command's; ELF notes are read only within bounds.
func TestBuildIDShape(t *testing.T) {
	part := "qhXbWvVPjC08FQJwgbGW"
	for id, want := range map[string]bool{
		part + "/" + part: true,
		part + "/" + part + "/" + part + "/" + part: true,
		part: false, "": false, "redacted": false,
		part + "/" + part + "/" + part + "/" + part + "/" + part: false,
		part + "/" + part[:19]:       false,
		part + "/" + part[:19] + "=": false,
		part + "/" + part[:19] + "+": false,
	} {
		if got := wellFormedBuildID(id); got != want {
			t.Errorf("wellFormedBuildID(%q) = %v", id, got)
		}
	}
	note := func(name string, typ uint32, desc string) []byte {
		var b []byte
		b = binary.LittleEndian.AppendUint32(b, uint32(len(name)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(desc)))
		b = binary.LittleEndian.AppendUint32(b, typ)
		pad := func(s string) []byte { return append([]byte(s), make([]byte, (4-len(s)%4)%4)...) }
		return append(append(b, pad(name)...), pad(desc)...)
	}
	id := part + "/" + part
	notes := append(note("GNU\x00", 3, "abcdef"), note("Go\x00\x00", 4, id)...)
	if got, ok := goNote(notes, binary.LittleEndian); !ok || got != id {
		t.Errorf("goNote = %q, %v", got, ok)
	}
	if _, ok := goNote(note("Go\x00\x00", 1, id), binary.LittleEndian); ok {
		t.Error("a Go note of another type taken for the build ID")
	}
	cut := notes[:len(notes)-8]
	if _, ok := goNote(cut, binary.LittleEndian); ok {
		t.Error("a note cut short read past its end")
	}
	huge := note("Go\x00\x00", 4, id)
	binary.LittleEndian.PutUint32(huge[4:], 1<<31)
	if _, ok := goNote(huge, binary.LittleEndian); ok {
		t.Error("a note claiming more than the file holds was read")
	}
}
