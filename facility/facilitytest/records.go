package facilitytest

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// Facility IDs and meter numbers of the suite's records, and numbers that
// belong to none of them. The IDs are valid GSRNs (check digits computed).
const (
	idA = "735999101000000055"
	idB = "735999101000000062"
	idC = "735999101000000079"
	// idUnknown is valid but not loaded.
	idUnknown = "735999202000000035"

	meterA       = "TEST-M-1"
	meterB       = "TEST-M-2"
	meterUnknown = "TEST-M-999"
)

// Clear identity values loaded into the records so the suite can check a
// lookup withholds them. 121212-1212 is the well-known test personal
// identity number; 556016-0680 is the organisation number DOMAIN.md uses as
// an example.
const (
	testPersonalNumber     = "19121212-1212"
	testOrganisationNumber = "556016-0680"
	testSoleTraderNumber   = "121212-1212"
	testBirthDate          = "1970-01-01"
)

// mustT parses with parse and fails the test on error.
func mustT[T any](t *testing.T, parse func(string) (T, error), s string) T {
	t.Helper()
	v, err := parse(s)
	if err != nil {
		t.Fatalf("facilitytest: parsing a fixture: %v", err)
	}
	return v
}

// records returns the suite's fixture: three facilities, the first two
// with every field filled in, identity numbers included.
func records(t *testing.T) []facility.Record {
	t.Helper()
	pn := mustT(t, privacy.ParsePersonalIdentityNumber, testPersonalNumber)
	on := mustT(t, privacy.ParseOrganisationNumber, testOrganisationNumber)
	sole := mustT(t, privacy.ParseOrganisationNumber, testSoleTraderNumber)
	bd := mustT(t, privacy.ParseDate, testBirthDate)

	addr := func(street string, postal string) facility.Address {
		return facility.Address{
			CareOf:     privacy.NewText("c/o Test"),
			Street:     privacy.NewText(street),
			PostalCode: mustT(t, facility.ParsePostalCode, postal),
			City:       privacy.NewText("Helsingborg"),
		}
	}
	private := facility.Party{
		Kind:           facility.PartyKindPrivate,
		Surname:        privacy.NewText("Testsson"),
		GivenName:      privacy.NewText("Tolvan"),
		Address:        addr("Testgatan 1", "252 21"),
		PersonalNumber: pn,
		Phone:          mustT(t, privacy.ParsePhone, "070-174 06 50"),
		Email:          mustT(t, privacy.ParseEmail, "tolvan@example.com"),
	}
	company := facility.Party{
		Kind:               facility.PartyKindCompany,
		CompanyName:        privacy.NewText("Test AB"),
		Address:            addr("Box 1", "251 09"),
		OrganisationNumber: on,
		Phone:              mustT(t, privacy.ParsePhone, "070-174 06 51"),
		Email:              mustT(t, privacy.ParseEmail, "faktura@example.com"),
		InvoiceReference:   privacy.NewText("REF-1"),
	}
	soleTrader := facility.Party{
		Kind:               facility.PartyKindCompany,
		CompanyName:        privacy.NewText("Tolvans El"),
		OrganisationNumber: sole,
	}
	foreign := facility.Party{
		Kind:                    facility.PartyKindPrivate,
		Surname:                 privacy.NewText("Utlänning"),
		NoSwedishPersonalNumber: true,
		BirthDate:               bd,
	}
	return []facility.Record{
		{
			Details: facility.Details{
				ID:                  mustT(t, facility.ParseEAN, idA),
				TechnicalNumber:     "TEST-T-1",
				MeterNumber:         meterA,
				Area:                "HBG",
				Address:             addr("Testgatan 1", "252 21"),
				PropertyDesignation: privacy.NewText("Helsingborg Test 1"),
				MainFuse:            20,
				Power:               decimal.RequireFromString("13.8"),
			},
			Owner:    private,
			Customer: company,
		},
		{
			Details: facility.Details{
				ID:                  mustT(t, facility.ParseEAN, idB),
				TechnicalNumber:     "TEST-T-2",
				MeterNumber:         meterB,
				Area:                "HBG",
				Address:             addr("Testgatan 2", "252 22"),
				PropertyDesignation: privacy.NewText("Helsingborg Test 2"),
				MainFuse:            25,
				Power:               decimal.NewFromInt(17),
			},
			Owner:    soleTrader,
			Customer: foreign,
		},
		{
			// A facility without a meter (e.g. not yet connected).
			Details: facility.Details{
				ID:   mustT(t, facility.ParseEAN, idC),
				Area: "STH",
			},
		},
	}
}
