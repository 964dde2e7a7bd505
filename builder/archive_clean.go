package builder

import (
	"errors"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"syscall"
)

// A piao archive killed while it writes (or while it writes the zip)
// leaves its temporary folder, .NAME.tmp-NNN, or zip, .NAME.zip.tmp-NNN,
// in archive/: a whole copy of the plan that nothing will ever use, in a
// folder the office keeps in git. The next piao archive and piao build
// remove them. They take the archive's lock to do so (archiveLock), which
// every writer of archive/ holds while it writes, so that what a running
// piao archive is writing is never taken for a leftover; and they touch
// only the names piao itself makes, through the site folder (a symbolic
// link cannot lead them out of it).

// archiveLock is the lock file of a site's archive/, beside it, as the
// lock of an output is beside the output.
const archiveLock = ".archive.piao-lock"

// leftoverRE matches the names piao archive gives its temporary folder
// (.NAME.tmp-N) and zip (.NAME.zip.tmp-N).
var leftoverRE = regexp.MustCompile(`^\.([a-z0-9][a-z0-9.\-]*?)\.(tmp|zip\.tmp)-[0-9]+$`)

// CleanArchive removes what interrupted runs of piao archive left in the
// archive/ folder of the site at siteDir, and returns their names, sorted.
// When another piao archive is writing (it holds the lock), or where no
// lock can be taken, it removes nothing.
func CleanArchive(siteDir string) ([]string, error) {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return nil, nil // no site: nothing of it to clean
	}
	defer root.Close()
	if _, err := root.Lstat(archiveDir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	unlock, ok, err := lockArchive(root, false)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return nil, nil // a site piao may only read: nothing it could remove either
	}
	if err != nil || !ok {
		return nil, err
	}
	defer unlock()
	entries, err := fs.ReadDir(root.FS(), archiveDir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		m := leftoverRE.FindStringSubmatch(e.Name())
		if m == nil || !validSnapshotName(m[1]) || (m[2] == "tmp") != e.IsDir() || (m[2] != "tmp") != e.Type().IsRegular() {
			continue // not what piao makes: another name, a link, a file for a folder
		}
		if err := root.RemoveAll(archiveDir + "/" + e.Name()); err != nil {
			return removed, err
		}
		removed = append(removed, e.Name())
	}
	sort.Strings(removed)
	return removed, nil
}

// LockArchive takes the lock of the archive/ folder of the site at
// siteDir, waiting for another piao archive to finish, and returns the
// function that releases it: whoever writes into archive/ holds it.
func LockArchive(siteDir string) (func(), error) {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	unlock, _, err := lockArchive(root, true)
	return unlock, err
}
