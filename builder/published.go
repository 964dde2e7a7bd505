package builder

import (
	"sort"

	"github.com/piao-pa/piao/builder/publish"
)

// Output is a published output that a build of the site would write
// again byte for byte (see Published).
type Output struct {
	Files []string    // its files, paths relative to it with slashes, sorted
	Pages int         // how many of them are pages
	Diags Diagnostics // the findings of the build that wrote it
}

// Published reports whether dest holds, untouched, what building in
// would write there now: the build cache beside it names the same
// sources, program and options, and every file and folder it wrote has
// the stamp it had (so nothing was edited, added or removed since). piao
// serve starts from it instead of building first. The publish marker,
// which only says that piao wrote the folder, is not one of the files.
func Published(in Input, dest string) (*Output, bool) {
	c := openBuildCache(in, dest)
	if !c.unchanged() || !c.intact(dest) {
		return nil, false
	}
	out := &Output{Pages: c.prev.Written.Pages, Diags: c.prev.Diags}
	for name, st := range c.prev.Stamps {
		if !st.Dir && name != "." && name != publish.Marker {
			out.Files = append(out.Files, name)
		}
	}
	sort.Strings(out.Files)
	return out, true
}
