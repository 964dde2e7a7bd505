package builder

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// This file reads values as the office writes them — euro amounts in
// Italian notation, targets whose form depends on the unit of measure — and
// holds the rules over them. Values stay text in the model; these readers
// only judge them.

// noValue is what the paper sheets write for "nothing this year".
const noValue = "//"

var (
	euroIT      = regexp.MustCompile(`^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?$`)
	euroEnglish = regexp.MustCompile(`^(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{1,2})$`)
)

// parseEuro reads an amount in Italian notation, "€ 1.105.500,00",
// "1.105.500,00 €" or "€ 850", and returns it in cents. english reports an
// amount written the English way, "1,105,500.00".
func parseEuro(s string) (cents int64, ok, english bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "€"), "€"))
	s = strings.ReplaceAll(s, "\u00a0", "")
	if !euroIT.MatchString(s) {
		return 0, false, euroEnglish.MatchString(s)
	}
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ".", ""), ",")
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || len(whole) > 15 {
		return 0, false, false
	}
	return n, true, false
}

// targetForm says what a target must look like for a unit of measure; an
// empty kind means any text.
func targetForm(unit string) string {
	switch strings.ToLower(strings.TrimSpace(unit)) {
	case "binario":
		return "binario"
	case "percentuale":
		return "percentuale"
	case "data":
		return "data"
	}
	return ""
}

var (
	dateInText  = regexp.MustCompile(`(?i)\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\b`)
	binaryWords = map[string]bool{"si": true, "sì": true, "sí": true, "no": true}
)

// fitsUnit reports whether a target has the form its unit of measure asks:
// SI or NO for Binario, a percentage for Percentuale, a date for Data.
func fitsUnit(target, form string) bool {
	t := strings.TrimSpace(target)
	if t == noValue || form == "" {
		return true
	}
	switch form {
	case "binario":
		return binaryWords[strings.ToLower(t)]
	case "percentuale":
		return strings.Contains(t, "%")
	}
	return dateInText.MatchString(t)
}

// textAt is the value in force after the first n revisions, with its
// position.
func textAt(v plan.Value, n int, order map[string]int) plan.Text {
	for _, p := range v.Priors() {
		if order[p.Revisione.S] > n {
			return p.Valore
		}
	}
	return v.Text
}

// targets checks that every target, as approved and after each revision,
// fits the unit of measure then in force.
func (c *checker) targets(ind *plan.Indicator) {
	order := c.p.RevisionOrder()
	var seen map[plan.Pos]bool
	for _, n := range textsChange(order, len(c.p.Revisioni), ind.Unita, ind.Target) {
		unit := textAt(ind.Unita, n, order)
		form := targetForm(unit.S)
		for _, t := range ind.Target {
			v := textAt(t, n, order)
			if seen[v.Pos] || fitsUnit(v.S, form) {
				continue
			}
			if seen == nil {
				seen = map[plan.Pos]bool{}
			}
			seen[v.Pos] = true
			c.ds.errorf(v.Pos, hintTargetForm[form], msgTargetForm, v.S, unit.S)
		}
	}
}

// textsChange lists, in order, 0 and each number of revisions n (up to
// last) at which the text of unit or of one of values (textAt) is not the
// one it was at n-1: between two of them, every text is as it was, and
// what was judged of them stands.
func textsChange(order map[string]int, last int, unit plan.Value, values []plan.Value) []int {
	ns := []int{0}
	for _, v := range append([]plan.Value{unit}, values...) {
		for _, p := range v.Priors() {
			if n := order[p.Revisione.S]; n > 0 && n <= last {
				ns = append(ns, n)
			}
		}
	}
	slices.Sort(ns)
	return slices.Compact(ns)
}

// amounts checks the resources of a strategic sheet, current and earlier.
func (c *checker) amounts(s *plan.Sheet) {
	for _, r := range s.Risorse {
		c.amount(r.Text)
		for _, p := range r.Priors() {
			c.amount(p.Valore)
		}
	}
}

func (c *checker) amount(t plan.Text) {
	if strings.TrimSpace(t.S) == noValue {
		return
	}
	_, ok, english := parseEuro(t.S)
	switch {
	case english:
		c.ds.errorf(t.Pos, hintEuro, msgEuroEnglish, t.S)
	case !ok:
		c.ds.errorf(t.Pos, hintEuro, msgEuro, t.S)
	}
}

// weight checks the weight of a sheet or an indicator (at pos) as the
// plan's kind of weights asks: a percentage, required; a coefficient; or
// none at all.
func (c *checker) weight(v plan.Value, pos plan.Pos) {
	switch c.p.Weights() {
	case plan.WeightPercent:
		switch {
		case !v.Pos.IsValid():
			c.ds.errorf(pos, hintRequired("peso"), msgMissingField, "peso")
		case strings.TrimSpace(v.S) == "":
			c.ds.errorf(v.Pos, hintEmpty("peso"), msgEmptyField, "peso")
		}
		c.percents(v)
	case plan.WeightCoefficient:
		for _, t := range append([]plan.Text{v.Text}, priorTexts(v)...) {
			if t.S != "" && !coefficientRE.MatchString(strings.TrimSpace(t.S)) {
				c.ds.errorf(t.Pos, hintCoefficient, msgCoefficient, t.S)
			}
		}
	case plan.WeightNone:
		if v.Pos.IsValid() {
			c.ds.errorf(v.Pos, hintNoWeights, msgNoWeights)
		}
	}
}

// coefficientRE is a coefficient as an act writes it: 1, 1,2, 0,85.
var coefficientRE = regexp.MustCompile(`^\d+(?:,\d+)?$`)

// percents checks a weight as it is now and as it was.
func (c *checker) percents(v plan.Value) {
	for _, t := range append([]plan.Text{v.Text}, priorTexts(v)...) {
		if t.S == "" {
			continue
		}
		if _, ok := plan.Percent(t.S); !ok {
			c.ds.errorf(t.Pos, hintPercent, msgPercent, t.S)
		}
	}
}

func priorTexts(v plan.Value) []plan.Text {
	out := make([]plan.Text, len(v.Priors()))
	for i, p := range v.Priors() {
		out[i] = p.Valore
	}
	return out
}

// config checks the settings: links that may appear on every page, and the
// theme name.
func (c *checker) config(cfg *plan.Config) {
	links := []plan.Text{cfg.Ente.Sito, cfg.Accessibilita, cfg.Privacy, cfg.Licenza.URL}
	for _, l := range append(cfg.Percorso, cfg.Collegamenti...) {
		links = append(links, l.URL)
	}
	for _, link := range append(links, cfg.URLBase) {
		for u := range everyLang(link) {
			switch {
			case len(u.S) > maxURL:
				c.ds.errorf(u.Pos, hintURLTooLong, msgURLTooLong, len(u.S), maxURL)
			case u.S != "" && link != cfg.URLBase && !markup.SafeURL(u.S):
				c.ds.errorf(u.Pos, hintURL, msgURL, u.S)
			}
		}
	}
	c.ente(&cfg.Ente)
	c.checkPreview(cfg)
	c.langs(cfg)
	if t := cfg.Tema; strings.ContainsAny(t.S, `/\`) || strings.Contains(t.S, "..") || strings.TrimSpace(t.S) != t.S {
		c.ds.errorf(t.Pos, hintThemeName, msgThemeName, t.S)
	}
	c.urlBase(cfg.URLBase)
	c.label(cfg.Ente.Nome)
	for _, l := range append(cfg.Percorso, cfg.Collegamenti...) {
		c.label(l.Titolo)
	}
}

// maxURL bounds the addresses of config.yaml, which every page links to:
// browsers and servers refuse longer ones.
const maxURL = 2000

// maxLabel bounds the titles and names that every page repeats, in its
// header, breadcrumb and menus: the plan's title, the ente's name, the
// names of areas, units, lines and objectives.
const maxLabel = 300

// label checks that a title or name is a label, not a text.
func (c *checker) label(text plan.Text) {
	for t := range everyLang(text) {
		if n := utf8.RuneCountInString(t.S); n > maxLabel {
			c.ds.errorf(t.Pos, hintLabel, msgLabelTooLong, n, maxLabel)
		}
	}
}

// labels checks the labels of a plan.
func (c *checker) labels() {
	c.label(c.p.Titolo)
	for _, a := range c.p.Aree {
		c.label(a.Nome)
		for _, u := range a.Unita {
			c.label(u.Nome)
		}
	}
	for _, l := range c.p.Linee {
		c.label(l.Nome)
		for _, o := range l.Obiettivi {
			c.label(o.Nome)
		}
	}
}

// urlBase checks that the site's public address, which the sitemap, the
// feed and the open data write in full, holds nothing an address may not
// ("<", a quote, a space…). One that is not absolute is a warning of
// openDataWarnings: the catalogue and the sitemap are then left out.
func (c *checker) urlBase(t plan.Text) {
	s := strings.TrimSpace(t.S)
	if s == "" || len(s) > maxURL {
		return // a warning says what its absence costs; config says what its length does
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < ' ' || r == 0x7F || strings.ContainsRune(" \"<>\\^`{|}", r) }); i >= 0 {
		c.ds.errorf(t.Pos, hintURLBase, msgURLBaseChars, t.S, string([]rune(s[i:])[0]))
	}
}

// planDates checks that the plan's dates fall where its acts can: the
// approval, the publication and every revision in the plan's years (from
// the year before the first, when a plan is approved, to the last), and
// none of the others before the approval. A date such as 9999-12-31 is a
// slip of the keyboard, and would be published as it is.
func (c *checker) planDates() {
	p := c.p
	approved := p.Approvazione.Data
	dates := []plan.Text{approved, p.Pubblicazione}
	for _, r := range p.Revisioni {
		dates = append(dates, r.Data)
	}
	for i, d := range dates {
		y, _, _, prec := plan.ParseDate(d.S)
		if prec == plan.NoDate {
			continue // empty, or reported as not a date
		}
		if p.FirstYear > 0 && (y < p.FirstYear-1 || y > p.LastYear) {
			c.ds.errorf(d.Pos, hintPlanDates(p.Periodo.S, p.FirstYear-1, p.LastYear), msgDateOutside, d.S, p.Periodo.S)
			continue
		}
		if i > 0 && plan.DateBefore(d.S, approved.S) {
			c.ds.errorf(d.Pos, hintBeforeApproval, msgBeforeApproval, d.S, approved.S)
		}
	}
}
