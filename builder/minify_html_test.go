package builder

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
)

// plainMinify minifies page with the HTML minifier alone, as piao did
// before linearHTML.
func plainMinify(t testing.TB, page []byte) []byte {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepEndTags: true, KeepQuotes: true, KeepDocumentTags: true, KeepDefaultAttrVals: true})
	var out bytes.Buffer
	if err := m.Minify("text/html", &out, bytes.NewReader(bytes.Clone(page))); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// settledMinify settles the page's references first, whatever its texts'
// length, then minifies it.
func settledMinify(t testing.TB, page []byte) []byte {
	return plainMinify(t, settleReferences(bytes.Clone(page)))
}

// referencePages are pages whose texts hold every kind of character
// reference, in every context the minifier treats apart.
var referencePages = []string{
	`<p>a &amp; b &amp;amp; &amp;lt; &amp;#38; &amp;x &amp;; &amp</p>`,
	`<p>&lt;&gt;&quot;&#39;&#34;&#43;&#38;&#60;&#x3C;&#x3c;&#X41;&#0;&#127;&#128;&#9999;&#x2603;&#xZZ;&#;&#x;</p>`,
	`<p>&nbsp;&copy;&eacute;&CounterClockwiseContourIntegral;&notanentity;&AMP;&amp&lt&x;&</p>`,
	`<title>a &amp; b &#39;c&#39;</title><p title="&amp; &quot; &#39;">&amp;</p>`,
	`<pre>&amp; &lt; &#39;</pre><p>&amp;</p><pre><code>&amp;amp;</code></pre>&amp;`,
	`<script>var a = "&amp;";</script><style>p::after{content:"&amp;"}</style><textarea>&amp;</textarea>&amp;`,
	`<svg><text>&amp;</text></svg><math><mi>&amp;</mi></math><iframe>&amp;</iframe>&amp;`,
	"<p>  &amp;  \n &amp;\t&#32;&#10;&#9; &amp;</p>",
	`<P>&amp;</P><PRE>&amp;</PRE>&amp;<Script>&amp;</Script>&amp;`,
	`<!-- &amp; --><p>&amp;<br>&amp;<img alt="&amp;">&amp;</p>&amp;&amp;&amp;`,
	"&a;&b&c;&#1&#x1 &#x41;;&#65;;&amp;&amp;#&amp;1&amp; &amp;",
}

// TestSettleLikeTheMinifier: the minifier writes the same bytes with the
// references settled first: on crafted pages, and on every page of the
// example site.
func TestSettleLikeTheMinifier(t *testing.T) {
	pages := map[string][]byte{}
	for i, p := range referencePages {
		pages[strings.Repeat("x", i)] = []byte("<!DOCTYPE html><html><body>" + p + "</body></html>")
	}
	site, ds := Build(Input{Site: testSite(nil), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	example := buildExample(t, false)
	for _, s := range []*Site{site, example} {
		for name, b := range s.Files {
			if path.Ext(name) == ".html" {
				pages[name] = b
			}
		}
	}
	for name, b := range pages {
		if want, got := plainMinify(t, b), settledMinify(t, b); !bytes.Equal(want, got) {
			t.Errorf("%s: minified\n%s\nsettled first:\n%s", name, want, got)
		}
	}
}
