package builder

import (
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// This file loads a plan's narrative sections: the Markdown files of
// content/PLAN/sezioni/, each with a front matter (titolo, ordine, and
// what a revision did to it) and a body. A section's address is its file
// name without the number in front, so that renumbering the files to
// insert a section changes no address; its place is ordine, or that
// number.

// sectionsDir is the folder of a plan's narrative sections.
const sectionsDir = "sezioni"

// lastOrder is the place of a section that gives no number: after every
// numbered one, by name.
const lastOrder = 1 << 30

// loadSections reads the sections in sub, the plan's sezioni/ that its
// listing gave as e, into p.Sezioni, in their order. As for sheets: a file
// where the folder should be, or a folder inside it, is an error; a file
// that is not Markdown is left out with a warning.
func (l *loader) loadSections(p *plan.Plan, sub string, e fs.DirEntry) {
	switch l.entryKind(sub, e) {
	case entrySkip:
		return
	case entryFile:
		l.diags.errorf(plan.At(sub, 0, 0), hintSectionsFolder, msgSectionsNotFolder)
		return
	}
	entries, err := fs.ReadDir(l.fsys, sub)
	if err != nil {
		l.cannotList(sub, err) // and load what was listed
	}
	var bodies []bodyFile
	for _, e := range entries {
		file := path.Join(sub, e.Name())
		if ignoredName(e.Name()) {
			continue
		}
		switch l.entryKind(file, e) {
		case entrySkip:
			continue
		case entryDir:
			l.diags.errorf(plan.At(file, 0, 0), hintSectionSubfolder, msgSectionSubfolder, e.Name())
			continue
		}
		if !l.goodName(file) {
			continue
		}
		if b, ok := l.bodyIn(file, e.Type().IsRegular()); ok { // NN-name.de.md: its body in German
			bodies = append(bodies, b)
			continue
		}
		if path.Ext(file) != ".md" {
			l.diags.warnf(plan.At(file, 0, 0), hintSectionFile, msgSectionFile)
			continue
		}
		if s := l.loadSection(file, e.Type().IsRegular()); s != nil {
			s.Plan = p
			p.Sezioni = append(p.Sezioni, s)
		}
	}
	sort.SliceStable(p.Sezioni, func(i, j int) bool {
		a, b := p.Sezioni[i], p.Sezioni[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.Slug < b.Slug
	})
	l.attachSectionBodies(p, bodies)
}

// attachSectionBodies gives each section of p its body in the other
// languages (NN-name.LANG.md), and warns of a body a language lacks.
func (l *loader) attachSectionBodies(p *plan.Plan, bodies []bodyFile) {
	sections := map[string]*plan.Section{}
	for _, s := range p.Sezioni {
		sections[s.Pos.File()] = s
	}
	for _, b := range bodies {
		s := sections[b.sheet]
		if s == nil {
			l.diags.errorf(plan.At(b.file, 0, 0), hintSectionLangBody, msgSectionLangBody, langName(b.lang), path.Base(b.sheet))
			continue
		}
		if t, ok := l.readLangBody(b, msgSectionLangBodyFront, hintSectionLangBodyFront); ok {
			if s.BodyIn == nil {
				s.BodyIn = map[string]plan.Text{}
			}
			s.BodyIn[b.lang] = t
		}
	}
	for _, s := range p.Sezioni {
		if strings.TrimSpace(s.Body) == "" {
			continue
		}
		for _, lang := range l.langs[1:] {
			if _, ok := s.BodyIn[lang]; !ok {
				l.diags.warnf(plan.At(s.Pos.File(), s.BodyAt, 1), hintSectionLangBodyMissing(s.Pos.File(), lang),
					msgLangMissing, langName(lang), langName(lang), langName(l.langs[0]))
			}
		}
	}
}

// loadSection reads one section; nil when its front matter cannot be read.
func (l *loader) loadSection(file string, regular bool) *plan.Section {
	src, err := l.readListed(file, regular)
	if err != nil {
		return nil
	}
	n, bodyBytes, at := l.parseMarkdown(file, src, nil)
	if n == nil {
		return nil
	}
	body := string(bodyBytes)
	num, name := plan.SectionName(strings.TrimSuffix(path.Base(file), ".md"))
	s := &plan.Section{Slug: slug(name), Body: body, BodyAt: at, Order: lastOrder,
		Pos: plan.At(file, 1, 1)}
	if num > 0 {
		s.Order = num
	}
	l.decodeInto(n, file, "", s, nil)
	if o, err := strconv.Atoi(strings.TrimSpace(s.Ordine.S)); err == nil && s.Ordine.S != "" {
		s.Order = o
	}
	return s
}

// sectionDates are the dates of a section's page: published with the plan,
// or with the revision that added it; updated by the latest revision that
// touched it.
func sectionDates(p *plan.Plan, s *plan.Section) (published, updated string) {
	published = p.Published()
	if r := p.Revision(s.Inserita.S); r != nil {
		published = r.Data.S
	}
	updated = published
	for _, r := range p.Revisioni {
		if s.RevisedBy(r.ID.S) {
			updated = r.Data.S
		}
	}
	return published, updated
}
