package builder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// screenshotDir is where the suite leaves its pictures for a person to
// look at (git-ignored; the README points to it).
const screenshotDir = "../screenshots"

// screenshotPages are the pages photographed at each width.
var screenshotPages = []auditPage{
	{Kind: "home"},
	{Kind: "unit", Match: "/unita/metrologia/"},
	{Kind: "sheet", Match: "/" + revisedSheet},
	{Kind: "sheet", Match: "/operativi/suap/index.html"},     // indicators swapped, one note for both
	{Kind: "sheet", Match: "/strategici/linea-1/index.html"}, // many changes, each with its reason
	{Kind: "search", Query: "?q=tempi+di+pagamento", Ready: ".results li a"},
	{Kind: "report", Match: "/" + cycleDir + "/piao-2025-2027/relazione-2025/"},
	{Kind: "sheet", Match: "/" + cycleDir + "/piao-2025-2027/operativi/formazione/index.html"},
}

var screenshotWidths = []int64{1280, 375}

// TestScreenshots writes full-page screenshots of the home, a unit, three
// revised sheets, search results, a Relazione and a sheet with results, on
// a desktop and on a phone, to screenshots/.
func TestScreenshots(t *testing.T) {
	e := browser(t)
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, a := range screenshotPages {
		p, err := a.path(e.site)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range screenshotWidths {
			ctx, _ := e.tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
				t.Fatal(err)
			}
			open(ctx, t, e.pageURL(p)+a.Query)
			waitReady(ctx, t, a)
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(shot))
			if err != nil || int64(cfg.Width) != w || cfg.Height < 500 {
				t.Errorf("%s at %d px: screenshot %dx%d (%v)", p, w, cfg.Width, cfg.Height, err)
			}
			name := fmt.Sprintf("%s-%d.png", a.name(), w)
			if err := os.WriteFile(filepath.Join(screenshotDir, name), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// a4 is the printable area of an A4 sheet with the print stylesheet's
// margins (15 mm each side, 15 mm top, 18 mm bottom), in CSS pixels.
const (
	a4Width  = (210 - 30) * 96 / 25.4
	a4Height = (297 - 33) * 96 / 25.4
)

// TestPrint: a revised sheet prints on A4 without the site's navigation,
// every table and indicator fits on one sheet and is kept whole, and the
// revision marks stay visible. The PDF is left in screenshots/.
func TestPrint(t *testing.T) {
	e := browser(t)
	ctx, _ := e.tab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(680, 998)); err != nil {
		t.Fatal(err)
	}
	open(ctx, t, e.pageURL(revisedSheet))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	raw := eval[string](ctx, t, `JSON.stringify({
		hidden: [".menu", ".crumbs", ".topbar"].every(s => getComputedStyle(document.querySelector(s)).display === "none"),
		blocks: [...document.querySelectorAll("main table, .indicator")].map(el => ({
			what: el.tagName + " " + (el.id || (el.caption ? el.caption.textContent.slice(0, 40) : "")),
			height: el.getBoundingClientRect().height, avoid: getComputedStyle(el).breakInside})),
		marks: document.querySelectorAll("del .rev-tag, ins .rev-tag").length,
		scroll: document.documentElement.scrollWidth <= document.documentElement.clientWidth})`)
	var got struct {
		Hidden bool
		Blocks []struct {
			What   string
			Height float64
			Avoid  string
		}
		Marks  int
		Scroll bool
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Hidden {
		t.Error("print shows the menu, the breadcrumb or the top bar")
	}
	if len(got.Blocks) < 3 || got.Marks == 0 {
		t.Fatalf("print: %d tables and indicators, %d revision tags", len(got.Blocks), got.Marks)
	}
	for _, b := range got.Blocks {
		if b.Avoid != "avoid" {
			t.Errorf("print: %s may be split across pages (break-inside: %s)", b.What, b.Avoid)
		}
		if b.Height > a4Height {
			t.Errorf("print: %s is %.0f px high, more than an A4 page (%.0f px)", b.What, b.Height, a4Height)
		}
	}
	if !got.Scroll {
		t.Error("print: the page is wider than A4")
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
	if pages < 1 || pages > 12 {
		t.Errorf("print: %d A4 pages", pages)
	}
	for _, box := range regexp.MustCompile(`/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]`).FindAllSubmatch(pdf, -1) {
		if w, h := string(box[1]), string(box[2]); !strings.HasPrefix(w, "595") || !strings.HasPrefix(h, "841") {
			t.Errorf("print: a page of %s x %s points, want A4 (595 x 842)", w, h)
		}
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir, "sheet-print-a4.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}
