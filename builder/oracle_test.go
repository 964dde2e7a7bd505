package builder

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"golang.org/x/net/html"
)

// The oracle of the hostile-content suite and of the renderer's fuzz
// target: it judges every output file of a Site by its extension, so that
// outputs added later (search index, open data, feeds, sitemap) are judged
// as soon as they exist.
//
//   - .html is parsed as HTML5: no script but a theme asset loaded by src,
//     no element that runs or embeds code, no event attribute, no link or
//     source outside http, https, mailto and relative addresses;
//   - .json must parse; .xml must be well-formed and hold no script;
//   - .csv cells may not start with = + - @ (spreadsheet formulas);
//   - .js may hold an author's text only inside a string literal;
//   - .css may not hold it at all.

// activeElements run or embed code, or redirect the page.
var activeElements = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true, "applet": true,
	"base": true, "form": true, "style": true, "portal": true,
}

// urlAttributes hold addresses a browser follows or loads.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true,
	"background": true, "data": true, "codebase": true, "cite": true, "srcset": true, "ping": true,
	"manifest": true, "icon": true, "lowsrc": true, "dynsrc": true, "longdesc": true,
}

// judgeSite returns every violation in the files of a site; payloads are
// the texts an author wrote, which must not escape their context.
func judgeSite(files map[string][]byte, payloads []string) []string {
	var out []string
	for p, b := range files {
		var err error
		switch path.Ext(p) {
		case ".html":
			err = judgeHTML(b, files, p)
		case ".json":
			if !json.Valid(b) {
				err = errors.New("not valid JSON")
			}
		case ".xml":
			err = judgeXML(b)
		case ".csv":
			err = judgeCSV(b)
		case ".js":
			err = judgeJS(b, payloads)
		case ".css":
			err = judgeRaw(b, payloads)
		}
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", p, err))
		}
	}
	return out
}

func judgeHTML(b []byte, files map[string][]byte, page string) error {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return err
	}
	var bad error
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if bad != nil {
			return
		}
		if n.Type == html.ElementNode {
			bad = judgeElement(n, files, page)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

func judgeElement(n *html.Node, files map[string][]byte, page string) error {
	name := strings.ToLower(n.Data)
	if activeElements[name] {
		return fmt.Errorf("element <%s>", name)
	}
	if name == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") {
		return errors.New("<meta http-equiv=refresh>")
	}
	if name == "script" {
		if err := judgeScript(n, files, page); err != nil {
			return err
		}
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		switch {
		case strings.HasPrefix(key, "on"):
			return fmt.Errorf("event attribute %s=%q on <%s>", key, a.Val, name)
		case urlAttributes[key] && !safeAddress(a.Val):
			return fmt.Errorf("unsafe address %s=%q on <%s>", key, a.Val, name)
		case key == "style" && (strings.Contains(strings.ToLower(a.Val), "url(") || strings.Contains(strings.ToLower(a.Val), "expression")):
			return fmt.Errorf("style %q on <%s>", a.Val, name)
		}
	}
	return nil
}

// judgeScript allows a script only as a theme file of the site loaded by
// src, with no inline code.
func judgeScript(n *html.Node, files map[string][]byte, page string) error {
	src := attr(n, "src")
	if src == "" || n.FirstChild != nil {
		return errors.New("inline <script>")
	}
	target := path.Join(path.Dir(page), strings.SplitN(src, "?", 2)[0])
	if _, ok := files[target]; !ok || strings.Contains(src, ":") {
		return fmt.Errorf("<script src=%q> is not a file of the site", src)
	}
	return nil
}

// safeAddress accepts what markup allows for links, and what html/template
// writes in place of an address it refused.
func safeAddress(v string) bool {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#ZgotmplZ") {
		return true
	}
	for _, part := range strings.Split(v, ",") { // srcset lists addresses
		if !markup.SafeURL(strings.Fields(part + " x")[0]) {
			return false
		}
	}
	return true
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func judgeXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, "script") {
			return errors.New("<script> in XML")
		}
	}
}

func judgeCSV(b []byte) error {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return err
	}
	for i, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				return fmt.Errorf("row %d: cell %q starts a formula", i+1, cell)
			}
		}
	}
	return nil
}

func judgeRaw(b []byte, payloads []string) error {
	for _, p := range payloads {
		if len(p) > 3 && bytes.Contains(b, []byte(p)) {
			return fmt.Errorf("holds the author's text %q", p)
		}
	}
	return nil
}

// judgeJS finds each payload in a script and requires it to lie inside a
// string literal.
func judgeJS(b []byte, payloads []string) error {
	inString := jsStringMask(b)
	for _, p := range payloads {
		if len(p) <= 3 {
			continue
		}
		for off := 0; ; {
			i := bytes.Index(b[off:], []byte(p))
			if i < 0 {
				break
			}
			at := off + i
			for j := at; j < at+len(p); j++ {
				if !inString[j] {
					return fmt.Errorf("the author's text %q is code at byte %d", p, at)
				}
			}
			off = at + 1
		}
	}
	return nil
}

// jsStringMask marks the bytes of b that are inside a string literal or a
// comment; it knows strings, template literals and comments, which is
// enough for the data scripts a site generator writes.
func jsStringMask(b []byte) []bool {
	mask := make([]bool, len(b))
	var quote byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			mask[i] = c != quote
			if c == '\\' && i+1 < len(b) {
				mask[i+1] = true
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				mask[i] = true
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := bytes.Index(b[i+2:], []byte("*/"))
			if end < 0 {
				end = len(b) - i - 2
			}
			for j := i; j < i+end+4 && j < len(b); j++ {
				mask[j] = true
			}
			i += end + 3
		}
	}
	return mask
}
