package builder

// The browser suite: the example site, built and published to disk, served
// on a loopback port and opened in one real headless Chromium (one tab per
// page). The tools it uses, axe-core and the Nu HTML Checker, are installed
// in .tools/ by `make browser-deps`, which `make test` runs first; a
// missing browser or tool fails the suite, it never skips it.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/internal/browsertest"
)

// toolsDir holds the test tools installed from npm (see .tools/package.json).
const toolsDir = "../.tools/node_modules"

// browserEnv is the published example site, its server and the browser,
// shared by every browser test of the package. The site holds, under
// bilingue/, the bilingual example (Italian and German) with one text and
// one body that German lacks (bilingualVariant).
type browserEnv struct {
	site    *Site
	src     string // the site folder: the example, with an archived snapshot
	dir     string // the published site on disk
	url     string // the server's origin, http://127.0.0.1:PORT
	browser context.Context
}

var (
	envOnce  sync.Once
	env      *browserEnv
	envErr   error
	envClose []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(envClose) - 1; i >= 0; i-- {
		envClose[i]()
	}
	os.Exit(code)
}

// browser returns the shared environment, starting it on first use. It
// fails the test when Chromium or the tools are missing.
func browser(t *testing.T) *browserEnv {
	t.Helper()
	envOnce.Do(func() { env, envErr = startBrowserEnv() })
	if envErr != nil {
		t.Fatalf("browser suite: %v", envErr)
	}
	return env
}

func startBrowserEnv() (*browserEnv, error) {
	src, err := exampleWithSnapshot()
	if src != "" {
		envClose = append(envClose, func() { _ = os.RemoveAll(src) })
	}
	if err != nil {
		return nil, err
	}
	site, ds := Build(Input{Site: os.DirFS(src), Themes: piao.Themes, Minify: true})
	if site == nil {
		return nil, fmt.Errorf("build failed:\n%s", ds.Error())
	}
	tmp, err := os.MkdirTemp("", "piao-browser-")
	if err != nil {
		return nil, err
	}
	envClose = append(envClose, func() { _ = os.RemoveAll(tmp) })
	bilingual, err := bilingualVariant(filepath.Join(tmp, "bilingue-src"))
	if err != nil {
		return nil, err
	}
	for name, b := range bilingual.Files {
		site.Files[bilingualDir+name] = b
	}
	for name, k := range bilingual.Kinds {
		site.Kinds[bilingualDir+name] = k
	}
	dir := filepath.Join(tmp, "public")
	if err := Publish(site, dir); err != nil {
		return nil, err
	}
	if err := withCycle(site, dir); err != nil {
		return nil, err
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	envClose = append(envClose, srv.Close)

	ctx, stop, err := browsertest.Start(filepath.Join(tmp, "profile"), 1280, 900,
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("font-render-hinting", "none"))
	if err != nil {
		return nil, err
	}
	envClose = append(envClose, stop)
	return &browserEnv{site: site, src: src, dir: dir, url: srv.URL, browser: ctx}, nil
}

// pageURL is the address of an output path on the server.
func (e *browserEnv) pageURL(p string) string { return e.url + "/" + p }

// fileURL is the file:// address of an output path.
func (e *browserEnv) fileURL(p string) string {
	return "file://" + filepath.ToSlash(filepath.Join(e.dir, filepath.FromSlash(p)))
}

// tab opens a new tab of the shared browser, closed at the end of the
// test, with a recorder of its requests and console.
func (e *browserEnv) tab(t *testing.T) (context.Context, *recorder) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	rec := &recorder{}
	if err := chromedp.Listen(ctx, rec.event); err != nil {
		t.Fatal(err)
	}
	return ctx, rec
}

// recorder keeps what a tab asked for and what it complained about.
type recorder struct {
	mu       sync.Mutex
	requests []string
	failed   []string
	console  []string // errors and warnings: CSP violations, exceptions, …
}

func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.requests = append(r.requests, ev.Request.URL)
	case *network.EventLoadingFailed:
		r.failed = append(r.failed, fmt.Sprintf("%s (%s)", ev.ErrorText, ev.BlockedReason))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			r.console = append(r.console, fmt.Sprintf("%s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			r.console = append(r.console, fmt.Sprintf("console.%s", ev.Type))
		}
	case *runtime.EventExceptionThrown:
		r.console = append(r.console, "exception: "+ev.ExceptionDetails.Text)
	}
}

// problems lists any request outside origin, any failed load and any
// console error or warning (CSP violations included).
func (r *recorder) problems(origin string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	if len(r.requests) == 0 {
		out = append(out, "no request recorded")
	}
	for _, u := range r.requests {
		if !strings.HasPrefix(u, origin) {
			out = append(out, "request to another origin: "+u)
		}
	}
	for _, f := range r.failed {
		out = append(out, "a load failed: "+f)
	}
	for _, c := range r.console {
		out = append(out, "browser reported: "+c)
	}
	return out
}

// check fails the test for each of the recorder's problems.
func (r *recorder) check(t *testing.T, what, origin string) {
	t.Helper()
	for _, p := range r.problems(origin) {
		t.Errorf("%s: %s", what, p)
	}
}

// eval runs a JavaScript expression in the tab and returns its value.
func eval[T any](ctx context.Context, t *testing.T, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
}

// open navigates the tab and waits for the page and its fonts.
func open(ctx context.Context, t *testing.T, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	eval[bool](ctx, t, `document.fonts.ready.then(() => true)`)
}

// bilingualDir is the folder of the browser suite's site that holds the
// bilingual example.
const bilingualDir = "bilingue/"

// bilingualVariant builds, from a copy in dir, the bilingual example
// (testdata/plans/g-bilingue) with the German of one operational objective
// and the German body of a Markdown sheet taken out: its German pages
// show those in Italian, marked as such.
func bilingualVariant(dir string) (*Site, error) {
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "plans", "g-bilingue"))); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(filepath.Join(dir, "golden")); err != nil {
		return nil, err
	}
	ops := filepath.Join(dir, "content", "piao-2025-2027", "operativi")
	if err := os.Remove(filepath.Join(ops, "sportello.de.md")); err != nil {
		return nil, err
	}
	strade := filepath.Join(ops, "strade.yaml")
	b, err := os.ReadFile(strade)
	if err != nil {
		return nil, err
	}
	without := strings.Replace(string(b), "  de: Planmäßige Instandhaltung der Gemeindestraßen\n", "", 1)
	if without == string(b) {
		return nil, fmt.Errorf("%s: no German objective to take out", strade)
	}
	if err := os.WriteFile(strade, []byte(without), 0o644); err != nil {
		return nil, err
	}
	sections := map[string]string{"01-premesse.md": sectionBoth, "01-premesse.de.md": sectionBothDe, "02-contesto.md": sectionItOnly}
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(sectionsDirG)), 0o755); err != nil {
		return nil, err
	}
	for name, text := range sections { // a section in both languages, one German lacks
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(sectionsDirG), name), []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
	if site == nil {
		return nil, fmt.Errorf("bilingual build failed:\n%s", ds.Error())
	}
	if len(ds) != 3 {
		return nil, fmt.Errorf("the bilingual variant has %d findings, want the 3 untranslated texts:\n%s", len(ds), ds.Error())
	}
	return site, nil
}

// exampleWithSnapshot copies the example site into a temporary folder and
// archives its plan there with the real archive code, so that the suite
// also sees an archived snapshot as published under archivio/.
func exampleWithSnapshot() (dir string, err error) {
	dir, err = os.MkdirTemp("", "piao-example-")
	if err != nil {
		return "", err
	}
	cfg, err := os.ReadFile(filepath.Join("..", "config.yaml"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "config.yaml"), cfg, 0o644)
	}
	for _, name := range []string{"content", "themes"} {
		if err == nil {
			err = os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("..", name)))
		}
	}
	if err != nil {
		return "", err
	}
	in := Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true}
	snap, ds := NewSnapshot(in, SnapshotOptions{Plan: "piao-2024-2026", Version: "test"})
	if snap == nil {
		return "", fmt.Errorf("archiving the example:\n%s", ds.Error())
	}
	return dir, WriteSnapshot(dir, snap)
}

// cycleDir is the folder of the published site where the suite puts the
// example plan (f) of testdata/plans, whose pages of the performance cycle
// (Relazioni, results, monitoring, charts) the example site, true to its
// act, does not have.
const cycleDir = "ciclo"

// withCycle builds the plan (f), writes it into cycleDir of the published
// site dir, and adds its files to site under that folder, so that the
// suite audits its pages as the example's.
func withCycle(site *Site, dir string) error {
	cycle, ds := Build(Input{Site: os.DirFS(filepath.Join("testdata", "plans", "f-ciclo")), Themes: piao.Themes, Minify: true})
	if cycle == nil {
		return fmt.Errorf("building the cycle's plan:\n%s", ds.Error())
	}
	for name, b := range cycle.Files {
		p := path.Join(cycleDir, name)
		file := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			return err
		}
		site.Files[p] = b
		if k, ok := cycle.Kinds[name]; ok {
			site.Kinds[p] = k
		}
	}
	return nil
}
