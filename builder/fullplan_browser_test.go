package builder

import (
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
