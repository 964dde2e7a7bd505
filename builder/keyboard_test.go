package builder

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// revisedSheet is a sheet of the example with revised values, a removed
// note and a changes list: the richest page for keyboard and marks.
const revisedSheet = "piao-2024-2026/operativi/registro-imprese/index.html"

// focused describes the element that has the focus.
type focused struct {
	K       int     `json:"k"` // position among the focusable elements, -1 if unnumbered
	Tag     string  `json:"tag"`
	ID      string  `json:"id"`
	Class   string  `json:"cls"`
	Text    string  `json:"text"`
	Outline string  `json:"outline"`
	Width   float64 `json:"width"`
	InView  bool    `json:"inView"`
	Hash    string  `json:"hash"`
}

const focusedJS = `(() => {
	const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
	return JSON.stringify({k: el.dataset.k === undefined ? -1 : +el.dataset.k, tag: el.tagName, id: el.id,
		cls: el.className, text: (el.textContent || "").trim().slice(0, 60), outline: s.outlineStyle,
		width: parseFloat(s.outlineWidth), inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
		hash: location.hash});
})()`

// numberFocusable marks the focusable elements with data-k in document
// order and returns how many there are: not those folded in a closed
// <details> (but its summary), which Tab skips.
const numberFocusable = `(() => {
	const folded = el => { for (let d = el.closest("details:not([open])"); d; d = d.parentElement.closest("details:not([open])"))
		if (!d.querySelector(":scope > summary").contains(el)) return true; return false; };
	const f = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
		.filter(el => !el.disabled && el.getClientRects().length > 0 && !folded(el));
	f.forEach((el, i) => el.dataset.k = i);
	return f.length;
})()`

func press(ctx context.Context, t *testing.T, key string) focused {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
	var f focused
	if err := json.Unmarshal([]byte(eval[string](ctx, t, focusedJS)), &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestKeyboard: the first Tab reaches a visible skip link that moves the
// focus to the content; then Tab walks every link in document order (no
// trap, no jump), each with a visible focus ring, scrolled into view.
func TestKeyboard(t *testing.T) {
	e := browser(t)
	for _, a := range auditPages {
		t.Run(a.name(), func(t *testing.T) {
			p, err := a.path(e.site)
			if err != nil {
				t.Fatal(err)
			}
			ctx, _ := e.tab(t)
			open(ctx, t, e.pageURL(p))
			n := eval[int](ctx, t, numberFocusable)
			if n < 8 {
				t.Fatalf("only %d focusable elements", n)
			}
			f := press(ctx, t, kb.Tab)
			skip := map[string]string{"it": "Vai al contenuto", "de": "Zum Inhalt springen"}[eval[string](ctx, t, `document.documentElement.lang`)]
			if f.K != 0 || !strings.Contains(f.Class, "skip") || f.Text != skip {
				t.Fatalf("first Tab focused %+v, want the skip link", f)
			}
			checkFocusVisible(t, f)
			f = press(ctx, t, kb.Enter)
			if f.Hash != "#contenuto" || f.ID != "contenuto" {
				t.Fatalf("Enter on the skip link: focus on %+v, want main#contenuto", f)
			}
			first := eval[int](ctx, t, `+document.querySelector("main [data-k]").dataset.k`)
			for want := first; want < n; want++ {
				f = press(ctx, t, kb.Tab)
				if f.K != want {
					t.Fatalf("Tab %d: focus on %+v, want element %d of the document order", want-first+1, f, want)
				}
				checkFocusVisible(t, f)
			}
		})
	}
}

func checkFocusVisible(t *testing.T, f focused) {
	t.Helper()
	if f.Outline == "none" || f.Width < 2 {
		t.Errorf("focus on %s %q is not visible (outline %s %.1fpx)", f.Tag, f.Text, f.Outline, f.Width)
	}
	if !f.InView {
		t.Errorf("focus on %s %q is outside the viewport", f.Tag, f.Text)
	}
}

// TestRevisionMarksInBrowser: the words that announce a revised value ("valore
// precedente", "valore attuale") are in the accessibility tree, the visual
// tags are not read twice, and the marks do not rely on colour: struck
// out, underlined and tagged "prima"/"ora", on screen and in print.
func TestRevisionMarksInBrowser(t *testing.T) {
	e := browser(t)
	ctx, _ := e.tab(t)
	open(ctx, t, e.pageURL(revisedSheet))
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, n := range tree.Nodes {
		if !n.Ignored && n.Name != nil && n.Role != nil && strings.Contains(string(n.Role.Value), "StaticText") {
			var s string
			_ = json.Unmarshal(n.Name.Value, &s)
			text = append(text, s)
		}
	}
	all := strings.Join(text, "|")
	for _, want := range []string{"valore precedente:", "valore attuale:"} {
		if !strings.Contains(all, want) {
			t.Errorf("the accessibility tree lacks %q", want)
		}
	}
	for _, s := range text {
		if s == "prima" || s == "ora" {
			t.Errorf("the visual tag %q is in the accessibility tree", s)
		}
	}
	for _, media := range []string{"screen", "print"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
			t.Fatal(err)
		}
		got := eval[string](ctx, t, `(() => {
			const del = document.querySelector(".rev del"), ins = document.querySelector(".rev ins");
			const tag = el => { const t = el.querySelector(".rev-tag"), s = getComputedStyle(t);
				return t.textContent + ":" + (s.display !== "none" && s.visibility === "visible" && t.getBoundingClientRect().width > 0) };
			return [getComputedStyle(del).textDecorationLine, getComputedStyle(ins).textDecorationLine, tag(del), tag(ins)].join(" ");
		})()`)
		if got != "line-through underline prima:true ora:true" {
			t.Errorf("%s: revision marks %q, want struck out, underlined and visibly tagged prima/ora", media, got)
		}
	}
}
