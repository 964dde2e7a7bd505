package builder

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// Severity tells an error, which stops publishing, from a warning.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return msgWarning
	}
	return msgError
}

// Diagnostic is one finding about the content, addressed to its author.
type Diagnostic struct {
	Pos      plan.Pos
	Severity Severity
	Msg      string
	Hint     string
	Source   string // the offending source line, when known
}

// String renders d as "file:line:col: error: message" with its hint and
// source line beneath.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(formatPos(d.Pos))
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Msg)
	if d.Source != "" {
		fmt.Fprintf(&b, "\n\t%s", strings.TrimRight(d.Source, "\r\n"))
	}
	if d.Hint != "" {
		fmt.Fprintf(&b, "\n\t%s: %s", msgHint, d.Hint)
	}
	return b.String()
}

func formatPos(p plan.Pos) string {
	file := ShowPath(p.File())
	switch {
	case p.File() == "":
		return "piao"
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// ShowPath is a path of the site, slash-separated inside piao, as the
// office's system writes it: content\piano\scheda.yaml on Windows, so that
// it can be pasted into File Explorer or PowerShell. Diagnostics and
// summaries show every path of the site through it; the addresses of the
// site (its pages and files) keep their slashes, and so does the JSON of
// piao check, for programs.
func ShowPath(p string) string { return showPath(p, filepath.Separator) }

func showPath(p string, sep rune) string {
	if sep == '/' {
		return p
	}
	return strings.ReplaceAll(p, "/", string(sep))
}

// Diagnostics is every finding of a run.
type Diagnostics []Diagnostic

func (ds *Diagnostics) add(sev Severity, pos plan.Pos, hint, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: sev, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// errorf records an error at pos.
func (ds *Diagnostics) errorf(pos plan.Pos, hint, format string, args ...any) {
	ds.add(Error, pos, hint, format, args...)
}

// warnf records a warning at pos.
func (ds *Diagnostics) warnf(pos plan.Pos, hint, format string, args ...any) {
	ds.add(Warning, pos, hint, format, args...)
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// errorFiles is the set of files with an error.
func (ds Diagnostics) errorFiles() map[string]bool {
	out := map[string]bool{}
	for _, d := range ds {
		if d.Severity == Error {
			out[d.Pos.File()] = true
		}
	}
	return out
}

// HasErrorsSince reports whether any diagnostic from index i on is an error.
func (ds Diagnostics) HasErrorsSince(i int) bool { return ds[i:].HasErrors() }

// Count returns the number of errors and warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Sort orders ds by file, line, column, then message, and drops exact
// duplicates.
func (ds *Diagnostics) Sort() {
	s := *ds
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.File() != b.Pos.File() {
			return a.Pos.File() < b.Pos.File()
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*ds = out
}

// Error joins every diagnostic, one per paragraph.
func (ds Diagnostics) Error() string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
	}
	return strings.Join(parts, "\n")
}

// attachSources fills the Source line of each diagnostic from files.
func (ds Diagnostics) attachSources(files map[string][]byte) {
	starts := map[string][]int{} // per file, the offset of each line
	for i := range ds {
		d := &ds[i]
		src, ok := files[d.Pos.File()]
		if d.Source != "" || d.Pos.Line == 0 || !ok {
			continue
		}
		if _, done := starts[d.Pos.File()]; !done {
			starts[d.Pos.File()] = append([]int{0}, lineEnds(src)...)
		}
		if ls := starts[d.Pos.File()]; int(d.Pos.Line) < len(ls) {
			d.Source = clipSource(sourceLine(src[ls[d.Pos.Line-1]:], 1), int(d.Pos.Col))
		}
	}
}

// clipSource shortens a source line of thousands of characters (a
// paragraph of a megabyte, say), which would flood the terminal, to what
// shows its column: up to 40 characters past it, at least 240, at most
// 4,096.
func clipSource(line string, col int) string {
	keep := min(max(240, col+40), 4096)
	if len(line) <= keep { // bytes, at least as many as characters
		return line
	}
	n := 0
	for i := range line {
		if n == keep {
			return line[:i] + " …"
		}
		n++
	}
	return line
}

func sourceLine(src []byte, line int) string {
	for n := 1; len(src) > 0; n++ {
		i := bytes.IndexByte(src, '\n')
		var l []byte
		if i < 0 {
			l, src = src, nil
		} else {
			l, src = src[:i], src[i+1:]
		}
		if n == line {
			return strings.TrimRight(string(l), "\r")
		}
	}
	return ""
}

// Where is the place of d as "file:line:col", as far as it is known.
func (d Diagnostic) Where() string { return formatPos(d.Pos) }
