package builder

import (
	"net/url"
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The bilingual example in headless Chromium (the browser suite's site,
// under bilingualDir): the language switcher followed with JavaScript off,
// over HTTP and from disk, and the German search page.

// TestLanguageSwitcher follows, with JavaScript off, the switcher's link
// to German from an Italian sheet, and back, landing on the same sheet in
// the other language, and from the page that chooses the language to each
// language's home; over HTTP and from file://.
func TestLanguageSwitcher(t *testing.T) {
	e := browser(t)
	const sheet = "piao-2025-2027/operativi/pagamenti/index.html"
	for _, at := range []func(string) string{e.pageURL, e.fileURL} {
		ctx, rec := e.tab(t)
		noScript(ctx, t)
		open(ctx, t, at(bilingualDir+"it/"+sheet))
		for _, step := range []struct{ lang, want, h1 string }{
			{"de", "de/" + sheet, "Einhaltung der Zahlungsfristen für Rechnungen"},
			{"it", "it/" + sheet, "Rispetto dei termini di pagamento delle fatture"},
		} {
			// The top bar's link: on a desktop the menu behind the phone's
			// Menu button is closed.
			sel := `.topbar a[hreflang="` + step.lang + `"]`
			if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
				t.Fatalf("following the link to %s: %v", step.lang, err)
			}
			loc := eval[string](ctx, t, `location.href`) // a server may answer for .../index.html at .../
			if !strings.HasSuffix(loc, bilingualDir+step.want) && !strings.HasSuffix(loc, bilingualDir+strings.TrimSuffix(step.want, indexFile)) {
				t.Errorf("the link to %s led to %s, want its twin %s", step.lang, loc, step.want)
			}
			if got := eval[string](ctx, t, `document.documentElement.lang`); got != step.lang {
				t.Errorf("%s: <html lang=%q>, want %q", loc, got, step.lang)
			}
			if got := eval[string](ctx, t, `document.querySelector("main h1").textContent`); got != step.h1 {
				t.Errorf("%s: h1 %q, want %q", loc, got, step.h1)
			}
			if got := eval[string](ctx, t, `document.querySelector('.topbar [aria-current]').lang`); got != step.lang {
				t.Errorf("%s: the switcher marks %q as the current language", loc, got)
			}
		}
		for _, lang := range []string{"it", "de"} {
			open(ctx, t, at(bilingualDir+"index.html"))
			sel := `main a[hreflang="` + lang + `"]`
			if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
				t.Fatalf("choosing %s: %v", lang, err)
			}
			if loc := eval[string](ctx, t, `location.href`); !strings.HasSuffix(loc, bilingualDir+lang+"/index.html") && !strings.HasSuffix(loc, bilingualDir+lang+"/") {
				t.Errorf("choosing %s led to %s", lang, loc)
			}
		}
		rec.check(t, "the language switcher", strings.TrimSuffix(at(""), "/")+"/")
	}
}

// TestGermanSearchPage searches the German search page in Chromium, over
// HTTP and from disk: "Zahlungen" finds the sheet whose objective is
// "Einhaltung der Zahlungsfristen" (a compound), "Gemeindestrassen" the
// streets ("Gemeindestraßen"), "verfuegbare" what is "verfügbar"; the
// Italian search page does not read German.
func TestGermanSearchPage(t *testing.T) {
	e := browser(t)
	for _, base := range []string{e.pageURL(bilingualDir), strings.TrimSuffix(e.fileURL(bilingualDir+indexFile), indexFile)} {
		ctx := tab(t, e.browser)
		for _, tt := range []struct {
			lang, q, want string
		}{
			{"de", "Zahlungen", "Einhaltung der Zahlungsfristen für Rechnungen"},
			{"de", "Gemeindestrassen", "Instand gehaltene Kilometer der Gemeindestraßen"},
			{"de", "verfuegbare", "Online verfügbare Gemeindedienste in beiden Sprachen"},
			{"it", "pagamento", "Rispetto dei termini di pagamento delle fatture"},
		} {
			do(t, ctx, chromedp.Navigate(base+tt.lang+"/cerca/index.html?q="+url.QueryEscape(tt.q)),
				chromedp.WaitVisible(".results li a"))
			titles := run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".results li > a")].map(a => a.textContent)`))
			if len(titles) == 0 || !strings.Contains(strings.Join(titles, "\n"), tt.want) {
				t.Errorf("%s%s/cerca: %q finds %q, want %q", base, tt.lang, tt.q, titles, tt.want)
			}
		}
		do(t, ctx, chromedp.Navigate(base+"it/cerca/index.html?q=Zahlungen"),
			chromedp.WaitVisible("#cerca-stato:not(:empty)"))
		if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".results li").length`)); n != 0 {
			t.Errorf("the Italian search finds %d results for the German Zahlungen", n)
		}
	}
}
