package privacy

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePhoneValid(t *testing.T) {
	tests := []struct {
		in, e164, masked string
		mobile           bool
	}{
		{"070-123 45 67", "+46701234567", "+46 70 *** ** 67", true},
		{"0701234567", "+46701234567", "+46 70 *** ** 67", true},
		{"+46 70 123 45 67", "+46701234567", "+46 70 *** ** 67", true},
		{"0046701234567", "+46701234567", "+46 70 *** ** 67", true},
		{"+46 (0)70 123 45 67", "+46701234567", "+46 70 *** ** 67", true},
		{"0046 (0)70-1234567", "+46701234567", "+46 70 *** ** 67", true},
		{"08-123 456 78", "+46812345678", "+46 8 *** ** 78", false},
		{"(08) 123 456 78", "+46812345678", "+46 8 *** ** 78", false},
		{"031-12 34 56", "+4631123456", "+46 31 *** ** 56", false},
		{"0910-123 45", "+46910 12345"[:0] + "+4691012345", "+46 91 *** ** 45", false},
		{"072-123 45 67", "+46721234567", "+46 72 *** ** 67", true},
		{"073-123 45 67", "+46731234567", "+46 73 *** ** 67", true},
		{"076-123 45 67", "+46761234567", "+46 76 *** ** 67", true},
		{"079-123 45 67", "+46791234567", "+46 79 *** ** 67", true},
		{"071-123 45 67", "+46711234567", "+46 71 *** ** 67", false},
		{"  0701234567  ", "+46701234567", "+46 70 *** ** 67", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			p, err := ParsePhone(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.e164, p.Reveal())
			assert.Equal(t, tc.masked, p.String())
			assert.Equal(t, tc.mobile, p.IsMobile())
		})
	}
}

func TestParsePhoneInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{" \t ", ErrEmpty},
		{strings.Repeat("0", 65), ErrLength},
		{"070-123", ErrLength},          // 5-digit national number
		{"070-123 45 67 89", ErrLength}, // 11 digits
		{"+47 912 34 567", ErrPrefix},   // Norway
		{"0047 912 34 567", ErrPrefix},
		{"701234567", ErrPrefix}, // no trunk 0
		{"+46 00 123 45 67", ErrPrefix},
		{"070.123.45.67", ErrNotDigit},
		{"07O-123 45 67", ErrNotDigit},
		{"０７０１２３４５６７", ErrNotDigit},
		{"070+1234567", ErrNotDigit},
		{"++46701234567", ErrNotDigit},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			p, err := ParsePhone(tc.in)
			require.ErrorIs(t, err, tc.want)
			assert.True(t, p.IsZero())
		})
	}
}

func TestPhoneRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 1000 {
		nsn := pad(1+r.IntN(9), 1)
		for range 6 + r.IntN(3) {
			nsn += pad(r.IntN(10), 1)
		}
		p, err := ParsePhone("0" + nsn)
		require.NoError(t, err, nsn)
		q, err := ParsePhone(p.Reveal())
		require.NoError(t, err)
		assert.True(t, p == q)
		assert.True(t, cmp.Equal(p, q))
		assert.Equal(t, "+46"+nsn, q.Reveal())
		assert.True(t, strings.HasSuffix(p.String(), " *** ** "+nsn[len(nsn)-2:]))
	}
}

func TestPhoneUnmarshal(t *testing.T) {
	var p Phone
	require.NoError(t, json.Unmarshal([]byte(`"070-123 45 67"`), &p))
	assert.Equal(t, "+46701234567", p.Reveal())
	require.ErrorIs(t, json.Unmarshal([]byte(`"+46 70 *** ** 67"`), &p), ErrMasked)
	require.ErrorIs(t, p.UnmarshalText([]byte("12")), ErrPrefix)
	require.NoError(t, p.UnmarshalText([]byte("")))
	assert.True(t, p.IsZero())
}
