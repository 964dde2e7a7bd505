//go:build unix

package builder

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/piao-pa/piao"
)

// TestSpecialFiles: a FIFO anywhere in the site — content, config, theme —
// is refused without being opened; editor debris is ignored.
func TestSpecialFiles(t *testing.T) {
	debris := []string{".#uno.yaml", "uno.yaml~", "#uno.yaml#", ".uno.yaml.swp", "4913", "~$uno.yaml", ".DS_Store", "Thumbs.db",
		"uno.importato.yaml", "uno.importato.md"}
	extra := map[string][]byte{}
	for _, name := range debris {
		extra["content/p/operativi/"+name] = []byte("\x00garbage: [")
	}
	dir := diskSite(t, extra)
	for _, fifo := range []string{"content/p/operativi/tubo.yaml", "content/p/strategici/tubo.md", "themes/default/layouts/home.html", "themes/default/assets/tubo.css"} {
		full := filepath.Join(dir, filepath.FromSlash(fifo))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(full, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds := checkWithin(t, rootFS(t, dir))
	want := []string{
		"content/p/operativi/tubo.yaml: errore: non è un file normale",
		"content/p/strategici/tubo.md: errore: non è un file normale",
	}
	if got := strings.Split(strings.TrimSpace(headlines(ds)), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", ds.Error(), strings.Join(want, "\n"))
	}
	// The theme's FIFOs: the build stops with an error naming them, never blocks.
	_ = os.Remove(filepath.Join(dir, "content/p/operativi/tubo.yaml"))
	_ = os.Remove(filepath.Join(dir, "content/p/strategici/tubo.md"))
	done := make(chan Diagnostics, 1)
	go func() {
		_, ds := Build(Input{Site: rootFS(t, dir), Themes: piao.Themes})
		done <- ds
	}()
	select {
	case ds := <-done:
		if !strings.Contains(ds.Error(), "non è un file normale") {
			t.Errorf("build with FIFOs in the theme: %s", ds.Error())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the build is blocked on a FIFO of the theme")
	}
}
