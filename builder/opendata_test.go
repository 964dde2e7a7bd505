package builder

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// readCSV parses a CSV of the site as a spreadsheet would: it must start
// with the UTF-8 byte order mark, end its lines with CRLF, be valid UTF-8
// and have as many cells in every row as in the header.
func readCSV(t *testing.T, site *Site, p string) (header []string, rows []map[string]string) {
	t.Helper()
	b, ok := site.Files[p]
	if !ok {
		t.Fatalf("%s not built", p)
	}
	if !bytes.HasPrefix(b, []byte(utf8BOM)) {
		t.Errorf("%s: no UTF-8 byte order mark", p)
	}
	if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Errorf("%s: lines not ended by CRLF (RFC 4180)", p)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(utf8BOM))))
	all, err := r.ReadAll() // also fails on rows of the wrong length
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	header = all[0]
	for _, rec := range all[1:] {
		row := map[string]string{}
		for i, c := range rec {
			row[header[i]] = c
		}
		rows = append(rows, row)
	}
	return header, rows
}

func findRow(rows []map[string]string, match map[string]string) map[string]string {
	for _, r := range rows {
		ok := true
		for k, v := range match {
			ok = ok && r[k] == v
		}
		if ok {
			return r
		}
	}
	return nil
}

// TestOpenDataCSV: the example plan's CSV files parse back and agree with
// the model: counts, a sample of current and original values, added and
// removed indicators, and the revision's changes.
func TestOpenDataCSV(t *testing.T) {
	site := buildExample(t, true)
	p := site.Model.Plans[0]
	_, sheets := readCSV(t, site, "piao-2024-2026/dati/schede.csv")
	if len(sheets) != len(p.Sheets()) {
		t.Errorf("schede.csv: %d rows, want %d sheets", len(sheets), len(p.Sheets()))
	}
	ri := findRow(sheets, map[string]string{"scheda": "linea-1"})
	if ri == nil || ri["risorse_2024"] != "€ 1.201.904,83" || ri["risorse_2024_iniziale"] != "€ 1.105.500,00" || ri["tipo"] != "strategica" {
		t.Errorf("schede.csv linea-1 = %v, want resources 2024 € 1.201.904,83 (first € 1.105.500,00)", ri)
	}
	_, inds := readCSV(t, site, "piao-2024-2026/dati/indicatori.csv")
	total := 0
	for _, s := range p.Sheets() {
		total += len(s.Indicatori)
	}
	if len(inds) != total {
		t.Errorf("indicatori.csv: %d rows, want %d indicators", len(inds), total)
	}
	for _, c := range []struct {
		id   string
		want map[string]string
	}{
		{"pratiche-sospese-ri", map[string]string{"target_2024": "≤ 5%", "target_2024_iniziale": "≤ 20%", "in_vigore": "si", "scheda": "registro-imprese"}},
		{"tmp-tempo-pagamento", map[string]string{"in_vigore": "si", "in_vigore_iniziale": "no", "inserito_da": "rev-2024-09", "descrizione_iniziale": ""}},
		{"sicurezza-prodotti", map[string]string{"in_vigore": "no", "in_vigore_iniziale": "si", "stralciato_da": "rev-2024-09"}},
		{"tmr-ritardo-pagamenti", map[string]string{"peso": "50%", "peso_iniziale": "100%"}},
	} {
		row := findRow(inds, map[string]string{"indicatore": c.id})
		if row == nil {
			t.Errorf("indicatori.csv: no row for %s", c.id)
			continue
		}
		for k, v := range c.want {
			if row[k] != v {
				t.Errorf("indicatori.csv %s: %s = %q, want %q", c.id, k, row[k], v)
			}
		}
	}
	_, changes := readCSV(t, site, "piao-2024-2026/dati/revisioni.csv")
	if want := len(p.Changes("rev-2024-09")); len(changes) != want || want == 0 {
		t.Errorf("revisioni.csv: %d rows, want %d changes", len(changes), want)
	}
	row := findRow(changes, map[string]string{"indicatore": "pratiche-sospese-ri", "campo": "target_2024"})
	if row == nil || row["valore_precedente"] != "≤ 20%" || row["valore_attuale"] != "≤ 5%" ||
		row["atto"] != "deliberazione n. G/59 del 12.09.2024" || row["modifica"] != "modificato" {
		t.Errorf("revisioni.csv: change of the Registro Imprese target = %v", row)
	}
	if findRow(changes, map[string]string{"indicatore": "sicurezza-prodotti", "modifica": "stralciato"}) == nil {
		t.Error("revisioni.csv: the removal of sicurezza-prodotti is missing")
	}
}

// TestCSVColumnsDocumented: the columns of every CSV are those listed in
// docs/open-data.md, in order, with AAAA standing for each year.
func TestCSVColumnsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/open-data.md")
	if err != nil {
		t.Fatal(err)
	}
	site := buildExample(t, true)
	p := site.Model.Plans[0]
	col := regexp.MustCompile("(?m)^\\| `([a-z_A]+)` \\|")
	for _, file := range []string{"schede.csv", "indicatori.csv", "revisioni.csv"} {
		_, section, ok := strings.Cut(string(doc), "### "+file)
		if !ok {
			t.Errorf("docs/open-data.md has no section ### %s", file)
			continue
		}
		section, _, _ = strings.Cut(section, "\n#")
		var want, group []string // group: consecutive per-year columns
		flush := func() {
			for _, y := range p.Years() {
				for _, g := range group {
					want = append(want, strings.Replace(g, "AAAA", y, 1))
				}
			}
			group = nil
		}
		for _, m := range col.FindAllStringSubmatch(section, -1) {
			if strings.Contains(m[1], "AAAA") {
				group = append(group, m[1])
				continue
			}
			flush()
			want = append(want, m[1])
		}
		flush()
		header, _ := readCSV(t, site, "piao-2024-2026/dati/"+file)
		if strings.Join(header, ",") != strings.Join(want, ",") {
			t.Errorf("%s columns\n got %v\nwant %v (docs/open-data.md)", file, header, want)
		}
	}
}

// TestCSVNeutralise: cells a spreadsheet would run as formulas get an
// apostrophe; other text, Italian letters included, is untouched.
func TestCSVNeutralise(t *testing.T) {
	tb := table{header: []string{"a"}, rows: slices.Values([][]string{{"=1+1"}, {"+39 0321"}, {"-5%"}, {"@SUM(A1)"}, {"\tx"}, {"≥ 12"}, {"Unità, \"qualità\""},
		{"＝1+1"}, {"＋39"}, {"－5"}, {"＠SUM(A1)"}, {"﹦1"}})}
	b := tb.csv()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(utf8BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"'=1+1", "'+39 0321", "'-5%", "'@SUM(A1)", "'\tx", "≥ 12", "Unità, \"qualità\"",
		"'＝1+1", "'＋39", "'－5", "'＠SUM(A1)", "'﹦1"}
	for i, w := range want {
		if got := recs[i+1][0]; got != w {
			t.Errorf("cell %d = %q, want %q", i, got, w)
		}
	}
}

// TestOpenDataJSON: piano.json and a sheet's JSON parse back and agree
// with the model and with the CSV files.
func TestOpenDataJSON(t *testing.T) {
	site := buildExample(t, true)
	p := site.Model.Plans[0]
	var doc struct {
		Piano     string
		Anni      []string
		Revisioni []struct{ ID, Data, Atto string }
		Schede    []struct {
			Scheda     string
			Indicatori []struct {
				ID       string
				InVigore bool `json:"in_vigore"`
				Target   map[string]struct{ Attuale, Iniziale string }
			}
		}
		Modifiche []map[string]string
	}
	if err := json.Unmarshal(site.Files["piao-2024-2026/dati/piano.json"], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Piano != "piao-2024-2026" || strings.Join(doc.Anni, ",") != "2024,2025,2026" || len(doc.Revisioni) != 1 ||
		doc.Revisioni[0].Data != "2024-09-12" {
		t.Errorf("piano.json head: %+v %v %+v", doc.Piano, doc.Anni, doc.Revisioni)
	}
	if len(doc.Schede) != len(p.Sheets()) {
		t.Fatalf("piano.json: %d sheets, want %d", len(doc.Schede), len(p.Sheets()))
	}
	_, csvChanges := readCSV(t, site, "piao-2024-2026/dati/revisioni.csv")
	if len(doc.Modifiche) != len(csvChanges) {
		t.Errorf("piano.json: %d changes, revisioni.csv %d", len(doc.Modifiche), len(csvChanges))
	}
	for i, m := range doc.Modifiche {
		for k, v := range m {
			if csvChanges[i][k] != v {
				t.Errorf("change %d: %s = %q in JSON, %q in CSV", i, k, v, csvChanges[i][k])
			}
		}
	}
	found := false
	for _, s := range doc.Schede {
		for _, ind := range s.Indicatori {
			if ind.ID == "pratiche-sospese-ri" {
				found = true
				if tg := ind.Target["2024"]; tg.Attuale != "≤ 5%" || tg.Iniziale != "≤ 20%" || !ind.InVigore {
					t.Errorf("piano.json pratiche-sospese-ri target 2024 = %+v", tg)
				}
			}
		}
	}
	if !found {
		t.Error("piano.json: pratiche-sospese-ri missing")
	}
	var sheet struct {
		Scheda, Tipo string
		Peso         struct{ Attuale, Iniziale string }
		Indicatori   []json.RawMessage
	}
	s := findSheetOf(p, "amministrazione-contabilita")
	if err := json.Unmarshal(site.Files[sheetDataPath(s)], &sheet); err != nil {
		t.Fatal(err)
	}
	if sheet.Scheda != s.Slug || sheet.Tipo != "operativa" || sheet.Peso.Attuale != s.Peso.S || len(sheet.Indicatori) != len(s.Indicatori) {
		t.Errorf("scheda.json of %s = %+v", s.Slug, sheet)
	}
}

func findSheetOf(p *plan.Plan, slug string) *plan.Sheet {
	for _, s := range p.Sheets() {
		if s.Slug == slug {
			return s
		}
	}
	return nil
}

// TestSpliceObject: the members of head, the fields and the members of
// tail in one object, as one struct holding them all encodes, an empty
// part leaving no comma; the same again with the buffers of the pool
// reused.
func TestSpliceObject(t *testing.T) {
	type head struct {
		ID   string `json:"id"`
		Nota string `json:"nota"`
	}
	type none struct{}
	type tail struct {
		N []int `json:"n"`
	}
	cases := []struct {
		head, tail any
		fields     fieldsJSON
		want       string
	}{
		{head{"a<b", "è \"q\""}, tail{[]int{1, 2}}, fieldsJSON{{"campo", "v&w"}, {"x", 3}},
			`{"id":"a<b","nota":"è \"q\"","campo":"v&w","x":3,"n":[1,2]}`},
		{none{}, tail{nil}, fieldsJSON{{"campo", "v"}}, `{"campo":"v","n":null}`},
		{none{}, none{}, nil, `{}`},
		{head{"i", ""}, none{}, nil, `{"id":"i","nota":""}`},
		{none{}, tail{[]int{}}, nil, `{"n":[]}`},
	}
	for range 3 {
		for _, c := range cases {
			// Appended after what the buffer holds, which stays.
			buf := bytes.NewBufferString(`[{"a":1},`)
			err := spliceObject(buf, c.head, c.fields, c.tail)
			if got := buf.String(); err != nil || got != `[{"a":1},`+c.want {
				t.Errorf("%+v %+v %+v: %s, %v; want %s", c.head, c.fields, c.tail, got, err, c.want)
			}
		}
	}
	if err := spliceObject(new(bytes.Buffer), []int{1}, nil, none{}); err == nil {
		t.Error("a part that is not an object spliced")
	}
}

// TestSelfEncodedJSON: a sheet's and an indicator's data, written as they
// encode themselves (encodeJSON), are the bytes the encoder gives them,
// with text that HTML and JSON escape (<, &, quotes, U+2028) in every
// field that holds text.
func TestSelfEncodedJSON(t *testing.T) {
	model, ds := LoadAndCheck(os.DirFS(".."))
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	p, w := model.Plans[0], italian(t)
	hostile := "<b>'a'</b> & \"b\" \u2028 \\ fine"
	n := 0
	for _, s := range p.Sheets() {
		for _, v := range []any{sheetData(model, w, s), sheetData(model, w, hostileSheet(s, hostile))} {
			sj := v.(sheetJSON)
			values := []any{sj}
			for _, ind := range sj.Indicatori {
				values = append(values, ind)
			}
			for _, v := range values {
				var got, want bytes.Buffer
				if err := encodeJSON(&got, v); err != nil {
					t.Fatal(err)
				}
				enc := json.NewEncoder(&want)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(v); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("%s: %T written as\n%s\nencoded as\n%s", s.Pos.File(), v, got.String(), want.String())
				}
				n++
			}
		}
	}
	if n < 2*len(p.Sheets()) {
		t.Errorf("%d values compared", n)
	}
}

// hostileSheet is a copy of s whose texts are all text.
func hostileSheet(s *plan.Sheet, text string) *plan.Sheet {
	c := *s
	c.Titolo.S, c.Body, c.Responsabile.S = text, text, text
	c.Indicatori = slices.Clone(s.Indicatori)
	for i := range c.Indicatori {
		c.Indicatori[i].Descrizione.S = text
		c.Indicatori[i].Fonte.S = text
	}
	return &c
}

// TestFieldJSONSameAsEncoder: appendFieldJSON writes every value a field
// may hold as encoding/json does, hostile texts included, and leaves any
// other type to it.
func TestFieldJSONSameAsEncoder(t *testing.T) {
	pieces := []string{"", "a", "≥ 90%", `"`, `\`, "<b>&amp;</b>", "\n", "\t", "\x00", "\x1f", "\x7f", "\xff", "\xc3", "è", "\u2028", "\u2029", "\U0001F600", "\b", "\f"}
	r := rand.New(rand.NewPCG(3, 4))
	text := func() string {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	value := func() valueJSON {
		v := valueJSON{Attuale: text(), Iniziale: text()}
		if r.IntN(3) == 0 {
			v.Data = text()
		}
		switch r.IntN(3) {
		case 0:
			v.Storia = []priorJSON{}
		case 1:
			for range 1 + r.IntN(3) {
				v.Storia = append(v.Storia, priorJSON{Valore: text(), SostituitoDa: text()})
			}
		}
		return v
	}
	// Each value, and what encoding/json is given for it: years as a map
	// of years, the years set in the same order (a year set twice, its
	// last value).
	type pair struct{ v, encoded any }
	values := []pair{{nil, nil}, {yearValues(nil), map[string]valueJSON(nil)}, {yearValues{}, map[string]valueJSON{}}, {valueJSON{}, valueJSON{}}}
	for range 2000 {
		years, asMap := yearValues{}, map[string]valueJSON{}
		for range r.IntN(5) {
			year, v := []string{"2024", "2025", "2026", "2030", "10", text()}[r.IntN(6)], value()
			years, asMap[year] = years.set(year, v), v
		}
		v := value()
		values = append(values, pair{v, v}, pair{years, asMap})
	}
	for _, p := range values {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p.encoded); err != nil {
			t.Fatal(err)
		}
		got, ok := appendFieldJSON([]byte("x"), p.v)
		if !ok || string(got) != "x"+strings.TrimSuffix(want.String(), "\n") {
			t.Fatalf("%#v:\n got %q (%v)\nwant %q", p.v, got, ok, want.String())
		}
		if ys, isYears := p.v.(yearValues); isYears && ys != nil {
			b, err := json.Marshal(ys)
			if err != nil || string(b) != strings.TrimSuffix(want.String(), "\n") && !strings.ContainsAny(want.String(), "<>&") {
				t.Fatalf("%#v: encoding/json gives %q (%v), want %q", ys, b, err, want.String())
			}
		}
	}
	if got, ok := appendFieldJSON([]byte("x"), []string{"a"}); ok || string(got) != "x" {
		t.Errorf("a list: %q, %v; want it left to the encoder", got, ok)
	}
}
