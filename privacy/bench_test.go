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

// luhnBaseline is the baseline the identity-number parsers are measured
// against: a bare Luhn check over ten ASCII digits, written the way one
// writes it with no parser around it (no trimming, no separator, no date, no
// result value).
func luhnBaseline(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[i] - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

var sinkBool bool

// BenchmarkParsePersonalIdentityNumber compares the parser with the bare
// Luhn check over the same ten digits, in the same run: "luhn" is the
// baseline, "Parse" is ParsePersonalIdentityNumber (today's date as the
// reference), "ParseAt" is ParsePersonalIdentityNumberAt with a fixed
// reference, "Parse12" the 12-digit form.
func BenchmarkParsePersonalIdentityNumber(b *testing.B) {
	b.Run("luhn", func(b *testing.B) {
		b.ReportAllocs()
		done := cpuMetric(b)
		for b.Loop() {
			sinkBool = luhnBaseline("8803200016")
		}
		done()
	})
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		done := cpuMetric(b)
		for b.Loop() {
			sinkPIN, _ = ParsePersonalIdentityNumber("880320-0016")
		}
		done()
	})
	b.Run("ParseAt", func(b *testing.B) {
		b.ReportAllocs()
		done := cpuMetric(b)
		for b.Loop() {
			sinkPIN, _ = ParsePersonalIdentityNumberAt("880320-0016", testRef)
		}
		done()
	})
	b.Run("Parse12", func(b *testing.B) {
		b.ReportAllocs()
		done := cpuMetric(b)
		for b.Loop() {
			sinkPIN, _ = ParsePersonalIdentityNumber("198803200016")
		}
		done()
	})
}

// BenchmarkParseOrganisationNumber compares the parser with the bare Luhn
// check over the same ten digits, in the same run.
func BenchmarkParseOrganisationNumber(b *testing.B) {
	b.Run("luhn", func(b *testing.B) {
		b.ReportAllocs()
		done := cpuMetric(b)
		for b.Loop() {
			sinkBool = luhnBaseline("5560160680")
		}
		done()
	})
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		done := cpuMetric(b)
		for b.Loop() {
			sinkOrg, _ = ParseOrganisationNumber("556016-0680")
		}
		done()
	})
}

var sinkErr error

// BenchmarkParseErrors measures the error paths, which must not allocate.
func BenchmarkParseErrors(b *testing.B) {
	for _, tc := range []struct {
		name  string
		parse func() error
	}{
		{"pin-check-digit", func() error { _, err := ParsePersonalIdentityNumberAt("880320-0018", testRef); return err }},
		{"pin-empty", func() error { _, err := ParsePersonalIdentityNumberAt("", testRef); return err }},
		{"org-check-digit", func() error { _, err := ParseOrganisationNumber("556016-0681"); return err }},
		{"phone-prefix", func() error { _, err := ParsePhone("+47 912 34 567"); return err }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			done := cpuMetric(b)
			for b.Loop() {
				sinkErr = tc.parse()
			}
			done()
		})
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
