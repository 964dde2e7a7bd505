package builder

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
	"github.com/piao-pa/piao/builder/plan"
)

// italian returns the built-in theme's Italian words.
func italian(tb testing.TB) *words {
	tb.Helper()
	sub, err := fs.Sub(piao.Themes, "themes/default")
	if err != nil {
		tb.Fatal(err)
	}
	w, err := loadWords([]fs.FS{sub}, "it")
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// TestWordsComplete fails when a template or the Go code asks for a word
// the built-in Italian file lacks, or when the file holds a word nothing
// asks for.
func TestWordsComplete(t *testing.T) {
	w := italian(t)
	used := map[string]bool{}
	static := regexp.MustCompile(`(?:\{\{-?\s*|\()tn? "([^"]+)"|\.(?:T|Count|HTML|HTMLCount)\("([^"]+)"|\.(?:LT|LCount) "([^"]+)"|\.(?:Levelled|LevelCount)\(\w+, "([^"]+)"|(?:named\(w, |title: )"([a-z][\w.]*)"`)
	var sources []string
	for _, glob := range []string{"../themes/default/layouts/*.html", "*.go"} {
		names, _ := filepath.Glob(glob)
		sources = append(sources, names...)
	}
	for _, name := range sources {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range static.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2] + m[3] + m[4] + m[5]
			if strings.HasSuffix(key, ".") { // a prefix, completed at run time: below
				continue
			}
			used[key] = true
			_, ok := w.text[key]
			_, count := w.text[key+".one"]
			if !ok && !count && !optionalWords[key] {
				t.Errorf("%s asks for %q, which themes/default/i18n/it.yaml lacks", name, key)
			}
		}
	}
	// The keys made at run time.
	for _, s := range append(plan.IndicatorSpecs(), plan.SheetSpecs()...) {
		used[fieldKey(s)] = true
		used[fieldKey(s)+".row"], used[fieldKey(s)+".short"] = true, true
		if _, ok := w.text[fieldKey(s)]; !ok {
			t.Errorf("field %s has no label %q in it.yaml", s.Key, fieldKey(s))
		}
	}
	for _, b := range plan.Badges() {
		used["badge."+b.Key()] = true
	}
	for _, l := range planListings(&plan.Plan{}, w) {
		used["index."+l.Key] = true
	}
	for _, d := range datasetSpecs {
		used["dcat.dataset."+d.id+".title"], used["dcat.dataset."+d.id+".description"] = true, true
	}
	for key := range w.text {
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(key, ".one"), ".many"), ".renamed")
		switch {
		case used[key], used[base], strings.HasPrefix(key, "search.js."), strings.HasPrefix(key, "index."), strings.HasPrefix(key, "kind."),
			strings.HasPrefix(key, "level."), strings.HasPrefix(key, "plan.indexes."), strings.HasPrefix(key, "lang.in."),
			key == "date.months", key == "number.decimal":
		default:
			t.Errorf("it.yaml holds %q, which nothing asks for", key)
		}
	}
}

// optionalWords are the keys that only the words of some languages have:
// how French writes the first day of a month ("1er juillet").
var optionalWords = map[string]bool{"date.format.day.first": true}

// TestWordsEveryLanguage: every words file of the built-in theme has
// every key of it.yaml and no other (but the .two and .few counts of a
// language whose grammar has them), and says each text with the same
// {placeholders}; the test names each key a language lacks, so that a
// word added to it.yaml is not forgotten in the other languages.
func TestWordsEveryLanguage(t *testing.T) {
	it := italian(t)
	names, err := filepath.Glob("../themes/default/i18n/*.yaml")
	if err != nil || len(names) < 5 {
		t.Fatalf("words files: %v (%v), want it, de, fr, sl and en", names, err)
	}
	sub, err := fs.Sub(piao.Themes, "themes/default")
	if err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`\{\w+\}`)
	for _, name := range names {
		lang := strings.TrimSuffix(filepath.Base(name), ".yaml")
		if lang == "it" {
			continue
		}
		w, err := loadWords([]fs.FS{sub}, lang)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var lacks []string
		for key, text := range it.text {
			got, ok := w.text[key]
			if !ok {
				lacks = append(lacks, key)
				continue
			}
			want := placeholder.FindAllString(strings.ToLower(text), -1) // {Level} is {level} at a sentence's start
			have := placeholder.FindAllString(strings.ToLower(got), -1)
			if strings.HasSuffix(key, ".one") { // "1 indicatore" in Italian, "{n} indicateur" in French
				want, have = slices.DeleteFunc(want, isN), slices.DeleteFunc(have, isN)
			}
			slices.Sort(want)
			slices.Sort(have)
			if !slices.Equal(slices.Compact(want), slices.Compact(have)) {
				t.Errorf("%s.yaml: %s says %v, it.yaml %v", lang, key, have, want)
			}
		}
		slices.Sort(lacks)
		for _, key := range lacks {
			t.Errorf("%s.yaml lacks %q (it.yaml: %q)", lang, key, it.text[key])
		}
		for key := range w.text {
			base, plural := strings.CutSuffix(key, ".two")
			if !plural {
				base, plural = strings.CutSuffix(key, ".few")
			}
			if _, ok := it.text[key]; !ok && !(plural && it.text[base+".many"] != "") && !optionalWords[key] {
				t.Errorf("%s.yaml holds %q, which it.yaml has not", lang, key)
			}
		}
	}
}

func isN(s string) bool { return s == "{n}" }

// TestUnknownLanguage: a language the theme has no words for is an error
// at its place in config.yaml, naming the languages there are.
func TestUnknownLanguage(t *testing.T) {
	ds := Check(Input{Site: testSite(map[string]string{"config.yaml": testConfig + "lingua: xx\n"}), Themes: piao.Themes})
	i := slices.IndexFunc(ds, func(d Diagnostic) bool { return d.Pos.File() == "config.yaml" && d.Severity == Error })
	if i < 0 {
		t.Fatalf("lingua: xx gave no error:\n%s", ds.Error())
	}
	if d := ds[i]; d.Pos.Line != 3 || !strings.Contains(d.Msg, `"xx"`) || !strings.Contains(d.Hint, "it") {
		t.Errorf("got %s:%d: %s (%s), want line 3 naming xx and the languages there are", d.Pos.File(), d.Pos.Line, d.Msg, d.Hint)
	}
}

// TestSiteWords: a site changes one word in its own words file, and only
// that word changes.
func TestSiteWords(t *testing.T) {
	plain, ds := Build(Input{Site: testSite(nil), Themes: piao.Themes})
	if plain == nil {
		t.Fatal(ds.Error())
	}
	site, ds := Build(Input{Site: testSite(map[string]string{
		"themes/default/i18n/it.yaml": "nav.skip: Salta al contenuto\n",
	}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	for _, name := range []string{"index.html", "p/operativi/uno/index.html"} {
		got := string(site.Files[name])
		want := strings.ReplaceAll(string(plain.Files[name]), ">Vai al contenuto<", ">Salta al contenuto<")
		if got != want || !strings.Contains(got, "Salta al contenuto") {
			t.Errorf("%s: the site's word did not replace the theme's, or changed more than it", name)
		}
	}
}

// TestLevelNamesKept: the names of the levels that the words give
// (level.KEY and level.KEY.many), kept when the words are read, are
// those the words say, in every language of the built-in theme and for
// every level; a level the words have no name for is asked for as
// before (and panics naming the missing word).
func TestLevelNamesKept(t *testing.T) {
	sub, err := fs.Sub(piao.Themes, "themes/default")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("../themes/default/i18n/*.yaml")
	kept := 0
	for _, name := range names {
		lang := strings.TrimSuffix(filepath.Base(name), ".yaml")
		w, err := loadWords([]fs.FS{sub}, lang)
		if err != nil {
			t.Fatal(err)
		}
		for k := range w.text {
			key, ok := strings.CutPrefix(k, "level.")
			if !ok || strings.HasSuffix(key, ".many") || key == "case" {
				continue
			}
			got := w.Level(nil, key)
			want := levelName{One: w.T("level." + key), Many: w.T("level." + key + ".many")}
			if got != want {
				t.Errorf("%s: level %q: %+v, the words say %+v", lang, key, got, want)
			}
			if _, ok := w.levels[key]; ok {
				kept++
			}
		}
	}
	if got := (*words)(nil).Level(nil, "area"); got != (levelName{}) { // a check lists pages without words
		t.Errorf("no words named a level: %+v", got)
	}
	if kept < 10 {
		t.Fatalf("%d level names kept in all: the words are not read as they are", kept)
	}
	defer func() {
		if recover() == nil {
			t.Error("a level without words gave a name")
		}
	}()
	italian(t).Level(nil, "livello-che-non-esiste")
}
