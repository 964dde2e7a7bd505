package builder

import (
	"sort"

	"github.com/piao-pa/piao/builder/textnorm"
)

// This file holds what the search page and the search box in every
// page's header need: the page itself, the links to it and to the index
// files, and the options of its filters, whose values are the facet keys
// of search.go.

func sortOptions(opts []option) {
	sort.Slice(opts, func(i, j int) bool {
		a, b := textnorm.Fold(opts[i].Label), textnorm.Fold(opts[j].Label)
		if a != b {
			return a < b
		}
		return opts[i].Value < opts[j].Value
	})
}
