// Package browsertest starts the headless Chromium that the browser suites
// of piao drive (package builder's accessibility, keyboard, search and
// visual tests, package serve's reload tests), with the same flags for
// all: Debian's chromium (or PIAO_CHROMIUM), no sandbox (the suites run as
// root), no request of Chromium's own to any other site, a fresh profile.
// A missing browser is an error: the suites fail, they never skip.
package browsertest

import (
	"context"
	"fmt"
	"os"

	"github.com/chromedp/chromedp"
)

// Path is the Chromium the suites drive: Debian's, or PIAO_CHROMIUM.
func Path() string {
	if p := os.Getenv("PIAO_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Start starts Chromium with its profile in profile (a fresh folder) and
// the window width × height, and returns a browser context and the
// function that stops it.
func Start(profile string, width, height int, flags ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc, error) {
	if _, err := os.Stat(Path()); err != nil {
		return nil, nil, fmt.Errorf("no Chromium at %s (run make browser-deps, or apt-get install chromium): %v", Path(), err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(width, height),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, flags...)...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	stop := func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", Path(), err)
	}
	return ctx, stop, nil
}
