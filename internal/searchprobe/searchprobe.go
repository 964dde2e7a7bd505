// Package searchprobe runs piao's search script under Node on a published
// site, as a browser's first query would: it reports the results, the
// bytes and files a query loads to show its first page of results, and the
// time a query takes once they are loaded. The builder's tests and the
// benchmark driver (cmd/piaobench) share it. The script runs through the
// harness in builder/testdata/searchjs/harness.js.
package searchprobe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Query is a query as typed, with the search page's filters.
type Query struct {
	Q       string   `json:"q"`
	Filters []string `json:"filters,omitempty"`
	All     bool     `json:"all,omitempty"` // answer the ids of every result
}

// Answer is what a query gave.
type Answer struct {
	Q       string
	Filters []string
	Total   int
	Some    bool // no document has every word; these have some
	URLs    []string
	Titles  []string
	IDs     []int             // every result's document id, best first, if asked
	Terms   []string          // the terms matched, corrected words included
	Fix     map[string]string // each word corrected by typo tolerance, and the term it became
	Bytes   int               // loaded for the first page of results, script included
	Files   int               // files loaded, script excluded
	Ms      float64           // median time of the query once its files are loaded
}

// FirstQueries are typical first queries on a synthetic site (package
// internal/synth): common and rare words, two words, a prefix being typed,
// a code, a filter, a long query, words with typos, a date, an act, and
// filters on plan, unit and typology.
var FirstQueries = []Query{
	{Q: "pagamento"}, {Q: "tempo medio"}, {Q: "registro imprese"}, {Q: "digitale"},
	{Q: "imprese"}, {Q: "attività dell'Ente"}, {Q: "transizione ecologica"}, {Q: "com"},
	{Q: "pratiche sospese"}, {Q: "Lutenne"}, {Q: "4.2"}, {Q: "imprese", Filters: []string{"r"}},
	{Q: "servizi digitali per le imprese e comunicazione dell'ente"}, {Q: "pagamneti"}, {Q: "transizone ecologca"},
	{Q: "30 giugno"}, {Q: "G/59"},
	{Q: "tempo", Filters: []string{"p_piao-2024-2026", "u_piao-2024-2026_registro-imprese", "t_efficacia"}},
}

// Run runs queries through script (the site's assets/js/search.js) on the
// index files in dataDir, each with a fresh engine; with the rules of a
// language other than Italian when langScript names its script
// (assets/js/lingue/LANG.js), as the search page of that language loads it.
func Run(harness, script, dataDir string, queries []Query, langScript ...string) ([]Answer, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("Node.js is needed to run the search script: %w", err)
	}
	in, err := json.Marshal(queries)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(node, append([]string{harness, "query", script, dataDir}, langScript...)...)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node: %w\n%s", err, stderr.String())
	}
	var answers []Answer
	if err := json.Unmarshal(out, &answers); err != nil {
		return nil, err
	}
	if len(answers) != len(queries) {
		return nil, fmt.Errorf("node answered %d of %d queries", len(answers), len(queries))
	}
	return answers, nil
}

// DataDir returns the folder of the search index in a published site:
// cerca/dati/HASH.
func DataDir(root string) (string, error) {
	dirs, err := filepath.Glob(filepath.Join(root, "cerca", "dati", "*"))
	if err != nil {
		return "", err
	}
	if len(dirs) != 1 {
		return "", fmt.Errorf("%s: %d search index folders, want 1", root, len(dirs))
	}
	return dirs[0], nil
}

// Size is the number of files in dir and their bytes.
func Size(dir string) (files int, size int64, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			return 0, 0, err
		}
		files++
		size += info.Size()
	}
	return files, size, nil
}
