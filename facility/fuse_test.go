package facility_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

func TestParseAmpere(t *testing.T) {
	tests := []struct {
		name, in string
		want     facility.Ampere
		err      error
	}{
		{"number", "25", 25, nil},
		{"with unit", "25 A", 25, nil},
		{"unit attached", "25A", 25, nil},
		{"lower-case unit", "16a", 16, nil},
		{"spaces", "  63   A ", 63, nil},
		{"leading zero", "035", 35, nil},
		{"largest", "250", 250, nil},
		{"not standard", "30", 0, privacy.ErrNotStandard},
		{"zero", "0", 0, privacy.ErrNotStandard},
		{"empty", "", 0, privacy.ErrEmpty},
		{"unit only", "A", 0, privacy.ErrEmpty},
		{"decimal", "25.0", 0, privacy.ErrNotDigit},
		{"negative", "-25", 0, privacy.ErrNotDigit},
		{"kW", "25 kW", 0, privacy.ErrNotDigit},
		{"many digits", "1234567", 0, privacy.ErrLength},
		{"too long input", strings.Repeat("1", 65), 0, privacy.ErrLength},
		{"full-width", "２５", 0, privacy.ErrNotDigit},
		{"arabic-indic", "٢٥", 0, privacy.ErrNotDigit},
		{"nul", "2\x005", 0, privacy.ErrNotDigit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := facility.ParseAmpere(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				var pe *privacy.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Same(t, facility.KindMainFuse, pe.Kind)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, a)
		})
	}
}

func TestParseAmpere_messages(t *testing.T) {
	_, err := facility.ParseAmpere("30")
	require.Error(t, err)
	assert.Equal(t, "main fuse: is not a standard size", err.Error())
	var pe *privacy.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Huvudsäkring: är inte en standardstorlek", pe.Swedish())
}

func TestStandardFuseSizes(t *testing.T) {
	got := facility.StandardFuseSizes()
	want := []facility.Ampere{10, 16, 20, 25, 35, 50, 63, 80, 100, 125, 160, 200, 250}
	assert.Equal(t, want, got)
	got[0] = 999
	assert.Equal(t, want, facility.StandardFuseSizes(), "the list is a copy")
	for _, a := range want {
		assert.True(t, a.IsStandard())
		back, err := facility.ParseAmpere(a.String())
		require.NoError(t, err)
		assert.Equal(t, a, back)
	}
	assert.False(t, facility.Ampere(30).IsStandard())
	assert.False(t, facility.Ampere(0).IsStandard())
}

func TestAmpere_ApproxMaxPowerKW(t *testing.T) {
	// The published figures (DOMAIN.md §6) and the formula for the rest.
	want := map[facility.Ampere]int64{
		10: 7, 16: 11, 20: 14, 25: 17, 35: 24, 50: 35, 63: 44,
		80: 55, 100: 69, 125: 87, 160: 111, 200: 139, 250: 173,
		0: 0, -5: 0,
	}
	for a, kw := range want {
		got := a.ApproxMaxPowerKW()
		assert.True(t, got.Equal(decimalInt(kw)), "%d A: got %s want %d", int(a), got, kw)
	}
}

func TestAmpere_String(t *testing.T) {
	assert.Equal(t, "25 A", facility.Ampere(25).String())
}

func TestParseAmpere_allocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := facility.ParseAmpere(" 25 A "); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}
