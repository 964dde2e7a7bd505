package builder

import (
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// The open data of a plan's narrative sections and of its revisions'
// summaries: dati/sezioni.json (every section, its text as Markdown and as
// plain text, what revisions did to it), each section's text alone as
// dati/sezioni/NOME.md and .txt, and dati/revisioni.json, the companion
// of revisioni.csv: each revision with its summary and its changes.
// docs/open-data.md documents every key.

type sectionsJSON struct {
	Piano   string        `json:"piano"`
	Titolo  string        `json:"titolo"`
	Ente    string        `json:"ente"`
	Licenza licenceJSON   `json:"licenza"`
	Sezioni []sectionJSON `json:"sezioni"`
}

type sectionJSON struct {
	Sezione      string          `json:"sezione"`
	Titolo       string          `json:"titolo"`
	Ordine       int             `json:"ordine"`
	Pagina       string          `json:"pagina"`
	InseritaDa   string          `json:"inserita_da"`
	StralciataDa string          `json:"stralciata_da"`
	Modifiche    []amendmentJSON `json:"modifiche"`
	Markdown     string          `json:"markdown"`
	Testo        string          `json:"testo"`
}

type amendmentJSON struct {
	Revisione  string `json:"revisione"`
	Testo      string `json:"testo"`
	Precedente string `json:"precedente"`
}

// addSectionData adds the sections' files of plan p, if it has any.
func addSectionData(out *outputs, model *plan.Site, w *words, p *plan.Plan) ([]download, error) {
	if len(p.Sezioni) == 0 {
		return nil, nil
	}
	var list []download
	add := func(d download, b []byte) error {
		d.Size, d.Plan = len(b), p
		list = append(list, d)
		return out.put(d.Path, b)
	}
	data := sectionsJSON{Piano: p.Slug, Titolo: p.Titolo.S, Ente: model.Config.Ente.Nome.S,
		Licenza: licenceJSON{Nome: model.Config.Licenza.Nome.S, URL: model.Config.Licenza.URL.S}, Sezioni: []sectionJSON{}}
	var texts []download
	var bodies [][]byte
	for i, s := range p.Sezioni {
		md, txt := sectionMarkdown(model, s), sectionText(model, w, s)
		sj := sectionJSON{Sezione: s.Slug, Titolo: s.Titolo.S, Ordine: i + 1, Pagina: siteURL(model, narrativePath(s)),
			InseritaDa: s.Inserita.S, StralciataDa: s.Stralcio.S, Modifiche: []amendmentJSON{}, Markdown: md, Testo: txt}
		for _, a := range s.Modifiche {
			sj.Modifiche = append(sj.Modifiche, amendmentJSON{a.Revisione.S, a.Testo.S, a.Precedente.S})
		}
		data.Sezioni = append(data.Sezioni, sj)
		texts = append(texts,
			download{Path: sectionDataPath(s, "md"), Title: w.T("data.section.md", "title", s.Titolo.S), Format: "Markdown"},
			download{Path: sectionDataPath(s, "txt"), Title: w.T("data.section.txt", "title", s.Titolo.S), Format: w.T("data.format.text")})
		bodies = append(bodies, []byte(md), []byte(txt))
	}
	b, err := marshalJSON(data)
	if err != nil {
		return nil, err
	}
	if err := add(download{Path: dataPath(p, "sezioni.json"), Title: w.T("data.sections.title"), Format: "JSON"}, b); err != nil {
		return nil, err
	}
	for i, d := range texts {
		if err := add(d, bodies[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// sectionMarkdown is a section's text as written, with a title line, its
// short links made addresses (absolute with url_base, else relative to
// the site's root) so that the file reads well on its own.
func sectionMarkdown(model *plan.Site, s *plan.Section) string {
	body := s.Body
	for _, l := range markup.Links(body) {
		if t, problem := resolveShort(s.Plan, l.Dest); problem == nil {
			body = strings.Replace(body, "("+l.Dest+")", "("+siteURL(model, t.path())+")", 1)
		}
	}
	return "# " + s.Titolo.S + "\n\n" + strings.TrimLeft(body, "\n")
}

// sectionText is a section's text as plain text, with a title line.
func sectionText(model *plan.Site, w *words, s *plan.Section) string {
	resolve := func(dest string) (string, string, bool) {
		t, problem := resolveShort(s.Plan, dest)
		if problem != nil {
			return "", "", false
		}
		title := s.Plan.Titolo.S
		switch {
		case t.section != nil:
			title = t.section.Titolo.S
		case t.sheet != nil:
			title = w.SheetName(t.sheet)
		}
		return siteURL(model, t.path()), title, true
	}
	return s.Titolo.S + "\n\n" + w.doc.Text(s.Body, resolve)
}
