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

// addSectionData adds the sections' files of plan p, if it has any, in
// the languages ds: one sezioni.json (texts by language), and each
// section's text in each language that gives it (NOME.md in the main
// language, NOME.de.md in German).
func addSectionData(out *outputs, ds dataLangs, p *plan.Plan) ([]download, error) {
	if len(p.Sezioni) == 0 {
		return nil, nil
	}
	var list []download
	add := func(d download, b []byte) error {
		d.Size, d.Plan = len(b), p
		list = append(list, d)
		return out.put(d.Path, b)
	}
	b, err := ds.marshal(func(l dataLang) any { return sectionsData(l.model, l.words, l.plan(p)) })
	if err != nil {
		return nil, err
	}
	if err := add(download{Path: dataPath(p, "sezioni.json"), Title: ds[0].words.T("data.sections.title"), Format: "JSON"}, b); err != nil {
		return nil, err
	}
	for i, s := range p.Sezioni {
		for j, l := range ds {
			ext := ""
			if j > 0 {
				if _, ok := s.BodyIn[l.code]; !ok {
					continue // never the main language's text under another's name
				}
				ext = l.code + "."
			}
			ls, w := l.plan(p).Sezioni[i], l.words
			md, txt := sectionMarkdown(l.model, ls), sectionText(l.model, w, ls)
			if err := add(download{Path: sectionDataPath(s, ext+"md"), Title: w.T("data.section.md", "title", ls.Titolo.S), Format: "Markdown"}, []byte(md)); err != nil {
				return nil, err
			}
			if err := add(download{Path: sectionDataPath(s, ext+"txt"), Title: w.T("data.section.txt", "title", ls.Titolo.S), Format: w.T("data.format.text")}, []byte(txt)); err != nil {
				return nil, err
			}
		}
	}
	return list, nil
}

// sectionsData is dati/sezioni.json of plan p, in p's language.
func sectionsData(model *plan.Site, w *words, p *plan.Plan) sectionsJSON {
	data := sectionsJSON{Piano: p.Slug, Titolo: p.Titolo.S, Ente: model.Config.Ente.Nome.S,
		Licenza: licenceJSON{Nome: model.Config.Licenza.Nome.S, URL: model.Config.Licenza.URL.S}, Sezioni: []sectionJSON{}}
	for i, s := range p.Sezioni {
		sj := sectionJSON{Sezione: s.Slug, Titolo: s.Titolo.S, Ordine: i + 1, Pagina: siteURL(model, narrativePath(s)),
			InseritaDa: s.Inserita.S, StralciataDa: s.Stralcio.S, Modifiche: []amendmentJSON{},
			Markdown: sectionMarkdown(model, s), Testo: sectionText(model, w, s)}
		if model.Lang != "" && strings.TrimSpace(s.Body) == "" {
			sj.Markdown, sj.Testo = "", "" // a language the text lacks: empty, as every text it lacks
		}
		for _, a := range s.Modifiche {
			sj.Modifiche = append(sj.Modifiche, amendmentJSON{a.Revisione.S, a.Testo.S, a.Precedente.S})
		}
		data.Sezioni = append(data.Sezioni, sj)
	}
	return data
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
