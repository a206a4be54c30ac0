package notification

import (
	"slices"
	"strconv"
	"time"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// ErasureReason says why personal data was erased.
type ErasureReason string

// The reasons for an erasure.
const (
	// ErasedOnRequest: the data subject asked (GDPR art. 17).
	ErasedOnRequest ErasureReason = "data-subject-request"
	// ErasedByRetention: the retention period of a closed or cancelled case ran out.
	ErasedByRetention ErasureReason = "retention"
)

// Tombstone records that personal data was erased from a case: when, by whom, why and which
// fields — never the data itself. The case's status history keeps its rows; only a row's
// reason, free text, may be erased ("history.3.reason").
type Tombstone struct {
	At     time.Time     `json:"at"`     // when the data was erased
	By     string        `json:"by"`     // the actor's opaque ID
	Reason ErasureReason `json:"reason"` // request or retention
	Fields []string      `json:"fields"` // JSON paths of the erased fields
}

// erased reports whether field path was erased.
func (st *state) erased(path string) bool {
	return slices.ContainsFunc(st.s.Tombstones, func(t Tombstone) bool { return slices.Contains(t.Fields, path) })
}

// holds reports which of the case's parties carry personal identity number pn, as a private
// person or as a sole trader whose organisation number it is.
func (st *state) holds(pn privacy.PersonalIdentityNumber) []Section {
	if pn.IsZero() {
		return nil
	}
	var out []Section
	for _, sec := range []Section{SectionOwner, SectionPayer} {
		p := sec.party(&st.s.Form)
		if p.PersonalNumber == pn || (p.OrganisationNumber.IsPersonal() && p.OrganisationNumber.Reveal() == pn.Reveal()[2:]) {
			out = append(out, sec)
		}
	}
	return out
}

// PersonTokens returns the keyed tokens of the identity numbers the case's parties carry — a
// private person's personal identity number, a sole trader's organisation number — for a
// store's person index ([PersonFinder]); [PersonTokens] gives the tokens to look a person up
// by. A nil tokenizer gives none.
func (s *Snapshot) PersonTokens(t *privacy.Tokenizer) []privacy.Token {
	var out []privacy.Token
	for _, p := range []*facility.Party{&s.Owner, &s.Payer} {
		if !p.PersonalNumber.IsZero() {
			out = appendToken(out, t.PersonalIdentityNumber(p.PersonalNumber))
		}
		if p.OrganisationNumber.IsPersonal() {
			out = appendToken(out, t.OrganisationNumber(p.OrganisationNumber))
		}
	}
	return out
}

// PersonTokens returns the tokens under which a store's person index finds the person with
// personal identity number pn: as a private person and as a sole trader, whose organisation
// number is the personal identity number's last ten digits.
func PersonTokens(t *privacy.Tokenizer, pn privacy.PersonalIdentityNumber) []privacy.Token {
	if pn.IsZero() {
		return nil
	}
	out := appendToken(nil, t.PersonalIdentityNumber(pn))
	if org, err := privacy.ParseOrganisationNumber(pn.Reveal()[2:]); err == nil && org.IsPersonal() {
		out = appendToken(out, t.OrganisationNumber(org))
	}
	return out
}

// appendToken appends t unless it is zero or already there.
func appendToken(ts []privacy.Token, t privacy.Token) []privacy.Token {
	if t.IsZero() || slices.Contains(ts, t) {
		return ts
	}
	return append(ts, t)
}

// erasePersonal empties the personal values selected, records a tombstone and returns the
// paths erased; values already empty are not listed. select returns the path to record for a
// value, or "" to leave it. The content of the case's attachments, which the caller erased
// from the attachment store, is recorded too ("attachments.0.content"). Erasure is allowed in
// every status: the right to erasure does not wait for a case to be editable.
func (st *state) erasePersonal(sel func(p *personalField, path string, v value) string, reason ErasureReason, by privacy.Actor, at time.Time) []string {
	var erased []string
	for i, a := range st.s.Attachments {
		if a.SHA256 != "" && !st.erased(contentPath(i)) {
			erased = append(erased, contentPath(i))
		}
	}
	st.s.walk(func(p *personalField, path string, v value) bool {
		if v.isZero() {
			return true
		}
		rec := sel(p, path, v)
		if rec == "" {
			return true
		}
		v.clear()
		if p.form != noFormField {
			st.s.Sources[p.form] = SourceNone
		}
		if !slices.Contains(erased, rec) {
			erased = append(erased, rec)
		}
		return true
	})
	if len(erased) > 0 {
		st.s.Tombstones = append(st.s.Tombstones, Tombstone{At: at.UTC(), By: actorID(by), Reason: reason, Fields: erased})
	}
	return erased
}

// eraseRequested erases the person of sections (art. 17): every personal field of their
// party sections and every free text that mentions them, by element ("notes.3.text").
func (st *state) eraseRequested(sections []Section, m mentions, by privacy.Actor, at time.Time) []string {
	return st.erasePersonal(func(p *personalField, path string, v value) string {
		switch {
		case p.form != noFormField && slices.ContainsFunc(sections, func(s Section) bool { return inSection(s, p) }):
			return path
		case p.form == noFormField && p.freeText() && m.in(v.reveal()):
			return path
		}
		return ""
	}, ErasedOnRequest, by, at)
}

// eraseAll erases every personal value of the case (retention): the form's personal fields
// and every personal field outside it, a list field by its field's path ("notes.text").
func (st *state) eraseAll(by privacy.Actor, at time.Time) []string {
	return st.erasePersonal(func(p *personalField, _ string, _ value) string { return p.path }, ErasedByRetention, by, at)
}

// contentPath is the path of attachment i's content in a tombstone.
func contentPath(i int) string { return "attachments." + strconv.Itoa(i) + ".content" }

// inSection reports whether the form field of p belongs to section s.
func inSection(s Section, p *personalField) bool {
	return p.form >= s.base() && p.form <= s.base()+merge.OwnerInvoiceReference-merge.OwnerKind
}
