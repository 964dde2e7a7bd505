package builder

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The performance cycle in the real browser: the plan (f), which the suite
// publishes under ciclo/ (browser_test.go).

// TestOutcomeFilterInBrowser: choosing an outcome in the search page's
// "Esito" filter lists exactly the indicators of the index, over HTTP and
// from disk, with JavaScript.
func TestOutcomeFilterInBrowser(t *testing.T) {
	e := browser(t)
	want := partialAnchors(e)
	if len(want) < 3 {
		t.Fatalf("the index by outcome lists %v", want)
	}
	for base, origin := range map[string]string{
		e.pageURL(cycleDir + "/cerca/index.html"): e.url + "/",
		e.fileURL(cycleDir + "/cerca/index.html"): "file://" + filepath.ToSlash(e.dir) + "/",
	} {
		ctx, rec := e.tab(t)
		open(ctx, t, base+"?esito=e_2025_parziale")
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := chromedp.Do(wctx, chromedp.WaitVisible("#cerca-risultati li a"))
		cancel()
		if err != nil {
			t.Fatalf("%s: no results: %v", base, err)
		}
		got := eval[[]string](ctx, t, `[...document.querySelectorAll("#cerca-risultati li > a")].map(a => new URL(a.href).hash).sort()`)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want the anchors %v", base, got, want)
		}
		if v := eval[string](ctx, t, `document.querySelector("#cerca-esito").value`); v != "e_2025_parziale" {
			t.Errorf("%s: the filter shows %q", base, v)
		}
		rec.check(t, base, origin)
	}
}

// partialAnchors lists, sorted, the anchors of the indicators reached in
// part in 2025, as the index by outcome lists them.
func partialAnchors(e *browserEnv) []string {
	page := string(e.site.Files[cycleDir+"/piao-2025-2027/indici/esiti-2025/index.html"])
	_, part, _ := strings.Cut(page, `id="parziale"`)
	part, _, _ = strings.Cut(part, "</section>")
	out := regexp.MustCompile(`#ind-[a-z0-9-]+`).FindAllString(part, -1)
	slices.Sort(out)
	return out
}

// TestPrintReport: the Relazione prints on A4 with its charts, in their
// colours, each kept whole and within the page, and the tables beside
// them. The PDF is left in screenshots/.
func TestPrintReport(t *testing.T) {
	e := browser(t)
	ctx, _ := e.tab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(680, 998)); err != nil {
		t.Fatal(err)
	}
	open(ctx, t, e.pageURL(cycleDir+"/piao-2025-2027/relazione-2025/index.html"))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	raw := eval[string](ctx, t, `JSON.stringify([...document.querySelectorAll("figure.chart")].map(f => {
		const svg = f.querySelector("svg"), r = svg.getBoundingClientRect(), bar = svg.querySelector("rect.bar");
		return {width: r.width, height: r.height, avoid: getComputedStyle(f).breakInside, exact: getComputedStyle(svg).printColorAdjust,
			fill: getComputedStyle(bar).fill}
	}))`)
	var charts []struct {
		Width, Height float64
		Avoid, Exact  string
		Fill          string
	}
	if err := json.Unmarshal([]byte(raw), &charts); err != nil {
		t.Fatal(err)
	}
	if len(charts) < 4 {
		t.Fatalf("%d charts printed", len(charts))
	}
	for i, c := range charts {
		if c.Width < 200 || c.Width > a4Width || c.Height <= 0 || c.Height > a4Height {
			t.Errorf("chart %d prints %.0f × %.0f px (A4 is %.0f × %.0f)", i, c.Width, c.Height, a4Width, a4Height)
		}
		if c.Avoid != "avoid" || c.Exact != "exact" || c.Fill == "" || c.Fill == "none" || c.Fill == "rgb(0, 0, 0)" {
			t.Errorf("chart %d: break-inside %s, print-color-adjust %s, bar fill %s", i, c.Avoid, c.Exact, c.Fill)
		}
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	if pages := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1)); pages < 2 || pages > 20 {
		t.Errorf("print: %d A4 pages", pages)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir, "report-print-a4.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}
