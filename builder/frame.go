package builder

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
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
	var buf [1024]byte // the key (some 700 bytes), on the stack: looked up without a copy, copied only when kept
	key, err := frameKey(buf[:0], name, pg)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	html, ok := c.byID[string(key)]
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
		c.byID[string(key)] = html
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

// frameKey appends to b everything the built-in header and footer read:
// the frame (every field, so that one added later is in the key too), the
// kind of page and its level. It is written by appendKey rather than as JSON:
// encoding/json keeps its buffers in a pool with no bound, and this,
// called twice for every page, kept the buffer of the largest open data
// file (tens of megabytes on a large site) alive for the whole render.
func frameKey(b []byte, name string, pg *page) ([]byte, error) {
	b = append(append(append(b, name...), 0), pg.Kind...)
	b = strconv.AppendInt(append(b, 0), int64(pg.Level), 10)
	return appendKey(append(b, 0), reflect.ValueOf(pg.Chrome()))
}

// appendKey appends to b an encoding of v that no other value of its type
// has: strings with their length, slices with theirs, a nil pointer
// apart from the value it would point to. A kind it does not know (a map,
// a function) is an error, never a key that could match another frame.
func appendKey(b []byte, v reflect.Value) ([]byte, error) {
	var err error
	switch v.Kind() {
	case reflect.String:
		b = strconv.AppendInt(b, int64(v.Len()), 10)
		return append(append(b, ':'), v.String()...), nil
	case reflect.Bool:
		if v.Bool() {
			return append(b, 't'), nil
		}
		return append(b, 'f'), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return append(strconv.AppendInt(b, v.Int(), 10), ';'), nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 'n'), nil
		}
		return appendKey(append(b, 'p'), v.Elem())
	case reflect.Struct:
		b = append(b, '{')
		for i := range v.NumField() {
			if b, err = appendKey(b, v.Field(i)); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case reflect.Slice:
		b = append(strconv.AppendInt(append(b, '['), int64(v.Len()), 10), ':')
		for i := range v.Len() {
			if b, err = appendKey(b, v.Index(i)); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	return nil, fmt.Errorf("frame key: %s", v.Type())
}
