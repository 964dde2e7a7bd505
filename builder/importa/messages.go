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
