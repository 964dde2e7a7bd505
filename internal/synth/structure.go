package synth

import (
	"math"
	"strconv"
	"strings"
)

// The structure every generated plan shares: 4 areas of 10 units each,
// and the 5 strategic lines of the example site with their objectives.

type area struct {
	code, name string
	units      []string // names; the code is the slug of the name
}

type objective struct{ key, code, name string }

type line struct {
	code, name string
	objs       []objective
}

var areas = []area{
	{"staff", "Servizi di staff", []string{"Segreteria generale", "Comunicazione esterna",
		"Pianificazione strategica e controllo di gestione", "Gestione risorse umane e performance",
		"Affari legali e contenzioso", "Protocollo e archivio", "Sistemi informativi",
		"Prevenzione della corruzione e trasparenza", "Relazioni con il pubblico", "Statistica e informazione economica"}},
	{"area-1", "Area 1 - Promozione e servizi anagrafici", []string{"Registro Imprese", "SUAP", "Promozione",
		"Internazionalizzazione", "Punto Impresa Digitale", "Orientamento al lavoro e alle professioni",
		"Turismo e cultura", "Albi e ruoli", "Firma digitale e servizi telematici", "Artigianato"}},
	{"area-2", "Area 2 - Regolazione e tutela del mercato", []string{"Metrologia legale", "Sicurezza prodotti",
		"Sanzioni amministrative", "Protesti", "Brevetti e marchi", "Conciliazione e arbitrato", "Ambiente",
		"Prezzi e borsa merci", "Vigilanza sul mercato", "Composizione negoziata della crisi d'impresa"}},
	{"area-3", "Area 3 - Contabilità e servizi di supporto", []string{"Amministrazione e contabilità",
		"Approvvigionamenti", "Gestione del patrimonio", "Diritto annuale", "Bilancio e programmazione finanziaria",
		"Servizi ausiliari", "Economato", "Partecipazioni societarie", "Gestione documentale", "Sedi territoriali"}},
}

// The lines and objectives of content/piao-2024-2026/piano.yaml.
var lines = []line{
	{"1", "Competitività delle imprese", []objective{
		{"1.1", "1.1", "Digitalizzazione e innovazione"},
		{"oc-doppia-transizione", "OC", "Favorire la doppia transizione (digitale ed ecologica)"},
		{"1.2", "1.2", "Internazionalizzazione"},
		{"1.3", "1.3", "Sostegno agli strumenti innovativi per l'accesso al credito"}}},
	{"2", "Competitività del territorio", []objective{
		{"2.1", "2.1", "Promozione del turismo e valorizzazione del patrimonio culturale"},
		{"2.2", "2.2", "Valorizzazione delle filiere produttive"},
		{"2.3", "2.3", "Accrescimento delle competenze"}}},
	{"3", "Tutela del mercato e legalità", []objective{
		{"3.1", "3.1", "Vigilanza sulla sicurezza dei prodotti e in ambito metrologico"},
		{"3.2", "3.2", "Promozione della trasparenza e della legalità"},
		{"oc-efficacia-servizi", "OC", "Migliorare l'efficacia, l'efficienza e la qualità dei servizi camerali"}}},
	{"4", "Semplificazione e trasparenza", []objective{
		{"4.1", "4.1", "Comunicazione"},
		{"4.2", "4.2", "Prevenzione della corruzione e trasparenza amministrativa"},
		{"4.3", "4.3", "Sussidiarietà e semplificazione"}}},
	{"5", "Competitività dell’Ente", []objective{
		{"5.1", "5.1", "Valorizzare le risorse umane"},
		{"oc-capitale-umano", "OC", "Consolidare il capitale umano"},
		{"5.2", "5.2", "Conservare e valorizzare il patrimonio dell'Ente"}}},
}

// The missions and programmes of the example's strategic sheets, by line.
var missions = map[string][2]string{
	"1": {`"011"`, "COMPETITIVITA' E SVILUPPO DELLE IMPRESE"},
	"2": {`"011"`, "COMPETITIVITA' E SVILUPPO DELLE IMPRESE"},
	"3": {`"012"`, "REGOLAZIONE DEI MERCATI"},
	"4": {`"032"`, "SERVIZI ISTITUZIONALI E GENERALI DELLE AMMINISTRAZIONI"},
	"5": {`"032"`, "SERVIZI ISTITUZIONALI E GENERALI DELLE AMMINISTRAZIONI"},
}

var programmes = map[string][2]string{
	"011": {`"005"`, "Promozione e attuazione di politiche di sviluppo, competitività e innovazione, di responsabilità sociale d'impresa e movimento cooperativo"},
	"012": {`"004"`, "Vigilanza sui mercati e sui prodotti, promozione della concorrenza e tutela dei consumatori"},
	"032": {`"003"`, "Servizi e affari generali per le amministrazioni di competenza"},
}

// allUnits lists every unit as its area's code and its own, in plan order.
func allUnits() (out [][2]string) {
	for _, a := range areas {
		for _, u := range a.units {
			out = append(out, [2]string{a.code, slug(u)})
		}
	}
	return out
}

// unitWeight is a weight for each of ops operational objectives, spread
// round-robin over the units, such that no unit's objectives pass 100%.
func unitWeight(ops int) string {
	per := (ops + len(allUnits()) - 1) / len(allUnits())
	w := math.Floor(10000/float64(max(per, 1))) / 100
	return strings.Replace(strconv.FormatFloat(min(w, 100), 'f', -1, 64), ".", ",", 1) + "%"
}

// slug is a unit's code: lower case ASCII letters and digits, dashes
// between words.
func slug(s string) string {
	r := strings.NewReplacer("à", "a", "è", "e", "é", "e", "ì", "i", "ò", "o", "ù", "u", "'", " ")
	return strings.Join(strings.Fields(strings.ToLower(r.Replace(s))), "-")
}
