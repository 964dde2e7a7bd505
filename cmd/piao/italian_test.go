package main

import (
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// english finds the words of Go's own error texts.
var english = regexp.MustCompile(`(?i)\b(no such file|permission denied|file name too long|too many levels|input/output|not a directory|is a directory|no space left|read-only file system|address already in use|flag provided|flag needs|invalid value|usage of)\b|\b(open|stat|lstat|mkdir|write|rename|remove) [/.a-z]`)

// TestCommandLineInItalian: a mistake on the command line, and a port
// another program holds, are said in Italian.
func TestCommandLineInItalian(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "-x"}, "piao: opzione sconosciuta -x"},
		{[]string{"check", "-s"}, "piao: manca il valore dell'opzione -s"},
		{[]string{"serve", "--port", "abc"}, `piao: valore "abc" non valido per l'opzione -port`},
		{[]string{"archive", "p", "--zip=forse"}, `piao: valore "forse" non valido per l'opzione -zip`},
	} {
		_, errOut, code := runPiao(t, tt.args...)
		if code != 2 || !strings.HasPrefix(errOut, tt.want+"\n") || english.MatchString(errOut) || strings.Contains(errOut, "Usage") {
			t.Errorf("piao %v: exit %d, stderr %q", tt.args, code, errOut)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	_, errOut, code := runPiao(t, "serve", "-s", copyExample(t), "--port", port)
	if code != 1 || !strings.Contains(errOut, "l'indirizzo è già usato da un altro programma") || strings.Contains(errOut, "address already in use") {
		t.Errorf("piao serve on a busy port: exit %d, stderr %q", code, errOut)
	}
}
