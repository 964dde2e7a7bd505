package serve

import (
	"bufio"
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
)

// deadline bounds every wait of these tests: waits end on the event they
// wait for, this only decides when to give up.
const deadline = 20 * time.Second

// exampleSite copies the example site (config.yaml and content/) into a
// new folder and returns it.
func exampleSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, "../../config.yaml", filepath.Join(dir, "config.yaml"))
	src := "../../content"
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		copyFile(t, p, filepath.Join(dir, "content", rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(b))
}

func writeFile(t testing.TB, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// logBuffer collects what the server says to the office.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// startServer serves dir on a free loopback port until the test ends.
func startServer(t testing.TB, dir string, tune ...func(*Options)) (*Server, *logBuffer) {
	t.Helper()
	log := &logBuffer{}
	opts := Options{Dir: dir, Themes: piao.Themes, Minify: true, Addr: "127.0.0.1:0", Log: log}
	for _, f := range tune {
		f(&opts)
	}
	srv, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", log.String())
		}
	})
	return srv, log
}

// stream is a client holding the reload stream open.
type stream struct {
	resp   *http.Response
	events chan string
}

// openStream connects to the reload stream and waits for its hello.
func openStream(t testing.TB, srv *Server) *stream {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL()+"__piao/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("events: status %d", resp.StatusCode)
	}
	st := &stream{resp: resp, events: make(chan string, 64)}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				st.events <- name
			}
		}
	}()
	t.Cleanup(st.close)
	if ev := st.next(t); ev != "hello" {
		t.Fatalf("first event %q, want hello", ev)
	}
	return st
}

func (st *stream) close() { st.resp.Body.Close() }

// next waits for the next event.
func (st *stream) next(t testing.TB) string {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			t.Fatal("reload stream closed")
		}
		return ev
	case <-time.After(deadline):
		t.Fatal("no event within the deadline")
	}
	return ""
}

// waitFor waits for reload events until cond holds, checking it once
// first.
func (st *stream) waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(deadline)
	for !cond() {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatalf("reload stream closed waiting for %s", what)
			}
			_ = ev
		case <-time.After(time.Until(end)):
			t.Fatalf("no reload brought %s within %v", what, deadline)
		}
	}
}

// get fetches a path of the server.
func get(t testing.TB, srv *Server, p string) (int, string) {
	t.Helper()
	resp, err := http.Get(srv.URL() + strings.TrimPrefix(p, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// pageHas returns a condition: the page is served with status 200 and
// holds text.
func pageHas(t testing.TB, srv *Server, p, text string) func() bool {
	return func() bool {
		code, body := get(t, srv, p)
		return code == 200 && strings.Contains(body, text)
	}
}

// cleanBuild builds dir as piao build would.
func cleanBuild(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	site, ds := builder.Build(builder.Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
	if site == nil {
		t.Fatalf("clean build failed:\n%s", ds.Error())
	}
	return site.Files
}

// sameAsBuild reports whether the server's site is byte for byte a clean
// build of dir, and if not, the first difference.
func sameAsBuild(t testing.TB, srv *Server, dir string) (bool, string) {
	t.Helper()
	got, err := srv.Files()
	if err != nil {
		return false, err.Error()
	}
	want := cleanBuild(t, dir)
	for p, w := range want {
		if g, ok := got[p]; !ok {
			return false, "missing " + p
		} else if !bytes.Equal(g, w) {
			return false, "differs: " + p
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			return false, "extra " + p
		}
	}
	return true, ""
}

const (
	suapFile = "content/piao-2024-2026/operativi/suap.yaml"
	suapPage = "/piao-2024-2026/operativi/suap/"
	suapName = "Sportello Unico Associato CCIAA"
)

// closeIdle closes the test client's idle connections.
func closeIdle() { http.DefaultClient.CloseIdleConnections() }

func newTestWatcher() (*fsnotify.Watcher, error) { return fsnotify.NewWatcher() }
