package builder

import (
	"archive/zip"
	"compress/flate"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/piao-pa/piao/builder/publish"
)

// Snapshots on disk: written once and atomically, checked against their
// manifest, published by `piao build`, zipped for deposit.

// archiveDir is the folder of a site that holds its snapshots.
const archiveDir = "archive"

// UnverifiedError refuses to zip a snapshot that does not match its
// manifest.
type UnverifiedError struct{ Name string }

func (e *UnverifiedError) Error() string { return fmt.Sprintf(msgZipUnverified, e.Name) }

// ExistsError refuses to touch a snapshot that exists.
type ExistsError struct{ Dir, Suggest string }

func (e *ExistsError) Error() string { return fmt.Sprintf(msgSnapshotExists, e.Dir, e.Suggest) }

// WriteSnapshot writes s into SITE/archive/NAME. The files go into a
// temporary folder beside it, are synced to disk, and the folder is then
// renamed: a crash or a full disk leaves no folder under the final name,
// and of two concurrent runs only one rename succeeds. An existing
// snapshot is never touched. Files are written read-only.
func WriteSnapshot(siteDir string, s *Snapshot) error {
	dir := filepath.Join(siteDir, archiveDir)
	final := filepath.Join(dir, s.Meta.Nome)
	exists := &ExistsError{Dir: filepath.Join(archiveDir, s.Meta.Nome), Suggest: s.Meta.Nome + "-" + s.Meta.Data}
	if _, err := os.Lstat(final); err == nil {
		return exists
	}
	failed := func(err error) error {
		return &DiskError{Msg: msgSnapshotNotWritten, Path: filepath.Join(archiveDir, s.Meta.Nome), Err: err}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failed(err)
	}
	unlock, err := LockArchive(siteDir) // a cleaner must not take this folder for a leftover
	if err != nil {
		return failed(err)
	}
	defer unlock()
	tmp, err := os.MkdirTemp(dir, "."+s.Meta.Nome+".tmp-")
	if err != nil {
		return failed(err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := writeSynced(tmp, s.Files); err != nil {
		return failed(err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it private
		return failed(err)
	}
	if err := os.Rename(tmp, final); err != nil {
		if _, serr := os.Lstat(final); serr == nil {
			return exists
		}
		return failed(err)
	}
	syncDir(dir)
	return nil
}

// writeSynced writes files under root and syncs each file and folder.
func writeSynced(root string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		if !publish.ValidPath(n) || strings.ContainsAny(n, "\n\r") {
			return fmt.Errorf("%w: %q", fs.ErrInvalid, n)
		}
		names = append(names, n)
	}
	sort.Strings(names)
	dirs := map[string]bool{root: true}
	for _, n := range names {
		full := filepath.Join(root, filepath.FromSlash(n))
		if d := filepath.Dir(full); !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			dirs[d] = true
		}
		if err := writeFileSynced(full, files[n]); err != nil {
			return err
		}
	}
	for d := range dirs {
		syncDir(d)
	}
	return nil
}

func writeFileSynced(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o444)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir flushes a folder's entries; not every system can, so errors are
// ignored.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}

// VerifyReport is a snapshot checked against its manifest.
type VerifyReport struct {
	Name    string
	Meta    SnapshotMeta
	Files   int      // files the manifest lists
	Changed []string // content differs, or not a regular file
	Missing []string
	Added   []string
}

// OK reports whether the snapshot is exactly as archived.
func (r *VerifyReport) OK() bool {
	return len(r.Changed)+len(r.Missing)+len(r.Added) == 0
}

// ListSnapshots names the snapshots under archive/ of a site.
func ListSnapshots(site fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(site, archiveDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !ignoredName(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out, err
}

// VerifySnapshot checks the snapshot archive/NAME of a site: every file of
// SHA256SUMS, archivio.json included, has its hash, no file was added, and
// the facts of archivio.json agree with each other (and, in a snapshot of
// the first format, with the digest it records and the landing page).
// Times and permissions play no part.
func VerifySnapshot(site fs.FS, name string) VerifyReport {
	sub, err := fs.Sub(site, path.Join(archiveDir, name))
	if err != nil {
		return VerifyReport{Name: name, Missing: []string{manifestFile}}
	}
	files, irregular, _ := readSnapshot(sub)
	return verify(name, files, irregular)
}

// readSnapshot reads every regular file of a snapshot folder and lists
// the entries that are neither files nor folders (links, devices).
func readSnapshot(fsys fs.FS) (files map[string][]byte, irregular []string, err error) {
	files = map[string][]byte{}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			irregular = append(irregular, p)
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		files[p] = b
		return err
	})
	return files, irregular, err
}

func verify(name string, files map[string][]byte, irregular []string) VerifyReport {
	r := VerifyReport{Name: name, Meta: SnapshotMeta{Nome: name}}
	manifest, ok := files[manifestFile]
	if !ok {
		r.Missing = append(r.Missing, manifestFile)
	}
	sums, ok := parseManifest(manifest)
	if !ok {
		r.Changed = append(r.Changed, manifestFile)
	}
	r.Files = len(sums)
	_, covered := sums[metaFile]
	checkMeta(&r, files, manifest, sums, covered)
	for _, p := range irregular {
		if _, listed := sums[p]; listed {
			r.Changed = append(r.Changed, p)
		} else {
			r.Added = append(r.Added, p)
		}
	}
	for p, want := range sums {
		b, ok := files[p]
		if !ok {
			if !contains(irregular, p) {
				r.Missing = append(r.Missing, p)
			}
			continue
		}
		if digest(b) != want && !contains(r.Changed, p) {
			r.Changed = append(r.Changed, p)
		}
	}
	for p := range files {
		if _, listed := sums[p]; !listed && p != manifestFile && (p != metaFile || covered) {
			r.Added = append(r.Added, p)
		}
	}
	sort.Strings(r.Changed)
	sort.Strings(r.Missing)
	sort.Strings(r.Added)
	return r
}

// checkMeta reads archivio.json into the report, with the digest of the
// manifest as it is. In a snapshot of the current format the manifest
// covers archivio.json, and its facts need only agree with each other;
// in one of the first format (archive_legacy.go) they must agree with the
// digest recorded, and with what the snapshot's own landing page states.
func checkMeta(r *VerifyReport, files map[string][]byte, manifest []byte, sums map[string]string, covered bool) {
	b, ok := files[metaFile]
	if !ok {
		if !covered {
			r.Missing = append(r.Missing, metaFile)
		}
		return
	}
	var m SnapshotMeta
	if err := json.Unmarshal(b, &m); err != nil {
		r.Changed = append(r.Changed, metaFile)
		return
	}
	recorded := m.SHA256
	r.Meta = m
	r.Meta.SHA256 = digest(manifest)
	changed := func(p string) {
		if !contains(r.Changed, p) {
			r.Changed = append(r.Changed, p)
		}
	}
	switch {
	case m.Conservazione != RetentionEnd(m.Data):
		changed(metaFile) // a date, and the retention that follows from it, that disagree
	case manifest != nil && m.File != len(sums)-btoi(covered):
		changed(manifestFile) // lists more or fewer files than were archived
	case covered:
	case manifest != nil && recorded != r.Meta.SHA256:
		changed(manifestFile)
	case !legacyFactsHold(m, files):
		changed(metaFile)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parseManifest reads GNU sha256sum lines: 64 hex digits, a space, a
// space or "*", the path.
func parseManifest(b []byte) (map[string]string, bool) {
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if line == "" && len(b) == 0 {
			continue
		}
		if len(line) < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') {
			return out, false
		}
		if _, err := hex.DecodeString(line[:64]); err != nil {
			return out, false
		}
		out[line[66:]] = strings.ToLower(line[:64])
	}
	return out, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// WriteZip writes the snapshot archive/NAME of a site as a zip that is the
// same byte for byte on every run: entries under NAME/, sorted, deflated,
// dated the snapshot's date at midnight, mode 0644, no extra fields.
func WriteZip(w io.Writer, site fs.FS, name string) error {
	sub, err := fs.Sub(site, path.Join(archiveDir, name))
	if err != nil {
		return err
	}
	files, irregular, err := readSnapshot(sub)
	if err != nil {
		return err
	}
	if r := verify(name, files, irregular); !r.OK() {
		return &UnverifiedError{Name: name}
	}
	var meta SnapshotMeta
	_ = json.Unmarshal(files[metaFile], &meta) // verify parsed it
	day, err := time.Parse("2006-01-02", meta.Data)
	if err != nil || day.Year() < 1980 {
		day = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, n := range names {
		h := &zip.FileHeader{Name: name + "/" + n, Method: zip.Deflate}
		h.ModifiedDate = uint16((day.Year()-1980)<<9 | int(day.Month())<<5 | day.Day())
		h.SetMode(0o644)
		f, err := zw.CreateHeader(h)
		if err == nil {
			_, err = f.Write(files[n])
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
