package facility_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

func ExampleParseEAN() {
	// As printed on an invoice, in groups of three.
	id, err := facility.ParseEAN("735 999 123 456 789 018")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id, id.Country())

	// One digit mistyped: the GS1 check digit catches it.
	_, err = facility.ParseEAN("735999123456789019")
	fmt.Println(errors.Is(err, privacy.ErrCheckDigit), err)
	var pe *privacy.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Swedish())
	}
	// Output:
	// 735999123456789018 Sweden
	// true facility ID: check digit is wrong
	// Anläggnings-ID: kontrollsiffran stämmer inte
}

func ExampleEAN_Grouped() {
	id, err := facility.ParseEAN("735999000000000006")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.Grouped())
	// Output: 735 999 000 000 000 006
}

func ExampleParseMeterNumber() {
	for _, s := range []string{" ab-123/45 ", "M  7  001", "-123"} {
		m, err := facility.ParseMeterNumber(s)
		fmt.Printf("%q %v\n", m, err)
	}
	// Output:
	// "AB-123/45" <nil>
	// "M 7 001" <nil>
	// "" meter number: is not in a valid form
}

func ExampleParseTechnicalNumber() {
	n, err := facility.ParseTechnicalNumber("hbg-t-10001")
	fmt.Println(n, err)
	// Output: HBG-T-10001 <nil>
}

func ExampleParseAreaCode() {
	a, err := facility.ParseAreaCode("hbg")
	fmt.Println(a, err)
	_, err = facility.ParseAreaCode("Helsingborg")
	fmt.Println(err)
	// Output:
	// HBG <nil>
	// grid-area code: has the wrong length
}

func ExampleParsePostalCode() {
	for _, s := range []string{"25221", "SE-252 21", "012 34"} {
		p, err := facility.ParsePostalCode(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p, p.Digits())
	}
	// Output:
	// 252 21 25221
	// 252 21 25221
	// postal code: is not in a valid form
}

func ExampleParseAmpere() {
	a, err := facility.ParseAmpere("25A")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a, "≈", a.ApproxMaxPowerKW(), "kW")
	_, err = facility.ParseAmpere("30 A")
	fmt.Println(errors.Is(err, privacy.ErrNotStandard))
	// Output:
	// 25 A ≈ 17 kW
	// true
}

func ExampleRegistry_Find() {
	reg := facility.SampleRegistry()
	ctx := context.Background()

	// "Hämta anl-data" by meter number.
	rec, err := reg.Find(ctx, facility.Query{MeterNumber: "M-20003"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.ID, rec.Area, rec.MainFuse)
	// Personal data stays masked unless revealed deliberately; the identity
	// numbers were withheld by the lookup.
	fmt.Println(rec.Customer, rec.Customer.Surname, rec.Customer.PersonalNumber.IsZero())

	// A stale meter number next to the right ID is not silently ignored.
	_, err = reg.Find(ctx, facility.Query{ID: rec.ID, MeterNumber: "M-20001"})
	fmt.Println(errors.Is(err, facility.ErrMismatch))

	_, err = reg.Find(ctx, facility.Query{MeterNumber: "M-99999"})
	fmt.Println(errors.Is(err, facility.ErrNotFound), err)
	// Output:
	// 735999101000000031 HBG 16 A
	// Party{kind: private} *** true
	// true
	// true facility: no facility with that meter number
}

func ExampleParty_String() {
	rec := facility.SampleRecords()[1]
	fmt.Println(rec.Owner)
	fmt.Printf("%+v\n", rec.Owner)
	fmt.Println(rec.Owner.Kind.Swedish())
	// Output:
	// Party{kind: company}
	// Party{kind: company}
	// Företag
}
