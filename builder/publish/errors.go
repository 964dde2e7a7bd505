package publish

import (
	"errors"
	"fmt"
	"io/fs"
)

// Reason tells why a destination is refused.
type Reason int

const (
	NotDir    Reason = iota + 1 // it exists and is not a folder
	Foreign                     // a folder not published here (no Marker), not empty
	Root                        // the root of a disk
	HoldsCwd                    // the current folder or one above it
	HoldsSite                   // it contains Options.Site
	InSources                   // it lies in one of Options.Sources
)

var reasonText = map[Reason]string{
	NotDir: "not a folder", Foreign: "a folder not written by piao", Root: "the root of a disk",
	HoldsCwd: "holds the current folder", HoldsSite: "holds the site", InSources: "inside the sources",
}

// DestError is a destination refused before anything was written.
type DestError struct {
	Dest   string
	Reason Reason
	Source string // for InSources: which of Options.Sources
}

func (e *DestError) Error() string {
	return fmt.Sprintf("destination %s refused: %s %s", e.Dest, reasonText[e.Reason], e.Source)
}

// Cause tells why a publish failed, as far as it is known.
type Cause int

const (
	Other      Cause = iota // see Err
	DiskFull                // no space left (or over quota)
	ReadOnly                // a read-only file system
	Permission              // permission denied
	InUse                   // a file or folder is held open by another program (Windows)
	BadName                 // a file name that would leave the folder (see ValidPath)
)

// Error is a publish that failed once started: dest is as it was.
type Error struct {
	Dest  string
	Cause Cause
	Name  string // for BadName: the file's name
	Err   error
}

func (e *Error) Error() string { return fmt.Sprintf("publish to %s failed: %v", e.Dest, e.Err) }

func (e *Error) Unwrap() error { return e.Err }

// failed classifies err, a failure to publish into dest.
func failed(dest string, err error) *Error {
	var pe *Error
	if errors.As(err, &pe) {
		if pe.Dest == "" {
			pe.Dest = dest
		}
		return pe
	}
	c := causeOf(err)
	if c == Other && errors.Is(err, fs.ErrPermission) {
		c = Permission
	}
	return &Error{Dest: dest, Cause: c, Err: err}
}

// badName is the error of a file name outside the folder.
func badName(dest, name string) *Error {
	return &Error{Dest: dest, Cause: BadName, Name: name, Err: fmt.Errorf("invalid output path %q", name)}
}
