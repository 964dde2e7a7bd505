package builder

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"
)

// This file spreads the pages of a site over the machine's cores: each of
// Pages.workers goroutines takes the next file, renders it, minifies it and
// hands it on (to a map, or to disk), with buffers of its own that it uses
// again for every file. Results are kept by the file's place in the
// sorted list of paths, never by the order the work ends in, so the output
// is the same with one goroutine or many.
//
// The pages that list many sheets (a plan's revisions, an index, a unit)
// are long: on a site of 50,000 sheets some are tens of megabytes, held
// two or three times over while they render and minify. At most half of
// the goroutines (at least one) render such a page at a time; the others
// render the sheets' pages meanwhile. A buffer grown past keptBuffer by a
// long page is kept for the next long page the goroutine takes (they come
// first, so that each goroutine renders them one after the other), and
// let go before the first page that is not long: growing the buffer anew,
// doubling, for every long page was a tenth of what a build of 50,000
// sheets allocated (723 MB of 7.7 GB).

// keptBuffer is the largest capacity a goroutine's buffer keeps for a
// page that is not long.
const keptBuffer = 1 << 20

// each calls fn for every file of the site, from p.workers goroutines,
// with the file's index in p.paths. It returns the error of the first
// file, in path order, whose fn failed: the same error whatever the
// number of goroutines, since every file before a failed one still runs.
func (p *Pages) each(fn func(i int, name string, buf *buffers) error) error {
	return p.eachOn(p.workers, max(1, p.workers/2), fn)
}

// eachOn is each, from the given number of goroutines, of which at most
// long render a long page at a time.
func (p *Pages) eachOn(workers, long int, fn func(i int, name string, buf *buffers) error) error {
	q := newWorkQueue(p.workOrder(), long)
	var mu sync.Mutex
	failed, firstErr := len(p.paths), error(nil)
	work := func() {
		buf := &buffers{}
		for {
			i, isLong := q.take()
			if i < 0 {
				return
			}
			if !isLong {
				buf.trim()
			}
			mu.Lock()
			skip := i > failed // a file before it failed: it cannot be the answer
			mu.Unlock()
			if !skip {
				if err := fn(i, p.paths[i], buf); err != nil {
					mu.Lock()
					if i < failed {
						failed, firstErr = i, err
					}
					mu.Unlock()
				}
			}
			q.done(isLong)
		}
	}
	n := max(1, min(workers, q.len()))
	var wg sync.WaitGroup
	for range n - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	return firstErr
}

// trim lets go of a buffer grown past keptBuffer.
func (b *buffers) trim() {
	for _, x := range []*bytes.Buffer{&b.page, &b.min} {
		if x.Cap() > keptBuffer {
			*x = bytes.Buffer{}
		}
	}
}

// workQueue hands out the indexes of p.paths: the long pages first, as
// long as fewer than its limit of them are rendering, else the others in
// order; when only long pages are left, a goroutine waits for its turn.
type workQueue struct {
	long, rest         []int
	nextLong, nextRest atomic.Int64
	turns              chan struct{} // one token a long page rendering
}

func newWorkQueue(order workOrder, long int) *workQueue {
	return &workQueue{long: order.long, rest: order.rest, turns: make(chan struct{}, max(1, long))}
}

func (q *workQueue) len() int { return len(q.long) + len(q.rest) }

// take returns the next index, and whether it is a long page (then done
// must be told); -1 when there is none left.
func (q *workQueue) take() (int, bool) {
	if int(q.nextLong.Load()) < len(q.long) {
		select {
		case q.turns <- struct{}{}:
			if i, ok := q.nextOf(&q.nextLong, q.long); ok {
				return i, true
			}
			<-q.turns
		default:
		}
	}
	if i, ok := q.nextOf(&q.nextRest, q.rest); ok {
		return i, false
	}
	if int(q.nextLong.Load()) >= len(q.long) {
		return -1, false
	}
	q.turns <- struct{}{} // only long pages are left: wait for a turn
	if i, ok := q.nextOf(&q.nextLong, q.long); ok {
		return i, true
	}
	<-q.turns
	return -1, false
}

// done ends the turn of a long page.
func (q *workQueue) done(long bool) {
	if long {
		<-q.turns
	}
}

func (q *workQueue) nextOf(next *atomic.Int64, list []int) (int, bool) {
	if k := int(next.Add(1)) - 1; k < len(list) {
		return list[k], true
	}
	return 0, false
}

// workOrder lists the indexes of p.paths: long, the pages that list many
// sheets (a few hundred milliseconds each on a large site), to take first,
// so that no goroutine starts one when the others are done; rest, the
// sheets' pages and the other files, in path order.
//
// A page other than a sheet's is long unless the previous output, as the
// build cache knows it, had it shorter than keptBuffer: after an edit of
// a sheet's data, every page that lists the sheet renders again, and at
// 10,000 sheets 266 of the 279 are of tens of kilobytes (0.75 s of CPU
// together, the 13 long ones 0.45 s), which one goroutine rendered alone
// while the others had nothing to do.
type workOrder struct{ long, rest []int }

func (p *Pages) workOrder() workOrder {
	var o workOrder
	for i, name := range p.paths {
		if pg := p.pages[name]; pg != nil && pg.Kind != "sheet" && !p.wasShort(name) {
			o.long = append(o.long, i)
		} else {
			o.rest = append(o.rest, i)
		}
	}
	return o
}

// wasShort reports whether the file name was shorter than keptBuffer in
// the previous output.
func (p *Pages) wasShort(name string) bool {
	if p.prevSize == nil {
		return false
	}
	n, ok := p.prevSize(name)
	return ok && n < keptBuffer
}

// parallelFor calls fn(i) for i from 0 to n-1, from GOMAXPROCS
// goroutines; fn must write only what belongs to its i.
func parallelFor(n int, fn func(i int)) {
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
			fn(i)
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// runTasks runs the tasks at once and returns the error of the first one,
// in the order given, that failed.
func runTasks(tasks ...func() error) error {
	errs := make([]error, len(tasks))
	var wg sync.WaitGroup
	for i, task := range tasks {
		wg.Go(func() { errs[i] = task() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
