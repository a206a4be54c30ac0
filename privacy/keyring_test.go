package privacy

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testKey returns a 32-byte key filled with b; distinct b give distinct keys.
func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

// testKeyring returns a keyring with keys "k1" (primary) and "k0".
func testKeyring(t testing.TB) *Keyring {
	t.Helper()
	k, err := NewKeyring("k1", map[string][]byte{"k0": testKey(0), "k1": testKey(1)})
	require.NoError(t, err)
	return k
}

// aad is the associated data the tests bind values to: a case ID and a field path.
var aad = []byte("case/0f3a9c/owner.name")

func TestKeyringRoundTrip(t *testing.T) {
	k := testKeyring(t)
	for _, pt := range [][]byte{
		{},
		[]byte("A"),
		[]byte("Anna Andersson, Storgatan 1, 123 45 Småstad"),
		{0, 0xff, 0xfe, 0},
		bytes.Repeat([]byte("x"), maxSealPlaintext),
	} {
		s, err := k.Seal(pt, aad)
		require.NoError(t, err)
		assert.Equal(t, "k1", s.KeyID)
		assert.Len(t, s.Nonce, gcmNonceSize)
		assert.Len(t, s.Ciphertext, len(pt)+16)
		got, err := k.Open(s, aad)
		require.NoError(t, err)
		assert.Equal(t, pt, got)
		assert.NotNil(t, got, "an empty plaintext opens as an empty, non-nil slice")
	}
	// nil associated data is the same as empty.
	s, err := k.Seal([]byte("x"), nil)
	require.NoError(t, err)
	got, err := k.Open(s, []byte{})
	require.NoError(t, err)
	assert.Equal(t, []byte("x"), got)
}

func TestKeyringSealIsRandomised(t *testing.T) {
	k := testKeyring(t)
	pt := []byte("198803200016")
	a, err := k.Seal(pt, aad)
	require.NoError(t, err)
	b, err := k.Seal(pt, aad)
	require.NoError(t, err)
	assert.NotEqual(t, a.Nonce, b.Nonce)
	assert.NotEqual(t, a.Ciphertext, b.Ciphertext)
}

func TestKeyringCiphertextHidesPlaintext(t *testing.T) {
	k := testKeyring(t)
	pt := []byte("Anna Andersson 198803200016")
	s, err := k.Seal(pt, aad)
	require.NoError(t, err)
	text, err := s.MarshalText()
	require.NoError(t, err)
	for _, needle := range [][]byte{pt, []byte("Anna"), []byte("8803200016")} {
		assert.False(t, bytes.Contains(s.Ciphertext, needle), "ciphertext contains %q", needle)
		assert.False(t, bytes.Contains(text, needle), "text form contains %q", needle)
		enc := base64.RawURLEncoding.EncodeToString(needle)
		assert.False(t, bytes.Contains(text, []byte(enc[:len(enc)-1])), "text form contains the base64 of %q", needle)
	}
}

func TestKeyringRotate(t *testing.T) {
	k1 := testKeyring(t)
	old, err := k1.Seal([]byte("old"), aad)
	require.NoError(t, err)

	k2, err := k1.Rotate("k2", testKey(2))
	require.NoError(t, err)
	assert.Equal(t, "k2", k2.Primary())
	assert.Equal(t, "k1", k1.Primary(), "Rotate must not change the receiver")

	got, err := k2.Open(old, aad)
	require.NoError(t, err, "a value sealed before the rotation opens after it")
	assert.Equal(t, []byte("old"), got)

	fresh, err := k2.Seal([]byte("new"), aad)
	require.NoError(t, err)
	assert.Equal(t, "k2", fresh.KeyID)
	_, err = k1.Open(fresh, aad)
	require.ErrorIs(t, err, ErrUnknownKey, "the old keyring does not know the new key")

	// Rotating twice keeps every key.
	k3, err := k2.Rotate("k3", testKey(3))
	require.NoError(t, err)
	for _, s := range []Sealed{old, fresh} {
		_, err := k3.Open(s, aad)
		require.NoError(t, err)
	}
}

func TestKeyringRotateErrors(t *testing.T) {
	k := testKeyring(t)
	for name, tc := range map[string]struct {
		id  string
		key []byte
	}{
		"existing ID": {"k0", testKey(9)},
		"primary ID":  {"k1", testKey(9)},
		"short key":   {"k2", testKey(9)[:31]},
		"long key":    {"k2", append(testKey(9), 9)},
		"nil key":     {"k2", nil},
		"empty ID":    {"", testKey(9)},
		"dot in ID":   {"k.2", testKey(9)},
	} {
		t.Run(name, func(t *testing.T) {
			n, err := k.Rotate(tc.id, tc.key)
			require.ErrorIs(t, err, ErrInvalidKey)
			assert.Nil(t, n)
			assert.Equal(t, "k1", k.Primary())
		})
	}
	var nilRing *Keyring
	_, err := nilRing.Rotate("k2", testKey(2))
	require.ErrorIs(t, err, ErrInvalidKey)
	_, err = (&Keyring{}).Rotate("k2", testKey(2))
	require.ErrorIs(t, err, ErrInvalidKey)
}

func TestNewKeyringErrors(t *testing.T) {
	secret := testKey(0xab)
	for name, tc := range map[string]struct {
		primary string
		keys    map[string][]byte
	}{
		"nil map":         {"k1", nil},
		"missing primary": {"k2", map[string][]byte{"k1": testKey(1)}},
		"empty primary":   {"", map[string][]byte{"k1": testKey(1)}},
		"short key":       {"k1", map[string][]byte{"k1": secret[:16]}},
		"other key short": {"k1", map[string][]byte{"k1": testKey(1), "k0": secret[:31]}},
		"long key":        {"k1", map[string][]byte{"k1": append(bytes.Clone(secret), 1)}},
		"bad ID":          {"k1", map[string][]byte{"k1": testKey(1), "k 0": secret}},
		"non-ASCII ID":    {"nyckel-ä", map[string][]byte{"nyckel-ä": secret}},
		"ID too long":     {strings.Repeat("k", 65), map[string][]byte{strings.Repeat("k", 65): secret}},
	} {
		t.Run(name, func(t *testing.T) {
			k, err := NewKeyring(tc.primary, tc.keys)
			require.ErrorIs(t, err, ErrInvalidKey)
			assert.Nil(t, k)
			msg := err.Error()
			assert.NotContains(t, msg, fmt.Sprintf("%x", secret[:4]), "no key material in errors")
			assert.NotContains(t, msg, string(secret[:4]))
			assert.NotContains(t, msg, "ä", "an invalid key ID is not echoed")
			assert.NotContains(t, msg, "k 0")
		})
	}
	// The longest valid ID is fine.
	id := strings.Repeat("K", 64)
	k, err := NewKeyring(id, map[string][]byte{id: secret})
	require.NoError(t, err)
	assert.Equal(t, id, k.Primary())
}

func TestNewKeyringCopiesKeys(t *testing.T) {
	key := testKey(7)
	keys := map[string][]byte{"a": key}
	k, err := NewKeyring("a", keys)
	require.NoError(t, err)
	s, err := k.Seal([]byte("x"), aad)
	require.NoError(t, err)

	clear(key) // the caller wipes its copy
	keys["b"] = testKey(8)
	delete(keys, "a")

	got, err := k.Open(s, aad)
	require.NoError(t, err)
	assert.Equal(t, []byte("x"), got)
	_, err = k.Open(Sealed{KeyID: "b", Nonce: s.Nonce, Ciphertext: s.Ciphertext}, aad)
	require.ErrorIs(t, err, ErrUnknownKey)
}

func TestKeyringOpenFailures(t *testing.T) {
	k := testKeyring(t)
	pt := []byte("Anna Andersson")
	s, err := k.Seal(pt, aad)
	require.NoError(t, err)

	check := func(t *testing.T, s Sealed, ad []byte, want error) {
		t.Helper()
		got, err := k.Open(s, ad)
		require.ErrorIs(t, err, want)
		assert.Nil(t, got)
		assert.NotContains(t, err.Error(), "Anna")
		if len(ad) > 0 {
			assert.NotContains(t, err.Error(), string(ad))
		}
	}
	clone := func() Sealed {
		return Sealed{KeyID: s.KeyID, Nonce: bytes.Clone(s.Nonce), Ciphertext: bytes.Clone(s.Ciphertext)}
	}

	t.Run("every ciphertext byte", func(t *testing.T) {
		for i := range s.Ciphertext {
			c := clone()
			c.Ciphertext[i] ^= 0x01
			check(t, c, aad, ErrUnsealFailed)
		}
	})
	t.Run("every nonce byte", func(t *testing.T) {
		for i := range s.Nonce {
			c := clone()
			c.Nonce[i] ^= 0x80
			check(t, c, aad, ErrUnsealFailed)
		}
	})
	t.Run("every associated data byte", func(t *testing.T) {
		for i := range aad {
			ad := bytes.Clone(aad)
			ad[i] ^= 0x20
			check(t, s, ad, ErrUnsealFailed)
		}
	})
	t.Run("moved to another record", func(t *testing.T) {
		check(t, s, []byte("case/77aa01/owner.name"), ErrUnsealFailed)
		check(t, s, []byte("case/0f3a9c/installer.name"), ErrUnsealFailed)
		check(t, s, nil, ErrUnsealFailed)
		check(t, s, append(bytes.Clone(aad), 0), ErrUnsealFailed)
	})
	t.Run("truncated or extended", func(t *testing.T) {
		c := clone()
		c.Ciphertext = c.Ciphertext[:len(c.Ciphertext)-1]
		check(t, c, aad, ErrUnsealFailed)
		c = clone()
		c.Ciphertext = c.Ciphertext[:15]
		check(t, c, aad, ErrUnsealFailed)
		c = clone()
		c.Ciphertext = nil
		check(t, c, aad, ErrUnsealFailed)
		c = clone()
		c.Ciphertext = append(c.Ciphertext, 0)
		check(t, c, aad, ErrUnsealFailed)
		c = clone()
		c.Nonce = c.Nonce[:11]
		check(t, c, aad, ErrUnsealFailed)
		c = clone()
		c.Nonce = append(c.Nonce, 0)
		check(t, c, aad, ErrUnsealFailed)
	})
	t.Run("another key of the ring", func(t *testing.T) {
		c := clone()
		c.KeyID = "k0"
		check(t, c, aad, ErrUnsealFailed)
	})
	t.Run("unknown key", func(t *testing.T) {
		for _, id := range []string{"k9", "", "K1", "k1 "} {
			c := clone()
			c.KeyID = id
			check(t, c, aad, ErrUnknownKey)
		}
	})
	t.Run("same key ID, different key", func(t *testing.T) {
		other, err := NewKeyring("k1", map[string][]byte{"k1": testKey(0x11)})
		require.NoError(t, err)
		_, err = other.Open(s, aad)
		require.ErrorIs(t, err, ErrUnsealFailed)
	})
	t.Run("plain AES-GCM with the same key does not open as a keyring value", func(t *testing.T) {
		// The keyring authenticates its domain and the key ID: a ciphertext that did not
		// come from a Keyring does not open even under the right key.
		aead, err := newGCM("k1", testKey(1))
		require.NoError(t, err)
		nonce := make([]byte, gcmNonceSize)
		c := Sealed{KeyID: "k1", Nonce: nonce, Ciphertext: aead.Seal(nil, nonce, pt, aad)}
		check(t, c, aad, ErrUnsealFailed)
	})
}

func TestKeyringZeroAndNil(t *testing.T) {
	for name, k := range map[string]*Keyring{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, "", k.Primary())
			_, err := k.Seal([]byte("x"), nil)
			require.ErrorIs(t, err, ErrInvalidKey)
			_, err = k.Open(Sealed{KeyID: "k1", Nonce: make([]byte, 12), Ciphertext: make([]byte, 20)}, nil)
			require.ErrorIs(t, err, ErrUnknownKey)
		})
	}
}

func TestKeyringTooLarge(t *testing.T) {
	k := testKeyring(t)
	_, err := k.Seal(make([]byte, maxSealPlaintext+1), aad)
	require.ErrorIs(t, err, ErrTooLarge)
}

func TestKeyringConcurrent(t *testing.T) {
	k := testKeyring(t)
	k2, err := k.Rotate("k2", testKey(2))
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Go(func() {
			ring := k
			if g%2 == 0 {
				ring = k2
			}
			for i := range 50 {
				pt := fmt.Appendf(nil, "value %d/%d", g, i)
				ad := fmt.Appendf(nil, "case/%d/field", i)
				s, err := ring.Seal(pt, ad)
				if err != nil {
					errs <- err
					return
				}
				got, err := k2.Open(s, ad)
				if err != nil || !bytes.Equal(got, pt) {
					errs <- errors.Join(errors.New("round trip failed"), err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// sealerFunc adapts functions to Sealer, to check the helpers call through the port.
type sealerFunc struct {
	seal func([]byte, []byte) (Sealed, error)
	open func(Sealed, []byte) ([]byte, error)
}

func (f sealerFunc) Seal(pt, ad []byte) (Sealed, error) { return f.seal(pt, ad) }
func (f sealerFunc) Open(s Sealed, ad []byte) ([]byte, error) {
	return f.open(s, ad)
}
