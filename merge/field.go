package merge

import "fmt"

// Field names one field of a [Form]. The constants run section by section; [Fields] lists
// them all in order.
type Field uint8

// The facility section (Anläggning).
const (
	FacilityID Field = iota
	FacilityTechnicalNumber
	FacilityMeterNumber
	FacilityArea
	FacilityCareOf
	FacilityStreet
	FacilityPostalCode
	FacilityCity
	FacilityPropertyDesignation
	FacilityMainFuse
	FacilityPower
)

// The property owner (Fastighetsägare).
const (
	OwnerKind Field = iota + FacilityPower + 1
	OwnerCompanyName
	OwnerSurname
	OwnerGivenName
	OwnerCareOf
	OwnerStreet
	OwnerPostalCode
	OwnerCity
	OwnerPersonalNumber
	OwnerOrganisationNumber
	OwnerNoSwedishPersonalNumber
	OwnerBirthDate
	OwnerPhone
	OwnerEmail
	OwnerInvoiceReference
)

// The payer (Betalningsansvarig), in the same order as the owner's fields.
const (
	PayerKind Field = iota + OwnerInvoiceReference + 1
	PayerCompanyName
	PayerSurname
	PayerGivenName
	PayerCareOf
	PayerStreet
	PayerPostalCode
	PayerCity
	PayerPersonalNumber
	PayerOrganisationNumber
	PayerNoSwedishPersonalNumber
	PayerBirthDate
	PayerPhone
	PayerEmail
	PayerInvoiceReference
)

// NumFields is the number of fields of a [Form]; every [Field] is below it.
const NumFields = int(PayerInvoiceReference) + 1

// partyFieldCount is the number of fields in one party section.
const partyFieldCount = int(OwnerInvoiceReference-OwnerKind) + 1

// Fields returns every field of a [Form] in order.
func Fields() []Field {
	all := make([]Field, NumFields)
	for i := range all {
		all[i] = Field(i)
	}
	return all
}

// Valid reports whether f names a field.
func (f Field) Valid() bool { return int(f) < NumFields }

// Path returns the field's JSON path in a [Form], such as "facility.meterNumber" or
// "owner.personalNumber". Problems and reports name fields by it.
func (f Field) Path() string {
	if !f.Valid() {
		return fmt.Sprintf("Field(%d)", uint8(f))
	}
	return fieldTable[f].path
}

// Label returns the field's Swedish label as the manual's form shows it, such as
// "Mätarnummer" or "Personnr.".
func (f Field) Label() string {
	if !f.Valid() {
		return f.Path()
	}
	return fieldTable[f].sv
}

// English returns the field's name in English.
func (f Field) English() string {
	if !f.Valid() {
		return f.Path()
	}
	return fieldTable[f].en
}

// String returns the field's path.
func (f Field) String() string { return f.Path() }

// AlwaysOverwritten reports whether [Fetch] sets the field to the lookup's value whatever the
// mode: the facility ID, the technical number and the meter number.
func (f Field) AlwaysOverwritten() bool {
	return f == FacilityID || f == FacilityTechnicalNumber || f == FacilityMeterNumber
}

// Withheld reports whether a grid company's lookup withholds the field for privacy reasons
// (personal and organisation numbers, and the birth date that stands in for a personal
// identity number), so that it must come from the customer.
func (f Field) Withheld() bool {
	switch f {
	case OwnerPersonalNumber, OwnerOrganisationNumber, OwnerBirthDate,
		PayerPersonalNumber, PayerOrganisationNumber, PayerBirthDate:
		return true
	}
	return false
}

// FieldByPath returns the field with the given JSON path.
func FieldByPath(path string) (Field, bool) {
	for i := range fieldTable {
		if fieldTable[i].path == path {
			return Field(i), true
		}
	}
	return 0, false
}
