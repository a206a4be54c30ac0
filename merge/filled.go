package merge

import "github.com/gridnotify/gridnotify/facility"

// Filled reports whether field f of form holds a value. A boolean field is filled when true;
// an unknown field is never filled.
func (f Field) Filled(form *Form) bool {
	d := &form.Facility
	switch f {
	case FacilityID:
		return !d.ID.IsZero()
	case FacilityTechnicalNumber:
		return d.TechnicalNumber != ""
	case FacilityMeterNumber:
		return d.MeterNumber != ""
	case FacilityArea:
		return d.Area != ""
	case FacilityCareOf:
		return !d.Address.CareOf.IsZero()
	case FacilityStreet:
		return !d.Address.Street.IsZero()
	case FacilityPostalCode:
		return !d.Address.PostalCode.IsZero()
	case FacilityCity:
		return !d.Address.City.IsZero()
	case FacilityPropertyDesignation:
		return !d.PropertyDesignation.IsZero()
	case FacilityMainFuse:
		return d.MainFuse != 0
	case FacilityPower:
		return !d.Power.IsZero()
	}
	switch {
	case f >= OwnerKind && f <= OwnerInvoiceReference:
		return partyFilled(&form.Owner, f-OwnerKind)
	case f >= PayerKind && f <= PayerInvoiceReference:
		return partyFilled(&form.Payer, f-PayerKind)
	}
	return false
}

// partyFilled reports whether the party field at offset (counted from OwnerKind) holds a value.
func partyFilled(p *facility.Party, offset Field) bool {
	switch offset + OwnerKind {
	case OwnerKind:
		return p.Kind != facility.PartyKindUnset
	case OwnerCompanyName:
		return !p.CompanyName.IsZero()
	case OwnerSurname:
		return !p.Surname.IsZero()
	case OwnerGivenName:
		return !p.GivenName.IsZero()
	case OwnerCareOf:
		return !p.Address.CareOf.IsZero()
	case OwnerStreet:
		return !p.Address.Street.IsZero()
	case OwnerPostalCode:
		return !p.Address.PostalCode.IsZero()
	case OwnerCity:
		return !p.Address.City.IsZero()
	case OwnerPersonalNumber:
		return !p.PersonalNumber.IsZero()
	case OwnerOrganisationNumber:
		return !p.OrganisationNumber.IsZero()
	case OwnerNoSwedishPersonalNumber:
		return p.NoSwedishPersonalNumber
	case OwnerBirthDate:
		return !p.BirthDate.IsZero()
	case OwnerPhone:
		return !p.Phone.IsZero()
	case OwnerEmail:
		return !p.Email.IsZero()
	case OwnerInvoiceReference:
		return !p.InvoiceReference.IsZero()
	}
	return false
}
