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
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/markup"
	"golang.org/x/net/html"
)

// The oracle of the hostile-content suite and of the renderer's fuzz
// target: it judges every output file of a Site by its extension, so that
// outputs added later (search index, open data, feeds, sitemap) are judged
// as soon as they exist.
//
//   - .html is parsed as HTML5: no script but a theme asset loaded by src,
//     no form but one sent to a page of the site, no element that runs or
//     embeds code, no event attribute, no link or source outside http,
//     https, mailto and relative addresses;
//   - .json and .jsonld must parse; .xml must be well-formed, without script;
//   - .csv cells may not start with = + - @, nor their fullwidth forms (spreadsheet formulas);
//   - .js and .ttl (Turtle) may hold an author's text only inside a string
//     literal;
//   - .css and .txt may not hold it at all, but for the texts of the open
//     data (dati/…/*.txt and .md, served as text), which must be UTF-8.

// activeElements run or embed code, or redirect the page.
var activeElements = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true, "applet": true,
	"base": true, "style": true, "portal": true,
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
		case ".json", ".jsonld":
			if !json.Valid(b) {
				err = errors.New("not valid JSON")
			}
		case ".ttl":
			err = judgeInStrings(b, payloads, ttlStringMask(b))
		case ".xml":
			err = judgeXML(b)
		case ".csv":
			err = judgeCSV(b)
		case ".js":
			err = judgeInStrings(b, payloads, jsStringMask(b))
		case ".txt", ".md":
			if !strings.Contains(p, "/dati/") { // the open data's texts are text: what they say is inert
				err = judgeRaw(b, payloads)
			} else if !utf8.Valid(b) {
				err = errors.New("not valid UTF-8")
			}
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
	if name == "form" && !siteFile(attr(n, "action"), files, page) {
		return fmt.Errorf("<form action=%q> is not a page of the site", attr(n, "action"))
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		switch {
		case strings.HasPrefix(key, "on"):
			return fmt.Errorf("event attribute %s=%q on <%s>", key, a.Val, name)
		case urlAttributes[key] && !safeAddress(key, a.Val):
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
	if !siteFile(src, files, page) {
		return fmt.Errorf("<script src=%q> is not a file of the site", src)
	}
	return nil
}

// siteFile reports whether a relative address from page names a file of
// the site: what the theme links, never what an author wrote.
func siteFile(addr string, files map[string][]byte, page string) bool {
	target := path.Join(path.Dir(page), strings.SplitN(addr, "?", 2)[0])
	_, ok := files[target]
	return ok && addr != "" && !strings.Contains(addr, ":") && !strings.HasPrefix(addr, "/")
}

// safeAddress accepts what markup allows for links, and what html/template
// writes in place of an address it refused.
func safeAddress(key, v string) bool {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#ZgotmplZ") {
		return true
	}
	if key != "srcset" { // one address, which may hold a comma
		return markup.SafeURL(v)
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
			if r, _ := utf8.DecodeRuneInString(cell); cell != "" && strings.ContainsRune("=+-@＝＋－＠", r) {
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

// judgeInStrings finds each payload in b and requires it to lie where
// inString marks bytes as inert (inside a string literal).
func judgeInStrings(b []byte, payloads []string, inString []bool) error {
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

// ttlStringMask marks the bytes of a Turtle document inside string
// literals ("…", '…', """…""", ”'…”'); IRIs and comments are not strings.
func ttlStringMask(b []byte) []bool {
	mask := make([]bool, len(b))
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '#':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '<':
			start := i + 1
			for i < len(b) && b[i] != '>' {
				i++
			}
			if iri := string(b[start:min(i, len(b))]); markup.SafeURL(iri) && !strings.ContainsAny(iri, "<\"{}|^`\\ \n") {
				for j := start; j < i; j++ {
					mask[j] = true // a well-formed, allowed IRI: the text is part of an address
				}
			}
		case c == '"' || c == '\'':
			delim := []byte{c}
			if bytes.HasPrefix(b[i:], []byte{c, c, c}) {
				delim = []byte{c, c, c}
			}
			i += len(delim)
			for i < len(b) && !bytes.HasPrefix(b[i:], delim) {
				mask[i] = true
				if b[i] == '\\' && i+1 < len(b) {
					mask[i+1] = true
					i++
				}
				i++
			}
			i += len(delim) - 1
		}
	}
	return mask
}
