package builder

import (
	"regexp"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// The ente's identifiers and addresses that the open data publish: the
// IPA code, which names the publisher and its datasets in the DCAT-AP_IT
// catalogue, and the mailboxes of the catalogue's contact point. A value
// the catalogue could not use is an error at its place, not a catalogue
// that the national harvester rejects.

// ipaCodeRE is the form of a code of the IPA index (indicepa.gov.it):
// lowercase letters, digits and underscores, as "cciaa_to", "r_lazio",
// "c_l219", "agid".
var ipaCodeRE = regexp.MustCompile(`^[a-z0-9]+(?:_[a-z0-9]+)*$`)

// validIPACode reports whether s has the form of an IPA code. A code has a
// letter: eleven digits are a tax code.
func validIPACode(s string) bool {
	return ipaCodeRE.MatchString(s) && strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz")
}

// emailRE is a valid e-mail address as HTML defines it (the form an
// <input type="email"> accepts), with a domain of two labels at least.
var emailAddressRE = regexp.MustCompile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@" +
	`[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$`)

func validEmail(s string) bool { return emailAddressRE.MatchString(s) }

// ente checks the IPA code and the mailboxes of config.yaml.
func (c *checker) ente(e *plan.Ente) {
	if t := e.CodiceIPA; t.S != "" && !validIPACode(t.S) {
		c.ds.errorf(t.Pos, ipaCodeHint(t.S), msgIPACode, t.S)
	}
	for _, t := range []plan.Text{e.PEC, e.Email} {
		if t.S != "" && !validEmail(t.S) {
			c.ds.errorf(t.Pos, hintEmail, msgEmail, t.S)
		}
	}
}

// ipaCodeHint says what a wrong IPA code looks like it is.
func ipaCodeHint(s string) string {
	switch lower := strings.ToLower(strings.TrimSpace(s)); {
	case strings.Trim(s, "0123456789") == "":
		return hintIPATaxCode
	case validIPACode(lower) && len(s) == 6 && s == strings.ToUpper(s):
		return hintIPAInvoiceCode
	case validIPACode(lower):
		return hintIPALower + lower
	}
	return hintIPACode
}

// contactEmail is the mailbox of the catalogue's contact point: the
// ordinary one, else the PEC; "" when config.yaml gives neither.
func contactEmail(e *plan.Ente) string {
	if e.Email.S != "" {
		return e.Email.S
	}
	return e.PEC.S
}
