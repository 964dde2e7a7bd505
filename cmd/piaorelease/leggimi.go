package main

import (
	"strings"
)

// leggimi is the LEGGIMI.txt of the zip for goos/goarch: what piao is, how
// an office without administrator rights installs it and starts it. The
// Windows one has CRLF line ends, for every Notepad.
func leggimi(version, goos, goarch string) string {
	zipName := "piao-" + version + "-" + goos + "-" + goarch
	var body string
	switch goos {
	case "windows":
		body = leggimiWindows
	case "darwin":
		body = leggimiMac
	default:
		body = leggimiLinux
	}
	text := strings.NewReplacer("{{VERSION}}", version, "{{SYSTEM}}", systemName(goos, goarch), "{{ZIP}}", zipName).
		Replace(leggimiHead + body + leggimiTail)
	if goos == "windows" {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

func systemName(goos, goarch string) string {
	switch goos + "/" + goarch {
	case "windows/amd64":
		return "Windows (processori Intel e AMD a 64 bit)"
	case "windows/arm64":
		return "Windows su ARM (ad esempio Snapdragon)"
	case "darwin/arm64":
		return "macOS sui Mac con chip Apple (M1, M2, M3, M4 e seguenti)"
	case "darwin/amd64":
		return "macOS sui Mac con processore Intel"
	}
	return "Linux (" + goarch + ")"
}

const leggimiHead = `piao {{VERSION}} per {{SYSTEM}}
=====================================================================

piao trasforma le schede del PIAO (Piano Integrato di Attività e
Organizzazione), scritte in YAML e Markdown, nel sito della sezione
"Amministrazione Trasparente": pagine, dati aperti, ricerca.

piao è un programma a riga di comando: un doppio clic sul file non
serve (al massimo si apre e si chiude subito una finestra). Si usa
scrivendo un comando in un terminale aperto nella cartella del sito,
la cartella che contiene config.yaml e content.

`

const leggimiWindows = `INSTALLAZIONE (non servono diritti di amministratore)
-----------------------------------------------------

1. Estrai lo zip: tasto destro sul file > "Estrai tutto...".

2. Metti piao.exe in una cartella tua. La più semplice:
   copialo nella cartella del sito, accanto a config.yaml.
   Per usarlo con più siti, mettilo invece in
       %LOCALAPPDATA%\Programs\piao
   (scrivi questo indirizzo nella barra di Esplora file e premi
   Invio; se la cartella non c'è, creala) e poi, una volta sola,
   in PowerShell:
       [Environment]::SetEnvironmentVariable("Path", [Environment]::GetEnvironmentVariable("Path", "User") + ";$env:LOCALAPPDATA\Programs\piao", "User")
   Chiudi e riapri PowerShell: da allora basta scrivere piao in
   qualunque cartella. Il comando cambia solo il tuo utente.

3. Se Windows avvisa che il file viene da Internet e lo blocca, in
   PowerShell nella cartella di piao.exe scrivi:
       Unblock-File .\piao.exe
   oppure: tasto destro su piao.exe > Proprietà > spunta
   "Annulla blocco" > OK.

AVVIO
-----

1. In Esplora file apri la cartella del sito.
2. Fai clic nella barra dell'indirizzo, scrivi  powershell  e premi
   Invio: si apre PowerShell già in quella cartella. (Su Windows 11
   puoi anche fare clic destro in uno spazio vuoto della cartella >
   "Apri nel terminale".)
3. Scrivi:
       .\piao serve --open
   (se hai messo piao nel Path come al punto 2, basta  piao serve --open)
   Il browser mostra l'anteprima del sito, che si aggiorna da sola a
   ogni salvataggio di una scheda. Per fermarla: Ctrl+C.

`

const leggimiMac = `INSTALLAZIONE (non servono diritti di amministratore)
-----------------------------------------------------

1. Questo zip è per {{SYSTEM}}. Per sapere quale Mac hai: menu
   Apple > Informazioni su questo Mac ("Chip Apple M..." o "Intel").

2. Apri il Terminale (Applicazioni > Utility > Terminale) e scrivi,
   una riga alla volta, premendo Invio dopo ciascuna:
       mkdir -p ~/bin
       mv ~/Downloads/{{ZIP}}/piao ~/bin/
       xattr -d com.apple.quarantine ~/bin/piao
       echo 'export PATH="$HOME/bin:$PATH"' >> ~/.zprofile
   (se lo zip è stato estratto altrove, nella seconda riga scrivi
   mv, uno spazio, trascina piao dal Finder nel Terminale, poi
   ~/bin/ e Invio.)
   La terza riga toglie l'attributo di quarantena che macOS dà ai
   file scaricati da Internet: senza, macOS rifiuta di avviare piao
   ("impossibile verificare lo sviluppatore"). Se risponde "No such
   xattr", l'attributo non c'era: va bene così.
   Chiudi e riapri il Terminale: da allora basta scrivere piao.

AVVIO
-----

1. Nel Terminale scrivi  cd  e uno spazio, trascina nella finestra
   la cartella del sito dal Finder e premi Invio.
2. Scrivi:
       piao serve --open
   Il browser mostra l'anteprima del sito, che si aggiorna da sola a
   ogni salvataggio di una scheda. Per fermarla: Ctrl+C.

`

const leggimiLinux = `INSTALLAZIONE
-------------

    mkdir -p ~/.local/bin && mv piao ~/.local/bin/

AVVIO
-----

Nella cartella del sito:

    piao serve --open

Il browser mostra l'anteprima del sito, che si aggiorna da sola a
ogni salvataggio di una scheda. Per fermarla: Ctrl+C.

`

const leggimiTail = `GLI ALTRI COMANDI
-----------------

    piao check    controlla tutte le schede ed elenca ogni errore, con
                  il file, la riga e un suggerimento
    piao build    scrive il sito nella cartella public, pronto da
                  copiare sul server web (o da aprire: public/index.html)
    piao help     tutti i comandi

VERIFICA DELLO ZIP
------------------

Il file SHA256SUMS pubblicato accanto agli zip ne riporta l'impronta
SHA-256. Per controllarla:
    Windows (PowerShell):  Get-FileHash {{ZIP}}.zip
    macOS:                 shasum -a 256 -c SHA256SUMS --ignore-missing
    Linux:                 sha256sum -c SHA256SUMS --ignore-missing

Il formato dei contenuti e ogni regola di controllo sono descritti nel
README e in docs/content-format.md del progetto.
`
