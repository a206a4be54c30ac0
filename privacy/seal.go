package privacy

import (
	"encoding/base64"
	"errors"
	"strings"
)

// Protection at rest (GDPR art. 32, and the grid company's instruction to protect the data
// "against unauthorised access"): a storage adapter keeps each personal field as a Sealed
// value produced by a Sealer, so a copy of the database, a backup or a careless SELECT shows
// no personal data. The masking in the rest of the package protects output channels; sealing
// protects what is written down.

// Errors of sealing and opening. They never carry the plaintext, the key or the associated
// data: a caller may log them.
var (
	// ErrUnknownKey means a Sealed value names a key the Sealer does not hold — typically a
	// key retired from the keyring too early, or a value from another deployment.
	ErrUnknownKey = errors.New("privacy: sealed value names an unknown key")
	// ErrUnsealFailed means a Sealed value could not be opened: the ciphertext, nonce or
	// associated data was altered, or the value was moved from the place it was sealed for.
	ErrUnsealFailed = errors.New("privacy: sealed value cannot be opened (tampered, or sealed for another place)")
	// ErrInvalidKey means a keyring was configured wrongly: a key of the wrong size, a key
	// ID outside [A-Za-z0-9_-]{1,64}, a primary that is not in the ring, or a keyring with no
	// keys at all.
	ErrInvalidKey = errors.New("privacy: invalid key configuration")
	// ErrTooLarge means a plaintext is larger than a Sealed value may hold (maxSealPlaintext
	// bytes), so that every sealed value also fits the text form.
	ErrTooLarge = errors.New("privacy: value too large to seal")
)

// Sealer encrypts and authenticates personal fields for storage. It is the port a storage
// adapter uses; [Keyring] is the standard-library implementation, and a deployment may
// provide another (a KMS or HSM).
//
// associatedData is authenticated but not stored: Open must be given the same bytes as
// Seal. It should bind the ciphertext to its place — for example the case ID and the field
// path, "case/8f3a…/owner.personalNumber" — so that a sealed value copied into another
// record or another field fails to open ([ErrUnsealFailed]) instead of silently showing one
// person's data as another's. It must not itself be personal data (it is not encrypted).
//
// Implementations must be safe for concurrent use and must never put the plaintext in an
// error.
type Sealer interface {
	// Seal encrypts and authenticates plaintext, binding it to associatedData.
	Seal(plaintext, associatedData []byte) (Sealed, error)
	// Open decrypts s given the associatedData it was sealed with; a value that does not
	// authenticate fails with [ErrUnsealFailed].
	Open(s Sealed, associatedData []byte) ([]byte, error)
}

// Sealed is an encrypted, authenticated value: the ID of the key that sealed it, the nonce,
// and the ciphertext with its authentication tag. It holds no personal data in clear, so it
// may be stored, copied and logged; it marshals to one compact line of text (see
// [Sealed.MarshalText]) so an adapter can keep it in a single text column, and
// encoding/json writes it as that string.
//
// The zero Sealed means "no value" and marshals to the empty string.
type Sealed struct {
	KeyID      string // ID of the key that sealed the value
	Nonce      []byte // the nonce, at most 32 bytes
	Ciphertext []byte // the ciphertext with its authentication tag
}

// Limits of the text form. A nonce of up to 32 bytes leaves room for Sealers other than
// [Keyring] (which uses 12); the ciphertext limit keeps a hostile column value from making
// the parser allocate without bound while leaving ample room for a free-text note.
const (
	sealedVersion    = "v1"
	maxKeyID         = 64
	maxNonce         = 32
	maxSealPlaintext = 256 << 10
	maxCiphertext    = maxSealPlaintext + 64 // room for an authentication tag
	maxSealedText    = len(sealedVersion) + 1 + maxKeyID + 1 +
		(maxNonce*4+2)/3 + 1 + (maxCiphertext*4+2)/3
)

// b64 is the encoding of the text form: URL-safe (no '.' so the form splits unambiguously),
// unpadded, and strict, so each byte string has exactly one accepted encoding.
var b64 = base64.RawURLEncoding.Strict()

// IsZero reports whether s is the zero Sealed ("no value").
func (s Sealed) IsZero() bool {
	return s.KeyID == "" && len(s.Nonce) == 0 && len(s.Ciphertext) == 0
}

// MarshalText implements encoding.TextMarshaler with the compact form
//
//	v1.<keyID>.<nonce>.<ciphertext>
//
// where nonce and ciphertext are unpadded base64url. The zero Sealed gives empty text. It
// fails with ErrInvalidKey for a key ID outside [A-Za-z0-9_-]{1,64} and ErrTooLarge or
// ErrLength for parts the text form cannot hold, so what is written can always be read back.
func (s Sealed) MarshalText() ([]byte, error) {
	if s.IsZero() {
		return []byte{}, nil
	}
	if !validKeyID(s.KeyID) {
		return nil, ErrInvalidKey
	}
	if len(s.Nonce) > maxNonce || len(s.Ciphertext) == 0 {
		return nil, KindSealed.Wrap(ErrLength)
	}
	if len(s.Ciphertext) > maxCiphertext {
		return nil, ErrTooLarge
	}
	n := len(sealedVersion) + 1 + len(s.KeyID) + 1 + b64.EncodedLen(len(s.Nonce)) + 1 +
		b64.EncodedLen(len(s.Ciphertext))
	out := make([]byte, 0, n)
	out = append(out, sealedVersion...)
	out = append(out, '.')
	out = append(out, s.KeyID...)
	out = append(out, '.')
	out = b64.AppendEncode(out, s.Nonce)
	out = append(out, '.')
	out = b64.AppendEncode(out, s.Ciphertext)
	return out, nil
}

// UnmarshalText implements encoding.TextUnmarshaler for the form MarshalText writes, and
// nothing else: no surrounding whitespace, no padding, no line breaks, exactly four parts.
// Empty text gives the zero Sealed. Errors are *ParseError of KindSealed
// wrapping ErrLength (too long, or a part of the wrong size) or ErrSyntax (anything else);
// on error s is left unchanged.
//
// Parsing only checks the form; whether the value opens is for [Sealer.Open] to say.
func (s *Sealed) UnmarshalText(text []byte) error {
	v, err := parseSealed(text)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// parseSealed parses the text form.
func parseSealed(text []byte) (Sealed, error) {
	if len(text) == 0 {
		return Sealed{}, nil
	}
	if len(text) > maxSealedText {
		return Sealed{}, KindSealed.Wrap(ErrLength)
	}
	version, rest, ok1 := strings.Cut(string(text), ".")
	keyID, rest, ok2 := strings.Cut(rest, ".")
	nonce, ct, ok3 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || !ok3 || version != sealedVersion || !validKeyID(keyID) ||
		!isBase64URL(nonce) || !isBase64URL(ct) {
		return Sealed{}, KindSealed.Wrap(ErrSyntax)
	}
	if len(nonce) > b64.EncodedLen(maxNonce) || ct == "" || len(ct) > b64.EncodedLen(maxCiphertext) {
		return Sealed{}, KindSealed.Wrap(ErrLength)
	}
	nb, err := b64.DecodeString(nonce)
	if err != nil {
		return Sealed{}, KindSealed.Wrap(ErrSyntax)
	}
	cb, err := b64.DecodeString(ct)
	if err != nil {
		return Sealed{}, KindSealed.Wrap(ErrSyntax)
	}
	if len(nb) > maxNonce || len(cb) == 0 || len(cb) > maxCiphertext {
		return Sealed{}, KindSealed.Wrap(ErrLength)
	}
	return Sealed{KeyID: keyID, Nonce: nb, Ciphertext: cb}, nil
}

// validKeyID reports whether id matches [A-Za-z0-9_-]{1,64}: short, printable and free of
// the '.' that separates the text form's parts.
func validKeyID(id string) bool {
	if id == "" || len(id) > maxKeyID {
		return false
	}
	for i := range len(id) {
		if !isBase64URLByte(id[i]) {
			return false
		}
	}
	return true
}

// isBase64URL reports whether s holds only the base64url alphabet. encoding/base64 would
// skip '\r' and '\n'; checking first keeps exactly one text per value.
func isBase64URL(s string) bool {
	for i := range len(s) {
		if !isBase64URLByte(s[i]) {
			return false
		}
	}
	return true
}

// isBase64URLByte reports whether c is in [A-Za-z0-9_-].
func isBase64URLByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}
