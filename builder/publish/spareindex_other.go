//go:build !linux

package publish

import "errors"

// readDirents: elsewhere the spare is not indexed; every name is looked at.
func readDirents(string, func(string, entryKind, uint64)) (Stamp, error) {
	return Stamp{}, errors.ErrUnsupported
}

// folderID: elsewhere there is no index to read early.
type folderID struct{}

func folderIDOf(string) (folderID, bool) { return folderID{}, false }
