package privacy

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testTokenizer returns a Tokenizer keyed with 32 copies of b.
func testTokenizer(t testing.TB, b byte) *Tokenizer {
	t.Helper()
	tk, err := NewTokenizer(bytes.Repeat([]byte{b}, 32))
	require.NoError(t, err)
	return tk
}

func TestTokenizerKnownAnswer(t *testing.T) {
	// The token is HMAC-SHA256(key, "gridnotify/pin/v1\x00" + twelve digits): an adapter in
	// another language can compute the same index.
	key := bytes.Repeat([]byte{0x42}, 32)
	tk, err := NewTokenizer(key)
	require.NoError(t, err)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("gridnotify/pin/v1\x00198803200016"))
	assert.Equal(t, hex.EncodeToString(mac.Sum(nil)), tk.PersonalIdentityNumber(mustPIN(t, "880320-0016")).String())

	mac = hmac.New(sha256.New, key)
	mac.Write([]byte("gridnotify/org/v1\x005560160680"))
	org, err := ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(mac.Sum(nil)), tk.OrganisationNumber(org).String())
}

func TestTokenizerDeterministic(t *testing.T) {
	a, b := testTokenizer(t, 1), testTokenizer(t, 1)
	p := mustPIN(t, "880320-0016")
	assert.Equal(t, a.PersonalIdentityNumber(p), a.PersonalIdentityNumber(p))
	assert.Equal(t, a.PersonalIdentityNumber(p), b.PersonalIdentityNumber(p), "same key, same token")
	// Every way of writing the number gives the same token.
	for _, s := range []string{"8803200016", "19880320-0016", "198803200016", " 880320-0016 "} {
		assert.Equal(t, a.PersonalIdentityNumber(p), a.PersonalIdentityNumber(mustPIN(t, s)), s)
	}
}

func TestTokenizerKeyDependent(t *testing.T) {
	p := mustPIN(t, "880320-0016")
	org, err := ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	a, b := testTokenizer(t, 1), testTokenizer(t, 2)
	assert.NotEqual(t, a.PersonalIdentityNumber(p), b.PersonalIdentityNumber(p))
	assert.NotEqual(t, a.OrganisationNumber(org), b.OrganisationNumber(org))
	// A longer key is a different key, not a truncated one.
	long, err := NewTokenizer(bytes.Repeat([]byte{1}, 64))
	require.NoError(t, err)
	assert.NotEqual(t, a.PersonalIdentityNumber(p), long.PersonalIdentityNumber(p))
}

func TestTokenizerDistinct(t *testing.T) {
	tk := testTokenizer(t, 1)
	r := rand.New(rand.NewPCG(5, 6))
	seen := map[Token]string{}
	for range 5000 {
		s := randomPIN(r)
		p := mustPIN(t, s)
		tok := tk.PersonalIdentityNumber(p)
		require.False(t, tok.IsZero())
		if prev, ok := seen[tok]; ok {
			require.Equal(t, prev, p.Reveal(), "two numbers share a token")
		}
		seen[tok] = p.Reveal()
		assert.NotContains(t, tok.String(), p.Reveal()[2:])
	}
	// A sole trader's organisation number and the same person's identity number are
	// different kinds of number and give different tokens.
	soleTrader, err := ParseOrganisationNumber("880320-0016")
	require.NoError(t, err)
	assert.NotEqual(t, tk.PersonalIdentityNumber(mustPIN(t, "880320-0016")), tk.OrganisationNumber(soleTrader))
	assert.False(t, tk.OrganisationNumber(soleTrader).IsZero())
}

func TestTokenizerZero(t *testing.T) {
	tk := testTokenizer(t, 1)
	assert.True(t, tk.PersonalIdentityNumber(PersonalIdentityNumber{}).IsZero())
	assert.True(t, tk.OrganisationNumber(OrganisationNumber{}).IsZero())
	var nilTk *Tokenizer
	p := mustPIN(t, "880320-0016")
	assert.True(t, nilTk.PersonalIdentityNumber(p).IsZero(), "no key, no token")
	assert.True(t, (&Tokenizer{}).PersonalIdentityNumber(p).IsZero())
	org, err := ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	assert.True(t, nilTk.OrganisationNumber(org).IsZero())
	assert.True(t, (&Tokenizer{}).OrganisationNumber(org).IsZero())

	var z Token
	assert.True(t, z.IsZero())
	assert.Equal(t, "", z.String())
	text, err := z.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text)
}

func TestNewTokenizerKey(t *testing.T) {
	for _, n := range []int{0, 1, 16, 31} {
		tk, err := NewTokenizer(make([]byte, n))
		require.ErrorIs(t, err, ErrInvalidKey)
		assert.Nil(t, tk)
	}
	// The key is copied: wiping the caller's slice changes nothing.
	key := bytes.Repeat([]byte{9}, 32)
	tk, err := NewTokenizer(key)
	require.NoError(t, err)
	p := mustPIN(t, "880320-0016")
	before := tk.PersonalIdentityNumber(p)
	clear(key)
	assert.Equal(t, before, tk.PersonalIdentityNumber(p))
	assert.Equal(t, before, testTokenizer(t, 9).PersonalIdentityNumber(p))
}

func TestTokenText(t *testing.T) {
	tk := testTokenizer(t, 1)
	tok := tk.PersonalIdentityNumber(mustPIN(t, "880320-0016"))
	s := tok.String()
	assert.Len(t, s, 64)
	assert.Equal(t, strings.ToLower(s), s)
	text, err := tok.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, s, string(text))

	var back Token
	require.NoError(t, back.UnmarshalText(text))
	assert.Equal(t, tok, back)

	b, err := json.Marshal(map[string]Token{"t": tok, "z": {}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"t":"`+s+`","z":""}`, string(b))
	var m map[string]Token
	require.NoError(t, json.Unmarshal(b, &m))
	assert.Equal(t, tok, m["t"])
	assert.True(t, m["z"].IsZero())
}

func TestTokenUnmarshalTextErrors(t *testing.T) {
	valid := strings.Repeat("0123456789abcdef", 4)
	for _, tc := range []struct {
		name string
		in   string
		want error
	}{
		{"short", valid[:63], ErrLength},
		{"long", valid + "0", ErrLength},
		{"whitespace", " " + valid[1:], ErrSyntax},
		{"upper case", strings.ToUpper(valid), ErrSyntax},
		{"not hex", "g" + valid[1:], ErrSyntax},
		{"all zero", strings.Repeat("0", 64), ErrSyntax},
		{"NUL", "\x00" + valid[1:], ErrSyntax},
		{"huge", strings.Repeat("a", 10000), ErrLength},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tok Token
			tok[0] = 7
			err := tok.UnmarshalText([]byte(tc.in))
			require.ErrorIs(t, err, tc.want)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Same(t, KindToken, pe.Kind)
			assert.Equal(t, byte(7), tok[0], "unchanged on error")
			assert.NotContains(t, err.Error(), tc.in)
		})
	}
	var tok Token
	tok[0] = 7
	require.NoError(t, tok.UnmarshalText(nil))
	assert.True(t, tok.IsZero())
}

func TestTokenizerConcurrent(t *testing.T) {
	tk := testTokenizer(t, 1)
	r := rand.New(rand.NewPCG(7, 8))
	pins := make([]PersonalIdentityNumber, 64)
	want := make([]Token, len(pins))
	for i := range pins {
		pins[i] = mustPIN(t, randomPIN(r))
		want[i] = tk.PersonalIdentityNumber(pins[i])
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	mismatches := 0
	for g := range 16 {
		wg.Go(func() {
			for i := range 200 {
				j := (g + i) % len(pins)
				if tk.PersonalIdentityNumber(pins[j]) != want[j] {
					mu.Lock()
					mismatches++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	assert.Zero(t, mismatches)
}

func TestTokenizerAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	tk := testTokenizer(t, 1)
	p := mustPIN(t, "880320-0016")
	tk.PersonalIdentityNumber(p) // warm the pool
	allocs := testing.AllocsPerRun(100, func() { sinkToken = tk.PersonalIdentityNumber(p) })
	assert.Zero(t, allocs)
}
