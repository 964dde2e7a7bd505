package builder

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// fullPlanPage is the example's whole plan on one page.
const fullPlanPage = "piao-2024-2026/completo/index.html"

// TestPrintFullPlan prints the example's whole plan to PDF in headless
// Chromium, as a reader's "Salva come PDF" does, and reads the PDF back
// with poppler's pdftotext: A4 pages; every section and every sheet
// starting a page of its own; on every page the running header (the plan
// and the ente, the version) and "Pagina N di M"; the revision marks'
// words kept; no page of the site's navigation. The PDF and a picture of
// its first pages are left in screenshots/ for a person to look at.
func TestPrintFullPlan(t *testing.T) {
	e := browser(t)
	ctx, rec := e.tab(t)
	open(ctx, t, e.pageURL(fullPlanPage))
	rec.check(t, fullPlanPage, e.url+"/")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Hidden, Button bool
		Items          []string
		Breaks         []string
		Sheet          bool
	}
	raw := eval[string](ctx, t, `JSON.stringify({
		hidden: [".menu", ".crumbs", ".topbar", ".print-button", ".no-print"].every(s => [...document.querySelectorAll(s)].every(el => getComputedStyle(el).display === "none")),
		button: !!document.querySelector(".print-button"),
		items: [...document.querySelectorAll(".full-item")].map(el => el.id),
		breaks: [...document.querySelectorAll(".full-item")].map(el => getComputedStyle(el).breakBefore),
		sheet: [...document.styleSheets].some(s => (s.href || "").endsWith("/completo/stampa.css"))})`)
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	plan := e.site.Model.Plans[0]
	if want := len(plan.Sheets()) + len(plan.Sezioni); len(got.Items) != want {
		t.Fatalf("%d sections and sheets on the page, want %d", len(got.Items), want)
	}
	if !got.Hidden || !got.Button || !got.Sheet {
		t.Errorf("print: navigation hidden %v, print button %v, the plan's print style sheet loaded %v", got.Hidden, got.Button, got.Sheet)
	}
	for i, b := range got.Breaks {
		first := i == 0 || i == len(plan.Sezioni) || i == len(plan.Sezioni)+len(plan.Strategic) // right after its part's heading
		if first && b != "avoid" || !first && b != "page" {
			t.Errorf("print: %s breaks before as %q", got.Items[i], b)
		}
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	for _, box := range regexp.MustCompile(`/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]`).FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(box[1]), 64)
		h, _ := strconv.ParseFloat(string(box[2]), 64)
		if math.Abs(w-595.28) > 1 || math.Abs(h-841.89) > 1 { // 210 x 297 mm
			t.Errorf("print: a page of %s x %s points, want A4 (595 x 842)", box[1], box[2])
		}
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(screenshotDir, "fullplan-print-a4.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, file)
	if len(pages) < len(got.Items)+1 {
		t.Fatalf("print: %d pages for %d sections and sheets, each on a page of its own and the contents first", len(pages), len(got.Items))
	}
	header := strings.Join(strings.Fields(plan.Sigla.S+" – "+e.site.Model.Config.Ente.Nome.S), " ")
	for i, text := range pages {
		flat := strings.Join(strings.Fields(text), " ")
		if !strings.Contains(flat, header) || !strings.Contains(flat, "Versione del 12 settembre 2024") {
			t.Errorf("print: page %d has no running header %q: %.200q", i+1, header, flat)
		}
		if want := fmt.Sprintf("Pagina %d di %d", i+1, len(pages)); !strings.Contains(flat, want) {
			t.Errorf("print: page %d does not say %q", i+1, want)
		}
	}
	// Each sheet starts its page: its name is on the page after the one
	// of the sheet before it.
	all := strings.Join(pages, "\f")
	if !strings.Contains(all, "PRIMA") || !strings.Contains(all, "ORA") {
		t.Error("print: the revision marks' words are not in the PDF")
	}
	if strings.Contains(all, "Vai al contenuto") || strings.Contains(all, "Copia il collegamento") {
		t.Error("print: the skip link or the copy links are printed")
	}
	out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "4", file, filepath.Join(screenshotDir, "fullplan-print")).CombinedOutput()
	if err != nil {
		t.Errorf("pdftoppm (poppler-utils, make browser-deps): %v\n%s", err, out)
	}
	t.Logf("the whole plan prints on %d A4 pages (%d bytes of PDF)", len(pages), len(pdf))
}

// pdfPages is the text of each page of a PDF, as poppler's pdftotext reads
// it.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils, make browser-deps): %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// TestSiteScript: the site's small script, in the browser. "Copia il
// collegamento" copies the whole address of the indicator (or of the
// page), and says so; "Come citare" gets the address the reader sees; the
// whole plan's print button shows; the table of a revision's changes sorts
// by a column and back, saying so to screen readers (aria-sort).
func TestSiteScript(t *testing.T) {
	e := browser(t)
	ctx, rec := e.tab(t)
	grantClipboard(ctx, t, e.url)
	open(ctx, t, e.pageURL(revisedSheet))
	click := func(sel string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(sel, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
	}
	here := eval[string](ctx, t, `location.href`) // the server serves a folder's index.html at the folder
	click(`a.copy-link[href="#ind-pratiche-sospese-ri"]`)
	got := eval[string](ctx, t, `new Promise(ok => setTimeout(() => navigator.clipboard.readText().then(ok, e => ok("error: " + e)), 100))`)
	if want := here + "#ind-pratiche-sospese-ri"; got != want {
		t.Errorf("copied %q, want %q", got, want)
	}
	if s := eval[string](ctx, t, `document.querySelector(".copy-status").textContent`); strings.TrimSpace(s) != "Collegamento copiato." {
		t.Errorf("after copying, the page says %q", s)
	}
	if hash := eval[string](ctx, t, `location.hash`); hash != "" {
		t.Errorf("copying the link followed it: %q", hash)
	}
	click(`a.copy-link[data-page]`)
	if got := eval[string](ctx, t, `new Promise(ok => setTimeout(() => navigator.clipboard.readText().then(ok), 100))`); got != here {
		t.Errorf("the sheet's link copied %q, want %q", got, here)
	}
	if cite := eval[string](ctx, t, `document.querySelector(".cite-url").textContent`); cite != e.url+"/piao-2024-2026/operativi/registro-imprese/" {
		t.Errorf("Come citare gives the address %q", cite)
	}
	open(ctx, t, e.pageURL(fullPlanPage))
	if !eval[bool](ctx, t, `!document.querySelector(".print-button").hidden`) {
		t.Error("the whole plan's print button is hidden")
	}
	open(ctx, t, e.pageURL("piao-2024-2026/revisioni/rev-2024-09/index.html"))
	column := func(i int) []string {
		return eval[[]string](ctx, t, fmt.Sprintf(`[...document.querySelectorAll("table.sortable tbody tr")].map(r => r.cells[%d].textContent.trim())`, i))
	}
	before := column(3)
	click(`table.sortable thead th:nth-child(4) button.sort`)
	asc := column(3)
	if !sorted(asc, false) || eval[string](ctx, t, `document.querySelector("table.sortable thead th:nth-child(4)").getAttribute("aria-sort")`) != "ascending" {
		t.Errorf("sorted by field: %q", asc)
	}
	click(`table.sortable thead th:nth-child(4) button.sort`)
	if desc := column(3); !sorted(desc, true) || len(desc) != len(before) {
		t.Errorf("sorted by field, descending: %q", desc)
	}
	rec.check(t, "the site's script", e.url+"/")
}

// sorted reports whether the texts are in Italian order (as the script's
// collator: case and accents aside), or in reverse.
func sorted(texts []string, reverse bool) bool {
	for i := 1; i < len(texts); i++ {
		a, b := strings.ToLower(texts[i-1]), strings.ToLower(texts[i])
		if reverse {
			a, b = b, a
		}
		if a > b {
			return false
		}
	}
	return len(texts) > 1
}

// grantClipboard lets the pages of origin read and write the clipboard,
// as a reader's click lets them write it.
func grantClipboard(ctx context.Context, t *testing.T, origin string) {
	t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		p := cdpbrowser.SetPermissionParams{Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: origin}
		if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, p); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
}
