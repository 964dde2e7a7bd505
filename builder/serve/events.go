package serve

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/piao-pa/piao/builder"
)

// hub holds the open reload streams. A broadcast never blocks: a stream
// that has not taken the last reload yet needs no second one.
type hub struct {
	mu      sync.Mutex
	streams map[chan struct{}]bool
	closed  chan struct{}
	seq     int // reloads sent, to number the events
}

func newHub() *hub {
	return &hub{streams: map[chan struct{}]bool{}, closed: make(chan struct{})}
}

func (h *hub) subscribe() chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan struct{}, 1)
	h.streams[ch] = true
	return ch
}

func (h *hub) unsubscribe(ch chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.streams, ch)
}

// broadcast asks every open page to reload.
func (h *hub) broadcast() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	for ch := range h.streams {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.streams)
}

func (h *hub) number() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seq
}

// close ends every stream.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-h.closed:
	default:
		close(h.closed)
	}
}

// serveEvents holds a reload stream open: a "hello" event first, then a
// "reload" event after each rebuild, and a comment now and then so that a
// client gone away is noticed. Streams from other origins are refused.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !s.sameOrigin(r) {
		http.Error(w, builder.ServeBadOrigin, http.StatusForbidden)
		return
	}
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{}) // the server's time-outs are for requests, not for streams
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	send := func(format string, args ...any) bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 500\nevent: hello\ndata: %d\n\n", s.hub.number()) {
		return
	}
	tick := time.NewTicker(s.opts.KeepAlive)
	defer tick.Stop()
	for {
		select {
		case <-ch:
			if !send("event: reload\ndata: %s\n\n", strconv.Itoa(s.hub.number())) {
				return
			}
		case <-tick.C:
			if !send(": ping\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.hub.closed:
			return
		}
	}
}
