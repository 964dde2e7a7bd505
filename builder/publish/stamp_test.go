package publish

import (
	"io"
	"maps"
	"path/filepath"
	"slices"
	"testing"
)

// TestStampedAsRead: the stamps a publish records of the files it wrote
// or linked (Write of new bytes and of unchanged ones, Stream, Keep,
// Prior) are those Stamps reads of the published output afterwards —
// publish after publish, through a new folder and through the spare —
// and StampsKnown gives the same as Stamps. From the second publish the
// Target is told to expect more files than it gets (Expect): a hint that
// changes nothing of what it records or leaves.
func TestStampedAsRead(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	var prev map[string]Stamp
	for round := range 4 {
		var to *Target
		err := Tree(dest, Options{}, func(t *Target) error {
			to = t
			t.Expect(8 * round)
			if err := t.Write("index.html", []byte("uguale")); err != nil {
				return err
			}
			if err := t.Write("a/nuovo.html", []byte{byte('0' + round)}); err != nil {
				return err
			}
			if _, err := t.Stream("b/flusso.json", func(w io.Writer) error {
				_, err := io.WriteString(w, "flusso")
				return err
			}); err != nil {
				return err
			}
			for _, name := range []string{"c/tenuto.js", "c/letto.json"} {
				if st, ok := prev[name]; ok {
					if name == "c/tenuto.js" && t.Keep(name, st) {
						continue
					}
					if _, ok := t.Prior(name, st); ok && name == "c/letto.json" {
						continue
					}
				}
				if err := t.Write(name, []byte(name)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		known := to.Stamped()
		names := []string{"a/nuovo.html", "b/flusso.json", "c/letto.json", "c/tenuto.js", "index.html"}
		want := names // every file, or where a written file's stamp is read after (stampWritten false) those linked
		if !stampWritten {
			want = nil
			if round > 0 {
				want = []string{"c/letto.json", "c/tenuto.js", "index.html"}
			}
		}
		if got := slices.Sorted(maps.Keys(known)); !slices.Equal(got, want) {
			t.Fatalf("round %d: stamps recorded of %v, want %v", round, got, want)
		}
		read := Stamps(dest, names, 2)
		for name, st := range known {
			if read[name] != st {
				t.Errorf("round %d: %s recorded %+v, read %+v", round, name, st, read[name])
			}
		}
		all := append(names, ".", "a", "b", "c")
		if got, want := StampsKnown(dest, all, known, 2), Stamps(dest, all, 2); !maps.Equal(got, want) {
			t.Errorf("round %d: StampsKnown %v, Stamps %v", round, got, want)
		}
		if round > 0 && (read["c/tenuto.js"] != prev["c/tenuto.js"] || read["c/letto.json"] != prev["c/letto.json"]) {
			t.Errorf("round %d: a file kept from the last output has another stamp", round)
		}
		prev = read
	}
}

// TestPriorFile: PriorFile opens the previous output's file only when its
// stamp is the one given, and leaves the new folder as it was.
func TestPriorFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Tree(dest, Options{}, func(t *Target) error { return t.Write("dati/piano.json", []byte("0123456789")) }); err != nil {
		t.Fatal(err)
	}
	st := Stamps(dest, []string{"dati/piano.json"}, 1)["dati/piano.json"]
	err := Tree(dest, Options{}, func(to *Target) error {
		other := st
		other.Size++
		if f, ok := to.PriorFile("dati/piano.json", other); ok {
			f.Close()
			t.Error("opened with another stamp")
		}
		if _, ok := to.PriorFile("dati/altro.json", st); ok {
			t.Error("opened a file the output does not have")
		}
		f, ok := to.PriorFile("dati/piano.json", st)
		if !ok {
			t.Fatal("not opened with its stamp")
		}
		defer f.Close()
		b := make([]byte, 4)
		if _, err := f.ReadAt(b, 3); err != nil || string(b) != "3456" {
			t.Errorf("read %q, %v", b, err)
		}
		return to.Write("index.html", []byte("x"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := Stamps(dest, []string{"dati/piano.json", "index.html"}, 1); len(got) != 1 {
		t.Errorf("the new output has %v: PriorFile put the file in it", slices.Sorted(maps.Keys(got)))
	}
}
