package merge

import "github.com/gridnotify/gridnotify/facility"

// Fetch merges the record that "Hämta anl-data" returned into form under the installer's mode,
// and reports what it did to every field. It is the manual's steps 12–13 ("Hämta data",
// "Uppdatera och Stäng"):
//
//   - [Overwrite] ("Ja"): every field the record has a value for replaces the form's.
//   - [FillEmpty] ("Nej"): only the form's empty fields are filled.
//   - Either way, the facility ID, the technical number and the meter number become exactly
//     what the record holds, even where that is empty ([Cleared]).
//   - A field the record has no value for stays as it was ([NotReturned]).
//   - The identity numbers and the birth date are never taken from the record, even if a
//     lookup failed to withhold them: they must come from the customer ([Withheld]).
//
// The record's Customer fills the form's Payer (see [Form]). An unknown mode counts as
// [Overwrite], the manual's default. Fetch does not allocate.
//
// A failed lookup must change nothing, so callers call Fetch only with a record they have:
// there is no error path here. A nil form or record changes nothing and reports nothing.
func Fetch(form *Form, rec *facility.Record, mode Mode) Report {
	if form == nil || rec == nil {
		return Report{} // nothing to merge into or from: nothing happens
	}
	return mergeRecord(form, rec, ruleFor(mode), true)
}

// mergeRecord applies r to every field of form from rec, and the exact rule to the three
// identifiers whatever r is; with withhold it leaves the identity fields alone.
func mergeRecord(form *Form, rec *facility.Record, r rule, withhold bool) Report {
	var rep Report
	d, s := &form.Facility, &rec.Details
	rep.set(FacilityID, apply(&d.ID, s.ID, ruleExact))
	rep.set(FacilityTechnicalNumber, apply(&d.TechnicalNumber, s.TechnicalNumber, ruleExact))
	rep.set(FacilityMeterNumber, apply(&d.MeterNumber, s.MeterNumber, ruleExact))
	rep.set(FacilityArea, apply(&d.Area, s.Area, r))
	rep.set(FacilityCareOf, apply(&d.Address.CareOf, s.Address.CareOf, r))
	rep.set(FacilityStreet, apply(&d.Address.Street, s.Address.Street, r))
	rep.set(FacilityPostalCode, apply(&d.Address.PostalCode, s.Address.PostalCode, r))
	rep.set(FacilityCity, apply(&d.Address.City, s.Address.City, r))
	rep.set(FacilityPropertyDesignation, apply(&d.PropertyDesignation, s.PropertyDesignation, r))
	rep.set(FacilityMainFuse, apply(&d.MainFuse, s.MainFuse, r))
	rep.set(FacilityPower, applyDecimal(&d.Power, s.Power, r))
	mergeParty(&rep, OwnerKind, &form.Owner, &rec.Owner, r, withhold)
	mergeParty(&rep, PayerKind, &form.Payer, &rec.Customer, r, withhold)
	return rep
}

// mergeParty applies r to every field of one party section, whose first field is base. With
// withhold, the identity fields are left alone and reported [Withheld].
func mergeParty(rep *Report, base Field, d, s *facility.Party, r rule, withhold bool) {
	at := func(offset Field, o Outcome) { rep.set(base+offset, o) }
	at(0, apply(&d.Kind, s.Kind, r)) // OwnerKind - OwnerKind
	at(OwnerCompanyName-OwnerKind, apply(&d.CompanyName, s.CompanyName, r))
	at(OwnerSurname-OwnerKind, apply(&d.Surname, s.Surname, r))
	at(OwnerGivenName-OwnerKind, apply(&d.GivenName, s.GivenName, r))
	at(OwnerCareOf-OwnerKind, apply(&d.Address.CareOf, s.Address.CareOf, r))
	at(OwnerStreet-OwnerKind, apply(&d.Address.Street, s.Address.Street, r))
	at(OwnerPostalCode-OwnerKind, apply(&d.Address.PostalCode, s.Address.PostalCode, r))
	at(OwnerCity-OwnerKind, apply(&d.Address.City, s.Address.City, r))
	at(OwnerNoSwedishPersonalNumber-OwnerKind, apply(&d.NoSwedishPersonalNumber, s.NoSwedishPersonalNumber, r))
	if withhold {
		pn, org, birth := withheldFor(d)
		at(OwnerPersonalNumber-OwnerKind, pn)
		at(OwnerOrganisationNumber-OwnerKind, org)
		at(OwnerBirthDate-OwnerKind, birth)
	} else {
		at(OwnerPersonalNumber-OwnerKind, apply(&d.PersonalNumber, s.PersonalNumber, r))
		at(OwnerOrganisationNumber-OwnerKind, apply(&d.OrganisationNumber, s.OrganisationNumber, r))
		at(OwnerBirthDate-OwnerKind, apply(&d.BirthDate, s.BirthDate, r))
	}
	at(OwnerPhone-OwnerKind, apply(&d.Phone, s.Phone, r))
	at(OwnerEmail-OwnerKind, apply(&d.Email, s.Email, r))
	at(OwnerInvoiceReference-OwnerKind, apply(&d.InvoiceReference, s.InvoiceReference, r))
}

// withheldFor says which of the withheld identity fields apply to party p, as the merge left
// it: those are [Withheld] (the installer must ask the customer), the others [Untouched], so
// that a report asks only for what this customer has. A company has an organisation number;
// a private person a personal identity number, or, without a Swedish one, a birth date; a
// party of unset kind may have either number.
func withheldFor(p *facility.Party) (personalNumber, organisationNumber, birthDate Outcome) {
	personalNumber, organisationNumber, birthDate = Withheld, Withheld, Untouched
	switch {
	case p.Kind == facility.PartyKindCompany:
		return Untouched, Withheld, Untouched
	case p.NoSwedishPersonalNumber:
		personalNumber, birthDate = Untouched, Withheld
	}
	if p.Kind == facility.PartyKindPrivate {
		organisationNumber = Untouched
	}
	return personalNumber, organisationNumber, birthDate
}
