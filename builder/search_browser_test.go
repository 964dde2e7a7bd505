package builder

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// These tests open the example site in headless Chromium, served over a
// loopback HTTP server under a sub-path and opened from disk, and search
// it as a citizen would. Chromium must be installed (make browser): a
// missing browser fails the tests.

// newBrowser returns the suite's shared headless Chromium (browser_test.go).
func newBrowser(t *testing.T) context.Context { return browser(t).browser }

// tab opens a tab whose console errors and uncaught exceptions fail the
// test (a script blocked by the Content-Security-Policy is one).
func tab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var problems []string
	done := make(chan struct{})
	messages := chromedp.Console(ctx)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			// Chromium asks the server for /favicon.ico, outside the site.
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !strings.HasSuffix(m.URL, "/favicon.ico") {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		for _, p := range problems {
			t.Errorf("browser console: %s", p)
		}
	})
	timeout, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return timeout
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// waitJS waits until a JavaScript expression is true.
func waitJS(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("cerca-stato") || {}).textContent || ""`))
		t.Fatalf("waiting for %s: %v (page %s, status %q)", expr, err, loc, status)
	}
}

// navigates runs steps that open another page and waits for it to load.
func navigates(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	loaded := chromedp.Events(sub, cdppage.LoadEventFired)
	do(t, ctx, steps...)
	for _, err := range loaded {
		if err != nil {
			t.Fatalf("waiting for the page to load: %v", err)
		}
		break
	}
}

// results are the links of the shown results.
func results(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#cerca-risultati li > a")).map(a => a.getAttribute("href"))`))
}

func containsAll(list []string, wants ...string) bool {
	for _, w := range wants {
		found := false
		for _, s := range list {
			found = found || strings.Contains(s, w)
		}
		if !found {
			return false
		}
	}
	return true
}

// staticFiles serves the files of dir as a plain static web server does:
// a folder's URL serves its index.html, and nothing is redirected (Go's
// FileServer would redirect …/index.html to …/).
func staticFiles(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if strings.HasSuffix(r.URL.Path, "/") {
			name = filepath.Join(name, indexFile)
		}
		f, err := os.Open(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.IsDir() {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, info.ModTime(), f)
	})
}

func TestSearchInBrowser(t *testing.T) {
	dir := browser(t).dir
	browser := newBrowser(t)
	srv := httptest.NewServer(http.StripPrefix("/sotto/percorso", staticFiles(dir)))
	t.Cleanup(srv.Close)
	bases := []struct{ name, url string }{
		{"http", srv.URL + "/sotto/percorso/"},
		{"file", "file://" + filepath.ToSlash(dir) + "/"},
	}
	for _, b := range bases {
		t.Run(b.name, func(t *testing.T) {
			t.Run("queries", func(t *testing.T) { testQueries(t, tab(t, browser), b.url) })
			t.Run("filter", func(t *testing.T) { testFilter(t, tab(t, browser), b.url) })
			t.Run("keyboard", func(t *testing.T) { testKeyboard(t, tab(t, browser), b.url) })
			t.Run("more", func(t *testing.T) { testMore(t, tab(t, browser), b.url) })
			t.Run("typo", func(t *testing.T) { testTypo(t, tab(t, browser), b.url) })
			t.Run("phone", func(t *testing.T) { testPhoneFilters(t, tab(t, browser), b.url) })
		})
	}
	t.Run("noscript", func(t *testing.T) { testNoScript(t, tab(t, browser), bases[1].url) })
}

// TestSnapshotSearch: an archived snapshot, zipped for deposit and
// unzipped elsewhere, searches its own plan opened from disk, and its
// results land on its own pages.
func TestSnapshotSearch(t *testing.T) {
	e := browser(t)
	var zbuf bytes.Buffer
	if err := WriteZip(&zbuf, os.DirFS(e.src), "piao-2024-2026"); err != nil {
		t.Fatal(err)
	}
	unzipped := t.TempDir()
	zr, err := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		name := filepath.Join(unzipped, filepath.FromSlash(f.Name))
		if err == nil {
			err = os.MkdirAll(filepath.Dir(name), 0o755)
		}
		if err == nil {
			err = os.WriteFile(name, b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	base := "file://" + filepath.ToSlash(filepath.Join(unzipped, "piao-2024-2026")) + "/"
	t.Run("queries", func(t *testing.T) { testQueries(t, tab(t, e.browser), base) })
	t.Run("filter", func(t *testing.T) { testFilter(t, tab(t, e.browser), base) })
}

const (
	tmrAnchor = "amministrazione-contabilita/index.html#ind-tmr-ritardo-pagamenti"
	tmpAnchor = "amministrazione-contabilita/index.html#ind-tmp-tempo-pagamento"
)

// testQueries: the queries of the issue find the payment-time indicators
// and the Registro Imprese objective, with the words highlighted.
func testQueries(t *testing.T, ctx context.Context, base string) {
	tests := []struct {
		q    string
		want []string
	}{
		{"pagamento", []string{tmrAnchor, tmpAnchor}},
		{"pagamenti", []string{tmrAnchor, tmpAnchor}},
		{"Pagamènti", []string{tmrAnchor, tmpAnchor}},
		{"tempo medio", []string{tmrAnchor, tmpAnchor}},
		{"registro", []string{"operativi/registro-imprese/index.html"}},
		{"COMPETITIVITA' DELL'ENTE", []string{"strategici/linea-5/index.html"}},
	}
	for _, tt := range tests {
		do(t, ctx, chromedp.Navigate(base+"cerca/index.html?q="+url.QueryEscape(tt.q)))
		waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
		if got := results(t, ctx); !containsAll(got, tt.want...) {
			t.Errorf("search %q: results %q, want %q among them", tt.q, got, tt.want)
		}
		status := run(t, ctx, chromedp.Text(chromedp.ID("cerca-stato")))
		if !strings.Contains(status, "risultat") || !strings.Contains(status, "«"+tt.q+"»") {
			t.Errorf("search %q: live region says %q", tt.q, status)
		}
		if v := run(t, ctx, chromedp.Value(chromedp.ID("cerca-q"))); v != tt.q {
			t.Errorf("search %q: the query field holds %q", tt.q, v)
		}
	}
	do(t, ctx, chromedp.Navigate(base+"cerca/index.html?q=pagamento+parolachenonce"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	if status := run(t, ctx, chromedp.Text(chromedp.ID("cerca-stato"))); !strings.HasPrefix(status, "Nessun risultato con tutte le parole") || !containsAll(results(t, ctx), tmrAnchor, tmpAnchor) {
		t.Errorf("pagamento parolachenonce: live region says %q, results %q", status, results(t, ctx))
	}
	do(t, ctx, chromedp.Navigate(base+"cerca/index.html?q="+url.QueryEscape("COMPETITIVITA' DELL'ENTE")))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	marks := run(t, ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#cerca-risultati mark")).map(m => piaoSearch.fold(m.textContent))`))
	if !containsAll(marks, "competitivita", "ente") {
		t.Errorf("search \"COMPETITIVITA' DELL'ENTE\": highlighted %q, want Competitività and Ente", marks)
	}
}

// testFilter: a filter narrows the results, is kept in the URL, and a
// result lands on the indicator's anchor.
func testFilter(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, chromedp.Navigate(base+"cerca/index.html?q=tempo+medio"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	all := results(t, ctx)
	if !containsAll(all, "strategici/linea-3/index.html#ind-tempi-lavorazione-ri", tmpAnchor) {
		t.Fatalf("tempo medio: results %q", all)
	}
	do(t, ctx,
		chromedp.SetValue(chromedp.ID("cerca-unita"), "u_piao-2024-2026_amministrazione-contabilita"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("cerca-unita").dispatchEvent(new Event("change", {bubbles: true}))`))
	waitJS(t, ctx, `document.getElementById("cerca-stato").textContent.includes("filtri")`)
	narrowed := results(t, ctx)
	if len(narrowed) >= len(all) || !containsAll(narrowed, tmrAnchor, tmpAnchor) {
		t.Errorf("filter by unit: %d results %q, want fewer than %d, with both payment indicators", len(narrowed), narrowed, len(all))
	}
	for _, r := range narrowed {
		if !strings.Contains(r, "amministrazione-contabilita") {
			t.Errorf("filter by unit: result %q is from another unit", r)
		}
	}
	loc := run(t, ctx, chromedp.Location())
	if !strings.Contains(loc, "unita=u_piao-2024-2026_amministrazione-contabilita") || !strings.Contains(loc, "q=tempo+medio") {
		t.Errorf("the URL %q does not keep the search", loc)
	}
	navigates(t, ctx, chromedp.Click(chromedp.CSS(`#cerca-risultati a[href$="#ind-tmp-tempo-pagamento"]`)))
	if id := run(t, ctx, chromedp.Evaluate[string](`(document.querySelector(":target") || {}).id`)); id != "ind-tmp-tempo-pagamento" {
		t.Errorf("the result link landed on %q, want the indicator", id)
	}
	// A filter alone lists everything of the unit.
	do(t, ctx, chromedp.Navigate(base+"cerca/index.html?unita=u_piao-2024-2026_registro-imprese"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	if got := results(t, ctx); !containsAll(got, "registro-imprese/index.html", "#ind-pratiche-sospese-ri") {
		t.Errorf("unit filter without words: %q", got)
	}
}

// testKeyboard: from the search box of any page's header to a result,
// with the keyboard only; results appear while typing.
func testKeyboard(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, chromedp.Navigate(base+"piao-2024-2026/operativi/suap/index.html"))
	navigates(t, ctx, chromedp.SendKeys(chromedp.ID("cerca-testata"), "registro\r"))
	waitJS(t, ctx, `location.pathname.endsWith("cerca/index.html") && document.querySelectorAll("#cerca-risultati li").length > 0`)
	if got := results(t, ctx); !containsAll(got, "operativi/registro-imprese/index.html") {
		t.Errorf("header search for registro: %q", got)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("cerca-q").select()`),
		chromedp.Focus(chromedp.ID("cerca-q")), chromedp.KeyEvent("pagam"))
	waitJS(t, ctx, `document.getElementById("cerca-stato").textContent.includes("«pagam»")`)
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	if got := results(t, ctx); !containsAll(got, tmpAnchor) {
		t.Errorf("typing pagam: %q", got)
	}
	for i := 0; i < 30; i++ {
		if run(t, ctx, chromedp.Evaluate[bool](`!!document.activeElement.closest("#cerca-risultati")`)) {
			break
		}
		do(t, ctx, chromedp.KeyEvent("\t"))
	}
	target := run(t, ctx, chromedp.Evaluate[string](`document.activeElement.href || ""`))
	if !strings.Contains(target, "#ind-") && !strings.Contains(target, "operativi/") {
		t.Fatalf("Tab did not reach a result (focus on %q)", target)
	}
	navigates(t, ctx, chromedp.KeyEvent("\r"))
	if loc := run(t, ctx, chromedp.Location()); loc != target {
		t.Errorf("Enter on the result opened %q, want %q", loc, target)
	}
}

// testMore: results come ten at a time; the button shows ten more and
// moves the focus to the first of them.
func testMore(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, chromedp.Navigate(base+"cerca/index.html?q=interna"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	status := run(t, ctx, chromedp.Text(chromedp.ID("cerca-stato")))
	if n := len(results(t, ctx)); n != 10 || !strings.HasPrefix(status, "33 risultati") {
		t.Fatalf("interna: %d results shown, status %q; want the first 10 of 33", n, status)
	}
	do(t, ctx, chromedp.Focus(chromedp.ID("cerca-altri")), chromedp.KeyEvent("\r"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length == 20`)
	focused := run(t, ctx, chromedp.Evaluate[int](
		`Array.from(document.querySelectorAll("#cerca-risultati li > a")).indexOf(document.activeElement)`))
	if focused != 10 {
		t.Errorf("after \"Mostra altri risultati\" the focus is on result %d, want the 11th", focused+1)
	}
	do(t, ctx, chromedp.Focus(chromedp.ID("cerca-altri")), chromedp.KeyEvent("\r"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length == 30`)
	do(t, ctx, chromedp.Focus(chromedp.ID("cerca-altri")), chromedp.KeyEvent("\r"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length == 33 && document.getElementById("cerca-altri").hidden`)
}

// testNoScript: without JavaScript the search page says so and points to
// the static indexes.
func testNoScript(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.Navigate(base+"cerca/index.html?q=pagamento"))
	text := run(t, ctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(text, "La ricerca ha bisogno di JavaScript") || strings.Contains(text, "Parole da cercare") {
		t.Errorf("without JavaScript the page reads:\n%s", text)
	}
	links := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("main a")).map(a => a.getAttribute("href"))`))
	if !containsAll(links, "piao-2024-2026/indici/index.html") {
		t.Errorf("without JavaScript: links %q, want the indexes", links)
	}
}

// testTypo: a word misspelt finds what the word finds, the live region
// says so and offers the word as the results write it, a link that
// searches it.
func testTypo(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, chromedp.Navigate(base+"cerca/index.html?q=tempi+di+pagamneti"))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	if got := results(t, ctx); !containsAll(got, tmrAnchor, tmpAnchor) {
		t.Errorf("tempi di pagamneti: results %q", got)
	}
	status := run(t, ctx, chromedp.Text(chromedp.ID("cerca-stato")))
	if !strings.HasPrefix(status, "Nessun risultato per «tempi di pagamneti»; 2 risultati con parole simili.") ||
		!strings.HasSuffix(status, "Forse cercavi «tempi di pagamenti»?") {
		t.Errorf("tempi di pagamneti: the live region says %q", status)
	}
	marks := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#cerca-risultati mark")).map(m => m.textContent)`))
	if !containsAll(marks, "pagamenti") {
		t.Errorf("tempi di pagamneti: highlighted %q, want the word found", marks)
	}
	navigates(t, ctx, chromedp.Click(chromedp.CSS("#cerca-stato a")))
	waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
	if q := run(t, ctx, chromedp.Value(chromedp.ID("cerca-q"))); q != "tempi di pagamenti" {
		t.Errorf("the suggestion searched %q", q)
	}
	if status := run(t, ctx, chromedp.Text(chromedp.ID("cerca-stato"))); status != "2 risultati per «tempi di pagamenti»." {
		t.Errorf("after the suggestion the live region says %q", status)
	}
	// A date written another way, an act, an abbreviation, a revision word.
	for _, tt := range []struct{ q, want string }{
		{"30 giugno", "#ind-regolamento-locazione-comune-novara"}, {"G/59", "revisioni/index.html#rev-2024-09"},
		{"OIV", "revisioni/index.html#rev-2024-09"}, {"stralciato", "#ind-bilancio-sociale"},
	} {
		do(t, ctx, chromedp.Navigate(base+"cerca/index.html?q="+url.QueryEscape(tt.q)))
		waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
		if got := results(t, ctx); !containsAll(got, tt.want) {
			t.Errorf("%s: results %q, want %q among them", tt.q, got, tt.want)
		}
	}
}

// testPhoneFilters: on a phone the filters are folded away under their
// summary, unless one is chosen; on a desktop they are open.
func testPhoneFilters(t *testing.T, ctx context.Context, base string) {
	for _, tt := range []struct {
		width int64
		query string
		open  bool
	}{
		{375, "?q=pagamento", false}, {375, "?q=pagamento&rivisti=r", true}, {1280, "?q=pagamento", true},
	} {
		do(t, ctx, chromedp.EmulateViewport(tt.width, 800), chromedp.Navigate(base+"cerca/index.html"+tt.query))
		waitJS(t, ctx, `document.querySelectorAll("#cerca-risultati li").length > 0`)
		if open := run(t, ctx, chromedp.Evaluate[bool](`document.getElementById("cerca-filtri").open`)); open != tt.open {
			t.Errorf("at %d px, %s: the filters are open: %v, want %v", tt.width, tt.query, open, tt.open)
		}
	}
}
