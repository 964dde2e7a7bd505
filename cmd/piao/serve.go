package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder"
	"github.com/piao-pa/piao/builder/serve"
)

// cmdServe builds the site into memory, serves it on loopback, and
// rebuilds it on every save until interrupted.
func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	siteDir := fs.String("s", ".", "cartella del sito")
	bind := fs.String("bind", "127.0.0.1", "indirizzo su cui rispondere")
	port := fs.Int("port", 1313, "porta (0: una porta libera qualsiasi)")
	noMinify := fs.Bool("no-minify", false, "non minimizzare HTML, CSS e JS")
	open := fs.Bool("open", false, "apri l'anteprima nel browser")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return usageError{fmt.Sprintf("porta %d non valida", *port)}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	srv, err := serve.Start(serve.Options{
		Dir:    *siteDir,
		Themes: piao.Themes,
		Minify: !*noMinify,
		Addr:   net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Log:    stderr,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, builder.ServeAddress(srv.URL()))
	if *open {
		if err := openBrowser(srv.URL()); err != nil {
			fmt.Fprintln(stderr, builder.ServeNoBrowser(srv.URL()))
		}
	}
	<-ctx.Done()
	err = srv.Close()
	fmt.Fprintln(stderr, builder.ServeStopped)
	return err
}
