package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgramTrustedByStamp: a build cache whose stamp of the program's
// file is this program's file's stat, settled two seconds before its
// digest began, gives its digest without the file being read (a digest
// planted in it comes back); a stamp of another stat, or of a digest
// begun within the margin, or none, gives the file's own digest, and the
// cache is then of another program.
func TestProgramTrustedByStamp(t *testing.T) {
	real, st := programDigestStamped()
	if real == "" {
		t.Fatal("the program's digest cannot be read")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(exe)
	if err != nil {
		t.Fatal(err)
	}
	now, ok := statOf(info)
	if !ok {
		if st.OK {
			t.Fatal("a stamp where the system's stat tells nothing")
		}
		t.Log("this system's stat gives no inode change time: the program is read at every build")
	}
	settled := max(now.Mtime, now.Ctime) + racyMargin + 1 // a digest begun after the margin
	file := filepath.Join(t.TempDir(), ".out.piao-cache")
	planted := strings.Repeat("ab", 32)
	for _, c := range []struct {
		name    string
		stamp   programStamp
		trusted bool
	}{
		{"this file, settled", programStamp{Stat: now, At: settled, OK: true}, ok},
		{"within the margin", programStamp{Stat: now, At: settled - 2, OK: true}, false},
		{"another size", programStamp{Stat: sourceStat{Size: now.Size + 1, Mtime: now.Mtime, Ctime: now.Ctime, Ino: now.Ino, Dev: now.Dev}, At: settled, OK: true}, false},
		{"another inode change", programStamp{Stat: sourceStat{Size: now.Size, Mtime: now.Mtime, Ctime: now.Ctime + 1, Ino: now.Ino, Dev: now.Dev}, At: settled, OK: true}, false},
		{"no stamp", programStamp{}, false},
	} {
		if err := writeCache(file, &cacheData{Format: cacheFormat, Program: planted, ProgramFile: c.stamp}); err != nil {
			t.Fatal(err)
		}
		prev, note, program, _ := readCacheOfProgram(file, nil)
		switch {
		case c.trusted && (program != planted || prev == nil || note != ""):
			t.Errorf("%s: program %.8s…, cache %v, note %q; want the cache's digest and the cache", c.name, program, prev != nil, note)
		case !c.trusted && (program != real || prev != nil || note == ""):
			t.Errorf("%s: program %.8s…, cache %v, note %q; want the file's digest, no cache, a note", c.name, program, prev != nil, note)
		}
	}
	// The file's own digest, stamped: a cache written with it is used.
	if err := writeCache(file, &cacheData{Format: cacheFormat, Program: real, ProgramFile: st}); err != nil {
		t.Fatal(err)
	}
	if prev, note, program, got := readCacheOfProgram(file, nil); prev == nil || note != "" || program != real || got != st {
		t.Errorf("the program's own digest: cache %v, note %q, program %.8s…, stamp %+v (want %+v)", prev != nil, note, program, got, st)
	}
}
