package facility

import (
	"strings"

	"github.com/gridnotify/gridnotify/privacy"
)

// PartyKind says whether a party is a private person or a company — the
// manual's "Typ: Privat / Företag". It decides which identity number the
// party carries (personal identity number or organisation number) and which
// name fields apply.
type PartyKind uint8

// Party kinds.
const (
	// PartyKindUnset means the kind has not been chosen yet.
	PartyKindUnset PartyKind = iota
	// PartyKindPrivate is a private person ("Privat").
	PartyKindPrivate
	// PartyKindCompany is a company or other legal person ("Företag").
	PartyKindCompany
)

// String returns the English name: "private", "company", "unset", or
// "unknown" for a value outside the constants.
func (k PartyKind) String() string {
	switch k {
	case PartyKindUnset:
		return "unset"
	case PartyKindPrivate:
		return "private"
	case PartyKindCompany:
		return "company"
	}
	return "unknown"
}

// Swedish returns the label the manual's form shows: "Privat", "Företag",
// or "" when unset or unknown.
func (k PartyKind) Swedish() string {
	switch k {
	case PartyKindPrivate:
		return "Privat"
	case PartyKindCompany:
		return "Företag"
	}
	return ""
}

// MarshalText implements encoding.TextMarshaler: "private", "company", or
// empty when unset. A value outside the constants is a *privacy.ParseError
// of [KindPartyKind] wrapping privacy.ErrSyntax.
func (k PartyKind) MarshalText() ([]byte, error) {
	switch k {
	case PartyKindUnset:
		return []byte{}, nil
	case PartyKindPrivate, PartyKindCompany:
		return []byte(k.String()), nil
	}
	return nil, KindPartyKind.Wrap(privacy.ErrSyntax)
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts "private"
// and "company", the Swedish labels "privat" and "företag", in any ASCII
// letter case and with surrounding whitespace; empty text means unset.
// Anything else is a *privacy.ParseError of [KindPartyKind] wrapping
// privacy.ErrSyntax.
func (k *PartyKind) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	switch {
	case s == "":
		*k = PartyKindUnset
	case strings.EqualFold(s, "private"), strings.EqualFold(s, "privat"):
		*k = PartyKindPrivate
	case strings.EqualFold(s, "company"), strings.EqualFold(s, "företag"):
		*k = PartyKindCompany
	default:
		return KindPartyKind.Wrap(privacy.ErrSyntax)
	}
	return nil
}
