//go:build !piao_renames

package publish

// crashPoint does nothing but in the tests' builds (see crash_renames.go).
func crashPoint(step string) {}
