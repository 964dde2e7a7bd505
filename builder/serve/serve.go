// Package serve is piao's preview server, `piao serve`. It builds the site
// into memory through the same stages as `piao build` (builder.Cache,
// builder.Pages: the bytes are those Build gives), serves it over HTTP on
// loopback, watches config.yaml, content/ and themes/ with fsnotify, and
// rebuilds on every save. Open pages reload through Server-Sent Events
// after a rebuild; when the content has errors they show an error page
// with every diagnostic, and come back by themselves once it is fixed.
//
// A rebuild reads again only the paths events named, parses again only
// the sheets whose bytes changed, and renders before the reload only the
// pages of the changed sheets: other pages are carried over when the
// change cannot have touched them, or rendered on demand and by a
// background pass. Nothing of the preview (the reload script, the error
// page) is ever in what `piao build` writes. Nothing imports this package
// but the command.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/piao-pa/piao/builder"
)

// Options configure a Server. Dir and Themes are required.
type Options struct {
	Dir    string    // the site folder
	Themes fs.FS     // the built-in themes, usually piao.Themes
	Minify bool      // as piao build does by default
	Addr   string    // host:port to listen on; default 127.0.0.1:1313
	Log    io.Writer // where messages to the office go; default discard

	// Timing, with defaults for people; tests shorten them.
	Quiet             time.Duration // no events for this long: rebuild (10ms)
	MaxWait           time.Duration // rebuild at the latest this long after the first event (250ms)
	ReadHeaderTimeout time.Duration // a client must send its headers within (5s)
	ReadTimeout       time.Duration // and its whole request within (10s)
	KeepAlive         time.Duration // comment sent on idle event streams (20s)

	hold       chan struct{} // tests: events are not read until it closes
	holdRender chan struct{} // tests: the background pass, and the complete build after a start from the output, wait for it to close
}

func (o *Options) defaults() {
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&o.Quiet, 10*time.Millisecond)
	set(&o.MaxWait, 250*time.Millisecond)
	set(&o.ReadHeaderTimeout, 5*time.Second)
	set(&o.ReadTimeout, 10*time.Second)
	set(&o.KeepAlive, 20*time.Second)
	if o.Addr == "" {
		o.Addr = "127.0.0.1:1313"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Server is a running preview.
type Server struct {
	opts  Options
	root  string
	ln    net.Listener
	http  *http.Server
	fsw   *fsnotify.Watcher
	rd    *reader
	hub   *hub
	hosts hostRule
	snap  *snapshot // the files of the last build attempt; rebuild goroutine only

	buildMu sync.Mutex     // one complete build at a time: they share the cache
	cache   *builder.Cache // guarded by buildMu

	mu       sync.Mutex
	gen      *generation         // the last good site
	diags    builder.Diagnostics // the last build's findings
	failed   bool                // the last build had errors: pages show them
	rebuilds int

	logMu  sync.Mutex
	ctx    context.Context // ends when the server closes
	stop   context.CancelFunc
	work   sync.WaitGroup // complete builds and background passes
	done   chan struct{}
	closed sync.Once
}

// Start builds the site, starts watching it, and serves it on opts.Addr.
// The first build may fail: the server then shows the errors until the
// files are fixed.
func Start(opts Options) (*Server, error) {
	opts.defaults()
	root, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf(builder.ServeNoSite, opts.Dir)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf(builder.ServeListen, opts.Addr, builder.NetReason(err))
	}
	s := &Server{opts: opts, root: root, ln: ln, hub: newHub(), cache: builder.StoredCache(filepath.Join(root, "public")), done: make(chan struct{})}
	s.hosts = newHostRule(opts.Addr, ln.Addr().(*net.TCPAddr))
	if s.fsw, err = fsnotify.NewWatcher(); err != nil {
		ln.Close()
		return nil, fmt.Errorf(builder.ServeWatchFailed, root, builder.WatchReason(err))
	}
	s.rd = &reader{root: root, fsw: s.fsw, log: s.logf}
	if err := s.fsw.Add(root); err != nil {
		s.fsw.Close()
		ln.Close()
		return nil, fmt.Errorf(builder.ServeWatchFailed, root, builder.WatchReason(err))
	}
	s.ctx, s.stop = context.WithCancel(context.Background())
	s.firstBuild()
	s.http = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: opts.ReadHeaderTimeout,
		ReadTimeout:       opts.ReadTimeout,
		WriteTimeout:      2 * opts.ReadTimeout, // event streams lift it for themselves
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    32 << 10,
	}
	go s.watch(s.ctx)
	go s.http.Serve(ln)
	return s, nil
}

// URL is the address to open.
func (s *Server) URL() string {
	a := s.ln.Addr().(*net.TCPAddr)
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(a.Port)) + "/"
}

// Close stops watching and serving: event streams end, requests in
// flight are given a second to finish.
func (s *Server) Close() error {
	var err error
	s.closed.Do(func() {
		s.stop()
		<-s.done
		s.mu.Lock()
		if s.gen != nil {
			s.gen.cancel()
		}
		s.mu.Unlock()
		s.work.Wait()
		s.hub.close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		err = s.http.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = s.http.Close()
		}
	})
	return err
}

// spawn runs f in a goroutine that Close waits for.
func (s *Server) spawn(f func()) {
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		f()
	}()
}

// Rebuilds counts the builds since Start, the first one included.
func (s *Server) Rebuilds() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rebuilds
}

// Files renders what is left of the current site and returns all of it:
// path → bytes, as piao build would write them. It fails while the
// content has errors.
func (s *Server) Files() (map[string][]byte, error) {
	s.mu.Lock()
	g, failed, ds := s.gen, s.failed, s.diags
	s.mu.Unlock()
	if failed || g == nil {
		return nil, fmt.Errorf("errors in the content:\n%s", ds.Error())
	}
	out := map[string][]byte{}
	for name := range g.files {
		b, _, err := g.get(name)
		if errors.Is(err, errDropped) {
			return s.Files() // replaced meanwhile: take the new one
		}
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
}

// Streams is the number of open reload streams.
func (s *Server) Streams() int { return s.hub.count() }

// logf writes a line to the office.
func (s *Server) logf(line string) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintln(s.opts.Log, line)
}
