package main

import (
	"strings"
	"unicode"

	"github.com/piao-pa/piao/builder/plan"
)

// value writes a value as the office would: an earlier value struck (or
// deleted), the new one underlined (or inserted); a value changed in part
// keeps the words that did not change. status is "-REV" for an indicator
// that revision REV removed, "+REV" for one it added.
func (a *annex) value(v plan.Value, status string) []para {
	if v.S == "" && len(v.Priors()) == 0 {
		return nil
	}
	cur := v.S
	if v.Marker() != "" {
		cur += " (" + v.Marker() + ")"
	}
	var runs para
	switch {
	case strings.HasPrefix(status, "-"):
		runs = para{{text: cur, kind: old, date: a.dates[status[1:]]}}
	case strings.HasPrefix(status, "+"):
		runs = para{{text: cur, kind: added, date: a.dates[status[1:]]}}
	case len(v.Priors()) == 0:
		runs = para{{text: cur}}
	case len(v.Priors()) == 1:
		runs = a.change(v.Priors()[0].Valore.S, cur, v.Priors()[0].Revisione.S)
	default:
		for _, p := range v.Priors() {
			runs = append(runs, textRun{text: p.Valore.S, kind: old, date: a.dates[p.Revisione.S]}, textRun{text: " "})
		}
		last := v.Priors()[len(v.Priors())-1].Revisione.S
		runs = append(runs, textRun{text: cur, kind: added, date: a.dates[last]})
	}
	return splitParas(runs)
}

// change is the runs of a value that one revision changed from before to
// after: the words both share stay plain; struck through, the new words
// are underlined when the value changed in part, plain when it changed
// whole.
func (a *annex) change(before, after, rev string) para {
	b, f := []rune(before), []rune(after)
	p := 0
	for p < len(b) && p < len(f) && b[p] == f[p] {
		p++
	}
	for !(boundary(b, p) && boundary(f, p)) {
		p--
	}
	q := 0
	for q < len(b)-p && q < len(f)-p && b[len(b)-1-q] == f[len(f)-1-q] {
		q++
	}
	for !(boundary(b, len(b)-q) && boundary(f, len(f)-q)) {
		q--
	}
	date := a.dates[rev]
	newKind := added
	if p == 0 && q == 0 && !a.tracked {
		newKind = plain // replaced whole: struck, then the new value as it is (as the revision act has it)
	}
	out := para{{text: string(b[:p])}}
	if mid := string(b[p : len(b)-q]); strings.TrimSpace(mid) != "" {
		out = append(out, textRun{text: mid, kind: old, date: date})
		if !a.tracked {
			out = append(out, textRun{text: " "})
		}
	}
	if mid := string(f[p : len(f)-q]); strings.TrimSpace(mid) != "" {
		out = append(out, textRun{text: mid, kind: newKind, date: date})
	}
	return append(out, textRun{text: string(b[len(b)-q:])})
}

// boundary reports whether position i of s is between two words.
func boundary(s []rune, i int) bool {
	return i <= 0 || i >= len(s) || unicode.IsSpace(s[i-1]) || unicode.IsSpace(s[i])
}

// splitParas makes a paragraph of each line.
func splitParas(runs para) []para {
	out := []para{{}}
	for _, r := range runs {
		for i, line := range strings.Split(r.text, "\n") {
			if i > 0 {
				out = append(out, para{})
			}
			if line != "" {
				out[len(out)-1] = append(out[len(out)-1], textRun{text: line, kind: r.kind, date: r.date})
			}
		}
	}
	return out
}
