package facility

import "github.com/gridnotify/gridnotify/privacy"

// Address is a postal address as the manual's forms hold it: C/O,
// Utdelningsadr., Postnr and Ortsnamn. It is both a facility's installation
// address and a party's postal address.
//
// The care-of, street and city lead to a person, so they are privacy.Text
// and masked in every output. The postal code alone covers many households
// and stays clear. Fields are omitted from JSON when zero ("omitzero": a
// struct field is never "empty" for omitempty, so omitzero is what makes
// the intent work).
type Address struct {
	CareOf     privacy.Text `json:"careOf,omitzero"`     // C/O
	Street     privacy.Text `json:"street,omitzero"`     // Utdelningsadr.
	PostalCode PostalCode   `json:"postalCode,omitzero"` // Postnr
	City       privacy.Text `json:"city,omitzero"`       // Ortsnamn
}

// IsZero reports whether every field of the address is empty.
func (a Address) IsZero() bool {
	return a.CareOf.IsZero() && a.Street.IsZero() && a.PostalCode.IsZero() && a.City.IsZero()
}
