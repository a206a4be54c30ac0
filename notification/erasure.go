package notification

import (
	"slices"
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

// Tombstones returns a copy of the case's erasure records.
func (c *Case) Tombstones() []Tombstone { return cloneTombstones(c.tombstones) }

func cloneTombstones(ts []Tombstone) []Tombstone {
	out := slices.Clone(ts)
	for i := range out {
		out[i].Fields = slices.Clone(out[i].Fields)
	}
	return out
}

// erased reports whether field path was erased and is still empty.
func (c *Case) erased(path string) bool {
	for _, t := range c.tombstones {
		if slices.Contains(t.Fields, path) {
			return true
		}
	}
	return false
}

// PartySection names one of the case's two parties.
type PartySection string

// The party sections of a case.
const (
	OwnerSection PartySection = "owner"
	PayerSection PartySection = "payer"
)

// holds reports which of the case's parties carry personal identity number pn.
func (c *Case) holds(pn privacy.PersonalIdentityNumber) []PartySection {
	var out []PartySection
	match := func(p facility.Party) bool {
		return !pn.IsZero() && (p.PersonalNumber == pn ||
			(p.OrganisationNumber.IsPersonal() && p.OrganisationNumber.Reveal() == pn.Reveal()[2:]))
	}
	if match(c.form.Owner) {
		out = append(out, OwnerSection)
	}
	if match(c.form.Payer) {
		out = append(out, PayerSection)
	}
	return out
}

// erasePersonal empties every personal field listed, records a tombstone and returns the
// paths erased; fields already empty are not listed. Erasure is allowed in every status: the
// right to erasure does not wait for a case to be editable.
func (c *Case) erasePersonal(fields []merge.Field, extra func() []string, reason ErasureReason, by privacy.Actor, at time.Time) []string {
	var erased []string
	for _, f := range fields {
		if f.Filled(&c.form) && IsPersonal(f) {
			f.Clear(&c.form)
			c.provenance.sources[f] = SourceNone
			erased = append(erased, f.Path())
		}
	}
	if extra != nil {
		erased = append(erased, extra()...)
	}
	if len(erased) > 0 {
		c.tombstones = append(c.tombstones, Tombstone{At: at.UTC(), By: actorID(by), Reason: reason, Fields: erased})
	}
	return erased
}

// partyFields returns the form fields of a party section.
func partyFields(s PartySection) []merge.Field {
	first, last := merge.OwnerKind, merge.OwnerInvoiceReference
	if s == PayerSection {
		first, last = merge.PayerKind, merge.PayerInvoiceReference
	}
	var out []merge.Field
	for f := first; f <= last; f++ {
		out = append(out, f)
	}
	return out
}
