package privacy

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSealedTextRoundTrip(t *testing.T) {
	k := testKeyring(t)
	s, err := k.Seal([]byte("Anna Andersson"), aad)
	require.NoError(t, err)

	text, err := s.MarshalText()
	require.NoError(t, err)
	parts := strings.Split(string(text), ".")
	require.Len(t, parts, 4)
	assert.Equal(t, []string{"v1", "k1"}, parts[:2])
	assert.Len(t, parts[2], 16, "12-byte nonce in unpadded base64url")

	var back Sealed
	require.NoError(t, back.UnmarshalText(text))
	assert.Equal(t, s, back)
	got, err := k.Open(back, aad)
	require.NoError(t, err)
	assert.Equal(t, "Anna Andersson", string(got))

	again, err := back.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, text, again, "the text form is canonical")
}

func TestSealedTextProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for range 2000 {
		id := make([]byte, 1+r.IntN(maxKeyID))
		for i := range id {
			id[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := Sealed{KeyID: string(id), Nonce: randBytes(r, r.IntN(maxNonce+1)), Ciphertext: randBytes(r, 1+r.IntN(200))}
		text, err := s.MarshalText()
		require.NoError(t, err)
		var back Sealed
		require.NoError(t, back.UnmarshalText(text))
		require.Equal(t, s.KeyID, back.KeyID)
		require.True(t, bytes.Equal(s.Nonce, back.Nonce))
		require.Equal(t, s.Ciphertext, back.Ciphertext)
	}
}

// randBytes returns n pseudo-random bytes.
func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestSealedZero(t *testing.T) {
	var z Sealed
	assert.True(t, z.IsZero())
	text, err := z.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text)

	s := Sealed{KeyID: "k1", Nonce: []byte{1}, Ciphertext: []byte{2}}
	assert.False(t, s.IsZero())
	require.NoError(t, s.UnmarshalText(nil))
	assert.True(t, s.IsZero(), "empty text decodes to the zero Sealed")
	assert.False(t, Sealed{Ciphertext: []byte{1}}.IsZero())
}

func TestSealedUnmarshalTextErrors(t *testing.T) {
	valid := "v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"
	require.NoError(t, new(Sealed).UnmarshalText([]byte(valid)))
	for _, tc := range []struct {
		name string
		in   string
		want error
	}{
		{"whitespace only", " ", ErrSyntax},
		{"leading space", " " + valid, ErrSyntax},
		{"trailing newline", valid + "\n", ErrSyntax},
		{"version 2", "v2" + valid[2:], ErrSyntax},
		{"upper-case version", "V1" + valid[2:], ErrSyntax},
		{"no version", valid[3:], ErrSyntax},
		{"three parts", "v1.k1.AAAA", ErrSyntax},
		{"five parts", valid + ".AAAA", ErrSyntax},
		{"empty key ID", "v1..AAAA.AAAA", ErrSyntax},
		{"key ID with space", "v1.k 1.AAAA.AAAA", ErrSyntax},
		{"non-ASCII key ID", "v1.nyckel-ä.AAAA.AAAA", ErrSyntax},
		{"key ID too long", "v1." + strings.Repeat("k", 65) + ".AAAA.AAAA", ErrSyntax},
		{"padding", "v1.k1.AAAA.AAA=", ErrSyntax},
		{"standard base64", "v1.k1.AAAA.AA+/", ErrSyntax},
		{"line break in base64", "v1.k1.AAAA.AA\nAA", ErrSyntax},
		{"CR in base64", "v1.k1.AA\rAA.AAAA", ErrSyntax},
		{"NUL", "v1.k1.AAAA.AA\x00A", ErrSyntax},
		{"invalid UTF-8", "v1.k1.AAAA.\xff\xfe", ErrSyntax},
		{"full-width letters", "v1.k1.ＡＡＡＡ.AAAA", ErrSyntax},
		{"impossible base64 length", "v1.k1.AAAA.AAAAA", ErrSyntax},
		{"non-canonical final bits", "v1.k1.AAAA.AB", ErrSyntax},
		{"empty ciphertext", "v1.k1.AAAA.", ErrLength},
		{"nonce too long", "v1.k1." + strings.Repeat("A", 44) + ".AAAA", ErrLength},
		{"text too long", "v1.k1.AAAA." + strings.Repeat("A", maxSealedText), ErrLength},
		{"only dots", "...", ErrSyntax},
		{"just v1", "v1", ErrSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Sealed{KeyID: "keep", Nonce: []byte{1}, Ciphertext: []byte{2}}
			err := s.UnmarshalText([]byte(tc.in))
			require.ErrorIs(t, err, tc.want)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Same(t, KindSealed, pe.Kind)
			assert.True(t, strings.HasPrefix(pe.Swedish(), "Förseglat värde: "), pe.Swedish())
			assert.Equal(t, Sealed{KeyID: "keep", Nonce: []byte{1}, Ciphertext: []byte{2}}, s, "unchanged on error")
			if len(tc.in) > 4 {
				assert.NotContains(t, err.Error(), tc.in[3:], "the error does not echo the input")
			}
		})
	}
	// An empty nonce is allowed by the form (a Sealer may not need one); the keyring then
	// refuses to open it.
	var s Sealed
	require.NoError(t, s.UnmarshalText([]byte("v1.k1..AAAA")))
	assert.Empty(t, s.Nonce)
	_, err := testKeyring(t).Open(s, nil)
	require.ErrorIs(t, err, ErrUnsealFailed)
}

func TestSealedMarshalTextErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Sealed
		want error
	}{
		{"no key ID", Sealed{Nonce: []byte{1}, Ciphertext: []byte{1}}, ErrInvalidKey},
		{"dot in key ID", Sealed{KeyID: "k.1", Ciphertext: []byte{1}}, ErrInvalidKey},
		{"key ID too long", Sealed{KeyID: strings.Repeat("k", 65), Ciphertext: []byte{1}}, ErrInvalidKey},
		{"no ciphertext", Sealed{KeyID: "k1", Nonce: []byte{1}}, ErrLength},
		{"nonce too long", Sealed{KeyID: "k1", Nonce: make([]byte, 33), Ciphertext: []byte{1}}, ErrLength},
		{"ciphertext too long", Sealed{KeyID: "k1", Ciphertext: make([]byte, maxCiphertext+1)}, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, err := tc.s.MarshalText()
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, text)
		})
	}
	// The largest value Seal makes still has a text form that parses back.
	k := testKeyring(t)
	s, err := k.Seal(make([]byte, maxSealPlaintext), nil)
	require.NoError(t, err)
	text, err := s.MarshalText()
	require.NoError(t, err)
	var back Sealed
	require.NoError(t, back.UnmarshalText(text))
	assert.Equal(t, s, back)
}

func TestSealedJSON(t *testing.T) {
	type row struct {
		Name  Sealed `json:"name"`
		Phone Sealed `json:"phone"`
	}
	k := testKeyring(t)
	name, err := k.Seal([]byte("Anna Andersson"), aad)
	require.NoError(t, err)
	b, err := json.Marshal(row{Name: name})
	require.NoError(t, err)
	assert.NotContains(t, string(b), "Anna")
	assert.Contains(t, string(b), `"phone":""`)

	var back row
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, name, back.Name)
	assert.True(t, back.Phone.IsZero())

	err = json.Unmarshal([]byte(`{"name":"v9.x.y.z"}`), &back)
	require.True(t, errors.Is(err, ErrSyntax), "%v", err)
}
