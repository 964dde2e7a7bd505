package builder

import (
	"io/fs"
	"path"
	"sort"

	"github.com/piao-pa/piao/builder/plan"
)

// Publishing the snapshots: `piao build` copies every snapshot of
// archive/ into archivio/NAME/ byte for byte, after minifying, and lists
// them on the Archivio page. A snapshot that cannot be read, or no longer
// matches its manifest, is an error: the site is not published, since its
// Archivio page would state what the snapshot no longer proves.

// snapshotCopy is a snapshot of the site's archive/ folder.
type snapshotCopy struct {
	Meta   SnapshotMeta
	Files  map[string][]byte
	Report VerifyReport
}

// loadSnapshots reads and verifies every snapshot of the site.
func loadSnapshots(site fs.FS) ([]snapshotCopy, Diagnostics) {
	var ds Diagnostics
	names, err := ListSnapshots(site)
	if err != nil {
		reason, hint := osReason(err)
		ds.errorf(plan.At(archiveDir, 0, 0), hint, msgCannotList, reason)
	}
	var out []snapshotCopy
	for _, name := range names {
		pos := plan.At(path.Join(archiveDir, name), 0, 0)
		if !validSnapshotName(name) {
			ds.warnf(pos, hintSnapshotName, msgSnapshotSkipped, name)
			continue
		}
		sub, err := fs.Sub(site, path.Join(archiveDir, name))
		var files map[string][]byte
		var irregular []string
		if err == nil {
			files, irregular, err = readSnapshot(sub)
		}
		if err != nil {
			reason, hint := osReason(err)
			ds.errorf(pos, hint, msgSnapshotUnreadable, reason)
			continue
		}
		r := verify(name, files, irregular)
		if !r.OK() {
			ds.errorf(pos, hintVerify(name), msgSnapshotDiffers, snapshotDiffs(r))
			continue
		}
		r.Meta.Nome = name
		out = append(out, snapshotCopy{Meta: r.Meta, Files: files, Report: r})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Meta, out[j].Meta
		if a.Data != b.Data {
			return a.Data > b.Data
		}
		return a.Nome < b.Nome
	})
	return out, ds
}
