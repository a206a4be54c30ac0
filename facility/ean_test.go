package facility_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

func TestParseEAN_valid(t *testing.T) {
	tests := []struct {
		name, in, want string
		country        facility.Country
	}{
		{"swedish", "735999000000000006", "735999000000000006", facility.CountrySweden},
		{"swedish 2", "735999123456789018", "735999123456789018", facility.CountrySweden},
		{"norwegian", "707057500088553215", "707057500088553215", facility.CountryNorway},
		{"grouped", "735 999 000 000 000 006", "735999000000000006", facility.CountrySweden},
		{"surrounding whitespace", " \t735999123456789018\n", "735999123456789018", facility.CountrySweden},
		{"uneven spaces", "7359 99123  4567 89018", "735999123456789018", facility.CountrySweden},
		{"danish", withCheck("57131310000000000"), withCheck("57131310000000000"), facility.CountryDenmark},
		{"finnish", withCheck("64000000000000001"), withCheck("64000000000000001"), facility.CountryFinland},
		{"leading zero", withCheck("01234567890123456"), withCheck("01234567890123456"), facility.CountryUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := facility.ParseEAN(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, e.String())
			assert.False(t, e.IsZero())
			assert.Equal(t, tt.country, e.Country())
			assert.Len(t, e.Grouped(), 23)
		})
	}
}

func TestParseEAN_invalid(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", privacy.ErrEmpty},
		{"whitespace", " \t\n", privacy.ErrEmpty},
		{"check digit", "735999000000000007", privacy.ErrCheckDigit},
		{"data digit", "735999000000000106", privacy.ErrCheckDigit},
		{"luhn not gs1", "735999000000000004", privacy.ErrCheckDigit},
		{"17 digits", "73599900000000000", privacy.ErrLength},
		{"19 digits", "7359990000000000060", privacy.ErrLength},
		{"too long", strings.Repeat("7", 65), privacy.ErrLength},
		{"letter", "73599900000000000X", privacy.ErrNotDigit},
		{"dash", "735-999-000-000-000-006", privacy.ErrNotDigit},
		{"tab inside", "735999\t000000000006", privacy.ErrNotDigit},
		{"full-width", "７３５９９９０００００００００００６", privacy.ErrNotDigit},
		{"arabic-indic", "٧٣٥٩٩٩٠٠٠٠٠٠٠٠٠٠٠٦", privacy.ErrNotDigit},
		{"nul", "735999000000000006\x00", privacy.ErrNotDigit},
		{"invalid utf-8", "735999\xff000000000006", privacy.ErrNotDigit},
		{"all zeros", "000000000000000000", privacy.ErrSyntax},
		{"minus", "-735999000000000006", privacy.ErrNotDigit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := facility.ParseEAN(tt.in)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			assert.True(t, e.IsZero())
			var pe *privacy.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Same(t, facility.KindFacilityID, pe.Kind)
		})
	}
}

func TestEAN_errorMessage(t *testing.T) {
	in := "735999000000000007"
	_, err := facility.ParseEAN(in)
	require.Error(t, err)
	assert.Equal(t, "facility ID: check digit is wrong", err.Error())
	var pe *privacy.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Anläggnings-ID: kontrollsiffran stämmer inte", pe.Swedish())
	sv, en := pe.Reason()
	assert.Equal(t, "Kontrollsiffran stämmer inte.", sv)
	assert.Equal(t, "The check digit is wrong.", en)
	assert.NotContains(t, err.Error(), in)
	assert.NotContains(t, pe.Swedish(), in)
}

func TestEAN_formats(t *testing.T) {
	e, err := facility.ParseEAN("735999123456789018")
	require.NoError(t, err)
	assert.Equal(t, "735999123456789018", e.String())
	assert.Equal(t, "735 999 123 456 789 018", e.Grouped())

	var zero facility.EAN
	assert.True(t, zero.IsZero())
	assert.Empty(t, zero.String())
	assert.Empty(t, zero.Grouped())
	assert.Equal(t, facility.CountryUnknown, zero.Country())
}

func TestEAN_text(t *testing.T) {
	e, err := facility.ParseEAN("735999000000000006")
	require.NoError(t, err)

	b, err := e.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "735999000000000006", string(b))

	var got facility.EAN
	require.NoError(t, got.UnmarshalText([]byte("735 999 000 000 000 006")))
	assert.Equal(t, e, got)

	require.NoError(t, got.UnmarshalText(nil))
	assert.True(t, got.IsZero())

	err = got.UnmarshalText([]byte("735999000000000007"))
	assert.ErrorIs(t, err, privacy.ErrCheckDigit)

	type doc struct {
		ID facility.EAN `json:"facilityId"`
	}
	j, err := json.Marshal(doc{ID: e})
	require.NoError(t, err)
	assert.JSONEq(t, `{"facilityId":"735999000000000006"}`, string(j))
	var d doc
	require.NoError(t, json.Unmarshal(j, &d))
	assert.Equal(t, e, d.ID)

	z, err := json.Marshal(doc{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"facilityId":""}`, string(z))
	require.NoError(t, json.Unmarshal(z, &d))
	assert.True(t, d.ID.IsZero())

	app, err := e.AppendText([]byte("id="))
	require.NoError(t, err)
	assert.Equal(t, "id=735999000000000006", string(app))
}

func TestEAN_Compare(t *testing.T) {
	a, err := facility.ParseEAN("707057500088553215")
	require.NoError(t, err)
	b, err := facility.ParseEAN("735999000000000006")
	require.NoError(t, err)
	c, err := facility.ParseEAN("735999123456789018")
	require.NoError(t, err)
	ids := []facility.EAN{c, a, b, {}}
	slices.SortFunc(ids, facility.EAN.Compare)
	assert.Equal(t, []facility.EAN{{}, a, b, c}, ids)
	assert.Equal(t, 0, b.Compare(b))
}

func TestCountry_String(t *testing.T) {
	assert.Equal(t, "Sweden", facility.CountrySweden.String())
	assert.Equal(t, "Norway", facility.CountryNorway.String())
	assert.Equal(t, "Denmark", facility.CountryDenmark.String())
	assert.Equal(t, "Finland", facility.CountryFinland.String())
	assert.Equal(t, "unknown", facility.CountryUnknown.String())
	assert.Equal(t, "unknown", facility.Country(200).String())
}

// TestEAN_property checks, over random valid IDs, that both printed forms
// parse back to the same value and that changing any single digit is caught
// by the check digit (GS1 mod-10 detects every single-digit error).
func TestEAN_property(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := randomEAN(r)
		e, err := facility.ParseEAN(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, e.String())

		back, err := facility.ParseEAN(e.String())
		require.NoError(t, err)
		assert.Equal(t, e, back)

		back, err = facility.ParseEAN(e.Grouped())
		require.NoError(t, err)
		assert.Equal(t, e, back)

		i := r.IntN(18)
		delta := byte(1 + r.IntN(9))
		b := []byte(s)
		b[i] = '0' + (b[i]-'0'+delta)%10
		_, err = facility.ParseEAN(string(b))
		if !assert.Error(t, err, "one digit changed at %d", i) {
			continue
		}
		if strings.Trim(string(b), "0") != "" {
			assert.ErrorIs(t, err, privacy.ErrCheckDigit)
		}
	}
}

// TestEAN_everySingleDigitChange changes each digit of the examples to every
// other value.
func TestEAN_everySingleDigitChange(t *testing.T) {
	for _, s := range []string{"735999000000000006", "735999123456789018", "707057500088553215"} {
		for i := range len(s) {
			for d := byte('0'); d <= '9'; d++ {
				if d == s[i] {
					continue
				}
				b := []byte(s)
				b[i] = d
				_, err := facility.ParseEAN(string(b))
				assert.ErrorIs(t, err, privacy.ErrCheckDigit, "%s position %d", s, i)
			}
		}
	}
}

func TestParseEAN_allocs(t *testing.T) {
	in := "735 999 123 456 789 018"
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := facility.ParseEAN(in); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

func TestParseError_nil(t *testing.T) {
	var pe *privacy.ParseError
	assert.Equal(t, "<nil>", pe.Error())
	assert.Equal(t, "<nil>", pe.Swedish())
	assert.NoError(t, pe.Unwrap())
	x := privacy.NewKind("x", "x")
	other := &privacy.ParseError{Kind: x, Err: errors.New("boom")}
	assert.Equal(t, "X: är ogiltigt", other.Swedish())
	assert.Equal(t, "x: invalid", (&privacy.ParseError{Kind: x}).Error())
}
