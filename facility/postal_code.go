package facility

import (
	"strings"

	"github.com/gridnotify/gridnotify/privacy"
)

// PostalCode is a Swedish postal code (postnummer): five digits, never
// starting with 0, written "NNN NN". The zero value means "no postal code".
// It holds no heap memory and compares with ==.
//
// A postal code on its own is not treated as personal data: it covers many
// households. The street and city next to it in an [Address] are masked.
type PostalCode struct {
	n uint32 // 10000–99999; 0 only for the zero value
}

// postalDigits is the number of digits in a postal code.
const postalDigits = 5

// ParsePostalCode parses a postal code. Surrounding whitespace is trimmed,
// then an optional country prefix "SE-", "SE " or "S-" (any letter case) is
// removed, and what remains must be "NNNNN" or "NNN NN" — no other spacing.
// The first digit must not be 0 (Swedish postal codes start at 100 00).
// Only ASCII digits count.
//
// Errors are a *privacy.ParseError of [KindPostalCode] wrapping
// privacy.ErrEmpty, privacy.ErrLength, privacy.ErrNotDigit or
// privacy.ErrSyntax. ParsePostalCode does not allocate on success.
func ParsePostalCode(s string) (PostalCode, error) {
	if len(s) > maxInput {
		return PostalCode{}, KindPostalCode.Wrap(privacy.ErrLength)
	}
	s = strings.TrimSpace(s)
	s = trimCountryPrefix(s)
	if s == "" {
		return PostalCode{}, KindPostalCode.Wrap(privacy.ErrEmpty)
	}
	var v uint32
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			// One space, only between the third and fourth digit.
			if n != 3 || i != 3 {
				return PostalCode{}, KindPostalCode.Wrap(privacy.ErrSyntax)
			}
			continue
		}
		if c < '0' || c > '9' {
			return PostalCode{}, KindPostalCode.Wrap(privacy.ErrNotDigit)
		}
		if n == postalDigits {
			return PostalCode{}, KindPostalCode.Wrap(privacy.ErrLength)
		}
		v = v*10 + uint32(c-'0')
		n++
	}
	if n != postalDigits || s[len(s)-1] == ' ' {
		return PostalCode{}, KindPostalCode.Wrap(privacy.ErrLength)
	}
	if v < 10000 {
		return PostalCode{}, KindPostalCode.Wrap(privacy.ErrSyntax)
	}
	return PostalCode{n: v}, nil
}

// trimCountryPrefix removes a leading "SE-", "SE " or "S-" in any letter
// case.
func trimCountryPrefix(s string) string {
	if len(s) >= 3 && (s[0] == 'S' || s[0] == 's') && (s[1] == 'E' || s[1] == 'e') && (s[2] == '-' || s[2] == ' ') {
		return s[3:]
	}
	if len(s) >= 2 && (s[0] == 'S' || s[0] == 's') && s[1] == '-' {
		return s[2:]
	}
	return s
}

// digits returns the five digits as ASCII.
func (p PostalCode) digits() [postalDigits]byte {
	var b [postalDigits]byte
	v := p.n
	for i := postalDigits - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}

// String returns the code as "NNN NN", or "" for the zero value.
func (p PostalCode) String() string {
	if p.IsZero() {
		return ""
	}
	b, _ := p.AppendText(make([]byte, 0, postalDigits+1))
	return string(b)
}

// Digits returns the five digits "NNNNN", or "" for the zero value.
func (p PostalCode) Digits() string {
	if p.IsZero() {
		return ""
	}
	d := p.digits()
	return string(d[:])
}

// IsZero reports whether p is the zero value (no postal code).
func (p PostalCode) IsZero() bool { return p.n == 0 }

// AppendText appends "NNN NN" (nothing for the zero value) to b. It
// implements encoding.TextAppender.
func (p PostalCode) AppendText(b []byte) ([]byte, error) {
	if p.IsZero() {
		return b, nil
	}
	d := p.digits()
	b = append(b, d[:3]...)
	b = append(b, ' ')
	return append(b, d[3:]...), nil
}

// MarshalText implements encoding.TextMarshaler: "NNN NN", or empty for the
// zero value.
func (p PostalCode) MarshalText() ([]byte, error) {
	return p.AppendText(make([]byte, 0, postalDigits+1))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts every form
// ParsePostalCode accepts; empty text gives the zero value.
func (p *PostalCode) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*p = PostalCode{}
		return nil
	}
	v, err := ParsePostalCode(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Equal reports whether p and o are the same postal code (== works too; go-cmp uses Equal).
func (p PostalCode) Equal(o PostalCode) bool { return p == o }
