package serve

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// TestSaveReloads saves a sheet and expects a reload event, then the new
// text on its page, on the unit's page and on the home page.
func TestSaveReloads(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	if code, body := get(t, srv, suapPage); code != 200 || !strings.Contains(body, suapName) {
		t.Fatalf("GET %s = %d before any change", suapPage, code)
	}
	file := filepath.Join(dir, suapFile)
	writeFile(t, file, strings.Replace(readFile(t, file), suapName, "Sportello Rinnovato", 1))
	if ev := st.next(t); ev != "reload" {
		t.Fatalf("event %q, want reload", ev)
	}
	for _, p := range []string{suapPage, "/piao-2024-2026/unita/suap/", "/"} {
		code, body := get(t, srv, p)
		if code != 200 || !strings.Contains(body, "Sportello Rinnovato") || strings.Contains(body, suapName) {
			t.Errorf("GET %s after the save: status %d, new text %v", p, code, strings.Contains(body, "Sportello Rinnovato"))
		}
		if !strings.Contains(body, `<script src="/__piao/reload.js" defer></script></head>`) {
			t.Errorf("GET %s: no reload script in the served page", p)
		}
	}
	// The site itself, what piao build writes, has no trace of the preview.
	files, err := srv.Files()
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		if strings.Contains(string(b), "__piao") {
			t.Errorf("%s of the built site mentions __piao", p)
		}
	}
}

// saveStyles are the ways editors save a file.
var saveStyles = map[string]func(t *testing.T, name, text string){
	"in place": func(t *testing.T, name, text string) {
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err == nil {
			_, err = f.WriteAt([]byte(text), 0)
		}
		if err == nil {
			err = f.Truncate(int64(len(text)))
		}
		if err == nil {
			err = f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
	},
	"truncate and write": func(t *testing.T, name, text string) {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			t.Fatal(err)
		}
		half := len(text) / 2
		f.WriteString(text[:half])
		f.Sync()
		f.WriteString(text[half:])
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	},
	"temp file renamed over": func(t *testing.T, name, text string) {
		tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp-1234")
		writeFile(t, tmp, text)
		if err := os.Rename(tmp, name); err != nil {
			t.Fatal(err)
		}
	},
	"delete and recreate": func(t *testing.T, name, text string) {
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
		writeFile(t, name, text)
	},
	"vim": func(t *testing.T, name, text string) {
		dir := filepath.Dir(name)
		writeFile(t, filepath.Join(dir, "4913"), "")
		os.Remove(filepath.Join(dir, "4913"))
		writeFile(t, filepath.Join(dir, "."+filepath.Base(name)+".swp"), "swap")
		if err := os.Rename(name, name+"~"); err != nil {
			t.Fatal(err)
		}
		writeFile(t, name, text)
		os.Chmod(name, 0o644)
		os.Remove(name + "~")
	},
}

// TestSaveStyles saves a sheet in each editor's way and expects its page
// to show the new text.
func TestSaveStyles(t *testing.T) {
	for style, save := range saveStyles {
		t.Run(style, func(t *testing.T) {
			dir := exampleSite(t)
			srv, _ := startServer(t, dir)
			st := openStream(t, srv)
			file := filepath.Join(dir, suapFile)
			marker := "Salvato-" + strings.ReplaceAll(style, " ", "-")
			save(t, file, strings.Replace(readFile(t, file), suapName, marker, 1))
			st.waitFor(t, marker, pageHas(t, srv, suapPage, marker))
			if ok, diff := sameAsBuild(t, srv, dir); !ok {
				t.Errorf("site after the save is not a clean build: %s", diff)
			}
		})
	}
}

// TestNewFolder adds a plan in a new folder tree, written at once, and
// expects its pages.
func TestNewFolder(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	piano := strings.Replace(readFile(t, filepath.Join(dir, "content/piao-2024-2026/piano.yaml")),
		"Piano Integrato di Attività e Organizzazione (PIAO) 2024-2026", "PIAO 2025-2027 di prova", 1)
	piano = strings.Replace(piano, "periodo: 2024-2026", "periodo: 2024-2026", 1)
	sheet := strings.Replace(readFile(t, filepath.Join(dir, suapFile)), suapName, "Scheda-nuova-cartella", 1)
	writeFile(t, filepath.Join(dir, "content/piao-2025-2027/piano.yaml"), piano)
	writeFile(t, filepath.Join(dir, "content/piao-2025-2027/operativi/nuova.yaml"), sheet)
	st.waitFor(t, "the new plan's sheet", pageHas(t, srv, "/piao-2025-2027/operativi/nuova/", "Scheda-nuova-cartella"))
	if code, body := get(t, srv, "/"); code != 200 || !strings.Contains(body, "PIAO 2025-2027 di prova") {
		t.Errorf("home page does not list the new plan (status %d)", code)
	}
	// A folder created later is watched too: a change in it is seen.
	writeFile(t, filepath.Join(dir, "content/piao-2025-2027/operativi/nuova.yaml"), strings.Replace(sheet, "Scheda-nuova-cartella", "Scheda-cambiata", 1))
	st.waitFor(t, "the change in the new folder", pageHas(t, srv, "/piao-2025-2027/operativi/nuova/", "Scheda-cambiata"))
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Errorf("site is not a clean build: %s", diff)
	}
}

// TestDeleteAndRename deletes a sheet, then renames another, and expects
// their pages to go and come. The example's section that lists the annex
// links every sheet: as an office would, the test takes the deleted
// sheet's row out of it and follows the renamed one (a link to a sheet
// that is not there is an error).
func TestDeleteAndRename(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	section := filepath.Join(dir, "content/piao-2024-2026/sezioni/02-dispositivo.md")
	var rows []string
	for _, line := range strings.Split(readFile(t, section), "\n") {
		if !strings.Contains(line, "(scheda:suap)") {
			rows = append(rows, line)
		}
	}
	writeFile(t, section, strings.Join(rows, "\n"))
	if err := os.Remove(filepath.Join(dir, suapFile)); err != nil {
		t.Fatal(err)
	}
	gone := func(p string) func() bool {
		return func() bool { code, _ := get(t, srv, p); return code == 404 }
	}
	st.waitFor(t, "the deleted sheet's page to go", gone(suapPage))
	if _, body := get(t, srv, "/piao-2024-2026/unita/suap/"); strings.Contains(body, suapName) {
		t.Error("the unit page still lists the deleted sheet")
	}
	from := filepath.Join(dir, "content/piao-2024-2026/operativi/risorse-umane.yaml")
	if err := os.Rename(from, filepath.Join(filepath.Dir(from), "personale.yaml")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, section, strings.ReplaceAll(readFile(t, section), "(scheda:risorse-umane)", "(scheda:personale)"))
	st.waitFor(t, "the renamed sheet's page", func() bool {
		code, _ := get(t, srv, "/piao-2024-2026/operativi/personale/")
		return code == 200 && gone("/piao-2024-2026/operativi/risorse-umane/")()
	})
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Errorf("site is not a clean build: %s", diff)
	}
}

// TestRelevant checks which events can change the site.
func TestRelevant(t *testing.T) {
	root := "/site"
	tests := []struct {
		name string
		op   fsnotify.Op
		want string
	}{
		{"/site/config.yaml", fsnotify.Write, "config.yaml"},
		{"/site/content/p/operativi/a.yaml", fsnotify.Create, "content/p/operativi/a.yaml"},
		{"/site/content/p/operativi/a.yaml", fsnotify.Remove, "content/p/operativi/a.yaml"},
		{"/site/themes/default/layouts/base.html", fsnotify.Rename, "themes/default/layouts/base.html"},
		{"/site/content/p/operativi/a.yaml", fsnotify.Chmod, ""},
		{"/site/content/p/operativi/.a.yaml.swp", fsnotify.Write, ""},
		{"/site/content/p/operativi/a.yaml~", fsnotify.Create, ""},
		{"/site/content/p/operativi/4913", fsnotify.Create, ""},
		{"/site/content/p/operativi/#a.yaml#", fsnotify.Create, ""},
		{"/site/content/p/operativi/a.yaml___jb_tmp___", fsnotify.Create, ""},
		{"/site/content/p/operativi/sedAb12Cd", fsnotify.Create, ""},
		{"/site/content/.git/index", fsnotify.Write, ""},
		{"/site/public/index.html", fsnotify.Write, ""},
		{"/site/.public.piao-new-123/index.html", fsnotify.Create, ""},
		{"/site/README.md", fsnotify.Write, ""},
		{"/site", fsnotify.Write, ""},
		{"/elsewhere/config.yaml", fsnotify.Write, ""},
	}
	for _, tt := range tests {
		got, ok := relevant(root, fsnotify.Event{Name: tt.name, Op: tt.op})
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("relevant(%s %v) = %q, %v; want %q", tt.name, tt.op, got, ok, tt.want)
		}
	}
}

// TestOverflowRescans fills the kernel's event queue until it overflows,
// changes a sheet once the events are being dropped, and expects the
// rescan of the whole site to find the change.
func TestOverflowRescans(t *testing.T) {
	dir := exampleSite(t)
	hold := make(chan struct{})
	srv, log := startServer(t, dir, func(o *Options) { o.hold = hold })
	st := openStream(t, srv)
	max := 16384
	if b, err := os.ReadFile("/proc/sys/fs/inotify/max_queued_events"); err == nil {
		fmt.Sscan(string(b), &max)
	}
	// Each new file is two events (create, write); fsnotify holds up to
	// 4096 more than the kernel queue.
	flood := filepath.Join(dir, "flood")
	for i := range max + 4096 {
		if err := os.WriteFile(flood+strconv.Itoa(i), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, suapFile)
	writeFile(t, file, strings.Replace(readFile(t, file), suapName, "Dopo-il-trabocco", 1))
	close(hold)
	st.waitFor(t, "the change seen by the rescan", pageHas(t, srv, suapPage, "Dopo-il-trabocco"))
	if !strings.Contains(log.String(), "rilettura completa") {
		t.Errorf("no full rescan reported:\n%s", log.String())
	}
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Errorf("site is not a clean build: %s", diff)
	}
}

// TestSedInPlaceReloadsOnce: `sed -i` (a temporary file renamed over the
// sheet) is one save, and the open pages reload once for it.
func TestSedInPlaceReloadsOnce(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	file := filepath.Join(dir, suapFile)
	if out, err := exec.Command("sed", "-i", "s/"+suapName+"/Salvato-con-sed/", file).CombinedOutput(); err != nil {
		t.Fatalf("sed -i: %v\n%s", err, out)
	}
	st.waitFor(t, "the edit", pageHas(t, srv, suapPage, "Salvato-con-sed"))
	reloads := 0
	quiet := time.After(2 * time.Second) // long beyond the batch's quiet time: a second reload comes within it
	for done := false; !done; {
		select {
		case ev := <-st.events:
			if ev == "reload" {
				reloads++
			}
		case <-quiet:
			done = true
		}
	}
	if reloads > 0 {
		t.Errorf("one sed -i sent %d more reload(s) after the one that showed the edit", reloads)
	}
}
