package builder

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A phone of 375 × 667 CSS pixels (the smallest common phone of that
// width): the fold is its height.
const (
	phoneWidth  = 375
	phoneHeight = 667
	maxH1Top    = 320 // where a page's title must start, at most
)

// phoneLayout is what TestPhoneFirst measures on a page.
type phoneLayout struct {
	H1Top      float64 // the top of the page's h1, from the top of the page
	ResultsTop float64 // the first search result's, or -1
	Crumbs     []string
	Shown      []string // header parts shown: brand, box, tools, menu
}

const measurePhone = `JSON.stringify({
	h1Top: document.querySelector("h1").getBoundingClientRect().top + scrollY,
	resultsTop: (r => r ? r.getBoundingClientRect().top + scrollY : -1)(document.querySelector("#cerca-risultati li")),
	crumbs: [...document.querySelectorAll(".crumbs li")].filter(li => li.offsetParent).map(li => li.textContent.trim()),
	shown: [[".brand", "brand"], [".header-search.wide", "box"], [".header-tools", "tools"], ["nav.menu", "menu"]]
		.filter(([s]) => { const el = document.querySelector(s); return el && el.offsetParent; }).map(([, n]) => n)})`

// TestPhoneFirst: on a phone, every kind of page starts its title within
// the first 320 px, under a compact header (the name, a search button, a
// menu button) and a breadcrumb cut to the way up; the search page shows
// its first results above the fold. On a desktop the search box and the
// menu bar show instead of the buttons.
func TestPhoneFirst(t *testing.T) {
	e := browser(t)
	for _, a := range auditPages {
		t.Run(a.name(), func(t *testing.T) {
			p, err := a.path(e.site)
			if err != nil {
				t.Fatal(err)
			}
			ctx, _ := e.tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
				t.Fatal(err)
			}
			open(ctx, t, e.pageURL(p)+a.Query)
			waitReady(ctx, t, a)
			var got phoneLayout
			if err := json.Unmarshal([]byte(eval[string](ctx, t, measurePhone)), &got); err != nil {
				t.Fatal(err)
			}
			t.Logf("h1 at %.0f px, results at %.0f px, breadcrumb %q", got.H1Top, got.ResultsTop, got.Crumbs)
			if got.H1Top > maxH1Top {
				t.Errorf("at %d px the h1 starts at %.0f px, want at most %d", phoneWidth, got.H1Top, maxH1Top)
			}
			if a.Kind == "search" && (got.ResultsTop < 0 || got.ResultsTop >= phoneHeight) {
				t.Errorf("at %d × %d px the first result starts at %.0f px, below the fold", phoneWidth, phoneHeight, got.ResultsTop)
			}
			if strings.Join(got.Shown, " ") != "brand tools" {
				t.Errorf("at %d px the header shows %q, want the name and the buttons", phoneWidth, got.Shown)
			}
			if crumbs := e.site.Files[p]; strings.Contains(string(crumbs), `class="crumbs"`) && len(got.Crumbs) != 1 {
				t.Errorf("at %d px the breadcrumb shows %q, want only the way up", phoneWidth, got.Crumbs)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(eval[string](ctx, t, measurePhone)), &got); err != nil {
				t.Fatal(err)
			}
			if strings.Join(got.Shown, " ") != "brand box menu" {
				t.Errorf("at 1280 px the header shows %q, want the name, the search box and the menu bar", got.Shown)
			}
		})
	}
}

// TestPhoneHeaderWithoutJavaScript: on a phone with JavaScript off, the
// header's Menu button opens the menu, whose links work, and its Cerca
// button opens the search box, which searches; each closes the other,
// and each answers the keyboard.
func TestPhoneHeaderWithoutJavaScript(t *testing.T) {
	e := browser(t)
	ctx, rec := e.tab(t)
	noScript(ctx, t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, phoneHeight)); err != nil {
		t.Fatal(err)
	}
	open(ctx, t, e.pageURL("piao-2024-2026/operativi/suap/index.html"))
	visible := func(sel string) bool {
		return eval[bool](ctx, t, `(el => !!el && el.checkVisibility({visibilityProperty: true}))(document.querySelector(`+"`"+sel+"`"+`))`)
	}
	if visible(".menu-panel a") || visible("#cerca-testata-m") {
		t.Fatal("the menu or the search box is open before any button is pressed")
	}
	menu, search := `.header-tools details:nth-child(2) > summary`, `.header-tools details:nth-child(1) > summary`
	if err := chromedp.Do(ctx, chromedp.Click(menu)); err != nil {
		t.Fatal(err)
	}
	links := eval[[]string](ctx, t, `[...document.querySelectorAll(".menu-panel a")].filter(a => a.checkVisibility()).map(a => a.textContent)`)
	if !slices.Contains(links, "Revisioni") || !visible(".menu-panel a") {
		t.Fatalf("the Menu button shows %q", links)
	}
	// The keyboard: focus on Cerca, Enter opens the box and closes the menu.
	if err := chromedp.Do(ctx, chromedp.Focus(search), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if !visible("#cerca-testata-m") || visible(".menu-panel a") {
		t.Fatal("Enter on the Cerca button does not show the search box alone")
	}
	label := eval[string](ctx, t, `document.querySelector("label[for=cerca-testata-m]").textContent`)
	if label != "Cerca nel piano, negli obiettivi, negli indicatori e nelle revisioni" {
		t.Errorf("the search box says %q", label)
	}
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.SendKeys("#cerca-testata-m", "registro\r")))
	if err != nil {
		t.Fatal(err)
	}
	if loc := eval[string](ctx, t, `location.pathname.replace(/index\.html$/, "") + location.search`); loc != "/cerca/?q=registro" {
		t.Errorf("the search box led to %s", loc)
	}
	rec.check(t, "phone header", e.url+"/")
}
