package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file writes the search index as script files that the search page
// loads with <script src> (never fetch, which browsers refuse on file://).
// Each file calls PIAO_SEARCH.push(name, data). The files are split so
// that a query loads little:
//
//   - indice.js: the number of documents, the plans, and the directory of
//     term shards: where each starts in the sorted list of terms;
//   - tN.js: a shard, consecutive terms (in sorted order) with their
//     postings, about shardBudget bytes;
//   - dN.js: docsPerChunk documents, loaded only to show results;
//   - f_KEY.js: the documents of one filter value (plan, area, unit, line,
//     typology, revised), loaded only when that filter is used.
//
// Postings are lists of document ids, one per term weight, encoded as
// gaps in a base-64 varint, or as a bitmap when shorter; for a term in
// many documents at several weights, one list of them all and the weight
// of each, when that is shorter (encodeLevels). The files live
// in cerca/dati/HASH/, HASH a digest of their content, so that a browser
// never mixes files of two builds.

const (
	searchPagePath = "cerca/index.html"
	searchDataRoot = "cerca/dati"
	docsPerChunk   = 8
	shardBudget    = 12 << 10
	base64Digits   = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
)

// searchOutput is the encoded index: its files and the folder they are in.
type searchOutput struct {
	Dir   string // output folder, e.g. "cerca/dati/0123456789"
	Files map[string][]byte
	Sums  map[string][sha256.Size]byte // the SHA-256 of each file, by its path (outputs.putSame)
	// The documents' chunks: each one's digest of its documents
	// (docsDigest), by its path; and those not encoded, whose SHA-256 the
	// last build recorded for the same digest, with the function that
	// encodes one should it be needed after all (Files has none of them).
	Docs    map[string][sha256.Size]byte
	Pending map[string]func() []byte
	// Facets are the keys of the facets the index has a file of (f_KEY):
	// those some document has, and those of every plan, area, unit and
	// line.
	Facets map[string]bool
}

// docsKnown gives the SHA-256 of the documents' chunk name (d0, d1...) as
// the last build recorded it, when the chunk was then made of documents
// of the digest id (docsDigest); nil: none known.
type docsKnown func(name string, id [sha256.Size]byte) ([sha256.Size]byte, bool)

// encode writes the index as script files.
func (ix *searchIndex) encode() *searchOutput { return ix.encodeKnown(nil) }

// encodeKnown is encode, leaving out the chunks of documents whose
// SHA-256 known gives: a rebuild after an edit encodes only the chunks
// whose documents changed (the documents' scripts were the largest part
// of the index's encoding: 90 ms of CPU at 10,000 sheets).
func (ix *searchIndex) encodeKnown(known docsKnown) *searchOutput {
	files := map[string][]byte{}
	// The term shards on a goroutine of their own, while the documents'
	// chunks are made on every core: made first, alone, they kept the
	// other cores waiting (at 10,000 sheets the stage of the search index
	// took 622 ms, now 582: medians of three builds).
	var bounds []string
	termsDone := make(chan struct{})
	go func() {
		defer close(termsDone)
		bounds = ix.encodeTerms(files)
	}()
	chunks := (len(ix.docs) + docsPerChunk - 1) / docsPerChunk
	ids := make([][sha256.Size]byte, chunks)
	sums := make([][sha256.Size]byte, chunks)
	made := make([][]byte, chunks)
	parallelFor(chunks, func(i int) {
		name, docs := "d"+strconv.Itoa(i), ix.docs[i*docsPerChunk:min((i+1)*docsPerChunk, len(ix.docs))]
		ids[i] = docsDigest(name, docs)
		var ok bool
		if known != nil {
			sums[i], ok = known(name, ids[i])
		}
		if !ok {
			made[i] = docsScript(name, docs)
		}
	})
	<-termsDone
	pending := map[string]func() []byte{}
	knownSums := map[string][sha256.Size]byte{}
	for i := range chunks {
		name := "d" + strconv.Itoa(i)
		if made[i] != nil {
			files[name] = made[i]
			continue
		}
		docs := ix.docs[i*docsPerChunk : min((i+1)*docsPerChunk, len(ix.docs))]
		pending[name] = func() []byte { return docsScript(name, docs) }
		knownSums[name] = sums[i]
	}
	for key, ids := range ix.facets {
		name := "f_" + key
		files[name] = endScript(appendJSONString(startScript(name, 0), encodeIDs(ids)))
	}
	var plans []string
	for _, p := range ix.plans {
		plans = append(plans, p.Titolo.S)
	}
	files["indice"] = pushScript("indice", map[string]any{
		"n": len(ix.docs), "c": docsPerChunk, "s": bounds, "p": plans,
	})
	out := placeSearchFiles(files, knownSums)
	out.Facets = make(map[string]bool, len(ix.facets))
	for key := range ix.facets {
		out.Facets[key] = true
	}
	out.Docs, out.Pending = make(map[string][sha256.Size]byte, chunks), make(map[string]func() []byte, len(pending))
	for i := range chunks {
		name := "d" + strconv.Itoa(i)
		p := path.Join(out.Dir, name+".js")
		out.Docs[p] = ids[i]
		if f, ok := pending[name]; ok {
			out.Pending[p] = f
		}
	}
	return out
}

// docsDigest is the SHA-256 of what the chunk of documents name is made
// of: its name and each document's fields, each with its length. The
// chunk's script is a function of them alone (docsScript), in a given
// program: the digest of a chunk the last build made stands for its bytes.
func docsDigest(name string, docs []searchDoc) (sum [sha256.Size]byte) {
	d := digestWriters.Get().(*digestWriter)
	defer digestWriters.Put(d)
	d.h.Reset()
	d.b = d.buf[:0]
	d.str(name)
	d.b = binary.AppendUvarint(d.b, uint64(len(docs)))
	for _, doc := range docs {
		d.str(doc.URL)
		d.str(doc.Title)
		d.b = binary.AppendVarint(d.b, int64(doc.Kind))
		d.str(doc.Sheet)
		d.str(doc.Where)
		d.b = binary.AppendVarint(d.b, int64(doc.Plan))
		d.b = binary.AppendVarint(d.b, int64(doc.Status))
		d.str(doc.Text)
	}
	d.flush()
	copy(sum[:], d.h.Sum(d.b))
	return sum
}

// digestWriter hashes what docsDigest puts together through a buffer of
// its own, rather than the whole of it made first: at 10,000 sheets, the
// documents' chunks are 16 MB, made again at every build.
type digestWriter struct {
	h   hash.Hash
	b   []byte
	buf [4 << 10]byte
}

var digestWriters = sync.Pool{New: func() any { return &digestWriter{h: sha256.New()} }}

// str adds s with its length before it.
func (d *digestWriter) str(s string) {
	d.b = binary.AppendUvarint(d.b, uint64(len(s)))
	if len(d.b)+len(s) > len(d.buf) {
		d.flush()
		if len(s) > len(d.buf) {
			io.WriteString(d.h, s)
			return
		}
	}
	d.b = append(d.b, s...)
}

func (d *digestWriter) flush() {
	d.h.Write(d.b)
	d.b = d.buf[:0]
}

// placeSearchFiles puts the files in a folder named after their digest:
// that of their names and of each one's digest, worked out on every core;
// the digests of known, files not encoded, are the ones it gives.
func placeSearchFiles(files map[string][]byte, known map[string][sha256.Size]byte) *searchOutput {
	names := slices.AppendSeq(slices.Collect(maps.Keys(files)), maps.Keys(known))
	slices.Sort(names)
	sums := make([][sha256.Size]byte, len(names))
	parallelFor(len(names), func(i int) {
		if b, ok := files[names[i]]; ok {
			sums[i] = sha256.Sum256(b)
		} else {
			sums[i] = known[names[i]]
		}
	})
	h := sha256.New()
	for i, n := range names {
		h.Write([]byte(n + "\x00"))
		h.Write(sums[i][:])
	}
	out := &searchOutput{Dir: path.Join(searchDataRoot, hex.EncodeToString(h.Sum(nil))[:12]),
		Files: make(map[string][]byte, len(files)), Sums: make(map[string][sha256.Size]byte, len(names))}
	for i, n := range names {
		p := path.Join(out.Dir, n+".js")
		if b, ok := files[n]; ok {
			out.Files[p] = b
		}
		out.Sums[p] = sums[i]
	}
	return out
}

// encodeTerms cuts the sorted terms into shards of about shardBudget bytes
// and writes them; it returns where each shard starts, shard N being file
// tN: a term is in the last shard whose start is not after it.
func (ix *searchIndex) encodeTerms(files map[string][]byte) []string {
	terms := make([]string, 0, len(ix.terms))
	enc := map[string]any{}
	sizes := map[string]int{}
	for t, post := range ix.terms {
		terms = append(terms, t)
		var size int
		enc[t], size = encodePostings(post)
		sizes[t] = len(t) + 6 + size
	}
	sort.Strings(terms)
	var bounds []string
	var shard []string
	size := 0
	flush := func() {
		name := "t" + strconv.Itoa(len(bounds)-1)
		files[name] = shardScript(name, shard, enc, size)
		shard, size = nil, 0
	}
	for i, t := range terms {
		if i == 0 || size+sizes[t] > shardBudget {
			if i > 0 {
				flush()
			}
			bounds = append(bounds, separator(terms, i))
		}
		shard = append(shard, t)
		size += sizes[t]
	}
	if len(shard) > 0 {
		flush()
	}
	return bounds
}

// encodePostings encodes a term's postings, as a list of one string per
// weight (the last empty ones left out) or, when shorter, as the string
// of encodeLevels; it returns the JSON value and its size.
func encodePostings[T docIDs](post *[levels][]T) (any, int) {
	var lv []string
	size := 2
	for _, ids := range post {
		lv = append(lv, encodeIDs(ids))
	}
	for len(lv) > 0 && lv[len(lv)-1] == "" {
		lv = lv[:len(lv)-1]
	}
	for _, s := range lv {
		size += len(s) + 3
	}
	if c := encodeLevels(post); c != "" && len(c)+2 < size {
		return c, len(c) + 2
	}
	return lv, size
}

// encodeLevels encodes the postings of a term at several weights as the
// list of every document that has it, "|", and the level of each (the
// index in post: 3 minus its weight), three documents to a base-64
// digit (level of the first + 3 × the second's + 9 × the third's): for a
// term in half the documents, two thirds the bytes of a bitmap a weight.
// A term at one weight only gives "". A document has a term at one
// weight, so the lists do not overlap.
func encodeLevels[T docIDs](post *[levels][]T) string {
	n, used := 0, 0
	for _, ids := range post {
		n += len(ids)
		if len(ids) > 0 {
			used++
		}
	}
	if used < 2 {
		return ""
	}
	all := make([]T, 0, n)
	level := make([]int, 0, n)
	var at [levels]int
	for len(all) < n { // merge, in id order
		best := -1
		for l := range post {
			if at[l] < len(post[l]) && (best < 0 || post[l][at[l]] < post[best][at[best]]) {
				best = l
			}
		}
		all, level = append(all, post[best][at[best]]), append(level, best)
		at[best]++
	}
	b := []byte(encodeIDs(all) + "|")
	for i := 0; i < len(level); i += 3 {
		d := level[i]
		if i+1 < len(level) {
			d += 3 * level[i+1]
		}
		if i+2 < len(level) {
			d += 9 * level[i+2]
		}
		b = append(b, base64Digits[d])
	}
	return string(b)
}

// separator is the shortest prefix of terms[i] that sorts after
// terms[i-1]; "" for the first term.
func separator(terms []string, i int) string {
	if i == 0 {
		return ""
	}
	t, prev := terms[i], terms[i-1]
	n := 1
	for n < len(t) && t[:n] <= prev {
		n++
	}
	return t[:n]
}

// pushScript is the script that hands data to the search page.
func pushScript(name string, data any) []byte {
	var b bytes.Buffer
	b.WriteString(`PIAO_SEARCH.push("` + name + `",`)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		panic(err) // only plain strings, numbers, slices and maps reach here
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	b.WriteString(");\n")
	return b.Bytes()
}

// The scripts of the documents, the shards and the facets, the bulk of
// the index, are written as pushScript would write them (the JSON of
// encoding/json, HTML left unescaped), without its reflection: at 10,000
// sheets they are 4,000 files and 24 MB. TestSearchScriptsAsPushScript
// holds them to pushScript.

// startScript begins a script that hands name its data, with room for n
// bytes of it.
func startScript(name string, n int) []byte {
	b := make([]byte, 0, len(`PIAO_SEARCH.push("",`)+len(name)+n+len(");\n"))
	b = append(b, `PIAO_SEARCH.push("`...)
	b = append(b, name...)
	return append(b, `",`...)
}

// endScript ends a script begun by startScript.
func endScript(b []byte) []byte { return append(b, ");\n"...) }

// docsScript is pushScript(name, the records of docs): each an array of
// its fields, in the order the search script reads them.
func docsScript(name string, docs []searchDoc) []byte {
	n := 2
	for _, d := range docs {
		n += len(d.URL) + len(d.Title) + len(d.Sheet) + len(d.Where) + len(d.Text) + 32
	}
	b := append(startScript(name, n), '[')
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(append(b, '['), d.URL)
		b = appendJSONString(append(b, ','), d.Title)
		b = strconv.AppendInt(append(b, ','), int64(d.Kind), 10)
		b = appendJSONString(append(b, ','), d.Sheet)
		b = appendJSONString(append(b, ','), d.Where)
		b = strconv.AppendInt(append(b, ','), int64(d.Plan), 10)
		b = strconv.AppendInt(append(b, ','), int64(d.Status), 10)
		b = append(appendJSONString(append(b, ','), d.Text), ']')
	}
	return endScript(append(b, ']'))
}

// shardScript is pushScript(name, the map of each term of the shard, in
// order, to its postings as encodePostings gives them: a string or a list
// of strings); size is about the bytes they take.
func shardScript(name string, shard []string, enc map[string]any, size int) []byte {
	b := append(startScript(name, size+2), '{')
	for i, t := range shard {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(b, t), ':')
		switch v := enc[t].(type) {
		case string:
			b = appendJSONString(b, v)
		case []string:
			if v == nil {
				b = append(b, "null"...)
				break
			}
			b = append(b, '[')
			for k, s := range v {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, s)
			}
			b = append(b, ']')
		default:
			panic(fmt.Sprintf("shardScript: postings of type %T", v))
		}
	}
	return endScript(append(b, '}'))
}

// appendJSONString appends s as encoding/json writes it with HTML left
// unescaped: as it is, between quotes, when nothing in it is escaped (no
// quote, backslash or control byte; valid UTF-8 without U+2028 or
// U+2029); otherwise as the encoder writes it.
func appendJSONString(b []byte, s string) []byte {
	high := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '"' || c == '\\':
			return appendEncodedString(b, s)
		case c >= utf8.RuneSelf:
			high = true
		}
	}
	if high && (!utf8.ValidString(s) || strings.ContainsRune(s, '\u2028') || strings.ContainsRune(s, '\u2029')) {
		return appendEncodedString(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendEncodedString appends s as encoding/json writes it with HTML
// left unescaped.
func appendEncodedString(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // a string always encodes
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// encodeIDs encodes ascending document ids, as gaps or as a bitmap,
// whichever is shorter.
func encodeIDs[T docIDs](ids []T) string {
	if len(ids) == 0 {
		return ""
	}
	gaps := encodeGaps(ids)
	if bitmapLen(ids) < len(gaps) {
		return encodeBitmap(ids)
	}
	return gaps
}

// bitmapLen is the length of encodeBitmap(ids), without the cost of
// writing it: a bitmap as long as the site for a term of one document
// would make the index quadratic.
func bitmapLen[T docIDs](ids []T) int { return 1 + int(ids[len(ids)-1])/6 + 1 }

// encodeGaps writes each id as its distance from the previous one, minus
// one, in a varint of 5 bits per digit, most significant first; digits
// other than the last are offset by 32.
func encodeGaps[T docIDs](ids []T) string {
	b := make([]byte, 0, len(ids)*2)
	prev := -1
	for _, id := range ids {
		b = appendVarint(b, int(id)-prev-1)
		prev = int(id)
	}
	return string(b)
}

func appendVarint(b []byte, v int) []byte {
	var digits [13]byte
	n := 0
	for {
		digits[n] = byte(v & 31)
		n++
		v >>= 5
		if v == 0 {
			break
		}
	}
	for i := n - 1; i > 0; i-- {
		b = append(b, base64Digits[digits[i]+32])
	}
	return append(b, base64Digits[digits[0]])
}

// encodeBitmap writes "!" and one digit per six documents, bit k of digit
// i standing for document 6i+k.
func encodeBitmap[T docIDs](ids []T) string {
	bits := make([]byte, int(ids[len(ids)-1])/6+1)
	for _, id := range ids {
		bits[id/6] |= 1 << (id % 6)
	}
	for i, v := range bits {
		bits[i] = base64Digits[v]
	}
	return "!" + string(bits)
}
