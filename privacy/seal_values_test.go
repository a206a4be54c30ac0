package privacy

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSealTextRoundTrip(t *testing.T) {
	k := testKeyring(t)
	for _, s := range []string{"Anna Andersson", "Storgatan 1\n123 45 Småstad", "x", "\xff invalid UTF-8 \x00"} {
		in := NewText(s)
		sealed, err := SealText(k, in, aad)
		require.NoError(t, err)
		if len(in.Reveal()) >= 4 {
			// A plaintext of one byte ("x") turns up in random ciphertext by
			// chance (about one run in sixteen); four bytes do not.
			assert.False(t, bytes.Contains(sealed.Ciphertext, []byte(in.Reveal())))
		}
		out, err := OpenText(k, sealed, aad)
		require.NoError(t, err)
		assert.True(t, in.Equal(out))
		assert.Equal(t, in.Reveal(), out.Reveal())

		_, err = OpenText(k, sealed, []byte("case/other/owner.name"))
		require.ErrorIs(t, err, ErrUnsealFailed)
	}
}

func TestSealZeroValues(t *testing.T) {
	calls := 0
	spy := sealerFunc{
		seal: func([]byte, []byte) (Sealed, error) { calls++; return Sealed{}, nil },
		open: func(Sealed, []byte) ([]byte, error) { calls++; return nil, nil },
	}
	s, err := SealText(spy, Text{}, aad)
	require.NoError(t, err)
	assert.True(t, s.IsZero())
	s, err = SealPersonalIdentityNumber(spy, PersonalIdentityNumber{}, aad)
	require.NoError(t, err)
	assert.True(t, s.IsZero())
	txt, err := OpenText(spy, Sealed{}, aad)
	require.NoError(t, err)
	assert.True(t, txt.IsZero())
	pin, err := OpenPersonalIdentityNumber(spy, Sealed{}, aad)
	require.NoError(t, err)
	assert.True(t, pin.IsZero())
	assert.Zero(t, calls, "zero values never reach the Sealer")

	// A nil Sealer is an error, not a panic — but only when there is something to seal.
	_, err = SealText(nil, NewText("x"), aad)
	require.ErrorIs(t, err, ErrInvalidKey)
	_, err = OpenText(nil, Sealed{KeyID: "k"}, aad)
	require.ErrorIs(t, err, ErrInvalidKey)
	_, err = SealPersonalIdentityNumber(nil, mustPIN(t, "880320-0016"), aad)
	require.ErrorIs(t, err, ErrInvalidKey)
	_, err = OpenPersonalIdentityNumber(nil, Sealed{KeyID: "k"}, aad)
	require.ErrorIs(t, err, ErrInvalidKey)
}

func TestSealPersonalIdentityNumberRoundTrip(t *testing.T) {
	k := testKeyring(t)
	pins := []string{"880320-0016", "701063-2391", "19150072-2390", "090527+1474", "20000229-2399"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		pins = append(pins, randomPIN(r))
	}
	for _, s := range pins {
		p := mustPIN(t, s)
		ad := []byte("case/1/owner.personalNumber")
		sealed, err := SealPersonalIdentityNumber(k, p, ad)
		require.NoError(t, err)
		clear := p.Reveal()
		assert.False(t, bytes.Contains(sealed.Ciphertext, []byte(clear)))
		assert.False(t, bytes.Contains(sealed.Ciphertext, []byte(clear[2:])))
		text, err := sealed.MarshalText()
		require.NoError(t, err)
		assert.NotContains(t, string(text), clear[2:])

		got, err := OpenPersonalIdentityNumber(k, sealed, ad)
		require.NoError(t, err, s)
		assert.Equal(t, p, got, s)
		assert.Equal(t, clear, got.Reveal())
		assert.Equal(t, p.IsCoordinationNumber(), got.IsCoordinationNumber())

		_, err = OpenPersonalIdentityNumber(k, sealed, []byte("case/2/owner.personalNumber"))
		require.ErrorIs(t, err, ErrUnsealFailed)
	}
}

func TestOpenPersonalIdentityNumberIgnoresClock(t *testing.T) {
	// A number valid where it was sealed must open even if this process's clock is behind
	// (here: sealed "in 2031", opened in the present). Twelve digits need no century guess.
	future := time.Date(2031, time.June, 1, 0, 0, 0, 0, time.UTC)
	s := "20310115001"
	s += string(luhnDigit(s[2:]))
	p, err := ParsePersonalIdentityNumberAt(s, future)
	require.NoError(t, err)
	_, err = ParsePersonalIdentityNumber(s)
	require.ErrorIs(t, err, ErrDate, "precondition: the number is in the future today")

	k := testKeyring(t)
	sealed, err := SealPersonalIdentityNumber(k, p, aad)
	require.NoError(t, err)
	got, err := OpenPersonalIdentityNumber(k, sealed, aad)
	require.NoError(t, err)
	assert.Equal(t, p, got)
}

func TestOpenPersonalIdentityNumberRejectsOtherPlaintext(t *testing.T) {
	k := testKeyring(t)
	for _, tc := range []struct {
		plaintext string
		want      error
	}{
		{"", ErrLength},
		{"Anna", ErrLength},
		{"8803200016", ErrLength},       // the 10-digit form is never sealed
		{"19880320-0016", ErrLength},    // nor a separator
		{"198803200018", ErrCheckDigit}, // check digit
		{"19880320001６", ErrLength},     // full-width digit: 14 bytes
		{"1988032000 6", ErrSeparator},  // a space inside is a separator error
		{"198813200016", ErrDate},       // month 13
		{"abcdefghijkl", ErrNotDigit},   // letters
		{"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", ErrSeparator}, // control bytes
	} {
		sealed, err := k.Seal([]byte(tc.plaintext), aad)
		require.NoError(t, err)
		p, err := OpenPersonalIdentityNumber(k, sealed, aad)
		require.ErrorIs(t, err, ErrUnsealFailed, "%q", tc.plaintext)
		require.ErrorIs(t, err, tc.want, "%q", tc.plaintext)
		assert.True(t, p.IsZero())
		if tc.plaintext != "" {
			assert.NotContains(t, err.Error(), tc.plaintext)
		}
	}
}

func TestSealHelpersUseThePort(t *testing.T) {
	// The helpers hand the Sealer exactly the clear bytes and the associated data.
	var gotPT, gotAD []byte
	spy := sealerFunc{
		seal: func(pt, ad []byte) (Sealed, error) {
			gotPT, gotAD = bytes.Clone(pt), bytes.Clone(ad)
			return Sealed{KeyID: "spy", Ciphertext: []byte{1}}, nil
		},
		open: func(Sealed, []byte) ([]byte, error) { return []byte("198803200016"), nil },
	}
	_, err := SealPersonalIdentityNumber(spy, mustPIN(t, "880320-0016"), aad)
	require.NoError(t, err)
	assert.Equal(t, "198803200016", string(gotPT))
	assert.Equal(t, aad, gotAD)
	p, err := OpenPersonalIdentityNumber(spy, Sealed{KeyID: "spy", Ciphertext: []byte{1}}, aad)
	require.NoError(t, err)
	assert.Equal(t, mustPIN(t, "880320-0016"), p)

	_, err = SealText(spy, NewText("  Anna  "), aad)
	require.NoError(t, err)
	assert.Equal(t, "Anna", string(gotPT), "the trimmed clear text")
}
