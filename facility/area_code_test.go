package facility_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
)

func TestParseAreaCode(t *testing.T) {
	tests := []struct {
		name, in string
		want     facility.AreaCode
		err      error
	}{
		{"upper", "HBG", "HBG", nil},
		{"lower", "sth", "STH", nil},
		{"mixed digits", " a1B\n", "A1B", nil},
		{"digits", "123", "123", nil},
		{"empty", "", "", facility.ErrEmpty},
		{"whitespace", "   ", "", facility.ErrEmpty},
		{"two", "HB", "", facility.ErrLength},
		{"four", "HBGX", "", facility.ErrLength},
		{"too long input", strings.Repeat("A", 100), "", facility.ErrLength},
		{"dash", "H-G", "", facility.ErrSyntax},
		{"inner space", "H G", "", facility.ErrSyntax},
		{"swedish letter", "HÖG", "", facility.ErrSyntax},
		{"full-width", "ＨＢＧ", "", facility.ErrSyntax},
		{"arabic-indic", "٧٣٥", "", facility.ErrSyntax},
		{"nul", "HB\x00", "", facility.ErrSyntax},
		{"invalid utf-8", "HB\xff", "", facility.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := facility.ParseAreaCode(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, a.IsZero())
				var pe *facility.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "area", pe.Field)
				assert.Contains(t, pe.Swedish(), "Nätområde: ")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, a)
			assert.Equal(t, string(tt.want), a.String())
		})
	}
}

func TestParseAreaCode_allocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := facility.ParseAreaCode("HBG"); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}
