package privacy

import (
	"fmt"
	"log/slog"
	"strings"
)

// Phone is a Swedish phone number normalised to E.164 ("+46701234567").
//
// Only Swedish numbers (+46) are accepted: the grid companies this library
// talks to are Swedish and want a Swedish contact number. It is masked in
// every output channel and stored obfuscated (see the package doc); the
// zero value means "no number" and prints as "".
type Phone struct {
	v string // hideString(E.164)
}

// National significant number (after +46, without the trunk 0) limits.
const (
	phoneMinNSN = 7
	phoneMaxNSN = 9
)

// ParsePhone parses a Swedish phone number.
//
// National forms start with the trunk prefix 0 ("070-123 45 67",
// "08-123 456 78", "0701234567"); international forms start "+46" or "0046"
// ("+46 70 123 45 67", "0046701234567"), optionally with the trunk 0 in
// parentheses ("+46 (0)70 123 45 67"); a single trunk 0 after the country
// code is dropped. Spaces, '-', '(' and ')' anywhere are separators and
// ignored; '+' only as the first character. The national significant number
// must have 7–9 digits and must not start with 0.
//
// Errors are *ParseError wrapping ErrEmpty, ErrLength (raw input over 64
// bytes, or a national number outside 7–9 digits), ErrNotDigit (any other
// character, including non-ASCII digits) or ErrPrefix (not +46/0046, or a
// national form not starting with 0). The result holds a string, so a
// successful parse allocates it (one allocation).
func ParsePhone(s string) (Phone, error) {
	if len(s) > maxInput {
		return Phone{}, KindPhone.Wrap(ErrLength)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Phone{}, KindPhone.Wrap(ErrEmpty)
	}
	var buf [maxInput]byte
	n := 0
	plus := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			buf[n] = c
			n++
		case c == ' ' || c == '-' || c == '(' || c == ')':
		case c == '+' && i == 0:
			plus = true
		default:
			return Phone{}, KindPhone.Wrap(ErrNotDigit)
		}
	}
	d := buf[:n]
	switch {
	case plus && len(d) >= 2 && d[0] == '4' && d[1] == '6':
		d = dropTrunk(d[2:])
	case !plus && len(d) >= 4 && string(d[:4]) == "0046":
		d = dropTrunk(d[4:])
	case !plus && len(d) >= 1 && d[0] == '0' && (len(d) < 2 || d[1] != '0'):
		d = d[1:]
	default:
		return Phone{}, KindPhone.Wrap(ErrPrefix)
	}
	if len(d) < phoneMinNSN || len(d) > phoneMaxNSN {
		return Phone{}, KindPhone.Wrap(ErrLength)
	}
	if d[0] == '0' {
		return Phone{}, KindPhone.Wrap(ErrPrefix)
	}
	var e164 [3 + phoneMaxNSN]byte
	copy(e164[:], "+46")
	m := 3 + copy(e164[3:], d)
	return Phone{v: hideString(e164[:m])}, nil
}

// dropTrunk removes one trunk-prefix 0 written after the country code, as
// in "+46 (0)70 ...".
func dropTrunk(d []byte) []byte {
	if len(d) > 0 && d[0] == '0' {
		return d[1:]
	}
	return d
}

// Reveal returns the clear number in E.164 form, "+46701234567", or "" for
// the zero value.
func (p Phone) Reveal() string { return showString(p.v) }

// IsMobile reports whether the number is in a mobile series: 070, 072, 073,
// 076 or 079 in national form.
func (p Phone) IsMobile() bool {
	e := showString(p.v)
	if len(e) < 5 || e[3] != '7' {
		return false
	}
	switch e[4] {
	case '0', '2', '3', '6', '9':
		return true
	}
	return false
}

// String returns the masked form "+46 70 *** ** 67": the country code; the
// first two digits of the national number (the mobile series or area code),
// or only "8" for Stockholm numbers (08); a fixed "*** **" whatever the
// length, so the length is not shown either; and the last two digits. The
// two shown prefixes are not personal data; the last two let a person
// recognise their own number. "" for the zero value.
func (p Phone) String() string {
	e := showString(p.v)
	if len(e) < 3+phoneMinNSN {
		return ""
	}
	nsn := e[3:]
	prefix := nsn[:2]
	if nsn[0] == '8' {
		prefix = nsn[:1]
	}
	return "+46 " + prefix + " *** ** " + nsn[len(nsn)-2:]
}

// IsZero reports whether p is the zero value (no number).
func (p Phone) IsZero() bool { return p.v == "" }

// Equal reports whether p and other are the same number (go-cmp uses it).
func (p Phone) Equal(other Phone) bool { return p.v == other.v }

// Format implements fmt.Formatter: every verb prints the masked form.
func (p Phone) Format(f fmt.State, verb rune) { formatMasked(f, verb, p.String()) }

// GoString implements fmt.GoStringer with the masked form as a quoted string.
func (p Phone) GoString() string { return goStringMasked(p.String()) }

// LogValue implements slog.LogValuer with the masked form.
func (p Phone) LogValue() slog.Value { return logValueMasked(p.String()) }

// MarshalJSON implements json.Marshaler with the masked form as a JSON string.
func (p Phone) MarshalJSON() ([]byte, error) { return marshalJSONMasked(p.String()) }

// MarshalText implements encoding.TextMarshaler with the masked form.
func (p Phone) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: it accepts the clear
// form (anything ParsePhone accepts); masked text fails with ErrMasked;
// empty text gives the zero value.
func (p *Phone) UnmarshalText(text []byte) error {
	s := string(text)
	switch {
	case looksMasked(s):
		return KindPhone.Wrap(ErrMasked)
	case isBlank(s):
		*p = Phone{}
		return nil
	}
	v, err := ParsePhone(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler like UnmarshalText; null leaves
// p unchanged.
func (p *Phone) UnmarshalJSON(data []byte) error {
	s, isNull, err := decodeJSONString(KindPhone, data)
	if err != nil || isNull {
		return err
	}
	return p.UnmarshalText([]byte(s))
}
