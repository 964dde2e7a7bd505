package importa

import (
	"strings"
	"unicode"
)

// Every marked run belongs to a revision: the one its tracked change's
// date falls in (on or before the revision's date, after the one before),
// or, without a date, the revision being imported. Where an office
// strikes two earlier values one after the other ("80% 50% 40%", the
// first two struck), each struck value is the value a revision replaced:
// the last the imported revision's, the one before the revision before.
//
// A cell then reads as one text per version of the plan: version 0 as
// approved, version k after revision k.

// scope is the revisions a document may hold, oldest first, ending with
// the one being imported; dates are ISO dates or "".
type scope struct {
	ids   []string
	dates []string
	doc   *Document
}

func (s *scope) n() int { return len(s.ids) }

// revOf is the revision (1…n) a change of that date belongs to.
func (s *scope) revOf(date string) int {
	if len(date) >= 10 {
		d := date[:10]
		for k, rd := range s.dates {
			if rd != "" && d <= rd {
				return k + 1
			}
		}
	}
	return 0
}

// span is when a run is in the text: from version ins up to, not
// including, version del (0: never deleted).
type span struct{ ins, del int }

// spans gives each run of a paragraph its versions.
func (s *scope) spans(p Para) []span {
	out, _ := s.spansOf(p)
	return out
}

// spansOf is spans, and whether a site holds more earlier values than
// there are revisions (they are then read as one).
func (s *scope) spansOf(p Para) ([]span, bool) {
	out := make([]span, len(p.Runs))
	ambiguous := false
	n := s.n()
	var group []int // runs of the current group of deletions
	var groups [][]int
	flush := func() {
		if len(group) > 0 {
			groups = append(groups, group)
			group = nil
		}
	}
	site := func() { // a site ends at text that is not whitespace
		flush()
		ambiguous = ambiguous || len(groups) > max(n, 1)
		s.orderDeletions(p, out, groups)
		groups = nil
	}
	for i, r := range p.Runs {
		switch r.Mark {
		case Plain:
			if strings.TrimSpace(r.Text) == "" {
				flush()
			} else {
				site()
			}
		case Underlined:
			if s.doc.Struck {
				out[i].ins = n
			}
			flush()
		case Inserted:
			out[i].ins = orN(s.revOf(r.Date), n)
			flush()
		case Struck, Deleted:
			if len(group) > 0 && p.Runs[group[len(group)-1]].Date != r.Date {
				flush()
			}
			group = append(group, i)
			out[i].ins = s.revOf(r.InsDate)
		}
	}
	site()
	if last := struckThenPlain(p); last >= 0 {
		for i := last + 1; i < len(p.Runs); i++ {
			out[i].ins = out[last].del
		}
	}
	return out, ambiguous
}

// struckThenPlain is the index of the last struck run of a paragraph
// that is struck text followed by plain text only ("~≥ 12~ 80"), as
// offices write a value replaced whole: the plain text is then the new
// value, not text of every version. -1 for any other paragraph.
func struckThenPlain(p Para) int {
	last, plainSeen := -1, false
	for i, r := range p.Runs {
		switch {
		case r.Mark == Struck && plainSeen:
			return -1
		case r.Mark == Struck:
			last = i
		case r.Mark != Plain:
			return -1
		case strings.TrimSpace(r.Text) != "":
			if last < 0 {
				return -1
			}
			plainSeen = true
		}
	}
	if !plainSeen {
		return -1
	}
	return last
}

// ambiguous reports whether a cell holds more struck values in a row
// than there are revisions.
func (s *scope) ambiguous(paras []Para) bool {
	for _, p := range paras {
		if _, amb := s.spansOf(p); amb {
			return true
		}
	}
	return false
}

// markedText writes a cell as the office marked it: ~~struck or
// deleted~~, ++inserted or underlined++.
func markedText(paras []Para) string {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString(" / ")
		}
		for _, r := range p.Runs {
			switch r.Mark {
			case Struck, Deleted:
				b.WriteString("~~" + r.Text + "~~")
			case Inserted, Underlined:
				b.WriteString("++" + r.Text + "++")
			default:
				b.WriteString(r.Text)
			}
		}
	}
	return b.String()
}

// orderDeletions gives the groups of deletions of one site their
// revisions: their dates', or the last revisions in order; a deletion
// after another one is text the earlier revision put in.
func (s *scope) orderDeletions(p Para, out []span, groups [][]int) {
	n := s.n()
	for j, g := range groups {
		rev := s.revOf(p.Runs[g[0]].Date)
		if rev == 0 {
			rev = max(1, n-len(groups)+1+j)
		}
		for _, i := range g {
			out[i].del = rev
		}
		if j > 0 {
			prev := out[groups[j-1][0]].del
			for _, i := range g {
				if prev < rev && out[i].ins < prev {
					out[i].ins = prev
				}
			}
		}
	}
}

func orN(k, n int) int {
	if k == 0 {
		return n
	}
	return k
}

// versions is the text of the paragraphs at each version 0…n: lines
// joined by line breaks, spaces collapsed.
func (s *scope) versions(paras []Para) []string {
	n := s.n()
	out := make([]string, n+1)
	for k := 0; k <= n; k++ {
		var lines []string
		for _, p := range paras {
			sp := s.spans(p)
			var b strings.Builder
			for i, r := range p.Runs {
				if sp[i].ins <= k && (sp[i].del == 0 || k < sp[i].del) {
					b.WriteString(r.Text)
				}
			}
			for _, line := range strings.Split(b.String(), "\n") {
				if line = collapse(line); line != "" {
					lines = append(lines, line)
				}
			}
		}
		out[k] = strings.Join(lines, "\n")
	}
	return out
}

// collapse trims a line and writes every run of spaces as one space.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
