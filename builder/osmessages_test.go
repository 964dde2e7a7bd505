package builder

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// english finds the words of Go's and yaml.v3's own error texts.
var english = regexp.MustCompile(`(?i)\b(no such file|permission denied|file name too long|too many levels|input/output|not a directory|is a directory|no space left|read-only file system|found|expected|did not|could not|not allowed|while|unknown|invalid)\b|\b(open|stat|lstat|mkdir|write|rename|remove) [/.a-z]`)

// TestOSReasonsInItalian: each error of the operating system that reading
// or writing a site meets is worded for the office, with no English.
func TestOSReasonsInItalian(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.ENOENT, syscall.EACCES, syscall.EPERM, syscall.ENAMETOOLONG,
		syscall.ELOOP, syscall.EIO, syscall.ENOTDIR, syscall.EISDIR, syscall.ENOSPC, syscall.EROFS, syscall.EMFILE} {
		err := &fs.PathError{Op: "open", Path: "content/p/operativi/uno.yaml", Err: errno}
		reason, _ := osReason(err)
		if reason == "" || english.MatchString(reason) {
			t.Errorf("osReason(%v) = %q", err, reason)
		}
	}
}

// TestItalianReadErrors: a dangling symbolic link and a folder of sheets
// that is a file are named in Italian, on a real disk.
func TestItalianReadErrors(t *testing.T) {
	dir := diskSite(t, nil)
	ops := filepath.Join(dir, "content/p/operativi")
	if err := os.Symlink("non-esiste.yaml", filepath.Join(ops, "rotto.yaml")); err != nil {
		t.Fatal(err)
	}
	ds := checkWithin(t, rootFS(t, dir))
	want := "content/p/operativi/rotto.yaml: errore: collegamento simbolico interrotto: il file a cui porta non esiste"
	if !strings.Contains(headlines(ds), want) {
		t.Errorf("want %q; got:\n%s", want, ds.Error())
	}
	for _, d := range ds {
		if english.MatchString(d.Msg) {
			t.Errorf("English in %q", d.Msg)
		}
	}
}

// TestYAMLErrorsInItalian: every syntax error yaml.v3 gives a sheet is said
// in Italian.
func TestYAMLErrorsInItalian(t *testing.T) {
	for _, src := range []string{
		"%FOO bar\n---\na: b\n", "%YAML 2.0\n---\na: b\n", "%YAML 1.1\n%YAML 1.1\n---\na: b\n",
		"%TAG ! !x\n%TAG ! !y\n---\na: b\n", "%YAML\n---\na: b\n", "%TAG !\n---\na: b\n", "%\n---\na: b\n",
		"a: !x!y z\n", "a: !<x\n", "a: \"\\u12\"\n", "a: \"\\q\"\n", "a: |0\n  x\n", "a: &\n", "a: *\n",
		"- a\nb: c\n", "a: b: c\n", "a:\n\t- b\n", "a: 'x\n", "a: [x\n", "a: {x\n", "a: b\n  c: d\n",
		"a: @x\n", "a: `x\n", "a: *x\n", "a: \"x\n---\ny\"\n", "a:\n  - b\n c: d\n", "a: b\n- c\n",
		"? a\n? b\n: c\n- d\n", "a: \"\\x4\"\n", "a: b #c\n d\n", "{a: b}}\n", "[a]]\n", "a: |\n x\n y\n  z\n w\n",
		"a: >-2\n x\n", "a: |+-\n x\n", "&a a: b\n", "!!map a\n", "a: !!binary x\n",
	} {
		_, ds := LoadAndCheck(testSite(map[string]string{unoYAML: src}))
		for _, d := range ds {
			if d.Pos.File() == unoYAML && english.MatchString(d.Msg) {
				t.Errorf("%q: %s", src, d)
			}
		}
	}
}
