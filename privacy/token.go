package privacy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
)

// Token is a keyed hash of an identity number, for finding a case by the number without
// storing or indexing the number itself (dataskyddslag 3 kap. 10 §: a personal identity
// number never as a key). Store the Token in an indexed column next to the sealed number
// (see [Keyring]) and look cases up by the Token of the number a user types in.
//
// A Token is pseudonymous: without the [Tokenizer]'s key it reveals nothing about the
// number, and unlike a plain hash it cannot be reversed by hashing every possible number
// (there are only about 10⁹ per century). But it is still personal data under GDPR — it
// singles out one person, and whoever holds the key can link it back — so it must be
// protected, erased and exported like the number, and it is not for logs or URLs either.
//
// The zero Token means "no number" and prints as "". Tokens compare with ==.
type Token [sha256.Size]byte

// Domain-separation prefixes: the same digits hashed as a different kind of number, or by
// a later version of this scheme, give an unrelated token.
const (
	pinTokenDomain = "gridnotify/pin/v1\x00"
	orgTokenDomain = "gridnotify/org/v1\x00"
)

// MinTokenKeySize is the shortest key [NewTokenizer] accepts: 32 bytes, SHA-256's output
// size, so that the key is never the weakest part of the token.
const MinTokenKeySize = 32

// Tokenizer computes [Token]s with HMAC-SHA256 under a secret key. The key must be the
// same wherever tokens are compared, and kept as secret as a sealing key; changing it means
// recomputing every stored token (from the sealed numbers). It is safe for concurrent use.
type Tokenizer struct {
	pool sync.Pool // of *tokenState
}

// tokenState is one keyed HMAC with scratch space, pooled so computing a token does not
// allocate: the message and the sum would escape through the hash.Hash interface.
type tokenState struct {
	h   hash.Hash // HMAC-SHA256 under the key, reset after each use
	msg [len(pinTokenDomain) + 12]byte
	sum Token
}

// NewTokenizer returns a Tokenizer for key, which must be at least 32 random bytes
// (errors wrap [ErrInvalidKey]). The key is copied.
func NewTokenizer(key []byte) (*Tokenizer, error) {
	if len(key) < MinTokenKeySize {
		return nil, fmt.Errorf("%w: a token key must be at least %d bytes, not %d", ErrInvalidKey, MinTokenKeySize, len(key))
	}
	k := append([]byte(nil), key...)
	t := &Tokenizer{}
	t.pool.New = func() any { return &tokenState{h: hmac.New(sha256.New, k)} }
	return t, nil
}

// PersonalIdentityNumber returns p's token, computed over its twelve-digit form so every
// way of writing the number gives the same token. The zero number gives the zero Token, as
// does a nil or zero Tokenizer (which has no key).
func (t *Tokenizer) PersonalIdentityNumber(p PersonalIdentityNumber) Token {
	var b [12]byte
	if t == nil || t.pool.New == nil || !p.digits12(&b) {
		return Token{}
	}
	defer clear(b[:])
	return t.sum(pinTokenDomain, b[:])
}

// OrganisationNumber returns o's token, computed over its ten digits (a sole trader's
// number gives a different token from the same person's PersonalIdentityNumber). The zero
// number gives the zero Token, as does a nil or zero Tokenizer.
func (t *Tokenizer) OrganisationNumber(o OrganisationNumber) Token {
	var b [10]byte
	if _, ok := o.ten(&b); t == nil || t.pool.New == nil || !ok {
		return Token{}
	}
	defer clear(b[:])
	return t.sum(orgTokenDomain, b[:])
}

// sum returns HMAC(key, domain || digits). The scratch space is wiped before the state
// goes back to the pool.
func (t *Tokenizer) sum(domain string, digits []byte) Token {
	st := t.pool.Get().(*tokenState)
	defer func() {
		st.h.Reset()
		clear(st.msg[:])
		t.pool.Put(st)
	}()
	msg := append(append(st.msg[:0], domain...), digits...)
	st.h.Write(msg)
	st.h.Sum(st.sum[:0])
	return st.sum
}

// IsZero reports whether t is the zero Token ("no number").
func (t Token) IsZero() bool { return t == Token{} }

// String returns the token as 64 lower-case hex digits, or "" for the zero Token.
func (t Token) String() string {
	if t.IsZero() {
		return ""
	}
	return hex.EncodeToString(t[:])
}

// MarshalText implements encoding.TextMarshaler with [Token.String]'s form.
func (t Token) MarshalText() ([]byte, error) {
	if t.IsZero() {
		return []byte{}, nil
	}
	return hex.AppendEncode(make([]byte, 0, 2*len(t)), t[:]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what MarshalText
// writes: 64 lower-case hex digits (not all zero), or empty text for the zero Token. Errors are
// *ParseError of KindToken wrapping ErrLength or ErrSyntax; on error t is unchanged.
func (t *Token) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*t = Token{}
		return nil
	}
	if len(text) != 2*len(t) {
		return KindToken.Wrap(ErrLength)
	}
	for _, c := range text {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return KindToken.Wrap(ErrSyntax)
		}
	}
	var v Token
	// Cannot fail after the check above; the all-zero token is never written (it is "").
	if _, err := hex.Decode(v[:], text); err != nil || v.IsZero() {
		return KindToken.Wrap(ErrSyntax)
	}
	*t = v
	return nil
}
