// Command piaorelease writes the release of piao: for each system an
// office uses, a zip with the binary and an Italian LEGGIMI.txt, and a
// SHA256SUMS of the zips. The same source, version and time give the same
// bytes on every run and machine (with the same Go): the binaries are
// built with -trimpath, no build id and no VCS stamp, the zips with fixed
// times, order and modes.
//
//	go run ./cmd/piaorelease -version v1.0.0 -time 1700000000 -out dist
//
// make release runs it with the version given and the time of the last
// commit.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// targets are the systems a release is built for, GOOS/GOARCH.
var targets = []string{"windows/amd64", "windows/arm64", "darwin/arm64", "darwin/amd64", "linux/amd64"}

var versionRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)

func main() {
	version := flag.String("version", "", "the version, stamped into the binary and the names of the zips")
	stamp := flag.String("time", "", "the time of the files in the zips, in seconds since 1970 (the last commit's)")
	out := flag.String("out", "dist", "the folder to write the zips and SHA256SUMS into")
	flag.Parse()
	if err := run(*version, *stamp, *out); err != nil {
		fmt.Fprintln(os.Stderr, "piaorelease:", err)
		os.Exit(1)
	}
}

func run(version, stamp, out string) error {
	if !versionRE.MatchString(version) {
		return fmt.Errorf("version %q: letters, digits and ._+- only", version)
	}
	secs, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		return fmt.Errorf("time %q: %v", stamp, err)
	}
	when := time.Unix(max(secs, 315532800), 0).UTC() // zip times start in 1980
	work, err := os.MkdirTemp("", "piaorelease-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var zips []string
	for _, t := range targets {
		goos, goarch, _ := strings.Cut(t, "/")
		bin, err := build(work, version, goos, goarch)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("piao-%s-%s-%s.zip", version, goos, goarch)
		if err := writeZip(filepath.Join(out, name), packageFiles(bin, version, goos, goarch), when); err != nil {
			return err
		}
		zips = append(zips, name)
		fmt.Println(filepath.Join(out, name))
	}
	return writeSums(out, zips)
}

// build compiles piao for goos/goarch and returns the binary's path.
func build(work, version, goos, goarch string) (string, error) {
	bin := filepath.Join(work, goos+"-"+goarch, "piao"+map[bool]string{true: ".exe"}[goos == "windows"])
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false",
		"-ldflags", "-s -w -buildid= -X main.version="+version, "-o", bin, "./cmd/piao")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build for %s/%s: %v\n%s", goos, goarch, err, b)
	}
	return bin, nil
}
