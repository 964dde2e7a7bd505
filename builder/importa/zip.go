package importa

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Limits on what a file may make piao read. An annex of hundreds of
// sheets is a few megabytes of XML; anything far beyond is a mistake or
// an attack (a zip bomb), and is refused before it fills the memory.
const (
	MaxFileSize  = 64 << 20  // the office's file itself
	maxPartSize  = 128 << 20 // one part of the archive, inflated
	maxTotalSize = 256 << 20 // every part read, inflated
	maxRatio     = 200       // inflated/compressed, for parts over 1 MB
	maxEntries   = 20000     // entries in the archive
	maxCols      = 256       // columns of a table
	maxRows      = 100000    // rows of a table or sheet
)

// FileError is a file piao cannot read, with what to do about it; the
// command prints it and exits 1.
type FileError struct {
	Msg, Hint string
}

func (e *FileError) Error() string { return e.Msg }

func fileErr(hint, format string, args ...any) *FileError {
	return &FileError{Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// cfbMagic starts a Compound File: what Office writes for an encrypted
// .docx or .xlsx, and for the old .doc and .xls.
var cfbMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// encryptionInfo is the name, in UTF-16, of the stream an encrypted
// OOXML file keeps in its Compound File.
var encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")

// archive is a zip file whose parts are read within the limits.
type archive struct {
	z    *zip.Reader
	size int64 // the file's size, which no part's compressed size exceeds
	read int64 // inflated bytes read so far
}

// openArchive checks the file's kind and opens it as a zip archive.
func openArchive(data []byte) (*archive, error) {
	if int64(len(data)) > MaxFileSize {
		return nil, fileErr(hintTooBig, msgTooBig, MaxFileSize>>20)
	}
	if bytes.HasPrefix(data, cfbMagic) {
		if bytes.Contains(data, encryptionInfo) {
			return nil, fileErr(hintEncrypted, msgEncrypted)
		}
		return nil, fileErr(hintOldFormat, msgOldFormat)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // names are never used as paths
		return nil, fileErr(hintDamaged, msgNotZip)
	}
	if len(z.File) > maxEntries {
		return nil, fileErr(hintDamaged, msgTooManyParts, len(z.File))
	}
	return &archive{z: z, size: int64(len(data))}, nil
}

// has reports whether the archive holds a part of that name.
func (a *archive) has(name string) bool { return a.find(name) != nil }

func (a *archive) find(name string) *zip.File {
	for _, f := range a.z.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// open returns a reader of the named part that stops with an error once
// the part, or every part read together, inflates beyond the limits, or
// far more than its compressed size.
func (a *archive) open(name string) (io.ReadCloser, error) {
	f := a.find(name)
	if f == nil {
		return nil, fileErr(hintDamaged, msgMissingPart, name)
	}
	if f.Flags&0x1 != 0 {
		return nil, fileErr(hintEncrypted, msgEncrypted)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fileErr(hintDamaged, msgDamagedPart, name)
	}
	compressed := min(int64(f.CompressedSize64), a.size) // a header may lie
	return &boundedReader{rc: rc, a: a, compressed: compressed, name: name}, nil
}

// readAll reads a whole part within the limits.
func (a *archive) readAll(name string) ([]byte, error) {
	rc, err := a.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

type boundedReader struct {
	rc         io.ReadCloser
	a          *archive
	n          int64
	compressed int64
	name       string
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.n += int64(n)
	b.a.read += int64(n)
	switch {
	case b.n > maxPartSize || b.a.read > maxTotalSize:
		return n, fileErr(hintBomb, msgBomb, b.name)
	case b.n > 1<<20 && b.n > maxRatio*(b.compressed+1):
		return n, fileErr(hintBomb, msgBomb, b.name)
	}
	if err != nil && err != io.EOF {
		return n, fileErr(hintDamaged, msgDamagedPart, b.name)
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.rc.Close() }
