package builder

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Snapshots of the first format, written by piao before archivio.json was
// listed in SHA256SUMS, keep verifying as they are (a snapshot is never
// rewritten): their archivio.json records the manifest's digest, and its
// other facts — the ones the Archivio page and the landing page state —
// must be what the snapshot's landing page, index.html, a file the
// manifest covers, says: the title, the ente, the dates and piao's
// version. So a changed archivio.json is caught in these snapshots too.

// legacyFactsHold reports whether the facts of m are stated by the
// landing page among files: the title and the ente as the whole text of
// an element, the dates as the datetime of a <time>, the version as
// "piao VERSION".
func legacyFactsHold(m SnapshotMeta, files map[string][]byte) bool {
	texts, times := landingFacts(files[homePath()])
	for _, t := range []string{m.Titolo, m.Ente} {
		if t != "" && !texts[t] {
			return false
		}
	}
	for _, d := range []string{m.Data, m.Pubblicazione, m.Conservazione} {
		if d != "" && !times[d] {
			return false
		}
	}
	return m.VersionePiao == "" || texts["piao "+m.VersionePiao]
}

// landingFacts lists the texts of the elements of a page, each whole and
// with its white space trimmed, and the datetime attributes of its times.
func landingFacts(page []byte) (texts, times map[string]bool) {
	texts, times = map[string]bool{}, map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return texts, times
		case html.TextToken:
			texts[strings.TrimSpace(string(z.Text()))] = true
		case html.StartTagToken:
			name, attrs := z.TagName()
			for attrs && string(name) == "time" {
				var key, val []byte
				key, val, attrs = z.TagAttr()
				if string(key) == "datetime" {
					times[string(val)] = true
				}
			}
		}
	}
}
