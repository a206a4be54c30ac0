package facility

// Country is the country whose GS1 member organisation issued a facility
// ID's prefix. It tells, for example, a Norwegian målepunkt-ID from a
// Swedish anläggnings-ID.
type Country uint8

// Countries recognised by [EAN.Country].
const (
	// CountryUnknown is any prefix not listed below.
	CountryUnknown Country = iota
	// CountrySweden is GS1 prefix 73 (Swedish grid GSRNs start 735999).
	CountrySweden
	// CountryNorway is GS1 prefix 70 (Norwegian målepunkt-ID start 7070575).
	CountryNorway
	// CountryDenmark is GS1 prefix 57.
	CountryDenmark
	// CountryFinland is GS1 prefix 64.
	CountryFinland
)

// String returns the country's English name, or "unknown".
func (c Country) String() string {
	switch c {
	case CountrySweden:
		return "Sweden"
	case CountryNorway:
		return "Norway"
	case CountryDenmark:
		return "Denmark"
	case CountryFinland:
		return "Finland"
	}
	return "unknown"
}
