// Package piao embeds the built-in themes, so that the piao binary works
// anywhere without the repository. The generator itself is in package
// builder; the command is cmd/piao.
package piao

import "embed"

// Themes holds themes/NAME/layouts and themes/NAME/assets of every
// built-in theme.
//
//go:embed all:themes
var Themes embed.FS
