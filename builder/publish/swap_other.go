//go:build !linux

package publish

import "errors"

// errNoExchange means the file system cannot swap two names in one step.
var errNoExchange = errors.New("exchange not supported")

// exchange is not available here: swapIn renames twice.
func exchange(a, b string) error { return errNoExchange }
