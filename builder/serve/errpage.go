package serve

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strings"

	"github.com/piao-pa/piao/builder"
)

// The preview's own files, under /__piao/: the reload script and the
// stylesheet of the pages below. They are files, not inline code, because
// the theme's Content-Security-Policy allows only the site's own scripts.
//
//go:embed assets/reload.js assets/error.css
var assets embed.FS

const (
	prefix    = "/__piao/"
	reloadTag = `<script src="/__piao/reload.js" defer></script>`
)

// pageCSP is the policy of the preview's own pages.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} - piao</title>
<link rel="stylesheet" href="/__piao/error.css">
<script src="/__piao/reload.js" defer></script>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p class="lead">{{.Lead}}</p>
{{with .Diags}}<ol class="diags">
{{range .}}<li class="{{.Class}}">
<p class="where"><code>{{.Where}}</code> <span class="sev">{{.Severity}}</span></p>
<p class="msg">{{.Msg}}</p>
{{if .Source}}<pre class="src">{{.Source}}
{{.Caret}}</pre>{{end}}
{{with .Hint}}<p class="hint"><strong>{{$.HintLabel}}:</strong> {{.}}</p>{{end}}
</li>
{{end}}</ol>{{end}}
{{with .Home}}<p><a href="/">{{.}}</a></p>{{end}}
</main>
</body>
</html>
`))

type pageData struct {
	Title, Lead, Home, HintLabel string
	Diags                        []diagView
}

type diagView struct {
	builder.Diagnostic
	Class string
	Caret string
}

// errorPage shows every diagnostic of the last build.
func errorPage(w http.ResponseWriter, r *http.Request, ds builder.Diagnostics) {
	data := pageData{Title: builder.ServeErrorTitle, Lead: builder.ServeErrorLead, HintLabel: builder.HintLabel}
	for _, d := range ds {
		v := diagView{Diagnostic: d, Class: "error", Caret: caret(d.Source, int(d.Pos.Col))}
		if d.Severity == builder.Warning {
			v.Class = "warning"
		}
		data.Diags = append(data.Diags, v)
	}
	ownPage(w, r, http.StatusInternalServerError, data)
}

// notFound is the page for a path the site does not have.
func notFound(w http.ResponseWriter, r *http.Request) {
	ownPage(w, r, http.StatusNotFound, pageData{Title: builder.ServeNotFoundTitle, Lead: builder.ServeNotFoundLead, Home: builder.ServeHome})
}

func ownPage(w http.ResponseWriter, r *http.Request, status int, data pageData) {
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// caret returns the line that points at column col (1-based, in
// characters) under the source line src, keeping its tabs.
func caret(src string, col int) string {
	if src == "" || col < 1 {
		return ""
	}
	var b strings.Builder
	for i, r := range []rune(src) {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}

// inject adds the reload script to an HTML page, before </head>.
func inject(page []byte) []byte {
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(append([]byte(nil), page...), reloadTag...)
	}
	out := make([]byte, 0, len(page)+len(reloadTag))
	out = append(out, page[:i]...)
	out = append(out, reloadTag...)
	return append(out, page[i:]...)
}

// serveAsset serves one of the preview's own files.
func serveAsset(w http.ResponseWriter, r *http.Request, name, ctype string) {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}
