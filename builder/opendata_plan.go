package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/piao-pa/piao/builder/plan"
)

// emptySheets is how the encoder writes the empty list of sheets of a
// plan's piano.json. No string can hold it (its quotes would be escaped),
// and no other member is named so: writePlanJSON checks that it is there
// once.
const emptySheets = `"schede":[]`

// sheetsBatch is the number of sheets encoded at once, on every core.
const sheetsBatch = 256

// writePlanJSON writes piano.json of plan p to w, and each sheet's own
// JSON file to out; it returns the sheets' downloads. Each sheet is
// encoded once: piano.json holds the same object one level deeper, so it
// is spliced in rather than encoded again; and the plan is never whole in
// memory. The bytes are those of encoding the whole plan with marshalJSON,
// but for a line break before each sheet and after the last one: a sheet
// a line, so that two versions of a plan compare sheet by sheet. A sheet
// unchanged since the last build is neither encoded nor read from its own
// file: its line is read from the last build's piano.json (dataparts.go).
func writePlanJSON(to io.Writer, out *outputs, model *plan.Site, w *words, p *plan.Plan) ([]download, error) {
	return writePlanJSONIn(to, out, oneLang(model, w), p)
}

// writePlanJSONIn is writePlanJSON in the languages ds: each text by
// language.
func writePlanJSONIn(to io.Writer, out *outputs, ds dataLangs, p *plan.Plan) ([]download, error) {
	w := ds[0].words
	sheets := p.Sheets()
	name := dataPath(p, "piano.json")
	prior := out.priorParts(name, "")
	ends := out.endsKey(name)
	pw := newPartsWriter(to, "", ",\n")
	pw.parts.Ends = ends
	// The plan before the list of sheets and after it: the last build's
	// when what it is made of is unchanged (3 MB at 10,000 sheets, most of
	// it the plan's changes, encoded again at every rebuild until then).
	head, tail, kept := prior.endsOf(ends)
	var after []byte
	if kept && len(sheets) > 0 {
		pw.copied(prior, 0, head)
		out.parts.tookEnds()
	} else {
		b, err := ds.marshal(func(l dataLang) any { return planData(l.model, l.words, l.plan(p), l.changes(l.plan(p))) })
		if err != nil {
			return nil, err
		}
		if bytes.Count(b, []byte(emptySheets)) != 1 {
			return nil, errors.New("piano.json: not one list of sheets")
		}
		if len(sheets) == 0 {
			_, err := to.Write(b)
			return nil, err
		}
		before, rest, _ := bytes.Cut(b, []byte(emptySheets))
		pw.write(before, []byte(`"schede":[`+"\n"))
		after = rest // kept is false here: a file with sheets and the last build's ends took the branch above
	}
	downloads := make([]download, len(sheets))
	for start := 0; start < len(sheets); start += sheetsBatch {
		part := sheets[start:min(start+sheetsBatch, len(sheets))]
		encoded := make([][]byte, len(part))
		sizes := make([]int64, len(part))
		spliced := make([]bool, len(part)) // its part is the last build's, in prior
		errs := make([]error, len(part))
		bufs := make([]*bytes.Buffer, len(part)) // those encoded[i] may be in, given back after the batch
		parallelFor(len(part), func(i int) {
			var ok bool
			if encoded[i], sizes[i], spliced[i], ok = out.prior(sheetDataPath(part[i]), part[i], prior); ok { // unchanged since the last build
				return
			}
			bufs[i] = jsonBufs.Get().(*bytes.Buffer)
			encoded[i], errs[i] = ds.marshalIn(bufs[i], func(l dataLang) any { return sheetData(l.model, l.words, l.sheet(part[i])) })
			sizes[i] = int64(len(encoded[i]))
			if errs[i] == nil { // each sheet's own file, written on every core too
				errs[i] = out.put(sheetDataPath(part[i]), encoded[i])
			}
		})
		for i, b := range encoded {
			if err := errors.Join(errs[i], pw.err); err != nil {
				putJSONBufs(bufs)
				return nil, err
			}
			s := part[i]
			downloads[start+i] = download{Path: sheetDataPath(s), Title: w.SheetName(s), Format: "JSON", Plan: p, Sheet: s, Size: int(sizes[i])}
			if start+i > 0 {
				pw.next()
			}
			data := out.prefix + sheetDataPath(s)
			switch {
			case !spliced[i]:
				pw.part(data, bytes.TrimSuffix(b, []byte("\n")))
			case !pw.prior(data, prior) && pw.err == nil: // its span was there a moment ago
				putJSONBufs(bufs)
				return nil, fmt.Errorf("%s: the part of %s is gone", name, data)
			}
		}
		putJSONBufs(bufs)
	}
	if kept {
		pw.copied(prior, tail, prior.size-tail)
	} else {
		pw.write([]byte("\n]"), after)
	}
	if err := pw.close(); err != nil {
		return nil, err
	}
	out.recordParts(name, pw.parts)
	return downloads, nil
}
