package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder"
)

// ServeHTTP answers only for the bound address: the site's files from
// memory, the preview's own files under /__piao/, nothing else.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	if !s.hosts.allows(r.Host) {
		http.Error(w, fmt.Sprintf(builder.ServeBadHost, s.hosts.example), http.StatusForbidden)
		return
	}
	if !strings.HasPrefix(r.RequestURI, "/") { // absolute-form and "*" request targets
		http.Error(w, builder.ServeBadPath, http.StatusBadRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, builder.ServeBadMethod, http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case prefix + "reload.js":
		serveAsset(w, r, "reload.js", "text/javascript; charset=utf-8")
	case prefix + "error.css":
		serveAsset(w, r, "error.css", "text/css; charset=utf-8")
	case prefix + "events":
		if r.Method != http.MethodGet {
			h.Set("Allow", "GET")
			http.Error(w, builder.ServeBadMethod, http.StatusMethodNotAllowed)
			return
		}
		s.serveEvents(w, r)
	default:
		s.serveSite(w, r)
	}
}

// serveSite answers with a file of the current site, the error page while
// the content has errors, or the "not found" page.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	name, ok := sitePath(r)
	if !ok {
		http.Error(w, builder.ServeBadPath, http.StatusBadRequest)
		return
	}
	for range 8 {
		if s.serveFile(w, r, name) {
			return
		}
	}
	notFound(w, r) // the site kept changing under the request
}

// serveFile answers with the file at name, or returns false if the
// generation it asked was replaced meanwhile.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) bool {
	s.mu.Lock()
	g, failed, ds := s.gen, s.failed, s.diags
	s.mu.Unlock()
	isPage := path.Ext(name) == ".html"
	if failed && (isPage || g == nil) {
		errorPage(w, r, ds)
		return true
	}
	if g == nil {
		notFound(w, r)
		return true
	}
	data, found, err := g.get(name)
	switch {
	case errors.Is(err, errDropped):
		return false
	case !found && g.files[path.Join(name, "index.html")] != nil:
		http.Redirect(w, r, "/"+name+"/", http.StatusFound)
		return true
	case !found:
		notFound(w, r)
		return true
	case err != nil:
		s.renderFailed(g, err)
		s.mu.Lock()
		ds = s.diags
		s.mu.Unlock()
		errorPage(w, r, ds)
		return true
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if isPage {
		data = inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method != http.MethodHead {
		w.Write(data)
	}
	return true
}

// renderFailed turns the site into the error page when a page of the
// current generation fails to render.
func (s *Server) renderFailed(g *generation, err error) {
	s.mu.Lock()
	current := s.gen == g && !s.failed
	ds := s.diags
	s.mu.Unlock()
	if current {
		s.fail(renderDiags(ds, err))
	}
}

// sitePath maps a request to a file of the site: "/" to index.html, "/a/"
// to a/index.html. Only plain paths pass: no encoded slash, backslash or
// NUL, no empty, "." or ".." segment. The site is a map in memory, so no
// path can reach a file on disk; refusing tricks early keeps it obvious.
func sitePath(r *http.Request) (string, bool) {
	raw, _, _ := strings.Cut(r.RequestURI, "?")
	low := strings.ToLower(raw)
	for _, bad := range []string{"%2f", "%5c", "%00", "\\"} {
		if strings.Contains(low, bad) {
			return "", false
		}
	}
	p, err := url.PathUnescape(raw)
	if err != nil || p != r.URL.Path || !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := strings.TrimPrefix(p, "/")
	dir := strings.TrimSuffix(name, "/")
	if dir != "" {
		for _, seg := range strings.Split(dir, "/") {
			if seg == "" || seg == "." || seg == ".." {
				return "", false
			}
		}
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name = path.Join(dir, "index.html")
	}
	return name, fs.ValidPath(name)
}

// hostRule tells the Host headers the preview answers to: the address it
// is bound to and localhost, on its port. Any other name could be a DNS
// rebinding attack, a page on the Internet reading the preview through a
// name that points to 127.0.0.1. Bound to every interface, it answers to
// any IP address, since no rebinding goes through an address.
type hostRule struct {
	port    string
	ip      net.IP
	any     bool
	names   map[string]bool
	example string // the address to use, for the refusal message
}

func newHostRule(addr string, bound *net.TCPAddr) hostRule {
	h := hostRule{port: strconv.Itoa(bound.Port), ip: bound.IP, any: bound.IP.IsUnspecified(),
		names: map[string]bool{"localhost": true}}
	if host, _, err := net.SplitHostPort(addr); err == nil && host != "" && net.ParseIP(host) == nil {
		h.names[strings.ToLower(host)] = true
	}
	h.example = net.JoinHostPort(bound.IP.String(), h.port)
	if h.any {
		h.example = net.JoinHostPort("localhost", h.port)
	}
	return h
}

func (h hostRule) allows(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	if port != h.port || host == "" {
		return false
	}
	host = strings.ToLower(host)
	if h.names[host] { // names are matched as written, lowercase only
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil || strings.Contains(host, "%") {
		return false
	}
	return h.any || ip.Equal(h.ip)
}

// sameOrigin reports whether a request for the reload stream comes from
// the preview's own pages (or from no browser page at all).
func (s *Server) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && u.Path == "" && s.hosts.allows(u.Host)
}
