package importa

import (
	"encoding/xml"
	"io"
)

// tri is a property a style may set, clear or leave to its parent.
type tri uint8

const (
	unset tri = iota
	yes
	no
)

// runStyle is what piao reads of run properties: strikethrough and
// underline, and the character style they name.
type runStyle struct {
	strike, underline tri
	ref               string // w:rStyle
}

// over returns s with the properties that top sets.
func (s runStyle) over(top runStyle) runStyle {
	if top.strike != unset {
		s.strike = top.strike
	}
	if top.underline != unset {
		s.underline = top.underline
	}
	return s
}

// onOff reads a WordprocessingML on/off property.
func onOff(e xml.StartElement) tri {
	switch attr(e, "val") {
	case "", "true", "1", "on":
		return yes
	}
	return no
}

// runProps reads a w:rPr whose start was just read.
func (r *docxReader) runProps() (runStyle, error) {
	var s runStyle
	err := r.children(func(e xml.StartElement) error {
		switch e.Name.Local {
		case "strike", "dstrike":
			if v := onOff(e); v == yes || s.strike == unset {
				s.strike = v
			}
		case "u":
			s.underline = yes
			if v := attr(e, "val"); v == "none" || v == "0" {
				s.underline = no
			}
		case "rStyle":
			s.ref = attr(e, "val")
		}
		return r.x.skip()
	})
	return s, err
}

// paraProps reads a w:pPr: the run properties of its paragraph style.
func (r *docxReader) paraProps() (runStyle, error) {
	var s runStyle
	err := r.children(func(e xml.StartElement) error {
		if e.Name.Local == "pStyle" {
			s = r.styles[attr(e, "val")]
		}
		return r.x.skip()
	})
	return s, err
}

// readDocxStyles reads word/styles.xml: the strikethrough and underline
// of each paragraph and character style, their parents' included.
func readDocxStyles(a *archive) (map[string]runStyle, error) {
	out := map[string]runStyle{}
	if !a.has("word/styles.xml") {
		return out, nil
	}
	rc, err := a.open("word/styles.xml")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r := &docxReader{x: newXMLReader(rc, "word/styles.xml")}
	own := map[string]runStyle{}
	parent := map[string]string{}
	for {
		t, err := r.x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := t.(xml.StartElement)
		if !ok || !isW(se.Name) || se.Name.Local != "style" {
			continue
		}
		id := attr(se, "styleId")
		err = r.children(func(e xml.StartElement) error {
			switch e.Name.Local {
			case "basedOn":
				parent[id] = attr(e, "val")
			case "rPr":
				s, err := r.runProps()
				own[id] = s
				return err
			}
			return r.x.skip()
		})
		if err != nil {
			return nil, err
		}
	}
	for id := range own {
		out[id] = inherit(id, own, parent)
	}
	return out, nil
}

// inherit resolves a style through its parents, oldest first; a loop of
// parents ends after a few steps.
func inherit(id string, own map[string]runStyle, parent map[string]string) runStyle {
	chain := []string{}
	for cur, n := id, 0; cur != "" && n < 16; cur, n = parent[cur], n+1 {
		chain = append(chain, cur)
	}
	var s runStyle
	for i := len(chain) - 1; i >= 0; i-- {
		s = s.over(own[chain[i]])
	}
	return s
}
