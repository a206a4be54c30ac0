package merge

// fieldInfo is what a field is called: its JSON path, the manual's Swedish label and English.
type fieldInfo struct{ path, sv, en string }

// fieldTable is indexed by [Field]; TestFieldTable checks that it follows the constants.
var fieldTable = buildFieldTable()

func buildFieldTable() [NumFields]fieldInfo {
	var t [NumFields]fieldInfo
	facility := []fieldInfo{
		{"facility.facilityId", "Anläggnings-ID (EAN)", "facility ID (EAN)"},
		{"facility.technicalNumber", "Tekniskt nummer", "technical number"},
		{"facility.meterNumber", "Mätarnummer", "meter number"},
		{"facility.area", "Nätområde", "grid area"},
		{"facility.address.careOf", "C/O", "care of"},
		{"facility.address.street", "Anläggningsadress", "installation address"},
		{"facility.address.postalCode", "Postnr", "postal code"},
		{"facility.address.city", "Ortsnamn", "city"},
		{"facility.propertyDesignation", "Fastighetsbeteckning", "property designation"},
		{"facility.mainFuse", "Huvudsäkring (A)", "main fuse (A)"},
		{"facility.power", "Effekt (kW)", "power (kW)"},
	}
	copy(t[:], facility)
	party := [partyFieldCount]fieldInfo{
		{"kind", "Typ", "kind"},
		{"companyName", "Namn", "company name"},
		{"surname", "Efternamn", "surname"},
		{"givenName", "Förnamn", "given name"},
		{"address.careOf", "C/O", "care of"},
		{"address.street", "Utdelningsadr.", "street address"},
		{"address.postalCode", "Postnr", "postal code"},
		{"address.city", "Ortsnamn", "city"},
		{"personalNumber", "Personnr.", "personal identity number"},
		{"organisationNumber", "Org.nr", "organisation number"},
		{"noSwedishPersonalNumber", "Kund saknar svenskt personnummer", "customer has no Swedish personal identity number"},
		{"birthDate", "Födelsedatum", "birth date"},
		{"phone", "Telefon/mobil", "phone"},
		{"email", "Epost", "e-mail"},
		{"invoiceReference", "Fakturaref.", "invoice reference"},
	}
	sections := []struct {
		base     Field
		path, sv string
		en       string
	}{
		{OwnerKind, "owner.", "Fastighetsägare", "property owner"},
		{PayerKind, "payer.", "Betalningsansvarig", "payer"},
	}
	for _, s := range sections {
		for i, p := range party {
			t[int(s.base)+i] = fieldInfo{s.path + p.path, s.sv + ": " + p.sv, s.en + ": " + p.en}
		}
	}
	return t
}
