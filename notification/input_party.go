package notification

import (
	"fmt"
	"log/slog"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// PartyInput is a party as a person types it in the form (Typ, Namn, Efternamn, Förnamn, ...),
// for [ParseParty]. Every field that may hold personal data is a [privacy.Text]: it takes any
// text (from JSON as a plain string) and is masked however the input is printed, logged or
// marshalled, nested in a struct, slice or map too, since it is obfuscated in memory.
type PartyInput struct {
	// Kind is "private" or "company" ("privat", "företag"; Typ); empty while not chosen.
	Kind string `json:"kind,omitempty"`
	// CompanyName is the company's name (Namn), at most 200 characters; a sole trader's may be
	// the person's own.
	CompanyName privacy.Text `json:"companyName,omitzero"`
	// Surname is a private person's surname (Efternamn), at most 200 characters.
	Surname privacy.Text `json:"surname,omitzero"`
	// GivenName is a private person's given name (Förnamn), at most 200 characters.
	GivenName privacy.Text `json:"givenName,omitzero"`
	// Address is the party's postal address (C/O, Utdelningsadr., Postnr, Ortsnamn).
	Address AddressInput `json:"address,omitzero"`
	// PersonalNumber is a private person's personal identity or coordination number
	// (Personnr.), such as "YYYYMMDD-NNNC" or "YYMMDD-NNNC"; held only when justified.
	PersonalNumber privacy.Text `json:"personalNumber,omitzero"`
	// OrganisationNumber is a company's organisation number (Org.nr), such as "NNNNNN-NNNN";
	// a sole trader's is a personal identity number.
	OrganisationNumber privacy.Text `json:"organisationNumber,omitzero"`
	// NoSwedishPersonalNumber is the tick box "Kund saknar svenskt personnummer": the customer
	// has no Swedish personal identity number, so BirthDate identifies them instead.
	NoSwedishPersonalNumber bool `json:"noSwedishPersonalNumber,omitempty"`
	// BirthDate is the birth date (Födelsedatum) as "ÅÅÅÅ-MM-DD" (YYYY-MM-DD), for a customer
	// without a Swedish personal identity number.
	BirthDate privacy.Text `json:"birthDate,omitzero"`
	// Phone is a Swedish phone number (Telefon/mobil), such as "070-123 45 67" or
	// "+46 70 123 45 67".
	Phone privacy.Text `json:"phone,omitzero"`
	// Email is the e-mail address (Epost), at most 254 characters.
	Email privacy.Text `json:"email,omitzero"`
	// InvoiceReference is the invoice reference (Fakturaref.), free text of at most 100
	// characters that may name a person.
	InvoiceReference privacy.Text `json:"invoiceReference,omitzero"`
}

// AddressInput is a postal address as typed; every field may lead to a person, so each is a
// [privacy.Text].
type AddressInput struct {
	CareOf     privacy.Text `json:"careOf,omitzero"`     // C/O, at most 200 characters
	Street     privacy.Text `json:"street,omitzero"`     // Utdelningsadr., at most 200 characters
	PostalCode privacy.Text `json:"postalCode,omitzero"` // Postnr: "NNN NN" or "NNNNN"
	City       privacy.Text `json:"city,omitzero"`       // Ortsnamn, at most 100 characters
}

// IsZero reports whether nothing of the address was typed.
func (a AddressInput) IsZero() bool {
	return a.CareOf.IsZero() && a.Street.IsZero() && a.PostalCode.IsZero() && a.City.IsZero()
}

// ParseParty checks in and returns the party it describes, for the party section sec: the
// problems' paths start with it, so "owner.personalNumber" is named, with its Swedish label.
// Free text must be valid text without control characters, within its length. Errors:
// [validate.ErrInvalid] listing every malformed field, without its value.
func ParseParty(sec Section, in PartyInput) (facility.Party, error) {
	if !sec.valid() {
		return facility.Party{}, invalid("section", `must be "owner" or "payer"`, `ska vara "owner" eller "payer"`)
	}
	var ps problems
	at := func(field string) string { return string(sec) + "." + field }
	p := facility.Party{NoSwedishPersonalNumber: in.NoSwedishPersonalNumber}
	ps.add(at("kind"), p.Kind.UnmarshalText([]byte(in.Kind)))
	p.CompanyName = privacy.NewText(ps.text(at("companyName"), in.CompanyName.Reveal(), false, maxShortText))
	p.Surname = privacy.NewText(ps.text(at("surname"), in.Surname.Reveal(), false, maxShortText))
	p.GivenName = privacy.NewText(ps.text(at("givenName"), in.GivenName.Reveal(), false, maxShortText))
	p.InvoiceReference = privacy.NewText(ps.text(at("invoiceReference"), in.InvoiceReference.Reveal(), false, 100))
	p.Address.CareOf = privacy.NewText(ps.text(at("address.careOf"), in.Address.CareOf.Reveal(), false, maxShortText))
	p.Address.Street = privacy.NewText(ps.text(at("address.street"), in.Address.Street.Reveal(), false, maxShortText))
	p.Address.City = privacy.NewText(ps.text(at("address.city"), in.Address.City.Reveal(), false, 100))
	var err error
	if s := in.Address.PostalCode.Reveal(); s != "" {
		p.Address.PostalCode, err = facility.ParsePostalCode(s)
		ps.add(at("address.postalCode"), err)
	}
	if s := in.PersonalNumber.Reveal(); s != "" {
		p.PersonalNumber, err = privacy.ParsePersonalIdentityNumber(s)
		ps.add(at("personalNumber"), err)
	}
	if s := in.OrganisationNumber.Reveal(); s != "" {
		p.OrganisationNumber, err = privacy.ParseOrganisationNumber(s)
		ps.add(at("organisationNumber"), err)
	}
	if s := in.BirthDate.Reveal(); s != "" {
		p.BirthDate, err = privacy.ParseDate(s)
		ps.add(at("birthDate"), err)
	}
	if s := in.Phone.Reveal(); s != "" {
		p.Phone, err = privacy.ParsePhone(s)
		ps.add(at("phone"), err)
	}
	if s := in.Email.Reveal(); s != "" {
		if runes(s) > 254 {
			ps.add(at("email"), invalid(at("email"), "longer than 254 characters", "längre än 254 tecken"))
		} else {
			p.Email, err = privacy.ParseEmail(s)
			ps.add(at("email"), err)
		}
	}
	if err := ps.err(); err != nil {
		return facility.Party{}, err
	}
	if err := checkParty(sec, p); err != nil {
		return facility.Party{}, err
	}
	return p, nil
}

// String shows only the party's kind: an input holds personal data.
func (in PartyInput) String() string { return "notification.PartyInput{kind: " + in.Kind + "}" }

// Format prints [PartyInput.String] for every verb.
func (in PartyInput) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, in.String()) }

// LogValue logs only the party's kind.
func (in PartyInput) LogValue() slog.Value { return slog.GroupValue(slog.String("kind", in.Kind)) }

// String hides the address.
func (a AddressInput) String() string { return "notification.AddressInput{…}" }

// Format prints [AddressInput.String] for every verb.
func (a AddressInput) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, a.String()) }

// LogValue logs nothing of the address.
func (a AddressInput) LogValue() slog.Value { return slog.StringValue(a.String()) }
