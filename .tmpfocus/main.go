package main

import (
	"context"
	"fmt"
	"log"

	"github.com/chromedp/chromedp"
)

func main() {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.NoSandbox, chromedp.ExecPath("/usr/bin/chromium"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel2 := chromedp.NewContext(actx)
	defer cancel2()
	if err := chromedp.Do(ctx, chromedp.Navigate("file:///tmp/site14/piao-2024-2026/operativi/metrologia-convenzioni/index.html")); err != nil {
		log.Fatal(err)
	}
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')].filter(el => !el.disabled && el.getClientRects().length > 0).map((el,i)=>i+" "+el.tagName+" "+(el.textContent||"").trim().slice(0,50)).join("\n")`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s)
}
