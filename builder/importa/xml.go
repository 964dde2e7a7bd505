package importa

import (
	"encoding/xml"
	"errors"
	"io"
)

// maxDepth bounds the nesting of XML elements: an office document nests a
// few dozen deep (a table in a cell of a table); thousands is an attack
// on the reader's stack.
const maxDepth = 256

// xmlReader is a streaming XML decoder that refuses what no office file
// holds: a DOCTYPE (where entity expansion would live), nesting beyond
// maxDepth, encodings other than UTF-8, undeclared entities.
type xmlReader struct {
	d     *xml.Decoder
	depth int
	part  string
}

func newXMLReader(r io.Reader, part string) *xmlReader {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		return nil, errors.New("unsupported charset " + label)
	}
	return &xmlReader{d: d, part: part}
}

// next returns the next token; io.EOF at the end of the part.
func (x *xmlReader) next() (xml.Token, error) {
	t, err := x.d.Token()
	if err != nil {
		var fe *FileError
		if err == io.EOF || errors.As(err, &fe) {
			return nil, err
		}
		return nil, fileErr(hintDamaged, msgBadXML, x.part, err.Error())
	}
	switch t := t.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > maxDepth {
			return nil, fileErr(hintDamaged, msgTooDeep, x.part, maxDepth)
		}
	case xml.EndElement:
		x.depth--
	case xml.Directive:
		return nil, fileErr(hintDamaged, msgDoctype, x.part)
	case xml.CharData:
		return t, nil
	}
	return t, nil
}

// skip consumes the rest of the element just started.
func (x *xmlReader) skip() error {
	for depth := 1; depth > 0; {
		t, err := x.next()
		if err != nil {
			if err == io.EOF {
				return fileErr(hintDamaged, msgBadXML, x.part, "fine inattesa")
			}
			return err
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// attr returns the value of the attribute with that local name.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
