package facility_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
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
		{"empty", "", "", privacy.ErrEmpty},
		{"whitespace", "   ", "", privacy.ErrEmpty},
		{"two", "HB", "", privacy.ErrLength},
		{"four", "HBGX", "", privacy.ErrLength},
		{"too long input", strings.Repeat("A", 100), "", privacy.ErrLength},
		{"dash", "H-G", "", privacy.ErrSyntax},
		{"inner space", "H G", "", privacy.ErrSyntax},
		{"swedish letter", "HÖG", "", privacy.ErrSyntax},
		{"full-width", "ＨＢＧ", "", privacy.ErrSyntax},
		{"arabic-indic", "٧٣٥", "", privacy.ErrSyntax},
		{"nul", "HB\x00", "", privacy.ErrSyntax},
		{"invalid utf-8", "HB\xff", "", privacy.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := facility.ParseAreaCode(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, a.IsZero())
				var pe *privacy.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Same(t, facility.KindAreaCode, pe.Kind)
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
