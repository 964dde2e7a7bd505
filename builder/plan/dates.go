package plan

import (
	"strconv"
	"time"
)

// Dates are written as precise as the act states them: a day (2024-09-12),
// a month (2016-09) or a year (2016). Nothing derived from a date adds a
// day or a month the content does not state.

// Precision is how much of a date the content states.
type Precision int

const (
	NoDate Precision = iota // not a date
	Year
	Month
	Day
)

// ParseDate reads a date written AAAA-MM-GG, AAAA-MM or AAAA, and says how
// precise it is; NoDate when it is none of those, or no such day exists.
func ParseDate(s string) (y, m, d int, p Precision) {
	switch len(s) {
	case 4:
		p = Year
	case 7:
		p = Month
	case 10:
		p = Day
	default:
		return 0, 0, 0, NoDate
	}
	y, ok := digits(s[0:4])
	if !ok || y < 1 {
		return 0, 0, 0, NoDate
	}
	if p >= Month {
		if s[4] != '-' {
			return 0, 0, 0, NoDate
		}
		if m, ok = digits(s[5:7]); !ok || m < 1 || m > 12 {
			return 0, 0, 0, NoDate
		}
	}
	if p == Day {
		if s[7] != '-' {
			return 0, 0, 0, NoDate
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return 0, 0, 0, NoDate
		}
		d, _ = digits(s[8:10])
	}
	return y, m, d, p
}

func digits(s string) (int, bool) {
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// DateBefore reports whether date a is surely before date b: compared as
// far as the less precise of the two goes, so that "2016-09" is not before
// "2016-09-12", nor after it.
func DateBefore(a, b string) bool {
	_, _, _, pa := ParseDate(a)
	_, _, _, pb := ParseDate(b)
	if pa == NoDate || pb == NoDate {
		return false
	}
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}

// LaterDate is the later of two dates, as DateBefore compares them; of
// two dates neither before the other, the more precise.
func LaterDate(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "", DateBefore(b, a):
		return a
	case DateBefore(a, b):
		return b
	}
	if len(b) > len(a) {
		return b
	}
	return a
}
