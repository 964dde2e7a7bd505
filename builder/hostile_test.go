package builder

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/markup"
)

// xssPayloads reads testdata/xss.txt.
func xssPayloads(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("testdata/xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, err := strconv.Unquote(line)
		if err != nil {
			t.Fatalf("xss.txt: %q: %v", line, err)
		}
		out = append(out, p)
	}
	return out
}

// yq writes s as a YAML double-quoted scalar: Go's escapes are YAML's.
func yq(s string) string { return strconv.Quote(s) }

// hostileURL is an allowed address that carries the payload, or a plain
// one when the payload cannot be part of an allowed address.
func hostileURL(p string) string {
	if u := "https://example.org/" + p; markup.SafeURL(u) {
		return u
	}
	return "https://example.org/"
}

// hostileSite puts p in every field of a site that takes free text, and in
// every address field an allowed address that carries it.
func hostileSite(p string) fstest.MapFS {
	q, q2, u := yq(p), yq(p+" (prima)"), yq(hostileURL(p))
	// a long text that a revision changed, shown word by word
	w, w2 := yq("parole di contesto prima "+p+" e dopo, tutte uguali"), yq("parole di contesto prima "+p+" e poi, tutte uguali")
	r := strings.NewReplacer("W2", w2, "W", w, "Q2", q2, "Q", q, "U", u)
	files := map[string]string{
		"config.yaml": `ente: {nome: Q, indirizzo: Q, pec: protocollo@pec.example.org, codice_fiscale: Q, sito: U}
url_base: https://example.org/base/
dichiarazione_accessibilita: U
privacy: U
licenza: {nome: Q, url: U}
percorso:
  - titolo: Q
  - {titolo: Q, url: U}
  - titolo: Piano della Performance
collegamenti:
  - {titolo: Q, url: U}
glossario:
  - {sigla: Q, significato: Q}
  - {sigla: parole, significato: Q}
`,
		"content/piano-ostile/piano.yaml": `titolo: Q
periodo: 2024-2026
approvazione: {atto: Q, data: 2024-01-10, url: U}
descrizione: Q
schede: selezione
selezione: {descrizione: Q, piano_completo: U}
allegati:
  - {titolo: Q, url: U}
glossario:
  - {sigla: Q, significato: Q}
revisioni:
  - {id: r1, data: 2024-09-12, atto: Q, documento: Q, motivo: Q, url: U, allegati: [{titolo: Q, url: U}]}
relazione:
  2024:
    approvazione: {atto: Q, data: 2025-06-20, url: U, allegati: [{titolo: Q, url: U}]}
    validazione: {atto: Q, data: 2025-06-30}
    testo: Q
aree:
  - codice: a1
    nome: Q
    unita: [{codice: u1, nome: Q}]
linee:
  - codice: "1"
    nome: Q
    obiettivi:
      - {codice: "1.1", nome: Q}
      - {id: oc-1, codice: Q, nome: Q}
`,
		"content/piano-ostile/strategici/linea-1.yaml": `missioni: [{codice: Q, nome: Q}]
programma: {codice: Q, nome: Q}
titolo: Q
linea: "1"
obiettivi_strategici: ["1.1", oc-1]
descrizione: {valore: Q, precedente: Q2, revisione: r1}
peso: 50%
risorse:
  2024: {valore: "€ 2.000,00", precedente: "€ 1.000,00", revisione: r1, rimando: Q}
note:
  - {rimando: Q, testo: Q, inserita: r1}
indicatori:
  - id: ind-1
    descrizione: Q
    algoritmo: {valore: Q, precedente: Q2, revisione: r1}
    target:
      2024: {valore: Q, precedente: Q2, revisione: r1}
      2025: Q
    peso: 100%
    fonte: Q
    unita_misura: Q
    tipologia: Q
    note: [{rimando: Q, testo: Q, campi: [target]}]
    note_revisione: [{revisione: r1, revisione_attuata: Q, causa: Q}]
    monitoraggio: [{data: 2024-06-30, stato: "-", valore: Q, nota: Q, proposta: Q, revisione: r1}]
    risultati: {2024: {valore: Q, raggiungimento: 100%, nota: Q}, 2025: {valore: Q, nota: Q}}
monitoraggio: [{data: 2024-06, stato: +, valore: Q, nota: Q, proposta: Q}]
note_revisione: [{revisione: r1, revisione_attuata: Q, causa: Q}]
`,
		"content/piano-ostile/operativi/scheda.md": `---
area: a1
unita: u1
linea: "1"
obiettivi_strategici: ["1.1"]
titolo: Q
obiettivo_operativo: {valore: Q, precedente: Q2, revisione: r1}
descrizione: {valore: W, precedente: W2, revisione: r1}
peso: 100%
indicatori:
  - {descrizione: Q, algoritmo: Q, target: {2024: Q}, peso: 60%, fonte: Q, unita_misura: Q, tipologia: Q, stralcio: r1}
  - {descrizione: Q, target: {2024: Q}, peso: 40%}
  - {descrizione: Q, target: {2024: Q}, peso: 60%, inserito: r1}
note_revisione: [{revisione: r1, revisione_attuata: Q, causa: Q}]
---
`,
	}
	// A narrative section: a title, a passage a revision amended, short
	// links to the sheet and to an indicator, and the payload everywhere.
	files["content/piano-ostile/sezioni/01-sezione.md"] = `---
titolo: Q
modifiche:
  - {revisione: r1, testo: passaggio rivisto, precedente: Q2}
  - {revisione: r1, precedente: Q}
---
passaggio rivisto

[Q](scheda:scheda#i2) e [](scheda:linea-1#ind-1) e [](sezione:sezione)

`
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(r.Replace(text))}
	}
	body := p + "\n\n" + p + "\n\n[x](" + p + ")\n\n![x](" + p + ")\n\n<" + p + ">\n\n| a |\n|---|\n| " + p + " |\n"
	fsys["content/piano-ostile/operativi/scheda.md"].Data = append(fsys["content/piano-ostile/operativi/scheda.md"].Data, body...)
	fsys["content/piano-ostile/sezioni/01-sezione.md"].Data = append(fsys["content/piano-ostile/sezioni/01-sezione.md"].Data, body+"\n[^n]\n\n[^n]: "+p+"\n"...)
	return fsys
}

// TestHostileContent places each payload of testdata/xss.txt in every
// field of a site, builds it as published, and judges every output file.
func TestHostileContent(t *testing.T) {
	for _, p := range xssPayloads(t) {
		site, ds := Build(Input{Site: hostileSite(p), Themes: piao.Themes, Minify: true})
		if site == nil {
			t.Errorf("payload %q: the site did not build:\n%s", p, ds.Error())
			continue
		}
		if site.Pages < 10 {
			t.Errorf("payload %q: %d pages", p, site.Pages)
		}
		for _, v := range judgeSite(site.Files, []string{p}) {
			t.Errorf("payload %q: %s", p, v)
		}
	}
}

// TestHostileNames: a payload as a file name is only an address, slugged.
func TestHostileNames(t *testing.T) {
	fsys := hostileSite("testo")
	for _, p := range []string{`"><img src=x onerror=alert(1)>`, `<script>alert(1)<`} {
		fsys["content/piano-ostile/operativi/"+p+".yaml"] = &fstest.MapFile{Data: []byte("area: a1\nunita: u1\nlinea: \"1\"\nobiettivi_strategici: [\"1.1\"]\nobiettivo_operativo: x\npeso: 0%\n")}
		site, ds := Build(Input{Site: fsys, Themes: piao.Themes, Minify: true})
		if site == nil {
			t.Fatalf("file %q: %s", p, ds.Error())
		}
		for _, v := range judgeSite(site.Files, []string{p}) {
			t.Errorf("file %q: %s", p, v)
		}
	}
}

// TestHostileAddresses: an address field that is not http, https, mailto
// or relative stops the build with an error naming it.
func TestHostileAddresses(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)", "//evil.example/", "java\tscript:alert(1)", `\\evil\share`} {
		fsys := hostileSite("testo")
		fsys["config.yaml"] = &fstest.MapFile{Data: []byte("ente: {nome: Ente}\nprivacy: " + yq(u) + "\n")}
		site, ds := Build(Input{Site: fsys, Themes: piao.Themes})
		if site != nil || !strings.Contains(ds.Error(), "config.yaml:2:10: errore: indirizzo") {
			t.Errorf("privacy: %q: built=%v\n%s", u, site != nil, ds.Error())
		}
	}
}

// TestOracle: the oracle itself catches what it must, and passes what it
// must, so that the suites above cannot pass by judging nothing.
func TestOracle(t *testing.T) {
	files := map[string][]byte{"assets/s.js": []byte("var a = 1;")}
	bad := map[string]string{
		"a.html":    `<p><script>alert(1)</script>`,
		"b.html":    `<img src=x onerror=alert(1)>`,
		"c.html":    `<a href="javascript:alert(1)">x</a>`,
		"d.html":    `<a href="&#106;avascript:alert(1)">x</a>`,
		"e.html":    `<iframe src="https://e.example/"></iframe>`,
		"f.html":    `<p style="background:url(javascript:x)">`,
		"g.html":    `<script src="https://evil.example/x.js"></script>`,
		"h.html":    `<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
		"i.json":    `{"a": 1,}`,
		"j.xml":     `<a><b></a>`,
		"k.xml":     `<a><script xmlns="http://www.w3.org/1999/xhtml">x</script></a>`,
		"l.csv":     "a,b\n1,=cmd|' /C calc'!A0\n",
		"m.js":      `var x = "ok"; PAYLOAD;`,
		"n.css":     `p{content:"PAYLOAD"}`,
		"n.ttl":     `<javascript:PAYLOAD> a <x> .`,
		"n2.ttl":    `<a> <b> "x" . PAYLOAD`,
		"n3.jsonld": `{"a": }`,
		"o.html":    `<meta http-equiv="refresh" content="0;url=https://e.example/">`,
		"p.html":    `<form action="/x"></form>`,
		"q.js":      `var x = "a" + PAYLOAD + "b";`,
		"r.html":    `<base href="https://e.example/">`,
		"s.html":    `<div onmouseover="x">`,
		"t.html":    `<img srcset="a.png 1x, javascript:alert(1) 2x">`,
		"u.csv":     "\"@SUM(1)\",x\n",
		"v.html":    `<script>var a = 1</script>`,
		"w.html":    `<object data="x.swf"></object>`,
		"x.html":    `<style>p{}</style>`,
		"y.html":    `<a href="vbscript:x">x</a>`,
		"z.html":    `<img src="data:image/svg+xml,<svg onload=alert(1)>">`,
		"za.html":   `<a href=" javascript:alert(1)">x</a>`,
	}
	for name, text := range bad {
		if v := judgeSite(map[string][]byte{name: []byte(text)}, []string{"PAYLOAD"}); len(v) == 0 {
			t.Errorf("oracle passed %s: %s", name, text)
		}
	}
	good := map[string]string{
		"a.html": `<!DOCTYPE html><html lang="it"><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><script src="assets/s.js"></script></head><body><a href="https://e.example/?a=1&amp;b=%3Cscript%3E">x</a><a href="mailto:a@b.it">m</a><a href="../x/index.html#i">r</a><a href="#ZgotmplZ">z</a><p>&lt;script&gt;alert(1)&lt;/script&gt; PAYLOAD</p></body></html>`,
		"b.json": `{"t": "<script>PAYLOAD</script>"}`,
		"c.xml":  `<?xml version="1.0"?><feed><title type="html">&lt;script&gt;PAYLOAD</title></feed>`,
		"d.csv":  "a,b\n'=x,'-1\n",
		"e.js":   `var idx = {"t": "PAYLOAD", 'u': 'PAYLOAD', v: ` + "`PAYLOAD`" + `}; // PAYLOAD in a comment is not code either`,
		"f.css":  `p{color:red}`,
		"g.ttl":  "@prefix d: <http://e.example/> .\n<https://e.example/PAYLOAD> d:t \"PAYLOAD\" ; d:u \"\"\"PAYLOAD\"\"\" .",
	}
	for name, text := range good {
		files := map[string][]byte{name: []byte(text), "assets/s.js": files["assets/s.js"]}
		if v := judgeSite(files, []string{"PAYLOAD"}); len(v) > 0 {
			t.Errorf("oracle refused %s: %v", name, v)
		}
	}
}

// TestHostileCorpusIsHostile: the corpus must hold what it claims, or the
// suite proves nothing. Each payload, pasted raw into a page, trips the
// oracle — except those aimed at other formats (CSV, JS, XML, templates).
func TestHostileCorpusIsHostile(t *testing.T) {
	tripped := 0
	payloads := xssPayloads(t)
	for _, p := range payloads {
		page := fmt.Sprintf(`<!DOCTYPE html><html><body><a href="%s">x</a><p>%s</p></body></html>`, p, p)
		if len(judgeSite(map[string][]byte{"x.html": []byte(page)}, nil)) > 0 {
			tripped++
		}
	}
	if tripped < len(payloads)*2/3 {
		t.Errorf("only %d of %d payloads trip the oracle when pasted raw", tripped, len(payloads))
	}
}
