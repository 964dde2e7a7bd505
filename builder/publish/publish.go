// Package publish writes a folder atomically: the new folder is written
// beside the destination and takes its place in one step once every file
// is written, so that a failed or interrupted publish (even by kill -9)
// leaves the previous folder whole. Two publishes to the same destination
// take turns, by a lock file beside it; files the previous folder holds
// with the very same bytes are reused (hard-linked) rather than written
// anew. Before touching anything it refuses destinations whose
// replacement would destroy what is not a folder it wrote: a file, a
// foreign folder, the root, the current folder or one above it, a
// protected folder and its sources.
//
// It knows nothing of what it writes. Its errors are typed (DestError,
// Error) and carry no words for people: the caller says them.
package publish

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/piao-pa/piao/internal/stages"
)

// Marker is the file written in every published folder, so that a publish
// only ever replaces a folder it wrote itself.
const Marker = ".piao-output"

// Options tune Tree.
type Options struct {
	// Site is a folder the destination may not contain; the destination
	// may not lie among its Sources either (names inside Site). Empty:
	// nothing to protect.
	Site    string
	Sources []string
	// OnWait is called, if not nil, when another publish to the same
	// destination holds the lock and this one waits for it.
	OnWait func()
	// Early is, if not nil, the spare of dest read before the publish
	// (ReadSpareEarly): its index is taken if the spare is still the
	// folder it read, as it read it; if not, the spare is read again.
	Early *EarlySpare
	// After is called, if not nil, under the lock once the new folder has
	// taken the place of dest (its error is returned, dest published all
	// the same): files kept beside dest (a build cache) are updated there,
	// never while another publish runs.
	After func() error
}

// Tree publishes into dest what fill writes into a Target: into a
// temporary folder beside dest, which takes the place of dest in one step
// once fill returns without error, with the Marker in it.
//
// The error is a *DestError when dest is refused, an *Error when the
// publish failed (a full disk, a lock that cannot be taken, a file that
// cannot be written: the Target's own write errors are *Error too), or
// fill's own error as fill returned it. In every case dest is as it was.
func Tree(dest string, opt Options, fill func(to *Target) error) error {
	dest = filepath.Clean(dest)
	return hold(dest, opt, func() error { return publishIn(dest, opt, fill) })
}

// Hold runs look under the lock of dest, once dest is found to be a
// folder a publish may replace and what a publish killed there left is
// recovered, as Tree would before it writes: for a caller that only looks
// at dest (is it as the last publish left it?). Nothing is written, and
// the spare stays as it is for the next publish. Its errors are those of
// Tree; look's own comes back as it is.
func Hold(dest string, opt Options, look func() error) error {
	return hold(filepath.Clean(dest), opt, look)
}

// hold runs fn under the lock of dest, once dest is checked and recovered.
func hold(dest string, opt Options, fn func() error) error {
	if err := safeDest(dest, opt); err != nil {
		return err
	}
	if err := checkDest(dest); err != nil {
		return err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return failed(dest, err)
	}
	unlock, err := lockDest(lockPath(dest), opt.OnWait)
	if err != nil {
		return failed(dest, err)
	}
	defer unlock()
	if err := checkDest(dest); err != nil { // another publish may have run meanwhile
		return err
	}
	recoverStale(dest)
	crashPoint("recovered")
	return fn()
}

// publishIn is Tree under the lock.
func publishIn(dest string, opt Options, fill func(to *Target) error) error {
	early := opt.Early.take(dest) // before the spare is taken: renamed, its folder has another stamp
	tmp, spare, err := takeSpare(dest)
	if err != nil {
		return failed(dest, err)
	}
	to := &Target{root: tmp, dest: dest, prev: openReuse(dest, tmp), spare: spare}
	switch {
	case !spare || !indexSpare:
	case early != nil && tmp == spareTemp(dest):
		to.state.indexed = make(chan struct{})
		to.state.idx, to.state.early = early, true
		close(to.state.indexed)
	default: // read while the fill begins (spareindex.go)
		to.state.indexed = make(chan struct{})
		go func() { to.state.idx = readSpare(tmp); close(to.state.indexed) }()
	}
	swapped := false
	defer func() { // after the swap, the previous folder
		to.index() // the spare read, before its folder is renamed or removed
		keepSpare(tmp, dest, swapped)
	}()
	stages.Mark("publish ready")
	if err := fill(to); err != nil {
		return err
	}
	if err := to.prune(); err != nil {
		return failed(dest, err)
	}
	stages.Mark("spare pruned")
	if err := writeMarker(tmp); err != nil {
		return failed(dest, err)
	}
	if err := swapIn(tmp, dest); err != nil {
		return failed(dest, err)
	}
	swapped = true
	stages.Mark("swapped")
	if opt.After != nil {
		defer stages.Mark("cache saved")
		return opt.After()
	}
	return nil
}

func writeMarker(root string) error {
	file := filepath.Join(root, Marker)
	_ = os.Remove(file) // a spare's, never written in place
	return os.WriteFile(file, []byte("piao\n"), 0o644)
}

// ValidPath reports whether p, slash-separated, names a file that stays
// inside the folder it is written into.
func ValidPath(p string) bool {
	return p != "" && !path.IsAbs(p) && path.Clean(p) == p && !strings.HasPrefix(p, "../") &&
		p != ".." && !strings.ContainsAny(p, "\\\x00")
}

// checkDest refuses destinations a publish must not replace.
func checkDest(dest string) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return failed(dest, err)
	}
	if !info.IsDir() {
		return &DestError{Dest: dest, Reason: NotDir}
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return failed(dest, err)
	}
	if len(entries) > 0 {
		return &DestError{Dest: dest, Reason: Foreign}
	}
	return nil
}
