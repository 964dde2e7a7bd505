package synth

import "time"

// MaxStep is how much more CPU time each of two doublings in a row of a
// body may cost before the work is taken for quadratic. A linear stage
// costs twice as much at each doubling, a quadratic one four times (and
// more than three at each as soon as its square is half its cost); but a
// linear stage whose data outgrow a cache of the processor costs up to
// four times once, and about twice again at the next doubling (measured
// on the project's virtual machine, "padded rows" from 128 KB to 1 MB:
// 2.4, 3.5 and 2.1 times; 4.1 times at one doubling in another run), so
// one step alone does not tell.
const MaxStep = 3.0

// MaxMemoryGrowth is how much more memory doubling a body may take:
// twice, and a margin; a quadratic stage takes four times.
const MaxMemoryGrowth = 2.5

// Quadratic reports whether the CPU times of a work at a size, twice and
// four times that grow as a quadratic stage's do: both doublings more
// than MaxStep. It gives the two ratios too.
func Quadratic(cpu [3]time.Duration) (bool, [2]float64) {
	var r [2]float64
	for i := range r {
		r[i] = float64(cpu[i+1]) / float64(max(cpu[i], time.Millisecond))
	}
	return min(r[0], r[1]) > MaxStep, r
}
