package builder

import (
	"path"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// This file owns the URL rules: every page's output path, and the relative
// link from one page to another. All paths are slash-separated, relative to
// the output root, and name a file ("…/index.html"), so that the site works
// on any server, under any sub-path, and opened from disk.

const indexFile = "index.html"

func homePath() string { return indexFile }

func planPath(p *plan.Plan) string { return path.Join(slug(p.Slug), indexFile) }

// sheetPage is what follows a sheet's folder in the path of its page.
const sheetPage = "/" + indexFile

// sheetPath is the path of a sheet's page. The loader records it as it
// gives the sheet its plan (plan.Sheet.SetPage), and the sheet's folder
// is a part of it: every page that lists or links sheets asks for their
// addresses, and made at each ask they were some 150 ms of CPU at 10,000
// sheets (the slugs checked, 50 ms of a rebuild) and, at 50,000 sheets,
// 110 MB allocated while the heap is largest. A sheet made otherwise (a
// test's) has its path made each time.
func sheetPath(s *plan.Sheet) string {
	if p := s.Page(); p != "" {
		return p
	}
	return sheetFolderOf(s) + sheetPage
}

// sheetFolder is the folder of a sheet's pages and data.
func sheetFolder(s *plan.Sheet) string { return strings.TrimSuffix(sheetPath(s), sheetPage) }

// sheetFolderThen is the folder of sheet s followed by tail, made as one
// string.
func sheetFolderThen(s *plan.Sheet, tail string) string { return sheetFolder(s) + tail }

// sheetFolderOf makes the folder of sheet s from its plan's slug, its
// kind and its slug. A slug is never empty and has no slash and no "..":
// the segments are joined as they are (path.Join would clean them: a
// rebuild names each sheet's folder a few times, 50 ms of CPU at 10,000
// sheets).
func sheetFolderOf(s *plan.Sheet) string {
	dir := sheetDir[s.Kind]
	if dir == "" {
		return path.Join(slug(s.Plan.Slug), slug(s.Slug))
	}
	return slug(s.Plan.Slug) + "/" + dir + "/" + slug(s.Slug)
}

// sheetDir is the folder of each kind of sheet in the output. The
// segments of every address stay Italian whatever the site's language:
// they are the addresses the act and the archive cite, and a second
// language gets a folder of its own, not other names.
var sheetDir = map[plan.Kind]string{plan.Strategic: "strategici", plan.Operational: "operativi"}

func originalPath(s *plan.Sheet) string {
	return sheetFolderThen(s, "/originale/"+indexFile)
}

func unitPath(p *plan.Plan, code string) string {
	return path.Join(slug(p.Slug), "unita", slug(code), indexFile)
}

func areaPath(p *plan.Plan, code string) string {
	return path.Join(slug(p.Slug), "aree", slug(code), indexFile)
}

func linePath(p *plan.Plan, code string) string {
	return path.Join(slug(p.Slug), "linee", slug(code), indexFile)
}

func revisionsPath(p *plan.Plan) string {
	return path.Join(slug(p.Slug), "revisioni", indexFile)
}

// narrativePath is the page of a plan's narrative section.
func narrativePath(s *plan.Section) string {
	return path.Join(slug(s.Plan.Slug), sectionsDir, s.Slug, indexFile)
}

// fullPlanPath is the page of the whole plan on one page ("Piano
// completo"); fullPlanCSSPath its print style sheet, which names the plan
// in the running header of every printed page.
func fullPlanPath(p *plan.Plan) string { return path.Join(slug(p.Slug), "completo", indexFile) }

// fullPlanPartPath is the page of part n of a long plan's whole plan.
func fullPlanPartPath(p *plan.Plan, n int) string {
	return path.Join(slug(p.Slug), "completo", "parte-"+strconv.Itoa(n), indexFile)
}

func fullPlanCSSPath(p *plan.Plan) string { return path.Join(slug(p.Slug), "completo", "stampa.css") }

// revisionPath is the page of one revision of a plan: what it changed,
// counted, and every change in a table.
func revisionPath(p *plan.Plan, r *plan.Revision) string {
	return path.Join(slug(p.Slug), "revisioni", slug(r.ID.S), indexFile)
}

// sectionDataPath is a section's text in the open data: ext "md" or "txt".
func sectionDataPath(s *plan.Section, ext string) string {
	return path.Join(slug(s.Plan.Slug), "dati", sectionsDir, s.Slug+"."+ext)
}

func assetPath(name string) string { return path.Join("assets", name) }

// dataPath is a file of a plan's open data ("piano.json", "indicatori.csv").
func dataPath(p *plan.Plan, file string) string { return path.Join(slug(p.Slug), "dati", file) }

// sheetDataPath is a sheet's own JSON, beside its page.
func sheetDataPath(s *plan.Sheet) string { return sheetFolderThen(s, "/scheda.json") }

func openDataPath() string { return path.Join("dati-aperti", indexFile) }

func catalogPath(ext string) string { return path.Join("dati-aperti", "catalogo."+ext) }

func schemaPath(file string) string { return path.Join("schema", file) }

func feedPath() string { return "revisioni.xml" }

// archivePath is the Archivio page; snapshotPath a file of a published
// snapshot, copied from archive/NAME/ of the site.
func archivePath() string { return path.Join("archivio", indexFile) }

func snapshotPath(name, file string) string { return path.Join("archivio", name, file) }

// reportPath is the page of a plan's Relazione sulla performance of year.
func reportPath(p *plan.Plan, year string) string {
	return path.Join(slug(p.Slug), "relazione-"+year, indexFile)
}

// reportsPath is the section "Relazione sulla Performance" of the
// breadcrumb: beside the level of the plans, under the same parent
// (Amministrazione Trasparente › Performance), as D.Lgs. 33/2013 names
// the sections.
func reportsPath(levels []plan.Link) string {
	if len(levels) < 2 {
		return path.Join(reportsSegment, indexFile)
	}
	return path.Join(path.Dir(sectionPath(levels, len(levels)-2)), reportsSegment, indexFile)
}

const reportsSegment = "relazione-sulla-performance"

// glossaryPath is a plan's Glossario page.
func glossaryPath(p *plan.Plan) string { return path.Join(slug(p.Slug), "glossario", indexFile) }

// indexesPath is the page listing a plan's static indexes.
func indexesPath(p *plan.Plan) string { return path.Join(slug(p.Slug), "indici", indexFile) }

// listingPath is the page of one static index of a plan.
func listingPath(p *plan.Plan, key string) string {
	return path.Join(slug(p.Slug), "indici", key, indexFile)
}

// sectionPath is the page of the i-th breadcrumb level above the plans
// ("Amministrazione Trasparente" → "Performance" → …).
func sectionPath(levels []plan.Link, i int) string {
	parts := make([]string, 0, i+2)
	for _, l := range levels[:i+1] {
		parts = append(parts, slug(l.Titolo.Main())) // the main language's: one address for every language
	}
	return path.Join(append(parts, indexFile)...)
}

// relURL returns the link from the page at from to the file at to, both
// output paths; to may carry a "#fragment". Every link of every page is
// one: it walks the two paths' folders in place, without splitting them.
func relURL(from, to string) string {
	target := to
	if i := strings.IndexByte(to, '#'); i >= 0 {
		target = to[:i]
	}
	if target == "" {
		return to
	}
	fromDir := dirOf(from)
	if fromDir == "." {
		return to
	}
	up := strings.Count(fromDir, "/") + 1
	fi, ti := 0, 0 // where the next folder of fromDir and of target begins
	for fi <= len(fromDir) {
		fe := strings.IndexByte(fromDir[fi:], '/')
		if fe < 0 {
			fe = len(fromDir) - fi
		}
		te := strings.IndexByte(target[ti:], '/')
		if te < 0 || fromDir[fi:fi+fe] != target[ti:ti+te] { // a file's name is never a folder in common
			break
		}
		up--
		fi += fe + 1
		ti += te + 1
	}
	var b strings.Builder
	b.Grow(3*up + len(to) - ti)
	for range up {
		b.WriteString("../")
	}
	b.WriteString(to[ti:])
	return b.String()
}

// dirOf is path.Dir(p), without the copy path.Clean makes of a folder
// that is already clean, as every page's is (path.Dir made a third of the
// cost of relURL).
func dirOf(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i <= 0 {
		return path.Dir(p)
	}
	dir, start := p[:i], 0
	for j := 0; j <= len(dir); j++ {
		if j == len(dir) || dir[j] == '/' {
			if seg := dir[start:j]; seg == "" || seg == "." || seg == ".." {
				return path.Dir(p)
			}
			start = j + 1
		}
	}
	return dir
}

// slug turns a code or a title into a path segment: lowercase letters
// without accents, digits, dots and dashes, never a device name of
// Windows (see unreserved).
func slug(s string) string {
	if isSlug(s) {
		return unreserved(s)
	}
	return slugOf(s)
}

// slugOf is slug the long way, for any s.
func slugOf(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 0x80 {
			if f, ok := foldAccent[r]; ok {
				r = f
			}
		}
		switch {
		case r >= 0x300 && r <= 0x36f: // combining accents (NFD input)
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.' && b.Len() > 0:
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-.")
	for strings.Contains(out, "..") {
		out = strings.ReplaceAll(out, "..", ".")
	}
	if out == "" {
		return "x"
	}
	return unreserved(out) // a device name of Windows ("con", "nul.1") is no file name there
}

// isSlug reports whether slug would give s back as it is (before
// unreserved): lowercase ASCII letters, digits, dots and single dashes,
// neither first nor last, no two dots together. Codes and the slugs of
// plans are, and are slugged again and again.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[0] == '.' || s[len(s)-1] == '-' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' || c == '.':
			if s[i+1] == c { // the last byte is neither
				return false
			}
		default:
			return false
		}
	}
	return true
}

// foldAccent maps the accented letters of Italian and its neighbours to
// their base letter.
var foldAccent = map[rune]rune{}

func init() {
	for base, accented := range map[rune]string{
		'a': "àáâãäåā", 'e': "èéêëē", 'i': "ìíîïī", 'o': "òóôõöøō", 'u': "ùúûüū",
		'c': "çć", 'n': "ñ", 's': "šś", 'z': "žź", 'y': "ýÿ",
	} {
		for _, r := range accented {
			foldAccent[r] = base
		}
	}
}
