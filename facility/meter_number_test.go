package facility_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// opaqueCases are shared by meter and technical numbers, which follow the
// same rules; long inputs are tested separately because the limits differ.
var opaqueCases = []struct {
	name, in, want string
	err            error
}{
	{"digits", "12345678", "12345678", nil},
	{"letters upper-cased", "ab-12/3.x", "AB-12/3.X", nil},
	{"trimmed", "  M 123 ", "M 123", nil},
	{"spaces collapsed", "M  12   3", "M 12 3", nil},
	{"single char", "7", "7", nil},
	{"empty", "", "", privacy.ErrEmpty},
	{"whitespace", " \t ", "", privacy.ErrEmpty},
	{"leading dash", "-123", "", privacy.ErrSyntax},
	{"trailing slash", "123/", "", privacy.ErrSyntax},
	{"leading dot", ".1", "", privacy.ErrSyntax},
	{"underscore", "A_1", "", privacy.ErrSyntax},
	{"tab inside", "A\t1", "", privacy.ErrSyntax},
	{"swedish letter", "MÄTARE1", "", privacy.ErrSyntax},
	{"full-width", "７３５", "", privacy.ErrSyntax},
	{"arabic-indic", "٧٣٥", "", privacy.ErrSyntax},
	{"nul", "A\x001", "", privacy.ErrSyntax},
	{"invalid utf-8", "A\xff1", "", privacy.ErrSyntax},
	{"too long input", strings.Repeat("1", 65), "", privacy.ErrLength},
}

func TestParseMeterNumber(t *testing.T) {
	for _, tt := range opaqueCases {
		t.Run(tt.name, func(t *testing.T) {
			m, err := facility.ParseMeterNumber(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, m.IsZero())
				var pe *privacy.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Same(t, facility.KindMeterNumber, pe.Kind)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, m.String())
			again, err := facility.ParseMeterNumber(string(m))
			require.NoError(t, err)
			assert.Equal(t, m, again)
		})
	}
}

func TestParseTechnicalNumber(t *testing.T) {
	for _, tt := range opaqueCases {
		t.Run(tt.name, func(t *testing.T) {
			n, err := facility.ParseTechnicalNumber(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, n.IsZero())
				var pe *privacy.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Same(t, facility.KindTechnicalNumber, pe.Kind)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, n.String())
		})
	}
}

func TestOpaqueLengthLimits(t *testing.T) {
	_, err := facility.ParseMeterNumber(strings.Repeat("A", 32))
	assert.NoError(t, err)
	_, err = facility.ParseMeterNumber(strings.Repeat("A", 33))
	assert.ErrorIs(t, err, privacy.ErrLength)
	// Collapsed spaces do not count.
	m, err := facility.ParseMeterNumber(strings.Repeat("A", 16) + "     " + strings.Repeat("B", 15))
	require.NoError(t, err)
	assert.Len(t, string(m), 32)

	_, err = facility.ParseTechnicalNumber(strings.Repeat("1", 40))
	assert.NoError(t, err)
	_, err = facility.ParseTechnicalNumber(strings.Repeat("1", 41))
	assert.ErrorIs(t, err, privacy.ErrLength)
}

func TestOpaque_errorMessages(t *testing.T) {
	in := "secret_1"
	_, err := facility.ParseMeterNumber(in)
	require.Error(t, err)
	assert.Equal(t, "meter number: is not in a valid form", err.Error())
	var pe *privacy.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Mätarnummer: har fel format", pe.Swedish())

	_, err = facility.ParseTechnicalNumber("")
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Tekniskt nummer: saknas", pe.Swedish())
}

func TestParseMeterNumber_allocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := facility.ParseMeterNumber(" 7359-001/A "); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}
