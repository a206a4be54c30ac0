package facility_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// commonSeeds are hostile inputs every parser must survive: empty,
// whitespace, a very long string, invalid UTF-8, NUL bytes, full-width and
// Arabic-Indic digits.
var commonSeeds = []string{
	"",
	" \t\r\n",
	strings.Repeat("7", 10000),
	"\xff\xfe\xfd",
	"\x00",
	"735\x00999",
	"７３５９９９０００００００００００６",
	"٧٣٥٩٩٩٠٠٠٠٠٠٠٠٠٠٠٦",
	"２５２ ２１",
}

// sentinels are the errors a parser may wrap.
var sentinels = []error{
	privacy.ErrEmpty, privacy.ErrLength, privacy.ErrNotDigit,
	privacy.ErrCheckDigit, privacy.ErrSyntax, privacy.ErrNotStandard,
}

// checkParseError asserts that err is a *privacy.ParseError of kind,
// wrapping one of the sentinels.
func checkParseError(t *testing.T, err error, kind *privacy.Kind) {
	t.Helper()
	var pe *privacy.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T is not a *ParseError", err)
	}
	if pe.Kind != kind {
		t.Fatalf("kind %q, want %q", pe.Kind, kind)
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error %v wraps no sentinel", err)
}

// fuzzCanonical is the shared body: parse, and if accepted, the canonical
// form parses to the same value and prints the same.
func fuzzCanonical[T comparable](t *testing.T, s string, kind *privacy.Kind, parse func(string) (T, error), str func(T) string) {
	v, err := parse(s)
	if err != nil {
		checkParseError(t, err, kind)
		return
	}
	c := str(v)
	v2, err := parse(c)
	if err != nil {
		t.Fatalf("canonical form %q rejected: %v", c, err)
	}
	if v2 != v {
		t.Fatalf("canonical form %q parsed to a different value", c)
	}
	if c2 := str(v2); c2 != c {
		t.Fatalf("canonical form not stable: %q then %q", c, c2)
	}
}

func FuzzParseEAN(f *testing.F) {
	for _, s := range commonSeeds {
		f.Add(s)
	}
	for _, s := range []string{
		"735999000000000006", "735999123456789018", "707057500088553215",
		"735 999 000 000 000 006", "735999000000000007", "000000000000000000",
		"73599900000000000", "7359990000000000060",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCanonical(t, s, facility.KindFacilityID, facility.ParseEAN, facility.EAN.String)
		if e, err := facility.ParseEAN(s); err == nil {
			if len(e.String()) != 18 {
				t.Fatalf("String() has %d characters", len(e.String()))
			}
			g, err := facility.ParseEAN(e.Grouped())
			if err != nil || g != e {
				t.Fatalf("grouped form does not parse back: %v", err)
			}
		}
	})
}

func FuzzParseMeterNumber(f *testing.F) {
	for _, s := range commonSeeds {
		f.Add(s)
	}
	for _, s := range []string{"12345678", "ab-12/3.x", "M  12   3", "-1", "1-", "A_1", strings.Repeat("A", 33)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCanonical(t, s, facility.KindMeterNumber, facility.ParseMeterNumber, facility.MeterNumber.String)
		if m, err := facility.ParseMeterNumber(s); err == nil && (len(m) == 0 || len(m) > 32) {
			t.Fatalf("accepted a meter number of %d characters", len(m))
		}
	})
}

func FuzzParseTechnicalNumber(f *testing.F) {
	for _, s := range commonSeeds {
		f.Add(s)
	}
	for _, s := range []string{"T-100.200/3", "t 1", "  x  ", strings.Repeat("1", 41)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCanonical(t, s, facility.KindTechnicalNumber, facility.ParseTechnicalNumber, facility.TechnicalNumber.String)
		if n, err := facility.ParseTechnicalNumber(s); err == nil && (len(n) == 0 || len(n) > 40) {
			t.Fatalf("accepted a technical number of %d characters", len(n))
		}
	})
}

func FuzzParseAreaCode(f *testing.F) {
	for _, s := range commonSeeds {
		f.Add(s)
	}
	for _, s := range []string{"HBG", "sth", " a1B ", "HB", "HÖG"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCanonical(t, s, facility.KindAreaCode, facility.ParseAreaCode, facility.AreaCode.String)
		if a, err := facility.ParseAreaCode(s); err == nil && len(a) != 3 {
			t.Fatalf("accepted an area code of %d characters", len(a))
		}
	})
}

func FuzzParsePostalCode(f *testing.F) {
	for _, s := range commonSeeds {
		f.Add(s)
	}
	for _, s := range []string{"252 21", "25221", "SE-252 21", "s-100 00", "012 34", "25 221", "SE-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCanonical(t, s, facility.KindPostalCode, facility.ParsePostalCode, facility.PostalCode.String)
		if p, err := facility.ParsePostalCode(s); err == nil {
			d, err := facility.ParsePostalCode(p.Digits())
			if err != nil || d != p {
				t.Fatalf("digits form does not parse back: %v", err)
			}
		}
	})
}

func FuzzParseAmpere(f *testing.F) {
	for _, s := range commonSeeds {
		f.Add(s)
	}
	for _, s := range []string{"25", "25 A", "25A", "16a", "30", "A", "0", "999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCanonical(t, s, facility.KindMainFuse, facility.ParseAmpere, facility.Ampere.String)
		if a, err := facility.ParseAmpere(s); err == nil && !a.IsStandard() {
			t.Fatalf("accepted a non-standard size")
		}
	})
}
