package facility

import (
	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/privacy"
)

// Details is the facility section: what a lookup returns about the
// connection point itself and what a case holds about it.
type Details struct {
	// ID is the facility ID (Anläggnings-ID / EAN-nr).
	ID EAN `json:"facilityId"`
	// TechnicalNumber is the grid company's object number (Tekniskt nummer).
	TechnicalNumber TechnicalNumber `json:"technicalNumber"`
	// MeterNumber is the meter number (Mätarnummer).
	MeterNumber MeterNumber `json:"meterNumber"`
	// Area is the grid-area code (Nätområde).
	Area AreaCode `json:"area"`
	// Address is the installation address.
	Address Address `json:"address"`
	// PropertyDesignation is the property designation (Fastighetsbeteckning,
	// e.g. "Helsingborg Eken 3"). It is public in the land register but
	// leads straight to the owner, so it is treated as personal data.
	PropertyDesignation privacy.Text `json:"propertyDesignation"`
	// MainFuse is today's main fuse (Huvudsäkring) in amperes; zero when
	// unknown.
	MainFuse Ampere `json:"mainFuse"`
	// Power is the facility's power in kW; zero when unknown.
	Power decimal.Decimal `json:"power"`
}

// IsZero reports whether every field is empty.
func (d Details) IsZero() bool {
	return d.ID.IsZero() && d.TechnicalNumber == "" && d.MeterNumber == "" &&
		d.Area == "" && d.Address.IsZero() && d.PropertyDesignation.IsZero() &&
		d.MainFuse == 0 && d.Power.IsZero()
}

// Record is what "Hämta anl-data" returns: the facility's details and the
// parties the grid company has on file.
//
// Every field is a value (strings, numbers, value types of package privacy,
// and decimal.Decimal, whose arithmetic never changes a value in place), so
// a copy of a Record shares nothing a caller could change.
type Record struct {
	// Details is the facility section: identifiers, area, address, main fuse and power.
	Details
	// Owner is the property owner (fastighetsägare).
	Owner Party `json:"owner"`
	// Customer is the facility's current customer; it fills the case's
	// payer (betalningsansvarig).
	Customer Party `json:"customer"`
}

// Withhold returns the record with every identity number cleared: both
// parties' PersonalNumber, OrganisationNumber and BirthDate. The manual says
// the lookup withholds personal and organisation numbers; a legal person's
// organisation number is public, but a sole trader's is a personal identity
// number and the lookup cannot always tell them apart, so all are withheld
// and the installer asks the customer. Every [Lookup] applies it, so a
// lookup never returns identity numbers even if its source holds them.
func (r Record) Withhold() Record {
	r.Owner = r.Owner.withhold()
	r.Customer = r.Customer.withhold()
	return r
}

// IsZero reports whether the details and both parties are empty. (It
// shadows Details.IsZero, which would otherwise be promoted and ignore the
// parties.)
func (r Record) IsZero() bool {
	return r.Details.IsZero() && r.Owner.IsZero() && r.Customer.IsZero()
}
