package publish

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// outputNames are the names of an output shaped as piao's of sheets
// sheets: each sheet a folder with its page and its data, three in ten
// a folder more with the page as approved; the search index's files in
// one folder; some pages in folders of their own.
func outputNames(sheets int) []string {
	var names []string
	for i := range sheets {
		dir := fmt.Sprintf("piano/operativi/%05d", i)
		names = append(names, dir+"/index.html", dir+"/scheda.json")
		if i%10 < 3 {
			names = append(names, dir+"/versione-approvata/index.html")
		}
	}
	for i := range sheets * 2 / 5 {
		names = append(names, fmt.Sprintf("cerca/dati/0123456789ab/d%d.js", i))
	}
	for i := range sheets / 30 {
		names = append(names, fmt.Sprintf("piano/indici/%d/index.html", i))
	}
	return append(names, "index.html", "dati-aperti/piano.json")
}

// publishKept publishes into dest the names, every one kept from the
// output dest holds (its stamps known), on every core as a build keeps
// them, and gives the stamps the publish left.
func publishKept(b *testing.B, dest string, names []string, known map[string]Stamp) map[string]Stamp {
	var target *Target
	err := Tree(dest, Options{}, func(to *Target) error {
		target = to
		to.Expect(len(names))
		n := runtime.GOMAXPROCS(0)
		var wg sync.WaitGroup
		var missed sync.Map
		for w := range n {
			wg.Go(func() {
				for i := w; i < len(names); i += n {
					if !to.Keep(names[i], known[names[i]]) {
						missed.Store(names[i], true)
					}
				}
			})
		}
		wg.Wait()
		missed.Range(func(name, _ any) bool { b.Fatalf("%s not kept", name); return false })
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return target.Stamped()
}

// BenchmarkPublishKept: what publishing costs when nothing changed — an
// output of 10,000 sheets (27,000 files in 13,000 folders) published
// again into its spare with every file kept, as a rebuild does once there
// is a spare. This is the floor of a rebuild under the atomic swap of the
// whole output, whatever it renders: each name of the new output found
// in the spare (its index read), each file of the output it replaces
// looked at (its stamp), the spare pruned, the two exchanged. On a disk,
// run it with TMPDIR set to a folder there. (The first rebuild after a
// clean build has no spare, and makes the folders and links anew; timed
// here after removing the spare, it measured the disk still busy with
// that removal, seconds rather than the second it takes after a pause.)
func BenchmarkPublishKept(b *testing.B) {
	names := outputNames(10000)
	dest := b.TempDir() + "/public"
	files := make(map[string]string, len(names))
	for _, name := range names {
		files[name] = name
	}
	if err := publishFiles(dest, files); err != nil {
		b.Fatal(err)
	}
	known := Stamps(dest, names, runtime.GOMAXPROCS(0))
	known = publishKept(b, dest, names, known) // the first publish swapped: now there is a spare
	b.ResetTimer()
	for range b.N {
		known = publishKept(b, dest, names, known)
	}
	b.ReportMetric(float64(len(names)), "files")
}
