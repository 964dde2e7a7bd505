package serve

import (
	"context"
	"iter"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/piao-pa/piao/internal/browsertest"
)

// newBrowser starts a headless Chromium with a fresh profile, for the
// length of the test. A missing browser fails the test: it is never
// skipped.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	browser, stop, err := browsertest.Start(t.TempDir(), 1280, 900)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancelTime := context.WithTimeout(browser, 3*deadline)
	t.Cleanup(func() { cancelTime(); stop() })
	return ctx
}

// consoleErrors collects what the pages of the tab report as errors and
// exceptions, CSP violations included.
func consoleErrors(ctx context.Context) func() []string {
	var mu sync.Mutex
	var out []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if (m.IsException() || m.Type == chromedp.ConsoleError) && !strings.HasSuffix(m.URL, "/favicon.ico") {
				mu.Lock()
				out = append(out, m.URL+": "+m.String())
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), out...)
	}
}

// tab is the browser tab of a test, with the pages it loads.
type tab struct {
	ctx    context.Context
	loaded func() (page.EventLoadEventFired, error, bool) // the next page load
}

func newTab(t *testing.T, ctx context.Context) *tab {
	next, stop := iter.Pull2(chromedp.Events(ctx, page.LoadEventFired))
	t.Cleanup(stop)
	return &tab{ctx: ctx, loaded: next}
}

// waitText waits until the tab's page shows want, checking the page as it
// is and again after each load: the page reloads by itself when the server
// says so.
func (tb *tab) waitText(t *testing.T, want string) {
	t.Helper()
	js := `document.body !== null && document.body.innerText.includes(` + jsString(want) + `)`
	for {
		if ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		if _, err, ok := tb.loaded(); err != nil || !ok {
			text, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			t.Fatalf("the page never showed %q: %v\npage text:\n%.2000s", want, err, text)
		}
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// TestBrowserLiveReload opens a sheet in Chromium, edits the sheet, breaks
// it and fixes it, and expects the open page to follow each time by itself,
// under the theme's Content-Security-Policy.
func TestBrowserLiveReload(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir)
	ctx := newBrowser(t)
	errs := consoleErrors(ctx)
	tb := newTab(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL()+strings.TrimPrefix(suapPage, "/"))); err != nil {
		t.Fatal(err)
	}
	tb.waitText(t, suapName)
	waitUntil(t, "the page's reload stream", func() bool { return srv.Streams() == 1 })

	file := filepath.Join(dir, suapFile)
	good := readFile(t, file)
	writeFile(t, file, strings.Replace(good, suapName, "Modificato nel browser", 1))
	tb.waitText(t, "Modificato nel browser")

	writeFile(t, file, strings.Replace(good, "\npeso: 30%\n", "\npesi: 30%\n", 1))
	tb.waitText(t, suapFile+":")
	tb.waitText(t, `campo sconosciuto "pesi"`)
	color, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("h1")).color`))
	if err != nil {
		t.Fatal(err)
	}
	if color != "rgb(165, 14, 14)" {
		t.Errorf("error page heading color %q: its stylesheet did not load", color)
	}

	writeFile(t, file, good)
	tb.waitText(t, suapName)
	for _, e := range errs() {
		if !strings.Contains(e, "status of 500") { // the error page's own status
			t.Errorf("browser error: %s", e)
		}
	}
}
