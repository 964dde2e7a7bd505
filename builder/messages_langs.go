package builder

import (
	"fmt"
	"path"
	"strings"
)

// What piao tells the office about a site of several languages, in
// Italian, as in messages.go.

// langNames are the languages' names in Italian, for the messages.
var langNames = map[string]string{"it": "italiano", "de": "tedesco", "fr": "francese", "sl": "sloveno", "en": "inglese",
	"lld": "ladino"}

// langName names a language in Italian: "tedesco"; a language piao does not
// know by its code.
func langName(code string) string {
	if n, ok := langNames[code]; ok {
		return n
	}
	return fmt.Sprintf("%q", code)
}

const (
	msgLangUnknown     = "lingua %q non prevista in config.yaml (lingue)"
	msgLangMain        = "manca il testo nella lingua principale (%s)"
	msgLangMissing     = "manca il testo in %s: le pagine in %s lo mostrano in %s"
	msgLangOne         = "testo scritto in una sola lingua: le pagine in %s lo mostrano in %s"
	msgLangValue       = "il testo in %q di un valore rivisto va scritto dentro valore e precedente"
	hintEscapedControl = "è scritto come sequenza \\x o \\u tra virgolette doppie: toglila"
	msgLangKeys        = "testo per lingua con una chiave che non è una lingua"
	msgNotByLang       = "questo campo vale per tutte le lingue: non si scrive per lingua"
	hintNotByLang      = "scrivi un solo testo; per lingua si scrivono descrizioni, nomi e titoli, non pesi, importi, date e codici (" + docRef + ")"
	hintLangComma      = "un testo che contiene una virgola va tra virgolette: {it: \"…, …\", de: \"…, …\"}, oppure una lingua per riga, sotto il campo"
	hintLangValue      = "scrivi valore: {it: …, de: …} e precedente: {it: …, de: …}, con la revisione una volta sola (" + docRef + ")"

	msgLangsBoth  = "lingua e lingue insieme"
	hintLangsBoth = "scrivi solo lingue: [it, de] (la prima è la lingua principale)"
	msgLangTwice  = "lingua %q ripetuta in lingue"
	msgLangCode   = "%q non è il codice di una lingua"
	hintLangCode  = "scrivi il codice ISO 639 della lingua, in minuscolo: it, de, fr, sl, en"

	msgLangRoot       = "lingua_principale: %q non previsto"
	hintLangRoot      = "scrivi cartella (ogni lingua nella sua cartella, /it/ e /de/, con la scelta della lingua nella pagina iniziale) o radice (la lingua principale nella pagina iniziale, le altre nella loro cartella)"
	msgLangRootAlone  = "lingua_principale vale solo per un sito in più lingue"
	hintLangRootAlone = "elenca le lingue del sito in lingue: [it, de], o togli lingua_principale"

	msgLangFolder  = "la pagina %s sarebbe nella cartella della lingua %q (%s)"
	hintLangFolder = "con lingua_principale: radice, le pagine della lingua principale stanno nella cartella del sito e ogni altra lingua nella sua: rinomina la cartella del piano (o il titolo del percorso) che ha il nome di una lingua, o scrivi lingua_principale: cartella"

	msgLangBody       = "testo della scheda in %s senza la scheda %s"
	hintLangBody      = "un file NOME.LINGUA.md contiene il testo in un'altra lingua della scheda NOME.md accanto a esso: rinominalo o crea la scheda"
	msgLangBodyFront  = "il testo in un'altra lingua di una scheda non ha intestazione: i campi sono quelli della scheda %s"
	hintLangBodyFront = "togli l'intestazione tra le righe \"---\" e scrivi i testi per lingua nella scheda stessa: descrizione: {it: …, de: …}"

	msgSectionLangBody       = "testo della sezione in %s senza la sezione %s"
	hintSectionLangBody      = "un file NN-nome.LINGUA.md di sezioni/ contiene il testo in un'altra lingua della sezione NN-nome.md accanto a esso: rinominalo o crea la sezione"
	msgSectionLangBodyFront  = "il testo in un'altra lingua di una sezione non ha intestazione: i campi sono quelli della sezione %s"
	hintSectionLangBodyFront = "togli l'intestazione tra le righe \"---\" e scrivi i testi per lingua nella sezione stessa: titolo: {it: …, de: …}"
)

// hintLangUnknown lists the site's languages.
func hintLangUnknown(langs []string) string {
	return "le lingue del sito sono " + strings.Join(langs, ", ") + " (lingue in config.yaml): aggiungi lì la lingua, o correggi il codice"
}

// hintLangMain says that the main language is required.
func hintLangMain(main string) string {
	return fmt.Sprintf("la prima lingua di lingue in config.yaml è la principale: ogni testo scritto per lingua la contiene (%s: …)", main)
}

// hintLangMissing says how to add a language's text.
func hintLangMissing(lang string) string {
	return fmt.Sprintf("aggiungi il testo in %s (%s: …), o lascia che quelle pagine mostrino la lingua principale", langName(lang), lang)
}

// hintSectionLangBodyMissing names the file that holds a section's body in
// another language.
func hintSectionLangBodyMissing(section, lang string) string {
	stem := strings.TrimSuffix(path.Base(section), path.Ext(section))
	return fmt.Sprintf("scrivi il testo in %s in %s.%s.md, accanto alla sezione (solo il testo, senza intestazione)", langName(lang), stem, lang)
}

// hintLangBodyMissing names the file that holds a Markdown sheet's body in
// another language.
func hintLangBodyMissing(sheet, lang string) string {
	stem := strings.TrimSuffix(path.Base(sheet), path.Ext(sheet))
	return fmt.Sprintf("scrivi il testo in %s in %s.%s.md, accanto alla scheda (solo il testo, senza intestazione)", langName(lang), stem, lang)
}

// hintLangOne shows the map by language.
func hintLangOne(langs []string) string {
	var parts []string
	for _, l := range langs {
		parts = append(parts, l+": …")
	}
	return "scrivilo per lingua: {" + strings.Join(parts, ", ") + "}; numeri, importi, date, codici e sigle valgono per tutte le lingue"
}
