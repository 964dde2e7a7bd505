package builder

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/piao-pa/piao/internal/synth"
)

// TestSearchFileNames: the names piao check gives the search index are
// those of the index a build writes, but the term shards (tN.js), for the
// example site, every example plan and a generated one of many sheets.
func TestSearchFileNames(t *testing.T) {
	synthetic := t.TempDir()
	if _, err := synth.Generate(synthetic, 300, 3); err != nil {
		t.Fatal(err)
	}
	sites := map[string]string{"example": "..", "synthetic": synthetic}
	for _, name := range []string{"a-piao", "b-asl", "c-peg", "d-assestamento", "e-nazionale", "f-ciclo", "g-bilingue"} {
		sites[name] = filepath.Join("testdata", "plans", name)
	}
	shard := regexp.MustCompile(`^t[0-9]+\.js$`)
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			site, ds := LoadAndCheck(os.DirFS(dir))
			if ds.HasErrors() {
				t.Fatal(ds.Error())
			}
			var want, shards []string
			for f := range buildSearchIndex(site, italian(t)).encode().Files {
				if shard.MatchString(path.Base(f)) {
					shards = append(shards, f)
				} else {
					want = append(want, path.Base(f))
				}
			}
			var got []string
			for f := range searchFileNames(site).Files {
				got = append(got, path.Base(f))
			}
			slices.Sort(want)
			slices.Sort(got)
			if len(shards) == 0 || !slices.Equal(got, want) {
				t.Errorf("%d shards; check names\n%v\nthe index has\n%v", len(shards), got, want)
			}
		})
	}
}
