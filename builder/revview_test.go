package builder

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao"
)

// sectionOf is the part of page between the first from and the next to
// after it ("" when from is missing).
func sectionOf(page, from, to string) string {
	i := strings.Index(page, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i+len(from):], to)
	if j < 0 {
		return page[i:]
	}
	return page[i : i+len(from)+j]
}

// TestChangesInWords (point 1): a long text a revision changed shows its
// kept words once and the changed ones struck and added, with words for
// screen readers, the whole earlier text one click away; a short value
// keeps "prima" → "ora"; the "as approved" page shows no difference.
func TestChangesInWords(t *testing.T) {
	site := buildExample(t, false)
	page := withoutAbbr(string(site.Files[revisedSheet]))
	desc := `Definizione, tramite evasione o adozione provvedimento di rigetto, delle pratiche sospese alla data del <del><span class="sr-only">testo tolto: </span>30.09.2023</del> <ins><span class="sr-only">testo aggiunto: </span>31.12.2023</ins>`
	if n := strings.Count(page, desc); n != 2 { // in the revision box and in the indicator's table
		t.Errorf("registro-imprese: the description's word difference appears %d times, want 2:\n%s", n, desc)
	}
	if n := strings.Count(page, "delle pratiche sospese alla data del 30.09.2023"); n != 2 {
		t.Errorf("registro-imprese: the earlier sentence is written whole %d times, want twice (in the disclosures)", n)
	}
	table := page[strings.Index(page, `<table class="fields">`):]
	before := sectionOf(table, `<details class="before"><summary>Testo precedente</summary>`, "</details>")
	if !strings.Contains(before, "delle pratiche sospese alla data del 30.09.2023") || !strings.Contains(before, "fino alla revisione del 12 settembre 2024") {
		t.Errorf("registro-imprese: the earlier text is not one click away: %q", before)
	}
	if !strings.Contains(page, `Target 2024: <del><span class="rev-tag" aria-hidden="true">prima</span><span class="sr-only">valore precedente: </span>≤ 20%</del> <span aria-hidden="true">→</span> <ins>`) {
		t.Error("registro-imprese: the target is not shown before → after")
	}
	orig := string(site.Files["piao-2024-2026/operativi/registro-imprese/originale/index.html"])
	if strings.Contains(orig, `class="diff"`) || strings.Contains(orig, "31.12.2023") {
		t.Error("the as-approved page shows a difference or the later text")
	}
	// A text rewritten whole is shown whole, before and after.
	linea1 := string(site.Files["piao-2024-2026/strategici/linea-1/index.html"])
	if !strings.Contains(linea1, `<del><span class="rev-tag" aria-hidden="true">prima</span><span class="sr-only">valore precedente: </span>Internazionalizzazione - Livello di supporto alle imprese</del>`) {
		t.Error("linea-1: a description rewritten whole is not shown before → after")
	}
}

// TestChangesInWordsHostile: the texts compared are content, escaped:
// markup in them is shown as text, in the difference and in the earlier
// text.
func TestChangesInWordsHostile(t *testing.T) {
	sheet := strings.Replace(testSheet, "obiettivo_operativo: Fare qualcosa", `obiettivo_operativo:
  valore: "Fare <script>alert(1)</script> qualcosa [di](javascript:alert(2)) utile **davvero** oggi"
  precedente: "Fare <script>alert(1)</script> qualcosa [di](javascript:alert(2)) inutile **davvero** oggi"
  revisione: r1`, 1)
	site, ds := Build(Input{Site: testSite(map[string]string{"content/p/operativi/uno.yaml": sheet}), Themes: piao.Themes})
	if site == nil {
		t.Fatal(ds.Error())
	}
	page := string(site.Files["p/operativi/uno/index.html"])
	diff := `<span class="diff">Fare &lt;script&gt;alert(1)&lt;/script&gt; qualcosa di <del><span class="sr-only">testo tolto: </span>inutile</del> <ins><span class="sr-only">testo aggiunto: </span>utile</ins> davvero oggi</span>`
	if !strings.Contains(page, diff) {
		t.Errorf("the difference of a hostile text is not %s", diff)
	}
	if strings.Contains(page, "<script>alert") || strings.Contains(page, `href="javascript`) {
		t.Error("a hostile text reached the page as markup")
	}
}

// TestChangesWithReasons (point 2): every change sits next to the note
// that explains it, a note that covers several indicators names them,
// and a change no note explains says so instead of borrowing a cause.
func TestChangesWithReasons(t *testing.T) {
	site := buildExample(t, false)
	suap := withoutAbbr(string(site.Files["piao-2024-2026/operativi/suap/index.html"]))
	box := sectionOf(suap, `<div class="notice revised"`, `<table class="fields">`)
	groups := strings.Split(box, `<div class="revgroup">`)[1:]
	if len(groups) != 2 {
		t.Fatalf("suap: %d groups in the revision box, want 2 (the indicators swapped, the new one)", len(groups))
	}
	pair := groups[0]
	for _, want := range []string{`>Indicatore 1</a> <span class="part-name">Attivazione sperimentale`, `<span class="status">stralciato</span>`,
		`e <a href="index.html#ind-nuovo-sistema-pagamento">Indicatore 2</a>`, "<dt>Che cosa cambia</dt>",
		"stralcio e inserimento nuovo indicatore, riduzione del peso e adeguamento fonte.", "<dt>Perché</dt>",
		"impossibilità tecnica di attivare la funzione di archiviazione automatica"} {
		if !strings.Contains(pair, want) {
			t.Errorf("suap: the group of the removed and the new indicator lacks %s", want)
		}
	}
	if strings.Contains(groups[1], "impossibilità tecnica") || !strings.Contains(groups[1], "integrazione delle attività legate all&#39;obiettivo.") {
		t.Error("suap: the third indicator's group holds another cause, or not its own")
	}
	// linea-1: the resources' change is explained by the footnote the
	// revision added, each indicator by its own note.
	linea1 := withoutAbbr(string(site.Files["piao-2024-2026/strategici/linea-1/index.html"]))
	box = sectionOf(linea1, `<div class="notice revised"`, `<table class="fields">`)
	groups = strings.Split(box, `<div class="revgroup">`)[1:]
	if len(groups) != 3 || !strings.Contains(groups[0], "La scheda") || !strings.Contains(groups[0], "<dd><p>(*) aggiornamento da preventivo economico</p></dd>") ||
		!strings.Contains(groups[1], "Aggiornamento eseguito a seguito") || !strings.Contains(groups[2], "Indicatore sostituito con indicatore") {
		t.Errorf("linea-1: the revision box is not the sheet, indicator 1 and indicator 3, each with its reason:\n%s", box)
	}
	if !strings.Contains(groups[1], "Target 2024 e 2025:") {
		t.Error("linea-1: the same change of two years is not one item")
	}
	// A removal no note explains says that the sheet gives no reason.
	sheet := strings.Replace(testSheet, "indicatori:\n", "indicatori:\n  - {descrizione: Tolto, target: {2024: SI}, peso: 0%, stralcio: r1}\n", 1)
	sheet = strings.Replace(sheet, "note_revisione:\n  - revisione: r1\n    revisione_attuata: nessun valore cambiato\n    causa: prova\n", "", 1)
	small, ds := Build(Input{Site: testSite(map[string]string{"content/p/operativi/uno.yaml": sheet}), Themes: piao.Themes})
	if small == nil {
		t.Fatal(ds.Error())
	}
	page := string(small.Files["p/operativi/uno/index.html"])
	if !strings.Contains(page, `<p class="why-none">La scheda non indica il motivo di questa modifica; vedi il <a href="../../revisioni/index.html#r1">motivo della revisione</a>.</p>`) {
		t.Error("a change without a note does not say that the sheet gives no reason")
	}
}

// TestIndicatorsWithNames (point 3): each indicator's heading names it
// after its number; those in force come first, those removed after,
// folded under their name; the targets stand apart; on the "as
// approved" page every indicator then in force is shown, in order.
func TestIndicatorsWithNames(t *testing.T) {
	site := buildExample(t, false)
	metro := string(site.Files["piao-2024-2026/operativi/metrologia-convenzioni/index.html"])
	heads := regexp.MustCompile(`<(section|details) class="indicator[^"]*" id="ind-([a-z-]+)"`).FindAllStringSubmatch(metro, -1)
	var got []string
	for _, h := range heads {
		got = append(got, h[1]+" "+h[2])
	}
	want := "section convenzione-metrologia-esecuzione|details convenzione-metrologia-avvio|details sicurezza-prodotti"
	if strings.Join(got, "|") != want {
		t.Errorf("metrologia-convenzioni: indicators %v, want %s", got, want)
	}
	for _, w := range []string{
		`<summary><h3 id="ind-convenzione-metrologia-avvio-h"><span class="ind-num">Indicatore 1</span> <span class="ind-name">Avvio delle attività relative alla prossima Convenzione &#34;Metrologia&#34; per la quale è…</span> <span class="status">stralciato</span></h3></summary>`,
		`<h3 id="ind-convenzione-metrologia-esecuzione-h"><span class="ind-num">Indicatore 2</span>`,
		`<dl class="targets"><div><dt>Target 2024</dt><dd>100%</dd></div></dl>`,
	} {
		if !strings.Contains(metro, w) {
			t.Errorf("metrologia-convenzioni lacks %s", w)
		}
	}
	orig := string(site.Files["piao-2024-2026/operativi/metrologia-convenzioni/originale/index.html"])
	if strings.Contains(orig, "<details class=\"indicator") || strings.Index(orig, "ind-convenzione-metrologia-avvio") > strings.Index(orig, "ind-sicurezza-prodotti") {
		t.Error("the as-approved page folds or reorders the indicators then in force")
	}
	for _, tt := range []struct{ in, want string }{
		{"Rendiconto di gestione delle attività", "Rendiconto di gestione delle attività"},
		{`Progetto "La doppia transizione: digitale ed ecologica" - Livelli di attività di valutazione della maturità digitale delle imprese`,
			`Progetto "La doppia transizione: digitale ed ecologica" - Livelli di attività…`},
		{"Attività (azioni di informazione, comunicazione) finalizzate a promuovere il completamento del percorso di implementazione",
			"Attività (azioni di informazione, comunicazione) finalizzate a promuovere il completamento…"},
		{"Numero (di pratiche evase entro i termini previsti dalla normativa vigente e dal regolamento interno dell'ente camerale)",
			"Numero (di pratiche evase entro i termini previsti dalla normativa vigente…)"},
		{`Indicatore "Tempi medi di evasione delle pratiche telematiche del registro delle imprese nelle sedi"`,
			`Indicatore "Tempi medi di evasione delle pratiche telematiche del registro delle imprese…"`},
	} {
		if got, _ := shortName(tt.in); got != tt.want {
			t.Errorf("shortName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBadges (point 4): lists, indexes and the search filter say what the
// revisions did; a plan without weights never says a weight changed.
func TestBadges(t *testing.T) {
	site := buildExample(t, false)
	for file, want := range map[string]string{
		"piao-2024-2026/unita/registro-imprese/index.html": `Gestione Pratiche telematiche RI e REA sospese</a> <span class="badge">target ridotto</span> <span class="badge">descrizione modificata</span> <span class="badge">algoritmo modificato</span>`,
		"piao-2024-2026/indici/indicatori/index.html":      `Tempo medio ponderato di pagamento (TMP)</a> <span class="status">nuovo indicatore</span>`,
		"piao-2024-2026/index.html":                        `<span class="badge">target modificato</span> <span class="badge">risorse aumentate</span>`,
		"cerca/index.html":                                 `<option value="c_target-ridotto">target ridotto</option>`,
	} {
		if !strings.Contains(withoutAbbr(string(site.Files[file])), want) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
	ix := buildSearchIndex(site.Model, italian(t))
	down := ix.facets["c_target-ridotto"]
	if len(down) == 0 {
		t.Fatal("no search facet of lowered targets")
	}
	for _, id := range down {
		if d := ix.docs[id]; !strings.Contains(d.URL+d.Title, "registro-imprese") && !strings.Contains(d.URL, "linea-") && !strings.Contains(d.URL, "ind-") {
			t.Errorf("lowered targets: %s", d.URL)
		}
	}
	for _, name := range []string{"b-asl", "e-nazionale"} {
		plan := buildPlan(t, name)
		for p, b := range plan.Files {
			if strings.Contains(string(b), "peso modificato") || strings.Contains(string(b), "peso-modificato") {
				t.Errorf("%s/%s speaks of a weight changed, in a plan without weights", name, p)
			}
		}
	}
}

// TestSelectionSaid (point 5): with schede: selezione, the plan's, units',
// areas' and lines' pages say that only some sheets are published, which
// ones and where the whole plan is; a plan that publishes all says
// nothing of it.
func TestSelectionSaid(t *testing.T) {
	site := buildExample(t, false)
	which := "le schede obiettivo operativo modificate dalla revisione del 12 settembre 2024"
	link := `<a href="https://www.example.it/amministrazione-trasparente/piao-2024-2026" class="external">Consulta il piano completo</a>`
	for file, lead := range map[string]string{
		"piao-2024-2026/index.html":                     "Questo sito pubblica solo alcune schede del piano",
		"piao-2024-2026/unita/suap/index.html":          "Di questa unità il sito pubblica solo le schede comprese nella selezione del piano",
		"piao-2024-2026/aree/area-1/index.html":         "Di quest'area il sito pubblica solo",
		"piao-2024-2026/linee/4/index.html":             "Di questa linea il sito pubblica solo",
		"piao-2024-2026/unita/metrologia/index.html":    "Per questo i pesi degli obiettivi qui elencati possono non arrivare al 100%.",
		"piao-2024-2026/unita/risorse-umane/index.html": which,
	} {
		page := string(site.Files[file])
		if !strings.Contains(page, lead) || !strings.Contains(page, which) || !strings.Contains(page, link) {
			t.Errorf("%s does not say what is published and where the whole plan is", file)
		}
	}
	a := buildPlan(t, "a-piao")
	for p, b := range a.Files {
		if strings.Contains(string(b), "notice selection") {
			t.Errorf("a-piao publishes all its sheets, but %s says it publishes some", p)
		}
	}
}

// TestOneLine: oneLine is strings.Join(strings.Fields(s), " "), for every
// kind of space, leading, trailing and doubled.
func TestOneLine(t *testing.T) {
	pieces := []string{"a", "è", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u0085", "\u2028", "\u3000", "\xff", "x y"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("oneLine(%q) = %q, want %q", s, got, want)
		}
	}
}
