package privacy

import (
	"fmt"
	"time"
)

// Sealing the package's value types. The helpers go through Reveal and the type's parser,
// the documented storage path, so nothing but the Sealer ever sees the clear value. For an
// optional field they map the zero value to the zero Sealed and back, so "no value" is
// stored as an empty column rather than as an encrypted empty string. (An empty column
// cannot be authenticated; like a NULL, it only says the field is absent.)

// sealedPINRef is the reference date for re-parsing a sealed personal identity number. The
// stored form has twelve digits, so no century is inferred from it; the only check the
// reference date drives is "birth date not in the future", which a value that was valid
// when sealed must not fail because of a skewed clock. A far-future date turns it off.
var sealedPINRef = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// errNoSealer is returned by the helpers for a nil Sealer instead of a panic.
var errNoSealer = fmt.Errorf("%w: no Sealer", ErrInvalidKey)

// SealText seals t's clear text with s, binding it to associatedData (see [Sealer]). The
// zero Text gives the zero Sealed without calling s.
func SealText(s Sealer, t Text, associatedData []byte) (Sealed, error) {
	if t.IsZero() {
		return Sealed{}, nil
	}
	if s == nil {
		return Sealed{}, errNoSealer
	}
	pt := []byte(t.Reveal())
	defer clear(pt)
	return s.Seal(pt, associatedData)
}

// OpenText opens a value sealed by [SealText] with the same associatedData. The zero
// Sealed gives the zero Text. Errors are the Sealer's ([ErrUnknownKey], [ErrUnsealFailed]).
func OpenText(s Sealer, sealed Sealed, associatedData []byte) (Text, error) {
	if sealed.IsZero() {
		return Text{}, nil
	}
	if s == nil {
		return Text{}, errNoSealer
	}
	pt, err := s.Open(sealed, associatedData)
	if err != nil {
		return Text{}, err
	}
	defer clear(pt)
	return NewText(string(pt)), nil
}

// SealPersonalIdentityNumber seals p's twelve clear digits with s, binding them to
// associatedData (see [Sealer]). The zero number gives the zero Sealed without calling s.
func SealPersonalIdentityNumber(s Sealer, p PersonalIdentityNumber, associatedData []byte) (Sealed, error) {
	var b [12]byte
	if !p.digits12(&b) {
		return Sealed{}, nil
	}
	if s == nil {
		return Sealed{}, errNoSealer
	}
	defer clear(b[:])
	return s.Seal(b[:], associatedData)
}

// OpenPersonalIdentityNumber opens a value sealed by [SealPersonalIdentityNumber] with the
// same associatedData and parses the twelve digits again (every check except "not in the
// future", see ParsePersonalIdentityNumberAt), so the number always round-trips. The zero
// Sealed gives the zero number. A value that opens but does not hold twelve digits of a
// valid number — sealed by something else under the same associated data — fails with an
// error matching both [ErrUnsealFailed] and the *ParseError's sentinel.
func OpenPersonalIdentityNumber(s Sealer, sealed Sealed, associatedData []byte) (PersonalIdentityNumber, error) {
	if sealed.IsZero() {
		return PersonalIdentityNumber{}, nil
	}
	if s == nil {
		return PersonalIdentityNumber{}, errNoSealer
	}
	pt, err := s.Open(sealed, associatedData)
	if err != nil {
		return PersonalIdentityNumber{}, err
	}
	defer clear(pt)
	if len(pt) != 12 {
		return PersonalIdentityNumber{}, fmt.Errorf("%w: %w", ErrUnsealFailed, KindPersonalIdentityNumber.Wrap(ErrLength))
	}
	p, err := ParsePersonalIdentityNumberAt(string(pt), sealedPINRef)
	if err != nil {
		return PersonalIdentityNumber{}, fmt.Errorf("%w: %w", ErrUnsealFailed, err)
	}
	return p, nil
}
