package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// entry is a file of a zip: its name, mode and content (from disk when
// path is set).
type entry struct {
	name string
	mode fs.FileMode
	path string
	data []byte
}

// packageFiles are the files of the zip for goos/goarch: the binary and
// LEGGIMI.txt.
func packageFiles(bin, version, goos, goarch string) []entry {
	return []entry{
		{name: filepath.Base(bin), mode: 0o755, path: bin},
		{name: "LEGGIMI.txt", mode: 0o644, data: []byte(leggimi(version, goos, goarch))},
	}
}

// writeZip writes the entries into a zip at file, in the order given,
// each with the time when and its mode (Unix permissions, so that unzip on
// macOS and Linux keeps piao executable), and nothing that depends on the
// machine: the same entries give the same bytes.
func writeZip(file string, entries []entry, when time.Time) error {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		data := e.data
		if e.path != "" {
			b, err := os.ReadFile(e.path)
			if err != nil {
				return err
			}
			data = b
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: when.UTC()}
		h.SetMode(e.mode)
		f, err := w.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// writeSums writes SHA256SUMS into dir for the files named, sorted, in the
// format sha256sum -c reads.
func writeSums(dir string, names []string) error {
	names = slices.Sorted(slices.Values(names))
	var b bytes.Buffer
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(data), n)
	}
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), b.Bytes(), 0o644)
}
