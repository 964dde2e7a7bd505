package builder

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/plan"
	"golang.org/x/text/unicode/norm"
)

// This file keeps the output holdable by every file system an office
// copies it to, whatever system built it: Windows (NTFS, and FAT or exFAT
// on a USB stick) and macOS (APFS). The generated names cannot break the
// rules (slug, with unreserved); what comes from the site as it is (a
// theme's assets, the archived snapshots) and the length of any path are
// checked here, and each finding names the file it comes from.

// typicalDest is where an office publishes on Windows, to measure paths:
// Windows programs (File Explorer, zip, most FTP clients) fail on paths
// longer than 260 characters, and a copy to another folder may add some.
const typicalDest = `C:\Users\nome.cognome\Documents\sito-trasparenza\public\`

// maxPath is the longest path allowed under typicalDest.
const maxPath = 240

// reservedNames are the device names of Windows: no file or folder may be
// called so, whatever its extension ("nul.txt" is NUL).
var reservedNames = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true, "conin$": true, "conout$": true}

func init() {
	for _, d := range "0123456789¹²³" {
		reservedNames["com"+string(d)] = true
		reservedNames["lpt"+string(d)] = true
	}
}

// reserved reports whether a file or folder name is a device of Windows.
func reserved(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	return len(stem) <= 7 && reservedNames[strings.ToLower(strings.TrimRight(stem, " "))]
}

// unreserved makes a slug that is a device name of Windows an ordinary
// name: "con" becomes "con_", "aux.1" "aux_.1". No other slug has "_", so
// no two slugs can meet.
func unreserved(s string) string {
	if !reserved(s) {
		return s
	}
	stem, ext, dot := strings.Cut(s, ".")
	if dot {
		return stem + "_." + ext
	}
	return stem + "_"
}

// Why a path cannot be held.
const (
	portableOK = iota
	portableReserved
	portableChar
	portableTrailing
	portableLong
)

// segmentProblem says what makes one file or folder name unholdable.
func segmentProblem(seg string) int {
	switch {
	case reserved(seg):
		return portableReserved
	case strings.ContainsFunc(seg, func(r rune) bool { return r < 0x20 || strings.ContainsRune(`<>:"|?*\`, r) }):
		return portableChar
	case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
		return portableTrailing
	}
	return portableOK
}

// pathProblem says what makes the output path name unholdable, and the
// name of the file or folder at fault.
func pathProblem(name string) (int, string) {
	for rest, more := name, true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "/")
		if why := segmentProblem(seg); why != portableOK {
			return why, seg
		}
	}
	if pathLength(name) > maxPath {
		return portableLong, ""
	}
	return portableOK, ""
}

// pathLength is the length of name under typicalDest as Windows counts
// it, in UTF-16 units.
func pathLength(name string) int {
	n := len(typicalDest)
	for _, r := range name {
		n += utf16.RuneLen(r)
	}
	return n
}

// foldName is the name Windows and macOS see when they compare two: case
// and Unicode normalisation do not count.
func foldName(s string) string {
	if plainName(s) {
		return s
	}
	return strings.Map(unicode.ToLower, strings.Map(unicode.ToUpper, norm.NFD.String(s)))
}

// plainName reports whether s is ASCII without capitals: its own folded
// name, the common case.
func plainName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// collisions returns the pairs of output paths, or of their folders, that
// differ only in case or normalisation, each once; names are sorted.
func collisions(names []string) [][2]string {
	odd := map[string]string{} // folded → original, for the paths that are not plainName
	seen := map[[2]string]bool{}
	var out [][2]string
	meet := func(a, b string) {
		if pair := [2]string{min(a, b), max(a, b)}; !seen[pair] {
			seen[pair] = true
			out = append(out, pair)
		}
	}
	for _, n := range names {
		eachPrefix(n, func(p string) {
			if plainName(p) {
				return // its own folded name: met below
			}
			if prev, ok := odd[foldName(p)]; !ok {
				odd[foldName(p)] = p
			} else if prev != p {
				meet(prev, p)
			}
		})
	}
	if len(odd) == 0 {
		return out
	}
	for _, n := range names {
		eachPrefix(n, func(p string) {
			if prev, ok := odd[p]; ok && plainName(p) {
				meet(prev, p)
			}
		})
	}
	return out
}

// eachPrefix calls f with each folder of the slash-separated name, then
// with name.
func eachPrefix(name string, f func(string)) {
	for i := 0; i < len(name); i++ {
		if name[i] == '/' {
			f(name[:i])
		}
	}
	f(name)
}

// checkPortable reports the output paths that Windows or macOS could not
// hold, at the place in the site each comes from; of the paths too long
// that come from one place, the longest. Problems of an archived snapshot,
// which may not change, are warnings.
func (p *Pages) checkPortable(site fs.FS, theme string) Diagnostics {
	names := slices.Compact(mergeSorted(p.paths, slices.Sorted(slices.Values(p.out.names()))))
	// Each name judged on every core; the few that fail, told in order.
	const chunk = 1024
	failing := make([][]int, (len(names)+chunk-1)/chunk)
	parallelFor(len(failing), func(c int) {
		for i := c * chunk; i < min((c+1)*chunk, len(names)); i++ {
			if why, _ := pathProblem(names[i]); why != portableOK {
				failing[c] = append(failing[c], i)
			}
		}
	})
	var ds Diagnostics
	longest := map[plan.Pos]string{}
	for _, i := range slices.Concat(failing...) {
		n := names[i]
		why, seg := pathProblem(n)
		pos, sev, _ := p.origin(site, theme, n)
		switch why {
		case portableReserved:
			ds.add(sev, pos, hintPathRename, msgPathReserved, n, seg)
		case portableChar:
			ds.add(sev, pos, hintPathRename, msgPathChar, n, seg)
		case portableTrailing:
			ds.add(sev, pos, hintPathRename, msgPathTrailing, n, seg)
		case portableLong:
			if prev, ok := longest[pos]; !ok || pathLength(n) > pathLength(prev) {
				longest[pos] = n
			}
		}
	}
	for pos, n := range longest {
		_, sev, _ := p.origin(site, theme, n)
		ds.add(sev, pos, hintPathLong, msgPathLong, n, pathLength(n), maxPath, typicalDest)
	}
	for _, c := range collisions(names) {
		pos, sev, exact := p.origin(site, theme, c[1])
		if pos0, sev0, exact0 := p.origin(site, theme, c[0]); exact0 && !exact {
			pos, sev = pos0, sev0 // the file of the site, not the built-in theme
		}
		ds.add(sev, pos, hintPathRename, msgPathCollision, c[0], c[1])
	}
	return ds
}

// mergeSorted merges two sorted lists into one, sorted.
func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0] < a[0] {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// origin is the file of the site an output path comes from, whether a
// problem of it is an error or a warning, and whether the file is the
// very one (not the folder of a built-in theme, or config.yaml).
func (p *Pages) origin(site fs.FS, theme string, name string) (plan.Pos, Severity, bool) {
	if rest, ok := strings.CutPrefix(name, "archivio/"); ok && strings.Contains(rest, "/") {
		return plan.At(path.Join(archiveDir, rest), 0, 0), Warning, true
	}
	if strings.HasPrefix(name, "assets/") {
		own := path.Join("themes", theme, name)
		if _, err := fs.Stat(site, own); err == nil {
			return plan.At(own, 0, 0), Error, true
		}
		return plan.At(path.Join("themes", theme), 0, 0), Error, false
	}
	for dir := name; ; dir = path.Dir(dir) {
		for _, at := range []string{path.Join(dir, indexFile), dir} {
			if pg := p.pages[at]; pg != nil {
				if pos := pageSource(p.model, pg); pos.IsValid() {
					return pos, Error, true
				}
			}
		}
		if dir == "." || dir == "/" {
			return p.model.Config.Pos, Error, false
		}
	}
}

// snapshotPortable reports, at the plan, the longest path of a snapshot
// that would be too long once published under archivio/NAME/: a snapshot
// never changes, so it must fit before it is made.
func snapshotPortable(snap *Snapshot, p *plan.Plan) Diagnostics {
	var ds Diagnostics
	longest := ""
	for name := range snap.Files {
		full := snapshotPath(snap.Meta.Nome, name)
		if why, _ := pathProblem(full); why == portableLong && pathLength(full) > pathLength(longest) {
			longest = full
		}
	}
	if longest != "" {
		ds.errorf(p.Pos, hintSnapshotLong, msgPathLong, longest, pathLength(longest), maxPath, typicalDest)
	}
	return ds
}
