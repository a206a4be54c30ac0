package privacy

import (
	"bytes"
	"strings"
	"testing"
)

// sealedFuzzSeeds are FuzzSealedUnmarshalText's own seeds (also committed under
// testdata/fuzz/FuzzSealedUnmarshalText, with the shared hostile ones).
var sealedFuzzSeeds = []string{
	"v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
	"v1.key-2024_01.3q2-7wAAAAAAAAAA.aGVsbG8gd29ybGQ",
	"v1.k1..AA",
	"v1.k1.AAAA.AB",
	"v1.k1.AAAA.AAA=",
	"v1.k1.AA\nAA.AAAA",
	"v1.k 1.AAAA.AAAA",
	"v1..AAAA.AAAA",
	"v2.k1.AAAA.AAAA",
	"v1.k1.AAAA.AAAA.AAAA",
	"v1." + strings.Repeat("k", 65) + ".AAAA.AAAA",
	"v1.k1." + strings.Repeat("A", 44) + ".AAAA",
	"...",
	"v1.k1.ＡＡＡＡ.AAAA",
	"v1.k1.٠٠٠٠.AAAA",
}

func FuzzSealedUnmarshalText(f *testing.F) {
	addSeeds(f, sealedFuzzSeeds...)
	f.Fuzz(func(t *testing.T, s string) {
		var v Sealed
		if err := v.UnmarshalText([]byte(s)); err != nil {
			if !v.IsZero() {
				t.Fatal("error with a non-zero value")
			}
			return
		}
		text, err := v.MarshalText()
		if err != nil {
			t.Fatalf("accepted value does not marshal: %v", err)
		}
		if string(text) != s {
			t.Fatalf("canonical form differs from the accepted input")
		}
		var w Sealed
		if err := w.UnmarshalText(text); err != nil {
			t.Fatalf("canonical form does not parse back: %v", err)
		}
		if w.KeyID != v.KeyID || !bytes.Equal(w.Nonce, v.Nonce) || !bytes.Equal(w.Ciphertext, v.Ciphertext) {
			t.Fatal("canonical form parses to another value")
		}
		// Whatever parses, the keyring refuses without panicking (or, at 2^-128, opens).
		k, err := NewKeyring("k1", map[string][]byte{"k1": testKey(1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := k.Open(v, nil); err == nil && v.KeyID != "k1" {
			t.Fatal("opened under an unknown key")
		}
	})
}

// tokenFuzzSeeds are FuzzTokenUnmarshalText's own seeds (also committed under
// testdata/fuzz/FuzzTokenUnmarshalText, with the shared hostile ones).
var tokenFuzzSeeds = []string{
	strings.Repeat("0123456789abcdef", 4),
	strings.Repeat("0123456789ABCDEF", 4),
	strings.Repeat("0", 64),
	strings.Repeat("g", 64),
	strings.Repeat("a", 63),
}

func FuzzTokenUnmarshalText(f *testing.F) {
	addSeeds(f, tokenFuzzSeeds...)
	f.Fuzz(func(t *testing.T, s string) {
		var tok Token
		if err := tok.UnmarshalText([]byte(s)); err != nil {
			if !tok.IsZero() {
				t.Fatal("error with a non-zero value")
			}
			return
		}
		text, err := tok.MarshalText()
		if err != nil || string(text) != s || tok.String() != s {
			t.Fatalf("canonical form differs from the accepted input: %v", err)
		}
		var back Token
		if err := back.UnmarshalText(text); err != nil || back != tok {
			t.Fatalf("canonical form does not parse back: %v", err)
		}
	})
}
