package validate

import (
	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
)

// Document is what [Check] examines: anything that can say whether a field holds a value.
// Package notification's case implements it, answering the form's fields with [FormFilled].
type Document interface {
	// Filled reports whether field f holds a value.
	Filled(f Field) bool
}

// A Labeller is a [Document] that labels some fields by what it holds; [Check] and
// [Complete] take a problem's label from it.
type Labeller interface {
	// FieldLabel returns the Swedish label of f as the document's form shows it.
	FieldLabel(f Field) string
}

// FormLabel returns the Swedish label of f as form shows it: the owner's and payer's identity
// is "Personnr." for a private person and "Org.nr" for a company; every other field has its
// one label ([Field.Label]).
func FormLabel(form *merge.Form, f Field) string {
	switch {
	case f == OwnerIdentity && form.Owner.Kind == facility.PartyKindCompany:
		return merge.OwnerOrganisationNumber.Label()
	case f == PayerIdentity && form.Payer.Kind == facility.PartyKindCompany:
		return merge.PayerOrganisationNumber.Label()
	}
	return f.Label()
}

// FormFilled answers [Document.Filled] for the fields that live in a [merge.Form]: the form's
// own fields and the owner's and payer's identity and name. ok is false for any other field.
//
// Identity is filled for a private person by a personal identity number, or by a birth date
// when "kund saknar svenskt personnummer" is ticked; for a company by an organisation number.
// Name is filled by surname and given name, or by the company name. A party of unset kind has
// neither.
func FormFilled(form *merge.Form, f Field) (filled, ok bool) {
	if mf, isForm := f.Form(); isForm {
		return mf.Filled(form), true
	}
	switch f {
	case OwnerIdentity:
		return identityFilled(&form.Owner), true
	case OwnerName:
		return nameFilled(&form.Owner), true
	case PayerIdentity:
		return identityFilled(&form.Payer), true
	case PayerName:
		return nameFilled(&form.Payer), true
	}
	return false, false
}

func identityFilled(p *facility.Party) bool {
	switch p.Kind {
	case facility.PartyKindPrivate:
		if p.NoSwedishPersonalNumber {
			return !p.BirthDate.IsZero()
		}
		return !p.PersonalNumber.IsZero()
	case facility.PartyKindCompany:
		return !p.OrganisationNumber.IsZero()
	}
	return false
}

func nameFilled(p *facility.Party) bool {
	switch p.Kind {
	case facility.PartyKindPrivate:
		return !p.Surname.IsZero() && !p.GivenName.IsZero()
	case facility.PartyKindCompany:
		return !p.CompanyName.IsZero()
	}
	return false
}
