package validate_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gridnotify/gridnotify/validate"
)

func ExampleStruct() {
	type facilityInput struct {
		FacilityID string `json:"facilityId" validate:"facility_id"`
		PostalCode string `json:"postalCode" validate:"postal_code"`
	}
	type order struct {
		Facility facilityInput `json:"facility"`
	}
	err := validate.Struct(order{Facility: facilityInput{FacilityID: "735999123456789019", PostalCode: "252 21"}})
	var inv *validate.InvalidError
	if errors.As(err, &inv) {
		for _, p := range inv.Problems {
			fmt.Printf("%s (%s): %s / %s\n", p.Path, p.Label, p.Swedish, p.English)
		}
	}
	// Output:
	// facility.facilityId (Anläggnings-ID (EAN)): Kontrollsiffran stämmer inte. / The check digit is wrong.
}

// filled is a validate.Document that has the fields it lists.
type filled map[validate.Field]bool

func (f filled) Filled(x validate.Field) bool { return f[x] }

func ExampleCheck() {
	var profile validate.Profile
	if err := json.Unmarshal([]byte(`{"required": ["owner.identity", "meterPlacement"]}`), &profile); err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range validate.Check(filled{validate.MeterPlacement: true}, profile) {
		fmt.Printf("%s [%s]\n%s\n%s\n", p.Label, p.Code, p.Swedish, p.English)
	}
	// Output:
	// Fastighetsägare: Personnr. [withheld]
	// Obligatoriskt. Nätbolaget lämnar inte ut uppgiften av integritetsskäl: fråga kunden.
	// Required. The grid company withholds it for privacy reasons: ask the customer.
}

func ExampleNewProfile() {
	_, err := validate.NewProfile("owner.identity", "owner.shoeSize")
	fmt.Println(errors.Is(err, validate.ErrUnknownField), err)
	// Output:
	// true validate: unknown field: "owner.shoeSize"
}
