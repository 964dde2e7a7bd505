package builder

import (
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

// each calls fn for every file of the site, from p.workers goroutines,
// with the file's index in p.paths. It returns the error of the first
// file, in path order, whose fn failed: the same error whatever the
// number of goroutines, since every file before a failed one still runs.
func (p *Pages) each(fn func(i int, name string, buf *buffers) error) error {
	return p.eachOn(p.workers, fn)
}

// eachOn is each, from the given number of goroutines.
func (p *Pages) eachOn(workers int, fn func(i int, name string, buf *buffers) error) error {
	order := p.workOrder()
	var next atomic.Int64
	var mu sync.Mutex
	failed, firstErr := len(p.paths), error(nil)
	work := func() {
		buf := &buffers{}
		for {
			k := int(next.Add(1)) - 1
			if k >= len(order) {
				return
			}
			i := order[k]
			mu.Lock()
			skip := i > failed // a file before it failed: it cannot be the answer
			mu.Unlock()
			if skip {
				continue
			}
			if err := fn(i, p.paths[i], buf); err != nil {
				mu.Lock()
				if i < failed {
					failed, firstErr = i, err
				}
				mu.Unlock()
			}
		}
	}
	n := max(1, min(workers, len(order)))
	var wg sync.WaitGroup
	for range n - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	return firstErr
}

// workOrder lists the indexes of p.paths in the order to take them: the
// pages that list many sheets (long, a few hundred milliseconds each on a
// large site) first, so that no goroutine starts one when the others are
// done; then the sheets' pages and the other files, in path order.
func (p *Pages) workOrder() []int {
	order := make([]int, 0, len(p.paths))
	for i, name := range p.paths {
		if pg := p.pages[name]; pg != nil && pg.Kind != "sheet" {
			order = append(order, i)
		}
	}
	for i, name := range p.paths {
		if pg := p.pages[name]; pg == nil || pg.Kind == "sheet" {
			order = append(order, i)
		}
	}
	return order
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
