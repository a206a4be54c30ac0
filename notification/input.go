package notification

import (
	"fmt"
	"log/slog"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// PartyInput is a party as a person types it in the form, every field a string. [ParseParty]
// checks it with the project's validator and turns it into a [facility.Party].
type PartyInput struct {
	// Kind is "private" or "company" (Typ); empty while not chosen.
	Kind string `json:"kind" validate:"omitempty,oneof=private company"`
	// CompanyName is the company's name (Namn), at most 200 characters; personal data, since
	// a sole trader's company name may be the person's own.
	CompanyName string `json:"companyName" validate:"max=200"`
	// Surname is a private person's surname (Efternamn), at most 200 characters; personal data.
	Surname string `json:"surname" validate:"max=200"`
	// GivenName is a private person's given name (Förnamn), at most 200 characters; personal
	// data.
	GivenName string `json:"givenName" validate:"max=200"`
	// Address is the party's postal address (Utdelningsadr., Postnr, Ortsnamn); personal data.
	Address AddressInput `json:"address"`
	// PersonalNumber is a private person's personal identity or coordination number (Personnr.),
	// such as "YYYYMMDD-NNNC" or "YYMMDD-NNNC"; personal data, held only when justified.
	PersonalNumber string `json:"personalNumber" validate:"omitempty,personal_number"`
	// OrganisationNumber is a company's organisation number (Org.nr), such as "NNNNNN-NNNN";
	// a sole trader's is a personal identity number and so personal data.
	OrganisationNumber string `json:"organisationNumber" validate:"omitempty,org_number"`
	// NoSwedishPersonalNumber is the tick box "Kund saknar svenskt personnummer": the customer
	// has no Swedish personal identity number, so BirthDate identifies them instead.
	NoSwedishPersonalNumber bool `json:"noSwedishPersonalNumber"`
	// BirthDate is the birth date (Födelsedatum) as "YYYY-MM-DD", for a customer without a
	// Swedish personal identity number; personal data.
	BirthDate string `json:"birthDate" validate:"omitempty,datetime=2006-01-02"`
	// Phone is a Swedish phone number (Telefon/mobil), such as "070-123 45 67" or
	// "+46 70 123 45 67"; personal data.
	Phone string `json:"phone" validate:"omitempty,phone_se"`
	// Email is the e-mail address (Epost), at most 254 characters; personal data.
	Email string `json:"email" validate:"omitempty,email,max=254"`
	// InvoiceReference is the invoice reference (Fakturaref.), free text of at most 100
	// characters that may name a person; personal data.
	InvoiceReference string `json:"invoiceReference" validate:"max=100"`
}

// AddressInput is a postal address as typed.
type AddressInput struct {
	// CareOf is the c/o name (C/O), at most 200 characters; personal data.
	CareOf string `json:"careOf" validate:"max=200"`
	// Street is the street address (Utdelningsadr.), at most 200 characters; personal data.
	Street string `json:"street" validate:"max=200"`
	// PostalCode is the postal code (Postnr), "NNN NN" or "NNNNN".
	PostalCode string `json:"postalCode" validate:"omitempty,postal_code"`
	// City is the city (Ortsnamn), at most 100 characters; personal data.
	City string `json:"city" validate:"max=100"`
}

// ParseParty checks in and returns the party it describes. section ("owner" or "payer")
// prefixes the problems' paths, so "owner.personalNumber" is named, with its Swedish label.
// Errors: [validate.ErrInvalid] listing every malformed field, without its value.
func ParseParty(section string, in PartyInput) (facility.Party, error) {
	if err := validateSection(section, in); err != nil {
		return facility.Party{}, err
	}
	// Every field below passed its format tag, so the parsers cannot fail; their errors are
	// still returned rather than dropped.
	p := facility.Party{
		CompanyName:             privacy.NewText(in.CompanyName),
		Surname:                 privacy.NewText(in.Surname),
		GivenName:               privacy.NewText(in.GivenName),
		NoSwedishPersonalNumber: in.NoSwedishPersonalNumber,
		InvoiceReference:        privacy.NewText(in.InvoiceReference),
		Address: facility.Address{
			CareOf: privacy.NewText(in.Address.CareOf),
			Street: privacy.NewText(in.Address.Street),
			City:   privacy.NewText(in.Address.City),
		},
	}
	var err error
	if in.Kind != "" {
		if err = p.Kind.UnmarshalText([]byte(in.Kind)); err != nil {
			return facility.Party{}, err
		}
	}
	if in.Address.PostalCode != "" {
		if p.Address.PostalCode, err = facility.ParsePostalCode(in.Address.PostalCode); err != nil {
			return facility.Party{}, err
		}
	}
	if in.PersonalNumber != "" {
		if p.PersonalNumber, err = privacy.ParsePersonalIdentityNumber(in.PersonalNumber); err != nil {
			return facility.Party{}, err
		}
	}
	if in.OrganisationNumber != "" {
		if p.OrganisationNumber, err = privacy.ParseOrganisationNumber(in.OrganisationNumber); err != nil {
			return facility.Party{}, err
		}
	}
	if in.BirthDate != "" {
		if p.BirthDate, err = privacy.ParseDate(in.BirthDate); err != nil {
			return facility.Party{}, err
		}
	}
	if in.Phone != "" {
		if p.Phone, err = privacy.ParsePhone(in.Phone); err != nil {
			return facility.Party{}, err
		}
	}
	if in.Email != "" {
		if p.Email, err = privacy.ParseEmail(in.Email); err != nil {
			return facility.Party{}, err
		}
	}
	if err := checkParty(section, p); err != nil {
		return facility.Party{}, err
	}
	return p, nil
}

// validateSection runs the validator with the section as the JSON root, so paths read
// "owner.postalCode" and find their labels.
func validateSection(section string, in PartyInput) error {
	switch section {
	case "owner":
		return validate.Struct(struct {
			Owner PartyInput `json:"owner"`
		}{in})
	case "payer":
		return validate.Struct(struct {
			Payer PartyInput `json:"payer"`
		}{in})
	}
	return invalidArgument("section", `must be "owner" or "payer"`)
}

// String shows only the party's kind: an input holds personal data in clear, so printing or
// logging it must not.
func (in PartyInput) String() string { return "notification.PartyInput{kind: " + in.Kind + "}" }

// Format prints [PartyInput.String] for every verb.
func (in PartyInput) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, in.String()) }

// LogValue logs only the party's kind.
func (in PartyInput) LogValue() slog.Value { return slog.GroupValue(slog.String("kind", in.Kind)) }

// String hides the address, which is personal data in clear.
func (a AddressInput) String() string { return "notification.AddressInput{…}" }

// Format prints [AddressInput.String] for every verb.
func (a AddressInput) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, a.String()) }

// LogValue logs nothing of the address.
func (a AddressInput) LogValue() slog.Value { return slog.StringValue(a.String()) }
