//go:build !unix && !windows

package publish

// causeOf knows no system errors here.
func causeOf(err error) Cause { return Other }
