package merge

import "github.com/gridnotify/gridnotify/facility"

// Form is the part of a notification that "Hämta anl-data" can fill: the facility section, the
// property owner (fastighetsägare) and the payer (betalningsansvarig).
//
// A lookup's [facility.Record] maps onto it section by section: Details onto Facility, Owner
// onto Owner, and the facility's current customer onto Payer, since the current customer is the
// party billed today; the installer confirms it or replaces it with [CopyFromOwner].
type Form struct {
	Facility facility.Details `json:"facility"` // the facility section; the address is personal data
	Owner    facility.Party   `json:"owner"`    // the property owner; personal data
	Payer    facility.Party   `json:"payer"`    // the payer; personal data
}
