package worddiff

// myers finds a shortest edit script from a to b with Myers' greedy
// algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986),
// giving up beyond maxEdits edits. Each round d keeps the furthest point
// reached on every diagonal; the rounds are kept to walk back the path,
// each as long as its diagonals (2d+1), so the memory is bounded by
// maxEdits² whatever the texts. Of two equally short scripts it takes,
// at every step, the one the comparison of diagonals gives: the result
// depends only on a and b.
func myers(a, b []token) ([]Op, bool) {
	n, m := len(a), len(b)
	limit := min(n+m, maxEdits)
	// v[k+off] is the furthest x reached on diagonal k = x - y.
	off := limit + 1
	v := make([]int, 2*limit+3)
	var rounds [][]int // rounds[d][k+d]: v after round d
	for d := 0; d <= limit; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: a token of b added
			} else {
				x = v[off+k-1] + 1 // right: a token of a removed
			}
			y := x - k
			for x < n && y < m && a[x].text == b[y].text {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				rounds = append(rounds, append([]int(nil), v[off-d:off+d+1]...))
				return walkBack(rounds, n, m), true
			}
		}
		rounds = append(rounds, append([]int(nil), v[off-d:off+d+1]...))
	}
	return nil, false
}

// walkBack turns the rounds into the edit script, from the end.
func walkBack(rounds [][]int, n, m int) []Op {
	var rev []Op
	x, y := n, m
	for d := len(rounds) - 1; d > 0; d-- {
		prev := rounds[d-1] // prev[k+d-1] is diagonal k of round d-1
		at := func(k int) int { return prev[k+d-1] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		// the snake of round d starts after the move from (px, py)
		sx, sy := px+1, py
		if pk == k+1 {
			sx, sy = px, py+1
		}
		for x > sx && y > sy {
			rev = append(rev, Equal)
			x, y = x-1, y-1
		}
		if pk == k+1 {
			rev = append(rev, Insert)
			y--
		} else {
			rev = append(rev, Delete)
			x--
		}
	}
	for x > 0 && y > 0 {
		rev = append(rev, Equal)
		x, y = x-1, y-1
	}
	out := make([]Op, len(rev))
	for i, op := range rev {
		out[len(rev)-1-i] = op
	}
	return out
}

// render writes the script as spans: the kept tokens with the later
// text's spacing, each run of removed or added tokens as one span, the
// blank space before it kept outside it.
func render(a, b []token, script []Op) []Span {
	var w spanWriter
	i, j := 0, 0
	for k := 0; k < len(script); {
		op := script[k]
		if op == Equal {
			space := b[j].space
			if space == "" && k > 0 && script[k-1] != Equal {
				space = a[i].space // a removed word before it: keep them apart
			}
			w.write(Equal, space)
			w.write(Equal, b[j].text)
			i, j, k = i+1, j+1, k+1
			continue
		}
		src, at := a, &i
		if op == Insert {
			src, at = b, &j
		}
		for first := true; k < len(script) && script[k] == op; k, first = k+1, false {
			t := src[*at]
			*at++
			if first {
				space := t.space
				if space == "" && w.last == Delete && t.word && w.lastWord {
					space = " " // a word replaced by a word: not run together
				}
				w.write(Equal, space)
			} else {
				w.write(op, t.space)
			}
			w.write(op, t.text)
			w.lastWord = t.word
		}
	}
	return w.spans()
}

// spanWriter gathers spans, merging the pieces of one span.
type spanWriter struct {
	out      []Span
	buf      []byte
	last     Op
	lastWord bool // the last piece written ends a word
	open     bool
}

func (w *spanWriter) write(op Op, s string) {
	if s == "" {
		return
	}
	if w.open && op != w.last {
		w.flush()
	}
	w.buf = append(w.buf, s...)
	w.last, w.open = op, true
}

func (w *spanWriter) flush() {
	w.out = append(w.out, Span{w.last, string(w.buf)})
	w.buf, w.open = w.buf[:0], false
}

func (w *spanWriter) spans() []Span {
	if w.open {
		w.flush()
	}
	return w.out
}
