package facility_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// TestErrorPathsAllocateNothing: every parser path that returns a sentinel
// error allocates nothing, and the error is a *privacy.ParseError of the
// parser's kind matching the sentinel.
func TestErrorPathsAllocateNothing(t *testing.T) {
	long := strings.Repeat("7", 65)
	tech41 := strings.Repeat("T", 41)
	tests := []struct {
		name  string
		kind  *privacy.Kind
		want  error
		parse func() error
	}{
		{"ean empty", facility.KindFacilityID, privacy.ErrEmpty, func() error { _, err := facility.ParseEAN(" "); return err }},
		{"ean too long", facility.KindFacilityID, privacy.ErrLength, func() error { _, err := facility.ParseEAN(long); return err }},
		{"ean length", facility.KindFacilityID, privacy.ErrLength, func() error { _, err := facility.ParseEAN("73599900000000000"); return err }},
		{"ean not digit", facility.KindFacilityID, privacy.ErrNotDigit, func() error { _, err := facility.ParseEAN("73599900000000000X"); return err }},
		{"ean check digit", facility.KindFacilityID, privacy.ErrCheckDigit, func() error { _, err := facility.ParseEAN("735999000000000007"); return err }},
		{"ean grouped check digit", facility.KindFacilityID, privacy.ErrCheckDigit, func() error { _, err := facility.ParseEAN("735 999 000 000 000 007"); return err }},
		{"ean all zeros", facility.KindFacilityID, privacy.ErrSyntax, func() error { _, err := facility.ParseEAN("000000000000000000"); return err }},
		{"postal not digit", facility.KindPostalCode, privacy.ErrNotDigit, func() error { _, err := facility.ParsePostalCode("25X 21"); return err }},
		{"postal leading zero", facility.KindPostalCode, privacy.ErrSyntax, func() error { _, err := facility.ParsePostalCode("052 21"); return err }},
		{"meter syntax", facility.KindMeterNumber, privacy.ErrSyntax, func() error { _, err := facility.ParseMeterNumber("M#1"); return err }},
		{"technical length", facility.KindTechnicalNumber, privacy.ErrLength, func() error { _, err := facility.ParseTechnicalNumber(tech41); return err }},
		{"area length", facility.KindAreaCode, privacy.ErrLength, func() error { _, err := facility.ParseAreaCode("HBGX"); return err }},
		{"fuse not standard", facility.KindMainFuse, privacy.ErrNotStandard, func() error { _, err := facility.ParseAmpere("24"); return err }},
		{"party kind", facility.KindPartyKind, privacy.ErrSyntax, func() error {
			var k facility.PartyKind
			return k.UnmarshalText([]byte("other"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse()
			require.ErrorIs(t, err, tt.want)
			var pe *privacy.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Same(t, tt.kind, pe.Kind)
			assert.Zero(t, testing.AllocsPerRun(100, func() { _ = tt.parse() }))
		})
	}
}

// TestKindsNameTheField: each kind names its field in English and Swedish.
func TestKindsNameTheField(t *testing.T) {
	for _, tt := range []struct {
		kind   *privacy.Kind
		en, sv string
	}{
		{facility.KindFacilityID, "facility ID", "anläggnings-ID"},
		{facility.KindMeterNumber, "meter number", "mätarnummer"},
		{facility.KindTechnicalNumber, "technical number", "tekniskt nummer"},
		{facility.KindAreaCode, "grid-area code", "nätområde"},
		{facility.KindPostalCode, "postal code", "postnummer"},
		{facility.KindMainFuse, "main fuse", "huvudsäkring"},
		{facility.KindPartyKind, "party kind", "typ"},
	} {
		assert.Equal(t, tt.en, tt.kind.String())
		assert.Equal(t, tt.sv, tt.kind.Swedish())
	}
}
