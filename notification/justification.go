package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// ErrNotJustified: a personal identity number was set without a recorded justification. The
// Swedish data protection act (dataskyddslagen 3 kap. 10 §) allows the number only when
// clearly justified: here, when the grid company makes it mandatory, or when the customer
// consented ([WithConsent]).
var ErrNotJustified = privacy.NewError("notification: a personal identity number needs a justification",
	"Personnummer får bara anges när det är tydligt motiverat.")

// Basis is why a case may hold a personal identity number.
type Basis string

// The justifications the library records.
const (
	// BasisMandatoryField: the grid company's profile makes the identity number mandatory.
	BasisMandatoryField Basis = "grid-company-mandatory-field"
	// BasisConsent: the customer consented to giving it.
	BasisConsent Basis = "customer-consent"
)

// Justification records why a party's personal identity number is held: which party, on
// what basis, recorded by whom and when.
type Justification struct {
	Section Section   `json:"section"` // whose number: owner or payer
	Basis   Basis     `json:"basis"`   // mandatory field or consent
	By      string    `json:"by"`      // the actor's opaque ID
	At      time.Time `json:"at"`      // when it was recorded
}

// SaveOption adjusts [Service.Save], [Service.CopyFromOwner], [Case.Edit] and
// [Case.CopyFromOwner].
type SaveOption func(*saveOptions)

type saveOptions struct {
	consent map[Section]bool
}

// collectOptions applies opts to a fresh set of options.
func collectOptions(opts []SaveOption) saveOptions {
	var o saveOptions
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithConsent records that the customer of a party section consented to giving their
// personal identity number; it justifies setting the number where the grid company does not
// make it mandatory.
func WithConsent(s Section) SaveOption {
	return func(o *saveOptions) {
		if o.consent == nil {
			o.consent = map[Section]bool{}
		}
		o.consent[s] = true
	}
}

// justify records a justification for every party whose personal identity number the edit
// set or changed — a sole trader's organisation number is one too — or fails with
// ErrNotJustified naming the field.
func (st *state) justify(before *merge.Form, profile validate.Profile, opts saveOptions, by privacy.Actor, at time.Time) error {
	sections := []struct {
		s        Section
		field    merge.Field
		identity validate.Field
		personal func(*merge.Form) bool
	}{
		{SectionOwner, merge.OwnerPersonalNumber, validate.OwnerIdentity,
			func(f *merge.Form) bool { return !f.Owner.PersonalNumber.IsZero() }},
		{SectionOwner, merge.OwnerOrganisationNumber, validate.OwnerIdentity,
			func(f *merge.Form) bool { return f.Owner.OrganisationNumber.IsPersonal() }},
		{SectionPayer, merge.PayerPersonalNumber, validate.PayerIdentity,
			func(f *merge.Form) bool { return !f.Payer.PersonalNumber.IsZero() }},
		{SectionPayer, merge.PayerOrganisationNumber, validate.PayerIdentity,
			func(f *merge.Form) bool { return f.Payer.OrganisationNumber.IsPersonal() }},
	}
	var added []Justification
	for _, x := range sections {
		if !x.personal(&st.s.Form) || x.field.Reveal(before) == x.field.Reveal(&st.s.Form) {
			continue
		}
		j := Justification{Section: x.s, By: actorID(by), At: at.UTC()}
		switch {
		case profile.Requires(x.identity) || profile.Requires(validate.FormField(x.field)):
			j.Basis = BasisMandatoryField
		case opts.consent[x.s]:
			j.Basis = BasisConsent
		default:
			return &detailError{ErrNotJustified,
				x.field.Path() + ": the grid company does not require it; record the customer's consent",
				x.field.Label() + ": nätbolaget kräver det inte; registrera kundens samtycke."}
		}
		added = append(added, j)
	}
	st.s.Justifications = append(st.s.Justifications, added...)
	return nil
}
