package serve

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secret is written in files beside and above the site, and in a comment
// of config.yaml: no answer may contain it.
const secret = "SEGRETO-7f3a9c"

// rawRequest sends a request exactly as written and returns the response.
func rawRequest(t *testing.T, srv *Server, request string) (*http.Response, string) {
	t.Helper()
	u, _ := url.Parse(srv.URL())
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(deadline))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%q: %v", request, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func secretSite(t *testing.T) (*Server, string) {
	t.Helper()
	dir := exampleSite(t)
	writeFile(t, filepath.Join(dir, "segreto.txt"), secret)
	writeFile(t, filepath.Join(filepath.Dir(dir), "segreto.txt"), secret)
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, "# "+secret+"\n"+readFile(t, cfg))
	srv, _ := startServer(t, dir)
	u, _ := url.Parse(srv.URL())
	return srv, u.Host
}

// TestTraversalRefused sends path tricks; each is refused and no answer
// holds a file from outside the built site.
func TestTraversalRefused(t *testing.T) {
	srv, host := secretSite(t)
	targets := []string{
		"/../segreto.txt", "/../../segreto.txt", "/%2e%2e/segreto.txt", "/%2E%2E/%2e%2e/segreto.txt",
		"/..%2fsegreto.txt", "/%2e%2e%2fsegreto.txt", "/assets/..%2f..%2fsegreto.txt",
		"/..\\segreto.txt", "/assets\\..\\..\\segreto.txt", "/..%5csegreto.txt", "/.%2e/segreto.txt",
		"/./segreto.txt", "//segreto.txt", "/assets//../../config.yaml", "/assets/css/../../config.yaml",
		"/segreto.txt%00.html", "/%00", "/config.yaml", "/segreto.txt", "/content/piao-2024-2026/piano.yaml",
		"/content/piao-2024-2026/operativi/suap.yaml", "/themes/default/layouts/base.html", "/etc/passwd",
		"/..%c0%af/segreto.txt", "/%252e%252e/segreto.txt",
		"http://" + host + "/../segreto.txt", "http://" + host + "/segreto.txt", "*",
	}
	for _, target := range targets {
		resp, body := rawRequest(t, srv, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != 400 && resp.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", target, resp.StatusCode)
		}
		if strings.Contains(body, secret) || strings.Contains(body, "root:x:0") || strings.Contains(body, "ente:") {
			t.Errorf("GET %s: the answer leaks a file", target)
		}
	}
	// Plain paths still work, with and without the final slash.
	for target, want := range map[string]int{"/": 200, "/index.html": 200, "/piao-2024-2026/": 200,
		"/piao-2024-2026/index.html": 200, "/assets/css/piao.css": 200, "/piao-2024-2026": 302} {
		resp, _ := rawRequest(t, srv, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != want {
			t.Errorf("GET %s: status %d, want %d", target, resp.StatusCode, want)
		}
	}
}

// TestHostRefused sends Host headers that are not the bound address or
// localhost, as a DNS rebinding page would.
func TestHostRefused(t *testing.T) {
	srv, host := secretSite(t)
	_, port, _ := net.SplitHostPort(host)
	bad := []string{"evil.example", "evil.example:" + port, "127.0.0.1.nip.io:" + port, "localhost.:" + port,
		"localhost.evil.example:" + port, "127.0.0.1", "localhost", "127.0.0.1:1", "[::1]:" + port,
		"127.0.0.2:" + port, "0.0.0.0:" + port, "2130706433:" + port, "user@127.0.0.1:" + port}
	for _, h := range bad {
		resp, body := rawRequest(t, srv, "GET / HTTP/1.1\r\nHost: "+h+"\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != 403 && resp.StatusCode != 400 {
			t.Errorf("Host %q: status %d, want 403", h, resp.StatusCode)
		}
		if strings.Contains(body, "Camera di Commercio") || strings.Contains(body, secret) {
			t.Errorf("Host %q: the answer holds the site", h)
		}
	}
	resp, _ := rawRequest(t, srv, "GET http://evil.example/ HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
	if resp.StatusCode != 403 && resp.StatusCode != 400 {
		t.Errorf("absolute-form request for another host: status %d", resp.StatusCode)
	}
	for _, h := range []string{host, "localhost:" + port, "LOCALHOST:" + port} {
		resp, _ := rawRequest(t, srv, "GET / HTTP/1.1\r\nHost: "+h+"\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != 200 {
			t.Errorf("Host %q: status %d, want 200", h, resp.StatusCode)
		}
	}
}

// TestNoCORS checks that no answer allows another origin, and that the
// reload stream refuses other origins.
func TestNoCORS(t *testing.T) {
	srv, host := secretSite(t)
	_, port, _ := net.SplitHostPort(host)
	requests := []string{
		"GET / HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://evil.example\r\n",
		"OPTIONS / HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: GET\r\n",
		"POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\n",
	}
	for _, r := range requests {
		resp, _ := rawRequest(t, srv, r+"Connection: close\r\n\r\n")
		for k := range resp.Header {
			if strings.HasPrefix(strings.ToLower(k), "access-control-") {
				t.Errorf("%q: answer has %s", strings.SplitN(r, "\r\n", 2)[0], k)
			}
		}
		if strings.HasPrefix(r, "OPTIONS") || strings.HasPrefix(r, "POST") {
			if resp.StatusCode != 405 {
				t.Errorf("%q: status %d, want 405", strings.SplitN(r, "\r\n", 2)[0], resp.StatusCode)
			}
		}
	}
	foreign := map[string]string{
		"Origin: http://evil.example":         "",
		"Origin: http://127.0.0.1:1":          "",
		"Origin: null":                        "",
		"Origin: https://" + host:             "",
		"Sec-Fetch-Site: cross-site":          "",
		"Origin: http://localhost.:" + port:   "",
		"Origin: http://" + host + "/x":       "",
		"Origin: http://evil.example:" + port: "",
	}
	for h := range foreign {
		resp, _ := rawRequest(t, srv, "GET /__piao/events HTTP/1.1\r\nHost: "+host+"\r\n"+h+"\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != 403 {
			t.Errorf("reload stream with %q: status %d, want 403", h, resp.StatusCode)
		}
	}
	// Its own pages may open it: it answers with the stream.
	u, _ := url.Parse(srv.URL())
	for _, origin := range []string{"http://" + u.Host, "http://localhost:" + port} {
		conn, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(deadline))
		io.WriteString(conn, "GET /__piao/events HTTP/1.1\r\nHost: "+host+"\r\nOrigin: "+origin+"\r\nSec-Fetch-Site: same-origin\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
			t.Errorf("reload stream from %s: %v %v", origin, err, resp)
		}
		conn.Close()
	}
}

// TestSlowClientDropped opens a connection that never finishes its
// headers: the server closes it after the header time-out, and serves
// others meanwhile.
func TestSlowClientDropped(t *testing.T) {
	dir := exampleSite(t)
	srv, _ := startServer(t, dir, func(o *Options) { o.ReadHeaderTimeout = 300 * time.Millisecond })
	u, _ := url.Parse(srv.URL())
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+u.Host+"\r\nX-Slow: ")
	if code, _ := get(t, srv, "/"); code != 200 {
		t.Errorf("another client: status %d while a slow one is connected", code)
	}
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(deadline))
	_, err = io.ReadAll(conn) // ends when the server closes the connection
	if err != nil {
		t.Fatalf("the server did not close the slow connection: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("slow connection closed after %v", d)
	}
}
