package builder

import (
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/piao-pa/piao/builder/plan"
)

// What a published plan must not carry: personal data pasted with the text
// of a sheet. The patterns are deliberately narrow — an e-mail address, an
// Italian phone number, the codice fiscale of a person (whose check letter
// is right) — and give warnings, since only the office can tell an office
// address from a person's. config.yaml, where the ente's own PEC lives, is
// not searched.

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	phoneRE = regexp.MustCompile(`(?:^|[^\d.,]|[^\d][.,])((?:\+|00)39[ .\-]?\d{2,4}[ .\-]?\d{3,4}[ .\-]?\d{3,4}|0\d{1,3}[ .\-/]?\d{5,8}|0\d{1,3}[ .\-]\d{3}[ .\-]\d{3,4}|3\d{2}[ .\-]?\d{6,7}|3\d{2}[ .\-]\d{3}[ .\-]\d{3,4})(?:$|[^\d.,]|[.,](?:[^\d]|$))`)
	cfRE    = regexp.MustCompile(`(?i)\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b`)
)

// personalData returns what in s looks like personal data, with the byte
// offset of each match and its kind.
func personalData(s string) (offsets []int, kinds []string) {
	email, phone, cf := mayHold(s)
	if email {
		for _, m := range emailRE.FindAllStringIndex(s, -1) {
			offsets, kinds = append(offsets, m[0]), append(kinds, kindEmail)
		}
	}
	if phone {
		for _, m := range phoneRE.FindAllStringSubmatchIndex(s, -1) {
			if !taxNumber(s[m[2]:m[3]]) {
				offsets, kinds = append(offsets, m[2]), append(kinds, kindPhone)
			}
		}
	}
	if cf {
		for _, m := range cfRE.FindAllStringIndex(s, -1) {
			if codiceFiscaleOK(s[m[0]:m[1]]) {
				offsets, kinds = append(offsets, m[0]), append(kinds, kindCF)
			}
		}
	}
	return offsets, kinds
}

// mayHold tells, in one pass, which patterns could match s, so that the
// regular expressions run only on the rare text that may hold personal
// data: an e-mail address needs an @, a phone number at least seven
// digits, a codice fiscale a word of exactly sixteen letters and digits.
func mayHold(s string) (email, phone, cf bool) {
	digits, run := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		word := c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if word {
			run++
		} else {
			cf = cf || run == 16
			run = 0
		}
		email = email || c == '@'
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	return email, digits >= 7, cf || run == 16
}

// taxNumber reports whether s is eleven digits in a row: the codice
// fiscale or partita IVA of an organisation, not a phone number.
func taxNumber(s string) bool {
	return len(s) == 11 && strings.Trim(s, "0123456789") == ""
}

// codiceFiscaleOK verifies the check letter of a person's codice fiscale.
func codiceFiscaleOK(cf string) bool {
	cf = strings.ToUpper(cf)
	odd := [...]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}
	sum := 0
	for i := 0; i < 15; i++ {
		c := cf[i]
		v := int(c - 'A')
		if c >= '0' && c <= '9' {
			v = int(c - '0')
		}
		if i%2 == 0 {
			sum += odd[v]
		} else {
			sum += v
		}
	}
	return cf[15] == byte('A'+sum%26)
}

// privacy warns about personal data in the plan's and the sheets' text.
func (c *checker) privacy() {
	eachText(reflect.ValueOf(c.p).Elem(), c.personal)
	for _, s := range c.p.Sheets() { // what its own file holds: sheetTexts
		c.personalLangs(s.BodyIn)
	}
	for _, s := range c.p.Sezioni {
		eachText(reflect.ValueOf(s).Elem(), c.personal)
		c.personalBody(s.Body, s.Pos.File(), s.BodyAt, s.BodyIn)
	}
}

func (c *checker) personal(text plan.Text) {
	forEachLang(text, func(t plan.Text) {
		_, kinds := personalData(t.S)
		for _, k := range kinds {
			c.ds.warnf(t.Pos, hintPersonal, msgPersonal, k)
		}
	})
}

// personalBody searches a Markdown body (a sheet's or a narrative
// section's) read from file from line at, and its text in the other
// languages, placing each find exactly.
func (c *checker) personalBody(body, file string, at int, in map[string]plan.Text) {
	c.personalIn(body, file, at)
	c.personalLangs(in)
}

// personalLangs searches the text of a body in the other languages, each
// from its own file.
func (c *checker) personalLangs(in map[string]plan.Text) {
	for _, l := range slices.Sorted(maps.Keys(in)) {
		c.personalIn(in[l].S, in[l].Pos.File(), 1)
	}
}

// personalIn searches a body read from file from line at.
func (c *checker) personalIn(body, file string, at int) {
	offsets, kinds := personalData(body)
	for i, off := range offsets {
		before := body[:off]
		line := at + strings.Count(before, "\n")
		col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		c.ds.warnf(plan.At(file, line, col), hintPersonal, msgPersonal, kinds[i])
	}
}

// eachText calls fn for every Text that v holds through its yaml-tagged
// fields, earlier values of a Value included.
func eachText(v reflect.Value, fn func(plan.Text)) {
	switch {
	case v.Type() == textType:
		if v.CanAddr() { // without copying the Text into an interface
			fn(*v.Addr().Interface().(*plan.Text))
		} else {
			fn(v.Interface().(plan.Text))
		}
	case v.Type() == valueType:
		var val *plan.Value
		if v.CanAddr() {
			val = v.Addr().Interface().(*plan.Value)
		} else {
			copied := v.Interface().(plan.Value)
			val = &copied
		}
		fn(val.Text)
		for _, p := range val.Priors() {
			fn(p.Valore)
		}
	case v.Kind() == reflect.Pointer && !v.IsNil():
		eachText(v.Elem(), fn)
	case v.Kind() == reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			eachText(v.Index(i), fn)
		}
	case v.Kind() == reflect.Struct:
		for _, i := range yamlFields(v.Type()) {
			eachText(v.Field(i), fn)
		}
	}
}

// yamlFieldsOf keeps, for each struct type eachText met, the indexes of
// its fields a yaml tag names: the tags are read once per type, not once
// per value (10,000 sheets hold millions of fields).
var yamlFieldsOf sync.Map // reflect.Type → []int

func yamlFields(t reflect.Type) []int {
	if f, ok := yamlFieldsOf.Load(t); ok {
		return f.([]int)
	}
	var f []int
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" && !strings.HasPrefix(tag, "-,") {
			f = append(f, i)
		}
	}
	yamlFieldsOf.Store(t, f)
	return f
}
