package textnorm

// Typo tolerance. A query word that matches no term may match the terms a
// few edits away: an edit inserts, deletes or changes a letter, or swaps
// two adjacent letters (the optimal string alignment distance). Codes,
// numbers and short words never match fuzzily. The search script has the
// same two functions (maxEdits and distance in search.js).

// MaxEdits is how many edits a folded query word may be away from a term
// and still match it: none for words with a digit and for words of fewer
// than five letters, one for five to eight letters, two for longer words.
func MaxEdits(w string) int {
	for i := 0; i < len(w); i++ {
		if !(w[i] >= 'a' && w[i] <= 'z') {
			return 0
		}
	}
	switch {
	case len(w) < 5:
		return 0
	case len(w) <= 8:
		return 1
	}
	return 2
}

// Distance is the optimal string alignment distance between the ASCII
// words a and b, or max+1 if it is more than max. Its cost is
// len(a)·len(b) at most, and less when the lengths differ by more than
// max.
func Distance(a, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	// Three rows of the matrix: two rows back (for swaps), previous, current.
	pp := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > max {
			return max + 1
		}
		pp, prev, cur = prev, cur, pp
	}
	if prev[len(b)] > max {
		return max + 1
	}
	return prev[len(b)]
}
