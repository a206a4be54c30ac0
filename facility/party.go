package facility

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"

	"github.com/gridnotify/gridnotify/privacy"
)

// Party is a person or company on a facility: the property owner
// (fastighetsägare) or the payer (betalningsansvarig). The fields are the
// manual's party fields.
//
// Every field that describes a person is a masked privacy type. Party's own
// String, Format and LogValue go further and print only the kind, so a
// party printed or logged whole shows nothing about the person, not even
// which fields are filled in.
type Party struct {
	// Kind is private person or company (Typ: Privat / Företag).
	Kind PartyKind `json:"kind"`
	// CompanyName is the company's name (Namn), for a company.
	CompanyName privacy.Text `json:"companyName"`
	// Surname is the surname (Efternamn), for a private person or a
	// company's contact.
	Surname privacy.Text `json:"surname"`
	// GivenName is the given name (Förnamn).
	GivenName privacy.Text `json:"givenName"`
	// Address is the postal address (C/O, Utdelningsadr., Postnr, Ortsnamn).
	Address Address `json:"address"`
	// PersonalNumber is the personal identity number (Personnr.) of a
	// private person. A lookup never returns it: see [Record.Withhold].
	PersonalNumber privacy.PersonalIdentityNumber `json:"personalNumber"`
	// OrganisationNumber is the organisation number (Personnr./Org.nr) of a
	// company. A lookup never returns it either.
	OrganisationNumber privacy.OrganisationNumber `json:"organisationNumber"`
	// NoSwedishPersonalNumber records the customer's statement that they
	// have no Swedish personal identity number ("kund saknar svenskt
	// personnummer"); BirthDate is then asked for instead.
	NoSwedishPersonalNumber bool `json:"noSwedishPersonalNumber"`
	// BirthDate is the birth date of a person without a Swedish personal
	// identity number. Withheld by a lookup like the identity numbers.
	BirthDate privacy.Date `json:"birthDate"`
	// Phone is the phone or mobile number (Telefon/mobil).
	Phone privacy.Phone `json:"phone"`
	// Email is the e-mail address (Epost).
	Email privacy.Email `json:"email"`
	// InvoiceReference is the invoice reference (Fakturaref.), a
	// company's own reference such as an order or cost-centre code.
	InvoiceReference privacy.Text `json:"invoiceReference"`
}

// IsZero reports whether every field of the party is empty.
func (p Party) IsZero() bool {
	return p.Kind == PartyKindUnset &&
		p.CompanyName.IsZero() && p.Surname.IsZero() && p.GivenName.IsZero() &&
		p.Address.IsZero() &&
		p.PersonalNumber.IsZero() && p.OrganisationNumber.IsZero() &&
		!p.NoSwedishPersonalNumber && p.BirthDate.IsZero() &&
		p.Phone.IsZero() && p.Email.IsZero() &&
		p.InvoiceReference.IsZero()
}

// withhold clears the fields a lookup must never return: the identity
// numbers and the birth date that stands in for one.
func (p Party) withhold() Party {
	p.PersonalNumber = privacy.PersonalIdentityNumber{}
	p.OrganisationNumber = privacy.OrganisationNumber{}
	p.BirthDate = privacy.Date{}
	return p
}

// String returns "Party{kind: private}" (or company, unset): the kind and
// nothing about the person. Use the fields' Reveal methods for clear text.
func (p Party) String() string {
	return "Party{kind: " + p.Kind.String() + "}"
}

// Format implements fmt.Formatter so that every verb, %+v and %#v included,
// prints the same as String: a party printed whole shows not even which
// fields are filled in.
func (p Party) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = io.WriteString(f, strconv.Quote(p.String()))
		return
	}
	_, _ = io.WriteString(f, p.String())
}

// LogValue implements slog.LogValuer: a group holding only the kind.
func (p Party) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", p.Kind.String()))
}
