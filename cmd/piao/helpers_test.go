package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder"
)

// treeSum is a digest of every file under dir (path and content), or "" if
// dir is missing.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %x", rel, sha256.Sum256(b)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return fmt.Sprintf("%x", sha256.Sum256([]byte(strings.Join(lines, "\n"))))
}

// variant copies the example site with another ente name, so that every
// page of it differs from the example's.
func variant(t *testing.T, name string) string {
	t.Helper()
	site := copyExample(t)
	cfg := filepath.Join(site, "config.yaml")
	b, _ := os.ReadFile(cfg)
	b = bytes.Replace(b, []byte("nome: Camera di Commercio Monte Rosa Laghi Alto Piemonte"), []byte("nome: "+name), 1)
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// buildOK builds site into dest and fails the test on any error.
func buildOK(t *testing.T, site, dest string) {
	t.Helper()
	if _, errOut, code := runPiao(t, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatalf("build %s: exit %d: %s", site, code, errOut)
	}
}

// leftovers lists what lies beside dest but dest, its lock file, its
// build cache, its sheet store and its spare.
func leftovers(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); n != filepath.Base(dest) && n != "."+filepath.Base(dest)+".piao-lock" && n != filepath.Base(builder.CachePath(dest)) &&
			n != filepath.Base(builder.StorePath(dest)) && n != "."+filepath.Base(dest)+".piao-spare" &&
			n != "."+filepath.Base(dest)+".piao-search" {
			out = append(out, n)
		}
	}
	return out
}
