package facility_test

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

func TestParsePostalCode(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"grouped", "252 21", "252 21", nil},
		{"digits", "25221", "252 21", nil},
		{"trimmed", "\t252 21 ", "252 21", nil},
		{"SE- prefix", "SE-252 21", "252 21", nil},
		{"se- prefix", "se-25221", "252 21", nil},
		{"SE space prefix", "SE 252 21", "252 21", nil},
		{"S- prefix", "S-252 21", "252 21", nil},
		{"lowest", "100 00", "100 00", nil},
		{"highest", "99999", "999 99", nil},
		{"empty", "", "", privacy.ErrEmpty},
		{"prefix only", "SE-", "", privacy.ErrEmpty},
		{"leading zero", "012 34", "", privacy.ErrSyntax},
		{"space misplaced", "25 221", "", privacy.ErrSyntax},
		{"two spaces", "252  21", "", privacy.ErrSyntax},
		{"dash", "252-21", "", privacy.ErrNotDigit},
		{"four digits", "2522", "", privacy.ErrLength},
		{"six digits", "252211", "", privacy.ErrLength},
		{"grouped short", "252 2", "", privacy.ErrLength},
		{"too long input", strings.Repeat("2", 65), "", privacy.ErrLength},
		{"SE without separator", "SE25221", "", privacy.ErrNotDigit},
		{"DK prefix", "DK-2100", "", privacy.ErrNotDigit},
		{"full-width", "２５２２１", "", privacy.ErrNotDigit},
		{"arabic-indic", "٢٥٢٢١", "", privacy.ErrNotDigit},
		{"nul", "2522\x001", "", privacy.ErrNotDigit},
		{"invalid utf-8", "252\xff21", "", privacy.ErrNotDigit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := facility.ParsePostalCode(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, p.IsZero())
				var pe *privacy.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Same(t, facility.KindPostalCode, pe.Kind)
				assert.Contains(t, pe.Swedish(), "Postnummer: ")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.String())
			assert.Equal(t, strings.ReplaceAll(tt.want, " ", ""), p.Digits())
		})
	}
}

func TestPostalCode_zero(t *testing.T) {
	var p facility.PostalCode
	assert.True(t, p.IsZero())
	assert.Empty(t, p.String())
	assert.Empty(t, p.Digits())
	b, err := p.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
}

func TestPostalCode_text(t *testing.T) {
	p, err := facility.ParsePostalCode("25221")
	require.NoError(t, err)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `"252 21"`, string(b))

	var got facility.PostalCode
	require.NoError(t, json.Unmarshal([]byte(`"SE-252 21"`), &got))
	assert.Equal(t, p, got)
	require.NoError(t, json.Unmarshal([]byte(`""`), &got))
	assert.True(t, got.IsZero())
	assert.ErrorIs(t, json.Unmarshal([]byte(`"012 34"`), &got), privacy.ErrSyntax)
}

// TestPostalCode_property: every valid code parses back from both forms.
func TestPostalCode_property(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		n := 10000 + r.IntN(90000)
		s := strconv.Itoa(n)
		p, err := facility.ParsePostalCode(s)
		require.NoError(t, err)
		assert.Equal(t, s, p.Digits())
		back, err := facility.ParsePostalCode(p.String())
		require.NoError(t, err)
		assert.Equal(t, p, back)
	}
}

func TestParsePostalCode_allocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := facility.ParsePostalCode("SE-252 21"); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}
