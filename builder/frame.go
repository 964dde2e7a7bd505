package builder

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"
	"sync"
)

// frameCacheSize bounds the frames kept: a site of one language has a
// handful of different headers (one per depth of page and current menu
// item); in a site of several, each page's header links its own twins and
// is kept only until the bound is reached.
const frameCacheSize = 256

// frameCache holds rendered headers and footers by what they show.
type frameCache struct {
	mu   sync.Mutex
	byID map[string]template.HTML
}

// frame renders the theme's template name (the "header" or the "footer"
// of base.html) for the page. With the built-in theme, whose header reads
// only the page's frame (.Chrome), its kind and its level, and whose
// footer only the frame, a frame already rendered for the same values is
// used again instead of running the template: the header and footer are a
// third of a sheet's page, and the same on thousands of them. With a
// theme of the site's own, which may read anything, it always renders.
func (r *renderer) frame(name string, pg *page) (template.HTML, error) {
	c := r.frames
	if c == nil {
		return r.renderFrame(name, pg)
	}
	key, err := frameKey(name, pg)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	html, ok := c.byID[key]
	c.mu.Unlock()
	if ok {
		return html, nil
	}
	if html, err = r.renderFrame(name, pg); err != nil {
		return "", err
	}
	c.mu.Lock()
	if c.byID == nil {
		c.byID = map[string]template.HTML{}
	}
	if len(c.byID) < frameCacheSize {
		c.byID[key] = html
	}
	c.mu.Unlock()
	return html, nil
}

// renderFrame runs the template name of the page's kind for the page.
func (r *renderer) renderFrame(name string, pg *page) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.tmpl[pg.Kind].ExecuteTemplate(&buf, name, pg); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // the template's own escaped output
}

// frameKey is everything the built-in header and footer read: the frame
// (every field, so that one added later is in the key too), the kind of
// page and its level.
func frameKey(name string, pg *page) (string, error) {
	chrome, err := json.Marshal(pg.Chrome())
	if err != nil {
		return "", err
	}
	return name + "\x00" + pg.Kind + "\x00" + strconv.Itoa(pg.Level) + "\x00" + string(chrome), nil
}
