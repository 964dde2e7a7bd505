package builder

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// noScript turns JavaScript off in the tab.
func noScript(ctx context.Context, t *testing.T) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
}

// styledJS reports what a reader would miss without the stylesheet or the
// fonts, or "" when the page is whole.
const styledJS = `(() => {
	const h = document.querySelector(".header"), h1 = document.querySelector("main h1");
	if (!h || getComputedStyle(h).backgroundColor !== "rgb(0, 102, 204)") return "the stylesheet is not applied";
	if (!h1 || !h1.textContent.trim() || h1.getBoundingClientRect().height === 0) return "no visible h1";
	if (![...document.fonts].some(f => f.family.toLowerCase().includes("titillium") && f.status === "loaded")) return "Titillium Web not loaded";
	return "";
})()`

// TestNoJavaScriptFromDisk opens one page of each kind from file:// with
// JavaScript off: styled, with its fonts, every request inside the site's
// folder, nothing blocked.
func TestNoJavaScriptFromDisk(t *testing.T) {
	e := browser(t)
	for _, a := range auditPages {
		t.Run(a.name(), func(t *testing.T) {
			p, err := a.path(e.site)
			if err != nil {
				t.Fatal(err)
			}
			ctx, rec := e.tab(t)
			noScript(ctx, t)
			open(ctx, t, e.fileURL(p)+a.Query)
			if eval[bool](ctx, t, `(() => { const s = document.createElement("script"); s.textContent = "window.ran = 1"; document.head.append(s); return window.ran === 1 })()`) {
				t.Fatal("JavaScript still runs in the page")
			}
			rec.check(t, p, "file://"+filepath.ToSlash(e.dir)+"/")
			if msg := eval[string](ctx, t, styledJS); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// TestTransparencyPath follows, with JavaScript off, the plain links
// "Amministrazione Trasparente" → "Performance" → "Piano della Performance"
// from the home page to the list of plans, as ANAC's checker does.
func TestTransparencyPath(t *testing.T) {
	e := browser(t)
	for _, start := range []string{e.pageURL("index.html"), e.fileURL("index.html")} {
		ctx, rec := e.tab(t)
		noScript(ctx, t)
		open(ctx, t, start)
		for _, label := range []string{"Amministrazione Trasparente", "Performance", "Piano della Performance"} {
			// The links shown: not the copy of the menu behind the
			// header's Menu button, closed on a desktop.
			sel := fmt.Sprintf(`//a[normalize-space()=%q][not(ancestor::details[not(@open)])]`, label)
			_, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(sel)))
			if err != nil {
				t.Fatalf("%s: following %q: %v", start, label, err)
			}
			if h1 := eval[string](ctx, t, `document.querySelector("main h1").textContent`); h1 != label {
				t.Fatalf("%s: the link %q led to a page titled %q", start, label, h1)
			}
		}
		plan := e.site.Model.Plans[0].Titolo.S
		if !strings.Contains(eval[string](ctx, t, `document.querySelector("main").textContent`), plan) {
			t.Errorf("%s: the Piano della Performance page does not list %q", start, plan)
		}
		rec.check(t, start, strings.TrimSuffix(start, "index.html"))
	}
}

// TestBrowserHarness proves the suite's instruments can fail: the
// recorder sees a CSP violation and a request to another origin, and axe
// finds the faults of a bad page.
func TestBrowserHarness(t *testing.T) {
	e := browser(t)
	mux := http.NewServeMux()
	fixture := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">`+
				`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'; img-src 'self' http://127.0.0.2:9">`+
				`<title>prova</title></head><body><main>%s</main></body></html>`, body)
		}
	}
	mux.Handle("/bad.html", fixture(`<script>document.title = "x"</script><img src="http://127.0.0.2:9/x.png">`+
		`<p style="color:#ddd">testo poco leggibile</p><img src="/nope.png">`))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx, rec := e.tab(t)
	open(ctx, t, srv.URL+"/bad.html")
	problems := strings.Join(rec.problems(srv.URL+"/"), "\n")
	for _, want := range []string{"Content Security Policy", "request to another origin: http://127.0.0.2:9/x.png", "404"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the recorder missed %q; it saw:\n%s", want, problems)
		}
	}
	axeSrc, err := os.ReadFile(filepath.Join(toolsDir, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range runAxe(ctx, t, string(axeSrc)).Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "color-contrast"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe missed %s on a bad page; it found %v", want, ids)
		}
	}
}
