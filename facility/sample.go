package facility

import (
	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/privacy"
)

// eanFromData builds a facility ID from its 17 data digits, computing the
// check digit, so sample data cannot hold a wrong ID.
func eanFromData(data uint64) EAN {
	var d [eanDigits - 1]byte
	v := data
	for i := len(d) - 1; i >= 0; i-- {
		d[i] = byte(v % 10)
		v /= 10
	}
	return EAN{n: data*10 + uint64(gs1Check(d[:]))}
}

// samplePhone and sampleEmail parse fixed, valid sample values. Should a
// parser ever reject one, the field stays empty rather than panicking; the
// package's tests check that every sample value is set.
func samplePhone(s string) privacy.Phone {
	p, _ := privacy.ParsePhone(s)
	return p
}

func sampleEmail(s string) privacy.Email {
	e, _ := privacy.ParseEmail(s)
	return e
}

// SampleRecords returns fictional facilities for examples, demos and tests:
// four in grid area "HBG" (Helsingborg, Öresundskraft's area in the manual)
// and one in "STH" (Stockholm). The facility IDs are valid Swedish GSRNs
// (735999…); the people, companies, phone numbers (from the series PTS
// reserves for fiction, 070-174 06 05–99) and e-mail addresses (example.com)
// are made up. As a lookup would return them, the records hold no identity
// numbers.
//
// The first record has the same private person as owner and customer, the
// second a company as both, the third a landlord owning the property and a
// tenant as customer, the fourth a housing cooperative with a separate
// payer. It returns a fresh slice each call.
func SampleRecords() []Record {
	helsingborg := privacy.NewText("Helsingborg")
	stockholm := privacy.NewText("Stockholm")

	annaAddr := Address{Street: privacy.NewText("Ekvägen 3"), PostalCode: PostalCode{n: 25440}, City: helsingborg}
	anna := Party{
		Kind:      PartyKindPrivate,
		Surname:   privacy.NewText("Lindqvist"),
		GivenName: privacy.NewText("Anna"),
		Address:   annaAddr,
		Phone:     samplePhone("070-174 06 10"),
		Email:     sampleEmail("anna.lindqvist@example.com"),
	}
	company := Party{
		Kind:             PartyKindCompany,
		CompanyName:      privacy.NewText("Fiktiva Fastigheter AB"),
		Surname:          privacy.NewText("Berg"),
		GivenName:        privacy.NewText("Johan"),
		Address:          Address{CareOf: privacy.NewText("Ekonomiavdelningen"), Street: privacy.NewText("Box 123"), PostalCode: PostalCode{n: 25109}, City: helsingborg},
		Phone:            samplePhone("070-174 06 11"),
		Email:            sampleEmail("faktura@example.com"),
		InvoiceReference: privacy.NewText("FF-4711"),
	}
	landlord := Party{
		Kind:      PartyKindPrivate,
		Surname:   privacy.NewText("Ek"),
		GivenName: privacy.NewText("Bertil"),
		Address:   Address{Street: privacy.NewText("Lönngatan 8"), PostalCode: PostalCode{n: 25224}, City: helsingborg},
		Phone:     samplePhone("070-174 06 12"),
		Email:     sampleEmail("bertil.ek@example.com"),
	}
	tenant := Party{
		Kind:      PartyKindPrivate,
		Surname:   privacy.NewText("Holm"),
		GivenName: privacy.NewText("Cecilia"),
		Address:   Address{Street: privacy.NewText("Björkgatan 12 B"), PostalCode: PostalCode{n: 25225}, City: helsingborg},
		Phone:     samplePhone("070-174 06 13"),
		Email:     sampleEmail("cecilia.holm@example.com"),
	}
	brf := Party{
		Kind:        PartyKindCompany,
		CompanyName: privacy.NewText("Bostadsrättsföreningen Almen"),
		Address:     Address{Street: privacy.NewText("Almgatan 1"), PostalCode: PostalCode{n: 25450}, City: helsingborg},
		Email:       sampleEmail("styrelsen@example.com"),
	}
	payer := Party{
		Kind:             PartyKindCompany,
		CompanyName:      privacy.NewText("Exempel Förvaltning AB"),
		Address:          Address{Street: privacy.NewText("Storgatan 40"), PostalCode: PostalCode{n: 25223}, City: helsingborg},
		Phone:            samplePhone("070-174 06 14"),
		Email:            sampleEmail("forvaltning@example.com"),
		InvoiceReference: privacy.NewText("ALMEN-EL"),
	}
	sthlm := Party{
		Kind:      PartyKindPrivate,
		Surname:   privacy.NewText("Nyström"),
		GivenName: privacy.NewText("David"),
		Address:   Address{Street: privacy.NewText("Ekorrstigen 5"), PostalCode: PostalCode{n: 11451}, City: stockholm},
		Phone:     samplePhone("070-174 06 15"),
		Email:     sampleEmail("david.nystrom@example.com"),
	}

	return []Record{
		{
			Details: Details{
				ID:                  eanFromData(73599910100000001),
				TechnicalNumber:     "HBG-T-10001",
				MeterNumber:         "M-20001",
				Area:                "HBG",
				Address:             annaAddr,
				PropertyDesignation: privacy.NewText("Helsingborg Eken 3"),
				MainFuse:            20,
				Power:               decimal.NewFromInt(14),
			},
			Owner:    anna,
			Customer: anna,
		},
		{
			Details: Details{
				ID:                  eanFromData(73599910100000002),
				TechnicalNumber:     "HBG-T-10002",
				MeterNumber:         "M-20002",
				Area:                "HBG",
				Address:             Address{Street: privacy.NewText("Industrigatan 14"), PostalCode: PostalCode{n: 25227}, City: helsingborg},
				PropertyDesignation: privacy.NewText("Helsingborg Verkstaden 7"),
				MainFuse:            25,
				Power:               decimal.NewFromInt(17),
			},
			Owner:    company,
			Customer: company,
		},
		{
			Details: Details{
				ID:                  eanFromData(73599910100000003),
				TechnicalNumber:     "HBG-T-10003",
				MeterNumber:         "M-20003",
				Area:                "HBG",
				Address:             tenant.Address,
				PropertyDesignation: privacy.NewText("Helsingborg Björken 12"),
				MainFuse:            16,
				Power:               decimal.NewFromInt(11),
			},
			Owner:    landlord,
			Customer: tenant,
		},
		{
			Details: Details{
				ID:                  eanFromData(73599910100000004),
				TechnicalNumber:     "HBG-T-10004",
				MeterNumber:         "M-20004",
				Area:                "HBG",
				Address:             brf.Address,
				PropertyDesignation: privacy.NewText("Helsingborg Almen 1"),
				MainFuse:            25,
				// Power unknown: zero.
			},
			Owner:    brf,
			Customer: payer,
		},
		{
			Details: Details{
				ID:                  eanFromData(73599920200000001),
				TechnicalNumber:     "STH-T-30001",
				MeterNumber:         "M-40001",
				Area:                "STH",
				Address:             sthlm.Address,
				PropertyDesignation: privacy.NewText("Stockholm Ekorren 5"),
				MainFuse:            16,
				Power:               decimal.NewFromInt(11),
			},
			Owner:    sthlm,
			Customer: sthlm,
		},
	}
}

// SampleRegistry returns a new registry holding [SampleRecords]. It never
// fails or panics: the sample records have distinct IDs and meter numbers
// (the package's tests check it).
func SampleRegistry() *Registry {
	recs := SampleRecords()
	r := &Registry{
		records: make([]Record, 0, len(recs)),
		byID:    make(map[EAN]int, len(recs)),
		byMeter: make(map[MeterNumber]int, len(recs)),
	}
	for _, rec := range recs {
		_ = r.put(rec) // cannot fail for the sample; see the tests
	}
	return r
}
