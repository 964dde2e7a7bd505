package publish

import "path/filepath"

// A build reads its sources and loads its model before it publishes, and
// then, under the lock, the publish reads the spare's index while the
// site renders: 13,000 folders listed at 10,000 sheets, some 0.2 s of CPU
// when both cores are busy. ReadSpareEarly reads it before, while the
// build loads and one core is often idle; the publish takes that index
// only if the spare is still the very folder read, unchanged since
// before it was read (its folder's inode, modification and change time:
// another publish takes the spare by renaming it, which changes its
// change time, and leaves another folder in its place), and reads it
// again otherwise. What a build does to the spare is done under the
// lock; a publish of another program into the same folder is not guarded
// against, now as before (the index of a spare read under the lock is
// read while the publish fills it).

// EarlySpare is the spare of an output read before its publish.
type EarlySpare struct {
	dest string
	done chan struct{}
	idx  *spareIndex // nil: none to take
	root folderID    // the spare's folder, the same before and after the reading
}

// ReadSpareEarly starts reading the index of the spare of dest, for the
// publish that Options.Early gives it to; nil where there is no spare,
// or the system lists none.
func ReadSpareEarly(dest string) *EarlySpare {
	if !indexSpare {
		return nil
	}
	dest = filepath.Clean(dest)
	sp := sparePath(dest)
	before, ok := folderIDOf(sp)
	if !ok {
		return nil
	}
	e := &EarlySpare{dest: dest, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		idx := readSpareAs(sp, spareTemp(dest))
		if after, ok := folderIDOf(sp); ok && after == before && idx != nil {
			e.idx, e.root = idx, before
		}
	}()
	return e
}

// take gives, under the lock of dest and before the spare is taken, the
// index read early if the spare is still the folder it was read of, as it
// was; nil if not, or if there is none.
func (e *EarlySpare) take(dest string) *spareIndex {
	if e == nil || e.dest != dest {
		return nil
	}
	<-e.done
	if e.idx == nil {
		return nil
	}
	if now, ok := folderIDOf(sparePath(dest)); !ok || now != e.root {
		return nil
	}
	return e.idx
}
