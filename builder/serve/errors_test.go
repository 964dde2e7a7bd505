package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestErrorPageAndBack breaks a sheet, expects the error page with the
// place, message, hint and source line on every page and on the terminal,
// then fixes it and expects the site back without a restart.
func TestErrorPageAndBack(t *testing.T) {
	dir := exampleSite(t)
	srv, log := startServer(t, dir)
	st := openStream(t, srv)
	file := filepath.Join(dir, suapFile)
	good := readFile(t, file)
	// Line 12 is "peso: 30%"; a typo in the key.
	broken := strings.Replace(good, "\npeso: 30%\n", "\npesi: 30%\n", 1)
	if broken == good {
		t.Fatal("test sheet changed: no \"peso: 30%\" line")
	}
	line := strings.Count(broken[:strings.Index(broken, "pesi:")], "\n") + 1
	where := suapFile + ":" + strconv.Itoa(line) + ":1"
	writeFile(t, file, broken)
	if ev := st.next(t); ev != "reload" {
		t.Fatalf("event %q, want reload", ev)
	}
	for _, p := range []string{suapPage, "/"} {
		code, body := get(t, srv, p)
		if code != 500 {
			t.Errorf("GET %s with an error: status %d, want 500", p, code)
		}
		for _, want := range []string{where, `campo sconosciuto &#34;pesi&#34;`, "suggerimento", "pesi: 30%", "/__piao/reload.js"} {
			if !strings.Contains(body, want) {
				t.Errorf("error page of %s lacks %q", p, want)
			}
		}
		if strings.Contains(body, "<style") || strings.Contains(body, "style=") || strings.Contains(body, "<script>") {
			t.Errorf("error page of %s has inline style or script, which the CSP forbids", p)
		}
	}
	if code, _ := get(t, srv, "/assets/css/piao.css"); code != 200 {
		t.Errorf("the last good site's stylesheet: status %d", code)
	}
	if !strings.Contains(log.String(), where+`: errore: campo sconosciuto "pesi"`) {
		t.Errorf("terminal lacks the diagnostic %s:\n%s", where, log.String())
	}
	writeFile(t, file, good)
	st.waitFor(t, "the page back", pageHas(t, srv, suapPage, suapName))
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Errorf("site after the fix is not a clean build: %s", diff)
	}
}

// TestYAMLSyntaxError breaks the YAML itself and expects its line and
// column on the error page.
func TestYAMLSyntaxError(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	file := filepath.Join(dir, suapFile)
	good := readFile(t, file)
	writeFile(t, file, strings.Replace(good, "unita: suap\n", "unita: suap\n\tlinea: x\n", 1))
	st.waitFor(t, "the error page", func() bool {
		code, body := get(t, srv, suapPage)
		return code == 500 && strings.Contains(body, suapFile+":") && strings.Contains(body, "sintassi YAML non valida")
	})
	writeFile(t, file, good)
	st.waitFor(t, "the page back", pageHas(t, srv, suapPage, suapName))
}

// TestFirstBuildFails starts on a broken site: pages show the errors, and
// the site appears once fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := exampleSite(t)
	cfg := filepath.Join(dir, "config.yaml")
	good := readFile(t, cfg)
	writeFile(t, cfg, "ente:\n  nom: Ente\n")
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	code, body := get(t, srv, "/")
	if code != 500 || !strings.Contains(body, "config.yaml:2:3") {
		t.Fatalf("GET / on a broken site: status %d, body lacks config.yaml:2:3", code)
	}
	writeFile(t, cfg, good)
	st.waitFor(t, "the home page", pageHas(t, srv, "/", "Camera di Commercio"))
}

// TestThemeEdit changes a layout in the site's own theme, breaks it, and
// fixes it.
func TestThemeEdit(t *testing.T) {
	dir := exampleSite(t)
	copyFile(t, "../../themes/default/layouts/sheet.html", filepath.Join(dir, "themes/default/layouts/sheet.html"))
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	layout := filepath.Join(dir, "themes/default/layouts/sheet.html")
	good := readFile(t, layout)
	writeFile(t, layout, strings.Replace(good, "<h1>", "<h1>Tema-modificato ", 1))
	st.waitFor(t, "the new layout", pageHas(t, srv, suapPage, "Tema-modificato"))
	writeFile(t, layout, strings.Replace(good, "<h1>", "<h1>{{.Nonexistent}}", 1))
	st.waitFor(t, "the template error", func() bool {
		code, body := get(t, srv, suapPage)
		return code == http.StatusInternalServerError && strings.Contains(body, "Nonexistent")
	})
	writeFile(t, layout, good)
	st.waitFor(t, "the page back", pageHas(t, srv, suapPage, suapName))
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Errorf("site is not a clean build: %s", diff)
	}
}

// TestCrossSheetError adds a strategic sheet named like an operational
// one, whose indicator ids clash with the other's: only the complete build
// can tell, after the changed sheet alone was built. The open pages then
// show the error, and come back once the sheet is removed. A sheet that
// would write another's page is refused at once.
func TestCrossSheetError(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	st := openStream(t, srv)
	twin := filepath.Join(dir, "content/piao-2024-2026/strategici/suap.yaml")
	strategic := readFile(t, filepath.Join(dir, "content/piao-2024-2026/strategici/linea-3.yaml"))
	writeFile(t, twin, strings.Replace(strategic, "id: tempi-lavorazione-ri", "id: archiviazione-automatica", 1))
	st.waitFor(t, "the error page", func() bool {
		code, body := get(t, srv, suapPage)
		return code == 500 && strings.Contains(body, "ripetuto") && strings.Contains(body, "strategici/suap.yaml:")
	})
	if err := os.Remove(twin); err != nil {
		t.Fatal(err)
	}
	st.waitFor(t, "the page back", pageHas(t, srv, suapPage, suapName))

	md := filepath.Join(dir, "content/piao-2024-2026/operativi/suap.md")
	writeFile(t, md, "---\n"+readFile(t, filepath.Join(dir, suapFile))+"---\nTesto.\n")
	st.waitFor(t, "the error page", func() bool {
		code, body := get(t, srv, suapPage)
		return code == 500 && strings.Contains(body, "operativi/suap.md:")
	})
	if err := os.Remove(md); err != nil {
		t.Fatal(err)
	}
	st.waitFor(t, "the page back", pageHas(t, srv, suapPage, suapName))
	if ok, diff := sameAsBuild(t, srv, dir); !ok {
		t.Errorf("site is not a clean build: %s", diff)
	}
}
