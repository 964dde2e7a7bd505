package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/chromedp/chromedp"
)

func main() {
	url := flag.String("u", "", "url")
	sel := flag.String("s", "", "selector")
	out := flag.String("o", "/tmp/el.png", "out")
	w := flag.Int64("w", 1280, "width")
	flag.Parse()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.NoSandbox, chromedp.ExecPath("/usr/bin/chromium"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel2 := chromedp.NewContext(actx)
	defer cancel2()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(*w, 900)); err != nil {
		log.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(*url)); err != nil {
		log.Fatal(err)
	}
	buf, err := chromedp.Run(ctx, chromedp.Screenshot(*sel, chromedp.NodeVisible))
	if err != nil {
		log.Fatal(err)
	}
	os.WriteFile(*out, buf, 0o644)
}
