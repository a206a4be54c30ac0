package notification

import (
	"strings"
	"unicode"

	"github.com/gridnotify/gridnotify/merge"
)

// mentions is what a free text naming a person would contain: their names, street and e-mail
// as words, their identity and phone numbers as digit runs.
type mentions struct {
	words  []string // lower case
	digits []string
}

// mentionsOf collects the mentions of the parties in sections, before they are erased.
func (st *state) mentionsOf(sections []Section) mentions {
	var m mentions
	word := func(s string) {
		if s = strings.ToLower(strings.TrimSpace(s)); len([]rune(s)) >= 3 {
			m.words = append(m.words, s)
		}
	}
	for _, s := range sections {
		for _, f := range s.fields() {
			v := f.Reveal(&st.s.Form)
			switch f - s.base() {
			case merge.OwnerSurname - merge.OwnerKind, merge.OwnerGivenName - merge.OwnerKind,
				merge.OwnerCompanyName - merge.OwnerKind, merge.OwnerStreet - merge.OwnerKind,
				merge.OwnerEmail - merge.OwnerKind:
				word(v)
			case merge.OwnerPersonalNumber - merge.OwnerKind:
				if v != "" {
					m.digits = append(m.digits, v, v[2:]) // 12 and 10 digits
				}
			case merge.OwnerOrganisationNumber - merge.OwnerKind:
				if v != "" {
					m.digits = append(m.digits, v)
				}
			case merge.OwnerPhone - merge.OwnerKind:
				if national, ok := strings.CutPrefix(v, "+46"); ok {
					m.digits = append(m.digits, "0"+national, "46"+national)
				}
			}
		}
	}
	return m
}

// in reports whether text mentions the person.
func (m mentions) in(text string) bool {
	lower := strings.ToLower(text)
	for _, w := range m.words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	digits := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, text)
	for _, d := range m.digits {
		if strings.Contains(digits, d) {
			return true
		}
	}
	return false
}

// textsMentioning returns every free text of the case that mentions the person, with its
// path, Swedish label and clear value, for the data subject's export.
func (st *state) textsMentioning(m mentions) []ExportedField {
	var out []ExportedField
	st.s.walk(func(p *personalField, path string, v value) bool {
		if p.freeText() && p.form == noFormField && !v.isZero() && m.in(v.reveal()) {
			out = append(out, ExportedField{Path: path, Label: p.label, Value: v.reveal(), Source: SourceInstaller})
		}
		return true
	})
	return out
}
