package importa

import (
	"fmt"
	"strings"
)

// Every word piao importa says to the office is in this file, in Italian.

// Files piao cannot read.
const (
	msgFormat  = "formato %q non letto da piao importa"
	hintFormat = "salva il file come .docx (Word), .odt (Writer), .xlsx (Excel) o .ods (Calc)"

	msgTooBig  = "il file supera %d MB"
	hintTooBig = "un allegato di schede è di pochi megabyte: togli immagini e allegati incorporati, o dividi il file"

	msgEncrypted  = "il file è protetto da password (cifrato)"
	hintEncrypted = "apri il file, togli la password (in Word: File > Informazioni > Proteggi documento; in LibreOffice: File > Proprietà > Sicurezza) e salvalo di nuovo"

	msgOldFormat  = "il file è nel vecchio formato binario di Office (.doc, .xls) o non è un documento che piao legge"
	hintOldFormat = "aprilo e salvalo come .docx, .odt, .xlsx o .ods (File > Salva con nome)"

	msgNotZip       = "il file non è un documento Office valido (non è un archivio zip)"
	msgNotKind      = "il file non è un documento %s"
	msgTooManyParts = "il file contiene %d parti: troppe per un documento"
	msgMissingPart  = "manca la parte %q del documento"
	msgDamagedPart  = "la parte %q del documento è danneggiata"
	msgBadXML       = "la parte %q del documento non è XML valido: %s"
	msgTooDeep      = "la parte %q annida più di %d elementi: non è un documento normale"
	msgDoctype      = "la parte %q contiene una dichiarazione DOCTYPE, che nessun programma di Office scrive"
	hintDamaged     = "apri il file con Word, LibreOffice o Excel e salvalo di nuovo; se non si apre, il file è danneggiato"

	msgBomb  = "la parte %q si espande oltre ogni misura (zip bomb?)"
	hintBomb = "il file non sembra scritto da un programma di Office: chiedi a chi lo ha mandato di salvarlo di nuovo"

	msgSheetChanges = "le modifiche registrate (revisioni) di un foglio di calcolo non sono lette: accettale o rifiutale, e segna i valori precedenti in barrato"
	msgHiddenSheet  = "foglio nascosto, non letto"
)

func whereParagraph(n int) string { return fmt.Sprintf("paragrafo %d", n) }
func whereTable(n int) string     { return fmt.Sprintf("tabella %d", n) }
func whereSheet(name string) string {
	return fmt.Sprintf("foglio %q", strings.TrimSpace(name))
}

// The office's map of labels (--mappa).
const (
	msgMappaSyntax = "la mappa non è YAML valido: %s"
	msgMappaEmpty  = "la mappa è vuota"
	msgMappaShape  = "riga %d: la mappa ha un solo campo, \"etichette\", con un'etichetta per riga"
	msgMappaField  = "riga %d: %q non è un campo che la mappa può indicare"
	hintMappa      = "scrivi la mappa così:\n\tetichette:\n\t  \"OBIETTIVO DI PERFORMANCE\": obiettivo_operativo\n\t  \"VALORE ATTESO\": indicatori.target\nvedi docs/import.md"
	hintMappaField = "i campi sono: %s"
)

// What the interpreter could not read.
const (
	msgTableUnread  = "tabella non letta: nessuna etichetta riconosciuta tra %s"
	msgLabelsUnread = "etichette non lette: %s"
	msgTextUnread   = "testo non letto: %q"
	hintTextUnread  = "piao non sa a quale campo appartiene: copialo a mano nella scheda, se serve"
	msgYearless     = "valore senza anno: %q"
	hintMapEntryFmt = "se sono etichette delle schede, scrivi una mappa (--mappa MAPPA.yaml) come questa, con il campo giusto al posto di quello proposto:\n%s"
)

func hintMapEntry(entry string) string {
	return fmt.Sprintf(hintMapEntryFmt, "\t"+strings.ReplaceAll(strings.TrimRight(entry, "\n"), "\n", "\n\t"))
}

func whereRow(table string, row int) string { return fmt.Sprintf("%s, riga %d", table, row) }

// quoteList writes «a», «b», «c».
func quoteList(items []string) string {
	var out []string
	seen := map[string]bool{}
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, "«"+s+"»")
		}
	}
	return strings.Join(out, ", ")
}

// excerpt is the start of a long text.
func excerpt(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

const (
	msgError   = "errore"
	msgWarning = "avviso"
	msgHint    = "suggerimento"
)

// What the reading of a sheet lacks.
const (
	msgNoUnit       = "scheda operativa senza unità organizzativa"
	hintNoUnit      = "la scheda deve avere una riga \"UNITÀ ORGANIZZATIVA\" (e l'area, in una riga \"AREA\" o nel titolo sopra la tabella)"
	msgNoLine       = "scheda senza linea strategica (\"CODICE - nome\")"
	hintNoLine      = "la scheda deve avere una riga \"LINEA STRATEGICA\" con il codice della linea, ad esempio \"1 - Competitività delle imprese\""
	msgNoCode       = "obiettivo strategico senza codice: %q"
	hintNoCode      = "scrivi gli obiettivi strategici come \"1.1 - nome\", uno per riga"
	hintYearless    = "scrivi l'anno nell'etichetta (\"TARGET 2024\") o in una riga di anni sopra i valori"
	msgRevNoteNoRev = "nota di revisione, ma nessuna revisione indicata"
	hintNoRevision  = "indica la revisione con --revisione ID (l'id della revisione in piano.yaml, o uno nuovo)"
	msgAmbiguous    = "lettura incerta, nel documento: "
)

// piano.yaml as the import writes it.
const (
	msgPianoHead        = "Piano letto da %s con piao importa."
	msgPianoTodo        = "Da completare a mano: i campi obbligatori che il documento non riporta (piao non li inventa)."
	msgTodoTitolo       = "il titolo del piano"
	msgTodoApprovazione = "l'atto che ha approvato il piano e la sua data"
	msgTodoRevisione    = "da completare: data (AAAA-MM-GG), atto e motivo della revisione"
	msgPeriodFromYears  = "dagli anni delle tabelle del documento"
	msgPianoUnreadable  = "piano.yaml non si legge: correggilo (piao check dice dove), poi importa di nuovo"
)

// The import as a whole.
const (
	msgNoSheets     = "nel documento non c'è nessuna scheda obiettivo che piao sappia leggere"
	hintNoSheets    = "piao cerca tabelle con etichette come \"OBIETTIVO OPERATIVO\", \"UNITÀ ORGANIZZATIVA\", \"DESCRIZIONE INDICATORE\", \"TARGET 2024\" (vedi docs/import.md); se il tuo ente ne usa altre, scrivi una mappa e usa --mappa"
	msgBadPlanName  = "%q non è un nome di piano: usa lettere minuscole, cifre e trattini (ad esempio piao-2025-2027)"
	msgWhichPlan    = "indica il piano con --piano NOME (la cartella in content/, ad esempio piao-2025-2027)"
	msgBadRevision  = "%q non è un id di revisione: usa lettere minuscole, cifre e trattini (ad esempio rev-2024-09)"
	msgNeedRevision = "il documento contiene valori barrati o modifiche registrate, ma il piano non ha revisioni: indica quale con --revisione ID (ad esempio rev-2024-09)"
	msgNewPiano     = "nuovo piano.yaml: aree, unità, linee e obiettivi trovati nel documento; da completare titolo e approvazione"
	msgPianoAdded   = "aggiunti a piano.yaml: le voci nuove trovate nel documento"
)

// Where each sheet goes.
const (
	msgSheetHead = "Letto da %s con piao importa (%s)."
	msgDiffers   = "Differenze da %s: %s"
	msgMore      = "%s e altri %d campi"
	msgNewSheet  = "nuova scheda"
)

// What piao importa tells the office at the end.
const (
	ErrorWord      = msgError
	HintWord       = msgHint
	NotRegular     = "non è un file normale"
	Missing        = "il file non esiste"
	msgWriteFailed = "scrittura di %s non riuscita: %v (nessun file importato è stato lasciato)"
	msgAppeared    = "%s è comparso durante l'importazione: non viene sovrascritto (nessun file importato è stato lasciato)"
)

// LineWrite says a file the import writes, or with --prova would write.
func LineWrite(dry bool, file, summary string) string {
	verb := "scritto"
	if dry {
		verb = "da scrivere"
	}
	return fmt.Sprintf("%s: %s (%s)", verb, file, summary)
}

// LineSame says a sheet the reading equals.
func LineSame(file string) string {
	return fmt.Sprintf("invariata: %s (la lettura coincide con la scheda esistente: nessun file scritto)", file)
}

// Summary is the last line of piao importa.
func Summary(dry bool, written, same, errors, warnings int) string {
	head := fmt.Sprintf("importazione: %d file scritti, %d schede invariate", written, same)
	if dry {
		head = fmt.Sprintf("prova: %d file da scrivere (nessuno scritto), %d schede invariate", written, same)
	}
	return fmt.Sprintf("%s; controllo: %d errori, %d avvisi", head, errors, warnings)
}

const (
	msgStopped  = "importazione interrotta: %d errori nel documento (elencati sopra); nessun file scritto"
	hintStopped = "correggi il documento, o scrivi una mappa delle etichette (--mappa), e importa di nuovo"
)

const (
	msgReadingThere  = "%s c'è già: la nuova lettura non lo sostituisce (%s)"
	hintReadingThere = "confronta la lettura precedente con la scheda, tieni quel che serve, cancella il file .importato e importa di nuovo"
)

const (
	msgInsertedByUnderline = "letto come inserito dalla revisione perché tutto il testo è sottolineato nel documento"
	// MsgNoFile is piao importa called without a file.
	MsgNoFile = "manca il file da importare (.docx, .odt, .xlsx o .ods)"
)
