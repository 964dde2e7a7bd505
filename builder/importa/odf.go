package importa

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// The OpenDocument namespaces piao reads, by their usual prefixes.
var odfNS = map[string]string{
	"urn:oasis:names:tc:opendocument:xmlns:office:1.0":   "office",
	"urn:oasis:names:tc:opendocument:xmlns:text:1.0":     "text",
	"urn:oasis:names:tc:opendocument:xmlns:table:1.0":    "table",
	"urn:oasis:names:tc:opendocument:xmlns:style:1.0":    "style",
	"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0": "manifest",
	"http://purl.org/dc/elements/1.1/":                   "dc",
}

// is reports whether n is prefix:local.
func is(n xml.Name, prefix, local string) bool {
	return n.Local == local && odfNS[n.Space] == prefix
}

// Media types of the OpenDocument files piao reads.
const (
	odfText  = "application/vnd.oasis.opendocument.text"
	odfSheet = "application/vnd.oasis.opendocument.spreadsheet"
)

// readODF reads an OpenDocument text (.odt) or spreadsheet (.ods): the
// body's paragraphs and tables, struck and underlined text (through
// automatic and common styles, of text, paragraphs and cells), and the
// tracked changes of a text (text:tracked-changes).
func readODF(a *archive, want string) (*Document, error) {
	mime, err := a.readAll("mimetype")
	if err != nil || !strings.HasPrefix(string(bytes.TrimSpace(mime)), want) {
		return nil, fileErr(hintDamaged, msgNotKind, odfKindName(want))
	}
	if err := checkManifest(a); err != nil {
		return nil, err
	}
	r := &odfReader{styles: odfStyles{}, doc: &Document{}, changes: map[string]*odfChange{}, sheet: want == odfSheet}
	if a.has("styles.xml") {
		if err := r.readPart(a, "styles.xml"); err != nil {
			return nil, err
		}
	}
	if err := r.readPart(a, "content.xml"); err != nil {
		return nil, err
	}
	return r.doc, nil
}

func odfKindName(mime string) string {
	if mime == odfSheet {
		return "Calc (.ods)"
	}
	return "Writer (.odt)"
}

// checkManifest refuses an encrypted (password-protected) file: its
// manifest gives the parts' encryption data.
func checkManifest(a *archive) error {
	if !a.has("META-INF/manifest.xml") {
		return nil
	}
	rc, err := a.open("META-INF/manifest.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLReader(rc, "META-INF/manifest.xml")
	for {
		t, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := t.(xml.StartElement); ok && is(se.Name, "manifest", "encryption-data") {
			return fileErr(hintEncrypted, msgEncrypted)
		}
	}
}

type odfReader struct {
	x       *xmlReader
	styles  odfStyles
	doc     *Document
	sheet   bool
	changes map[string]*odfChange // tracked changes by id
	open    []*odfChange          // insertions whose end is still to come
	paras   int
	tables  int
	inBody  bool
}

// odfChange is a tracked change: an insertion, or a deletion and the
// paragraphs it deleted.
type odfChange struct {
	deletion bool
	date     string
	paras    []Para
}

// readPart reads styles.xml or content.xml: styles, tracked changes and
// the body, in the order they come.
func (r *odfReader) readPart(a *archive, name string) error {
	rc, err := a.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	r.x = newXMLReader(rc, name)
	for {
		t, err := r.x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case is(se.Name, "office", "body"):
			r.inBody = true
		case is(se.Name, "style", "style"):
			err = r.style(se)
		case is(se.Name, "text", "tracked-changes"):
			err = r.trackedChanges()
		case is(se.Name, "table", "tracked-changes"):
			r.doc.Ignored = append(r.doc.Ignored, msgSheetChanges)
			err = r.x.skip()
		case r.inBody && (is(se.Name, "text", "p") || is(se.Name, "text", "h")):
			err = r.topPara(se)
		case r.inBody && is(se.Name, "table", "table"):
			err = r.topTable(se)
		}
		if err != nil {
			return err
		}
	}
}

func (r *odfReader) topPara(se xml.StartElement) error {
	p, err := r.para(se, runStyle{})
	if err != nil {
		return err
	}
	r.paras++
	r.doc.Blocks = append(r.doc.Blocks, Block{Para: &p, Where: whereParagraph(r.paras)})
	return nil
}

func (r *odfReader) topTable(se xml.StartElement) error {
	g, err := r.table()
	if err != nil {
		return err
	}
	r.tables++
	where := whereTable(r.tables)
	if r.sheet {
		where = whereSheet(attr(se, "name"))
	}
	r.doc.Blocks = append(r.doc.Blocks, Block{Table: &g.t, Where: where})
	return nil
}

// children calls fn for each child element of the element just started.
func (r *odfReader) children(fn func(xml.StartElement) error) error {
	for {
		t, err := r.x.next()
		if err != nil {
			return eofIsDamage(err, r.x)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		}
	}
}

// trackedChanges reads text:tracked-changes: each changed region's kind,
// date and, for a deletion, the deleted paragraphs.
func (r *odfReader) trackedChanges() error {
	r.doc.Tracked = true
	return r.children(func(region xml.StartElement) error {
		if !is(region.Name, "text", "changed-region") {
			return r.x.skip()
		}
		id := attr(region, "id")
		return r.children(func(kind xml.StartElement) error {
			ch := &odfChange{deletion: is(kind.Name, "text", "deletion")}
			if !ch.deletion && !is(kind.Name, "text", "insertion") {
				return r.x.skip()
			}
			if len(r.changes) < maxRows {
				r.changes[id] = ch
			}
			return r.children(func(e xml.StartElement) error {
				switch {
				case is(e.Name, "office", "change-info"):
					return r.changeInfo(ch)
				case ch.deletion && (is(e.Name, "text", "p") || is(e.Name, "text", "h")):
					p, err := r.para(e, runStyle{})
					ch.paras = append(ch.paras, p)
					return err
				}
				return r.x.skip()
			})
		})
	})
}

// changeInfo reads office:change-info: the date of the change.
func (r *odfReader) changeInfo(ch *odfChange) error {
	return r.children(func(e xml.StartElement) error {
		if !is(e.Name, "dc", "date") {
			return r.x.skip()
		}
		date, err := r.chars()
		ch.date = strings.TrimSpace(date)
		return err
	})
}

// runFor is the run that text of style st gets: inside a tracked
// insertion, an insertion.
func (r *odfReader) runFor(st runStyle) Run {
	if n := len(r.open); n > 0 {
		return Run{Mark: Inserted, Date: r.open[n-1].date}
	}
	switch {
	case st.strike == yes:
		return Run{Mark: Struck}
	case st.underline == yes:
		return Run{Mark: Underlined}
	}
	return Run{}
}

// spaces reads text:s: c spaces (at most a line's worth).
func spaces(se xml.StartElement) string {
	n, err := strconv.Atoi(attr(se, "c"))
	if err != nil || n < 1 {
		n = 1
	}
	return strings.Repeat(" ", min(n, 200))
}
