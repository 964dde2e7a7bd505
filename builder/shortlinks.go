package builder

import (
	"regexp"
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// This file finds what the short links of a body point to — a section
// (sezione:NOME), a sheet (scheda:NOME, or scheda:strategici/NOME and
// scheda:operativi/NOME when a strategic and an operational sheet share a
// name) or an indicator (scheda:NOME#ID) of the same plan — and where an
// amended passage sits in a section's body. Check and the pages share it.

// linkTarget is what a short link points to: a section, or a sheet and
// maybe one of its indicators.
type linkTarget struct {
	section *plan.Section
	sheet   *plan.Sheet
	ind     *plan.Indicator
}

// linkProblem says why a short link has no target: the message's format
// (with the link as its argument) and a hint.
type linkProblem struct{ msg, hint string }

// resolveShort finds the target of a short link in plan p.
func resolveShort(p *plan.Plan, dest string) (linkTarget, *linkProblem) {
	scheme, target, frag := markup.SplitShort(dest)
	if scheme == markup.SectionScheme {
		if s := p.Section(slug(target)); s != nil && target != "" && frag == "" {
			return linkTarget{section: s}, nil
		}
		return linkTarget{}, &linkProblem{msgLinkSection, hintKnownList("sezioni del piano", sectionNames(p))}
	}
	var found []*plan.Sheet
	dir, name, hasDir := strings.Cut(target, "/")
	if !hasDir {
		dir, name = "", target
	}
	for _, s := range p.Sheets() {
		if slug(s.Slug) == slug(name) && name != "" && (dir == "" || dir == sheetDir[s.Kind]) {
			found = append(found, s)
		}
	}
	switch {
	case len(found) == 0:
		return linkTarget{}, &linkProblem{msgLinkSheet, hintLinkWhat}
	case len(found) > 1:
		return linkTarget{}, &linkProblem{msgLinkAmbiguous, hintLinkAmbiguousOf(name)}
	}
	t := linkTarget{sheet: found[0]}
	if frag == "" {
		return t, nil
	}
	for _, ind := range t.sheet.Indicators() {
		if ind.ID.S == frag || slug(ind.ID.S) == slug(frag) {
			t.ind = ind
			return t, nil
		}
	}
	var ids []string
	for _, ind := range t.sheet.Indicators() {
		ids = append(ids, ind.ID.S)
	}
	return linkTarget{}, &linkProblem{msgLinkIndicator, hintKnownList("indicatori della scheda", ids)}
}

// sectionNames lists the addresses of the plan's sections.
func sectionNames(p *plan.Plan) []string {
	var out []string
	for _, s := range p.Sezioni {
		out = append(out, s.Slug)
	}
	return out
}

// path is the output path the target's page has, with the indicator's
// anchor.
func (t linkTarget) path() string {
	switch {
	case t.section != nil:
		return narrativePath(t.section)
	case t.ind != nil:
		return sheetPath(t.sheet) + "#" + IndicatorAnchor(t.ind)
	}
	return sheetPath(t.sheet)
}

// passage finds an amended passage in a body, whatever the line breaks
// and spaces between its words: the byte offsets of its first occurrence
// and how many times it occurs.
func passage(body, text string) (start, end, count int) {
	words := strings.Fields(text)
	if len(words) == 0 {
		return 0, 0, 0
	}
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re := regexp.MustCompile(strings.Join(words, `\s+`))
	all := re.FindAllStringIndex(body, -1)
	if len(all) == 0 {
		return 0, 0, 0
	}
	return all[0][0], all[0][1], len(all)
}
