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
	msgYAML  = "sintassi YAML non valida: %s"
	hintYAML = "controlla il rientro (solo spazi, non tabulazioni) e metti tra virgolette i testi che contengono \": \" o iniziano con un carattere speciale"

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
	msgReadFile     = "impossibile leggere il file: %s"
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
	serveRebuilt = "aggiornata in %s: %s"
	serveFailed  = "%s, %s: le pagine aperte mostrano gli errori; corretto il file, si aggiornano da sole"

	ServeStopped     = "anteprima fermata"
	ServeNoSite      = "cartella del sito %s non trovata: indicala con -s CARTELLA"
	ServeListen      = "impossibile rispondere su %s: %v (la porta è già usata da un altro programma? scegline un'altra con --port)"
	ServeFullRescan  = "troppe modifiche insieme: rilettura completa del sito"
	ServeWatchFailed = "impossibile sorvegliare %s: %v"

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
	msgBinary       = "il file non è un testo (contiene byte nulli)"
	hintBinary      = "le schede sono file di testo .yaml o .md: controlla di aver salvato il file giusto"
	msgBadUTF16     = "il file in UTF-16 è troncato"
	msgBadUTF8      = "byte %#x non valido: il file non è in UTF-8"
	hintEncoding    = "salva il file con codifica UTF-8 (in Blocco note: Salva con nome, Codifica: UTF-8)"
	msgControlChar  = "carattere di controllo %U non ammesso"
	hintControlChar = "di solito è un a capo manuale o un simbolo incollato da Word: cancella il punto indicato e riscrivilo"

	hintYAMLTab     = "usa spazi per il rientro, non tabulazioni"
	hintYAMLSpecial = "un testo che inizia con @, ` o % va scritto tra virgolette"
	hintYAMLQuote   = "chiudi le virgolette aperte qui, alla fine del testo"
	hintYAMLEscape  = "tra virgolette doppie la barra rovescia \\ si scrive \\\\; oppure usa le virgolette semplici"
	hintYAMLFlow    = "chiudi la parentesi aperta qui: ] per [ e } per {"
	hintYAMLNoColon = "scrivi il nome del campo seguito da \": \" e dal valore, ad esempio: peso: 30%"
	hintYAMLIndent  = "controlla il rientro: la riga deve essere allineata ai campi dello stesso livello, con soli spazi"
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
}

// yamlMessage words a yaml.v3 problem.
func yamlMessage(problem string) string {
	if strings.HasPrefix(problem, "unknown anchor") {
		return msgAlias
	}
	if m, ok := yamlMessages[problem]; ok {
		problem = m
	}
	return fmt.Sprintf(msgYAML, problem)
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
)

// Values (values.go).
const (
	msgTargetForm   = "target %q non adatto all'unità di misura %q"
	msgEuro         = "importo %q non valido"
	msgEuroEnglish  = "importo %q scritto all'inglese"
	hintEuro        = "scrivi l'importo all'italiana, con il punto per le migliaia e la virgola per i decimali: € 1.105.500,00"
	msgURL          = "indirizzo %q non ammesso"
	hintURL         = "usa un indirizzo che inizia con https://, http:// o mailto:, oppure un indirizzo relativo"
	msgThemeName    = "nome del tema %q non valido"
	hintThemeName   = "scrivi solo il nome della cartella in themes/, ad esempio: tema: default"
	msgNoSheets     = "il piano %q non ha schede: le sue pagine mostrano solo piano.yaml"
	hintNoSheets    = "metti le schede obiettivo nelle cartelle operativi/ e strategici/ del piano, un file .yaml o .md per scheda"
	msgPesi         = "valore %q non valido per \"pesi\""
	hintPesi        = "scrivi \"percentuali\" (predefinito: i pesi sommano a 100%), \"coefficienti\" (scritti come nell'atto, ad esempio 1,2) o \"nessuno\" se l'atto non dà pesi"
	msgNoWeights    = "il piano non ha pesi (pesi: nessuno), ma qui c'è un peso"
	hintNoWeights   = "togli il peso, o scrivi in piano.yaml pesi: percentuali o pesi: coefficienti come l'atto"
	msgCoefficient  = "coefficiente %q non valido"
	hintCoefficient = "scrivi il coefficiente come un numero, con la virgola per i decimali: 1,2 o 0,8"
	msgSchede       = "valore %q non valido per \"schede\""
	hintSchede      = "scrivi \"tutte\" (predefinito) o \"selezione\" se il piano pubblica solo alcune schede"
	msgUnknownCampo = "campo %q sconosciuto in \"campi\""
	msgUnitWeights  = "gli obiettivi operativi dell'unità %q pesano in tutto %s%% invece di 100%% (%s)"
	hintUnitWeights = "correggi il peso delle schede dell'unità; se il piano pubblica solo alcune schede, scrivi \"schede: selezione\" in piano.yaml"
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
	return e.Err.Error()
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
	msgNoURLBase   = "manca url_base: catalogo DCAT-AP_IT e sitemap.xml non pubblicati, indirizzi dei dati aperti relativi al sito"
	msgBadURLBase  = "url_base %q non è un indirizzo assoluto http o https: catalogo DCAT-AP_IT e sitemap.xml non pubblicati"
	hintURLBase    = "un catalogo nomina i dati con indirizzi assoluti: aggiungi a config.yaml l'indirizzo pubblico del sito, ad esempio: url_base: https://trasparenza.example.it/piao/"
	msgNoCodiceIPA = "manca ente.codice_ipa: il catalogo DCAT-AP_IT non identifica l'ente e i suoi dataset (dct:identifier) come il catalogo nazionale dati.gov.it richiede"
	hintCodiceIPA  = "aggiungi a config.yaml, sotto ente, il codice IPA dell'ente come lo riporta indicepa.gov.it, ad esempio: codice_ipa: cciaa_to"

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
	msgNoSuchPlan      = "piano %q inesistente"
	msgSnapshotName    = "nome di archivio %q non valido"
	hintSnapshotName   = "usa lettere minuscole, cifre, punti e trattini, ad esempio piao-2024-2026-2024-12-20"
	msgSnapshotExists  = "l'archivio %s esiste già e una versione archiviata non si modifica mai: per archiviarne un'altra usa un nome nuovo, ad esempio --nome %s"
	msgSnapshotSkipped = "cartella %q ignorata: non è un nome di archivio valido"
	msgSnapshotDiffers = "l'archivio non corrisponde al suo manifesto SHA256SUMS (%d file modificati, %d mancanti, %d aggiunti): pubblicato così com'è"
	msgZipUnverified   = "l'archivio %s non corrisponde al suo manifesto: zip non scritto (esegui piao archive verify)"
)

func hintKnownPlans(known []string) string {
	if len(known) == 0 {
		return ""
	}
	return "piani del sito: " + strings.Join(known, ", ")
}

func hintVerify(name string) string {
	return "esegui piao archive verify " + name + " per l'elenco dei file; una versione archiviata non va mai modificata"
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
