package builder

import (
	"math/rand/v2"
	"path"
	"strings"
	"testing"
)

// relURLBySplit is relURL as first written, splitting both paths: the
// reference TestRelURLSameAsSplit compares it with.
func relURLBySplit(from, to string) string {
	target, frag, _ := strings.Cut(to, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if target == "" {
		return frag
	}
	fromDir := path.Dir(from)
	if fromDir == "." {
		return target + frag
	}
	up := strings.Count(fromDir, "/") + 1
	common := 0
	fromParts := strings.Split(fromDir, "/")
	toParts := strings.Split(target, "/")
	for common < len(fromParts) && common < len(toParts)-1 && fromParts[common] == toParts[common] {
		common++
	}
	up -= common
	return strings.Repeat("../", up) + strings.Join(toParts[common:], "/") + frag
}

// TestRelURLSameAsSplit: relURL gives the link the splitting version
// gave, for pages and files at every depth, sharing folders or not,
// with and without a fragment, names that are prefixes of one another.
func TestRelURLSameAsSplit(t *testing.T) {
	cases := [][2]string{
		{"index.html", "a/index.html"}, {"a/index.html", "index.html"}, {"a/index.html", "a/b/index.html#x"},
		{"a/b/index.html", "a/c/index.html"}, {"a/b/index.html", "ab/c/index.html"}, {"ab/b/index.html", "a/b/index.html"},
		{"a/b/c/index.html", "a/b/c/index.html#ind-1"}, {"a/b/index.html", "#x"}, {"a/b/index.html", ""},
		{"a/b/index.html", "a/b"}, {"a/b/index.html", "a"}, {"a/index.html", "a/"}, {"", "x/y.css"},
		{"a/b/index.html", "a/b/c#frag/with/slashes"}, {"dati-aperti/index.html", "piao/dati/piano.json"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	segs := []string{"a", "ab", "b", "piao-2024", "operativi", "00042", "x.y"}
	walk := func() string {
		parts := make([]string, rng.IntN(5))
		for i := range parts {
			parts[i] = segs[rng.IntN(len(segs))]
		}
		p := strings.Join(append(parts, "index.html"), "/")
		if rng.IntN(4) == 0 {
			p += "#ind-" + segs[rng.IntN(len(segs))]
		}
		return p
	}
	for range 20000 {
		cases = append(cases, [2]string{walk(), walk()})
	}
	for _, c := range cases {
		if got, want := relURL(c[0], c[1]), relURLBySplit(c[0], c[1]); got != want {
			t.Errorf("relURL(%q, %q) = %q, want %q", c[0], c[1], got, want)
		}
	}
	// dirOf is path.Dir, on clean paths and on those that are not.
	for _, p := range []string{"", "a", "/a", "a/", "a/b", "a//b", "./a/b", "a/./b", "a/../b", "../a/b", "a/b/..", "a/b/.", "/", "//a", "a/b/c/index.html", ".", "..", "a..b/c", ".a/b"} {
		if got, want := dirOf(p), path.Dir(p); got != want {
			t.Errorf("dirOf(%q) = %q, path.Dir gives %q", p, got, want)
		}
	}
}
