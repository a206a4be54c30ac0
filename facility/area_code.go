package facility

import (
	"strings"

	"github.com/gridnotify/gridnotify/privacy"
)

// AreaCode is a grid-area code (områdes-ID), three characters from A–Z and
// 0–9 such as "HBG" or "STH". It names the grid area (nätområde) a facility
// belongs to; the human-readable name ("Helsingborg") is grid-company
// configuration, not part of the code. The empty string means "no area".
type AreaCode string

// areaCodeLen is the exact length of an area code.
const areaCodeLen = 3

// ParseAreaCode parses a grid-area code: surrounding whitespace trimmed,
// ASCII letters upper-cased, then exactly three characters from A–Z and 0–9.
// Errors are a *privacy.ParseError of [KindAreaCode] wrapping
// privacy.ErrEmpty, privacy.ErrLength or privacy.ErrSyntax.
//
// It does not allocate when s is already upper case.
func ParseAreaCode(s string) (AreaCode, error) {
	if len(s) > maxInput {
		return "", KindAreaCode.Wrap(privacy.ErrLength)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", KindAreaCode.Wrap(privacy.ErrEmpty)
	}
	upper := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c >= 'a' && c <= 'z':
			upper = false
		default:
			return "", KindAreaCode.Wrap(privacy.ErrSyntax)
		}
	}
	if len(s) != areaCodeLen {
		return "", KindAreaCode.Wrap(privacy.ErrLength)
	}
	if upper {
		return AreaCode(s), nil
	}
	var b [areaCodeLen]byte
	for i := range b {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b[i] = c
	}
	return AreaCode(b[:]), nil
}

// IsZero reports whether a is empty (no area).
func (a AreaCode) IsZero() bool { return a == "" }

// String returns the code.
func (a AreaCode) String() string { return string(a) }
