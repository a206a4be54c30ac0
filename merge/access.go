package merge

import (
	"strconv"

	"github.com/gridnotify/gridnotify/facility"
)

// Clear empties field f of form; an unknown field changes nothing.
func (f Field) Clear(form *Form) {
	d := &form.Facility
	switch f {
	case FacilityID:
		d.ID = facility.EAN{}
	case FacilityTechnicalNumber:
		d.TechnicalNumber = ""
	case FacilityMeterNumber:
		d.MeterNumber = ""
	case FacilityArea:
		d.Area = ""
	case FacilityCareOf:
		d.Address.CareOf = zeroOf(d.Address.CareOf)
	case FacilityStreet:
		d.Address.Street = zeroOf(d.Address.Street)
	case FacilityPostalCode:
		d.Address.PostalCode = facility.PostalCode{}
	case FacilityCity:
		d.Address.City = zeroOf(d.Address.City)
	case FacilityPropertyDesignation:
		d.PropertyDesignation = zeroOf(d.PropertyDesignation)
	case FacilityMainFuse:
		d.MainFuse = 0
	case FacilityPower:
		d.Power = zeroOf(d.Power)
	}
	switch {
	case f >= OwnerKind && f <= OwnerInvoiceReference:
		clearParty(&form.Owner, f-OwnerKind)
	case f >= PayerKind && f <= PayerInvoiceReference:
		clearParty(&form.Payer, f-PayerKind)
	}
}

func zeroOf[T any](T) (zero T) { return zero }

func clearParty(p *facility.Party, offset Field) {
	switch offset + OwnerKind {
	case OwnerKind:
		p.Kind = facility.PartyKindUnset
	case OwnerCompanyName:
		p.CompanyName = zeroOf(p.CompanyName)
	case OwnerSurname:
		p.Surname = zeroOf(p.Surname)
	case OwnerGivenName:
		p.GivenName = zeroOf(p.GivenName)
	case OwnerCareOf:
		p.Address.CareOf = zeroOf(p.Address.CareOf)
	case OwnerStreet:
		p.Address.Street = zeroOf(p.Address.Street)
	case OwnerPostalCode:
		p.Address.PostalCode = facility.PostalCode{}
	case OwnerCity:
		p.Address.City = zeroOf(p.Address.City)
	case OwnerPersonalNumber:
		p.PersonalNumber = zeroOf(p.PersonalNumber)
	case OwnerOrganisationNumber:
		p.OrganisationNumber = zeroOf(p.OrganisationNumber)
	case OwnerNoSwedishPersonalNumber:
		p.NoSwedishPersonalNumber = false
	case OwnerBirthDate:
		p.BirthDate = zeroOf(p.BirthDate)
	case OwnerPhone:
		p.Phone = zeroOf(p.Phone)
	case OwnerEmail:
		p.Email = zeroOf(p.Email)
	case OwnerInvoiceReference:
		p.InvoiceReference = zeroOf(p.InvoiceReference)
	}
}

// Reveal returns field f of form in clear, as text ("" when empty). It is the one place in
// merge that reads personal values in clear: callers are the reveal path, which checks a
// policy and logs the access, and the data subject's export. Never log what it returns.
func (f Field) Reveal(form *Form) string {
	d := &form.Facility
	switch f {
	case FacilityID:
		if d.ID.IsZero() {
			return ""
		}
		return d.ID.String()
	case FacilityTechnicalNumber:
		return string(d.TechnicalNumber)
	case FacilityMeterNumber:
		return string(d.MeterNumber)
	case FacilityArea:
		return string(d.Area)
	case FacilityCareOf:
		return d.Address.CareOf.Reveal()
	case FacilityStreet:
		return d.Address.Street.Reveal()
	case FacilityPostalCode:
		return postal(d.Address.PostalCode)
	case FacilityCity:
		return d.Address.City.Reveal()
	case FacilityPropertyDesignation:
		return d.PropertyDesignation.Reveal()
	case FacilityMainFuse:
		if d.MainFuse == 0 {
			return ""
		}
		return strconv.Itoa(int(d.MainFuse))
	case FacilityPower:
		if d.Power.IsZero() {
			return ""
		}
		return d.Power.String()
	}
	switch {
	case f >= OwnerKind && f <= OwnerInvoiceReference:
		return revealParty(&form.Owner, f-OwnerKind)
	case f >= PayerKind && f <= PayerInvoiceReference:
		return revealParty(&form.Payer, f-PayerKind)
	}
	return ""
}

func postal(p facility.PostalCode) string {
	if p.IsZero() {
		return ""
	}
	return p.String()
}

func revealParty(p *facility.Party, offset Field) string {
	switch offset + OwnerKind {
	case OwnerKind:
		if p.Kind == facility.PartyKindUnset {
			return ""
		}
		return p.Kind.String()
	case OwnerCompanyName:
		return p.CompanyName.Reveal()
	case OwnerSurname:
		return p.Surname.Reveal()
	case OwnerGivenName:
		return p.GivenName.Reveal()
	case OwnerCareOf:
		return p.Address.CareOf.Reveal()
	case OwnerStreet:
		return p.Address.Street.Reveal()
	case OwnerPostalCode:
		return postal(p.Address.PostalCode)
	case OwnerCity:
		return p.Address.City.Reveal()
	case OwnerPersonalNumber:
		return p.PersonalNumber.Reveal()
	case OwnerOrganisationNumber:
		return p.OrganisationNumber.Reveal()
	case OwnerNoSwedishPersonalNumber:
		if p.NoSwedishPersonalNumber {
			return "true"
		}
		return ""
	case OwnerBirthDate:
		return p.BirthDate.Reveal()
	case OwnerPhone:
		return p.Phone.Reveal()
	case OwnerEmail:
		return p.Email.Reveal()
	case OwnerInvoiceReference:
		return p.InvoiceReference.Reveal()
	}
	return ""
}
