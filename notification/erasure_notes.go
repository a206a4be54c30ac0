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
func (c *Case) mentionsOf(sections []PartySection) mentions {
	var m mentions
	word := func(s string) {
		if s = strings.ToLower(strings.TrimSpace(s)); len([]rune(s)) >= 3 {
			m.words = append(m.words, s)
		}
	}
	for _, s := range sections {
		for _, f := range partyFields(s) {
			v := f.Reveal(&c.form)
			switch f - partyBase(s) {
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

func partyBase(s PartySection) merge.Field {
	if s == PayerSection {
		return merge.PayerKind
	}
	return merge.OwnerKind
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

// textsMentioning returns every free text outside the form that mentions the person, with its
// path, Swedish label and clear value, for the data subject's export.
func (c *Case) textsMentioning(m mentions) []ExportedField {
	var out []ExportedField
	for _, o := range outsideFields {
		if o.matching == nil {
			continue
		}
		for _, x := range o.matching(c, m.in) {
			out = append(out, ExportedField{Path: x.path, Label: o.label, Value: x.value, Source: SourceInstaller})
		}
	}
	return out
}

// eraseMentions empties every free text outside the form that mentions the person — the work
// description, notes, history reasons, attachment names: every field of [outsideFields] that
// is free text — and returns the paths erased. Free text cannot be edited word by word with
// certainty, so the whole text goes; a list's rows stay.
func (c *Case) eraseMentions(m mentions) []string {
	var erased []string
	for _, o := range outsideFields {
		if o.matching != nil {
			erased = append(erased, o.eraseMatching(c, m.in)...)
		}
	}
	return erased
}
