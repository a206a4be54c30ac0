package privacy

import "testing"

// Sinks keep the compiler from discarding benchmark results.
var (
	sinkPIN   PersonalIdentityNumber
	sinkOrg   OrganisationNumber
	sinkPhone Phone
	sinkEmail Email
	sinkDate  Date
	sinkStr   string
)

func BenchmarkParsePersonalIdentityNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkPIN, _ = ParsePersonalIdentityNumberAt("880320-0016", testRef)
	}
}

func BenchmarkParseOrganisationNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkOrg, _ = ParseOrganisationNumber("556016-0680")
	}
}

func BenchmarkParsePhone(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkPhone, _ = ParsePhone("+46 (0)70 123 45 67")
	}
}

func BenchmarkParseEmail(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkEmail, _ = ParseEmail("Anna.Andersson@Example.se")
	}
}

func BenchmarkParseDate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkDate, _ = ParseDateAt("1988-03-20", testRef)
	}
}

func BenchmarkPersonalIdentityNumberString(b *testing.B) {
	p, err := ParsePersonalIdentityNumberAt("880320-0016", testRef)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkStr = p.String()
	}
}
