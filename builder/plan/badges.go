package plan

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Badge names what revisions did to a sheet or an indicator, for the
// lists and the search filter: "target ridotto", "indicatore stralciato".
// Badges are computed from the changes, never written in the content.
type Badge int

// The badges, in the order a list shows them. A field's badge is in the
// table of fields (Spec.Badge); Target and Resources become their Down
// or Up twin when every change of the kind compares two numbers of the
// same unit the same way.
const (
	BadgeNone Badge = iota
	BadgeSheetAdded
	BadgeSheetRemoved
	BadgeIndicatorAdded
	BadgeIndicatorRemoved
	BadgeTarget
	BadgeTargetDown
	BadgeTargetUp
	BadgeWeight
	BadgeResources
	BadgeResourcesDown
	BadgeResourcesUp
	BadgeDescription
	BadgeAlgorithm
	BadgeData // source, unit of measure, typology, baseline, past values
	BadgeNote // a footnote added or removed
	badgeCount
)

var badgeKeys = [...]string{"", "scheda-inserita", "scheda-stralciata", "indicatore-nuovo", "indicatore-stralciato",
	"target-modificato", "target-ridotto", "target-aumentato", "peso-modificato", "risorse-modificate",
	"risorse-ridotte", "risorse-aumentate", "descrizione-modificata", "algoritmo-modificato", "dati-modificati",
	"nota-modificata"}

// Key names the badge in the theme's words (badge.KEY) and in the search
// filter: "target-ridotto".
func (b Badge) Key() string { return badgeKeys[b] }

// Badges lists every badge, in order.
func Badges() []Badge {
	out := make([]Badge, 0, badgeCount-1)
	for b := BadgeNone + 1; b < badgeCount; b++ {
		out = append(out, b)
	}
	return out
}

// Badges says what the plan's revisions did to the sheet and its
// indicators, in order. A sheet added or removed says only that.
// A sheet of an indexed plan works them out once, with its indicators'
// (a sheet is listed on many pages, an indicator in many indexes: 0.2 s
// of CPU at 10,000 sheets); the slice returned is shared, and must not be
// changed.
func (s *Sheet) Badges() []Badge {
	if m := s.memoBadges(); m != nil {
		return m.sheet[:len(m.sheet):len(m.sheet)]
	}
	return s.badgesNow()
}

func (s *Sheet) badgesNow() []Badge {
	switch {
	case s.Added():
		return []Badge{BadgeSheetAdded}
	case s.Removed():
		return []Badge{BadgeSheetRemoved}
	}
	return s.Plan.badges(s.allChanges(nil))
}

// Badges says what the plan's revisions did to indicator ind of sheet s,
// worked out once with the sheet's.
func (ind *Indicator) Badges(s *Sheet) []Badge {
	if m := s.memoBadges(); m != nil {
		for i := range s.Indicatori {
			if &s.Indicatori[i] == ind {
				if i < len(m.inds) {
					return m.inds[i][:len(m.inds[i]):len(m.inds[i])]
				}
				return nil
			}
		}
	}
	return s.Plan.badges(s.allChanges(ind))
}

// sheetBadges are the badges of a sheet and of its indicators, in order
// (inds nil when none has any).
type sheetBadges struct {
	sheet []Badge
	inds  [][]Badge
}

// noBadges is the memo of every sheet that no revision touched: most of
// them, sharing it (a memo of its own each took 12 MB at 50,000 sheets).
var noBadges = &sheetBadges{}

// memoBadges gives the badges of the sheet and of its indicators from its
// plan's memo, making them once; nil for a plan not indexed.
func (s *Sheet) memoBadges() *sheetBadges {
	if s.Plan == nil || s.Plan.changes == nil {
		return nil
	}
	m := s.Plan.changes
	m.mu.Lock()
	b, ok := m.badges[s]
	m.mu.Unlock()
	if ok {
		return b
	}
	b = &sheetBadges{sheet: s.badgesNow()}
	for i := range s.Indicatori {
		if ib := s.Plan.badges(s.allChanges(&s.Indicatori[i])); len(ib) > 0 {
			if b.inds == nil {
				b.inds = make([][]Badge, len(s.Indicatori))
			}
			b.inds[i] = ib
		}
	}
	if len(b.sheet) == 0 && b.inds == nil {
		b = noBadges
	}
	m.mu.Lock()
	m.badges[s] = b
	m.mu.Unlock()
	return b
}

// allChanges is every change of every revision to the sheet, or only to
// one of its indicators.
func (s *Sheet) allChanges(ind *Indicator) []Change {
	var out []Change
	for _, r := range s.Plan.Revisioni {
		if ind == nil {
			out = append(out, s.Changes(r.ID.S)...)
		} else {
			out = s.appendIndicatorChanges(out, ind, r.ID.S)
		}
	}
	return out
}

// badges turns changes into badges: a field the plan does not have (a
// weight in a plan without weights) gives none.
func (p *Plan) badges(changes []Change) []Badge {
	var seen [badgeCount]bool
	way := map[Badge]int{} // of targets and resources: -1 down, 1 up, 2 mixed or not comparable
	for _, c := range changes {
		switch {
		case c.OfSheet() && c.Kind == Added:
			seen[BadgeSheetAdded] = true
		case c.OfSheet():
			seen[BadgeSheetRemoved] = true
		case c.Note != nil:
			seen[BadgeNote] = true
		case c.Kind == Added:
			seen[BadgeIndicatorAdded] = true
		case c.Kind == Removed:
			seen[BadgeIndicatorRemoved] = true
		case c.Field.Spec == nil || !p.Has(c.Field.Spec) || c.Field.Badge == BadgeNone:
		default:
			b := c.Field.Badge
			seen[b] = true
			if b == BadgeTarget || b == BadgeResources {
				d := 2
				if c.Field.Key == "target" || c.Field.Key == "risorse" {
					d = Compare(c.Old, c.New)
				}
				if w, ok := way[b]; ok && w != d || d == 0 {
					d = 2
				}
				way[b] = d
			}
		}
	}
	for _, b := range []Badge{BadgeTarget, BadgeResources} {
		if seen[b] && way[b] != 2 {
			seen[b] = false
			seen[b+1+Badge(max(way[b], 0))] = true // Down, then Up
		}
	}
	var out []Badge
	for b := BadgeNone + 1; b < badgeCount; b++ {
		if seen[b] {
			out = append(out, b)
		}
	}
	return out
}

// Compare compares two values when each is one number with the same unit
// around it ("≤ 20%" and "≤ 5%", "€ 1.105.500,00" and "€ 1.201.904,83",
// "≥ 12" and "80"): -1 when the later is smaller, 1 when larger; 0 when
// they are equal or not comparable (a date, "SI", two numbers, other
// units).
func Compare(before, after string) int {
	a, ua, ok1 := quantity(before)
	b, ub, ok2 := quantity(after)
	switch {
	case !ok1 || !ok2 || ua != ub || a == b:
		return 0
	case b < a:
		return -1
	}
	return 1
}

// numberRE finds a number as Italian texts write it: thousands with dots
// and decimals with a comma ("1.105.500,00", "12,5"). A dot between other
// digits ("30.06", a date) splits them into two numbers: not comparable.
var (
	numberRE    = regexp.MustCompile(`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`)
	thousandsRE = regexp.MustCompile(`^\d{1,3}(?:\.\d{3})+$`) // "1.105", "12.500": not decimals
)

// quantity reads a value as one number and its unit: what is around the
// number, without comparison signs and spaces, in lower case.
func quantity(s string) (float64, string, bool) {
	locs := numberRE.FindAllStringIndex(s, -1)
	if len(locs) != 1 {
		return 0, "", false
	}
	num := s[locs[0][0]:locs[0][1]]
	if strings.Contains(num, ",") || thousandsRE.MatchString(num) {
		num = strings.ReplaceAll(num, ".", "") // dots between thousands
	}
	n, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
	if err != nil {
		return 0, "", false
	}
	around := s[:locs[0][0]] + " " + s[locs[0][1]:]
	unit := strings.Join(strings.FieldsFunc(strings.ToLower(around), func(r rune) bool {
		return r == ' ' || slices.Contains([]rune("≤≥<>=~±"), r)
	}), " ")
	return n, unit, true
}
