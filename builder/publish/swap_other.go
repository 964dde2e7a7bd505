//go:build (!linux && !darwin) || piao_renames

package publish

import "errors"

// errNoExchange means the file system cannot swap two names in one step.
var errNoExchange = errors.New("exchange not supported")

// exchange is not available here (Windows, or a build with the tag
// piao_renames, which the tests use to run the renames of Windows on
// Linux): swapIn renames twice.
func exchange(a, b string) error { return errNoExchange }
