package builder

import (
	"math/rand/v2"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/piao-pa/piao"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// windowsRefuses is the test's own statement of what Windows cannot create,
// written apart from portable.go: a device name with any extension, a
// forbidden character, a trailing dot or space.
var windowsRefuses = regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\..*)?$|[<>:"|?*\\\x00-\x1f]|[. ]$`)

// holdable returns what in names Windows or macOS could not hold: a name
// Windows refuses, a path over 240 characters under the typical folder,
// two names equal but for case or normalisation.
func holdable(names []string) []string {
	var bad []string
	folded := map[string]string{}
	for _, n := range names {
		parts := strings.Split(n, "/")
		for i, seg := range parts {
			if windowsRefuses.MatchString(seg) {
				bad = append(bad, n+": "+seg)
			}
			prefix := strings.Join(parts[:i+1], "/")
			key := cases.Fold().String(norm.NFC.String(prefix))
			if prev, ok := folded[key]; ok && prev != prefix {
				bad = append(bad, prev+" = "+prefix)
			}
			folded[key] = prefix
		}
		if utf8.RuneCountInString(`C:\Users\nome.cognome\Documents\sito-trasparenza\public\`+n) > 240 {
			bad = append(bad, n+": too long")
		}
	}
	return bad
}

func TestSlugUnreserved(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CON", "con_"}, {"Aux.1", "aux_.1"}, {"nul", "nul_"}, {"COM1", "com1_"}, {"lpt9.x.y", "lpt9_.x.y"},
		{"prn.", "prn_"}, {" con ", "con_"}, {"Com0", "com0_"},
		{"console", "console"}, {"com10", "com10"}, {"con-1", "con-1"}, {"aux-servizi", "aux-servizi"}, {"x.con", "x.con"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(holdable([]string{slug(tt.in)})) > 0 {
			t.Errorf("slug(%q) = %q: Windows refuses it", tt.in, slug(tt.in))
		}
	}
}

func TestPathProblem(t *testing.T) {
	long := "piano/operativi/" + strings.Repeat("a", 158) + "/index.html" // 241 characters under the typical folder
	tests := []struct {
		name string
		want int
		seg  string
	}{
		{"piao-2024-2026/unita/suap/index.html", portableOK, ""},
		{"assets/fonts/OFL.txt", portableOK, ""},
		{"assets/img/CON.png", portableReserved, "CON.png"},
		{"assets/nul/x.css", portableReserved, "nul"},
		{"assets/Lpt¹.css", portableReserved, "Lpt¹.css"},
		{"assets/aux .txt", portableReserved, "aux .txt"},
		{"assets/a:b.css", portableChar, "a:b.css"},
		{"assets/a?.css", portableChar, "a?.css"},
		{"assets/tab\there", portableChar, "tab\there"},
		{"assets/fine./x.css", portableTrailing, "fine."},
		{"assets/spazio ", portableTrailing, "spazio "},
		{long, portableLong, ""},
		{strings.Replace(long, "a", "", 1), portableOK, ""},
		{strings.Replace(long, "a", "à", 1), portableLong, ""},
	}
	for _, tt := range tests {
		why, seg := pathProblem(tt.name)
		if why != tt.want || seg != tt.seg {
			t.Errorf("pathProblem(%q) = %d %q, want %d %q", tt.name, why, seg, tt.want, tt.seg)
		}
		if refused := len(holdable([]string{tt.name})) > 0; refused != (tt.want != portableOK) {
			t.Errorf("%q: the test's oracle disagrees (refused %v)", tt.name, refused)
		}
	}
}

func TestCollisions(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"assets/Logo.png", "assets/logo.png"}, "assets/Logo.png=assets/logo.png"},
		{[]string{"assets/qualit\u00e0.css", "assets/qualita\u0300.css"}, "assets/qualita\u0300.css=assets/qualit\u00e0.css"},
		{[]string{"A/x.css", "a/y.css", "a/z.css"}, "A=a"},
		{[]string{"assets/IMG/a.png", "assets/Img/b.png"}, "assets/IMG=assets/Img"},
		{[]string{"caffe.css", "caff\u00e8.css", "Caff\u00e8/x"}, ""},
		{[]string{"piao/index.html", "piao/unita/index.html"}, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range collisions(tt.names) {
			got = append(got, c[0]+"="+c[1])
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("collisions(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

// TestPortableOutput: every path the example and the synthetic sites
// write can be held by Windows and macOS, as the test's own oracle says.
func TestPortableOutput(t *testing.T) {
	sites := map[string]string{"example": "..", "synth": synthDir(t, 400)}
	for name, dir := range sites {
		site, ds := Build(Input{Site: os.DirFS(dir), Themes: piao.Themes, Minify: true})
		if site == nil {
			t.Fatalf("%s: %s", name, ds.Error())
		}
		if bad := holdable(site.Paths()); len(bad) > 0 {
			t.Errorf("%s: Windows or macOS cannot hold %q", name, bad)
		}
		if len(site.Paths()) < 100 {
			t.Errorf("%s: only %d files: the test tests little", name, len(site.Paths()))
		}
	}
}

// TestUnholdableNames: names a Windows PC cannot hold, from every place they
// can come from. Codes and file names of the content become slugs that it
// can; a theme's assets and an archived snapshot are reported at their
// file, with a hint, and so is a path too long.
func TestUnholdableNames(t *testing.T) {
	piano := strings.NewReplacer("codice: u1", "codice: con", "codice: a1", "codice: aux.1").Replace(testPiano)
	sheet := strings.NewReplacer("unita: u1", "unita: con", "area: a1", "area: aux.1").Replace(testSheet)
	long := strings.Repeat("obiettivo-", 18) + "fine"
	files := testSite(map[string]string{
		"content/p/piano.yaml":                  piano,
		"content/p/operativi/uno.yaml":          "",
		"content/p/operativi/nul.yaml":          sheet,
		"content/p/operativi/LPT1.md":           "---\n" + strings.Replace(sheet, "peso: 50%", "peso: 0%", 1) + "---\n",
		"content/p/operativi/" + long + ".yaml": strings.Replace(sheet, "peso: 50%", "peso: 0%", 1),
		"themes/default/assets/img/aux.png":     "x",
		"themes/default/assets/img/a:b.png":     "x",
		"themes/default/assets/img/punto.":      "x",
		"themes/default/assets/css/PIAO.css":    "body{}",
	})
	// An archived snapshot, sealed as piao archive seals one (a snapshot
	// that does not verify stops the build before its names matter).
	old, err := seal(map[string][]byte{"p/unita/con/index.html": []byte("<p>vecchio</p>")},
		SnapshotMeta{Nome: "vecchio", Data: "2024-09-12", Conservazione: RetentionEnd("2024-09-12")})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range old.Files {
		files["archive/vecchio/"+name] = &fstest.MapFile{Data: b}
	}
	if site, _ := Build(Input{Site: files, Themes: piao.Themes}); site != nil {
		t.Fatal("a site Windows cannot hold was built")
	}
	ds := Check(Input{Site: files, Themes: piao.Themes})
	got := headlines(ds)
	for _, want := range []string{
		`themes/default/assets/img/aux.png: errore: il file assets/img/aux.png non si può creare su Windows: "aux.png" è un nome riservato`,
		`themes/default/assets/img/a:b.png: errore: il file assets/img/a:b.png non si può creare su Windows: il nome "a:b.png" contiene un carattere`,
		`themes/default/assets/img/punto.: errore: il file assets/img/punto. non si può creare su Windows: il nome "punto." finisce con un punto`,
		`themes/default/assets/css/PIAO.css: errore: assets/css/PIAO.css e assets/css/piao.css differiscono solo per maiuscole`,
		`archive/vecchio/p/unita/con/index.html: avviso: il file archivio/vecchio/p/unita/con/index.html non si può creare su Windows: "con" è un nome riservato`,
		`content/p/operativi/` + long + `.yaml:1:1: errore: il percorso p/operativi/` + long + `/`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q; got:\n%s", want, got)
		}
	}
	for _, d := range ds {
		if d.Hint == "" {
			t.Errorf("no hint: %s", d)
		}
	}
	// Without the theme's and the archive's names and the long one, the
	// site builds, and its codes and file names are names Windows can hold.
	for name := range files {
		if strings.HasPrefix(name, "themes/") || strings.HasPrefix(name, "archive/") || strings.Contains(name, long) {
			delete(files, name)
		}
	}
	site, ds := Build(Input{Site: files, Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	for _, want := range []string{"p/unita/con_/index.html", "p/aree/aux_.1/index.html", "p/operativi/nul_/index.html", "p/operativi/lpt1_/index.html"} {
		if site.Files[want] == nil {
			t.Errorf("no %s", want)
		}
	}
	if bad := holdable(site.Paths()); len(bad) > 0 {
		t.Errorf("Windows or macOS cannot hold %q", bad)
	}
}

// TestSnapshotTooLong: a snapshot whose paths, published under
// archivio/NAME/, would be too long for Windows is refused before it is
// made, at its plan, with a hint to choose a shorter name.
func TestSnapshotTooLong(t *testing.T) {
	in := Input{Site: os.DirFS(".."), Themes: piao.Themes, Minify: true}
	snap, ds := NewSnapshot(in, SnapshotOptions{Plan: "piao-2024-2026", Name: strings.Repeat("archivio-", 14) + "x"})
	if snap != nil {
		t.Fatal("a snapshot too long for Windows was made")
	}
	got := headlines(ds)
	if !strings.Contains(got, "content/piao-2024-2026/piano.yaml:") || !strings.Contains(got, "errore: il percorso archivio/archivio-") || !strings.Contains(got, "è troppo lungo") || !strings.Contains(ds.Error(), "--nome") {
		t.Errorf("got:\n%s", ds.Error())
	}
	if snap, ds := NewSnapshot(in, SnapshotOptions{Plan: "piao-2024-2026"}); snap == nil {
		t.Errorf("the example's snapshot under its own name is refused:\n%s", ds.Error())
	}
}

// TestSlugShortcut: a text slug gives back as it is takes the short way,
// and every text of up to six characters of an alphabet of letters,
// digits, dots, dashes, capitals, spaces and accents gets the slug of the
// long way, a segment of a path as it is (neither empty nor "." or "..",
// no slash).
func TestSlugShortcut(t *testing.T) {
	alphabet := []string{"a", "0", "-", ".", "A", " ", "à"}
	var each func(prefix string, n int)
	count := 0
	each = func(prefix string, n int) {
		if got, want := slug(prefix), slugOf(prefix); got != want {
			t.Fatalf("slug(%q) = %q, the long way %q", prefix, got, want)
		}
		if s := slug(prefix); path.Join("p", s, "q") != "p/"+s+"/q" { // sheetFolder joins slugs as they are
			t.Fatalf("slug(%q) = %q: not a segment of a path as it is", prefix, s)
		}
		if isSlug(prefix) && slugOf(prefix) != unreserved(prefix) {
			t.Fatalf("%q taken as a slug, but slug changes it", prefix)
		}
		count++
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			each(prefix+c, n-1)
		}
	}
	each("", 6)
	for _, s := range []string{"piao-2024-2026", "area-2", "sg3.b", "con", "nul.1"} {
		if !isSlug(s) {
			t.Errorf("%q not taken the short way", s)
		}
	}
	t.Logf("%d texts", count)
}

// TestMergeSorted: two sorted lists merge into the sorted list of both,
// duplicates kept, whatever their lengths.
func TestMergeSorted(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		a, b := make([]string, r.IntN(20)), make([]string, r.IntN(20))
		for i := range a {
			a[i] = strconv.Itoa(r.IntN(30))
		}
		for i := range b {
			b[i] = strconv.Itoa(r.IntN(30))
		}
		slices.Sort(a)
		slices.Sort(b)
		want := slices.Sorted(slices.Values(slices.Concat(a, b)))
		if got := mergeSorted(a, b); !slices.Equal(got, want) {
			t.Fatalf("mergeSorted(%q, %q) = %q, want %q", a, b, got, want)
		}
	}
}
