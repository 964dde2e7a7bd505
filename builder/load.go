package builder

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest content file piao reads; larger files are
// refused, since no sheet comes near it and a huge file is a mistake.
const MaxFileSize = 4 << 20

// loader reads a site from an fs.FS rooted at the site folder.
type loader struct {
	fsys  fs.FS
	diags Diagnostics
	files map[string][]byte            // every file read, by site-relative path
	cache *Cache                       // sheets of the previous load, or nil
	langs []string                     // the site's languages, as config.yaml names them
	sums  map[string][sha256.Size]byte // if not nil: of each file read, the SHA-256 of its bytes as read
	strs  *interner                    // the texts read, each once

	// folders holds roots opened at the folders of the sheets being
	// loaded: a file their listing found is read through its folder's.
	folders *folders
}

// loadSite reads config.yaml and every plan under content/ into the model.
// Every problem is reported, not just the first; the returned site is
// usable only when the diagnostics hold no error.
func loadSite(fsys fs.FS) (*plan.Site, Diagnostics) { return loadWith(fsys, nil) }

func loadWith(fsys fs.FS, cache *Cache) (*plan.Site, Diagnostics) {
	l := &loader{fsys: fsys, files: map[string][]byte{}, cache: cache, langs: []string{defaultLang}, strs: newInterner()}
	site := &plan.Site{}
	if n := l.parse("config.yaml", nil); n != nil {
		l.langs = configLangs(n)
		l.decodeInto(n, "config.yaml", "", &site.Config, nil)
		site.Config.Pos = plan.At("config.yaml", 1, 1)
	}
	var entries []fs.DirEntry
	err := fs.ErrPermission
	if l.inside("content") {
		if entries, err = fs.ReadDir(fsys, "content"); errors.Is(err, fs.ErrNotExist) {
			l.diags.errorf(plan.At("content", 0, 0), hintNoContent, msgNoContent)
		} else if err != nil {
			l.cannotList("content", err)
		}
	}
	for _, e := range entries {
		dir := path.Join("content", e.Name())
		if ignoredName(e.Name()) {
			continue
		}
		switch l.entryKind(dir, e) {
		case entryFile:
			l.diags.warnf(plan.At(dir, 0, 0), hintStrayInContent, msgStrayInContent)
			continue
		case entrySkip:
			continue
		}
		if !l.goodName(dir) {
			continue
		}
		if p := l.loadPlan(dir); p != nil {
			site.Plans = append(site.Plans, p)
		}
	}
	if err == nil && len(site.Plans) == 0 {
		l.diags.errorf(plan.At("content", 0, 0), hintNoPlans, msgNoPlans)
	}
	sort.SliceStable(site.Plans, func(i, j int) bool {
		a, b := site.Plans[i], site.Plans[j]
		if a.FirstYear != b.FirstYear {
			return a.FirstYear > b.FirstYear
		}
		return a.Slug < b.Slug
	})
	complete(site, l.langs)
	l.diags.attachSources(l.files)
	return site, l.diags
}

// complete gives the model what the content leaves to defaults, so that
// no later stage writes to it: the breadcrumb trail and the licence of
// config.yaml (the indicators get their default ids as they are decoded:
// defaultIDs); and it indexes every plan.
func complete(site *plan.Site, langs []string) {
	cfg := &site.Config
	if len(cfg.Percorso) == 0 {
		for i, t := range defaultPercorso {
			cfg.Percorso = append(cfg.Percorso, plan.Link{Titolo: defaultText(t, langs, func(lang string) string {
				if names := defaultPercorsoIn[lang]; names != nil {
					return names[i]
				}
				return ""
			})})
		}
	}
	if cfg.Licenza.Nome.S == "" {
		cfg.Licenza.Nome.S = defaultLicence
		if cfg.Licenza.URL.S == "" {
			cfg.Licenza.URL = defaultText(defaultLicenceURL, langs, func(lang string) string {
				return strings.TrimSuffix(defaultLicenceURL, "it") + lang
			})
		}
	}
	for _, p := range site.Plans {
		if p.Tipo.S == "" {
			p.Tipo.S = defaultKind
		}
		if p.Sigla.S == "" {
			p.Sigla.S = strings.TrimSpace(p.Tipo.S + " " + p.Periodo.S)
		}
		p.Index()
	}
}

// defaultPercorso is the trail of sections above the plans when the config
// gives none: the names that D.Lgs. 33/2013 (Allegato A) gives the
// sections of Amministrazione Trasparente, which ANAC's checker looks for.
// They are names of the law, not words of the theme.
var defaultPercorso = []string{"Amministrazione Trasparente", "Performance", "Piano della Performance"}

// defaultKind is the kind of a plan whose piano.yaml names none.
const defaultKind = "PIAO"

// The licence of the content when the config names none.
const (
	defaultLicence    = "CC BY 4.0"
	defaultLicenceURL = "https://creativecommons.org/licenses/by/4.0/deed.it"
)

func (l *loader) loadPlan(dir string) *plan.Plan {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.cannotList(dir, err)
		return nil
	}
	listed := map[string]fs.DirEntry{}
	var strays []string // warned about unless the plan's allegati are there
	for _, e := range entries {
		switch name := e.Name(); {
		case ignoredName(name):
		case name == "piano.yaml" || name == kindDir[plan.Strategic] || name == kindDir[plan.Operational] || name == sectionsDir:
			listed[name] = e
		default:
			strays = append(strays, name)
		}
	}
	file := path.Join(dir, "piano.yaml")
	if listed["piano.yaml"] == nil {
		l.diags.errorf(plan.At(dir, 0, 0), hintNoPiano, msgNoPiano)
		return nil
	}
	p := &plan.Plan{Slug: path.Base(dir), Pos: plan.At(file, 1, 1)}
	if n := l.parse(file, nil); n != nil {
		l.decodeInto(n, file, "", p, nil)
	}
	p.FirstYear, p.LastYear = parsePeriod(p.Periodo.S)
	l.attachments(p)
	holds := map[string]bool{} // the files and folders that hold allegati
	for _, a := range allAttachments(p) {
		first, _, _ := strings.Cut(path.Clean(a.File.S), "/")
		holds[first] = a.File.S != ""
	}
	for _, name := range strays {
		if !holds[name] {
			l.diags.warnf(plan.At(path.Join(dir, name), 0, 0), hintStrayInPlan, msgStrayInPlan, name)
		}
	}
	var jobs []sheetJob
	var bodies []bodyFile
	for _, kind := range []plan.Kind{plan.Strategic, plan.Operational} {
		if e := listed[kindDir[kind]]; e != nil {
			js, bs := l.listSheets(path.Join(dir, kindDir[kind]), e, kind)
			jobs, bodies = append(jobs, js...), append(bodies, bs...)
		}
	}
	if e := listed[sectionsDir]; e != nil {
		l.loadSections(p, path.Join(dir, sectionsDir), e)
	}
	for i, s := range l.sheets(jobs) {
		if s != nil {
			s.Plan = p
			s.SetPage(sheetFolderOf(s) + sheetPage)
			if jobs[i].kind == plan.Strategic {
				p.Strategic = append(p.Strategic, s)
			} else {
				p.Operational = append(p.Operational, s)
			}
		}
	}
	l.attachBodies(p, bodies)
	return p
}

// listSheets lists the sheets of the folder sub, of the given kind. Whatever
// it cannot list or read, and every subfolder, is an error: no sheet is
// left out in silence.
func (l *loader) listSheets(sub string, e fs.DirEntry, kind plan.Kind) ([]sheetJob, []bodyFile) {
	switch l.entryKind(sub, e) {
	case entrySkip:
		return nil, nil
	case entryFile:
		l.diags.errorf(plan.At(sub, 0, 0), fmt.Sprintf(hintNotAFolder, kindDir[kind]), msgNotAFolder, kindDir[kind])
		return nil, nil
	}
	entries, err := fs.ReadDir(l.fsys, sub)
	if err != nil {
		l.cannotList(sub, err) // and load what was listed
	}
	var jobs []sheetJob
	var bodies []bodyFile
	for _, e := range entries {
		name := e.Name()
		file := path.Join(sub, name)
		if ignoredName(name) {
			continue
		}
		switch l.entryKind(file, e) {
		case entrySkip:
			continue
		case entryDir:
			l.diags.errorf(plan.At(file, 0, 0), fmt.Sprintf(hintSubfolder, sub), msgSubfolder, name, sub)
			continue
		}
		if !l.goodName(file) {
			continue
		}
		if b, ok := l.bodyIn(file, e.Type().IsRegular()); ok { // NAME.de.md: a sheet's body in German
			bodies = append(bodies, b)
			continue
		}
		ext := path.Ext(name)
		if ext != ".yaml" && ext != ".yml" && ext != ".md" {
			l.diags.warnf(plan.At(file, 0, 0), hintUnknownFile, msgUnknownFile)
			continue
		}
		jobs = append(jobs, sheetJob{file: file, kind: kind, regular: e.Type().IsRegular()})
	}
	return jobs, bodies
}

// cannotList reports a folder that could not be listed, and why.
func (l *loader) cannotList(dir string, err error) {
	reason, hint := osReason(err)
	l.diags.errorf(plan.At(dir, 0, 0), hint, msgCannotList, reason)
}

var kindDir = map[plan.Kind]string{plan.Strategic: "strategici", plan.Operational: "operativi"}

func (l *loader) loadSheet(job sheetJob) *plan.Sheet {
	file, kind := job.file, job.kind
	src, err := l.readListed(file, job.regular)
	if err != nil {
		return nil
	}
	blocks := modelBlocksMade.Get().(*modelBlocks)
	defer modelBlocksMade.Put(blocks)
	s := blocks.sheet()
	s.Kind, s.Slug, s.Pos = kind, strings.TrimSuffix(path.Base(file), path.Ext(file)), plan.At(file, 1, 1)
	var n *yaml.Node
	var a *nodeArena
	if uncollected.Load() {
		a = nodeArenas.Get().(*nodeArena)
		defer a.release() // the tree is decoded into s: its nodes are lent again
	}
	if path.Ext(file) == ".md" {
		n = l.parseSource(file, src, s, a)
	} else {
		n = l.parseSource(file, src, nil, a)
	}
	if n == nil {
		return nil
	}
	k := "s"
	if kind == plan.Operational {
		k = "o"
	}
	l.decodeInto(n, file, k, s, blocks)
	defaultIDs(s)
	return s
}

// defaultIDs gives each indicator without an id its default, i1, i2, …
// by position: as the sheet is decoded, so that no stage after writes to
// a sheet that a Cache keeps.
func defaultIDs(s *plan.Sheet) {
	for i := range s.Indicatori {
		if ind := &s.Indicatori[i]; ind.ID.S == "" {
			ind.ID, ind.AutoID = plan.Text{S: "i" + strconv.Itoa(i+1), Pos: ind.Pos}, true
		}
	}
}

// decodeInto decodes the tree n of file into v, a sheet's lists taken
// from blocks (nil: each made alone).
func (l *loader) decodeInto(n *yaml.Node, file, kind string, v any, blocks *modelBlocks) {
	d := &decoder{file: file, kind: kind, diags: &l.diags, langs: l.langs, texts: l.strs, blocks: blocks}
	d.decode(n, reflect.ValueOf(v).Elem())
}

// parse reads a YAML file, or the front matter of a Markdown file when
// sheet is not nil (its body then goes to sheet.Body), into a node tree
// whose line numbers are those of the file.
func (l *loader) parse(file string, sheet *plan.Sheet) *yaml.Node {
	src, err := l.read(file)
	if err != nil {
		return nil
	}
	return l.parseSource(file, src, sheet, nil)
}

// parseSource is parse, for a file already read, its tree made in a when
// a is not nil (fastYAMLIn).
func (l *loader) parseSource(file string, src []byte, sheet *plan.Sheet, a *nodeArena) *yaml.Node {
	if sheet != nil {
		n, body, at := l.parseMarkdown(file, src, a)
		sheet.Body, sheet.BodyAt = l.strs.copyBytes(body), at
		return n
	}
	return l.parseYAML(file, src, 0, a)
}

// parseMarkdown reads the front matter of a Markdown file into a node tree
// whose line numbers are those of the file, and returns its body and the
// line the body starts on (a part of src); the tree is made in a when a
// is not nil.
func (l *loader) parseMarkdown(file string, src []byte, a *nodeArena) (*yaml.Node, []byte, int) {
	if len(bytes.TrimSpace(src)) == 0 {
		l.diags.errorf(plan.At(file, 1, 1), hintEmptyFile, msgEmptyFile)
		return nil, nil, 0
	}
	fm, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		l.diags.errorf(plan.At(file, 1, 1), hintFrontMatter, msgFrontMatter)
		return nil, nil, 0
	}
	return l.parseYAML(file, fm, 1, a), body, bodyLine
}

// parseYAML parses YAML text that starts offset lines into file, its
// tree made in a when a is not nil and the text is in fastYAML's subset.
func (l *loader) parseYAML(file string, text []byte, offset int, a *nodeArena) *yaml.Node {
	if len(bytes.TrimSpace(text)) == 0 && offset == 0 {
		l.diags.errorf(plan.At(file, 1, 1), hintEmptyFile, msgEmptyFile)
		return nil
	}
	if doc := fastYAMLIn(text, a); doc != nil { // the tree yaml.v3 gives, without its comments
		if offset > 0 {
			shiftLines(doc, offset)
		}
		return doc
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(text))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		l.yamlError(file, text, offset, err)
		return nil
	}
	if line, msg, ok := secondDocument(dec, text); ok {
		l.diags.errorf(plan.At(file, line+offset, 1), hintSecondDocument, "%s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		l.diags.errorf(plan.At(file, 1, 1), hintEmptyFile, msgEmptyFile)
		return nil
	}
	if offset > 0 {
		shiftLines(&doc, offset)
	}
	return &doc
}

func (l *loader) read(file string) ([]byte, error) { return l.readListed(file, false) }

// readListed is read, for a file that the listing of a folder found
// inside the site said is a regular file (listed), or that no listing
// vouches for (a path, a symbolic link). Only the latter is followed link
// by link to see that it stays inside, and looked at before it is opened
// (opening a named pipe would block): through an os.Root, each of those
// steps opens every folder on the way again.
func (l *loader) readListed(file string, listed bool) ([]byte, error) {
	if !listed && !l.inside(file) {
		return nil, fs.ErrPermission
	}
	var err error
	if !listed {
		var info fs.FileInfo
		if info, err = fs.Stat(l.fsys, file); err == nil && !info.Mode().IsRegular() {
			err = &specialFile{}
		}
	}
	var src []byte
	if err == nil {
		src, err = l.folders.readRegular(l.fsys, file, listed)
	}
	var special *specialFile
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.diags.errorf(plan.At(file, 0, 0), hintMissingFile(file), msgMissingFile)
		return nil, err
	case errors.As(err, &special) && special.tooBig:
		l.diags.errorf(plan.At(file, 0, 0), hintTooBig, msgTooBig, MaxFileSize>>20)
		return nil, fs.ErrInvalid
	case errors.As(err, &special):
		l.diags.errorf(plan.At(file, 0, 0), hintNotRegular, msgNotRegular)
		return nil, fs.ErrInvalid
	case err != nil:
		reason, hint := osReason(err)
		l.diags.errorf(plan.At(file, 0, 0), hint, msgCannotRead, reason)
		return nil, err
	}
	if l.sums != nil {
		l.sums[file] = sha256.Sum256(src)
	}
	src, problem := normalizeText(src)
	if problem != nil {
		l.diags.errorf(problem.pos(file), problem.hint, "%s", problem.msg)
		return nil, fs.ErrInvalid
	}
	l.files[file] = src
	return src, nil
}

// splitFrontMatter splits "---\nYAML\n---\nbody" and returns the YAML, the
// body and the line the body starts on.
func splitFrontMatter(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || strings.TrimRight(string(first), "\r ") != "---" {
		return nil, nil, 0, false
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest) + 1
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
			next = off + end + 1
		}
		if strings.TrimRight(string(l), "\r ") == "---" {
			if next > len(rest) {
				return rest[:off], nil, line + 1, true
			}
			return rest[:off], rest[next:], line + 1, true
		}
		off = next
		line++
	}
	return nil, nil, 0, false
}

// secondDocument reports whether text, whose first document dec has just
// read, goes on with anything: another document that holds something (an
// empty one after a final "---" loses nothing and is let be), or text
// that does not parse. It returns the finding's line — the first "---" or
// "..." line after some content, or the line of the stray text — and its
// message.
func secondDocument(dec *yaml.Decoder, text []byte) (line int, msg string, ok bool) {
	var next yaml.Node
	err := dec.Decode(&next)
	if err == io.EOF || (err == nil && emptyDocument(&next)) {
		return 0, "", false
	}
	content := false
	for i, l := range strings.Split(string(text), "\n") {
		marker := l == "---" || l == "..." || strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "... ") ||
			strings.HasPrefix(l, "---\t")
		if marker && content {
			return i + 1, msgSecondDocument, true
		}
		t := strings.TrimSpace(l)
		content = content || (t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "%") && !marker)
	}
	line = bytes.Count(bytes.TrimRight(text, " \t\n"), []byte("\n")) + 1 // the stray text ends the file
	return line, msgTrailingText, true
}

func emptyDocument(n *yaml.Node) bool {
	if len(n.Content) == 0 {
		return true
	}
	c := n.Content[0]
	return c.Kind == yaml.ScalarNode && c.Tag == "!!null" && c.Value == ""
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// yamlError turns a yaml.v3 syntax error, which carries at best a line and
// never a file or a column, into a diagnostic with all three.
func (l *loader) yamlError(file string, text []byte, offset int, err error) {
	e := locateYAMLError(text, err)
	l.diags.errorf(plan.At(file, e.line+offset, e.col), e.hint, "%s", e.msg)
}

// ignoredName reports whether a file is editor debris or hidden: swap and
// backup files, lock files, dotfiles, the files a file manager leaves; and
// the readings `piao importa` writes beside a sheet it may not overwrite
// (NAME.importato.yaml), which the office compares before taking one.
func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		importedReading(name) ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, ".bak") || strings.HasPrefix(name, "~$") ||
		name == "4913" || name == "Thumbs.db" || name == "desktop.ini"
}

// importedReading reports whether name is a reading left by piao importa:
// NAME.importato.yaml, .yml or .md.
func importedReading(name string) bool {
	stem := strings.TrimSuffix(name, path.Ext(name))
	return strings.HasSuffix(stem, ".importato") && stem != ".importato"
}

// parsePeriod reads "2024-2026", or one year: "2016".
func parsePeriod(s string) (first, last int) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		b = a // one year: periodo: 2016
	}
	first, err1 := strconv.Atoi(strings.TrimSpace(a))
	last, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || first > last || first < 1900 || last-first > 20 {
		return 0, 0
	}
	return first, last
}

// specialFile is a file the loader does not read: not a regular file, or
// larger than MaxFileSize.
type specialFile struct{ tooBig bool }

func (e *specialFile) Error() string {
	if e.tooBig {
		return "file too big"
	}
	return "not a regular file"
}

// readRegular reads a regular file of at most MaxFileSize bytes, opening
// it once (each open through an os.Root walks the whole path).
func readRegular(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case !info.Mode().IsRegular():
		return nil, &specialFile{}
	case info.Size() > MaxFileSize:
		return nil, &specialFile{tooBig: true}
	}
	b := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) > MaxFileSize { // grew while read
			return nil, &specialFile{tooBig: true}
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}
