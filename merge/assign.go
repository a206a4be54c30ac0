package merge

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// Assign sets field f of form from text in the form [Field.Reveal] gives, parsing it with the
// field's own parser; "" empties the field. It is the inverse of Reveal, for storage codecs
// that keep a form as text. On an error, naming the field but not the value, form is
// unchanged.
func (f Field) Assign(form *Form, text string) error {
	if !f.Valid() {
		return fmt.Errorf("merge: unknown field %d", uint8(f))
	}
	if text == "" {
		f.Clear(form)
		return nil
	}
	scratch := *form
	if err := assign(&scratch, f, text); err != nil {
		return fmt.Errorf("merge: %s: %w", f.Path(), err)
	}
	*form = scratch
	return nil
}

func assign(form *Form, f Field, text string) error {
	d := &form.Facility
	var err error
	switch f {
	case FacilityID:
		d.ID, err = facility.ParseEAN(text)
	case FacilityTechnicalNumber:
		d.TechnicalNumber, err = facility.ParseTechnicalNumber(text)
	case FacilityMeterNumber:
		d.MeterNumber, err = facility.ParseMeterNumber(text)
	case FacilityArea:
		d.Area, err = facility.ParseAreaCode(text)
	case FacilityCareOf:
		d.Address.CareOf = privacy.NewText(text)
	case FacilityStreet:
		d.Address.Street = privacy.NewText(text)
	case FacilityPostalCode:
		d.Address.PostalCode, err = facility.ParsePostalCode(text)
	case FacilityCity:
		d.Address.City = privacy.NewText(text)
	case FacilityPropertyDesignation:
		d.PropertyDesignation = privacy.NewText(text)
	case FacilityMainFuse:
		var n int
		n, err = strconv.Atoi(text)
		d.MainFuse = facility.Ampere(n)
	case FacilityPower:
		d.Power, err = decimal.NewFromString(text)
	case OwnerKind, OwnerCompanyName, OwnerSurname, OwnerGivenName, OwnerCareOf, OwnerStreet, OwnerPostalCode,
		OwnerCity, OwnerPersonalNumber, OwnerOrganisationNumber, OwnerNoSwedishPersonalNumber, OwnerBirthDate,
		OwnerPhone, OwnerEmail, OwnerInvoiceReference:
		err = assignParty(&form.Owner, f-OwnerKind, text)
	default:
		err = assignParty(&form.Payer, f-PayerKind, text)
	}
	return err
}

func assignParty(p *facility.Party, offset Field, text string) error {
	var err error
	switch offset + OwnerKind {
	case OwnerKind:
		err = p.Kind.UnmarshalText([]byte(text))
	case OwnerCompanyName:
		p.CompanyName = privacy.NewText(text)
	case OwnerSurname:
		p.Surname = privacy.NewText(text)
	case OwnerGivenName:
		p.GivenName = privacy.NewText(text)
	case OwnerCareOf:
		p.Address.CareOf = privacy.NewText(text)
	case OwnerStreet:
		p.Address.Street = privacy.NewText(text)
	case OwnerPostalCode:
		p.Address.PostalCode, err = facility.ParsePostalCode(text)
	case OwnerCity:
		p.Address.City = privacy.NewText(text)
	case OwnerPersonalNumber:
		// The 12-digit form carries its century, so no reference date is needed.
		p.PersonalNumber, err = privacy.ParsePersonalIdentityNumber(text)
	case OwnerOrganisationNumber:
		p.OrganisationNumber, err = privacy.ParseOrganisationNumber(text)
	case OwnerNoSwedishPersonalNumber:
		p.NoSwedishPersonalNumber, err = strconv.ParseBool(text)
	case OwnerBirthDate:
		p.BirthDate, err = privacy.ParseDate(text)
	case OwnerPhone:
		p.Phone, err = privacy.ParsePhone(text)
	case OwnerEmail:
		p.Email, err = privacy.ParseEmail(text)
	case OwnerInvoiceReference:
		p.InvoiceReference = privacy.NewText(text)
	}
	return err
}
