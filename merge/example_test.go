package merge_test

import (
	"fmt"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// Fetching into an empty form with "Skriv över fält i anmälan?" = Ja fills every field the
// lookup returns; the identity numbers it withholds must come from the customer.
func ExampleFetch() {
	rec := facility.SampleRecords()[0]
	var form merge.Form

	rep := merge.Fetch(&form, &rec, merge.Overwrite)

	fmt.Println("Anläggnings-ID:", form.Facility.ID.Grouped())
	fmt.Println("Mätarnummer:", form.Facility.MeterNumber)
	fmt.Println("Owner surname:", form.Owner.Surname) // masked
	for _, f := range []merge.Field{merge.FacilityMeterNumber, merge.OwnerSurname, merge.OwnerPersonalNumber} {
		fmt.Printf("%s: %v\n", f, rep.Outcome(f))
	}
	fmt.Println("filled:", rep.Count(merge.Filled), "withheld:", rep.Count(merge.Withheld))
	// Output:
	// Anläggnings-ID: 735 999 101 000 000 017
	// Mätarnummer: M-20001
	// Owner surname: ***
	// facility.meterNumber: filled
	// owner.surname: filled
	// owner.personalNumber: kept: withheld by the lookup for privacy reasons, ask the customer
	// filled: 26 withheld: 2
}

// With "Nej" what the installer typed stays, but the meter number of another facility,
// typed by mistake, is replaced all the same.
func ExampleFetch_fillEmpty() {
	rec := facility.SampleRecords()[2]
	var form merge.Form
	form.Facility.MeterNumber = "M-20001" // another facility's meter
	form.Owner.Kind = facility.PartyKindPrivate
	form.Owner.Surname = privacy.NewText("Berg") // typed by the installer

	rep := merge.Fetch(&form, &rec, merge.FillEmpty)

	for _, f := range []merge.Field{merge.FacilityMeterNumber, merge.OwnerKind, merge.OwnerSurname, merge.OwnerGivenName} {
		fmt.Printf("%s: %v / %s\n", f, rep.Outcome(f), rep.Outcome(f).Swedish())
	}
	fmt.Println("Mätarnummer:", form.Facility.MeterNumber)
	fmt.Println("Owner surname:", form.Owner.Surname) // masked
	// Output:
	// facility.meterNumber: overwritten / överskriven
	// owner.kind: already the same / redan samma
	// owner.surname: kept: you chose not to overwrite / behållen: du valde att inte skriva över
	// owner.givenName: filled / ifylld
	// Mätarnummer: M-20003
	// Owner surname: ***
}

// "Kopiera från ägare" makes the payer an exact copy of the property owner.
func ExampleCopyFromOwner() {
	rec := facility.SampleRecords()[2] // a landlord owns the property, a tenant is the customer
	form := merge.Form{Facility: rec.Details, Owner: rec.Owner, Payer: rec.Customer}

	rep := merge.CopyFromOwner(&form)

	for f, o := range rep.All() {
		if o.Changed() {
			fmt.Printf("%s: %v\n", f.Label(), o)
		}
	}
	fmt.Println("owner untouched:", rep.Outcome(merge.OwnerSurname))
	fmt.Println("payer:", form.Payer) // a party prints only its kind
	// Output:
	// Betalningsansvarig: Efternamn: overwritten
	// Betalningsansvarig: Förnamn: overwritten
	// Betalningsansvarig: Utdelningsadr.: overwritten
	// Betalningsansvarig: Postnr: overwritten
	// Betalningsansvarig: Telefon/mobil: overwritten
	// Betalningsansvarig: Epost: overwritten
	// owner untouched: untouched
	// payer: Party{kind: private}
}
