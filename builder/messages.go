package builder

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/piao-pa/piao/builder/publish"
)

// Every word piao says to the office — diagnostics, hints, summaries — is
// in this file, in Italian, so that wording stays consistent and a second
// language is one file away.

const docRef = "vedi docs/content-format.md"

const (
	msgError   = "errore"
	msgWarning = "avviso"
	msgHint    = "suggerimento"

	kindMapping  = "un elenco di campi"
	kindSequence = "un elenco"
	kindScalar   = "un testo"
	kindAlias    = "un alias"
)

// Syntax and shape.
const (
	msgYAML        = "sintassi YAML non valida: %s"
	msgYAMLUnknown = "sintassi YAML non valida"
	hintYAML       = "controlla il rientro (solo spazi, non tabulazioni) e metti tra virgolette i testi che contengono \": \" o iniziano con un carattere speciale"

	msgFrontMatter  = "intestazione YAML (front matter) assente o non chiusa"
	hintFrontMatter = "un file .md deve iniziare con una riga \"---\", seguita dai campi e da un'altra riga \"---\""

	msgEmptyFile  = "il file è vuoto"
	hintEmptyFile = "scrivi i campi della scheda, " + docRef

	msgAlias  = "alias e ancore YAML (& e *) non sono ammessi"
	hintAlias = "ripeti il valore per esteso; se il testo inizia con * o &, mettilo tra virgolette"

	msgUnknownKey = "campo sconosciuto %q"

	msgDuplicateKey  = "campo %q ripetuto"
	hintDuplicateKey = "ogni campo può comparire una sola volta: elimina la copia"

	msgMissingField = "manca il campo obbligatorio %q"
	msgEmptyField   = "il campo obbligatorio %q è vuoto"

	msgWantText           = "atteso un testo, trovato %s"
	hintWantText          = "scrivi il valore sulla stessa riga del campo, ad esempio: peso: 30%"
	msgWantValue          = "atteso un valore, trovato %s"
	hintWantValue         = "scrivi il valore come testo, o come valore/precedente/revisione se una revisione lo ha cambiato"
	msgWantList           = "atteso un elenco, trovato %s"
	hintWantList          = "scrivi ogni elemento su una riga che inizia con \"- \""
	msgWantMap            = "atteso un elenco di campi, trovato %s"
	hintWantMap           = "scrivi i campi su righe rientrate, nella forma nome: valore"
	msgWantYears          = "atteso un valore per anno, trovato %s"
	hintWantYears         = "scrivi un anno per riga, ad esempio:\n\t  2024: \"≥ 10\"\n\t  2025: \"//\""
	msgYearKey            = "%q non è un anno"
	hintYearKey           = "usa l'anno in quattro cifre, ad esempio 2024"
	msgBothPrecedenti     = "usa \"precedente\" oppure \"precedenti\", non entrambi"
	hintPrecedenti        = "con più revisioni elenca i valori sotto \"precedenti\", dal più vecchio"
	msgRevisioneMissing   = "manca la revisione che ha cambiato il valore"
	hintRevisioneMissing  = "aggiungi \"revisione:\" con l'id di una revisione di piano.yaml"
	msgPrecedenteMissing  = "\"revisione\" senza \"precedente\""
	hintPrecedenteMissing = "indica il valore precedente con \"precedente:\", oppure togli \"revisione:\""
)

// Files.
const (
	msgNoContent    = "cartella content/ non trovata"
	hintNoContent   = "crea content/NOME-PIANO/piano.yaml, " + docRef
	msgNoPlans      = "nessun piano in content/"
	hintNoPlans     = "crea una cartella per piano, ad esempio content/piao-2024-2026/, con il file piano.yaml"
	msgNoPiano      = "la cartella non contiene piano.yaml"
	hintNoPiano     = "ogni cartella di content/ è un piano e deve avere il suo piano.yaml"
	msgUnknownFile  = "file ignorato: le schede sono file .yaml o .md"
	hintUnknownFile = "rinomina il file con estensione .yaml o .md, o spostalo fuori da content/"
	msgMissingFile  = "file non trovato"
	msgNotRegular   = "non è un file normale"
	hintNotRegular  = "in content/ lascia solo file e cartelle"
	msgTooBig       = "file troppo grande (oltre %d MB)"
	hintTooBig      = "una scheda è un file di testo breve: controlla di aver salvato il file giusto"
)

// References and rules.
const (
	msgPeriod              = "periodo %q non valido"
	hintPeriod             = "scrivi il primo e l'ultimo anno, ad esempio: periodo: 2024-2026, o l'anno di un piano annuale: periodo: 2016"
	msgDate                = "data %q non valida"
	hintDate               = "scrivi la data nella forma AAAA-MM-GG (2024-09-12), o, se l'atto indica solo il mese o l'anno, AAAA-MM (2016-09) o AAAA (2016)"
	msgUnknownRevision     = "revisione %q inesistente"
	msgUnknownLine         = "linea strategica %q inesistente"
	msgUnknownObjective    = "obiettivo strategico %q inesistente"
	msgUnknownArea         = "area %q inesistente"
	msgUnknownUnit         = "unità organizzativa %q inesistente"
	msgUnitNotInArea       = "l'unità %q non appartiene all'area %q"
	hintUnitNotInArea      = "correggi \"area\" o \"unita\" secondo gli elenchi di piano.yaml"
	msgObjectiveOtherLine  = "l'obiettivo %q appartiene alla linea %q, non alla linea %q"
	hintObjectiveLine      = "correggi \"linea\" o \"obiettivi_strategici\" secondo piano.yaml"
	msgDuplicateID         = "%s %q ripetuto (già in %s)"
	hintDuplicateID        = "ogni codice deve essere unico nel piano"
	msgBadCode             = "codice %q non valido"
	hintBadCode            = "usa solo lettere minuscole, cifre, punti e trattini"
	hintCodeText           = "scrivi il codice come nell'atto, con almeno una lettera o una cifra: SG3/B, OB.4.2"
	msgNoKey               = "manca il codice di questa voce (%s): serve \"codice\", come nell'atto, o \"id\" se l'atto non ne dà"
	hintNoKey              = "aggiungi codice: … (mostrato sulle pagine) oppure, se l'atto non dà codici, id: … (usato solo per i richiami)"
	msgYearOutside         = "anno %s fuori dal periodo del piano (%s)"
	hintYearOutside        = "gli anni di target e risorse devono cadere nel periodo di piano.yaml"
	msgPercent             = "peso %q non valido"
	hintPercent            = "scrivi una percentuale, ad esempio 25%"
	msgWeights             = "i pesi degli indicatori sommano a %s%% invece di 100%% (%s)"
	hintWeights            = "correggi i pesi degli indicatori in vigore, tenendo conto di quelli inseriti e stralciati dalle revisioni"
	msgInsertedAndRemoved  = "indicatore inserito e stralciato dalla stessa revisione %q"
	hintInsertedAndRemoved = "togli \"inserito\" o \"stralcio\""
	msgRevisionNoDay       = "la revisione %q ha una data senza giorno: il feed Atom delle revisioni, che data ogni voce al giorno, non la annuncia"
	hintRevisionNoDay      = "se l'atto indica il giorno, scrivi la data per intero (AAAA-MM-GG); altrimenti la revisione resta sulle pagine e nei dati aperti, ma non nel feed"
	msgRevisionOrder       = "le revisioni devono essere elencate dalla più vecchia: %q (%s) viene dopo %q (%s)"
	hintRevisionOrder      = "riordina l'elenco \"revisioni\" di piano.yaml per data"
	msgDuplicatePage       = "la scheda scriverebbe la stessa pagina di %s"
	hintDuplicatePage      = "rinomina uno dei due file"
	msgConfigTheme         = "tema %q non trovato"
	msgUnknownLang         = "lingua %q: il tema non ha le parole di questa lingua (i18n/%[1]s.yaml)"
	hintConfigTheme        = "usa \"default\", o crea la cartella themes/%s/"
)

const (
	weightsApproved = "come approvato"
	weightsCurrent  = "dopo le revisioni"
)

// italianNumber writes a number as the office reads it: 67,66.
func italianNumber(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

func hintEmpty(key string) string {
	return fmt.Sprintf("il campo %q c'è ma non ha un valore (o è un elenco vuoto): scrivilo, %s", key, docRef)
}

func hintRequired(key string) string {
	return fmt.Sprintf("aggiungi il campo %q, %s", key, docRef)
}

func hintDidYouMean(key string) string {
	return fmt.Sprintf("forse %q? %s", key, docRef)
}

func hintKnownKeys(keys []string) string {
	return "campi ammessi qui: " + strings.Join(keys, ", ")
}

func hintMissingFile(file string) string {
	if file == "config.yaml" {
		return "esegui piao nella cartella del sito, o indicala con -s CARTELLA"
	}
	return ""
}

func hintNeedLevel(key string) string {
	return fmt.Sprintf("il piano ha questo livello: indica %q nella scheda, con un codice definito in piano.yaml", key)
}

func hintUnknownLang(known []string) string {
	return fmt.Sprintf("lingue del tema: %s; per un'altra lingua aggiungi il file themes/NOME/i18n/LINGUA.yaml", strings.Join(known, ", "))
}

func hintKnown(what string, known []string) string {
	if len(known) == 0 {
		return ""
	}
	if len(known) > 12 {
		known = append(known[:12:12], "…")
	}
	return fmt.Sprintf("%s in piano.yaml: %s", what, strings.Join(known, ", "))
}

// Command summaries.
const (
	sumBuilt  = "sito generato in %s: %d pagine, %d file, %s in %s"
	sumErrors = "%s, %s: sito non pubblicato"
	sumCheck  = "%s, %s"
	sumClean  = "nessun problema trovato"
)

// Summary formats the line `piao build` prints on success.
func Summary(dest string, pages, files int, bytes int64, dur string, warnings int) string {
	s := fmt.Sprintf(sumBuilt, dest, pages, files, humanBytes(bytes), dur)
	if warnings > 0 {
		s += ", " + warningCount(warnings)
	}
	return s
}

// CheckSummary formats the last line of piao check.
func CheckSummary(errors, warnings int) string {
	if errors+warnings == 0 {
		return sumClean
	}
	return fmt.Sprintf(sumCheck, errorCount(errors), warningCount(warnings))
}

// FailureSummary formats the line printed when content errors stop a build.
func FailureSummary(errors, warnings int) string {
	return fmt.Sprintf(sumErrors, errorCount(errors), warningCount(warnings))
}

// The preview server, piao serve: its terminal lines and the pages it
// shows instead of the site.
const (
	serveReady   = "anteprima pronta in %s: %s"
	serveFromOut = "anteprima pronta in %s: %s, quelle dell'ultimo piao build in public/ (da allora nulla è cambiato)"
	serveRebuilt = "aggiornata in %s: %s"
	serveFailed  = "%s, %s: le pagine aperte mostrano gli errori; corretto il file, si aggiornano da sole"

	ServeStopped     = "anteprima fermata"
	ServeNoSite      = "cartella del sito %s non trovata: indicala con -s CARTELLA"
	ServeListen      = "impossibile rispondere su %s: %s (scegli un'altra porta con --port, o un altro indirizzo con --bind)"
	ServeFullRescan  = "troppe modifiche insieme: rilettura completa del sito"
	ServeWatchFailed = "impossibile sorvegliare %s: %s"

	ServeErrorTitle    = "Errori nei contenuti"
	ServeErrorLead     = "L'anteprima non è aggiornata. Correggi i punti indicati e salva il file: questa pagina si aggiorna da sola."
	ServeNotFoundTitle = "Pagina non trovata"
	ServeNotFoundLead  = "Questa pagina non esiste nel sito generato."
	ServeHome          = "Torna alla pagina iniziale"
	ServeBadPath       = "percorso non valido"
	ServeBadHost       = "richiesta rifiutata: l'anteprima risponde solo a %s"
	ServeBadOrigin     = "richiesta rifiutata: origine non ammessa"
	ServeBadMethod     = "metodo non ammesso"
)

// ServeNoBrowser is what piao serve --open says when no browser starts.
func ServeNoBrowser(url string) string {
	return fmt.Sprintf("impossibile aprire il browser: apri a mano %s", url)
}

// ServeAddress is the line that tells the office where the preview is.
func ServeAddress(url string) string {
	return fmt.Sprintf("anteprima del sito su %s (Ctrl+C per fermarla)", url)
}

// ServeReady is the line printed once the first build is done.
func ServeReady(dur string, pages int, warnings int) string {
	return fmt.Sprintf(serveReady, dur, quantity(pages, "pagina", "pagine")) + warningsNote(warnings)
}

// ServeReadyFromOutput is the line printed when the server starts from
// the output of the last build, which nothing changed since.
func ServeReadyFromOutput(dur string, pages int, warnings int) string {
	return fmt.Sprintf(serveFromOut, dur, quantity(pages, "pagina", "pagine")) + warningsNote(warnings)
}

// ServeRebuilt is the line printed after each rebuild.
func ServeRebuilt(dur string, files, warnings int) string {
	return fmt.Sprintf(serveRebuilt, dur, quantity(files, "file modificato", "file modificati")) + warningsNote(warnings)
}

// ServeFailed is the line printed when a rebuild finds errors.
func ServeFailed(errors, warnings int) string {
	return fmt.Sprintf(serveFailed, quantity(errors, "errore", "errori"), quantity(warnings, "avviso", "avvisi"))
}

func warningsNote(n int) string {
	if n == 0 {
		return ""
	}
	return ", " + quantity(n, "avviso", "avvisi")
}

// quantity writes "1 pagina", "3 pagine".
// errorCount and warningCount say how many: "1 errore", "2 avvisi".
func errorCount(n int) string   { return quantity(n, "errore", "errori") }
func warningCount(n int) string { return quantity(n, "avviso", "avvisi") }

func quantity(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// HintLabel is the word before a hint ("suggerimento").
const HintLabel = msgHint

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d byte", n)
}

// Publishing.
const (
	msgDestNotDir  = "la destinazione %s esiste e non è una cartella: scegli un'altra destinazione con -d"
	msgDestForeign = "la destinazione %s non è vuota e non è stata scritta da piao (manca %s): per non cancellare file altrui, scegli una cartella vuota o nuova con -d"
)

// Text encoding and YAML syntax (encoding.go, yamlpos.go).
const (
	msgUTF16NoBOM   = "il file sembra salvato in UTF-16 senza indicatore dell'ordine dei byte"
	hintBinary      = "le schede sono file di testo .yaml o .md: controlla di aver salvato il file giusto"
	msgBadUTF16     = "il file in UTF-16 è troncato"
	msgBadUTF8      = "byte %#x non valido: il file non è in UTF-8"
	hintEncoding    = "salva il file con codifica UTF-8 (in Blocco note: Salva con nome, Codifica: UTF-8)"
	msgControlChar  = "carattere di controllo %U non ammesso"
	hintControlChar = "di solito è un a capo manuale o un simbolo incollato da Word: cancella il punto indicato e riscrivilo"

	hintYAMLTab       = "usa spazi per il rientro, non tabulazioni"
	hintYAMLDirective = "una riga che inizia con % è una direttiva YAML, che le schede non usano: cancellala, o se è un testo scrivilo tra virgolette dopo il nome del campo"
	hintYAMLSpecial   = "un testo che inizia con @, ` o % va scritto tra virgolette"
	hintYAMLQuote     = "chiudi le virgolette aperte qui, alla fine del testo"
	hintYAMLEscape    = "tra virgolette doppie la barra rovescia \\ si scrive \\\\; oppure usa le virgolette semplici"
	hintYAMLFlow      = "chiudi la parentesi aperta qui: ] per [ e } per {"
	hintYAMLNoColon   = "scrivi il nome del campo seguito da \": \" e dal valore, ad esempio: peso: 30%"
	hintYAMLIndent    = "controlla il rientro: la riga deve essere allineata ai campi dello stesso livello, con soli spazi"
)

// yamlMessages words the syntax errors of yaml.v3 for the office.
var yamlMessages = map[string]string{
	"mapping values are not allowed in this context":  "\": \" in un punto in cui non è ammesso",
	"found unexpected end of stream":                  "virgolette non chiuse",
	"found a tab character that violates indentation": "tabulazione nel rientro",
	"found character that cannot start any token":     "carattere non ammesso all'inizio di un valore",
	"did not find expected key":                       "rientro non coerente",
	"did not find expected '-' indicator":             "rientro non coerente in un elenco",
	"could not find expected ':'":                     "manca \":\" dopo il nome del campo",
	"did not find expected ',' or ']'":                "parentesi [ non chiusa",
	"did not find expected ',' or '}'":                "parentesi { non chiusa",
	"found unknown escape character":                  "barra rovescia (\\) non valida tra virgolette doppie",
	"did not find expected node content":              "valore mancante",
	"exceeded max depth of 10000":                     "annidamento troppo profondo",

	"found unknown directive name":                                 "direttiva YAML sconosciuta (una riga che inizia con %)",
	"could not find expected directive name":                       "direttiva YAML senza nome (una riga che inizia con %)",
	"found unexpected non-alphabetical character":                  "carattere non ammesso in una direttiva %",
	"did not find expected digit or '.' character":                 "direttiva %YAML senza numero di versione",
	"did not find expected version number":                         "direttiva %YAML senza numero di versione",
	"found extremely long version number":                          "numero di versione troppo lungo nella direttiva %YAML",
	"found incompatible YAML document":                             "versione di YAML non supportata (usa YAML 1.x)",
	"found duplicate %YAML directive":                              "direttiva %YAML ripetuta",
	"found duplicate %TAG directive":                               "direttiva %TAG ripetuta",
	"did not find expected whitespace":                             "manca uno spazio nella direttiva %",
	"did not find expected whitespace or line break":               "manca uno spazio o un a capo dopo il valore",
	"did not find expected comment or line break":                  "testo inatteso dopo il valore (un commento inizia con \" #\")",
	"did not find expected <document start>":                       "manca la riga \"---\" che apre il documento dopo le direttive %",
	"did not find expected <stream-start>":                         "inizio del file non valido",
	"found unexpected document indicator":                          "\"---\" o \"...\" all'inizio di una riga dentro un testo tra virgolette",
	"found undefined tag handle":                                   "etichetta (!) non definita",
	"did not find expected tag URI":                                "etichetta (!) incompleta",
	"did not find expected '!'":                                    "etichetta (!) incompleta",
	"did not find the expected '>'":                                "etichetta (!<…>) non chiusa",
	"did not find URI escaped octet":                               "etichetta (!) con un carattere % non valido",
	"found an incorrect leading UTF-8 octet":                       "etichetta (!) con caratteri non validi",
	"found an incorrect trailing UTF-8 octet":                      "etichetta (!) con caratteri non validi",
	"did not find expected alphabetic or numeric character":        "nome di ancora o alias (& o *) non valido",
	"found invalid Unicode character escape code":                  "sequenza \\u o \\U non valida tra virgolette doppie",
	"did not find expected hexdecimal number":                      "sequenza \\x, \\u o \\U non valida tra virgolette doppie",
	"found an indentation indicator equal to 0":                    "indicatore di rientro 0 in un testo su più righe (| o >)",
	"found a tab character where an indentation space is expected": "tabulazione nel rientro",
	"block sequence entries are not allowed in this context":       "\"- \" in un punto in cui non è ammesso",
	"mapping keys are not allowed in this context":                 "\"? \" in un punto in cui non è ammesso",
	"control characters are not allowed":                           "carattere di controllo non ammesso",
	"invalid leading UTF-8 octet":                                  "il testo non è in UTF-8",
	"invalid trailing UTF-8 octet":                                 "il testo non è in UTF-8",
	"invalid length of a UTF-8 sequence":                           "il testo non è in UTF-8",
	"incomplete UTF-8 octet sequence":                              "il testo non è in UTF-8",
	"invalid Unicode character":                                    "carattere Unicode non valido",
	"incomplete UTF-16 character":                                  "il testo in UTF-16 è troncato",
	"incomplete UTF-16 surrogate pair":                             "il testo in UTF-16 è troncato",
	"expected low surrogate area":                                  "il testo in UTF-16 non è valido",
	"document contains excessive aliasing":                         "alias e ancore YAML (& e *) non sono ammessi",
}

// yamlMessage words a yaml.v3 problem; one it does not know (none is
// known to reach it) is said in general words, never in English.
func yamlMessage(problem string) string {
	switch {
	case strings.HasPrefix(problem, "unknown anchor"):
		return msgAlias
	case strings.HasPrefix(problem, "exceeded max depth"):
		problem = "exceeded max depth of 10000"
	}
	m, ok := yamlMessages[problem]
	if !ok {
		return msgYAMLUnknown
	}
	return fmt.Sprintf(msgYAML, m)
}

func hintYAMLColon(key, value string) string {
	return fmt.Sprintf("un testo che contiene \": \" va scritto tra virgolette: %s: %q", key, value)
}

// Files, names and pages (load.go, paths.go).
const (
	msgSymlink         = "collegamento simbolico che porta fuori dalla cartella del sito"
	hintSymlink        = "copia il file nella cartella del sito invece di collegarlo"
	msgFileName        = "nome di file non valido: %q"
	hintFileName       = "il nome diventa l'indirizzo della pagina: usa lettere minuscole, cifre e trattini"
	msgOutputPath      = "la pagina %q uscirebbe dalla cartella del sito"
	msgDuplicatePageOf = "scriverebbe la pagina %s, già scritta da %s"
	msgRenderPage      = "impossibile generare la pagina %s: %v"
	hintRenderPage     = "l'errore è nel tema: controlla i file in themes/ o torna al tema predefinito"
	msgStaleIndexes    = "impossibile generare la pagina %s: gli indici ripresi dalla generazione precedente non corrispondono ai contenuti"
	hintStaleIndexes   = "la cache della generazione è stata tolta: genera di nuovo il sito, che rifà tutti gli indici"
	msgLayoutNoMain    = "layouts/%s.html: manca {{define \"main\"}}"
)

// Allegati, addresses, the selection of sheets, glossaries, footnotes and
// the ente's contacts (attachments.go, explain.go).
const (
	msgAttachmentPath    = "percorso di allegato non valido: %q"
	hintAttachmentPath   = "scrivi il percorso del file a partire dalla cartella del piano, con / tra le cartelle, ad esempio: file: allegati/delibera.pdf"
	msgAttachmentType    = "tipo di file %q non ammesso per un allegato"
	msgMissingAttachment = "file dell'allegato %q non trovato"
	msgAttachmentSize    = "allegato più grande di %d MB"
	hintAttachmentSize   = "pubblica il file sul sito dell'ente e indicane l'indirizzo con url: al posto di file:"
	msgAttachmentWhich   = "un allegato indica o un file (file:) o un indirizzo (url:), non entrambi né nessuno dei due"
	hintAttachmentWhich  = "file: allegati/delibera.pdf per un file nella cartella del piano, oppure url: https://… per un documento sul sito dell'ente"
	msgAttachmentSame    = "l'allegato %q sarebbe pubblicato allo stesso indirizzo di %q"
	hintAttachmentSame   = "i nomi dei file diventano indirizzi senza maiuscole, accenti e spazi: rinomina uno dei due"
	msgWebAddress        = "indirizzo %q non valido"
	hintWebAddress       = "scrivi l'indirizzo completo della pagina, che inizia con https://"
	msgSelectionUnused   = "\"selezione\" vale solo con \"schede: selezione\""
	hintSelectionUnused  = "aggiungi schede: selezione se il piano pubblica solo alcune schede, o togli selezione"
	msgSelectionNoPlan   = "schede: selezione, ma il piano non dice dove si trova il piano completo"
	hintSelectionNoPlan  = "aggiungi a piano.yaml:\n\t  selezione:\n\t    descrizione: quali schede sono pubblicate\n\t    piano_completo: https://… (l'indirizzo del piano completo)"
	msgRiguardaUnknown   = "la nota di revisione riguarda %q, che non è un indicatore di questa scheda"
	msgRiguardaForeign   = "la nota di revisione riguarda %q, che la revisione %q non ha cambiato"
	hintRiguardaForeign  = "riguarda elenca gli indicatori della scheda che la stessa revisione ha cambiato, inserito o stralciato"
	msgMarkerNoNote      = "rimando %q senza una nota che lo spieghi"
	hintMarkerNoNote     = "aggiungi alla scheda (o all'indicatore) una nota con lo stesso rimando:\n\t  note:\n\t    - rimando: \"*\"\n\t      testo: …"
	msgGlossaryTwice     = "sigla %q già nel glossario"
	hintGlossaryTwice    = "ogni sigla compare una volta per glossario: quella di piano.yaml prevale su quella di config.yaml"
	msgNoContacts        = "il piè di pagina non mostra tutti i recapiti dell'ente: manca %s"
	hintContacts         = "aggiungi a config.yaml, sotto ente, i recapiti dell'ente come li riporta il suo sito, ad esempio:\n\t  indirizzo: Via Roma 1, 10100 Torino\n\t  pec: protocollo@pec.example.it\n\t  email: urp@example.it\n\t  telefono: 011 000000"
)

func hintAttachmentType() string {
	return "un allegato può essere un file " + attachmentExts() + ": pubblica gli altri sul sito dell'ente e indicane l'indirizzo con url:"
}

func hintMissingAttachment(dir string) string {
	return "il percorso parte dalla cartella del piano, " + dir + "/: controlla nome ed estensione del file"
}

func hintRiguardaUnknown(known []string) string {
	if len(known) == 0 {
		return "la scheda non ha indicatori con un id"
	}
	return "id degli indicatori della scheda: " + strings.Join(known, ", ")
}

// Values (values.go).
const (
	msgTargetForm          = "target %q non adatto all'unità di misura %q"
	msgEuro                = "importo %q non valido"
	msgEuroEnglish         = "importo %q scritto all'inglese"
	hintEuro               = "scrivi l'importo all'italiana, con il punto per le migliaia e la virgola per i decimali: € 1.105.500,00"
	msgURL                 = "indirizzo %q non ammesso"
	hintURL                = "usa un indirizzo che inizia con https://, http:// o mailto:, oppure un indirizzo relativo"
	msgThemeName           = "nome del tema %q non valido"
	hintThemeName          = "scrivi solo il nome della cartella in themes/, ad esempio: tema: default"
	msgNoSheets            = "il piano %q non ha schede: le sue pagine mostrano solo piano.yaml"
	hintNoSheets           = "metti le schede obiettivo nelle cartelle operativi/ e strategici/ del piano, un file .yaml o .md per scheda"
	msgPesi                = "valore %q non valido per \"pesi\""
	hintPesi               = "scrivi \"percentuali\" (predefinito: i pesi sommano a 100%), \"coefficienti\" (scritti come nell'atto, ad esempio 1,2) o \"nessuno\" se l'atto non dà pesi"
	msgMethod              = "valore %q non valido per \"calcolo_raggiungimento\""
	hintMethod             = "scrivi \"media_ponderata\" se l'atto combina i raggiungimenti come media ponderata con i pesi, o \"nessuno\" se non li combina"
	msgMethodNoWeights     = "calcolo_raggiungimento: media_ponderata, ma il piano non ha pesi (pesi: nessuno)"
	hintMethodNoWeights    = "togli calcolo_raggiungimento, o scrivi pesi: percentuali o pesi: coefficienti come l'atto"
	msgMethodCoefficients  = "i pesi sono coefficienti e il piano non dice come si combinano i raggiungimenti: il sito non ne calcola nessuno"
	hintMethodCoefficients = "se l'atto (o il sistema di misurazione) calcola il raggiungimento come media ponderata con i coefficienti, scrivi in piano.yaml calcolo_raggiungimento: media_ponderata; altrimenti calcolo_raggiungimento: nessuno"
	msgNoWeights           = "il piano non ha pesi (pesi: nessuno), ma qui c'è un peso"
	hintNoWeights          = "togli il peso, o scrivi in piano.yaml pesi: percentuali o pesi: coefficienti come l'atto"
	msgCoefficient         = "coefficiente %q non valido"
	hintCoefficient        = "scrivi il coefficiente come un numero, con la virgola per i decimali: 1,2 o 0,8"
	msgSchede              = "valore %q non valido per \"schede\""
	hintSchede             = "scrivi \"tutte\" (predefinito) o \"selezione\" se il piano pubblica solo alcune schede"
	msgUnknownCampo        = "campo %q sconosciuto in \"campi\""
	msgUnitWeights         = "gli obiettivi operativi dell'unità %q pesano in tutto %s%% invece di 100%% (%s)"
	hintUnitWeights        = "correggi il peso delle schede dell'unità; se il piano pubblica solo alcune schede, scrivi \"schede: selezione\" in piano.yaml"
)

// hintTargetForm says, per form of target, what to write.
var hintTargetForm = map[string]string{
	"binario":     "con unità di misura Binario il target è SI o NO (// se non c'è target quell'anno)",
	"percentuale": "con unità di misura Percentuale il target è una percentuale, ad esempio ≥ 80%",
	"data":        "con unità di misura Data il target è una data, ad esempio entro il 30.06.2024",
}

// Revisions (revisions.go).
const (
	msgRevisionUnused = "la revisione %q non cambia nulla nelle schede"
	msgUnexplained    = "la revisione %q cambia questa scheda senza dire cosa è stato fatto e perché"
	msgNoCause        = "nota della revisione %q senza \"causa\""
	hintNoCause       = "aggiungi \"causa:\" con il motivo della modifica"
	msgSameValue      = "il valore precedente %q è uguale a quello che lo ha sostituito"
	hintSameValue     = "se la revisione non ha cambiato il valore, scrivilo senza \"precedente\" e \"revisione\""
	msgPriorOrder     = "i valori precedenti vanno elencati dal più vecchio: %q è fuori ordine"
	hintPriorOrder    = "ordina \"precedenti\" come le revisioni di piano.yaml"
)

func hintRevisionUnused(id string) string {
	return fmt.Sprintf("indica \"revisione: %s\" accanto ai valori che ha cambiato, o togli la revisione da piano.yaml", id)
}

func hintUnexplained(id string) string {
	return fmt.Sprintf("aggiungi a note_revisione (della scheda o dell'indicatore) una voce con revisione: %s, revisione_attuata e causa", id)
}

// Privacy (privacy.go).
const (
	msgPersonal  = "sembra un dato personale (%s)"
	hintPersonal = "il piano è pubblico: togli i dati di persone, o usa i recapiti dell'ufficio"
	kindEmail    = "indirizzo e-mail"
	kindPhone    = "numero di telefono"
	kindCF       = "codice fiscale di una persona"
)

// Publishing safely (builder/publish; worded by publishMessage).
const (
	msgDestRoot      = "la destinazione %s è la radice del disco: scegli una cartella per il sito con -d"
	msgDestHoldsCwd  = "la destinazione %s è la cartella corrente o la contiene: scegli una sottocartella, ad esempio -d public"
	msgDestHoldsSite = "la destinazione %s contiene la cartella del sito: scegli una cartella nuova, ad esempio -d public"
	msgDestInSources = "la destinazione %s è dentro %s, tra i sorgenti del sito: scegli un'altra cartella con -d"
	msgPublishFailed = "sito non pubblicato in %s (%s): la destinazione non è stata modificata"
	msgWaitLock      = "un'altra generazione sta pubblicando in %s: attendo che finisca"
	reasonDiskFull   = "spazio su disco esaurito"
	reasonReadOnly   = "il disco è in sola lettura"
	reasonPermission = "permesso negato"
	reasonInUse      = "una cartella o un file è aperto in un altro programma: chiudi le finestre di Esplora file, i terminali e i programmi aperti lì dentro e riprova"
	reasonBadName    = "percorso di uscita non valido: %q"
)

// WaitMessage is what piao says while another build publishes to dest.
func WaitMessage(dest string) string { return fmt.Sprintf(msgWaitLock, dest) }

// publishMessage words an error of builder/publish for the office; it
// still unwraps to the typed error. Any other error comes back as it is.
func publishMessage(err error) error {
	var de *publish.DestError
	var pe *publish.Error
	switch {
	case errors.As(err, &de):
		return &worded{destMessage(de), err}
	case errors.As(err, &pe):
		return &worded{fmt.Sprintf(msgPublishFailed, pe.Dest, failReason(pe)), err}
	}
	return err
}

func destMessage(e *publish.DestError) string {
	switch e.Reason {
	case publish.NotDir:
		return fmt.Sprintf(msgDestNotDir, e.Dest)
	case publish.Foreign:
		return fmt.Sprintf(msgDestForeign, e.Dest, publish.Marker)
	case publish.Root:
		return fmt.Sprintf(msgDestRoot, e.Dest)
	case publish.HoldsCwd:
		return fmt.Sprintf(msgDestHoldsCwd, e.Dest)
	case publish.HoldsSite:
		return fmt.Sprintf(msgDestHoldsSite, e.Dest)
	}
	return fmt.Sprintf(msgDestInSources, e.Dest, e.Source)
}

func failReason(e *publish.Error) string {
	switch e.Cause {
	case publish.DiskFull:
		return reasonDiskFull
	case publish.ReadOnly:
		return reasonReadOnly
	case publish.Permission:
		return reasonPermission
	case publish.InUse:
		return reasonInUse
	case publish.BadName:
		return fmt.Sprintf(reasonBadName, e.Name)
	}
	reason, _ := osReason(e.Err) // in Italian, as every other reason
	return reason
}

// worded is an error said to the office, over the error it tells.
type worded struct {
	msg string
	err error
}

func (w *worded) Error() string { return w.msg }

func (w *worded) Unwrap() error { return w.err }

// Open data, feeds and discovery.
const (
	msgNoURLBase    = "manca url_base: catalogo DCAT-AP_IT e sitemap.xml non pubblicati, indirizzi dei dati aperti relativi al sito"
	msgBadURLBase   = "url_base %q non è un indirizzo assoluto http o https (senza ? e #)"
	msgURLBaseChars = "url_base %q contiene un carattere che un indirizzo non ammette: %q"
	hintURLBase     = "un catalogo nomina i dati con indirizzi assoluti: aggiungi a config.yaml l'indirizzo pubblico del sito, ad esempio: url_base: https://trasparenza.example.it/piao/"
	msgNoCodiceIPA  = "manca ente.codice_ipa: il catalogo DCAT-AP_IT non identifica l'ente e i suoi dataset (dct:identifier) come il catalogo nazionale dati.gov.it richiede"
	hintCodiceIPA   = "aggiungi a config.yaml, sotto ente, il codice IPA dell'ente come lo riporta indicepa.gov.it, ad esempio: codice_ipa: cciaa_to"

	msgIPACode         = "ente.codice_ipa %q non è un codice IPA"
	hintIPACode        = "il codice IPA è fatto di lettere minuscole, cifre e trattini bassi, come lo riporta indicepa.gov.it, ad esempio: codice_ipa: cciaa_to"
	hintIPALower       = "il codice IPA si scrive in minuscolo, come lo riporta indicepa.gov.it: codice_ipa: "
	hintIPATaxCode     = "questo sembra un codice fiscale (va in ente.codice_fiscale): il codice IPA è quello dell'ente su indicepa.gov.it, ad esempio: codice_ipa: cciaa_to"
	hintIPAInvoiceCode = "questo sembra il codice univoco di un ufficio per la fatturazione elettronica: il codice IPA è quello dell'ente su indicepa.gov.it, in minuscolo, ad esempio: codice_ipa: cciaa_to"
	msgEmail           = "indirizzo e-mail %q non valido"
	hintEmail          = "scrivi solo l'indirizzo, senza mailto: né altro testo, ad esempio: protocollo@pec.example.it"
)

// Archive.
const (
	msgNoSuchPlan         = "piano %q inesistente"
	msgSnapshotName       = "nome di archivio %q non valido"
	hintSnapshotName      = "usa lettere minuscole, cifre, punti e trattini, ad esempio piao-2024-2026-2024-12-20"
	msgSnapshotExists     = "l'archivio %s esiste già e una versione archiviata non si modifica mai: per archiviarne un'altra usa un nome nuovo, ad esempio --nome %s"
	msgSnapshotSkipped    = "cartella %q ignorata: non è un nome di archivio valido"
	msgSnapshotDiffers    = "la versione archiviata non corrisponde al suo manifesto SHA256SUMS (%s): non si pubblica una versione che non si può provare integra"
	msgSnapshotUnreadable = "impossibile leggere la versione archiviata: %s"
	msgZipUnverified      = "l'archivio %s non corrisponde al suo manifesto: zip non scritto (esegui piao archive verify)"
)

func hintKnownPlans(known []string) string {
	if len(known) == 0 {
		return ""
	}
	return "piani del sito: " + strings.Join(known, ", ")
}

// snapshotDiffs says how many files of a snapshot differ, and how.
func snapshotDiffs(r VerifyReport) string {
	return quantity(len(r.Changed), "file modificato", "file modificati") + ", " +
		quantity(len(r.Missing), "mancante", "mancanti") + ", " + quantity(len(r.Added), "aggiunto", "aggiunti")
}

func hintVerify(name string) string {
	return "esegui piao archive verify " + name + " per l'elenco dei file, e ripristina la cartella archive/" + name +
		" com'era (dal repository del sito, git checkout -- archive/" + name + ", o dallo zip depositato): una versione archiviata non va mai modificata"
}

// SnapshotSummary formats what `piao archive` prints once a snapshot is
// written: where, how big, and the manifest's digest to quote in the act
// that publishes it.
func SnapshotSummary(dir string, m SnapshotMeta) string {
	return fmt.Sprintf("archivio creato in %s: %s, versione del %s, %d file, %s\n"+
		"impronta SHA-256 del manifesto SHA256SUMS (da citare nell'atto di pubblicazione):\n  %s\n"+
		"conservazione almeno fino al %s; verifica: piao archive verify %s (oppure sha256sum -c SHA256SUMS nella cartella)",
		dir, m.Titolo, italianDate(m.Data), m.File, humanBytes(int64(m.Byte)), m.SHA256,
		italianDate(m.Conservazione), m.Nome)
}

// ZipSummary formats the line printed once the zip is written.
func ZipSummary(file string, size int64) string {
	return fmt.Sprintf("zip per il deposito scritto in %s (%s)", file, humanBytes(size))
}

// VerifyLines formats the result of `piao archive verify` for a snapshot.
func VerifyLines(r VerifyReport) []string {
	if r.OK() {
		return []string{fmt.Sprintf("%s: integro, %d file corrispondono al manifesto (SHA-256 del manifesto %s)", ShowPath(archiveDir+"/"+r.Name), r.Files, r.Meta.SHA256)}
	}
	out := []string{fmt.Sprintf("%s: NON corrisponde al manifesto SHA256SUMS", ShowPath(archiveDir+"/"+r.Name))}
	for _, p := range r.Changed {
		out = append(out, "  modificato: "+ShowPath(p))
	}
	for _, p := range r.Missing {
		out = append(out, "  mancante:   "+ShowPath(p))
	}
	for _, p := range r.Added {
		out = append(out, "  aggiunto:   "+ShowPath(p))
	}
	return out
}

const (
	msgNoSnapshots       = "nessuna versione archiviata in archive/"
	msgNoSnapshotsOfPlan = "nessuna versione archiviata di %q in archive/"
)

// NoSnapshots is what `piao archive verify` says when there is nothing to
// check; plan may be empty.
func NoSnapshots(plan string) string {
	if plan == "" {
		return msgNoSnapshots
	}
	return fmt.Sprintf(msgNoSnapshotsOfPlan, plan)
}

// Reading the site: what the operating system refused, in the office's
// words (load.go, paths.go, osmessages.go).
const (
	msgCannotRead      = "impossibile leggere il file: %s"
	msgCannotList      = "impossibile leggere la cartella: %s"
	msgDanglingLink    = "collegamento simbolico interrotto: il file a cui porta non esiste"
	hintDanglingLink   = "ripristina il file a cui il collegamento porta, o cancella il collegamento"
	msgSubfolder       = "sottocartella %q: le schede vanno direttamente in %s/, le sottocartelle non vengono lette"
	hintSubfolder      = "sposta i file della sottocartella in %s/ (il nome del file diventa l'indirizzo della pagina)"
	msgNotAFolder      = "%s/ dovrebbe essere una cartella di schede, ma è un file"
	hintNotAFolder     = "rinomina il file, e metti le schede in una cartella %s/"
	msgStrayInContent  = "file ignorato: in content/ vanno solo le cartelle dei piani"
	hintStrayInContent = "sposta il file nella cartella del suo piano, ad esempio content/piao-2024-2026/"
	msgStrayInPlan     = "%q ignorato: una cartella di piano contiene piano.yaml, strategici/, operativi/ e sezioni/"
	hintStrayInPlan    = "metti le schede in strategici/ o operativi/, le sezioni del piano in sezioni/ e i documenti del piano dove li indica allegati in piano.yaml; altri file vanno fuori da content/"
	msgSecondDocument  = "il file continua dopo un separatore di documento YAML (\"---\" o \"...\"): piao legge solo il primo documento"
	hintSecondDocument = "togli il separatore alla riga indicata e unisci i campi in un solo documento, o sposta il resto in un altro file"
	msgTrailingText    = "testo inatteso dopo la fine dei campi: piao non lo leggerebbe"
	msgFileVsFolder    = "la pagina %s richiede la cartella %s, che nel sito è già un file"
	hintFileVsFolder   = "rinomina la cartella del piano o il file: il nome non può essere quello di un file del sito, come index.html"
	msgOutputNameLong  = "il file %s avrebbe un nome di %d byte, oltre i %d che il disco ammette"
	hintOutputNameLong = "accorcia il nome della cartella del piano o i codici di aree, unità e linee"
	msgNulByte         = "byte nullo (NUL) non ammesso: il file non è un testo"
)

// The reasons the operating system gives, worded for the office.
const (
	reasonNotExist    = "il file o la cartella non esiste"
	reasonPermRead    = "permesso negato"
	reasonNameTooLong = "nome o percorso troppo lungo per il disco"
	reasonLinkLoop    = "troppi collegamenti simbolici in sequenza (forse un ciclo)"
	reasonIO          = "errore di lettura o scrittura del disco"
	reasonNotDir      = "una parte del percorso è un file, non una cartella"
	reasonIsDir       = "è una cartella, non un file"
	reasonTooMany     = "troppi file aperti"
	reasonOther       = "errore del sistema operativo (%v)"
	reasonInvalidName = "nome di file non valido"

	reasonAddrInUse      = "l'indirizzo è già usato da un altro programma"
	reasonAddrNotHere    = "l'indirizzo non appartiene a questo computer"
	reasonPortDenied     = "permesso negato (le porte sotto 1024 sono riservate all'amministratore)"
	reasonWatchLimit     = "raggiunto il limite di cartelle sorvegliate del sistema (fs.inotify.max_user_watches)"
	reasonWatchInstances = "raggiunto il limite di sorveglianze del sistema (fs.inotify.max_user_instances)"

	msgSnapshotNotWritten = "versione archiviata non scritta in %s (%s): nessuna cartella parziale è rimasta"
	msgZipNotWritten      = "zip non scritto in %s (%s): nessun file parziale è rimasto"

	// MsgArchiveUnreadable: archive/ could not be listed.
	MsgArchiveUnreadable = "impossibile leggere %s (%s)"
	// MsgArchiveNotCleaned: the leftovers of interrupted archives could not be removed.
	MsgArchiveNotCleaned = "impossibile pulire %s dalle cartelle temporanee di archiviazioni interrotte (%s)"

	hintDiskFull    = "libera spazio sul disco, o scegline un altro, e riprova"
	hintPermRead    = "concedi a chi esegue piao il permesso di leggere (chmod a+r per un file, a+rx per una cartella), o sposta l'elemento fuori da content/"
	hintNameTooLong = "scegli un percorso più breve o nomi di cartelle e file più corti"
	hintIO          = "controlla il disco (o la chiavetta) e riprova; se l'errore resta, copia il sito su un altro disco"
)

// addends writes the terms of a sum, at most a handful: "25 + 25 + 10 + …
// (altri 12)".
func addends(terms []string) string {
	const most = 6
	if len(terms) <= most {
		return strings.Join(terms, " + ")
	}
	return strings.Join(terms[:most], " + ") + fmt.Sprintf(" + … (altri %d)", len(terms)-most)
}

// Values that are not values (values.go).
const (
	msgDateOutside     = "data %s fuori dagli anni del piano (%s)"
	msgBeforeApproval  = "data %s precedente all'approvazione del piano (%s)"
	hintBeforeApproval = "la pubblicazione e le revisioni seguono l'approvazione: controlla le due date"
	msgLabelTooLong    = "titolo troppo lungo: %d caratteri, al massimo %d"
	msgURLTooLong      = "indirizzo troppo lungo: %d caratteri, al massimo %d"
	hintURLTooLong     = "browser e server rifiutano indirizzi così lunghi: controlla di aver copiato l'indirizzo giusto"
	hintLabel          = "è il nome che ogni pagina ripete nell'intestazione, nel percorso e nei menu: accorcialo, e scrivi il resto in una descrizione"
)

func hintPlanDates(period string, from, to int) string {
	return fmt.Sprintf("gli atti di un piano %s cadono tra il 1° gennaio %d e il 31 dicembre %d: controlla la data", period, from, to)
}

// CleanedArchive says what piao removed from archive/: the temporary
// folders and zips of interrupted runs of piao archive.
func CleanedArchive(names []string) string {
	return fmt.Sprintf("rimossi da archive/ i resti di archiviazioni interrotte (%s): %s",
		quantity(len(names), "cartella o zip temporaneo", "cartelle o zip temporanei"), strings.Join(names, ", "))
}

// The date of a snapshot (archive.go).
const (
	msgSnapshotTooEarly = "data della versione %s precedente all'ultima modifica del piano (%s): la versione archiviata ne comprende già le revisioni"
	msgSnapshotFuture   = "data della versione %s successiva a oggi (%s)"
)

func hintSnapshotDate(updated string) string {
	return fmt.Sprintf("ometti --data per usare la data dell'ultima revisione o pubblicazione (%s), o scrivi --data oggi", updated)
}

// A publication that loses pages (loss.go).
const (
	msgLossDone        = "questa pubblicazione ha %s in meno di quella che ha sostituito in %s (%d → %d)"
	msgLossWould       = "la prossima pubblicazione avrebbe %s in meno di quella ora in %s (%d → %d)"
	msgSheetsLossDone  = "questa pubblicazione ha tolto schede che erano pubblicate in %s"
	msgSheetsLossWould = "la prossima pubblicazione toglierebbe schede ora pubblicate in %s"
	hintLoss           = "controlla che ogni cartella e ogni scheda di content/ ci sia e sia leggibile, e che nessun piano sia stato rinominato; se le pagine sono state tolte di proposito, nulla da fare"
)

// lossOfPlan says how many sheets a plan lost.
func lossOfPlan(p PlanLoss) string {
	if p.SheetsAfter == 0 {
		return fmt.Sprintf("piano %s assente (aveva %s)", p.Plan, quantity(p.SheetsBefore, "scheda", "schede"))
	}
	return fmt.Sprintf("piano %s: %s in meno (%d → %d)", p.Plan, quantity(p.SheetsBefore-p.SheetsAfter, "scheda", "schede"), p.SheetsBefore, p.SheetsAfter)
}

// LossSummary is the line that closes the summary of a build that lost
// pages, so that no one misses it.
func LossSummary(l *OutputLoss) string { return "ATTENZIONE: " + l.Warning(true).Msg }

// A sheet's Markdown body (bodies.go).
const (
	msgBodyDepth      = "annidamento troppo profondo: %d citazioni (>) o elenchi aperti sulla stessa riga, al massimo %d"
	hintBodyDepth     = "ogni > o - all'inizio della riga apre un livello: togline qualcuno"
	msgBodyColumns    = "tabella di %d colonne, al massimo %d"
	msgBodyCells      = "le tabelle del testo hanno in tutto %d celle, al massimo %d (ogni riga conta tutte le colonne dell'intestazione, anche se è più corta)"
	hintBodyTable     = "dividi la tabella in tabelle più piccole, o pubblica i dati completi come file a parte"
	msgBodyElements   = "testo troppo lungo e articolato: %d elementi (paragrafi, titoli, voci di elenco, citazioni, celle, collegamenti, enfasi), al massimo %d"
	hintBodyElements  = "il corpo di una scheda è un testo di qualche pagina: sposta il resto in un documento da collegare, o dividilo fra più schede"
	msgBodyEmphasis   = "paragrafo con %d segni di enfasi (* _ ~), al massimo %d"
	hintBodyEmphasis  = "dividi il paragrafo (una riga vuota tra l'uno e l'altro), o scrivi i segni che non sono enfasi come \\* \\_ \\~"
	msgBodyBrackets   = "paragrafo con %d parentesi quadre [, al massimo %d"
	hintBodyBrackets  = "dividi il paragrafo (una riga vuota tra l'uno e l'altro), o scrivi le parentesi che non aprono un collegamento come \\[ e \\]"
	msgBodyLinks      = "paragrafo con troppi collegamenti aperti ma non chiusi, o con indirizzi lunghi, per la sua lunghezza"
	hintBodyLinks     = "ogni collegamento si scrive [testo](indirizzo), con l'indirizzo senza spazi e la parentesi chiusa; dividi il paragrafo, o scrivi ]( come \\](  se non apre un collegamento"
	msgExternalImage  = "immagine da un altro sito: %s"
	hintExternalImage = "il sito non fa richieste ad altri siti, e il browser non la mostrerebbe: togli l'immagine, o scrivi un collegamento [testo](indirizzo) al posto di ![testo](indirizzo)"
)

// Output that every file system can hold (portable.go).
const (
	msgPathReserved  = "il file %s non si può creare su Windows: %q è un nome riservato del sistema (CON, PRN, AUX, NUL, COM0-9, LPT0-9, con qualunque estensione)"
	msgPathChar      = "il file %s non si può creare su Windows: il nome %q contiene un carattere che Windows non ammette (< > : \" | ? * \\ o un carattere di controllo)"
	msgPathTrailing  = "il file %s non si può creare su Windows: il nome %q finisce con un punto o uno spazio, che Windows toglie"
	msgPathLong      = "il percorso %s è troppo lungo: in una cartella tipica di Windows arriva a %d caratteri, oltre i %d che i programmi di Windows gestiscono (misurato sotto %s)"
	msgPathCollision = "%s e %s differiscono solo per maiuscole e minuscole o per la forma degli accenti: su Windows e macOS sono lo stesso file, e uno cancellerebbe l'altro"
	hintPathRename   = "rinomina il file o la cartella da cui nasce, usando lettere minuscole senza accenti, cifre e trattini"
	hintPathLong     = "accorcia il nome da cui nasce l'indirizzo: il nome del file della scheda, della cartella del piano, il codice o il titolo"
	hintSnapshotLong = "scegli un nome di archivio più corto con --nome, o accorcia il nome da cui nasce l'indirizzo"
)

var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
	"agosto", "settembre", "ottobre", "novembre", "dicembre"}

// italianDate formats an ISO date as "12 settembre 2024".
func italianDate(iso string) string {
	var y, m, d int
	if n, _ := fmt.Sscanf(iso, "%4d-%2d-%2d", &y, &m, &d); n != 3 || m < 1 || m > 12 {
		return iso
	}
	return fmt.Sprintf("%d %s %d", d, months[m-1], y)
}

// Narrative sections and short links (sections_check.go).
const (
	msgSectionFile       = "file ignorato: le sezioni del piano sono file .md"
	msgSectionsNotFolder = "sezioni/ dovrebbe essere la cartella delle sezioni del piano, ma è un file"
	hintSectionsFolder   = "rinomina il file, e metti le sezioni (file .md) in una cartella sezioni/"
	msgSectionSubfolder  = "sottocartella %q: le sezioni vanno direttamente in sezioni/, le sottocartelle non vengono lette"
	hintSectionSubfolder = "sposta i file .md della sottocartella in sezioni/ (il nome del file, senza il numero iniziale, diventa l'indirizzo della pagina)"
	hintSectionFile      = "rinomina il file con estensione .md (ad esempio 02-valore-pubblico.md), o spostalo fuori da sezioni/"
	msgSectionOrder      = "ordine %q non valido: serve un numero intero"
	hintSectionOrder     = "ordine: 3 (oppure togli ordine e fai iniziare il nome del file con il numero: 03-rischi.md)"
	msgSectionBoth       = "sezione inserita e stralciata dalla stessa revisione %q"
	hintSectionBoth      = "togli \"inserita\" o \"stralcio\""
	msgAmendEmpty        = "modifica senza \"testo\" né \"precedente\""
	hintAmendEmpty       = "testo: il passaggio come si legge ora; precedente: il passaggio che ha sostituito (uno dei due può mancare: passaggio aggiunto o tolto)"
	msgAmendSame         = "\"testo\" e \"precedente\" sono uguali: la modifica non cambia nulla"
	hintAmendSame        = "scrivi in precedente il passaggio come era prima della revisione"
	msgAmendNotFound     = "il passaggio modificato non compare nel testo della sezione"
	hintAmendNotFound    = "copia in testo il passaggio esattamente come è scritto sotto l'intestazione (gli a capo non contano)"
	msgAmendTwice        = "il passaggio modificato compare %d volte nel testo della sezione"
	hintAmendTwice       = "allunga il passaggio con le parole vicine, finché compare una volta sola"
	msgAmendOverlap      = "il passaggio modificato si sovrappone a un'altra modifica della sezione (riga %d)"
	hintAmendOverlap     = "una modifica per passaggio: unisci le due o scegli passaggi distinti"
	msgLinkSection       = "collegamento a una sezione inesistente: %q"
	msgLinkSheet         = "collegamento a una scheda inesistente: %q"
	msgLinkIndicator     = "collegamento a un indicatore inesistente: %q"
	msgLinkAmbiguous     = "collegamento ambiguo: %q è il nome di una scheda strategica e di una operativa"
	hintLinkAmbiguous    = "scrivi scheda:strategici/%s o scheda:operativi/%s"
	msgLinkInField       = "i collegamenti brevi come %q valgono solo nel testo della scheda o della sezione, non in un campo"
	hintLinkInField      = "sposta il collegamento nel testo sotto l'intestazione, o scrivi l'indirizzo della pagina"
	hintLinkWhat         = "sezione:NOME (il nome del file senza numero iniziale e senza .md), scheda:NOME o scheda:NOME#INDICATORE"
	msgPreviewImage      = "immagine di anteprima %q non valida: serve un indirizzo https:// o un percorso del sito"
	hintPreviewImage     = "anteprima: {immagine: https://www.ente.it/anteprima.png, testo: Logo dell'ente}"
	msgPreviewImageAlt   = "immagine di anteprima senza testo alternativo"
	hintPreviewImageAlt  = "anteprima: {immagine: …, testo: una breve descrizione dell'immagine}"
	msgPreviewImageNoURL = "immagine di anteprima %q con un percorso del sito ma senza url_base: le anteprime vogliono un indirizzo completo"
	hintPreviewImageURL  = "aggiungi url_base a config.yaml, o scrivi l'indirizzo completo https:// dell'immagine"
)

// hintKnownList names what exists, for a short link that points nowhere:
// "sezioni del piano: premesse, valore-pubblico".
func hintKnownList(what string, known []string) string {
	if len(known) == 0 {
		return hintLinkWhat
	}
	if len(known) > 12 {
		known = append(known[:12:12], "…")
	}
	return what + ": " + strings.Join(known, ", ")
}

func hintLinkAmbiguousOf(name string) string { return fmt.Sprintf(hintLinkAmbiguous, name, name) }

// The performance cycle: monitoring, results and the Relazione (cycle_check.go).
const (
	msgProgress            = "stato del monitoraggio %q non valido"
	hintProgress           = "scrivi + (in anticipo), = (in linea) o − (in ritardo); il trattino - va tra virgolette: stato: \"-\""
	hintYAMLDash           = "un trattino da solo è l'inizio di un elenco: per lo stato \"in ritardo\" scrivi stato: \"-\" tra virgolette, oppure il segno −"
	msgMonitoringAfterRev  = "il monitoraggio del %s viene dopo la revisione %q (%s) che lo segue"
	hintMonitoringAfterRev = "\"revisione\" nomina la revisione che ha accolto la proposta del monitoraggio: deve essere successiva"
	msgResultEmpty         = "risultato %s senza valore né raggiungimento"
	hintResultEmpty        = "scrivi almeno valore: (il valore raggiunto) o raggiungimento: (il grado di raggiungimento, come nell'atto)"
	msgAchievement         = "raggiungimento %q non valido"
	hintAchievementBefore  = "scrivi una percentuale (100%, 87,5%) o una di queste parole: "
	msgResultYear          = "anno %s fuori dal periodo del piano (%s)"
	hintResultYear         = "i risultati e le relazioni sono degli anni del periodo di piano.yaml"
	msgSheetResults        = "risultati di una scheda con indicatori"
	hintSheetResults       = "scrivi i risultati sotto ciascun indicatore: \"risultati\" della scheda sono per le schede senza indicatori"
	msgResultNotInForce    = "risultato %s di un indicatore che nel %[1]s non era in vigore"
	hintResultNotInForce   = "l'indicatore è stato inserito o stralciato da una revisione: controlla l'anno o la revisione"
	msgValidationBefore    = "la validazione dell'OIV (%s) precede l'approvazione della relazione (%s)"
	hintValidationBefore   = "controlla le date: l'OIV valida la relazione dopo che l'ente l'ha approvata"
	msgReportEarly         = "la relazione sul %s è approvata il %s, prima della fine dell'anno che rendiconta"
	hintReportEarly        = "controlla l'anno della relazione (la chiave sotto \"relazione\") e la data dell'atto"
	msgDocumentURL         = "indirizzo %q non valido"
	hintDocumentURL        = "scrivi un indirizzo http:// o https:// completo, o un percorso relativo al sito"
)

// hintAchievement lists the words an achievement may be stated with.
func hintAchievement(words []string) string {
	return hintAchievementBefore + strings.Join(words, ", ")
}

// The build cache (buildcache.go): notes in piao build's summary.
const (
	noteCacheCorrupt   = "la cache di generazione %s è danneggiata: non è stata usata, sito generato da capo"
	noteCacheOther     = "la cache di generazione %s è di un'altra versione di piao: non è stata usata, sito generato da capo"
	noteOutputModified = "la cartella %s è stata modificata dopo l'ultima generazione: sito generato di nuovo"
	noteCacheNotSaved  = "sito pubblicato, ma la cache di generazione non è stata salvata (%v): la prossima generazione sarà completa"
	sumUnchanged       = "nessun file del sito è cambiato dall'ultima generazione: cartella già aggiornata"
	sumReused          = "%s riprese dalla generazione precedente senza rigenerarle"
)

// CacheSummary says, on the lines after Summary, what the build cache
// spared and why it could not be used; "" when there is nothing to say.
func CacheSummary(w Written) string {
	var lines []string
	if w.Note != "" {
		lines = append(lines, w.Note)
	}
	switch {
	case w.Unchanged:
		lines = append(lines, sumUnchanged)
	case w.Reused > 0:
		lines = append(lines, fmt.Sprintf(sumReused, quantity(w.Reused, "pagina", "pagine")))
	}
	return strings.Join(lines, "\n")
}
